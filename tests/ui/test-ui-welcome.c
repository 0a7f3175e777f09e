/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-ui-welcome"

#include "config.h"

#include <glib/gi18n.h>

#include "ui-driver.h"
#include "ey-doctor.h"

/*
 * The welcome page's "This computer" group: the findings of `eimza-yenile-cli doctor`
 * (the same EyDoctor API, run in its worker thread), shown as rows once the run ends,
 * run again when the card state changes, and summed up in one calm row.
 */

#define DOCTOR_TIMEOUT_MS 30000

static UiDriver *shared;

static gboolean
page_checked (gpointer data)
{
  GObject *page = data;
  g_autoptr(GListModel) findings = NULL;
  gboolean checking;

  g_object_get (page, "checking", &checking, "findings", &findings, NULL);
  return !checking && findings && g_list_model_get_n_items (findings) > 0;
}

static gboolean
page_checking (gpointer data)
{
  gboolean checking;

  g_object_get (data, "checking", &checking, NULL);
  return checking;
}

static void
doctor_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  GListModel **out = user_data;
  g_autoptr(GError) error = NULL;

  *out = ey_doctor_run_finish (EY_DOCTOR (source), result, &error);
  g_assert_no_error (error);
}

static gboolean
is_set (gpointer data)
{
  return *(GListModel **) data != NULL;
}

/* The findings the CLI would print, straight from the API. */
static GListModel *
run_doctor (void)
{
  g_autoptr(EyDoctor) doctor = ey_doctor_new ();
  GListModel *findings = NULL;

  ey_doctor_run_async (doctor, NULL, doctor_done_cb, &findings);
  g_assert_true (ui_spin_until (is_set, &findings, DOCTOR_TIMEOUT_MS));
  return findings;
}

static GtkWidget *
row_named (GtkWidget  *list,
           const char *id)
{
  for (GtkWidget *row = gtk_widget_get_first_child (list); row;
       row = gtk_widget_get_next_sibling (row))
    if (g_strcmp0 (gtk_widget_get_name (row), id) == 0)
      return row;
  return NULL;
}

static guint
count_rows (GtkWidget *list)
{
  guint n = 0;

  for (GtkWidget *row = gtk_widget_get_first_child (list); row;
       row = gtk_widget_get_next_sibling (row))
    if (ADW_IS_ACTION_ROW (row))
      n++;
  return n;
}

/* A status icon among the row's descendants, with its accessible name. */
static gboolean
has_named_icon (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_IMAGE (child) && gtk_widget_get_visible (child) &&
          gtk_test_accessible_has_property (GTK_ACCESSIBLE (child), GTK_ACCESSIBLE_PROPERTY_LABEL))
        return TRUE;
      if (has_named_icon (child))
        return TRUE;
    }
  return FALSE;
}

/* Everything the Tab key reaches in the window. */
static GHashTable *
focus_chain (GtkWindow *window)
{
  GHashTable *seen = g_hash_table_new (NULL, NULL);

  gtk_window_set_focus (window, NULL);
  for (guint i = 0; i < 400; i++)
    {
      GtkWidget *focus;

      if (!gtk_widget_child_focus (GTK_WIDGET (window), GTK_DIR_TAB_FORWARD))
        break;
      focus = gtk_window_get_focus (window);
      if (focus == NULL || g_hash_table_contains (seen, focus))
        break;
      g_hash_table_add (seen, focus);
    }
  return seen;
}

/* Each button of the group (Details, the copy buttons) is named and reached with Tab. */
static guint
check_buttons (GtkWidget  *widget,
               GHashTable *chain)
{
  guint n = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child;
       child = gtk_widget_get_next_sibling (child))
    {
      if (!gtk_widget_get_visible (child) || !gtk_widget_get_child_visible (child))
        continue;
      if (GTK_IS_BUTTON (child))
        {
          gboolean labelled = gtk_button_get_label (GTK_BUTTON (child)) != NULL ||
                              gtk_test_accessible_has_property (GTK_ACCESSIBLE (child),
                                                                GTK_ACCESSIBLE_PROPERTY_LABEL);

          g_assert_true (labelled);
          g_assert_true (g_hash_table_contains (chain, child));
          n++;
        }
      n += check_buttons (child, chain);
    }
  return n;
}

static gboolean
list_rows_mapped (gpointer data)
{
  GtkWidget *list = data;
  GtkWidget *first = gtk_widget_get_first_child (list);

  return gtk_widget_get_mapped (list) && first != NULL && gtk_widget_get_mapped (first);
}

