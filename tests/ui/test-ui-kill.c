/* SPDX-License-Identifier: GPL-3.0-or-later */
/* kill -9 of the GUI right after the site accepted the signature, then a fresh start
 * (issue 9).  The real window, in real mode, runs in a child process against a
 * kamusm-sim process that keeps its applications in a state file; the card is a
 * SoftHSM token reached through the quirky PKCS#11 wrapper, which counts C_Login and
 * C_Sign.  The site fails the method page after the signature (a 500 on every try),
 * so the application cannot be submitted; the test kills the child as soon as the
 * simulator's log shows that page asked for (the program wrote its note before that
 * request).  The simulator restarts from its state file without the fault, and a
 * fresh child must finish the application after sign-in: exactly one application and
 * one accepted signature in the log, no C_Login or C_Sign, no signing page, and the
 * pending notice gone.  /ui-kill/old-note turns the note into the single
 * pending-application.ini of the previous version before the fresh start, which must
 * move it into the real mode's notes and finish the application from it. */
#define G_LOG_DOMAIN "test-ui-kill"

#include "config.h"

#include <dlfcn.h>
#include <signal.h>
#include <string.h>
#include <sys/prctl.h>

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "ey-test-common.h"
#include "ui-driver.h"
#include "ey-pin-entry.h"
#include "ey-recovery.h"
#include "ey-session.h"
#include "ey-site-client.h"
#include "ey-token-manager.h"

#define AYSE_ID   "12345678950"
#define AYSE_NAME "AYŞE YILMAZ"
#define AYSE_PASS "Ab3kT9qz"
#define AYSE_PIN  "918273"
#define CAPTCHA   "K7M2Q"

static const char *sim_exe, *make_token, *pki_dir, *quirky_path;
static char *softhsm_conf;   /* the token of both starts */

/* ---- the child: the real window, driven through GTK --------------------------- */

static void
point_at_sim (UiDriver *driver)
{
  EySiteClient *client = ey_session_get_client (ey_window_get_session (driver->window));
  g_autoptr(GError) error = NULL;

  /* The real program talks to KamuSM; here to the simulator, pinned */
  g_assert_true (ey_site_client_set_base_url (client, g_getenv ("EY_KILL_URL"), &error));
  g_assert_no_error (error);
  g_assert_true (ey_site_client_set_pinned_cert_file (client, g_getenv ("EY_KILL_CERT"), &error));
  g_assert_no_error (error);
}

static UiDriver *
real_driver_new (void)
{
  EyTokenManager *manager = ey_token_manager_get_default ();
  UiDriver *driver = g_new0 (UiDriver, 1);
  g_autofree char *app_id = NULL;
  g_autoptr(GError) error = NULL;

  ey_token_manager_set_use_registered (manager, FALSE);
  ey_token_manager_add_module (manager, quirky_path);
  g_setenv ("EY_NO_CARD_MONITOR", "1", TRUE);

  driver->app = ey_application_new (FALSE);
  app_id = g_strdup_printf ("%s.KillTest%d", g_application_get_application_id (G_APPLICATION (driver->app)),
                            (int) getpid ());
  g_application_set_application_id (G_APPLICATION (driver->app), app_id);
  g_application_set_flags (G_APPLICATION (driver->app), G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (driver->app), NULL, &error));
  g_assert_no_error (error);
  g_application_activate (G_APPLICATION (driver->app));
  driver->window = EY_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (driver->app)));
  g_assert_nonnull (driver->window);
  point_at_sim (driver);
  return driver;
}

static void
real_driver_free (UiDriver *driver)
{
  GList *windows;

  while ((windows = gtk_application_get_windows (GTK_APPLICATION (driver->app))))
    gtk_window_destroy (GTK_WINDOW (windows->data));
  g_signal_emit_by_name (driver->app, "shutdown");
  g_free (driver);
}

/* The last SMS code the simulator sent (its --sms-file, JSON lines) */
static char *
last_sms_code (void)
{
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  char *code = NULL;

  g_assert_true (g_file_get_contents (g_getenv ("EY_KILL_SMS"), &text, NULL, NULL));
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i]; i++)
    {
      const char *at = strstr (lines[i], "\"code\":\"");

      if (at)
        {
          g_free (code);
          code = g_strndup (at + 8, strcspn (at + 8, "\""));
        }
    }
  return code;
}

