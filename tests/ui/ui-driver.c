/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ui-driver"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <glib/gstdio.h>

#include "ui-driver.h"
#include "ey-demo-site-private.h"
#include "ey-demo-token.h"
#include "ey-page-sign-in.h"
#include "ey-page-signing.h"
#include "ey-pin-entry.h"
#include "ey-site-client.h"
#include "ey-test-common.h"

void
ui_driver_drop_args (int   *argc,
                     char **argv,
                     int    i,
                     int    n)
{
  /* argv[argc] (NULL) moves down too */
  memmove (&argv[i], &argv[i + n], (*argc - i - n + 1) * sizeof (char *));
  *argc -= n;
}

gboolean
ui_driver_take_switch (int        *argc,
                       char      **argv,
                       const char *name)
{
  gboolean found = FALSE;

  for (int i = 1; i < *argc; i++)
    if (g_strcmp0 (argv[i], name) == 0)
      {
        ui_driver_drop_args (argc, argv, i--, 1);
        found = TRUE;
      }
  return found;
}

gboolean
ui_driver_take_turkish (int   *argc,
                        char **argv)
{
  if (!ui_driver_take_switch (argc, argv, "--turkish"))
    return FALSE;
  g_setenv ("LC_ALL", "tr_TR.UTF-8", TRUE);
  g_unsetenv ("LANGUAGE");
  return TRUE;
}

gboolean
ui_spin_until (gboolean (*condition) (gpointer data),
               gpointer   data,
               guint      timeout_ms)
{
  return ey_test_spin_until (condition, data, timeout_ms);
}

static gboolean
never (gpointer data)
{
  return FALSE;
}

void
ui_spin_for (guint ms)
{
  ui_spin_until (never, NULL, ms);
}

typedef struct
{
  UiDriver   *driver;
  const char *name;
} PageWait;

static gboolean
page_is (gpointer data)
{
  PageWait *wait = data;
  EySession *session = ey_window_get_session (wait->driver->window);

  GtkStack *stack = GTK_STACK (gtk_widget_get_template_child (GTK_WIDGET (wait->driver->window),
                                                              EY_TYPE_WINDOW, "stack"));

  /* The window names a page as soon as it fills it in, and shows it a frame later. */
  return g_strcmp0 (ey_window_get_visible_page_name (wait->driver->window), wait->name) == 0 &&
         g_strcmp0 (gtk_stack_get_visible_child_name (stack), wait->name) == 0 &&
         session && !ey_session_get_busy (session);
}

static gboolean
signing_text_settled (gpointer data)
{
  EyPageSigning *page = data;

  return ey_page_signing_get_text_ready (page) ||
         (!ey_page_signing_get_fetching (page) && *ey_step_page_get_error_text (EY_STEP_PAGE (page)));
}

gboolean
ui_wait_page (UiDriver   *driver,
              const char *name)
{
  PageWait wait = { driver, name };
  gboolean ok = ui_spin_until (page_is, &wait, 20000);

  /* The signing page fetches the text to sign first; the PIN waits for it */
  if (ok && g_strcmp0 (name, "signing") == 0)
    ok = ui_spin_until (signing_text_settled, ui_page (driver, "signing"), 20000);
  if (!ok)
    g_test_message ("expected page %s, at %s (error: %s)", name,
                    ey_window_get_visible_page_name (driver->window), ui_error_text (driver));
  return ok;
}

gboolean
ui_session_idle (gpointer data)
{
  UiDriver *driver = data;
  EySession *session = ey_window_get_session (driver->window);

  return session && !ey_session_get_busy (session);
}

gboolean
ui_wait_idle (UiDriver *driver)
{
  /* Let the action start first: busy goes up only once the request is on its way. */
  ui_spin_for (50);
  return ui_spin_until (ui_session_idle, driver, 20000);
}

static gboolean
certificates_ready (gpointer data)
{
  UiDriver *driver = data;
  GPtrArray *certificates = ey_application_get_certificates (driver->app);

  return !ey_application_get_certificates_busy (driver->app) && certificates &&
         certificates->len > 0;
}

