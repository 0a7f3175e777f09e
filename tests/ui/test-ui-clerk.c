/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-ui-clerk"

#include "config.h"

#include <locale.h>
#include <string.h>

#include "ui-driver.h"
#include "ey-pin-entry.h"
#include "ey-card-status.h"
#include "ey-receipt.h"
#include "ey-draft.h"
#include "ey-ui-format.h"

#include <glib/gstdio.h>

/* The tired clerk (issue 13): errors in view, focus and keys, the close guard, the
 * wet path, the input count of a whole renewal.  --narrow: a 360 px window;
 * --turkish: the Turkish UI under tr_TR.UTF-8; --errors: the error walk (it signs once,
 * and SoftHSM keeps the first demo token it saw per process). */

#define AYSE_ID   "12345678950"
#define AYSE_PASS "Ab3kT9qz"

#define NARROW 360
#define WIDE   1000

static UiDriver *shared;
static int       window_width = WIDE;
static gboolean  turkish;

static UiDriver *
test_driver (void)
{
  if (shared == NULL)
    shared = ui_driver_new ();
  ui_driver_new_window (shared, window_width, 600);
  ey_sim_server_forget_applications (shared->sim);
  if (turkish)
    ey_application_set_language (shared->app, "tr");
  return shared;
}

static void
after_paint_cb (GdkFrameClock *clock,
                guint         *frames)
{
  (*frames)++;
}

static gboolean
two_frames (gpointer data)
{
  return *(guint *) data >= 2;
}

/* Until two frames are painted: the page's scrolling after the layout is applied. */
static void
wait_frames (GtkWidget *widget)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (widget);
  guint frames = 0;
  gulong id = g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), &frames);

  gtk_widget_queue_draw (widget);
  g_assert_true (ui_spin_until (two_frames, &frames, 5000));
  g_signal_handler_disconnect (clock, id);
}

static gboolean
revealed (gpointer data)
{
  return gtk_revealer_get_child_revealed (GTK_REVEALER (data));
}

/* The page's error banner is shown, pinned above the page's scrolled view (no scrolling
 * can take it away), inside the page as one sees it, and says what the page's error
 * text says. */
static void
assert_error_in_view (UiDriver *driver)
{
  EyStepPage *page = ey_window_get_visible_page (driver->window);
  GtkWidget *banner = ey_step_page_get_error_banner (page);
  GtkWidget *content = gtk_revealer_get_child (GTK_REVEALER (banner));
  graphene_rect_t bounds;

  g_assert_cmpstr (ui_error_text (driver), !=, "");
  g_assert_true (ui_spin_until (revealed, banner, 5000));
  wait_frames (banner);
  g_assert_true (gtk_widget_get_mapped (content));
  g_assert_null (gtk_widget_get_ancestor (banner, GTK_TYPE_SCROLLED_WINDOW));
  g_assert_true (gtk_widget_compute_bounds (content, GTK_WIDGET (page), &bounds));
  g_test_message ("%s: banner at y %.0f–%.0f of %d px", ey_window_get_visible_page_name (driver->window),
                  bounds.origin.y, bounds.origin.y + bounds.size.height,
                  gtk_widget_get_height (GTK_WIDGET (page)));
  g_assert_cmpfloat (bounds.size.height, >, 0);
  g_assert_cmpfloat (bounds.origin.y, >=, 0);
  g_assert_cmpfloat (bounds.origin.y + bounds.size.height, <=, gtk_widget_get_height (GTK_WIDGET (page)));
}

/* @widget lies fully inside what the scrolled window shows. */
static void
assert_widget_in_view (GtkWidget *widget)
{
  GtkWidget *scrolled = gtk_widget_get_ancestor (widget, GTK_TYPE_SCROLLED_WINDOW);
  graphene_rect_t bounds;

  wait_frames (widget);
  g_assert_true (gtk_widget_get_mapped (widget));
  g_assert_true (gtk_widget_compute_bounds (widget, scrolled, &bounds));
  g_test_message ("%s at y %.0f–%.0f of %d px", G_OBJECT_TYPE_NAME (widget),
                  bounds.origin.y, bounds.origin.y + bounds.size.height,
                  gtk_widget_get_height (scrolled));
  g_assert_cmpfloat (bounds.size.height, >, 0);
  g_assert_cmpfloat (bounds.origin.y, >=, 0);
  g_assert_cmpfloat (bounds.origin.y + bounds.size.height, <=, gtk_widget_get_height (scrolled));
}