static void
to_sign_in (UiDriver *driver)
{
  g_assert_true (ui_walk_to_sign_in (driver, AYSE_NAME, AYSE_PASS));
  ui_set_text (driver, "sign-in", "identity_row", AYSE_ID);
  ui_set_text (driver, "sign-in", "captcha_row", CAPTCHA);
  ui_next (driver);
}

/* Up to the accepted signature; the parent kills this process while the site fails the
 * page after it. */
static void
child_sign (void)
{
  UiDriver *driver = real_driver_new ();
  g_autofree char *code = NULL;

  g_assert_true (ui_wait_certificates (driver));
  to_sign_in (driver);
  g_assert_true (ui_spin_until (ui_signed_in, driver, 20000));
  g_assert_true (ui_walk_to_sms_sent (driver));
  code = last_sms_code ();
  g_assert_nonnull (code);
  g_assert_true (ui_walk_sms_to_signing (driver, code));
  gtk_editable_set_text (GTK_EDITABLE (ey_pin_entry_get_entry (
    EY_PIN_ENTRY (ui_child (driver, "signing", "pin_entry")))), AYSE_PIN);
  g_assert_true (ui_spin_until (ui_can_sign, driver, 20000));
  g_printerr ("# child: signing\n");
  ui_next (driver);
  /* Killed in here; staying alive this long is the failure */
  ui_spin_for (90000);
  g_printerr ("# child: not killed\n");
  exit (1);
}

typedef struct
{
  UiDriver *driver;
  gboolean  saw_signing;
} Watch;

static gboolean
done_or_failed (gpointer data)
{
  Watch *watch = data;
  const char *page = ey_window_get_visible_page_name (watch->driver->window);
  EySession *session = ey_window_get_session (watch->driver->window);

  if (g_strcmp0 (page, "signing") == 0)
    watch->saw_signing = TRUE;
  /* Any page of a renewal begun again is as much a failure as an error */
  return !ey_session_get_busy (session) &&
         (g_strcmp0 (page, "done") == 0 || *ui_error_text (watch->driver) != '\0' ||
          g_strcmp0 (page, "form") == 0 || g_strcmp0 (page, "order") == 0 ||
          g_strcmp0 (page, "signing") == 0);
}

static void
child_resume (void)
{
  UiDriver *driver = real_driver_new ();
  unsigned int (*login_calls) (void);
  unsigned int (*sign_calls) (void);
  void *quirky = dlopen (quirky_path, RTLD_NOW | RTLD_LOCAL);
  g_autofree char *real_dir = ey_recovery_default_dir ("real");
  g_autoptr(GPtrArray) notes = NULL;
  Watch watch = { driver, FALSE };
  EyWindow *old;

  g_assert_nonnull (quirky);
  *(gpointer *) &login_calls = dlsym (quirky, "ey_quirky_login_calls");
  *(gpointer *) &sign_calls = dlsym (quirky, "ey_quirky_sign_calls");
  g_assert_nonnull (login_calls);
  g_assert_nonnull (sign_calls);

  /* The killed program's note: said on the welcome page, handed to the renewal */
  notes = ey_recovery_list (real_dir);
  g_assert_cmpuint (notes->len, ==, 1);
  g_assert_true (gtk_widget_get_visible (ui_child (driver, "welcome", "notice_label")));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (ui_child (driver, "welcome", "notice_label"))),
                            AYSE_NAME));
  g_assert_nonnull (ey_session_get_recovery (ey_window_get_session (driver->window)));

  /* Sign in: the renewal finishes the application by itself, no card needed */
  to_sign_in (driver);
  g_assert_true (ui_spin_until (done_or_failed, &watch, 30000));
  if (g_strcmp0 (ey_window_get_visible_page_name (driver->window), "done") != 0)
    g_error ("after the fresh start: page %s, error '%s'",
             ey_window_get_visible_page_name (driver->window), ui_error_text (driver));
  g_assert_false (watch.saw_signing);
  g_assert_cmpint (ey_session_get_step (ey_window_get_session (driver->window)), ==,
                   EY_SESSION_STEP_DONE);
  g_assert_cmpuint (login_calls (), ==, 0);
  g_assert_cmpuint (sign_calls (), ==, 0);

  /* Confirmed: the note is gone and a new window says nothing of it */
  g_clear_pointer (&notes, g_ptr_array_unref);
  notes = ey_recovery_list (real_dir);
  g_assert_cmpuint (notes->len, ==, 0);
  old = driver->window;
  driver->window = ey_window_new (driver->app);
  gtk_window_present (GTK_WINDOW (driver->window));
  gtk_window_destroy (GTK_WINDOW (old));
  g_assert_true (ui_wait_page (driver, "welcome"));
  g_assert_false (gtk_widget_get_visible (ui_child (driver, "welcome", "notice_label")));
  g_assert_null (ey_session_get_recovery (ey_window_get_session (driver->window)));
  real_driver_free (driver);
  g_printerr ("# child: finished\n");
}