gboolean
ui_wait_certificates (UiDriver *driver)
{
  return ui_spin_until (certificates_ready, driver, 20000);
}

EyStepPage *
ui_page (UiDriver   *driver,
         const char *name)
{
  return ey_window_get_page (driver->window, name);
}

GtkWidget *
ui_child (UiDriver   *driver,
          const char *page,
          const char *child)
{
  EyStepPage *widget = ui_page (driver, page);
  GObject *object;

  g_assert_nonnull (widget);
  object = gtk_widget_get_template_child (GTK_WIDGET (widget), G_OBJECT_TYPE (widget), child);
  g_assert_nonnull (object);
  return GTK_WIDGET (object);
}

void
ui_set_text (UiDriver   *driver,
             const char *page,
             const char *child,
             const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (ui_child (driver, page, child)), text);
}

void
ui_next (UiDriver *driver)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (driver->window), "win.next", NULL));
}

const char *
ui_error_text (UiDriver *driver)
{
  EyStepPage *page = ey_window_get_visible_page (driver->window);

  return page ? ey_step_page_get_error_text (page) : "";
}

GtkWidget *
ui_find_named (GtkWidget  *root,
               const char *name)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (g_strcmp0 (gtk_widget_get_name (child), name) == 0)
        return child;
      if ((found = ui_find_named (child, name)))
        return found;
    }
  return NULL;
}

void
ui_paste_mail (UiDriver   *driver,
               const char *name,
               const char *password)
{
  g_autofree char *mail = NULL;
  GtkTextView *view = GTK_TEXT_VIEW (ui_child (driver, "mail", "mail_view"));

  mail = g_strdup_printf ("Kimden: bilgilendirme@kamusm.gov.tr\n"
                          "Sayın %s,\n\n"
                          "Bu mesaj nitelikli elektronik sertifika başvurunuz içindir.\n"
                          "IĞDIR ÜNİVERSİTESİ REKTÖRLÜĞÜ için kullanılacak;\n"
                          "Başvuru Formu Erişim Parolanız : %s\n"
                          "Başvuru Formu Erişim Adresiniz : "
                          "https://basvuru.kamusm.gov.tr/bs/login.go\n", name, password);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (view), mail, -1);
  /* The memory scans of ui-secrets look for the password: not the driver's copy */
  explicit_bzero (mail, strlen (mail));
}

/* From the welcome page to the sign-in page: the access mail of @name pasted on the way. */
gboolean
ui_walk_to_sign_in (UiDriver   *driver,
                    const char *name,
                    const char *password)
{
  ui_next (driver);
  if (!ui_wait_page (driver, "mail"))
    return FALSE;
  ui_paste_mail (driver, name, password);
  ui_next (driver);
  return ui_wait_page (driver, "sign-in");
}

/* From the welcome page to the SMS sent, as @identity with the access mail of @name. */
char *
ui_walk_to_sms_code (UiDriver   *driver,
                     const char *name,
                     const char *password,
                     const char *identity)
{
  if (!ui_walk_to_sign_in (driver, name, password))
    return NULL;
  ui_set_text (driver, "sign-in", "identity_row", identity);
  ui_set_text (driver, "sign-in", "captcha_row", UI_DRIVER_CAPTCHA);
  ui_next (driver);
  if (!ui_spin_until (ui_signed_in, driver, 30000) || !ui_walk_to_sms_sent (driver))
    return NULL;
  return ui_sms_code (driver, identity);
}

gboolean
ui_sign_in (UiDriver   *driver,
            const char *identity,
            const char *captcha)
{
  ui_set_text (driver, "sign-in", "identity_row", identity);
  ui_set_text (driver, "sign-in", "captcha_row", captcha);
  ui_next (driver);
  return ui_wait_idle (driver);
}

