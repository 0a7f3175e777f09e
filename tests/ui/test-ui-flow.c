/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-ui-flow"

#include "config.h"

#include <locale.h>
#include <string.h>
#include <glib/gstdio.h>

#include "ey-page-signing.h"
#include "ui-driver.h"
#include "ey-card-status.h"
#include "ey-certificate-row.h"
#include "ey-ui-format.h"
#include "ey-countdown.h"
#include "ey-pin-entry.h"
#include "ey-receipt.h"
#include "ey-step-list.h"
#include "ey-recovery.h"
#include "ey-core-error.h"
#include "ey-page-site-changed.h"
#include "ey-window-private.h"
#include "ey-site-profile.h"
#include <glib/gstdio.h>
#include "ey-test-common.h"

#define AYSE_ID   "12345678950"
#define AYSE_PASS "Ab3kT9qz"
#define FATMA_ID  "34567891238"
#define FATMA_PASS "Fq4nR8ty"
#define ALI_ID    "45678912316"
#define ALI_PASS  "Al5vB6nm"

/* One application, demo token and simulator per process (SoftHSM keeps the first token
 * it loads); each test gets a fresh window, i.e. a fresh renewal. */
static UiDriver *shared;

static UiDriver *
test_driver (void)
{
  if (shared == NULL)
    shared = ui_driver_new ();
  else
    ui_driver_new_window (shared, 1000, 700);
  return shared;
}

static void
go_to_sign_in (UiDriver   *driver,
               const char *name,
               const char *password)
{
  g_assert_cmpstr (ey_window_get_visible_page_name (driver->window), ==, "welcome");
  ui_next (driver);
  g_assert_true (ui_wait_page (driver, "mail"));
  ui_paste_mail (driver, name, password);
  /* What the mail says is shown, and the password goes into its field. */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (ui_child (driver, "mail", "password_row"))),
                   ==, password);
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (ui_child (driver, "mail", "name_row"))),
                   ==, name);
  ui_next (driver);
  g_assert_true (ui_wait_page (driver, "sign-in"));
  /* The password from the mail is carried over. */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (ui_child (driver, "sign-in", "password_row"))),
                   ==, password);
}

static gboolean
signed_in_or_done (gpointer data)
{
  UiDriver *driver = data;

  return ui_signed_in (data) ||
         (!ey_session_get_busy (ey_window_get_session (driver->window)) &&
          g_strcmp0 (ey_window_get_visible_page_name (driver->window), "done") == 0);
}

static void
go_to_form (UiDriver   *driver,
            const char *identity)
{
  /* Wrong CAPTCHA first: a clear message, the identity kept, the site saw a refusal. */
  g_assert_true (ui_sign_in (driver, identity, "WRONG"));
  g_assert_cmpstr (ey_window_get_visible_page_name (driver->window), ==, "sign-in");
  g_assert_cmpstr (ui_error_text (driver), !=, "");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (ui_child (driver, "sign-in", "identity_row"))),
                   ==, identity);
  g_assert_cmpuint (ui_count (driver, "login-failed", "reason", "captcha"),
                    ==, 1);

  /* Enter in the last field signs in (the default button), as from the keyboard. */
  ui_set_text (driver, "sign-in", "captcha_row", UI_DRIVER_CAPTCHA);
  g_assert_true (gtk_widget_activate_action (ui_child (driver, "sign-in", "captcha_row"),
                                             "default.activate", NULL));
  g_assert_true (ui_spin_until (ui_signed_in, driver, 20000));
  g_assert_true (ui_walk_to_form (driver));
  g_assert_cmpuint (ui_count (driver, "login-ok", NULL, NULL), ==, 1);
}

static void
go_through_sms (UiDriver   *driver,
                const char *identity)
{
  g_autofree char *code = NULL;
  g_autofree char *code2 = NULL;

  g_assert_true (ui_fill_form (driver));
  ui_next (driver);
  g_assert_true (ui_wait_page (driver, "sms"));
  g_assert_cmpuint (ui_count (driver, "form-saved", NULL, NULL), ==, 1);

  /* The SMS goes to the number just confirmed on the form by itself, once (the site's
   * mask agrees with it). */
  g_assert_true (ui_wait_idle (driver));
  g_assert_true (gtk_widget_get_visible (ui_child (driver, "sms", "code_box")));
  g_assert_cmpuint (ui_count (driver, "sms-sent", NULL, NULL), ==, 1);
  code = ui_sms_code (driver, identity);
  g_assert_nonnull (code);

  /* Wrong code: said so, the typed code kept, the site logged it. */
  ui_set_text (driver, "sms", "code_row", "000000");
  ui_next (driver);
  g_assert_true (ui_wait_idle (driver));
  g_assert_cmpstr (ey_window_get_visible_page_name (driver->window), ==, "sms");
  g_assert_cmpstr (ui_error_text (driver), !=, "");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (ui_child (driver, "sms", "code_row"))),
                   ==, "000000");
  g_assert_cmpuint (ui_count (driver, "sms-failed", "reason", "wrong"), ==, 1);

  /* Expired code: said so, and a new code can be asked for. */
  g_assert_true (ey_sim_server_expire (driver->sim, "sms"));
  ui_set_text (driver, "sms", "code_row", code);
  ui_next (driver);
  g_assert_true (ui_wait_idle (driver));
  g_assert_cmpuint (ui_count (driver, "sms-failed", "reason", "expired"), ==, 1);
  g_assert_cmpstr (ui_error_text (driver), !=, "");
  g_assert_true (gtk_widget_get_visible (ui_child (driver, "sms", "new_code_button")));
  g_signal_emit_by_name (ui_child (driver, "sms", "new_code_button"), "clicked");
  g_assert_true (ui_wait_idle (driver));
  g_assert_cmpuint (ui_count (driver, "sms-sent", NULL, NULL), ==, 2);
  code2 = ui_sms_code (driver, identity);
  g_assert_nonnull (code2);

  ui_set_text (driver, "sms", "code_row", code2);
  ui_next (driver);
  g_assert_true (ui_wait_page (driver, "eonay"));
  g_assert_cmpuint (ui_count (driver, "sms-ok", NULL, NULL), ==, 1);
}

