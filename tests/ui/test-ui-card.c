/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The card in the real window: pulled out while signing (the demo token through the
 * quirky PKCS#11 wrapper, which fails like a pulled card), and plugged in and out under
 * the card monitor with pcscd and a virtual card (hot-plug, service stop and start). */
#define G_LOG_DOMAIN "test-ui-card"

#include "config.h"

#include <dlfcn.h>
#include <string.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "ey-page-signing.h"
#include "ui-driver.h"
#include "ey-card-monitor.h"
#include "ey-card-status.h"
#include "ey-certificate-row.h"
#include "ey-countdown.h"
#include "ey-demo-token.h"
#include "ey-pin-entry.h"
#include "ey-token-manager.h"
#include "ey-vcard.h"
#include "ey-test-common.h"

#define AYSE_ID   "12345678950"
#define AYSE_NAME "AYŞE YILMAZ"
#define AYSE_PASS "Ab3kT9qz"
#define AKIS_ATR  "3BBA11008131FE4D55454B41452056312E30AE"

#define CKR_DEVICE_REMOVED 0x32UL

#define REMOVED_MSGID "The card was taken out while signing. Nothing was sent. Put the card " \
                      "back in, wait until it shows above, and press Sign again."

static const char *quirky_path;
static void         (*quirky_set_removed) (int);
static void         (*quirky_set_sign_fault) (unsigned long);
static unsigned int (*quirky_login_calls) (void);
static unsigned int (*quirky_sign_calls) (void);

/* Card removed while signing ------------------------------------------------------ */

static void
bind_quirky (void)
{
  /* The same handle the token manager gets when it loads the module. */
  void *handle = dlopen (quirky_path, RTLD_NOW | RTLD_LOCAL);

  g_assert_nonnull (handle);
  quirky_set_removed = (void (*) (int)) dlsym (handle, "ey_quirky_set_removed");
  quirky_set_sign_fault = (void (*) (unsigned long)) dlsym (handle, "ey_quirky_set_sign_fault");
  quirky_login_calls = (unsigned int (*) (void)) dlsym (handle, "ey_quirky_login_calls");
  quirky_sign_calls = (unsigned int (*) (void)) dlsym (handle, "ey_quirky_sign_calls");
  g_assert_nonnull (quirky_sign_calls);
  g_assert_nonnull (quirky_set_removed);
  g_assert_nonnull (quirky_set_sign_fault);
  g_assert_nonnull (quirky_login_calls);
}

static gboolean
window_gone (gpointer data)
{
  return *(GtkWindow **) data == NULL;
}

/* The happy path from the welcome page to the signing page (E-Onay). */
static void
go_to_signing (UiDriver *driver)
{
  g_autofree char *code = ui_walk_to_sms_code (driver, AYSE_NAME, AYSE_PASS, AYSE_ID);

  g_assert_nonnull (code);
  g_assert_true (ui_walk_sms_to_signing (driver, code));
  /* E-Onay was the page's choice when it came, and was kept */
  g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (ui_child (driver, "eonay",
                                                                          "yes_check"))));
}

static gboolean
page_has_error (gpointer data)
{
  UiDriver *driver = data;

  return *ui_error_text (driver) != '\0' &&
         !gtk_widget_get_visible (ui_child (driver, "signing", "progress_box"));
}

static void
type_pin (UiDriver   *driver,
          const char *pin)
{
  EyPinEntry *entry = EY_PIN_ENTRY (ui_child (driver, "signing", "pin_entry"));

  gtk_editable_set_text (GTK_EDITABLE (ey_pin_entry_get_entry (entry)), pin);
}

/* What the card monitor's "card-inserted" makes the application do. */
static void
put_card_back (UiDriver *driver)
{
  quirky_set_removed (0);
  quirky_set_sign_fault (0);
  ey_application_refresh_certificates (driver->app);
  type_pin (driver, EY_DEMO_PIN);
  g_assert_true (ui_spin_until (ui_can_sign, driver, 20000));
}

static void
on_certificates_changed_cb (EyApplication *app,
                            guint         *count)
{
  (*count)++;
}