gboolean
ui_fill_form (UiDriver *driver)
{
  GtkWidget *page = GTK_WIDGET (ui_page (driver, "form"));
  GtkWidget *word = ui_find_named (page, "security_word");
  GtkWidget *again = ui_find_named (page, "security_word_again");

  if (word == NULL || again == NULL)
    return FALSE;
  gtk_editable_set_text (GTK_EDITABLE (word), "mavi-kalem-7");
  gtk_editable_set_text (GTK_EDITABLE (again), "mavi-kalem-7");
  return TRUE;
}

gboolean
ui_signed_in (gpointer data)
{
  UiDriver *driver = data;
  const char *page = ey_window_get_visible_page_name (driver->window);

  return !ey_session_get_busy (ey_window_get_session (driver->window)) &&
         (g_strcmp0 (page, "order") == 0 || g_strcmp0 (page, "form") == 0);
}

/* From a signed-in session to the form: past the order page when the site asks which. */
gboolean
ui_walk_to_form (UiDriver *driver)
{
  if (g_strcmp0 (ey_window_get_visible_page_name (driver->window), "order") == 0)
    {
      ui_next (driver);
      ui_wait_idle (driver);
    }
  return ui_wait_page (driver, "form");
}

/* From the form page to the SMS sent: the filled form, then the SMS page's Continue. */
gboolean
ui_walk_form_to_sms_sent (UiDriver *driver)
{
  if (!ui_fill_form (driver))
    return FALSE;
  ui_next (driver);
  if (!ui_wait_page (driver, "sms"))
    return FALSE;
  ui_next (driver);   /* send the SMS */
  return ui_wait_idle (driver);
}

/* From a signed-in session to the SMS sent. */
gboolean
ui_walk_to_sms_sent (UiDriver *driver)
{
  return ui_walk_to_form (driver) && ui_walk_form_to_sms_sent (driver);
}

/* From the SMS page with the code sent to the signing page: @code typed, the E-Onay
 * page's choice kept, the consent ticked. */
gboolean
ui_walk_sms_to_signing (UiDriver   *driver,
                        const char *code)
{
  ui_set_text (driver, "sms", "code_row", code);
  ui_next (driver);
  return ui_wait_page (driver, "eonay") && ui_walk_eonay_to_signing (driver);
}

/* From the E-Onay page, its choice as it is: Continue, then the consent page. */
gboolean
ui_walk_eonay_to_signing (UiDriver *driver)
{
  ui_next (driver);
  return ui_walk_consent_to_signing (driver);
}

/* On the consent page (once it comes): ticked, then Continue to the signing page. */
gboolean
ui_walk_consent_to_signing (UiDriver *driver)
{
  if (!ui_wait_page (driver, "consent"))
    return FALSE;
  gtk_check_button_set_active (GTK_CHECK_BUTTON (ui_child (driver, "consent", "accept_check")),
                               TRUE);
  ui_next (driver);
  return ui_wait_page (driver, "signing");
}

gboolean
ui_done_or_failed (gpointer data)
{
  UiDriver *driver = data;
  const char *page = ey_window_get_visible_page_name (driver->window);

  if (ey_session_get_busy (ey_window_get_session (driver->window)))
    return FALSE;
  return g_strcmp0 (page, "done") == 0 || *ui_error_text (driver) != '\0';
}

gboolean
ui_pin_refused (gpointer data)
{
  return ey_pin_entry_get_tries_left (EY_PIN_ENTRY (data)) < 3;
}

gboolean
ui_is_true (gpointer data)
{
  return *(gboolean *) data;
}

gboolean
ui_can_sign (gpointer data)
{
  UiDriver *driver = data;

  return !ey_application_get_certificates_busy (driver->app) &&
         ey_step_page_get_can_continue (ui_page (driver, "signing"));
}

char *
ui_sms_code (UiDriver   *driver,
             const char *identity)
{
  return ey_sim_server_get_last_sms_code (driver->sim, identity);
}

/* In place of the kamusm-sim child: the in-process simulator, started with what the
 * child would get, so the tests can use its control API (faults, log, timers). */
