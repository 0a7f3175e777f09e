/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-ui-a11y"

#include "config.h"

#include <string.h>

#include "ui-driver.h"
#include "ey-countdown.h"
#include "ey-pin-entry.h"

/*
 * Quality bars of every page of the assistant, visited through the real window against
 * the in-process simulator: each control has an accessible name and is reachable with
 * Tab, Continue is the default widget (Enter), and at 360 px nothing needs more width
 * than the window has.
 */

#define AYSE_ID    "12345678950"
#define AYSE_PASS  "Ab3kT9qz"
#define FATMA_ID   "34567891238"
#define FATMA_PASS "Fq4nR8ty"
#define NARROW     360

static UiDriver *shared;
static int       window_width = 1000;
static gboolean  turkish;

static UiDriver *
test_driver (void)
{
  if (shared == NULL)
    {
      shared = ui_driver_new ();
      if (window_width != 1000)
        ui_driver_new_window (shared, window_width, 700);
    }
  else
    ui_driver_new_window (shared, window_width, 700);
  return shared;
}

static gboolean
is_showing (GtkWidget *widget,
            GtkWidget *root)
{
  for (GtkWidget *w = widget; w && w != root; w = gtk_widget_get_parent (w))
    if (!gtk_widget_get_visible (w) || !gtk_widget_get_child_visible (w))
      return FALSE;
  return TRUE;
}

static gboolean
is_sensitive (GtkWidget *widget)
{
  return gtk_widget_is_sensitive (widget);
}

/* A name given explicitly: the label property or a labelled-by relation. */
static gboolean
has_explicit_name (GtkWidget *widget)
{
  GtkAccessible *accessible = GTK_ACCESSIBLE (widget);

  return gtk_test_accessible_has_property (accessible, GTK_ACCESSIBLE_PROPERTY_LABEL) ||
         gtk_test_accessible_has_relation (accessible, GTK_ACCESSIBLE_RELATION_LABELLED_BY);
}

/* Buttons, toggles, check buttons and links take their name from the text they show. */
static gboolean
has_content_name (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_LABEL (child) && gtk_widget_get_visible (child) &&
          *gtk_label_get_text (GTK_LABEL (child)))
        return TRUE;
      if (!GTK_IS_BUTTON (child) && has_content_name (child))
        return TRUE;
    }
  return FALSE;
}

static gboolean
is_editable_row (GtkWidget *widget)
{
  return ADW_IS_ENTRY_ROW (widget);
}

/* The widget whose name a screen reader reads for this focusable part. */
static GtkWidget *
named_owner (GtkWidget *widget)
{
  GtkWidget *parent = gtk_widget_get_parent (widget);

  /* The GtkText inside an entry, an entry row or the PIN entry speaks for its owner. */
  if (GTK_IS_TEXT (widget))
    for (GtkWidget *w = parent; w; w = gtk_widget_get_parent (w))
      if (GTK_IS_ENTRY (w) || GTK_IS_PASSWORD_ENTRY (w) || GTK_IS_SPIN_BUTTON (w) ||
          is_editable_row (w) || GTK_IS_SEARCH_ENTRY (w))
        return w;
  /* The button inside a menu button. */
  if (GTK_IS_BUTTON (widget) && parent && GTK_IS_MENU_BUTTON (parent))
    return parent;
  return widget;
}

static gboolean
has_name (GtkWidget *widget)
{
  GtkWidget *owner = named_owner (widget);

  if (has_explicit_name (owner) || has_explicit_name (widget))
    return TRUE;
  if (GTK_IS_BUTTON (owner) || GTK_IS_CHECK_BUTTON (owner) || GTK_IS_MENU_BUTTON (owner) ||
      GTK_IS_LINK_BUTTON (owner))
    return has_content_name (owner);
  return FALSE;
}

static gboolean
is_control (GtkWidget *widget)
{
  if (GTK_IS_BUTTON (widget) || GTK_IS_CHECK_BUTTON (widget) || GTK_IS_SWITCH (widget) ||
      GTK_IS_MENU_BUTTON (widget) || GTK_IS_DROP_DOWN (widget))
    return TRUE;
  if (GTK_IS_ENTRY (widget) || GTK_IS_PASSWORD_ENTRY (widget) || GTK_IS_SPIN_BUTTON (widget) ||
      is_editable_row (widget) || GTK_IS_TEXT_VIEW (widget))
    return TRUE;
  if (GTK_IS_LIST_BOX_ROW (widget) && gtk_list_box_row_get_activatable (GTK_LIST_BOX_ROW (widget)))
    return TRUE;
  return FALSE;
}