static gboolean
is_nonzero (gpointer data)
{
  return *(guint *) data != 0;
}

/* The card comes back while the page is signing with the token that went away:
 * the application lists the certificates anew meanwhile. */
static void
replug_while_signing (UiDriver *driver)
{
  guint changed = 0;
  gulong id = g_signal_connect (driver->app, "certificates-changed",
                                G_CALLBACK (on_certificates_changed_cb), &changed);

  ey_application_refresh_certificates (driver->app);
  g_assert_true (ui_spin_until (is_nonzero, &changed, 20000));
  g_signal_handler_disconnect (driver->app, id);
}

/* Signs with the card "pulled out" and checks what the window then shows. */
static void
sign_and_expect_removed (UiDriver   *driver,
                         const char *code,
                         int         seconds_before,
                         gboolean    replug)
{
  EyPinEntry *pin = EY_PIN_ENTRY (ui_child (driver, "signing", "pin_entry"));
  EyCountdown *countdown = EY_COUNTDOWN (ui_child (driver, "signing", "countdown"));
  GtkWidget *banner = ey_step_page_get_error_banner (ui_page (driver, "signing"));
  const char *expected = g_dgettext (GETTEXT_PACKAGE, REMOVED_MSGID);

  type_pin (driver, EY_DEMO_PIN);
  g_assert_true (ey_step_page_get_can_continue (ui_page (driver, "signing")));
  ui_next (driver);
  if (replug)
    replug_while_signing (driver);
  g_assert_true (ui_spin_until (page_has_error, driver, 20000));

  g_test_message ("signing page says: %s", ui_error_text (driver));
  /* The specific, translated sentence, shown on the page: put the card back, sign again. */
  g_assert_cmpstr (ui_error_text (driver), ==, expected);
  /* In the banner at the top of the page. */
  g_assert_true (gtk_revealer_get_reveal_child (GTK_REVEALER (banner)));

  /* Still on the signing page with the same code, and the countdown still runs. */
  g_assert_cmpstr (ey_window_get_visible_page_name (driver->window), ==, "signing");
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (ui_child (driver, "signing", "code_label"))),
                   ==, code);
  g_assert_false (ey_countdown_get_expired (countdown));
  g_assert_cmpint (ey_countdown_get_seconds_left (countdown), >, 0);
  g_assert_cmpint (ey_countdown_get_seconds_left (countdown), <=, seconds_before);
  g_assert_false (gtk_widget_get_visible (ui_child (driver, "signing", "renew_button")));

  /* Not a wrong PIN: all tries left, no PIN error, nothing sent to the site. */
  g_assert_cmpint (ey_pin_entry_get_tries_left (pin), ==, 3);
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (ey_pin_entry_get_entry (pin)), "error"));
  g_assert_cmpuint (ui_count (driver, "signature-accepted", NULL, NULL), ==, 0);
  g_assert_cmpuint (ui_count (driver, "signature-refused", NULL, NULL), ==, 0);
}