static gboolean
in_process_site (const EyDemoSiteConfig  *config,
                 char                   **base_url,
                 GTlsCertificate        **certificate,
                 gpointer                 user_data,
                 GError                 **error)
{
  UiDriver *driver = user_data;
  const char *ca_files[2] = { config->trust_ca_file, NULL };
  g_autofree char *mail = NULL;
  EySimOptions opts;

  ey_sim_options_init (&opts);
  opts.trust_ca_files = ca_files;
  opts.state_file = config->state_file;
  opts.captcha_text = config->captcha;
  opts.sms_file = config->sms_file;
  opts.demo = TRUE;
  g_clear_object (&driver->sim);
  driver->sim = ey_sim_server_new (&opts);
  if (!ey_sim_server_start (driver->sim, 0, error))
    return FALSE;
  mail = ey_sim_server_get_access_mail (driver->sim, config->mail_identity);
  if (mail == NULL || !g_file_set_contents (config->mail_file, mail, -1, error))
    return FALSE;
  {
    /* The officer's demo colleagues' mails beside it, as the child writes them. */
    g_autofree char *folder = g_path_get_dirname (config->mail_file);
    guint n = 0;
    const EyDemoColleague *colleagues = ey_demo_colleagues (&n);

    for (guint i = 0; i < n; i++)
      {
        g_autofree char *name = g_strdup_printf ("mail-%s.txt", colleagues[i].identity);
        g_autofree char *file = g_build_filename (folder, name, NULL);
        g_autofree char *text = ey_sim_server_get_access_mail (driver->sim, colleagues[i].identity);

        if (text == NULL || !g_file_set_contents (file, text, -1, error))
          return FALSE;
      }
  }
  *base_url = g_strdup (ey_sim_server_get_base_url (driver->sim));
  *certificate = g_object_ref (ey_sim_server_get_certificate (driver->sim));
  return TRUE;
}

static gboolean
window_has_session (gpointer data)
{
  UiDriver *driver = data;

  /* The newest assistant window (the list starts with the most recently active); with
   * officer mode on, the Colleagues window may be the active one. */
  driver->window = NULL;
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (driver->app)); l; l = l->next)
    if (EY_IS_WINDOW (l->data))
      {
        driver->window = l->data;
        break;
      }
  return driver->window && ey_window_get_session (driver->window) != NULL;
}

gboolean
ui_driver_wait_site (UiDriver *driver)
{
  return ui_spin_until (window_has_session, driver, 30000);
}

UiDriver *
ui_driver_new (void)
{
  UiDriver *driver = ui_driver_new_full (FALSE);

  g_assert_true (ui_driver_wait_site (driver));
  g_assert_nonnull (driver->sim);
  return driver;
}

UiDriver *
ui_driver_new_full (gboolean child)
{
  UiDriver *driver = g_new0 (UiDriver, 1);
  g_autofree char *app_id = NULL;
  static guint serial;
  g_autoptr(GError) error = NULL;

  driver->tmpdir = g_dir_make_tmp ("eimza-ui-test-XXXXXX", &error);
  g_assert_no_error (error);
  /* No environment is changed here: GTK's and GLib's threads are running, and a
   * setenv () beside their getenv () crashed ui-clerk at start (1 run in 10).  The
   * process's folders and switches are set before main (isolate_process_home ()). */

  _ey_demo_site_set_launcher (child ? NULL : in_process_site, driver);
  driver->app = ey_application_new (TRUE);
  /* A fresh ID per driver: on a session bus each registration exports an object path. */
  app_id = g_strdup_printf ("%s.Test%u", g_application_get_application_id (G_APPLICATION (driver->app)),
                            ++serial);
  g_application_set_application_id (G_APPLICATION (driver->app), app_id);
  g_application_set_flags (G_APPLICATION (driver->app), G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (driver->app), NULL, &error));
  g_assert_no_error (error);
  g_application_activate (G_APPLICATION (driver->app));
  /* The assistant's window; with officer mode on the Colleagues window comes beside it. */
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (driver->app)); l; l = l->next)
    if (EY_IS_WINDOW (l->data))
      driver->window = l->data;
  g_assert_nonnull (driver->window);
  return driver;
}