static GtkWindow *
find_dialog (UiDriver *driver)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      /* A dialog answered is hidden at once; it may stay listed a while longer. */
      if (gtk_window_get_transient_for (window) == GTK_WINDOW (driver->window) &&
          gtk_widget_get_visible (GTK_WIDGET (window)))
        return window;
    }
  return NULL;
}

/* As a click on one of its buttons: the response, then the dialog closes
 * (adw_message_dialog_response() alone leaves it open). */
static void
answer_dialog (GtkWindow  *dialog,
               const char *response)
{
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), response);
  gtk_window_close (dialog);
}

static gboolean
dialog_shown (gpointer data)
{
  return find_dialog (data) != NULL;
}

static gboolean
dialog_gone (gpointer data)
{
  return find_dialog (data) == NULL;
}

static gboolean
window_hidden (gpointer data)
{
  return !gtk_widget_get_visible (GTK_WIDGET (data));
}

static gboolean
file_gone (gpointer data)
{
  return !g_file_test (data, G_FILE_TEST_EXISTS);
}

static gboolean
done_or_failed (gpointer data)
{
  UiDriver *driver = data;
  const char *page = ey_window_get_visible_page_name (driver->window);
  EySession *session = ey_window_get_session (driver->window);

  if (ey_session_get_busy (session))
    return FALSE;
  return g_strcmp0 (page, "done") == 0 ||
         (g_strcmp0 (page, "submit") == 0 && *ui_error_text (driver));
}