static void
test_card_removed (void)
{
  UiDriver *driver;
  EyCertificate *cert;
  EyCertificate *old;
  EyCountdown *countdown;
  g_autofree char *code = NULL;
  const char *expected;
  unsigned int logins;
  unsigned int sign_calls;
  int seconds;

  /* Only the quirky wrapper (around SoftHSM and the demo token), not SoftHSM directly. */
  ey_token_manager_set_use_registered (ey_token_manager_get_default (), FALSE);
  ey_token_manager_add_module (ey_token_manager_get_default (), quirky_path);
  bind_quirky ();
  driver = ui_driver_new ();

  /* The whole renewal in Turkish: the message must be the translated one. */
  ey_application_set_language (driver->app, "tr");
  expected = g_dgettext (GETTEXT_PACKAGE, REMOVED_MSGID);
  g_assert_cmpstr (expected, !=, REMOVED_MSGID);
  g_assert_nonnull (strstr (expected, "Kartı yeniden takın"));

  g_assert_true (ui_wait_certificates (driver));
  cert = g_ptr_array_index (ey_application_get_certificates (driver->app), 0);
  g_assert_cmpstr (ey_token_get_module_name (ey_certificate_get_token (cert)), ==,
                   "libey-quirky-pkcs11.so");

  /* A hostile site first: veri.go answers a PDF.  The page says so, the PIN stays
   * locked, and nothing reaches C_Sign. */
  sign_calls = quirky_sign_calls ();
  logins = quirky_login_calls ();
  ey_sim_server_set_hostile_veri (driver->sim, "pdf");
  go_to_signing (driver);
  g_assert_false (ey_page_signing_get_text_ready (EY_PAGE_SIGNING (ui_page (driver, "signing"))));
  g_assert_cmpstr (ui_error_text (driver), ==,
                   g_dgettext (GETTEXT_PACKAGE, "The site asked to sign something that is not the "
                               "E-Onay text. Nothing was signed."));
  type_pin (driver, EY_DEMO_PIN);
  g_assert_false (ey_step_page_get_can_continue (ui_page (driver, "signing")));
  g_assert_false (gtk_widget_get_sensitive (ui_child (driver, "signing", "pin_group")));
  g_assert_true (gtk_widget_get_visible (ui_child (driver, "signing", "text_retry_button")));
  ui_next (driver);
  g_assert_cmpuint (quirky_sign_calls (), ==, sign_calls);
  g_assert_cmpuint (quirky_login_calls (), ==, logins);
  /* The site is honest again: Get the Text Again shows it and opens the PIN */
  ey_sim_server_set_hostile_veri (driver->sim, NULL);
  g_signal_emit_by_name (ui_child (driver, "signing", "text_retry_button"), "clicked");
  g_assert_true (ui_wait_page (driver, "signing"));
  g_assert_true (ey_page_signing_get_text_ready (EY_PAGE_SIGNING (ui_page (driver, "signing"))));
  g_assert_true (gtk_widget_get_sensitive (ui_child (driver, "signing", "pin_group")));
  g_assert_cmpstr (ui_error_text (driver), ==, "");
  {
    GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (ui_child (driver, "signing", "text_view")));
    GtkTextIter start, end;
    g_autofree char *shown = NULL;

    gtk_text_buffer_get_bounds (buffer, &start, &end);
    shown = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
    g_assert_nonnull (strstr (shown, AYSE_ID));
    g_assert_nonnull (strstr (shown, gtk_label_get_text (GTK_LABEL (ui_child (driver, "signing",
                                                                              "code_label")))));
  }

  code = g_strdup (gtk_label_get_text (GTK_LABEL (ui_child (driver, "signing", "code_label"))));
  g_assert_cmpuint (strlen (code), ==, 15);
  countdown = EY_COUNTDOWN (ui_child (driver, "signing", "countdown"));
  seconds = ey_countdown_get_seconds_left (countdown);
  g_assert_cmpint (seconds, >, 0);
  g_assert_cmpint (ey_pin_entry_get_tries_left (EY_PIN_ENTRY (ui_child (driver, "signing",
                                                                        "pin_entry"))), ==, 3);

  /* Pulled out after the PIN was accepted: C_Sign says CKR_DEVICE_REMOVED. */
  logins = quirky_login_calls ();
  quirky_set_sign_fault (CKR_DEVICE_REMOVED);
  sign_and_expect_removed (driver, code, seconds, FALSE);
  g_assert_cmpuint (quirky_login_calls (), ==, logins + 1);
  put_card_back (driver);

  /* Pulled out before: the card is gone for every call, the PIN never reaches it. */
  logins = quirky_login_calls ();
  quirky_set_removed (1);
  sign_and_expect_removed (driver, code, seconds, FALSE);
  g_assert_cmpuint (quirky_login_calls (), ==, logins);

  /* Put back, and Sign pressed before the new listing of the card has arrived; the
   * listing comes while the card signs, and this signature fails too (pulled out once
   * more).  The page then offers the card as listed anew, not the token that went
   * away. */
  old = ey_certificate_row_get_certificate (EY_CERTIFICATE_ROW (
    gtk_widget_get_first_child (ui_child (driver, "signing", "certificate_list"))));
  g_assert_true (ey_certificate_get_token (old) == NULL ||
                 ey_token_get_removed (ey_certificate_get_token (old)));
  quirky_set_removed (0);
  quirky_set_sign_fault (CKR_DEVICE_REMOVED);
  sign_and_expect_removed (driver, code, seconds, TRUE);
  cert = g_ptr_array_index (ey_application_get_certificates (driver->app), 0);
  g_assert_true (cert != old);
  g_assert_true (ey_certificate_row_get_certificate (EY_CERTIFICATE_ROW (
    gtk_widget_get_first_child (ui_child (driver, "signing", "certificate_list")))) == cert);

  /* Back for good (no further card event needed): signing goes through, and the
   * application is submitted. */
  quirky_set_sign_fault (0);
  type_pin (driver, EY_DEMO_PIN);
  g_assert_true (ey_step_page_get_can_continue (ui_page (driver, "signing")));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (ui_child (driver, "signing", "code_label"))),
                   ==, code);
  ui_next (driver);
  /* Starting again clears the message at once. */
  g_assert_cmpstr (ui_error_text (driver), ==, "");
  if (!ui_spin_until (ui_done_or_failed, driver, 30000) ||
      g_strcmp0 (ey_window_get_visible_page_name (driver->window), "done") != 0)
    {
      g_autofree char *log = ey_sim_server_get_log_text (driver->sim);

      g_test_message ("stuck at page %s, error '%s'\n%s",
                      ey_window_get_visible_page_name (driver->window), ui_error_text (driver),
                      log);
      g_assert_not_reached ();
    }
  g_assert_cmpuint (ui_count (driver, "signature-accepted", NULL, NULL), ==, 1);
  g_assert_cmpuint (ui_count (driver, "application-submitted", "method", "eonayli"), ==, 1);

  ey_application_set_language (driver->app, "");
  ui_driver_free (driver);
}