/* Parts that must be named even though they are not controls. */
static gboolean
needs_name (GtkWidget *widget)
{
  return is_control (widget) || EY_IS_COUNTDOWN (widget) || EY_IS_PIN_ENTRY (widget) ||
         GTK_IS_PICTURE (widget);
}

static char *
describe (GtkWidget *widget)
{
  GString *path = g_string_new (NULL);

  for (GtkWidget *w = widget; w; w = gtk_widget_get_parent (w))
    {
      const char *name = gtk_widget_get_name (w);

      g_string_prepend (path, G_OBJECT_TYPE_NAME (w));
      if (name && g_strcmp0 (name, G_OBJECT_TYPE_NAME (w)) != 0)
        {
          g_string_insert (path, strlen (G_OBJECT_TYPE_NAME (w)), "#");
          g_string_insert (path, strlen (G_OBJECT_TYPE_NAME (w)) + 1, name);
        }
      if (EY_IS_STEP_PAGE (w))
        break;
      g_string_prepend (path, " > ");
    }
  if (GTK_IS_BUTTON (widget) && gtk_button_get_label (GTK_BUTTON (widget)))
    g_string_append_printf (path, " '%s'", gtk_button_get_label (GTK_BUTTON (widget)));
  if (ADW_IS_PREFERENCES_ROW (widget))
    g_string_append_printf (path, " '%s'", adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)));
  return g_string_free (path, FALSE);
}

static void
collect (GtkWidget *widget,
         GtkWidget *root,
         GPtrArray *out)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child;
       child = gtk_widget_get_next_sibling (child))
    {
      if (!gtk_widget_get_visible (child) || !gtk_widget_get_child_visible (child))
        continue;
      g_ptr_array_add (out, child);
      collect (child, root, out);
    }
}

/* Everything the Tab key reaches in the window, in order. */
static GHashTable *
focus_chain (GtkWindow *window)
{
  GHashTable *seen = g_hash_table_new (NULL, NULL);
  GtkWidget *first = NULL;

  gtk_window_set_focus (window, NULL);
  for (guint i = 0; i < 400; i++)
    {
      GtkWidget *focus;

      if (!gtk_widget_child_focus (GTK_WIDGET (window), GTK_DIR_TAB_FORWARD))
        {
          /* Off the end: the next Tab wraps around. */
          gtk_window_set_focus (window, NULL);
          if (!gtk_widget_child_focus (GTK_WIDGET (window), GTK_DIR_TAB_FORWARD))
            break;
        }
      focus = gtk_window_get_focus (window);
      if (focus == NULL)
        break;
      if (first == NULL)
        first = focus;
      else if (focus == first)
        break;
      g_hash_table_add (seen, focus);
    }
  return seen;
}

/* The control, or a focusable part inside it, is in the Tab chain. */
static gboolean
reached (GtkWidget  *widget,
         GHashTable *chain)
{
  GtkWidget *row;

  if (g_hash_table_contains (chain, widget))
    return TRUE;
  /* A radio group is one Tab stop (arrows move within it); a check inside an
   * activatable row is worked from the row, which Tab reaches. */
  row = gtk_widget_get_ancestor (widget, GTK_TYPE_LIST_BOX_ROW);
  if (row && row != widget && gtk_list_box_row_get_activatable (GTK_LIST_BOX_ROW (row)) &&
      g_hash_table_contains (chain, row))
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child;
       child = gtk_widget_get_next_sibling (child))
    if (gtk_widget_get_visible (child) && reached (child, chain))
      return TRUE;
  return FALSE;
}

static guint pages_checked;

static void
painted_cb (GdkFrameClock *clock,
            gboolean      *painted)
{
  *painted = TRUE;
}

/* The page laid out and drawn once: its sizes and focus chain are those shown. */
static void
wait_frame (GtkWidget *widget)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (widget);
  gboolean painted = FALSE;
  gulong id;

  g_assert_nonnull (clock);
  id = g_signal_connect (clock, "after-paint", G_CALLBACK (painted_cb), &painted);
  gtk_widget_queue_draw (widget);
  g_assert_true (ui_spin_until (ui_is_true, &painted, 5000));
  g_signal_handler_disconnect (clock, id);
}