static GtkWidget *
focus_widget (UiDriver *driver)
{
  return gtk_root_get_focus (GTK_ROOT (driver->window));
}

/* Whether the focus is in @widget (an entry row's text field counts as the row). */
static gboolean
focus_in (UiDriver  *driver,
          GtkWidget *widget)
{
  GtkWidget *focus = focus_widget (driver);

  return focus && (focus == widget || gtk_widget_is_ancestor (focus, widget));
}

/* No network, a wrong CAPTCHA, a wrong PIN: each time the error is at the top, in view,
 * and the focus where the correction goes. */
static void
test_errors_in_view (void)
{
  UiDriver *driver = test_driver ();
  g_autofree char *code = NULL;
  EyPinEntry *pin;

  g_assert_true (ui_wait_certificates (driver));
  ui_next (driver);
  g_assert_true (ui_wait_page (driver, "mail"));
  ui_paste_mail (driver, "AYŞE YILMAZ", AYSE_PASS);

  /* No network: the site's first page never answers. */
  ey_sim_server_set_fault (driver->sim, EY_SIM_FAULT_DROP, "login.go", 0);
  ui_next (driver);
  g_assert_true (ui_wait_idle (driver));
  g_assert_cmpstr (ey_window_get_visible_page_name (driver->window), ==, "mail");
  assert_error_in_view (driver);
  ey_sim_server_clear_faults (driver->sim);
  ui_next (driver);
  g_assert_true (ui_wait_page (driver, "sign-in"));
  g_assert_cmpstr (ui_error_text (driver), ==, "");

  /* Wrong CAPTCHA: in view, the focus in the CAPTCHA field. */
  g_assert_true (ui_sign_in (driver, AYSE_ID, "WRONG"));
  g_assert_cmpstr (ey_window_get_visible_page_name (driver->window), ==, "sign-in");
  assert_error_in_view (driver);
  g_assert_true (focus_in (driver, ui_child (driver, "sign-in", "captcha_row")));

  g_assert_true (ui_sign_in (driver, AYSE_ID, UI_DRIVER_CAPTCHA));
  g_assert_true (ui_walk_to_form (driver));
  g_assert_true (ui_fill_form (driver));
  ui_next (driver);
  g_assert_true (ui_wait_page (driver, "sms"));
  if (!gtk_widget_get_visible (ui_child (driver, "sms", "code_box")))
    {
      ui_next (driver);
      g_assert_true (ui_wait_idle (driver));
    }
  code = ui_sms_code (driver, AYSE_ID);
  g_assert_nonnull (code);

  /* The demo's SMS stays on the page, in view at this width, with the code. */
  {
    GtkWidget *inbox = ui_child (driver, "sms", "inbox_row");
    g_autofree char *phone = NULL;

    g_assert_true (gtk_widget_get_visible (ui_child (driver, "sms", "inbox_group")));
    g_assert_nonnull (strstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (inbox)), code));
    g_assert_true (gtk_widget_get_mapped (inbox));
    /* The phone as typed on the form beside the site's mask. */
    phone = g_strdup (adw_action_row_get_subtitle (ADW_ACTION_ROW (ui_child (driver, "sms", "phone_row"))));
    g_test_message ("phone row: %s", phone);
    g_assert_nonnull (strstr (phone, ey_session_get_masked_phone (ey_window_get_session (driver->window))));
    g_assert_cmpuint (strlen (phone), >, strlen (ey_session_get_masked_phone (ey_window_get_session (driver->window))));
  }

  /* Wrong SMS code: in view, the focus in the code field. */
  ui_set_text (driver, "sms", "code_row", "000000");
  ui_next (driver);
  g_assert_true (ui_wait_idle (driver));
  assert_error_in_view (driver);
  g_assert_true (focus_in (driver, ui_child (driver, "sms", "code_row")));

  ui_set_text (driver, "sms", "code_row", code);
  ui_next (driver);
  ui_wait_idle (driver);
  if (g_strcmp0 (ey_window_get_visible_page_name (driver->window), "eonay") == 0)
    {
      gtk_check_button_set_active (GTK_CHECK_BUTTON (ui_child (driver, "eonay", "yes_check")), TRUE);
      ui_next (driver);
    }
  g_assert_true (ui_walk_consent_to_signing (driver));

  /* Wrong PIN. */
  pin = EY_PIN_ENTRY (ui_child (driver, "signing", "pin_entry"));
  gtk_editable_set_text (GTK_EDITABLE (ey_pin_entry_get_entry (pin)), "111111");
  ui_next (driver);
  g_assert_true (ui_spin_until (ui_pin_refused, pin, 20000));
  ui_wait_idle (driver);
  g_assert_cmpstr (ey_window_get_visible_page_name (driver->window), ==, "signing");
  /* The PIN field says it itself (the signing page's own way), with the focus in it. */
  if (*ui_error_text (driver))
    assert_error_in_view (driver);
  else
    {
      GtkWidget *label = (GtkWidget *) gtk_widget_get_template_child (GTK_WIDGET (pin), EY_TYPE_PIN_ENTRY,
                                                        "error_label");

      g_assert_true (gtk_widget_get_visible (label));
      g_test_message ("focus: %s", focus_widget (driver) ? G_OBJECT_TYPE_NAME (focus_widget (driver)) : "none");
      assert_widget_in_view (label);
      g_assert_true (focus_in (driver, GTK_WIDGET (pin)));
    }

  gtk_editable_set_text (GTK_EDITABLE (ey_pin_entry_get_entry (pin)), "123456");
  ui_next (driver);
  g_assert_true (ui_spin_until (ui_done_or_failed, driver, 30000));
  g_assert_cmpstr (ey_window_get_visible_page_name (driver->window), ==, "done");
}