/* Hot-plug ------------------------------------------------------------------------- */

static void
pcscd_ctl (const char *command,
           gboolean    must_succeed,
           gboolean   *succeeded)
{
  const char *argv[] = { g_getenv ("EY_PCSCD_CTL"), command, NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;

  g_assert_nonnull (argv[0]);
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                               &out, &err, &status, &error));
  g_assert_no_error (error);
  if (succeeded)
    *succeeded = g_spawn_check_wait_status (status, NULL);
  else if (must_succeed && !g_spawn_check_wait_status (status, &error))
    g_error ("%s %s failed: %s\n%s%s", argv[0], command, error->message, out, err);
}

typedef struct
{
  EyCardStatus *status;
  const char   *title;      /* exact, or */
  const char   *contains;   /* part of it */
} StatusWait;

static gboolean
status_is (gpointer data)
{
  StatusWait *wait = data;
  const char *title = ey_card_status_get_title (wait->status);

  if (wait->title)
    return g_strcmp0 (title, wait->title) == 0;
  return strstr (title, wait->contains) != NULL;
}

/* Spins until the strip shows @title (or a title containing @contains); returns the
 * milliseconds from @start (monotonic µs) until it did. */
static double
wait_status (EyCardStatus *status,
             const char   *title,
             const char   *contains,
             gint64        start)
{
  StatusWait wait = { status, title, contains };

  if (!ui_spin_until (status_is, &wait, 10000))
    g_error ("card status stayed at \"%s\" / \"%s\", expected \"%s\"",
             ey_card_status_get_title (status), ey_card_status_get_subtitle (status),
             title ? title : contains);
  return (g_get_monotonic_time () - start) / 1000.0;
}

typedef struct
{
  gboolean  done;
  GError   *error;
} CtlRun;

static void
ctl_done_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  CtlRun *run = user_data;

  g_subprocess_wait_check_finish (G_SUBPROCESS (source), result, &run->error);
  run->done = TRUE;
}

/* `$EY_PCSCD_CTL @command` with the main loop running meanwhile, so the strip's change
 * is timed from the command's start, not from its end. */
static void
pcscd_ctl_begin (const char *command,
                 CtlRun     *run)
{
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;

  run->done = FALSE;
  run->error = NULL;
  process = g_subprocess_new (G_SUBPROCESS_FLAGS_NONE, &error, g_getenv ("EY_PCSCD_CTL"),
                              command, NULL);
  g_assert_no_error (error);
  g_subprocess_wait_check_async (process, NULL, ctl_done_cb, run);
}

