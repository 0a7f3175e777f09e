/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-ui-locale"

#include "config.h"

#include <locale.h>
#include <string.h>

#include <glib/gi18n.h>

#include "ui-driver.h"

/*
 * The window under LC_ALL=tr_TR.UTF-8 (set in main()): the user sees Turkish, and
 * protocol data — the identity number and a CAPTCHA with i and I, the letters Turkish
 * case rules change — reaches the site exactly as typed.
 */

#define AYSE_ID   "12345678950"
#define AYSE_PASS "Ab3kT9qz"
/* What the picture shows, and what the user types: the site compares ASCII-only,
 * ignoring case, so a Turkish upper-casing ("i" → "İ") on our side would fail. */
#define CAPTCHA       "KiMI7"
#define CAPTCHA_TYPED "kimi7"

/* A string shown in Turkish: the catalog's text, not the English one. */
static void
assert_turkish (const char *shown,
                const char *msgid)
{
  g_assert_cmpstr (shown, ==, g_dgettext (GETTEXT_PACKAGE, msgid));
  g_assert_cmpstr (shown, !=, msgid);
}

static gboolean
signed_in (gpointer data)
{
  UiDriver *driver = data;
  const char *page = ey_window_get_visible_page_name (driver->window);

  return !ey_session_get_busy (ey_window_get_session (driver->window)) &&
         (g_strcmp0 (page, "order") == 0 || g_strcmp0 (page, "form") == 0 ||
          *ui_error_text (driver));
}

static void
test_turkish (void)
{
  UiDriver *driver = ui_driver_new ();
  GtkWidget *continue_button = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (driver->window),
                                                                          EY_TYPE_WINDOW,
                                                                          "continue_button"));
  GtkWidget *back_button = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (driver->window),
                                                                      EY_TYPE_WINDOW, "back_button"));
  JsonObject *login;

  /* The test runs under the Turkish locale, not merely with a Turkish catalog. */
  g_assert_true (g_str_has_prefix (setlocale (LC_CTYPE, NULL), "tr_TR"));

  /* Visible labels are Turkish. */
  g_assert_true (ui_wait_page (driver, "welcome"));
  assert_turkish (gtk_window_get_title (GTK_WINDOW (driver->window)), "e-Signature Renewal");
  g_assert_nonnull (strstr (gtk_window_get_title (GTK_WINDOW (driver->window)), "İ"));
  ui_next (driver);
  g_assert_true (ui_wait_page (driver, "mail"));
  g_assert_true (gtk_widget_get_visible (continue_button));
  assert_turkish (gtk_button_get_label (GTK_BUTTON (back_button)), "_Back");
  ui_paste_mail (driver, "AYŞE YILMAZ", AYSE_PASS);
  /* The name from the mail keeps its letters (no case folding on the way). */
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (ui_child (driver, "mail", "name_row"))),
                   ==, "AYŞE YILMAZ");
  ui_next (driver);
  g_assert_true (ui_wait_page (driver, "sign-in"));
  assert_turkish (ey_step_page_get_title (ui_page (driver, "sign-in")), "Sign in");

  /* Identity and CAPTCHA go to the site unchanged. */
  ui_set_text (driver, "sign-in", "identity_row", AYSE_ID);
  ui_set_text (driver, "sign-in", "captcha_row", CAPTCHA_TYPED);
  g_assert_null (strstr (gtk_editable_get_text (GTK_EDITABLE (ui_child (driver, "sign-in", "captcha_row"))),
                         "İ"));
  ui_next (driver);
  g_assert_true (ui_spin_until (signed_in, driver, 20000));
  g_test_message ("after sign-in: page %s, error '%s'",
                  ey_window_get_visible_page_name (driver->window), ui_error_text (driver));
  g_assert_cmpstr (ui_error_text (driver), ==, "");
  g_assert_cmpuint (ui_count (driver, "login-failed", NULL, NULL), ==, 0);
  g_assert_cmpuint (ui_count (driver, "login-ok", NULL, NULL), ==, 1);
  login = ey_sim_server_find_event (driver->sim, "login-ok", NULL, NULL);
  g_assert_nonnull (login);
  g_assert_cmpstr (json_object_get_string_member (login, "identity"), ==, AYSE_ID);
  g_assert_cmpstr (ey_session_get_identity (ey_window_get_session (driver->window)), ==, AYSE_ID);

  ui_driver_free (driver);
}

int
main (int   argc,
      char *argv[])
{
  /* The whole program under the Turkish locale, whatever the caller's environment. */
  g_setenv ("LC_ALL", "tr_TR.UTF-8", TRUE);
  g_unsetenv ("LANGUAGE");
  /* Before the driver sets the default: this test's picture has i and I in it. */
  g_setenv ("EY_DEMO_CAPTCHA", CAPTCHA, TRUE);
  ey_application_init_i18n ();
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/ui/locale/turkish", test_turkish);
  return g_test_run ();
}