/* Keyboard only: every input acts on the focused widget, as the keys would. */
typedef struct
{
  UiDriver *driver;
  guint     inputs;
} Keys;

static GtkWidget *
key_focus (Keys *keys)
{
  GtkWidget *focus = focus_widget (keys->driver);

  g_assert_nonnull (focus);
  return focus;
}

/* Typing (or pasting: one input) into the focused field. */
static void
key_type (Keys       *keys,
          const char *text)
{
  GtkWidget *focus = key_focus (keys);

  keys->inputs++;
  if (GTK_IS_TEXT_VIEW (focus))
    gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (focus)), text, -1);
  else
    {
      g_assert_true (GTK_IS_EDITABLE (focus));
      gtk_editable_set_text (GTK_EDITABLE (focus), text);
    }
}

static gboolean
shortcut_for (GtkWidget *widget,
              guint      keyval)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;
      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);
          GtkShortcutTrigger *trigger = gtk_shortcut_get_trigger (shortcut);

          if (GTK_IS_KEYVAL_TRIGGER (trigger) &&
              gtk_keyval_trigger_get_keyval (GTK_KEYVAL_TRIGGER (trigger)) == keyval &&
              gtk_keyval_trigger_get_modifiers (GTK_KEYVAL_TRIGGER (trigger)) == 0)
            return gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut), 0, widget, NULL);
        }
    }
  return FALSE;
}

static void
set_true (gboolean *flag)
{
  *flag = TRUE;
}

/* Enter on the focused widget: its own Enter shortcut, else it activates (an entry
 * with activates-default presses the default button). */
static void
key_enter (Keys *keys)
{
  GtkWidget *focus = key_focus (keys);

  keys->inputs++;
  if (GTK_IS_BUTTON (focus))
    {
      /* A button shows itself pressed for a moment before it clicks. */
      gboolean clicked = FALSE;
      gulong id = g_signal_connect_swapped (focus, "clicked", G_CALLBACK (set_true), &clicked);

      g_assert_true (gtk_widget_activate (focus));
      g_assert_true (ui_spin_until (ui_is_true, &clicked, 5000));
      g_signal_handler_disconnect (focus, id);
      return;
    }
  if (shortcut_for (focus, GDK_KEY_Return))
    return;
  g_assert_true (gtk_widget_activate (focus));
}

/* The window moves the focus once the page shows and the action that led there is over. */
static void
wait_page (Keys       *keys,
           const char *name)
{
  g_assert_true (ui_wait_page (keys->driver, name));
  g_assert_true (ui_spin_until (ui_session_idle, keys->driver, 20000));
  g_test_message ("page %s after %u inputs, focus on %s", name, keys->inputs,
                  focus_widget (keys->driver) ? G_OBJECT_TYPE_NAME (focus_widget (keys->driver)) : "nothing");
}