guint
ui_count (UiDriver   *driver,
          const char *event,
          const char *key,
          const char *value)
{
  GPtrArray *log = ey_sim_server_get_log (driver->sim);
  guint count = 0;

  for (guint i = driver->log_base; log && i < log->len; i++)
    {
      JsonObject *object = g_ptr_array_index (log, i);

      if (g_strcmp0 (json_object_get_string_member_with_default (object, "event", ""), event) != 0)
        continue;
      if (key && g_strcmp0 (json_object_get_string_member_with_default (object, key, ""), value) != 0)
        continue;
      count++;
    }
  return count;
}

void
ui_driver_new_window (UiDriver *driver,
                      int       width,
                      int       height)
{
  EyWindow *old = driver->window;

  driver->log_base = ey_sim_server_get_log (driver->sim)->len;
  driver->window = ey_window_new (driver->app);
  gtk_window_set_default_size (GTK_WINDOW (driver->window), width, height);
  gtk_window_present (GTK_WINDOW (driver->window));
  if (old)
    gtk_window_destroy (GTK_WINDOW (old));
  ui_spin_for (300);
}

static char *process_home;

static void
remove_process_home (void)
{
  if (process_home != NULL)
    ey_test_remove_tree (process_home);
}

/* GLib reads XDG_DATA_HOME, XDG_STATE_HOME and XDG_CACHE_HOME once, at the first
 * g_get_user_*_dir () call, which GTK makes during gtk_test_init (): the per-driver
 * folders set in ui_driver_new () come too late, and the demo site's state, the kept
 * renewal and the recovery records went into the real home, shared by the UI tests
 * running side by side.  Each test process (and each g_test_trap_subprocess () child)
 * gets its own folders before main () instead. */
__attribute__((constructor)) static void
isolate_process_home (void)
{
  /* Laid out as in a home folder: the screenshots show these paths */
  static const struct { const char *name, *folder; } names[] = {
    { "XDG_DATA_HOME", ".local/share" },
    { "XDG_STATE_HOME", ".local/state" },
    { "XDG_CACHE_HOME", ".cache" },
  };

  /* Before any thread, as the programs' main() does */
  ey_site_client_init_tls_policy ();
  process_home = g_dir_make_tmp ("eimza-ui-home-XXXXXX", NULL);
  if (process_home == NULL)
    return;
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *dir = g_build_filename (process_home, names[i].folder, NULL);

      g_setenv (names[i].name, dir, TRUE);
    }
  /* A test may pick its own CAPTCHA text (e.g. with i/I under a Turkish locale) in its
   * main (); the card monitor is for the tests that unset this, also in main (). */
  g_setenv ("EY_DEMO_CAPTCHA", UI_DRIVER_CAPTCHA, FALSE);
  g_setenv ("EY_NO_CARD_MONITOR", "1", TRUE);
  atexit (remove_process_home);
}

void
ui_driver_free (UiDriver *driver)
{
  GList *windows;

  /* Close without the guard's question: the test decides. */
  while ((windows = gtk_application_get_windows (GTK_APPLICATION (driver->app))))
    gtk_window_destroy (GTK_WINDOW (windows->data));
  driver->window = NULL;
  ui_spin_for (50);
  /* register() ran startup; shutdown runs only at the end of g_application_run(), which
   * the tests do not use: run it here, as the application would at exit. */
  g_signal_emit_by_name (driver->app, "shutdown");
  _ey_demo_site_set_launcher (NULL, NULL);
  if (driver->sim)
    ey_sim_server_stop (driver->sim);
  g_clear_object (&driver->sim);
  /* Not unreffed: GApplication warns when an application registered without
   * g_application_run() is finalized, and the test process ends soon anyway. */
  driver->app = NULL;
  ey_test_remove_tree (driver->tmpdir);
  g_free (driver->tmpdir);
  g_free (driver);
}