/* ---- the parent: simulator, token, children, kill ----------------------------- */

static void
die_with_parent (gpointer user_data)
{
  /* A failed assertion must not leave a simulator or a window running */
  prctl (PR_SET_PDEATHSIG, SIGKILL);
}

typedef struct
{
  GSubprocess *proc;
  char        *url;
  char        *cert;
} Sim;

static void
sim_start (Sim        *sim,
           const char *work,
           gboolean    fail_method_page)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_autofree char *ca = g_build_filename (pki_dir, "ca.pem", NULL);
  g_autofree char *log = g_build_filename (work, "state.log", NULL);
  g_autofree char *sms = g_build_filename (work, "sms.jsonl", NULL);
  g_autofree char *state = g_build_filename (work, "site-state.ini", NULL);
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();

  memset (sim, 0, sizeof *sim);
  g_ptr_array_add (argv, (char *) sim_exe);
  for (const char *const *a = (const char *const[]) { "--port", "0", "--captcha", CAPTCHA,
                                                      "--trust-ca", NULL }; *a; a++)
    g_ptr_array_add (argv, (char *) *a);
  g_ptr_array_add (argv, ca);
  g_ptr_array_add (argv, "--log");
  g_ptr_array_add (argv, log);
  g_ptr_array_add (argv, "--sms-file");
  g_ptr_array_add (argv, sms);
  g_ptr_array_add (argv, "--state-file");
  g_ptr_array_add (argv, state);
  if (fail_method_page)
    g_ptr_array_add (argv, "--fault=http500:imzayontemi.go:0");
  g_ptr_array_add (argv, NULL);
  sim->proc = ey_test_sim_spawn (launcher, (const char *const *) argv->pdata, &sim->url, &sim->cert);
}

static void
sim_stop (Sim *sim)
{
  ey_test_sim_stop_process (sim->proc);
  g_clear_object (&sim->proc);
  g_clear_pointer (&sim->url, g_free);
  g_clear_pointer (&sim->cert, g_free);
}

/* Events in the simulator's log (JSON lines), with @key = @value if @key */
static guint
log_count (const char *work,
           const char *event,
           const char *key,
           const char *value)
{
  g_autofree char *file = g_build_filename (work, "state.log", NULL);
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  guint count = 0;

  if (!g_file_get_contents (file, &text, NULL, NULL))
    return 0;
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i]; i++)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();
      JsonObject *object;

      /* The last line may be half written */
      if (*lines[i] == '\0' || !json_parser_load_from_data (parser, lines[i], -1, NULL))
        continue;
      object = json_node_get_object (json_parser_get_root (parser));
      if (object == NULL ||
          g_strcmp0 (json_object_get_string_member_with_default (object, "event", ""), event) != 0)
        continue;
      if (key && g_strcmp0 (json_object_get_string_member_with_default (object, key, ""), value) != 0)
        continue;
      count++;
    }
  return count;
}

static GSubprocess *
child_start (const char *phase,
             const char *work,
             Sim        *sim)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_autofree char *sms = g_build_filename (work, "sms.jsonl", NULL);
  g_autofree char *self = g_file_read_link ("/proc/self/exe", NULL);
  g_autoptr(GError) error = NULL;
  GSubprocess *proc;

  g_assert_nonnull (self);
  g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);
  g_subprocess_launcher_setenv (launcher, "EY_KILL_CHILD", phase, TRUE);
  g_subprocess_launcher_setenv (launcher, "EY_KILL_URL", sim->url, TRUE);
  g_subprocess_launcher_setenv (launcher, "EY_KILL_CERT", sim->cert, TRUE);
  g_subprocess_launcher_setenv (launcher, "EY_KILL_SMS", sms, TRUE);
  /* Both starts share the state folder, as two starts of the program would */
  g_subprocess_launcher_setenv (launcher, "EY_KILL_STATE_HOME", g_get_user_state_dir (), TRUE);
  g_subprocess_launcher_setenv (launcher, "EY_QUIRKY_MODULE", quirky_path, TRUE);
  g_subprocess_launcher_setenv (launcher, "SOFTHSM2_CONF", softhsm_conf, TRUE);
  proc = g_subprocess_launcher_spawn (launcher, &error, self, NULL);
  g_assert_no_error (error);
  return proc;
}