/* Pasting into the focused text view, as Ctrl+V would: one input. */
static gboolean
buffer_filled (gpointer data)
{
  return gtk_text_buffer_get_char_count (GTK_TEXT_BUFFER (data)) > 0;
}

static void
key_paste (Keys       *keys,
           const char *text)
{
  GtkWidget *focus = key_focus (keys);
  GtkTextBuffer *buffer;

  keys->inputs++;
  g_assert_true (GTK_IS_TEXT_VIEW (focus));
  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (focus));
  gdk_clipboard_set_text (gtk_widget_get_clipboard (focus), text);
  g_signal_emit_by_name (focus, "paste-clipboard");
  g_assert_true (ui_spin_until (buffer_filled, buffer, 5000));
}

typedef struct
{
  UiDriver      *driver;
  EySessionStep  step;
} StepWait;

static gboolean
at_step_idle (gpointer data)
{
  StepWait *wait = data;
  EySession *session = ey_window_get_session (wait->driver->window);

  return ey_session_get_step (session) == wait->step && !ey_session_get_busy (session);
}

/* The most inputs a whole demo E-Onay renewal may take (issue 13). */
#define MAX_INPUTS 12

static void
test_keyboard_walk (void)
{
  UiDriver *driver = test_driver ();
  Keys keys = { driver, 0 };
  g_autofree char *mail = NULL;
  g_autofree char *code = NULL;
  GtkWidget *continue_button;
  StepWait at_code = { driver, EY_SESSION_STEP_SMS_CODE };
  EySession *session;

  g_assert_true (ui_wait_certificates (driver));
  continue_button = (GtkWidget *) gtk_widget_get_template_child (GTK_WIDGET (driver->window),
                                                                 EY_TYPE_WINDOW, "continue_button");
  /* Start: the focus is on it, one Enter. */
  wait_page (&keys, "welcome");
  g_assert_true (focus_widget (driver) == continue_button);
  key_enter (&keys);

  /* A clean mail pasted: the page goes on by itself. */
  wait_page (&keys, "mail");
  mail = ey_sim_server_get_access_mail (driver->sim, AYSE_ID);
  g_assert_true (GTK_IS_TEXT_VIEW (focus_widget (driver)));
  key_paste (&keys, mail);

  /* Sign-in: identity and password prefilled, the focus in the CAPTCHA field; Back goes
   * to the mail. */
  wait_page (&keys, "sign-in");
  session = ey_window_get_session (driver->window);
  g_assert_true (ey_step_page_get_can_go_back (ui_page (driver, "sign-in")));
  g_assert_true (focus_in (driver, ui_child (driver, "sign-in", "captcha_row")));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (ui_child (driver, "sign-in", "identity_row"))),
                   ==, AYSE_ID);
  key_type (&keys, UI_DRIVER_CAPTCHA);
  key_enter (&keys);

  /* The single order opens by itself. */
  wait_page (&keys, "form");
  g_assert_cmpuint (ui_count (driver, "order-opened", NULL, NULL), ==, 1);
  g_assert_true (focus_in (driver, ui_find_named (GTK_WIDGET (ui_page (driver, "form")), "security_word")));
  /* The phone as typed is said where it is confirmed. */
  {
    GtkWidget *note = ui_child (driver, "form", "sms_note");
    const char *phone = ey_session_get_form_value (session, "phone");

    g_assert_true (gtk_widget_get_visible (note));
    g_assert_nonnull (phone);
    g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (note)), phone));
  }
  key_type (&keys, "mavi-kalem-7");
  /* Enter goes on to the repetition. */
  key_enter (&keys);
  g_assert_true (focus_in (driver, ui_find_named (GTK_WIDGET (ui_page (driver, "form")), "security_word_again")));
  key_type (&keys, "mavi-kalem-7");
  key_enter (&keys);

  /* The form accepted, the SMS goes to the number just confirmed (the site's mask agrees),
   * once; the code is sent as soon as it is complete. */
  wait_page (&keys, "sms");
  g_assert_true (ui_spin_until (at_step_idle, &at_code, 20000));
  g_assert_cmpuint (ui_count (driver, "sms-sent", NULL, NULL), ==, 1);
  g_assert_true (focus_in (driver, ui_child (driver, "sms", "code_row")));
  code = ui_sms_code (driver, AYSE_ID);
  key_type (&keys, code);

  /* E-Onay preselected by the card, the consent on the same page: one Enter on the box
   * ticks it and goes on; the other way can still be chosen. */
  wait_page (&keys, "eonay");
  g_assert_cmpuint (ui_count (driver, "sms-sent", NULL, NULL), ==, 1);
  g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (ui_child (driver, "eonay", "yes_check"))));
  g_assert_true (gtk_widget_get_sensitive (ui_child (driver, "eonay", "no_check")));
  g_assert_true (focus_in (driver, ui_child (driver, "eonay", "consent_check")));
  key_enter (&keys);

  /* Signing: the focus in the PIN field. */
  wait_page (&keys, "signing");
  g_assert_cmpuint (ui_count (driver, "eonay-choice", NULL, NULL), ==, 1);
  g_assert_cmpuint (ui_count (driver, "consent-accepted", NULL, NULL), ==, 1);
  g_assert_true (GTK_IS_TEXT (focus_widget (driver)));
  key_type (&keys, "123456");
  key_enter (&keys);
  g_assert_true (ui_spin_until (ui_done_or_failed, driver, 30000));
  g_assert_cmpstr (ey_window_get_visible_page_name (driver->window), ==, "done");
  /* The card strip says the application was made, with its order number. */
  {
    EyCardStatus *status = EY_CARD_STATUS (gtk_widget_get_template_child (GTK_WIDGET (driver->window),
                                                                          EY_TYPE_WINDOW, "card_status"));

    g_autofree char *number = ey_ui_order_number (ey_session_get_order_id (ey_window_get_session (driver->window)));

    g_assert_cmpstr (number, ==, "1001");
    g_assert_nonnull (strstr (ey_card_status_get_subtitle (status), number));
  }

  /* The Done page: order number, the date in the one format (dd.MM.yyyy), the way;
   * the demo receipt carries the DEMO mark. */
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (ui_child (driver, "done", "order_row"))),
                   ==, "1001");
  g_assert_true (g_regex_match_simple ("^[0-3][0-9]\\.[01][0-9]\\.20[0-9][0-9]$",
                                       adw_action_row_get_subtitle (ADW_ACTION_ROW (ui_child (driver, "done", "date_row"))),
                                       0, 0));
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (ui_child (driver, "done", "method_row"))),
                   !=, "");
  g_assert_true (ey_receipt_get_demo ());

  g_test_message ("a whole demo E-Onay renewal by keyboard: %u inputs (%s, %d px)", keys.inputs,
                  turkish ? "Turkish" : "English", window_width);
  g_assert_cmpuint (keys.inputs, <=, MAX_INPUTS);
}