/* Checks the page shown now; returns the number of problems and reports each. */
static guint
audit_page (UiDriver *driver)
{
  const char *name = ey_window_get_visible_page_name (driver->window);
  GtkWidget *page = GTK_WIDGET (ey_window_get_visible_page (driver->window));
  GtkWidget *content = adw_application_window_get_content (ADW_APPLICATION_WINDOW (driver->window));
  GtkWidget *continue_button = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (driver->window),
                                                                          EY_TYPE_WINDOW,
                                                                          "continue_button"));
  g_autoptr(GPtrArray) widgets = g_ptr_array_new ();
  g_autoptr(GHashTable) chain = NULL;
  guint problems = 0;
  guint controls = 0;
  int page_min, page_nat, content_min, content_nat;

  wait_frame (GTK_WIDGET (driver->window));
  chain = focus_chain (GTK_WINDOW (driver->window));

  /* Everything of the window: the page, the header bar, the card status, the buttons. */
  g_ptr_array_add (widgets, content);
  collect (content, content, widgets);
  for (guint i = 0; i < widgets->len; i++)
    {
      GtkWidget *widget = g_ptr_array_index (widgets, i);
      g_autofree char *what = NULL;

      if (!needs_name (widget) || !is_showing (widget, content))
        continue;
      /* Other pages of the stack are not shown; the step list is in a folded flap. */
      if (!gtk_widget_is_drawable (widget) && !gtk_widget_get_mapped (content))
        continue;
      if (!gtk_widget_get_mapped (widget))
        continue;
      /* The page going away still shows during the cross-fade. */
      if (gtk_widget_get_ancestor (widget, EY_TYPE_STEP_PAGE) &&
          gtk_widget_get_ancestor (widget, EY_TYPE_STEP_PAGE) != page)
        continue;
      what = describe (widget);
      if (is_control (widget))
        controls++;
      if (!has_name (widget))
        {
          g_test_message ("page %s: no accessible name: %s", name, what);
          problems++;
        }
      /* The title bar's window buttons are for the pointer (keyboard: Alt+F4, Super). */
      if (is_control (widget) && is_sensitive (widget) &&
          !gtk_widget_get_ancestor (widget, GTK_TYPE_WINDOW_CONTROLS) && !reached (widget, chain))
        {
          g_test_message ("page %s: not reachable with Tab: %s", name, what);
          problems++;
        }
    }

  /* Enter activates Continue. */
  if (gtk_widget_get_visible (continue_button) &&
      gtk_window_get_default_widget (GTK_WINDOW (driver->window)) != continue_button)
    {
      GtkWidget *other = gtk_window_get_default_widget (GTK_WINDOW (driver->window));

      g_test_message ("page %s: Continue is not the default widget (%s is)", name,
                      other ? G_OBJECT_TYPE_NAME (other) : "none");
      problems++;
    }

  /* Narrow window: the page and the whole window content fit in 360 px. */
  gtk_widget_measure (page, GTK_ORIENTATION_HORIZONTAL, -1, &page_min, &page_nat, NULL, NULL);
  gtk_widget_measure (content, GTK_ORIENTATION_HORIZONTAL, -1, &content_min, &content_nat, NULL, NULL);
  g_test_message ("page %s: %u controls, page min/nat width %d/%d, window content min/nat %d/%d, "
                  "window %d px wide", name, controls, page_min, page_nat, content_min, content_nat,
                  gtk_widget_get_width (GTK_WIDGET (driver->window)));
  /* The clamp around the stack has 12 px margins on each side. */
  if (page_min > NARROW - 24 || content_min > NARROW)
    {
      g_test_message ("page %s: needs %d px (content %d px), more than %d px", name, page_min,
                      content_min, NARROW);
      problems++;
    }
  if (window_width == NARROW && gtk_widget_get_width (GTK_WIDGET (driver->window)) > NARROW)
    {
      g_test_message ("page %s: the window grew to %d px", name,
                      gtk_widget_get_width (GTK_WIDGET (driver->window)));
      problems++;
    }
  pages_checked++;
  return problems;
}

static guint problems_total;

static void
audit (UiDriver   *driver,
       const char *page)
{
  g_assert_true (ui_wait_page (driver, page));
  problems_total += audit_page (driver);
}

