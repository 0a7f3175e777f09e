/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-ui-flow"

#include "config.h"

#include <locale.h>

#include "ui-driver.h"
#include "ey-card-status.h"
#include "ey-pin-entry.h"

#define AYSE_ID   "12345678950"
#define AYSE_PASS "Ab3kT9qz"
#define FATMA_ID  "34567891238"
#define FATMA_PASS "Fq4nR8ty"

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
  g_assert_cmpuint (ey_sim_server_count_events (driver->sim, "login-failed", "reason", "captcha"),
                    ==, 1);

  g_assert_true (ui_sign_in (driver, identity, UI_DRIVER_CAPTCHA));
  if (g_strcmp0 (ey_window_get_visible_page_name (driver->window), "order") == 0)
    {
      ui_next (driver);
      ui_wait_idle (driver);
    }
  g_assert_true (ui_wait_page (driver, "form"));
  g_assert_cmpuint (ey_sim_server_count_events (driver->sim, "login-ok", NULL, NULL), ==, 1);
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
  g_assert_cmpuint (ey_sim_server_count_events (driver->sim, "form-saved", NULL, NULL), ==, 1);
  g_assert_false (gtk_widget_get_visible (ui_child (driver, "sms", "code_box")));

  ui_next (driver);   /* Send the SMS */
  g_assert_true (ui_wait_idle (driver));
  g_assert_true (gtk_widget_get_visible (ui_child (driver, "sms", "code_box")));
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
  g_assert_cmpuint (ey_sim_server_count_events (driver->sim, "sms-failed", "reason", "wrong"), ==, 1);

  /* Expired code: said so, and a new code can be asked for. */
  g_assert_true (ey_sim_server_expire (driver->sim, "sms"));
  ui_set_text (driver, "sms", "code_row", code);
  ui_next (driver);
  g_assert_true (ui_wait_idle (driver));
  g_assert_cmpuint (ey_sim_server_count_events (driver->sim, "sms-failed", "reason", "expired"), ==, 1);
  g_assert_cmpstr (ui_error_text (driver), !=, "");
  g_assert_true (gtk_widget_get_visible (ui_child (driver, "sms", "new_code_button")));
  g_signal_emit_by_name (ui_child (driver, "sms", "new_code_button"), "clicked");
  g_assert_true (ui_wait_idle (driver));
  g_assert_cmpuint (ey_sim_server_count_events (driver->sim, "sms-sent", NULL, NULL), ==, 2);
  code2 = ui_sms_code (driver, identity);
  g_assert_nonnull (code2);

  ui_set_text (driver, "sms", "code_row", code2);
  ui_next (driver);
  g_assert_true (ui_wait_page (driver, "eonay"));
  g_assert_cmpuint (ey_sim_server_count_events (driver->sim, "sms-ok", NULL, NULL), ==, 1);
}

static gboolean
pin_refused (gpointer data)
{
  return ey_pin_entry_get_tries_left (EY_PIN_ENTRY (data)) < 3;
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
  UiDriver *driver = ui_driver_new ();
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
  g_assert_cmpuint (ey_sim_server_count_events (driver->sim, "consent-accepted", NULL, NULL), ==, 1);

  /* The verification code is shown and counts down. */
  g_assert_cmpuint (strlen (gtk_label_get_text (GTK_LABEL (ui_child (driver, "signing", "code_label")))),
                    ==, 15);

  /* Wrong PIN: the PIN field says so and shows the tries left. */
  pin = EY_PIN_ENTRY (ui_child (driver, "signing", "pin_entry"));
  g_assert_cmpint (ey_pin_entry_get_tries_left (pin), >, 0);
  gtk_editable_set_text (GTK_EDITABLE (ey_pin_entry_get_entry (pin)), "111111");
  ui_next (driver);
  g_assert_true (ui_spin_until (pin_refused, pin, 20000));
  ui_wait_idle (driver);
  g_assert_cmpstr (ey_window_get_visible_page_name (driver->window), ==, "signing");
  g_assert_cmpint (ey_pin_entry_get_tries_left (pin), <, 3);
  g_assert_cmpuint (ey_sim_server_count_events (driver->sim, "signature-accepted", NULL, NULL), ==, 0);

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
      g_assert_cmpstr (ui_error_text (driver), !=, "");
      g_assert_cmpuint (ey_sim_server_count_events (driver->sim, "application-submitted", NULL, NULL),
                        ==, 0);
      ui_next (driver);
      g_assert_true (ui_wait_page (driver, "done"));
    }
  g_assert_cmpuint (ey_sim_server_count_events (driver->sim, "signature-accepted", NULL, NULL), ==, 1);
  g_assert_cmpuint (ey_sim_server_count_events (driver->sim, "application-submitted", "method",
                                                "eonayli"), ==, 1);
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (ui_child (driver, "done", "confirmation_label"))),
                            "başarıyla"));
  ui_driver_free (driver);
}

static void
test_wet_path (void)
{
  UiDriver *driver = ui_driver_new ();

  g_assert_true (ui_wait_certificates (driver));
  go_to_sign_in (driver, "FATMA KAYA", FATMA_PASS);
  go_to_form (driver, FATMA_ID);
  go_through_sms (driver, FATMA_ID);

  /* No valid certificate of Fatma's on a card: the wet way is preselected. */
  g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (ui_child (driver, "eonay", "no_check"))));
  ui_next (driver);
  g_assert_true (ui_wait_page (driver, "submit"));
  g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (ui_child (driver, "submit", "islak_check"))));
  ui_next (driver);
  g_assert_true (ui_wait_page (driver, "wet"));
  ui_wait_idle (driver);
  g_assert_true (gtk_widget_get_sensitive (ui_child (driver, "wet", "open_button")));
  g_assert_cmpuint (ey_sim_server_count_events (driver->sim, "pdf-downloaded", NULL, NULL), ==, 1);
  g_assert_cmpuint (ey_sim_server_count_events (driver->sim, "application-submitted", "method",
                                                "islak"), ==, 1);
  ui_driver_free (driver);
}

static void
test_language_switch (void)
{
  UiDriver *driver = ui_driver_new ();

  go_to_sign_in (driver, "AYŞE YILMAZ", AYSE_PASS);
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
  ui_driver_free (driver);
}

int
main (int   argc,
      char *argv[])
{
  ey_application_init_i18n ();
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/ui/eonay-path", test_eonay_path);
  g_test_add_func ("/ui/wet-path", test_wet_path);
  g_test_add_func ("/ui/language-switch", test_language_switch);
  return g_test_run ();
}