typedef struct
{
  const char *work;
  gboolean    exited;
} KillWait;

static gboolean
method_page_asked (gpointer data)
{
  KillWait *wait = data;

  return wait->exited ||
         (log_count (wait->work, "signature-accepted", NULL, NULL) == 1 &&
          log_count (wait->work, "fault", "page", "imzayontemi.go") > 0);
}

static void
child_exited_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_subprocess_wait_finish (G_SUBPROCESS (object), result, NULL);
  *(gboolean *) user_data = TRUE;
  g_main_context_wakeup (NULL);
}

/* The children's output goes to the test's log as comments, never into its TAP */
static void
relay_output (GSubprocess *proc)
{
  g_autoptr(GDataInputStream) out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (proc));
  char *line;

  while ((line = g_data_input_stream_read_line_utf8 (out, NULL, NULL, NULL)))
    {
      g_printerr ("# | %s\n", line);
      g_free (line);
    }
}

/* The note as the version before per-mode notes wrote it: one
 * pending-application.ini with a salted hash.  The fresh start moves it into the
 * real mode's notes and finishes the application from it all the same. */
static void
make_old_note (const char *real_dir)
{
  g_autoptr(GPtrArray) notes = ey_recovery_list (real_dir);
  g_autofree char *old = ey_recovery_default_path ();
  g_autofree char *old_dir = g_path_get_dirname (old);
  g_autofree char *hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, "5eed:" AYSE_ID, -1);
  g_autofree char *created = NULL;
  g_autofree char *text = NULL;
  EyRecovery *note;

  g_assert_cmpuint (notes->len, ==, 1);
  note = g_ptr_array_index (notes, 0);
  created = g_date_time_format_iso8601 (ey_recovery_get_created (note));
  text = g_strdup_printf ("[pending]\nsalt=5eed\nidentity-hash=%s\nname=%s\norder=%s\n"
                          "path=%s\ncreated=%s\n", hash, ey_recovery_get_display_name (note),
                          ey_recovery_get_order_id (note), ey_recovery_get_path_nick (note),
                          created);
  g_assert_cmpint (g_mkdir_with_parents (old_dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (old, text, -1, NULL));
  g_assert_true (ey_recovery_clear (ey_recovery_get_file (note), NULL));
}