static void
test_eonay_path (void)
{
  UiDriver *driver = test_driver ();
  EyPinEntry *pin;

  g_assert_true (ui_wait_certificates (driver));
  g_test_message ("card status: %s / %s", ey_card_status_get_title (EY_CARD_STATUS (gtk_widget_get_template_child (GTK_WIDGET (driver->window), EY_TYPE_WINDOW, "card_status"))), ey_card_status_get_subtitle (EY_CARD_STATUS (gtk_widget_get_template_child (GTK_WIDGET (driver->window), EY_TYPE_WINDOW, "card_status"))));
  /* The card status names the demo card's holder. */
  g_assert_nonnull (strstr (ey_card_status_get_title (EY_CARD_STATUS (
    gtk_widget_get_template_child (GTK_WIDGET (driver->window), EY_TYPE_WINDOW, "card_status"))),
    "AYŞE YILMAZ"));

  go_to_sign_in (driver, "AYŞE YILMAZ", AYSE_PASS);
  go_to_form (driver, AYSE_ID);
  go_through_sms (driver, AYSE_ID);

  /* The card check preselects E-Onay. */
  g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (ui_child (driver, "eonay", "yes_check"))));
  ui_next (driver);
  g_assert_true (ui_wait_page (driver, "consent"));
  g_assert_false (ey_step_page_get_can_continue (ui_page (driver, "consent")));
  gtk_check_button_set_active (GTK_CHECK_BUTTON (ui_child (driver, "consent", "accept_check")), TRUE);
  ui_next (driver);
  g_assert_true (ui_wait_page (driver, "signing"));
  g_assert_cmpuint (ui_count (driver, "consent-accepted", NULL, NULL), ==, 1);

  /* The verification code is shown and counts down. */
  g_assert_cmpuint (strlen (gtk_label_get_text (GTK_LABEL (ui_child (driver, "signing", "code_label")))),
                    ==, 15);

  /* Wrong PIN: the PIN field says so and shows the tries left. */
  pin = EY_PIN_ENTRY (ui_child (driver, "signing", "pin_entry"));
  g_assert_cmpint (ey_pin_entry_get_tries_left (pin), >, 0);
  gtk_editable_set_text (GTK_EDITABLE (ey_pin_entry_get_entry (pin)), "111111");
  ui_next (driver);
  g_assert_true (ui_spin_until (ui_pin_refused, pin, 20000));
  ui_wait_idle (driver);
  g_assert_cmpstr (ey_window_get_visible_page_name (driver->window), ==, "signing");
  g_assert_cmpint (ey_pin_entry_get_tries_left (pin), <, 3);
  g_assert_cmpuint (ui_count (driver, "signature-accepted", NULL, NULL), ==, 0);

  /* Network failure at submit: the page says so and never claims success; Try Again
   * finishes it and the site gets the application exactly once. */
  ey_sim_server_set_fault (driver->sim, EY_SIM_FAULT_HTTP500, "imzayontemi.go", 1);
  gtk_editable_set_text (GTK_EDITABLE (ey_pin_entry_get_entry (pin)), "123456");
  ui_next (driver);
  if (!ui_spin_until (done_or_failed, driver, 30000))
    {
      g_autofree char *log = ey_sim_server_get_log_text (driver->sim);

      g_test_message ("stuck at page %s, step %s, error '%s', signing page error '%s'\n%s",
                      ey_window_get_visible_page_name (driver->window),
                      ey_session_step_to_string (ey_session_get_step (ey_window_get_session (driver->window))),
                      ui_error_text (driver), ey_step_page_get_error_text (ui_page (driver, "signing")),
                      log);
      g_assert_not_reached ();
    }
  if (g_strcmp0 (ey_window_get_visible_page_name (driver->window), "submit") == 0)
    {
      GtkWindow *guard;

      g_assert_cmpstr (ui_error_text (driver), !=, "");
      g_assert_cmpuint (ui_count (driver, "application-submitted", NULL, NULL),
                        ==, 0);

      /* Closing now would lose a signed application: the window asks first and stays. */
      gtk_window_close (GTK_WINDOW (driver->window));
      g_assert_true (ui_spin_until (dialog_shown, driver, 10000));
      g_assert_true (gtk_widget_get_visible (GTK_WIDGET (driver->window)));
      guard = find_dialog (driver);
      g_assert_nonnull (guard);
      g_assert_true (ADW_IS_MESSAGE_DIALOG (guard));
      answer_dialog (guard, "wait");
      g_assert_true (ui_spin_until (dialog_gone, driver, 10000));
      g_assert_true (gtk_widget_get_visible (GTK_WIDGET (driver->window)));

      ui_next (driver);
      g_assert_true (ui_wait_page (driver, "done"));
    }
  g_assert_cmpuint (ui_count (driver, "signature-accepted", NULL, NULL), ==, 1);
  g_assert_cmpuint (ui_count (driver, "application-submitted", "method",
                                                "eonayli"), ==, 1);
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (ui_child (driver, "done", "confirmation_label"))),
                            "başarıyla"));

  /* The receipt saves as a PDF. */
  {
    g_autofree char *path = g_build_filename (driver->tmpdir, "receipt.pdf", NULL);
    g_autofree char *data = NULL;
    gsize length = 0;
    g_autoptr(GError) error = NULL;

    g_assert_true (ey_receipt_save_pdf (ey_window_get_session (driver->window), path, &error));
    g_assert_no_error (error);
    g_assert_true (g_file_get_contents (path, &data, &length, NULL));
    g_assert_cmpuint (length, >, 500);
    g_assert_true (g_str_has_prefix (data, "%PDF"));
  }
}