static gboolean
ctl_done (gpointer data)
{
  return ((CtlRun *) data)->done;
}

static void
pcscd_ctl_end (CtlRun *run)
{
  g_assert_true (ui_spin_until (ctl_done, run, 20000));
  g_assert_no_error (run->error);
}

static void
on_card_inserted_cb (EyCardMonitor *monitor,
                     const char    *reader,
                     GBytes        *atr,
                     EyCardType    *card_type,
                     gint64        *when)
{
  *when = g_get_monotonic_time ();
}

/* The strip's accessible name is its title and its description the subtitle, so a
 * screen reader hears the new state. */
static void
check_accessible (EyCardStatus *status)
{
  const char *subtitle = ey_card_status_get_subtitle (status);

  g_assert_true (gtk_test_accessible_has_role (GTK_ACCESSIBLE (status),
                                               GTK_ACCESSIBLE_ROLE_STATUS));
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (status), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       ey_card_status_get_title (status));
  if (*subtitle)
    gtk_test_accessible_assert_property (GTK_ACCESSIBLE (status),
                                         GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, subtitle);
  else
    g_assert_false (gtk_test_accessible_has_property (GTK_ACCESSIBLE (status),
                                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION));
}

static void
test_hotplug (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *tmpdir = NULL;
  g_autofree char *app_id = NULL;
  const char *no_card = _("Reader without a card");
  const char *no_service;
  EyApplication *app;
  GtkWindow *window;
  EyCardStatus *status;
  gboolean was_running = FALSE;
  gint64 start;
  gint64 signalled = 0;
  CtlRun run;
  double ms;

  pcscd_ctl ("status", FALSE, &was_running);
  pcscd_ctl ("start", TRUE, NULL);
  ey_vcard_remove_all ();

  tmpdir = g_dir_make_tmp ("eimza-ui-card-XXXXXX", &error);
  g_assert_no_error (error);
  /* No PKCS#11 module at all: the strip then shows what PC/SC sees (a certificate on a
   * token would take precedence). */
  ey_token_manager_set_use_registered (ey_token_manager_get_default (), FALSE);

  /* The application as started for real (not the demo), with its card monitor. */
  app = ey_application_new (FALSE);
  app_id = g_strdup_printf ("%s.TestCard", g_application_get_application_id (G_APPLICATION (app)));
  g_application_set_application_id (G_APPLICATION (app), app_id);
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);
  g_assert_true (ey_card_monitor_is_running (ey_application_get_card_monitor (app)));
  g_application_activate (G_APPLICATION (app));
  window = gtk_application_get_active_window (GTK_APPLICATION (app));
  g_assert_nonnull (window);
  status = EY_CARD_STATUS (gtk_widget_get_template_child (GTK_WIDGET (window), EY_TYPE_WINDOW,
                                                          "card_status"));
  no_service = ey_card_monitor_state_get_description (EY_CARD_MONITOR_STATE_SERVICE_NOT_RUNNING);

  g_signal_connect (ey_application_get_card_monitor (app), "card-inserted",
                    G_CALLBACK (on_card_inserted_cb), &signalled);

  /* vpcd's readers, no card. */
  ms = wait_status (status, no_card, NULL, g_get_monotonic_time ());
  g_test_message ("window shown → \"%s\": %.1f ms", no_card, ms);
  g_assert_cmpstr (ey_card_status_get_subtitle (status), ==,
                   _("Insert your e-signature card into the reader."));
  check_accessible (status);

  for (int round = 0; round < 2; round++)
    {
      /* An AKİS card: its type at once (the certificate listing follows). */
      start = g_get_monotonic_time ();
      signalled = 0;
      g_assert_true (ey_vcard_insert (0, AKIS_ATR, &error));
      g_assert_no_error (error);
      ms = wait_status (status, NULL, "AKİS", start);
      g_assert_cmpint (signalled, >, 0);
      g_test_message ("vcard insert → \"%s\": %.1f ms (monitor signal → label: %.1f ms)",
                      ey_card_status_get_title (status), ms,
                      ms - (signalled - start) / 1000.0);
      /* The type alone while its certificates are read, then (no AKİS driver here)
       * that its driver is missing, with the fix. */
      g_assert_nonnull (strstr (ey_card_status_get_title (status), "AKİS"));
      g_assert_cmpstr (ey_card_status_get_subtitle (status), !=, "");
      check_accessible (status);

      start = g_get_monotonic_time ();
      ey_vcard_remove (0);
      ms = wait_status (status, no_card, NULL, start);
      g_test_message ("vcard remove → \"%s\": %.1f ms", no_card, ms);
      check_accessible (status);
    }

  /* The card service stops: said so, with the fix. */
  start = g_get_monotonic_time ();
  pcscd_ctl_begin ("stop", &run);
  ms = wait_status (status, no_service, NULL, start);
  pcscd_ctl_end (&run);
  g_test_message ("pcscd stop → \"%s\": %.1f ms", no_service, ms);
  /* The doctor's own command for it. */
  g_assert_nonnull (strstr (ey_card_status_get_subtitle (status), ey_card_status_pcscd_command ()));
  g_assert_nonnull (strstr (ey_card_status_get_subtitle (status), "pcscd"));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (status), "error"));
  check_accessible (status);

  /* ... and comes back: the strip recovers by itself. */
  start = g_get_monotonic_time ();
  pcscd_ctl_begin ("start", &run);
  ms = wait_status (status, no_card, NULL, start);
  pcscd_ctl_end (&run);
  g_test_message ("pcscd start → \"%s\": %.1f ms", no_card, ms);
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (status), "error"));
  check_accessible (status);

  /* And a card inserted now still shows. */
  g_assert_true (ey_vcard_insert (0, AKIS_ATR, &error));
  g_assert_no_error (error);
  wait_status (status, NULL, "AKİS", g_get_monotonic_time ());
  ey_vcard_remove_all ();
  wait_status (status, no_card, NULL, g_get_monotonic_time ());

  /* The window lets go of the card monitor when it is finalized: before shutdown. */
  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &window);
  gtk_window_destroy (window);
  g_assert_true (ui_spin_until (window_gone, &window, 5000));
  g_signal_emit_by_name (app, "shutdown");
  if (!was_running)
    pcscd_ctl ("stop", TRUE, NULL);
  ey_test_remove_tree (tmpdir);
  g_assert_false (g_file_test (tmpdir, G_FILE_TEST_EXISTS));
}