/* The dialog the window shows over itself, or NULL. */
static GtkWindow *
dialog_of (GtkWindow *parent)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (gtk_window_get_transient_for (window) == parent &&
          gtk_widget_get_visible (GTK_WIDGET (window)))
        return window;
    }
  return NULL;
}

static gboolean
dialog_shown (gpointer data)
{
  return dialog_of (data) != NULL;
}

static gboolean
window_hidden (gpointer data)
{
  return !gtk_widget_get_visible (data);
}

/* From the mail step on, closing asks; Keep Going keeps the window. */
static void
test_close_guard (void)
{
  UiDriver *driver = test_driver ();
  GListModel *toplevels = gtk_window_get_toplevels ();
  GtkWindow *dialog = NULL;

  /* On the first page closing is free: nothing typed yet.  (Not tried: it would go.) */
  ui_next (driver);
  g_assert_true (ui_wait_page (driver, "mail"));
  gtk_window_close (GTK_WINDOW (driver->window));
  g_assert_true (ui_spin_until (dialog_shown, driver->window, 5000));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (driver->window)));
  dialog = dialog_of (GTK_WINDOW (driver->window));
  g_assert_true (ADW_IS_MESSAGE_DIALOG (dialog));
  /* The window handles the response in the signal's emission. */
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "wait");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (driver->window)));
  g_assert_cmpstr (ey_window_get_visible_page_name (driver->window), ==, "mail");

  /* Keep for next time: a private file without secrets, and the next start goes on
   * with the name filled in. */
  ui_paste_mail (driver, "AYŞE YILMAZ", AYSE_PASS);
  ui_next (driver);
  g_assert_true (ui_wait_page (driver, "sign-in"));

  /* Escape goes back where a page allows it: from "I don't know my password". */
  g_signal_emit_by_name (ui_child (driver, "sign-in", "forgot_button"), "clicked");
  g_assert_cmpstr (ey_window_get_visible_page_name (driver->window), ==, "forgot");
  g_assert_true (shortcut_for (GTK_WIDGET (driver->window), GDK_KEY_Escape));
  ui_wait_idle (driver);
  g_assert_cmpstr (ey_window_get_visible_page_name (driver->window), ==, "sign-in");

  {
    g_autoptr(GtkWindow) old = g_object_ref (GTK_WINDOW (driver->window));
    g_autofree char *path = ey_draft_default_path ();
    g_autofree char *contents = NULL;
    GStatBuf st;

    /* Never the real user's data dir. */
    g_assert_true (g_str_has_prefix (path, g_get_tmp_dir ()));
    dialog = NULL;
    gtk_window_close (old);
    for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
      {
        g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

        if (gtk_window_get_transient_for (window) == old)
          dialog = window;
      }
    g_assert_nonnull (dialog);
    adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "keep");
    g_assert_true (ui_spin_until (window_hidden, old, 5000));
    g_assert_false (gtk_widget_get_visible (GTK_WIDGET (old)));
    driver->window = NULL;

    g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
    g_assert_cmpint (g_stat (path, &st), ==, 0);
    g_assert_cmpint (st.st_mode & 0777, ==, 0600);
    g_assert_nonnull (strstr (contents, "AYŞE YILMAZ"));
    g_assert_null (strstr (contents, AYSE_PASS));

    ui_driver_new_window (driver, window_width, 600);
    g_assert_cmpstr (ey_session_get_applicant_name (ey_window_get_session (driver->window)), ==,
                     "AYŞE YILMAZ");
    g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  }
}