static void
test_kill_after_signature (gconstpointer data)
{
  gboolean old_note = GPOINTER_TO_INT (data);
  g_autoptr(GError) error = NULL;
  g_autofree char *work = g_dir_make_tmp ("ey-ui-kill-XXXXXX", &error);
  g_autofree char *hsm = g_build_filename (work, "hsm", NULL);
  g_autofree char *key = g_build_filename (pki_dir, "ayse-rsa.p8", NULL);
  g_autofree char *cert = g_build_filename (pki_dir, "ayse-rsa.pem", NULL);
  g_autofree char *conf = g_build_filename (hsm, "softhsm2.conf", NULL);
  g_autofree char *log_file = g_build_filename (work, "state.log", NULL);
  g_autofree char *real_dir = ey_recovery_default_dir ("real");
  g_autoptr(GFile) log = NULL;
  g_autoptr(GFileMonitor) monitor = NULL;
  g_autoptr(GSubprocess) child = NULL;
  g_autoptr(GPtrArray) notes = NULL;
  const char *make_argv[] = { make_token, hsm, "AYSE", AYSE_PIN, key, cert, NULL };
  KillWait wait = { work, FALSE };
  int status = 0;
  Sim sim;

  g_assert_no_error (error);
  /* Ayşe's card: her key and certificate on a SoftHSM2 token */
  g_assert_true (g_spawn_sync (NULL, (char **) make_argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL,
                               NULL, NULL, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  softhsm_conf = g_strdup (conf);

  /* 1. Sign; the method page fails, and the program is killed while it does */
  sim_start (&sim, work, TRUE);
  log = g_file_new_for_path (log_file);
  monitor = g_file_monitor_file (log, G_FILE_MONITOR_NONE, NULL, &error);
  g_assert_no_error (error);
  child = child_start ("sign", work, &sim);
  g_subprocess_wait_async (child, NULL, child_exited_cb, &wait.exited);
  g_assert_true (ui_spin_until (method_page_asked, &wait, 120000));
  g_assert_false (wait.exited);
  g_assert_cmpuint (log_count (work, "application-submitted", NULL, NULL), ==, 0);
  g_subprocess_send_signal (child, SIGKILL);
  g_assert_true (ui_spin_until (ui_is_true, &wait.exited, 20000));
  g_assert_true (g_subprocess_get_if_signaled (child));
  g_assert_cmpint (g_subprocess_get_term_sig (child), ==, SIGKILL);
  relay_output (child);
  g_clear_object (&child);
  g_assert_cmpuint (log_count (work, "signature-accepted", NULL, NULL), ==, 1);
  g_assert_cmpuint (log_count (work, "application-submitted", NULL, NULL), ==, 0);
  /* The note was written before the page after the signature was asked for */
  notes = ey_recovery_list (real_dir);
  g_assert_cmpuint (notes->len, ==, 1);
  g_clear_pointer (&notes, g_ptr_array_unref);
  sim_stop (&sim);
  if (old_note)
    make_old_note (real_dir);

  /* 2. A fresh start, the site (restarted from its state file) working again */
  sim_start (&sim, work, FALSE);
  child = child_start ("resume", work, &sim);
  wait.exited = FALSE;
  g_subprocess_wait_async (child, NULL, child_exited_cb, &wait.exited);
  g_assert_true (ui_spin_until (ui_is_true, &wait.exited, 120000));
  relay_output (child);
  g_assert_true (g_subprocess_get_if_exited (child));
  g_assert_cmpint (g_subprocess_get_exit_status (child), ==, 0);
  sim_stop (&sim);

  g_assert_cmpuint (log_count (work, "application-resumed", NULL, NULL), >=, 1);
  g_assert_cmpuint (log_count (work, "application-submitted", NULL, NULL), ==, 1);
  g_assert_cmpuint (log_count (work, "application-submitted", "method", "eonayli"), ==, 1);
  g_assert_cmpuint (log_count (work, "signature-accepted", NULL, NULL), ==, 1);
  notes = ey_recovery_list (real_dir);
  g_assert_cmpuint (notes->len, ==, 0);
  {
    g_autofree char *old = ey_recovery_default_path ();

    g_assert_false (g_file_test (old, G_FILE_TEST_EXISTS));
  }
  if (!g_getenv ("EY_KEEP_WORK"))
    {
      g_autofree char *cmd = g_strdup_printf ("rm -rf '%s'", work);
      g_spawn_command_line_sync (cmd, NULL, NULL, NULL, NULL);
    }
}

int
main (int   argc,
      char *argv[])
{
  const char *phase = g_getenv ("EY_KILL_CHILD");

  if (phase)
    {
      /* A child: the parent's state folder, before GLib reads it */
      g_setenv ("XDG_STATE_HOME", g_getenv ("EY_KILL_STATE_HOME"), TRUE);
      quirky_path = g_getenv ("EY_QUIRKY_MODULE");
      ey_application_init_i18n ();
      gtk_init ();
      adw_init ();
      if (g_str_equal (phase, "sign"))
        child_sign ();
      else
        child_resume ();
      return 0;
    }

  /* test-ui-kill KAMUSM_SIM MAKE_TOKEN PKI_DIR QUIRKY_MODULE */
  ey_application_init_i18n ();
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  if (argc < 5)
    {
      g_print ("Bail out! usage: test-ui-kill KAMUSM_SIM MAKE_TOKEN PKI_DIR QUIRKY_MODULE\n");
      return 1;
    }
  sim_exe = argv[1];
  make_token = argv[2];
  pki_dir = argv[3];
  quirky_path = argv[4];
  g_test_add_data_func ("/ui-kill/after-signature", GINT_TO_POINTER (FALSE),
                        test_kill_after_signature);
  /* The same with the note left as the previous version wrote it */
  g_test_add_data_func ("/ui-kill/old-note", GINT_TO_POINTER (TRUE), test_kill_after_signature);
  return g_test_run ();
}