static void
test_findings (void)
{
  UiDriver *driver = shared;
  EyStepPage *page;
  GtkWidget *list, *computer_row, *group, *details;
  g_autoptr(GListModel) expected = NULL;
  g_autoptr(GListModel) shown = NULL;
  guint n, matched = 0;
  int min_width;

  g_assert_true (ui_wait_page (driver, "welcome"));
  page = ui_page (driver, "welcome");
  list = ui_child (driver, "welcome", "findings_list");
  computer_row = ui_child (driver, "welcome", "computer_row");
  details = ui_child (driver, "welcome", "details_button");

  /* The group is there, titled, and the run ends with rows in it. */
  group = gtk_widget_get_ancestor (computer_row, ADW_TYPE_PREFERENCES_GROUP);
  g_assert_nonnull (group);
  g_assert_cmpstr (adw_preferences_group_get_title (ADW_PREFERENCES_GROUP (group)), ==,
                   _("This computer"));
  g_assert_true (ui_spin_until (page_checked, page, DOCTOR_TIMEOUT_MS));
  g_object_get (page, "findings", &shown, NULL);

  /* The same checks run directly: one row per finding id, in the doctor's words. */
  expected = run_doctor ();
  n = g_list_model_get_n_items (expected);
  g_assert_cmpuint (n, >, 0);
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, n);
  g_assert_cmpuint (count_rows (list), ==, n);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(EyDoctorFinding) finding = g_list_model_get_item (expected, i);
      GtkWidget *row = row_named (list, ey_doctor_finding_get_id (finding));

      g_assert_nonnull (row);
      g_assert_true (has_named_icon (row));
      if (g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)),
                     ey_doctor_finding_get_summary (finding)) == 0)
        matched++;
    }
  g_test_message ("%u of %u rows match the doctor's summaries", matched, n);
  /* The machine may change between two runs (a card, the service); most must agree. */
  g_assert_cmpuint (matched, >=, 1);
  g_assert_nonnull (row_named (list, EY_DOCTOR_CHECK_PCSCD_INSTALLED));

  /* One summary row says how it went: calm when everything passed. */
  g_assert_true (has_named_icon (computer_row));
  if (ey_doctor_worst_status (shown) == EY_DOCTOR_STATUS_OK)
    g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (computer_row)), ==,
                     _("This computer is ready"));
  else
    g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (computer_row)), !=,
                     _("This computer is ready"));

  /* The details open with the button; the rows show and fit a 360 px window. */
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (details), TRUE);
  /* The rows are mapped once the details' revealer has started to open. */
  g_assert_true (ui_spin_until (list_rows_mapped, list, 10000));
  gtk_widget_measure (GTK_WIDGET (page), GTK_ORIENTATION_HORIZONTAL, -1, &min_width, NULL,
                      NULL, NULL);
  g_assert_cmpint (min_width, <=, 360 - 24);
  {
    g_autoptr(GHashTable) chain = focus_chain (GTK_WINDOW (driver->window));
    guint buttons = check_buttons (group, chain);
    guint fixes = 0;

    for (guint i = 0; i < n; i++)
      {
        g_autoptr(EyDoctorFinding) finding = g_list_model_get_item (shown, i);
        const char *fix = ey_doctor_finding_get_fix (finding);

        if (ey_doctor_finding_get_status (finding) != EY_DOCTOR_STATUS_OK && fix && *fix)
          fixes++;
      }
    /* Details, and one copy button per finding with a command to run. */
    g_assert_cmpuint (buttons, ==, 1 + fixes);
  }

  /* A new card state runs the checks again (the card monitor's certificates-changed). */
  g_signal_emit_by_name (driver->app, "certificates-changed");
  g_assert_true (page_checking (page));
  g_assert_true (ui_spin_until (page_checked, page, DOCTOR_TIMEOUT_MS));
  g_assert_cmpuint (count_rows (list), ==, n);
}

/* The window goes away while the doctor runs: the run is cancelled with the page and
 * its late completion leaves the page alone; a narrow window's page runs its own. */
static void
test_close_while_checking (void)
{
  UiDriver *driver = shared;
  EyStepPage *page;

  g_assert_true (ui_wait_page (driver, "welcome"));
  page = ui_page (driver, "welcome");
  g_assert_true (ui_spin_until (page_checked, page, DOCTOR_TIMEOUT_MS));
  g_signal_emit_by_name (driver->app, "certificates-changed");
  g_assert_true (page_checking (page));

  ui_driver_new_window (driver, 360, 700);
  g_assert_true (ui_wait_page (driver, "welcome"));
  page = ui_page (driver, "welcome");
  g_assert_true (ui_spin_until (page_checked, page, DOCTOR_TIMEOUT_MS));
  g_assert_cmpuint (count_rows (ui_child (driver, "welcome", "findings_list")), >, 0);
  /* Time for the cancelled run's worker to end and call back. */
  ui_spin_for (500);
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  ey_application_init_i18n ();
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/ui/welcome/findings", test_findings);
  g_test_add_func ("/ui/welcome/close-while-checking", test_close_while_checking);
  shared = ui_driver_new ();
  ret = g_test_run ();
  ui_driver_free (shared);
  return ret;
}