/* The identity field tells a mistyped T.C. Kimlik No from a passport number, says which
 * it thinks it is, and keeps Sign In grey for a mistyped one. */
static void
test_identity (void)
{
  UiDriver *driver = test_driver ();
  GtkWidget *label;
  GtkWidget *hint;
  EyStepPage *page;
  const struct
  {
    const char *typed;
    const char *says;      /* in the field's own message; NULL: no message */
    gboolean    can_sign_in;
    const char *hint;      /* below the fields, or NULL */
  } cases[] = {
    { "1234567895",   "has 10 digits", FALSE, "Sign In needs your identity number." },
    { "123456789501", "has 12 digits", FALSE, "Sign In needs your identity number." },
    { "12345678A50",  "with a letter in it", FALSE, "Sign In needs your identity number." },
    { "12345678950",  NULL, TRUE, NULL },
    { "U12345678",    NULL, TRUE, "Your number is read as a passport number." },
  };

  g_assert_true (ui_walk_to_sign_in (driver, "AYŞE YILMAZ", AYSE_PASS));
  page = ui_page (driver, "sign-in");
  label = ui_child (driver, "sign-in", "identity_label");
  hint = ui_child (driver, "sign-in", "hint_label");
  ui_set_text (driver, "sign-in", "captcha_row", UI_DRIVER_CAPTCHA);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_test_message ("identity %s", cases[i].typed);
      ui_set_text (driver, "sign-in", "identity_row", cases[i].typed);
      g_assert_true (gtk_widget_get_visible (label) == (cases[i].says != NULL));
      if (cases[i].says)
        {
          g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (label)), "T.C. Kimlik No"));
          g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (label)), cases[i].says));
        }
      g_assert_true (ey_step_page_get_can_continue (page) == cases[i].can_sign_in);
      g_assert_true (gtk_widget_get_visible (hint) == (cases[i].hint != NULL));
      if (cases[i].hint)
        g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (hint)), ==, cases[i].hint);
    }
}

