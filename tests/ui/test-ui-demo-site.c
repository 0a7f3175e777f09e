/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The demo against its real site: kamusm-sim as a child process ($EY_KAMUSM_SIM), its
 * ready file, SMS gateway file and access mail; the child ends with the application,
 * even when the application is killed; a site that cannot start is said in view. */
#define G_LOG_DOMAIN "test-ui-demo-site"

#include "config.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>
#include <glib/gstdio.h>

#include "ui-driver.h"
#include "ey-demo-site-private.h"
#include "ey-demo-token.h"
#include "ey-sim-people.h"
#include "ey-test-common.h"

#define AYSE_PASS "Ab3kT9qz"

/* The simulator and its people file as this process's children find them: links in a
 * folder of its own, so a test takes one away (and puts it back) without changing the
 * environment once GTK's threads run (a setenv () beside their getenv () can crash). */
static char *site_dir;
static char *site_program;
static char *site_people;
static char *real_program;
static char *real_people;

static void
link_site_file (const char *link,
                const char *target)
{
  g_assert_no_errno (symlink (target, link));
}

static void
remove_site_dir (void)
{
  if (site_dir != NULL)
    ey_test_remove_tree (site_dir);
}

/* In main (), before any thread: the children (g_test_trap_subprocess ()) inherit it. */
static void
setup_site_dir (void)
{
  g_autofree char *pid_file = NULL;

  if (g_getenv ("EY_TEST_SITE_DIR") != NULL)
    return;
  site_dir = g_dir_make_tmp ("ey-demo-site-XXXXXX", NULL);
  g_assert_nonnull (site_dir);
  atexit (remove_site_dir);
  real_program = g_strdup (g_getenv ("EY_KAMUSM_SIM"));
  real_people = ey_sim_people_default_path ();
  g_assert_nonnull (real_program);
  site_program = g_build_filename (site_dir, "kamusm-sim", NULL);
  site_people = g_build_filename (site_dir, "people.ini", NULL);
  link_site_file (site_program, real_program);
  link_site_file (site_people, real_people);
  g_setenv ("EY_TEST_SITE_DIR", site_dir, TRUE);
  g_setenv ("EY_KAMUSM_SIM", site_program, TRUE);
  g_setenv ("EY_SIM_PEOPLE", site_people, TRUE);
  pid_file = g_build_filename (site_dir, "child.pid", NULL);
  g_setenv ("EY_TEST_PID_FILE", pid_file, TRUE);
}

static gboolean
process_gone (GPid pid)
{
  return kill (pid, 0) != 0 && errno == ESRCH;
}

/* Waits (up to @timeout_ms, failing then) for @pid to end: a pidfd is readable once it
 * has; a process already gone has no pidfd. */
static gboolean
wait_process_end (GPid pid,
                  int  timeout_ms)
{
  int fd = (int) syscall (SYS_pidfd_open, pid, 0);
  struct pollfd poll_fd = { .events = POLLIN };
  int n;

  if (fd < 0)
    return errno == ESRCH;
  poll_fd.fd = fd;
  do
    n = poll (&poll_fd, 1, timeout_ms);
  while (n < 0 && errno == EINTR);
  close (fd);
  return n == 1;
}

static GPid
site_pid (UiDriver *driver)
{
  EyDemoSite *site = ey_application_get_demo_site (driver->app);

  g_assert_nonnull (site);
  return _ey_demo_site_get_pid (site);
}

static gboolean
page_idle_at (UiDriver   *driver,
              const char *name)
{
  return ui_wait_page (driver, name) && ui_wait_idle (driver);
}

static gboolean
password_read (gpointer data)
{
  UiDriver *driver = data;

  return g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (ui_child (driver, "mail", "password_row"))),
                    AYSE_PASS) == 0;
}

/* The whole demo renewal up to the E-Onay choice, with what the child tells: the access
 * mail from its mail file, the code from its SMS gateway file. */