static void
test_wet_path (void)
{
  UiDriver *driver = test_driver ();
  g_autofree char *good_phone = NULL;
  GtkWidget *phone;

  g_assert_true (ui_wait_certificates (driver));
  go_to_sign_in (driver, "FATMA KAYA", FATMA_PASS);
  go_to_form (driver, FATMA_ID);

  /* A field the site refuses: its message beside the field, the typed value kept. */
  phone = ui_find_named (GTK_WIDGET (ui_page (driver, "form")), "phone");
  g_assert_nonnull (phone);
  good_phone = g_strdup (gtk_editable_get_text (GTK_EDITABLE (phone)));
  gtk_editable_set_text (GTK_EDITABLE (phone), "123");
  g_assert_true (ui_fill_form (driver));
  ui_next (driver);
  g_assert_true (ui_wait_idle (driver));
  g_assert_cmpstr (ey_window_get_visible_page_name (driver->window), ==, "form");
  g_assert_cmpstr (ui_error_text (driver), !=, "");
  g_assert_cmpuint (ui_count (driver, "form-invalid", NULL, NULL), ==, 1);
  phone = ui_find_named (GTK_WIDGET (ui_page (driver, "form")), "phone");
  g_assert_true (gtk_widget_has_css_class (phone, "error"));
  /* The site's Turkish message explained in the English UI. */
  {
    gboolean explained = FALSE;
    GtkWidget *group = gtk_widget_get_ancestor (phone, ADW_TYPE_PREFERENCES_GROUP);

    for (GtkWidget *w = group; w; )
      {
        if (GTK_IS_LABEL (w) && gtk_widget_has_css_class (w, "error") &&
            strstr (gtk_label_get_text (GTK_LABEL (w)), "10 digits"))
          explained = TRUE;
        /* depth-first walk of the group */
        if (gtk_widget_get_first_child (w))
          w = gtk_widget_get_first_child (w);
        else
          {
            while (w && w != group && !gtk_widget_get_next_sibling (w))
              w = gtk_widget_get_parent (w);
            w = (w && w != group) ? gtk_widget_get_next_sibling (w) : NULL;
          }
      }
    g_assert_true (explained);
  }
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (phone)), ==, "123");
  gtk_editable_set_text (GTK_EDITABLE (phone), good_phone);

  go_through_sms (driver, FATMA_ID);

  /* No valid certificate of Fatma's on a card: the wet way is preselected. */
  g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (ui_child (driver, "eonay", "no_check"))));
  /* The method is not asked again: the wet signature follows by itself. */
  ui_next (driver);
  g_assert_true (ui_wait_page (driver, "wet"));
  g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (ui_child (driver, "submit", "islak_check"))));
  /* Its own steps: nothing about consent or the card's signature ticked as done; the
   * printed form is the last step, and the current one. */
  {
    EyStepList *steps = EY_STEP_LIST (gtk_widget_get_template_child (GTK_WIDGET (driver->window),
                                                                     EY_TYPE_WINDOW, "step_list"));

    g_assert_cmpint (ey_step_list_get_current (steps), ==, 8);
    g_assert_cmpuint (ey_step_list_get_n_steps (steps), ==, 9);
  }
  ui_wait_idle (driver);
  g_assert_true (gtk_widget_get_sensitive (ui_child (driver, "wet", "open_button")));
  /* Print and Save for the form. */
  g_assert_true (gtk_widget_get_sensitive (ui_child (driver, "wet", "print_button")));
  g_assert_true (gtk_widget_get_sensitive (ui_child (driver, "wet", "save_button")));
  /* The checklist is kept: ticked, it is still ticked on a page made anew (the language
   * switch rebuilds every page from the session and what is stored). */
  gtk_check_button_set_active (GTK_CHECK_BUTTON (ui_child (driver, "wet", "check1")), TRUE);
  ey_application_set_language (driver->app, "tr");
  ey_application_set_language (driver->app, "en");
  g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (ui_child (driver, "wet", "check1"))));
  g_assert_false (gtk_check_button_get_active (GTK_CHECK_BUTTON (ui_child (driver, "wet", "check0"))));
  /* Its own file, named after the order: never the same cache file for every form. */
  {
    g_autofree char *dir = g_build_filename (g_get_user_cache_dir (), PACKAGE_NAME, NULL);
    g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
    const char *name;
    gboolean found = FALSE;

    while (listing && (name = g_dir_read_name (listing)))
      if (g_str_has_prefix (name, "basvuru-formu-") && g_str_has_suffix (name, ".pdf") &&
          strcmp (name, "basvuru-formu.pdf") != 0)
        found = TRUE;
    g_assert_true (found);
  }
  g_assert_cmpuint (ui_count (driver, "pdf-downloaded", NULL, NULL), ==, 1);
  g_assert_cmpuint (ui_count (driver, "application-submitted", "method",
                                                "islak"), ==, 1);
}

/* A crash or a closed window between "signature accepted" and "application confirmed":
 * the next start says so, and signing in again finishes the application. */