/* Welcome to the E-Onay/wet choice, auditing each page on the way. */
static void
walk_to_eonay (UiDriver   *driver,
               const char *name,
               const char *password,
               const char *identity)
{
  g_autofree char *code = NULL;

  audit (driver, "welcome");
  ui_next (driver);
  audit (driver, "mail");
  ui_paste_mail (driver, name, password);
  ui_next (driver);
  audit (driver, "sign-in");
  ui_set_text (driver, "sign-in", "identity_row", identity);
  ui_set_text (driver, "sign-in", "captcha_row", UI_DRIVER_CAPTCHA);
  ui_next (driver);
  g_assert_true (ui_spin_until (ui_signed_in, driver, 20000));
  if (g_strcmp0 (ey_window_get_visible_page_name (driver->window), "order") == 0)
    {
      audit (driver, "order");
      ui_next (driver);
      ui_wait_idle (driver);
    }
  audit (driver, "form");
  g_assert_true (ui_fill_form (driver));
  ui_next (driver);
  audit (driver, "sms");
  ui_next (driver);
  g_assert_true (ui_wait_idle (driver));
  audit (driver, "sms");   /* with the code field and the countdown */
  code = ui_sms_code (driver, identity);
  g_assert_nonnull (code);
  ui_set_text (driver, "sms", "code_row", code);
  ui_next (driver);
  audit (driver, "eonay");
}

static void
test_eonay_pages (void)
{
  UiDriver *driver = test_driver ();
  EyPinEntry *pin;

  problems_total = 0;
  /* --turkish really shows Turkish (the longer strings are what is measured). */
  if (turkish)
    g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (driver->window)), ==, "e-İmza Yenile");
  g_assert_true (ui_wait_certificates (driver));
  walk_to_eonay (driver, "AYŞE YILMAZ", AYSE_PASS, AYSE_ID);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (ui_child (driver, "eonay", "yes_check")), TRUE);
  ui_next (driver);
  audit (driver, "consent");
  gtk_check_button_set_active (GTK_CHECK_BUTTON (ui_child (driver, "consent", "accept_check")), TRUE);
  ui_next (driver);
  audit (driver, "signing");
  pin = EY_PIN_ENTRY (ui_child (driver, "signing", "pin_entry"));
  gtk_editable_set_text (GTK_EDITABLE (ey_pin_entry_get_entry (pin)), "123456");
  ui_next (driver);
  g_assert_true (ui_spin_until (ui_done_or_failed, driver, 30000));
  audit (driver, "done");
  g_assert_cmpuint (problems_total, ==, 0);
}

static void
test_wet_pages (void)
{
  UiDriver *driver = test_driver ();

  problems_total = 0;
  g_assert_true (ui_wait_certificates (driver));
  walk_to_eonay (driver, "FATMA KAYA", FATMA_PASS, FATMA_ID);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (ui_child (driver, "eonay", "no_check")), TRUE);
  /* Declining E-Onay leads straight to the wet form: the method is not asked again. */
  ui_next (driver);
  audit (driver, "wet");
  g_assert_cmpuint (problems_total, ==, 0);
}

static void
test_side_pages (void)
{
  UiDriver *driver = test_driver ();

  problems_total = 0;
  /* No open order. */
  ui_next (driver);
  g_assert_true (ui_wait_page (driver, "mail"));
  ui_paste_mail (driver, "MEHMET DEMİR", "Mz7pQ2wx");
  ui_next (driver);
  g_assert_true (ui_wait_page (driver, "sign-in"));
  g_assert_true (ui_sign_in (driver, "23456789138", UI_DRIVER_CAPTCHA));
  audit (driver, "order");

  /* Forgotten password, from the sign-in page. */
  ui_driver_new_window (driver, window_width, 700);
  g_assert_true (ui_walk_to_sign_in (driver, "AYŞE YILMAZ", AYSE_PASS));
  g_signal_emit_by_name (ui_child (driver, "sign-in", "forgot_button"), "clicked");
  audit (driver, "forgot");
  g_assert_cmpuint (problems_total, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  /* --narrow: every page in a 360 px window; --turkish: under tr_TR.UTF-8, whose
   * strings are longer. */
  if (ui_driver_take_switch (&argc, argv, "--narrow"))
    window_width = NARROW;
  turkish = ui_driver_take_turkish (&argc, argv);

  ey_application_init_i18n ();
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  /* One signing walk per process (SoftHSM keeps the first demo token it saw). */
  g_test_add_func ("/ui/a11y/eonay-pages", test_eonay_pages);
  g_test_add_func ("/ui/a11y/wet-pages", test_wet_pages);
  g_test_add_func ("/ui/a11y/side-pages", test_side_pages);
  status = g_test_run ();
  g_test_message ("%u page views checked", pages_checked);
  if (shared)
    ui_driver_free (shared);
  return status;
}