/* The SMS goes out by itself only when the site's mask may be the number as typed. */
static void
test_phone_mask (void)
{
  const struct
  {
    const char *typed;
    const char *masked;
    gboolean    agrees;
  } cases[] = {
    { "0532 123 45 67",   "53*******67", TRUE },
    { "5321234567",       "53*****7",    TRUE },
    { "+90 532 123 45 67", "53*****7",   TRUE },
    { "0532 123 45 67",   "50*****7",    FALSE },
    { "0532 123 45 67",   "53*****8",    FALSE },
    { "0532 123 45 67",   "*****",       FALSE },
    { "0532 123 45 67",   "5321234567",  FALSE },
    { "",                 "53*****7",    FALSE },
    { NULL,               "53*****7",    FALSE },
    { "0532 123 45 67",   NULL,          FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_test_message ("%s / %s", cases[i].typed, cases[i].masked);
      g_assert_true (ey_ui_phone_matches_mask (cases[i].typed, cases[i].masked) == cases[i].agrees);
    }
}

/* Known site messages are explained from the site profile in the English UI, not in the
 * Turkish one (the site's own words say it there). */
static void
test_site_explanations (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EySiteProfile) profile = ey_site_profile_new_default (&error);
  const char *explained;

  g_assert_no_error (error);
  explained = ey_ui_explain_site_message (profile, "Cep telefonu numarası geçersiz.");
  if (turkish)
    g_assert_null (explained);
  else
    g_assert_cmpstr (explained, ==, "The mobile phone number is not valid: 10 digits, starting "
                                    "with 5, e.g. 5051234567.");
  g_assert_null (ey_ui_explain_site_message (profile, "Bilinmeyen bir ileti."));
  g_assert_null (ey_ui_explain_site_message (NULL, "Cep telefonu numarası geçersiz."));
}

/* After the in-app switch to Turkish: Back too, and the step names in the polite -in
 * imperative like the rest. */
static void
test_language (void)
{
  UiDriver *driver = test_driver ();
  GtkWidget *back = (GtkWidget *) gtk_widget_get_template_child (GTK_WIDGET (driver->window),
                                                                 EY_TYPE_WINDOW, "back_button");
  GtkWidget *steps = (GtkWidget *) gtk_widget_get_template_child (GTK_WIDGET (driver->window),
                                                                  EY_TYPE_WINDOW, "step_list");
  GtkWidget *first;
  GtkWidget *label;

  ey_application_set_language (driver->app, "tr");
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (back)), ==, "_Geri");
  /* The first step's row: number, name, icon. */
  first = gtk_widget_get_first_child (gtk_widget_get_first_child (steps));
  g_assert_nonnull (first);
  label = gtk_widget_get_next_sibling (gtk_widget_get_first_child (gtk_list_box_row_get_child (GTK_LIST_BOX_ROW (first))));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (label)), ==, "Kartınızı denetleyin");
  ey_application_set_language (driver->app, "en");
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (back)), ==, "_Back");
}

int
main (int   argc,
      char *argv[])
{
  gboolean errors = FALSE;
  gboolean keyboard = FALSE;
  g_autofree char *data_dir = NULL;
  g_autofree char *draft_dir = NULL;
  int status;

  if (ui_driver_take_switch (&argc, argv, "--narrow"))
    window_width = NARROW;
  errors = ui_driver_take_switch (&argc, argv, "--errors");
  keyboard = ui_driver_take_switch (&argc, argv, "--keyboard");
  turkish = ui_driver_take_turkish (&argc, argv);

  /* The kept renewal goes to the user data dir, which GLib reads once, at GTK's start:
   * this run's own, set before. */
  data_dir = g_dir_make_tmp ("eimza-clerk-data-XXXXXX", NULL);
  g_assert_nonnull (data_dir);
  g_setenv ("XDG_DATA_HOME", data_dir, TRUE);

  ey_application_init_i18n ();
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  if (errors)
    g_test_add_func ("/ui/clerk/errors-in-view", test_errors_in_view);
  else
    {
      if (keyboard)
        g_test_add_func ("/ui/clerk/keyboard-walk", test_keyboard_walk);
      else
        {
          g_test_add_func ("/ui/clerk/close-guard", test_close_guard);
          g_test_add_func ("/ui/clerk/phone-mask", test_phone_mask);
          g_test_add_func ("/ui/clerk/site-explanations", test_site_explanations);
          if (!turkish)
            {
              g_test_add_func ("/ui/clerk/language", test_language);
              g_test_add_func ("/ui/clerk/identity", test_identity);
            }
        }
    }
  status = g_test_run ();
  if (shared)
    ui_driver_free (shared);
  draft_dir = g_build_filename (data_dir, "eimza-yenile", NULL);
  g_rmdir (draft_dir);
  g_rmdir (data_dir);
  return status;
}