static void
test_recovery (void)
{
  UiDriver *driver = test_driver ();
  EyPinEntry *pin;
  GtkWindow *guard;
  GtkWindow *old;
  EySession *session;
  g_autofree char *record = NULL;
  g_autofree char *lost_record = NULL;
  g_autofree char *real_dir = ey_recovery_default_dir ("real");
  g_autofree char *demo_dir = ey_recovery_default_dir ("demo");
  g_autofree char *lost_order = NULL;
  g_autoptr(EyRecovery) lost = NULL;
  g_autoptr(EyRecovery) forget = NULL;
  g_autoptr(GPtrArray) real_notes = NULL;
  GtkWindow *confirm;

  g_assert_true (ui_wait_certificates (driver));
  go_to_sign_in (driver, "AYŞE YILMAZ", AYSE_PASS);
  go_to_form (driver, AYSE_ID);
  go_through_sms (driver, AYSE_ID);
  g_assert_true (ui_walk_eonay_to_signing (driver));

  /* The site keeps failing after it accepted the signature. */
  ey_sim_server_set_fault (driver->sim, EY_SIM_FAULT_HTTP500, "imzayontemi.go", 0);
  pin = EY_PIN_ENTRY (ui_child (driver, "signing", "pin_entry"));
  gtk_editable_set_text (GTK_EDITABLE (ey_pin_entry_get_entry (pin)), "123456");
  ui_next (driver);
  g_assert_true (ui_spin_until (done_or_failed, driver, 30000));
  g_assert_cmpstr (ey_window_get_visible_page_name (driver->window), ==, "submit");
  g_assert_cmpuint (ui_count (driver, "signature-accepted", NULL, NULL), ==, 1);
  g_assert_cmpuint (ui_count (driver, "application-submitted", NULL, NULL), ==, 0);

  /* The user closes anyway. */
  old = g_object_ref (GTK_WINDOW (driver->window));
  gtk_window_close (old);
  guard = find_dialog (driver);
  g_assert_nonnull (guard);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (guard), "close");
  g_assert_true (ui_spin_until (window_hidden, old, 10000));
  driver->window = NULL;
  g_object_unref (old);

  /* The note is the demo's, and Ayşe's: the real program never sees it */
  record = ey_recovery_path_for (demo_dir, AYSE_ID, NULL);
  g_assert_true (g_file_test (record, G_FILE_TEST_EXISTS));
  real_notes = ey_recovery_list (real_dir);
  g_assert_cmpuint (real_notes->len, ==, 0);

  /* Next start: the notice, then sign-in finishes the application by itself. */
  ey_sim_server_clear_faults (driver->sim);
  ui_driver_new_window (driver, 1000, 700);
  g_assert_true (gtk_widget_get_visible (ui_child (driver, "welcome", "notice_label")));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (ui_child (driver, "welcome", "notice_label"))),
                            "AYŞE YILMAZ"));
  /* The record is handed to the new renewal, which finishes it after sign-in. */
  g_assert_nonnull (ey_session_get_recovery (ey_window_get_session (driver->window)));
  go_to_sign_in (driver, "AYŞE YILMAZ", AYSE_PASS);
  g_assert_true (ui_sign_in (driver, AYSE_ID, UI_DRIVER_CAPTCHA));
  /* The site kept the accepted E-Onay: the renewal opens the order, presses E-Onaylı
   * Başvuru by itself and ends with the site's own confirmation, sent exactly once. */
  if (!ui_wait_page (driver, "done"))
    {
      g_autofree char *log = ey_sim_server_get_log_text (driver->sim);

      g_test_message ("after recovery sign-in: page %s, error '%s'\n%s",
                      ey_window_get_visible_page_name (driver->window), ui_error_text (driver), log);
      g_assert_not_reached ();
    }
  session = ey_window_get_session (driver->window);
  g_assert_cmpint (ey_session_get_step (session), ==, EY_SESSION_STEP_DONE);
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (ui_child (driver, "done", "confirmation_label"))),
                            "başarıyla"));
  g_assert_cmpuint (ui_count (driver, "application-resumed", "state", "eonay-signed"), ==, 1);
  g_assert_cmpuint (ey_sim_server_count_events (driver->sim, "application-submitted", NULL, NULL), ==, 1);
  g_assert_cmpuint (ey_sim_server_count_events (driver->sim, "application-submitted", "method",
                                                "eonayli"), ==, 1);
  g_assert_cmpuint (ey_sim_server_count_events (driver->sim, "signature-accepted", NULL, NULL), ==, 1);
  /* Confirmed: the record is gone, the next start says nothing. */
  g_assert_false (g_file_test (record, G_FILE_TEST_EXISTS));
  g_assert_null (ey_session_get_recovery (session));

  /* A record the site knows nothing of (someone else's order here): after sign-in the
   * form says the application was lost, and the renewal goes on from there. */
  lost_order = g_strdup (ey_session_get_order_id (session));
  g_assert_nonnull (strstr (lost_order, "1001"));
  memcpy (strstr (lost_order, "1001"), "1004", 4);
  lost = ey_recovery_new (ALI_ID, "ALİ ÇELİK", lost_order, "eonay");
  lost_record = ey_recovery_path_for (demo_dir, ALI_ID, NULL);
  g_assert_true (ey_recovery_save (lost, lost_record, NULL));
  ui_driver_new_window (driver, 1000, 700);
  g_assert_true (gtk_widget_get_visible (ui_child (driver, "welcome", "notice_label")));
  go_to_sign_in (driver, "ALİ ÇELİK", ALI_PASS);
  g_assert_true (ui_sign_in (driver, ALI_ID, UI_DRIVER_CAPTCHA));
  g_assert_true (ui_wait_page (driver, "form"));
  g_assert_cmpstr (ui_error_text (driver), ==, ey_core_error_message (EY_CORE_ERROR_APPLICATION_LOST));
  g_assert_nonnull (ui_find_named (GTK_WIDGET (ui_page (driver, "form")), "phone"));
  g_assert_cmpuint (ui_count (driver, "application-resumed", NULL, NULL), ==, 0);
  g_assert_cmpuint (ey_sim_server_count_events (driver->sim, "application-submitted", NULL, NULL), ==, 1);
  /* The record claimed what the site does not have: it is gone. */
  g_assert_false (g_file_test (lost_record, G_FILE_TEST_EXISTS));

  /* Forgetting one: only after a confirmation that says what is lost */
  forget = ey_recovery_new (ALI_ID, "ALİ ÇELİK", lost_order, "eonay");
  g_assert_true (ey_recovery_save (forget, lost_record, NULL));
  ui_driver_new_window (driver, 1000, 700);
  g_assert_true (gtk_widget_get_visible (ui_child (driver, "welcome", "notice_label")));
  g_assert_true (gtk_widget_get_visible (ui_child (driver, "welcome", "forget_button")));
  g_signal_emit_by_name (ui_child (driver, "welcome", "forget_button"), "clicked");
  g_assert_true (ui_spin_until (dialog_shown, driver, 10000));
  confirm = find_dialog (driver);
  g_assert_nonnull (confirm);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (confirm)), "NOT"));
  answer_dialog (confirm, "keep");
  g_assert_true (ui_spin_until (dialog_gone, driver, 10000));
  g_assert_true (g_file_test (lost_record, G_FILE_TEST_EXISTS));
  g_assert_true (gtk_widget_get_visible (ui_child (driver, "welcome", "notice_label")));
  g_signal_emit_by_name (ui_child (driver, "welcome", "forget_button"), "clicked");
  g_assert_true (ui_spin_until (dialog_shown, driver, 10000));
  confirm = find_dialog (driver);
  g_assert_nonnull (confirm);
  answer_dialog (confirm, "forget");
  g_assert_true (ui_spin_until (file_gone, (gpointer) lost_record, 10000));
  g_assert_false (gtk_widget_get_visible (ui_child (driver, "welcome", "notice_label")));
  g_assert_false (gtk_widget_get_visible (ui_child (driver, "welcome", "forget_button")));
}