int
main (int   argc,
      char *argv[])
{
  gboolean hotplug = FALSE;

  /* test-ui-card --removed QUIRKY_MODULE | --hotplug: one process each (SoftHSM keeps
   * the first token it saw; the hot-plug test runs without any token and needs pcscd). */
  for (int i = 1; i < argc; i++)
    {
      int drop = 0;

      if (g_strcmp0 (argv[i], "--hotplug") == 0)
        {
          hotplug = TRUE;
          drop = 1;
        }
      else if (g_strcmp0 (argv[i], "--removed") == 0 && i + 1 < argc)
        {
          quirky_path = argv[i + 1];
          drop = 2;
        }
      if (drop)
        ui_driver_drop_args (&argc, argv, i--, drop);
    }

  /* Before any thread: the application as started for real, with its card monitor
   * (the UI driver's process set-up turns it off for the other tests). */
  if (hotplug)
    g_unsetenv ("EY_NO_CARD_MONITOR");
  ey_application_init_i18n ();
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  if (hotplug)
    {
      if (g_getenv ("EY_PCSCD_CTL") == NULL)
        {
          /* Not a skip: without pcscd control this would test nothing. */
          g_print ("Bail out! EY_PCSCD_CTL is not set (run through build-aux/test)\n");
          return 1;
        }
      g_test_add_func ("/ui-card/hotplug", test_hotplug);
    }
  else if (quirky_path)
    g_test_add_func ("/ui-card/removed-while-signing", test_card_removed);
  else
    {
      g_print ("Bail out! usage: test-ui-card --removed QUIRKY_MODULE | --hotplug\n");
      return 1;
    }
  return g_test_run ();
}