static void
test_child (void)
{
  UiDriver *driver = ui_driver_new_full (TRUE);
  GtkTextBuffer *buffer;
  g_autofree char *mail = NULL;
  const char *title;
  char code[7] = { 0 };
  GtkTextIter start, end;
  GPid pid;

  g_assert_true (ui_driver_wait_site (driver));
  g_assert_null (driver->sim);
  pid = site_pid (driver);
  g_assert_cmpint (pid, >, 0);
  g_assert_cmpstr (ey_window_get_visible_page_name (driver->window), ==, "welcome");
  g_assert_true (ey_step_page_get_can_continue (ui_page (driver, "welcome")));
  g_assert_true (g_str_has_prefix (ey_demo_site_get_base_url (ey_application_get_demo_site (driver->app)),
                                   "https://127.0.0.1:"));

  ui_next (driver);
  g_assert_true (ui_wait_page (driver, "mail"));
  g_assert_true (gtk_widget_get_visible (ui_child (driver, "mail", "demo_mail_button")));
  g_signal_emit_by_name (ui_child (driver, "mail", "demo_mail_button"), "clicked");
  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (ui_child (driver, "mail", "mail_view")));
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  mail = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  g_assert_nonnull (strstr (mail, AYSE_PASS));
  /* A long paste is read after a pause, as while typing. */
  g_assert_true (ui_spin_until (password_read, driver, 10000));
  ui_next (driver);
  g_assert_true (page_idle_at (driver, "sign-in"));

  g_assert_true (ui_sign_in (driver, EY_DEMO_IDENTITY, UI_DRIVER_CAPTCHA));
  if (g_strcmp0 (ey_window_get_visible_page_name (driver->window), "order") == 0)
    {
      ui_next (driver);
      g_assert_true (ui_wait_idle (driver));
    }
  g_assert_true (page_idle_at (driver, "form"));
  g_assert_true (ui_fill_form (driver));
  ui_next (driver);
  g_assert_true (page_idle_at (driver, "sms"));
  ui_next (driver);   /* send the SMS */
  g_assert_true (ui_wait_idle (driver));
  g_assert_true (gtk_widget_get_visible (ui_child (driver, "sms", "code_box")));

  /* The demo's SMS inbox shows the code the child put in its gateway file. */
  g_assert_true (gtk_widget_get_visible (ui_child (driver, "sms", "inbox_group")));
  title = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (ui_child (driver, "sms", "inbox_row")));
  g_test_message ("SMS inbox: %s", title);
  for (const char *p = title; *p; p++)
    if (g_ascii_isdigit (*p) && strlen (p) >= 6 && strspn (p, "0123456789") == 6)
      {
        memcpy (code, p, 6);
        break;
      }
  g_assert_cmpuint (strlen (code), ==, 6);
  ui_set_text (driver, "sms", "code_row", code);
  ui_next (driver);
  g_assert_true (page_idle_at (driver, "eonay"));

  /* Quit: the child is stopped and waited for before shutdown returns. */
  ui_driver_free (driver);
  g_assert_true (process_gone (pid));
}

/* The application killed outright (no shutdown): the child gets its TERM from the
 * kernel (PR_SET_PDEATHSIG) and ends too. */
static void
test_parent_killed (void)
{
  const char *pid_file = g_getenv ("EY_TEST_PID_FILE");
  g_autofree char *text = NULL;
  GPid pid;

  if (g_test_subprocess ())
    {
      UiDriver *driver = ui_driver_new_full (TRUE);
      g_autofree char *line = NULL;

      g_assert_true (ui_driver_wait_site (driver));
      line = g_strdup_printf ("%d", (int) site_pid (driver));
      g_assert_true (g_file_set_contents (g_getenv ("EY_TEST_PID_FILE"), line, -1, NULL));
      _exit (0);
    }

  g_test_trap_subprocess (NULL, 60 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
  g_assert_true (g_file_get_contents (pid_file, &text, NULL, NULL));
  g_unlink (pid_file);
  pid = (GPid) g_ascii_strtoll (text, NULL, 10);
  g_assert_cmpint (pid, >, 0);
  g_assert_true (wait_process_end (pid, 20000));
}

static gboolean
site_failed (gpointer data)
{
  UiDriver *driver = data;

  return ey_application_get_demo_site_error (driver->app) != NULL;
}

/* No simulator installed: the welcome page says which package to install (no hang,
 * no renewal against anything else). */
static void
test_missing (void)
{
  UiDriver *driver;
  EyStepPage *welcome;

  g_assert_no_errno (g_unlink (site_program));
  driver = ui_driver_new_full (TRUE);
  g_assert_true (ui_spin_until (site_failed, driver, 30000));
  g_assert_null (ey_window_get_session (driver->window));
  welcome = ui_page (driver, "welcome");
  g_assert_cmpstr (ey_window_get_visible_page_name (driver->window), ==, "welcome");
  g_test_message ("error: %s", ey_step_page_get_error_text (welcome));
  g_assert_nonnull (strstr (ey_step_page_get_error_text (welcome), "eimza-yenile-demo"));
  g_assert_true (ey_step_page_get_can_continue (welcome));
  g_assert_cmpstr (ey_step_page_get_continue_label (welcome), ==, "_Try Again");

  /* Installed now: Try Again starts it and the renewal can begin. */
  link_site_file (site_program, real_program);
  ui_next (driver);
  g_assert_true (ui_driver_wait_site (driver));
  g_assert_cmpint (site_pid (driver), >, 0);
  ui_driver_free (driver);
}

/* The simulator runs but fails (here: its people file is gone): what it said is in
 * view, and nothing waits for a site that will never answer. */
static void
test_fails (void)
{
  UiDriver *driver;
  const char *text;

  g_assert_no_errno (g_unlink (site_people));
  driver = ui_driver_new_full (TRUE);
  g_assert_true (ui_spin_until (site_failed, driver, 30000));
  text = ey_step_page_get_error_text (ui_page (driver, "welcome"));
  g_test_message ("error: %s", text);
  g_assert_nonnull (strstr (text, "The demo site stopped before it was ready"));
  g_assert_nonnull (strstr (text, "people.ini"));
  g_assert_null (ey_window_get_session (driver->window));
  link_site_file (site_people, real_people);
  ui_driver_free (driver);
}

int
main (int   argc,
      char *argv[])
{
  setup_site_dir ();
  ey_application_init_i18n ();
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/demo-site/child", test_child);
  g_test_add_func ("/demo-site/parent-killed", test_parent_killed);
  g_test_add_func ("/demo-site/missing", test_missing);
  g_test_add_func ("/demo-site/fails", test_fails);
  return g_test_run ();
}