/* Someone else's card in the reader: listed, refused with the reason, no way to sign. */
static void
test_other_person (void)
{
  UiDriver *driver = test_driver ();
  EyCertificateRow *row;
  g_autofree char *why = NULL;

  g_assert_true (ui_wait_certificates (driver));
  go_to_sign_in (driver, "ZEYNEP ŞAHİN", "Zy2cH7rd");
  go_to_form (driver, "56789123416");
  go_through_sms (driver, "56789123416");
  /* The card is Ayşe's, so E-Onay is not preselected; Zeynep asks for it anyway. */
  g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (ui_child (driver, "eonay", "no_check"))));
  gtk_check_button_set_active (GTK_CHECK_BUTTON (ui_child (driver, "eonay", "yes_check")), TRUE);
  g_assert_true (ui_walk_eonay_to_signing (driver));

  row = EY_CERTIFICATE_ROW (gtk_widget_get_first_child (ui_child (driver, "signing", "certificate_list")));
  g_assert_nonnull (row);
  g_assert_false (ey_certificate_row_get_usable (row));
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (ey_certificate_row_get_check (row))));
  why = ey_ui_certificate_refusal (ey_certificate_row_get_certificate (row), "56789123416");
  g_assert_nonnull (why);
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), why));
  g_assert_true (gtk_widget_get_visible (ui_child (driver, "signing", "no_certificate_label")));
  gtk_editable_set_text (GTK_EDITABLE (ey_pin_entry_get_entry (EY_PIN_ENTRY (ui_child (driver, "signing",
                                                                                      "pin_entry")))),
                         "123456");
  g_assert_false (ey_step_page_get_can_continue (ui_page (driver, "signing")));
  /* The text is shown (it names Zeynep), but nothing is signed with Ayşe's card */
  g_assert_true (ey_page_signing_get_text_ready (EY_PAGE_SIGNING (ui_page (driver, "signing"))));
  g_assert_cmpuint (ui_count (driver, "signature-accepted", NULL, NULL), ==, 0);
  g_assert_cmpuint (ui_count (driver, "signature-refused", NULL, NULL), ==, 0);
}

/* No open order: what to ask the officer, and a way on (no dead end). */
static void
test_no_order (void)
{
  UiDriver *driver = test_driver ();

  go_to_sign_in (driver, "MEHMET DEMİR", "Mz7pQ2wx");
  ui_sign_in (driver, "23456789138", UI_DRIVER_CAPTCHA);
  g_assert_true (ui_wait_page (driver, "order"));
  g_assert_true (gtk_widget_get_visible (ui_child (driver, "order", "no_order_box")));
  g_assert_false (gtk_widget_get_visible (ui_child (driver, "order", "order_list")));
  g_assert_true (ey_step_page_get_can_continue (ui_page (driver, "order")));
  ui_next (driver);
  g_assert_true (ui_wait_page (driver, "welcome"));
}

static void
on_expired_cb (EyCountdown *countdown,
               gboolean    *expired)
{
  *expired = TRUE;
}

static void
test_countdown (void)
{
  GtkWidget *countdown = g_object_ref_sink (ey_countdown_new ());
  gboolean expired = FALSE;

  g_signal_connect (countdown, "expired", G_CALLBACK (on_expired_cb), &expired);
  /* A deadline on the monotonic clock: 90 s shows as 1:30, rounds up, counts down. */
  ey_countdown_start (EY_COUNTDOWN (countdown), g_get_monotonic_time () + 90 * G_USEC_PER_SEC, 90);
  g_assert_cmpint (ey_countdown_get_seconds_left (EY_COUNTDOWN (countdown)), ==, 90);
  g_assert_false (gtk_widget_has_css_class (countdown, "ending"));
  /* In the last 30 s the style changes. */
  ey_countdown_start (EY_COUNTDOWN (countdown), g_get_monotonic_time () + 20 * G_USEC_PER_SEC, 90);
  g_assert_true (gtk_widget_has_css_class (countdown, "ending"));
  g_assert_false (ey_countdown_get_expired (EY_COUNTDOWN (countdown)));
  /* At zero it stops, says so and tells what to do. */
  ey_countdown_start (EY_COUNTDOWN (countdown), g_get_monotonic_time () + G_USEC_PER_SEC / 2, 90);
  g_assert_true (ui_spin_until (ui_is_true, &expired, 5000));
  g_assert_true (ey_countdown_get_expired (EY_COUNTDOWN (countdown)));
  g_assert_cmpint (ey_countdown_get_seconds_left (EY_COUNTDOWN (countdown)), ==, 0);
  g_object_unref (countdown);
}

static void
test_pin_entry (void)
{
  GtkWidget *pin = g_object_ref_sink (ey_pin_entry_new ());
  GtkEditable *entry = GTK_EDITABLE (ey_pin_entry_get_entry (EY_PIN_ENTRY (pin)));
  int position = 0;

  /* Digits only, never echoed. */
  gtk_editable_insert_text (entry, "12a4", -1, &position);
  g_assert_cmpstr (ey_pin_entry_get_pin (EY_PIN_ENTRY (pin)), ==, "");
  position = 0;
  gtk_editable_insert_text (entry, "1234", -1, &position);
  g_assert_cmpstr (ey_pin_entry_get_pin (EY_PIN_ENTRY (pin)), ==, "1234");
  g_assert_false (gtk_entry_get_visibility (ey_pin_entry_get_entry (EY_PIN_ENTRY (pin))));
  ey_pin_entry_set_tries_left (EY_PIN_ENTRY (pin), 1);
  g_assert_cmpint (ey_pin_entry_get_tries_left (EY_PIN_ENTRY (pin)), ==, 1);
  ey_pin_entry_clear (EY_PIN_ENTRY (pin));
  g_assert_cmpstr (ey_pin_entry_get_pin (EY_PIN_ENTRY (pin)), ==, "");
  g_object_unref (pin);
}

static void
test_language_switch (void)
{
  UiDriver *driver = test_driver ();
  GtkTextView *view;

  /* A look-alike link in a pasted mail: a loud warning, and its password is not used. */
  ui_next (driver);
  g_assert_true (ui_wait_page (driver, "mail"));
  view = GTK_TEXT_VIEW (ui_child (driver, "mail", "mail_view"));
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (view),
                            "Kimden: bilgilendirme@kamusm.gov.tr\nSayın AYŞE YILMAZ,\n"
                            "Başvuru Formu Erişim Parolanız : Zz9xYy8w\n"
                            "Başvuru Formu Erişim Adresiniz : "
                            "https://basvuru.kamusm.gov.tr.giris-yap.com/bs/login.go\n", -1);
  g_assert_true (gtk_widget_get_visible (ui_child (driver, "mail", "link_warning")));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (ui_child (driver, "mail", "password_row"))),
                   ==, "");
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (view), "", -1);
  g_assert_false (gtk_widget_get_visible (ui_child (driver, "mail", "link_warning")));

  ui_paste_mail (driver, "AYŞE YILMAZ", AYSE_PASS);
  ui_next (driver);
  g_assert_true (ui_wait_page (driver, "sign-in"));
  ui_set_text (driver, "sign-in", "identity_row", AYSE_ID);
  /* The renewal survives the switch: same step, pages rebuilt in Turkish. */
  ey_application_set_language (driver->app, "tr");
  g_assert_cmpstr (ey_window_get_visible_page_name (driver->window), ==, "sign-in");
  /* Whatever the Turkish catalog says for it: the rebuilt page uses the new language. */
  g_assert_cmpstr (ey_step_page_get_title (ui_page (driver, "sign-in")), ==,
                   g_dgettext (GETTEXT_PACKAGE, "Sign in"));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (ui_child (driver, "sign-in", "password_row"))),
                   ==, AYSE_PASS);
  ey_application_set_language (driver->app, "en");
  g_assert_cmpstr (ey_step_page_get_title (ui_page (driver, "sign-in")), ==, "Sign in");
}

/* The site shows a page the profile does not know: the window says the site has
 * changed, keeps what was typed, saves a report for IT without personal data, and
 * tries again. */
static void
test_site_changed (void)
{
  UiDriver *driver = test_driver ();
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("ey-report-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "report.txt", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *report = NULL;
  guint login_ok;

  go_to_sign_in (driver, "AYŞE YILMAZ", AYSE_PASS);
  ey_sim_server_set_fault (driver->sim, EY_SIM_FAULT_UNEXPECTED_PAGE, "login.go", 1);
  ui_sign_in (driver, AYSE_ID, UI_DRIVER_CAPTCHA);
  g_assert_true (ui_wait_page (driver, "site-changed"));
  g_assert_true (ey_step_page_get_can_continue (ui_page (driver, "site-changed")));
  /* Everything typed is still on the sign-in page. */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (ui_child (driver, "sign-in", "identity_row"))),
                   ==, AYSE_ID);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (ui_child (driver, "sign-in", "password_row"))),
                   ==, AYSE_PASS);

  g_assert_true (ey_page_site_changed_save_report (EY_PAGE_SITE_CHANGED (ui_page (driver, "site-changed")),
                                                   file, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &report, NULL, &error));
  g_assert_nonnull (strstr (report, "Bakım Çalışması"));
  g_assert_null (strstr (report, AYSE_ID));
  g_assert_null (strstr (report, AYSE_PASS));
  g_assert_null (strstr (report, "AYŞE"));
  g_assert_null (strstr (report, UI_DRIVER_CAPTCHA));
  g_assert_cmpint (g_unlink (path), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);

  /* Try again: back on the sign-in page with what was typed; the site shows a fresh
   * picture after every failure, so only its text is typed again. */
  ui_next (driver);
  g_assert_true (ui_wait_page (driver, "sign-in"));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (ui_child (driver, "sign-in", "identity_row"))),
                   ==, AYSE_ID);
  ui_set_text (driver, "sign-in", "captcha_row", UI_DRIVER_CAPTCHA);
  login_ok = ui_count (driver, "login-ok", "identity", AYSE_ID);
  ui_next (driver);
  /* Signed in, and on where the site has the renewal: Ayşe's application went in
   * already (/ui/eonay-path, same simulator), and her single order opens itself, so
   * that is its result page. */
  g_assert_true (ui_spin_until (signed_in_or_done, driver, 20000));
  g_assert_cmpuint (ui_count (driver, "login-ok", "identity", AYSE_ID), ==, login_ok + 1);
}

/* The NOT-KamuSM strip: not in the demo (which has its own), shown for a site or a
 * profile that is not the built-in KamuSM one, and never the demo's strip. */
static void
test_site_notice (void)
{
  UiDriver *driver = test_driver ();
  g_autoptr(GError) error = NULL;
  g_autoptr(EySiteProfile) profile = ey_site_profile_new_default (&error);
  GtkWidget *strip;

  g_assert_no_error (error);
  g_assert_null (driver->window->site_notice);
  _ey_window_set_site_notice (driver->window, profile);
  g_assert_null (driver->window->site_notice);

  g_assert_true (ey_site_profile_set_base_url (profile, "https://127.0.0.1:9/bs/", FALSE, &error));
  g_assert_no_error (error);
  _ey_window_set_site_notice (driver->window, profile);
  strip = GTK_WIDGET (driver->window->site_notice);
  g_assert_nonnull (strip);
  g_assert_true (gtk_widget_get_visible (strip));
  g_assert_true (gtk_widget_has_css_class (strip, "not-kamusm-strip"));
  g_assert_false (gtk_widget_has_css_class (strip, "demo-strip"));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (strip)), "127.0.0.1:9"));
}

int
main (int   argc,
      char *argv[])
{
  gboolean recovery = FALSE;
  g_autofree char *run_dir = NULL;
  g_autofree char *state_home = NULL;
  g_autofree char *data_home = NULL;
  int status;

  /* --recovery runs only the recovery test, in its own process: SoftHSM keeps the first
   * demo token it saw per process, and that test signs too (see meson.build). */
  recovery = ui_driver_take_switch (&argc, argv, "--recovery");

  /* This run's own state and data folders: pending applications and the
   * demo site's state are kept there, never in the user's */
  run_dir = g_dir_make_tmp ("ey-ui-flow-XXXXXX", NULL);
  g_assert_nonnull (run_dir);
  state_home = g_build_filename (run_dir, "state", NULL);
  data_home = g_build_filename (run_dir, "data", NULL);
  g_setenv ("XDG_STATE_HOME", state_home, TRUE);
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);

  ey_application_init_i18n ();
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  if (recovery)
    g_test_add_func ("/ui/recovery", test_recovery);
  else
    {
      g_test_add_func ("/ui/eonay-path", test_eonay_path);
      g_test_add_func ("/ui/wet-path", test_wet_path);
      g_test_add_func ("/ui/language-switch", test_language_switch);
      g_test_add_func ("/ui/no-order", test_no_order);
      g_test_add_func ("/ui/other-person", test_other_person);
      g_test_add_func ("/ui/countdown", test_countdown);
      g_test_add_func ("/ui/pin-entry", test_pin_entry);
      g_test_add_func ("/ui/site-changed", test_site_changed);
      g_test_add_func ("/ui/site-notice", test_site_notice);
    }
  status = g_test_run ();
  if (shared)
    ui_driver_free (shared);
  ey_test_remove_tree (run_dir);
  return status;
}
