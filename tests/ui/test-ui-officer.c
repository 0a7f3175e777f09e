/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-ui-officer"

#include "config.h"

#include <string.h>

#include "ui-driver.h"
#include "ey-notice.h"
#include "ey-test-common.h"
#include "ey-officer-detail.h"
#include "ey-officer-editor.h"
#include "ey-officer-import.h"
#include "ey-officer-print-private.h"
#include "ey-officer-row.h"
#include "ey-officer-window.h"
#include "ey-ui-format.h"

/*
 * Officer mode: the Colleagues window over a real roster file, in the demo application
 * (in-process simulator, SoftHSM demo card).  Add, edit and remove (with undo) with
 * validation as typed, search, filters, the wet checklist, the import preview, the
 * officer-mode switch, reading the card, and a colleague's renewal run to its end
 * against the simulator with the row following it.
 */

#define FATMA_ID   "34567891238"
#define FATMA_PASS "Fq4nR8ty"

static UiDriver *driver;
static EyOfficerWindow *officer;
static EyRoster *roster;

static EyOfficerWindow *
get_officer (void)
{
  if (officer == NULL)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *path = g_build_filename (driver->tmpdir, "officer", "roster.sqlite", NULL);

      roster = ey_roster_open (path, &error);
      g_assert_no_error (error);
      officer = ey_officer_window_new (driver->app, roster);
      g_object_add_weak_pointer (G_OBJECT (officer), (gpointer *)&officer);
      gtk_window_set_default_size (GTK_WINDOW (officer), 1000, 700);
      gtk_window_present (GTK_WINDOW (officer));
      ui_spin_for (200);
    }
  return officer;
}

static GtkWidget *
template_child (GtkWidget  *widget,
                GType       type,
                const char *id)
{
  GtkWidget *child = GTK_WIDGET (gtk_widget_get_template_child (widget, type, id));

  g_assert_nonnull (child);
  return child;
}

static void
type_into (GtkWidget  *editor,
           const char *row,
           const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (template_child (editor, EY_TYPE_OFFICER_EDITOR, row)), text);
}

/* The editor the window opened (officer.add, detail.edit). */
static EyOfficerEditor *
open_editor (GtkWidget  *widget,
             const char *action)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  g_assert_true (gtk_widget_activate_action (widget, action, NULL));
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (EY_IS_OFFICER_EDITOR (window))
        return EY_OFFICER_EDITOR (window);
    }
  g_assert_not_reached ();
}

static guint
n_shown (void)
{
  return g_list_model_get_n_items (G_LIST_MODEL (ey_officer_window_get_model (officer)));
}

static void
test_add_edit (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EyColleague) c = NULL;
  EyOfficerEditor *editor;
  GtkWidget *identity_row;

  get_officer ();
  editor = open_editor (GTK_WIDGET (officer), "officer.add");
  identity_row = template_child (GTK_WIDGET (editor), EY_TYPE_OFFICER_EDITOR, "identity_row");

  /* Each field checked as it is typed; nothing typed is no problem to show yet. */
  g_assert_nonnull (ey_officer_editor_get_problem (editor));
  g_assert_false (gtk_widget_get_visible (template_child (GTK_WIDGET (editor), EY_TYPE_OFFICER_EDITOR,
                                                          "problem_label")));
  g_assert_cmpstr (adw_window_title_get_title (ADW_WINDOW_TITLE (template_child (GTK_WIDGET (editor),
                                                                                EY_TYPE_OFFICER_EDITOR,
                                                                                "window_title"))),
                   ==, g_dgettext (GETTEXT_PACKAGE, "Add a Colleague"));
  g_assert_true (gtk_widget_get_sensitive (identity_row));
  type_into (GTK_WIDGET (editor), "identity_row", "12345678951");
  g_assert_true (gtk_widget_get_visible (template_child (GTK_WIDGET (editor), EY_TYPE_OFFICER_EDITOR,
                                                         "problem_label")));
  g_assert_true (gtk_widget_has_css_class (identity_row, "error"));
  g_assert_nonnull (strstr (ey_officer_editor_get_problem (editor), "check digits"));
  type_into (GTK_WIDGET (editor), "identity_row", "123 456 789 50");
  g_assert_false (gtk_widget_has_css_class (identity_row, "error"));
  g_assert_nonnull (strstr (ey_officer_editor_get_problem (editor), "name"));
  type_into (GTK_WIDGET (editor), "name_row", "AYŞE YILMAZ");
  g_assert_null (ey_officer_editor_get_problem (editor));
  type_into (GTK_WIDGET (editor), "phone_row", "0312 123 45 67");
  g_assert_nonnull (ey_officer_editor_get_problem (editor));
  g_assert_true (gtk_widget_has_css_class (template_child (GTK_WIDGET (editor), EY_TYPE_OFFICER_EDITOR,
                                                           "phone_row"), "error"));
  g_assert_false (ey_officer_editor_save (editor, &error));
  g_assert_error (error, EY_ROSTER_ERROR, EY_ROSTER_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (ey_roster_count (roster, NULL), ==, 0);
  type_into (GTK_WIDGET (editor), "phone_row", "0505 123 45 69");
  type_into (GTK_WIDGET (editor), "email_row", "ayse@");
  g_assert_nonnull (ey_officer_editor_get_problem (editor));
  type_into (GTK_WIDGET (editor), "email_row", "ayse.yilmaz@igdir.edu.tr");
  type_into (GTK_WIDGET (editor), "expires_row", "31.02.2026");
  g_assert_nonnull (ey_officer_editor_get_problem (editor));
  type_into (GTK_WIDGET (editor), "expires_row", "31.12.2099");
  type_into (GTK_WIDGET (editor), "unit_row", "Bilgi İşlem");
  g_assert_null (ey_officer_editor_get_problem (editor));
  g_assert_false (gtk_widget_get_visible (template_child (GTK_WIDGET (editor), EY_TYPE_OFFICER_EDITOR,
                                                          "problem_label")));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL));
  ui_spin_for (50);

  c = ey_roster_lookup (roster, "12345678950", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (c->phone, ==, "5051234569");
  g_assert_cmpstr (c->expires, ==, "2099-12-31");
  /* The new colleague is shown and their details open. */
  g_assert_cmpuint (n_shown (), ==, 1);
  g_assert_cmpstr (ey_officer_window_get_selected (officer), ==, "12345678950");

  /* Adding the same number again is refused as typed. */
  editor = ey_officer_editor_new (GTK_WINDOW (officer), roster, NULL);
  type_into (GTK_WIDGET (editor), "identity_row", "12345678950");
  type_into (GTK_WIDGET (editor), "name_row", "AYŞE");
  g_assert_nonnull (strstr (ey_officer_editor_get_problem (editor), "already"));
  gtk_window_destroy (GTK_WINDOW (editor));

  /* Edit: the identity stays, the rest changes; status and history are kept. */
  g_assert_true (ey_roster_set_status (roster, "12345678950", EY_ROSTER_STATUS_ORDER_OPENED, NULL));
  editor = open_editor (template_child (GTK_WIDGET (officer), EY_TYPE_OFFICER_WINDOW, "detail"),
                        "detail.edit");
  g_assert_false (gtk_widget_get_sensitive (template_child (GTK_WIDGET (editor), EY_TYPE_OFFICER_EDITOR,
                                                            "identity_row")));
  g_assert_cmpstr (adw_window_title_get_title (ADW_WINDOW_TITLE (template_child (GTK_WIDGET (editor),
                                                                                EY_TYPE_OFFICER_EDITOR,
                                                                                "window_title"))),
                   ==, g_dgettext (GETTEXT_PACKAGE, "Edit Colleague"));
  type_into (GTK_WIDGET (editor), "unit_row", "Rektörlük");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL));
  ui_spin_for (50);
  g_clear_pointer (&c, ey_colleague_free);
  c = ey_roster_lookup (roster, "12345678950", &error);
  g_assert_cmpstr (c->institution, ==, "Rektörlük");
  g_assert_cmpint (c->status, ==, EY_ROSTER_STATUS_ORDER_OPENED);
  g_assert_cmpstr (c->expires, ==, "2099-12-31");
}

static void
add (const char *identity,
     const char *name,
     const char *unit,
     const char *expires)
{
  EyColleague c = { 0 };

  c.identity = (char *)identity;
  c.full_name = (char *)name;
  c.institution = (char *)unit;
  c.expires = (char *)expires;
  g_assert_true (ey_roster_save (roster, &c, NULL));
}

/* The first drawn row of the list whose name is @name. */
static EyOfficerRow *
find_row (GtkWidget  *root,
          const char *name)
{
  if (EY_IS_OFFICER_ROW (root) && g_strcmp0 (ey_officer_row_get_text (EY_OFFICER_ROW (root), 0), name) == 0)
    return EY_OFFICER_ROW (root);
  for (GtkWidget *child = gtk_widget_get_first_child (root); child;
       child = gtk_widget_get_next_sibling (child))
    {
      EyOfficerRow *row = find_row (child, name);

      if (row)
        return row;
    }
  return NULL;
}

typedef struct
{
  GtkWidget  *root;
  const char *name;
  const char *text;   /* of the end date's column, if given */
} RowWait;

static gboolean
row_drawn (gpointer data)
{
  RowWait *wait = data;

  return find_row (wait->root, wait->name) != NULL;
}

static gboolean
row_shows (gpointer data)
{
  RowWait *wait = data;
  EyOfficerRow *row = find_row (wait->root, wait->name);

  return row != NULL && g_strcmp0 (ey_officer_row_get_text (row, 3), wait->text) == 0;
}

static gboolean
stack_shows (gpointer data)
{
  GtkStack *stack = data;

  return g_strcmp0 (gtk_stack_get_visible_child_name (stack),
                    g_object_get_data (G_OBJECT (stack), "expected")) == 0;
}

static void
test_search_filters (void)
{
  GtkWidget *search = template_child (GTK_WIDGET (get_officer ()), EY_TYPE_OFFICER_WINDOW,
                                      "search_entry");
  GtkWidget *dropdown = template_child (GTK_WIDGET (officer), EY_TYPE_OFFICER_WINDOW,
                                        "filter_dropdown");
  GtkStack *stack = GTK_STACK (template_child (GTK_WIDGET (officer), EY_TYPE_OFFICER_WINDOW,
                                               "list_stack"));
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) soon = g_date_time_add_days (now, 30);
  g_autoptr(GDateTime) past = g_date_time_add_days (now, -3);
  g_autofree char *soon_text = g_date_time_format (soon, "%Y-%m-%d");
  g_autofree char *past_text = g_date_time_format (past, "%Y-%m-%d");

  add ("23456789138", "MEHMET DEMİR", "Dekanlık", soon_text);
  add ("45678912316", "ALİ ÇELİK", "IĞDIR MYO", past_text);
  add ("U12345678", "JOHN SMITH", "Dil Okulu", NULL);
  g_assert_cmpuint (n_shown (), ==, 4);

  /* As typed: case and Turkish marks do not matter. */
  gtk_editable_set_text (GTK_EDITABLE (search), "celik");
  g_assert_cmpuint (n_shown (), ==, 1);
  /* The row shows the identity number masked, the end date with the days: once the list
   * view has made its rows. */
  {
    RowWait wait = { template_child (GTK_WIDGET (officer), EY_TYPE_OFFICER_WINDOW, "list_view"),
                     "ALİ ÇELİK" };
    EyOfficerRow *row;

    g_assert_true (ui_spin_until (row_drawn, &wait, 5000));
    row = find_row (wait.root, wait.name);

    g_assert_nonnull (row);
    g_assert_cmpstr (ey_officer_row_get_text (row, 2), ==, "*******2316");
    {
      /* As the assistant writes dates; the roster's ISO date is for files. */
      g_autofree char *shown = ey_ui_format_date (past);

      g_assert_true (g_str_has_prefix (ey_officer_row_get_text (row, 3), shown));
      g_assert_null (strstr (ey_officer_row_get_text (row, 3), past_text));
    }
    g_assert_nonnull (strstr (ey_officer_row_get_text (row, 3), "3"));
    g_assert_nonnull (find_row (GTK_WIDGET (officer), "Name"));   /* the column titles */
  }
  gtk_editable_set_text (GTK_EDITABLE (search), "IGDIR");
  g_assert_cmpuint (n_shown (), ==, 1);
  gtk_editable_set_text (GTK_EDITABLE (search), "dekanlik");
  g_assert_cmpuint (n_shown (), ==, 1);
  gtk_editable_set_text (GTK_EDITABLE (search), "234 56789");
  g_assert_cmpuint (n_shown (), ==, 2);
  gtk_editable_set_text (GTK_EDITABLE (search), "nobody at all");
  g_assert_cmpuint (n_shown (), ==, 0);
  g_object_set_data (G_OBJECT (stack), "expected", (gpointer) "empty");
  g_assert_true (ui_spin_until (stack_shows, stack, 5000));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "empty");
  gtk_editable_set_text (GTK_EDITABLE (search), "");
  g_assert_cmpuint (n_shown (), ==, 4);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "list");

  gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown), EY_ROSTER_FILTER_WINDOW_OPEN);
  g_assert_cmpuint (n_shown (), ==, 1);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown), EY_ROSTER_FILTER_EXPIRED);
  g_assert_cmpuint (n_shown (), ==, 1);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown), EY_ROSTER_FILTER_DUE);
  g_assert_cmpuint (n_shown (), ==, 2);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown), EY_ROSTER_FILTER_DONE);
  g_assert_cmpuint (n_shown (), ==, 0);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown), EY_ROSTER_FILTER_ALL);
  g_assert_cmpuint (n_shown (), ==, 4);
  /* Soonest end first, unknown last. */
  {
    g_autoptr(EyRosterEntry) first = g_list_model_get_item (G_LIST_MODEL (ey_officer_window_get_model (officer)), 0);
    g_autoptr(EyRosterEntry) last = g_list_model_get_item (G_LIST_MODEL (ey_officer_window_get_model (officer)), 3);

    g_assert_cmpstr (ey_roster_entry_get_identity (first), ==, "45678912316");
    g_assert_cmpstr (ey_roster_entry_get_identity (last), ==, "U12345678");
  }
}

static void
test_wet_checklist (void)
{
  EyOfficerDetail *detail;
  GtkWidget *printed, *sent;
  GtkListBox *history;
  g_autoptr(EyColleague) c = NULL;
  guint rows = 0;

  get_officer ();
  ey_officer_window_select (officer, "23456789138");
  detail = EY_OFFICER_DETAIL (template_child (GTK_WIDGET (officer), EY_TYPE_OFFICER_WINDOW, "detail"));
  g_assert_cmpstr (ey_officer_detail_get_identity (detail), ==, "23456789138");
  printed = template_child (GTK_WIDGET (detail), EY_TYPE_OFFICER_DETAIL, "printed_check");
  sent = template_child (GTK_WIDGET (detail), EY_TYPE_OFFICER_DETAIL, "sent_check");
  g_assert_false (gtk_check_button_get_active (GTK_CHECK_BUTTON (printed)));

  gtk_check_button_set_active (GTK_CHECK_BUTTON (printed), TRUE);
  c = ey_roster_lookup (roster, "23456789138", NULL);
  g_assert_nonnull (c->wet[EY_ROSTER_WET_PRINTED]);
  g_assert_cmpint (c->application, ==, EY_ROSTER_APPLICATION_WET);
  /* Waiting for the wet form until it is sent to KamuSM. */
  ey_roster_model_set_filter (ey_officer_window_get_model (officer), EY_ROSTER_FILTER_WAITING_WET);
  g_assert_cmpuint (n_shown (), ==, 1);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (sent), TRUE);
  g_assert_cmpuint (n_shown (), ==, 0);
  ey_roster_model_set_filter (ey_officer_window_get_model (officer), EY_ROSTER_FILTER_ALL);

  /* Status from the detail view; the history shows each change. */
  adw_combo_row_set_selected (ADW_COMBO_ROW (template_child (GTK_WIDGET (detail), EY_TYPE_OFFICER_DETAIL,
                                                             "status_row")), EY_ROSTER_STATUS_APPLIED);
  g_clear_pointer (&c, ey_colleague_free);
  c = ey_roster_lookup (roster, "23456789138", NULL);
  g_assert_cmpint (c->status, ==, EY_ROSTER_STATUS_APPLIED);
  history = GTK_LIST_BOX (template_child (GTK_WIDGET (detail), EY_TYPE_OFFICER_DETAIL, "history_list"));
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (history)); row;
       row = gtk_widget_get_next_sibling (row))
    rows++;
  /* added, application, printed, sent, status */
  g_assert_cmpuint (rows, ==, 5);

  /* Signed and received, not sent: on the cover list for the envelope; the due list
   * has those whose certificate ends soon. */
  g_assert_true (ey_roster_set_wet_step (roster, "23456789138", EY_ROSTER_WET_SIGNED, TRUE, NULL));
  g_assert_true (ey_roster_set_wet_step (roster, "23456789138", EY_ROSTER_WET_RECEIVED, TRUE, NULL));
  {
    g_autoptr(GPtrArray) cover = ey_officer_cover_lines (roster, NULL);
    g_autoptr(GPtrArray) due = ey_officer_due_lines (roster, NULL);

    g_assert_cmpuint (cover->len, ==, 0);   /* already ticked as sent */
    g_assert_cmpuint (due->len, ==, 2);
    g_assert_nonnull (strstr (g_ptr_array_index (due, 0), "ALİ ÇELİK"));
  }

  /* Another window's change (the CLI, an import) shows at once. */
  g_assert_true (ey_roster_set_wet_step (roster, "23456789138", EY_ROSTER_WET_SENT, FALSE, NULL));
  g_assert_false (gtk_check_button_get_active (GTK_CHECK_BUTTON (sent)));
  {
    g_autoptr(GPtrArray) cover = ey_officer_cover_lines (roster, NULL);

    g_assert_cmpuint (cover->len, ==, 1);
    g_assert_nonnull (strstr (g_ptr_array_index (cover, 0), "MEHMET DEMİR"));
  }
}

static GtkWidget *
find_button_labelled (GtkWidget  *root,
                      const char *label)
{
  if (GTK_IS_BUTTON (root) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (root)), label) == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_button_labelled (child, label);

      if (found)
        return found;
    }
  return NULL;
}

static EyNotice *
notice (void)
{
  return EY_NOTICE (template_child (GTK_WIDGET (officer), EY_TYPE_OFFICER_WINDOW, "notice"));
}

/* The notice's Undo button, while a notice with one is up. */
static GtkWidget *
shown_undo_button (void)
{
  GtkWidget *button = find_button_labelled (GTK_WIDGET (notice ()), "_Undo");

  return ey_notice_get_text (notice ()) && button && gtk_widget_get_visible (button) ? button : NULL;
}

static gboolean
undo_button_shown (gpointer data)
{
  return shown_undo_button () != NULL;
}

static gboolean
no_notice (gpointer data)
{
  return ey_notice_get_text (notice ()) == NULL;
}

static void
test_remove_undo (void)
{
  EyOfficerDetail *detail;
  g_autoptr(GPtrArray) history = NULL;
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(EyColleague) mehmet = NULL;
  guint before;

  get_officer ();
  before = n_shown ();
  history = ey_roster_history (roster, "23456789138", NULL);
  mehmet = ey_roster_lookup (roster, "23456789138", NULL);
  ey_officer_window_select (officer, "23456789138");
  detail = EY_OFFICER_DETAIL (template_child (GTK_WIDGET (officer), EY_TYPE_OFFICER_WINDOW, "detail"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (detail), "detail.remove", NULL));
  g_assert_null (ey_roster_lookup (roster, "23456789138", NULL));
  g_assert_cmpuint (n_shown (), ==, before - 1);
  g_assert_null (ey_officer_window_get_selected (officer));

  g_assert_true (ui_spin_until (undo_button_shown, NULL, 5000));
  g_signal_emit_by_name (shown_undo_button (), "clicked");
  g_assert_cmpuint (n_shown (), ==, before);
  after = ey_roster_history (roster, "23456789138", NULL);
  g_assert_cmpuint (after->len, ==, history->len);
  g_assert_cmpstr (ey_officer_window_get_selected (officer), ==, "23456789138");
  g_assert_null (ey_notice_get_text (notice ()));

  /* Two removals in a row, Undo at once: the second message replaces the first, and
   * Undo restores the second colleague only.  (libadwaita 1.2's toast overlay freed a
   * toast dismissed during its show animation: a crash 1 run in 8.) */
  ey_officer_window_select (officer, "23456789138");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (detail), "detail.remove", NULL));
  g_assert_true (undo_button_shown (NULL));
  ey_officer_window_select (officer, "45678912316");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (detail), "detail.remove", NULL));
  g_assert_cmpuint (n_shown (), ==, before - 2);
  g_assert_nonnull (strstr (ey_notice_get_text (notice ()), "ALİ ÇELİK"));
  g_signal_emit_by_name (shown_undo_button (), "clicked");
  g_assert_nonnull (ey_roster_lookup (roster, "45678912316", NULL));
  g_assert_null (ey_roster_lookup (roster, "23456789138", NULL));
  g_assert_true (ui_spin_until (no_notice, NULL, 5000));
  g_assert_true (ey_roster_restore (roster, mehmet, history, NULL));
  g_assert_cmpuint (n_shown (), ==, before);
}

typedef struct
{
  GtkWidget  *root;
  const char *text;
} LabelWait;

static gboolean
has_label (GtkWidget  *root,
           const char *text)
{
  if (GTK_IS_LABEL (root) && strstr (gtk_label_get_text (GTK_LABEL (root)), text) != NULL)
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child;
       child = gtk_widget_get_next_sibling (child))
    if (has_label (child, text))
      return TRUE;
  return FALSE;
}

static gboolean
label_drawn (gpointer data)
{
  LabelWait *wait = data;

  return has_label (wait->root, wait->text);
}

static void
test_import_preview (void)
{
  static const char csv[] =
    "Kimlik No;Ad Soyad;Birim\n"
    "56789123416;ZEYNEP ŞAHİN;Araştırma\n"
    "12345678951;YANLIŞ;\n"
    "12345678950;AYŞE YILMAZ;Bilgi İşlem\n";
  GtkWindow *dialog;
  GListModel *lines;
  g_autoptr(EyColleague) zeynep = NULL;
  guint before;

  get_officer ();
  before = ey_roster_count (roster, NULL);
  dialog = ey_officer_window_preview_import (officer, csv, strlen (csv));
  g_assert_true (EY_IS_OFFICER_IMPORT (dialog));
  lines = ey_officer_import_get_lines (EY_OFFICER_IMPORT (dialog));
  g_assert_cmpuint (g_list_model_get_n_items (lines), ==, 3);
  /* Refused rows first, with the reason. */
  {
    g_autoptr(GtkStringObject) first = g_list_model_get_item (lines, 0);

    g_assert_nonnull (strstr (gtk_string_object_get_string (first), "Refused"));
    g_assert_nonnull (strstr (gtk_string_object_get_string (first), "check digits"));
  }
  /* The list shows them, one label a line. */
  {
    LabelWait wait = { template_child (GTK_WIDGET (dialog), EY_TYPE_OFFICER_IMPORT, "list_view"),
                       "ZEYNEP ŞAHİN" };

    g_assert_true (ui_spin_until (label_drawn, &wait, 5000));
  }
  /* Nothing is written before Import. */
  g_assert_cmpint (ey_roster_count (roster, NULL), ==, before);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "import.apply", NULL));
  ui_spin_for (50);
  g_assert_cmpint (ey_roster_count (roster, NULL), ==, before + 1);
  zeynep = ey_roster_lookup (roster, "56789123416", NULL);
  g_assert_cmpstr (zeynep->full_name, ==, "ZEYNEP ŞAHİN");
  g_assert_cmpuint (n_shown (), ==, before + 1);

  /* A file that is no roster: a toast, no dialog. */
  g_assert_null (ey_officer_window_preview_import (officer, "a,b\n", 4));
}

static EyOfficerWindow *
find_officer_window (void)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (driver->app)); l; l = l->next)
    if (EY_IS_OFFICER_WINDOW (l->data))
      return l->data;
  return NULL;
}

static gboolean
officer_window_open (gpointer data)
{
  return (find_officer_window () != NULL) == GPOINTER_TO_INT (data);
}

static void
test_officer_mode (void)
{
  GSettings *settings = ey_application_get_settings (driver->app);
  GAction *action = g_action_map_lookup_action (G_ACTION_MAP (driver->app), "officer-mode");

  EyOfficerWindow *window;
  EyRoster *demo;
  g_autofree char *demo_dir = NULL;

  g_assert_nonnull (action);
  if (officer != NULL)
    gtk_window_destroy (GTK_WINDOW (officer));
  g_assert_null (officer);
  g_assert_false (g_settings_get_boolean (settings, "officer-mode"));
  g_assert_true (ui_spin_until (officer_window_open, GINT_TO_POINTER (FALSE), 1000));
  /* The main menu's switch is the setting. */
  g_action_activate (action, NULL);
  g_assert_true (g_settings_get_boolean (settings, "officer-mode"));
  g_assert_true (ui_spin_until (officer_window_open, GINT_TO_POINTER (TRUE), 5000));

  /* The demo gives the officer a sample roster, apart from any real one. */
  window = find_officer_window ();
  demo = ey_officer_window_get_roster (window);
  demo_dir = g_path_get_dirname (ey_roster_get_path (demo));
  /* In this test process's own cache folder (the UI driver's), not the real one */
  g_assert_true (g_str_has_prefix (ey_roster_get_path (demo), g_get_user_cache_dir ()));
  g_assert_nonnull (strstr (g_get_user_cache_dir (), "eimza-ui-home-"));
  g_assert_cmpint (ey_roster_count (demo, NULL), >=, 3);
  g_assert_nonnull (ey_roster_lookup (demo, FATMA_ID, NULL));

  g_action_activate (action, NULL);
  g_assert_true (ui_spin_until (officer_window_open, GINT_TO_POINTER (FALSE), 5000));
}

static gboolean
card_read (gpointer data)
{
  return g_strcmp0 (ey_officer_window_get_selected (officer), data) == 0;
}

static void
test_read_card (void)
{
  GPtrArray *certs;
  g_autoptr(EyColleague) c = NULL;
  g_autofree char *id = NULL;
  g_autofree char *holder = NULL;
  const char *raw;
  int before;

  get_officer ();
  g_assert_true (ui_wait_certificates (driver));
  certs = ey_application_get_certificates (driver->app);
  g_assert_nonnull (certs);
  g_assert_cmpuint (certs->len, >, 0);
  raw = ey_certificate_get_identity_number (g_ptr_array_index (certs, 0));
  g_assert_nonnull (raw);
  id = g_strdup (raw + (strlen (raw) > 11 ? strlen (raw) - 11 : 0));
  /* The listing is made anew by the read: keep what to expect. */
  holder = g_strdup (ey_certificate_get_holder_name (g_ptr_array_index (certs, 0)));
  before = ey_roster_count (roster, NULL);
  ey_officer_window_select (officer, NULL);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (officer), "officer.read-card", NULL));
  g_assert_true (ui_spin_until (card_read, id, 20000));
  c = ey_roster_lookup (roster, id, NULL);
  g_assert_nonnull (c);
  g_assert_nonnull (c->expires);
  /* The card type comes from the token while the token layer keeps it alive (the
   * token manager's listing); not asserted here. */
  g_assert_cmpstr (c->full_name, ==, holder);
  g_assert_cmpstr (ey_officer_window_get_selected (officer), ==, id);
  g_test_message ("card of %s (%s) read; %d colleagues before", c->full_name, id, before);
}

static gboolean
row_applied (gpointer data)
{
  g_autoptr(EyColleague) c = ey_roster_lookup (roster, data, NULL);

  return c != NULL && c->status == EY_ROSTER_STATUS_APPLIED;
}

/* Two colleagues' renewals side by side; Fatma's runs to the end (wet path) and her
 * row updates by itself; the Done page's neighbour (the wet page) ends it. */
static void
test_renewal_from_row (void)
{
  EyWindow *other;
  EyWindow *fatma;
  g_autoptr(EyColleague) c = NULL;
  g_autofree char *code = NULL;
  EyWindow *main_window = driver->window;

  get_officer ();
  add (FATMA_ID, "FATMA KAYA", "IĞDIR ÜNİVERSİTESİ", "2026-01-31");
  other = EY_WINDOW (ey_officer_window_start_renewal (officer, "56789123416"));
  fatma = EY_WINDOW (ey_officer_window_start_renewal (officer, FATMA_ID));
  g_assert_nonnull (other);
  g_assert_nonnull (fatma);
  g_assert_true (other != fatma);
  /* Prefilled from the roster, each its own session. */
  g_assert_cmpstr (ey_session_get_identity (ey_window_get_session (fatma)), ==, FATMA_ID);
  g_assert_cmpstr (ey_session_get_identity (ey_window_get_session (other)), ==, "56789123416");
  g_assert_true (ey_window_get_session (fatma) != ey_window_get_session (other));

  driver->window = fatma;
  driver->log_base = ey_sim_server_get_log (driver->sim)->len;
  ui_spin_for (200);
  g_assert_true (ui_walk_to_sign_in (driver, "FATMA KAYA", FATMA_PASS));
  g_assert_true (ui_sign_in (driver, FATMA_ID, UI_DRIVER_CAPTCHA));
  g_assert_true (ui_spin_until (ui_signed_in, driver, 20000));
  g_assert_true (ui_walk_to_sms_sent (driver));
  code = ui_sms_code (driver, FATMA_ID);
  g_assert_nonnull (code);
  ui_set_text (driver, "sms", "code_row", code);
  ui_next (driver);
  g_assert_true (ui_wait_page (driver, "eonay"));
  /* No certificate of Fatma's on a card: E-Onay is declined by default, and the wet
   * form follows by itself (the method is not asked again, as in /ui/wet-path). */
  ui_next (driver);
  g_assert_true (ui_wait_page (driver, "wet"));
  ui_wait_idle (driver);

  /* The row follows the renewal. */
  g_assert_true (ui_spin_until (row_applied, FATMA_ID, 20000));
  c = ey_roster_lookup (roster, FATMA_ID, NULL);
  g_assert_cmpint (c->application, ==, EY_ROSTER_APPLICATION_WET);
  g_assert_nonnull (c->wet[EY_ROSTER_WET_PRINTED]);
  /* The other renewal is untouched. */
  g_assert_cmpstr (ey_window_get_visible_page_name (other), ==, "welcome");

  /* "Next colleague" at the end: the one after Fatma in the list gets a window, and
   * Fatma's closes. */
  g_assert_true (gtk_widget_get_visible (ui_child (driver, "wet", "next_colleague_button")));
  {
    g_autoptr(EyRosterEntry) next_entry = NULL;
    int position = ey_roster_model_get_position (ey_officer_window_get_model (officer), FATMA_ID);
    guint windows_before = g_list_length (gtk_application_get_windows (GTK_APPLICATION (driver->app)));

    next_entry = g_list_model_get_item (G_LIST_MODEL (ey_officer_window_get_model (officer)),
                                        position + 1);
    g_assert_nonnull (next_entry);
    g_object_ref (fatma);
    g_assert_true (gtk_widget_activate_action (ui_child (driver, "wet", "next_colleague_button"),
                                               "officer.next-colleague", NULL));
    ui_spin_for (200);
    g_assert_cmpstr (ey_officer_window_get_selected (officer), ==,
                     ey_roster_entry_get_identity (next_entry));
    /* Fatma's window went, the next one came. */
    g_assert_cmpuint (g_list_length (gtk_application_get_windows (GTK_APPLICATION (driver->app))),
                      ==, windows_before);
    g_object_unref (fatma);
    for (GList *l = gtk_application_get_windows (GTK_APPLICATION (driver->app)); l; l = l->next)
      if (EY_IS_WINDOW (l->data) && l->data != (gpointer)main_window && l->data != (gpointer)other)
        {
          EySession *session = ey_window_get_session (l->data);

          g_assert_cmpstr (ey_session_get_identity (session), ==,
                           ey_roster_entry_get_identity (next_entry));
          gtk_window_destroy (l->data);
          break;
        }
  }

  driver->window = main_window;
  gtk_window_destroy (GTK_WINDOW (other));
}

/* The check box in front of @name's row. */
static GtkWidget *
find_mark (const char *name)
{
  EyOfficerRow *row = find_row (template_child (GTK_WIDGET (officer), EY_TYPE_OFFICER_WINDOW,
                                                "list_view"), name);
  GtkWidget *check = row ? gtk_widget_get_prev_sibling (GTK_WIDGET (row)) : NULL;

  return GTK_IS_CHECK_BUTTON (check) ? check : NULL;
}

static gboolean
marks_drawn (gpointer data)
{
  return find_mark (data) != NULL;
}

static gboolean
widget_mapped (gpointer widget)
{
  return gtk_widget_get_mapped (widget);
}

static gboolean
file_written (gpointer path)
{
  return g_file_test (path, G_FILE_TEST_IS_REGULAR);
}

/* The officer ticks exactly whom to print (mouse, keyboard, the header's box for everyone
 * shown) and prints their forms and the cover list in one job: through the print
 * operation, exported to a PDF instead of a printer. */
static void
test_print_marked (void)
{
  g_autofree char *path = g_build_filename (driver->tmpdir, "marked.pdf", NULL);
  g_autofree char *text = NULL;
  g_auto(GStrv) pages = NULL;
  g_auto(GStrv) marked = NULL;
  GtkWidget *search, *button, *mark_selin, *mark_oguz;
  GtkRevealer *revealer;
  const char *who[] = { "67891234594", "78912345694", "89123456772" };

  get_officer ();
  search = template_child (GTK_WIDGET (officer), EY_TYPE_OFFICER_WINDOW, "search_entry");
  button = template_child (GTK_WIDGET (officer), EY_TYPE_OFFICER_WINDOW, "print_marked_button");
  revealer = GTK_REVEALER (template_child (GTK_WIDGET (officer), EY_TYPE_OFFICER_WINDOW,
                                           "marked_revealer"));
  add (who[0], "SELİN AKSOY", "Hukuk Müşavirliği", "2098-01-01");
  add (who[1], "OĞUZ KARTAL", "Kütüphane", "2098-06-01");
  add (who[2], "İPEK ÇINAR", "Kütüphane", "2098-03-01");
  gtk_editable_set_text (GTK_EDITABLE (search), "");
  g_assert_true (ui_spin_until (marks_drawn, "OĞUZ KARTAL", 5000));
  g_assert_false (gtk_revealer_get_reveal_child (revealer));
  g_assert_false (gtk_widget_is_sensitive (button));

  /* By keyboard: the check box takes the focus; Space (activate) ticks it, and so
   * does Ctrl+M (officer.toggle-mark) for the row that has the focus. */
  mark_selin = find_mark ("SELİN AKSOY");
  mark_oguz = find_mark ("OĞUZ KARTAL");
  g_assert_true (gtk_widget_get_focusable (mark_selin));
  g_assert_true (gtk_widget_grab_focus (mark_selin));
  g_assert_true (gtk_widget_activate (mark_selin));
  g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (mark_selin)));
  g_assert_true (gtk_widget_grab_focus (mark_oguz));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (officer), "officer.toggle-mark", NULL));
  g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (mark_oguz)));
  g_assert_true (gtk_revealer_get_reveal_child (revealer));
  g_assert_true (gtk_widget_is_sensitive (button));
  g_assert_nonnull (strstr (gtk_button_get_label (GTK_BUTTON (button)), "2"));
  if (g_str_has_prefix (g_getenv ("LC_ALL") ? g_getenv ("LC_ALL") : "C", "C"))
    g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (button)), ==, "Print Forms for 2 Colleagues");

  /* A search hides rows, not marks; in the list's order (end date), not the clicks'. */
  gtk_editable_set_text (GTK_EDITABLE (search), "kutuphane");
  g_assert_cmpuint (n_shown (), ==, 2);
  marked = ey_officer_window_get_marked (officer);
  g_assert_cmpuint (g_strv_length (marked), ==, 2);
  g_assert_cmpstr (marked[0], ==, who[0]);
  g_assert_cmpstr (marked[1], ==, who[1]);
  gtk_editable_set_text (GTK_EDITABLE (search), "");
  /* The rows shown again (rebound, maybe to other widgets) show them ticked. */
  g_assert_true (ui_spin_until (marks_drawn, "SELİN AKSOY", 5000));
  g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (find_mark ("SELİN AKSOY"))));
  g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (find_mark ("OĞUZ KARTAL"))));
  g_assert_false (gtk_check_button_get_active (GTK_CHECK_BUTTON (find_mark ("İPEK ÇINAR"))));

  /* A button's activation clicks once its pressed look has shown. */
  _ey_officer_print_set_export_filename (path);
  g_assert_true (ui_spin_until (widget_mapped, button, 5000));
  g_assert_true (gtk_widget_activate (button));
  g_assert_true (ui_spin_until (file_written, path, 10000));
  _ey_officer_print_set_export_filename (NULL);
  text = ey_test_pdf_text (path);
  pages = g_strsplit (text, "\f", -1);
  /* Two forms, then the cover list (and what follows the last page break). */
  g_assert_cmpuint (g_strv_length (pages), ==, 4);
  g_assert_nonnull (strstr (pages[0], "SELİN AKSOY"));
  g_assert_nonnull (strstr (pages[0], who[0]));
  g_assert_null (strstr (pages[0], "OĞUZ KARTAL"));
  g_assert_nonnull (strstr (pages[1], "OĞUZ KARTAL"));
  g_assert_nonnull (strstr (pages[1], who[1]));
  g_assert_nonnull (strstr (pages[2], "SELİN AKSOY"));
  g_assert_nonnull (strstr (pages[2], "OĞUZ KARTAL"));
  g_assert_true (strstr (pages[2], "SELİN AKSOY") < strstr (pages[2], "OĞUZ KARTAL"));
  g_assert_null (strstr (text, "İPEK ÇINAR"));
  /* The demo's paper says so on every page. */
  g_assert_true ((strstr (pages[1], "DEMO") != NULL) == ey_application_get_demo (driver->app));
  /* Printed: the first box of each one's checklist, and only theirs. */
  for (guint i = 0; i < G_N_ELEMENTS (who); i++)
    {
      g_autoptr(EyColleague) c = ey_roster_lookup (roster, who[i], NULL);

      g_assert_nonnull (c);
      g_assert_true ((c->wet[EY_ROSTER_WET_PRINTED] != NULL) == (i < 2));
    }

  /* The header's box marks everyone shown; the bar's button unmarks all. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (officer), "officer.unmark-all", NULL));
  g_assert_false (gtk_revealer_get_reveal_child (revealer));
  g_assert_false (gtk_check_button_get_active (GTK_CHECK_BUTTON (find_mark ("SELİN AKSOY"))));
  gtk_editable_set_text (GTK_EDITABLE (search), "kutuphane");
  {
    GtkWidget *header_box = template_child (GTK_WIDGET (officer), EY_TYPE_OFFICER_WINDOW,
                                            "header_box");
    GtkWidget *all = gtk_widget_get_first_child (header_box);
    g_auto(GStrv) both = NULL;

    g_assert_true (GTK_IS_CHECK_BUTTON (all));
    g_assert_false (gtk_check_button_get_active (GTK_CHECK_BUTTON (all)));
    g_assert_false (gtk_check_button_get_inconsistent (GTK_CHECK_BUTTON (all)));
    /* One of the two shown marked: the header's box is mixed, and says so. */
    ey_officer_window_set_marked (officer, who[2], TRUE);
    g_assert_true (gtk_check_button_get_inconsistent (GTK_CHECK_BUTTON (all)));
    g_assert_false (gtk_check_button_get_active (GTK_CHECK_BUTTON (all)));
    gtk_test_accessible_assert_state (all, GTK_ACCESSIBLE_STATE_CHECKED,
                                      GTK_ACCESSIBLE_TRISTATE_MIXED);
    /* A click on a mixed box marks everyone shown. */
    gtk_widget_activate (all);
    both = ey_officer_window_get_marked (officer);
    g_assert_cmpuint (g_strv_length (both), ==, 2);
    g_assert_cmpstr (both[0], ==, who[2]);
    g_assert_cmpstr (both[1], ==, who[1]);
    g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (find_mark ("İPEK ÇINAR"))));
    g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (all)));
    g_assert_false (gtk_check_button_get_inconsistent (GTK_CHECK_BUTTON (all)));
    gtk_test_accessible_assert_state (all, GTK_ACCESSIBLE_STATE_CHECKED,
                                      GTK_ACCESSIBLE_TRISTATE_TRUE);
    /* Everyone shown again: only some of them are marked. */
    gtk_editable_set_text (GTK_EDITABLE (search), "");
    g_assert_true (gtk_check_button_get_inconsistent (GTK_CHECK_BUTTON (all)));
    /* Unticked, it unmarks those shown; a search keeps the others' marks. */
    ey_officer_window_set_marked (officer, who[0], TRUE);
    gtk_editable_set_text (GTK_EDITABLE (search), "kutuphane");
    g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (all)));
    g_assert_false (gtk_check_button_get_inconsistent (GTK_CHECK_BUTTON (all)));
    gtk_widget_activate (all);
    g_assert_false (gtk_check_button_get_active (GTK_CHECK_BUTTON (all)));
    gtk_test_accessible_assert_state (all, GTK_ACCESSIBLE_STATE_CHECKED,
                                      GTK_ACCESSIBLE_TRISTATE_FALSE);
    g_clear_pointer (&both, g_strfreev);
    both = ey_officer_window_get_marked (officer);
    g_assert_cmpuint (g_strv_length (both), ==, 1);
    g_assert_cmpstr (both[0], ==, who[0]);
  }
  gtk_editable_set_text (GTK_EDITABLE (search), "");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (officer), "officer.unmark-all", NULL));
  g_clear_pointer (&marked, g_strfreev);
  marked = ey_officer_window_get_marked (officer);
  g_assert_cmpuint (g_strv_length (marked), ==, 0);
}

static const char *
subtitle_of (GtkWidget *row)
{
  return adw_action_row_get_subtitle (ADW_ACTION_ROW (row));
}

/* Every date the officer sees is written as the assistant writes it (Turkish
 * dd.MM.yyyy), in the list, the details, the history and the due list, and follows the
 * in-app language; the roster keeps ISO dates. */
static void
check_dates (const char *language)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) end = g_date_time_add_days (now, 40);
  g_autofree char *iso = g_date_time_format (end, "%Y-%m-%d");
  g_autofree char *shown = ey_ui_format_date (end);
  g_autofree char *today_iso = g_date_time_format (now, "%Y-%m-%d");
  g_autofree char *today = ey_ui_format_date (now);
  g_autofree char *days_left = NULL;
  RowWait wait = { template_child (GTK_WIDGET (officer), EY_TYPE_OFFICER_WINDOW, "list_view"),
                   "DAMLA ÖZ" };
  EyOfficerDetail *detail = EY_OFFICER_DETAIL (template_child (GTK_WIDGET (officer),
                                                               EY_TYPE_OFFICER_WINDOW, "detail"));
  EyOfficerRow *header = EY_OFFICER_ROW (template_child (GTK_WIDGET (officer),
                                                         EY_TYPE_OFFICER_WINDOW, "header_row"));
  GtkWidget *history = template_child (GTK_WIDGET (detail), EY_TYPE_OFFICER_DETAIL,
                                       "history_list");
  g_autoptr(GPtrArray) due = NULL;
  gboolean turkish = g_str_equal (language, "tr");
  gboolean found = FALSE;
  EyOfficerRow *row;
  const char *text;

  if (turkish)
    {
      /* Day, month, year with dots, whatever the assistant's English does. */
      g_autofree char *dotted = g_date_time_format (end, "%d.%m.%Y");

      g_assert_cmpstr (shown, ==, dotted);
    }
  days_left = g_strdup_printf (turkish ? "%s (%d gün kaldı)" : "%s (%d days left)", shown, 40);

  g_assert_cmpstr (ey_officer_row_get_text (header, 3), ==,
                   turkish ? "Sertifika bitişi" : "Certificate ends");
  /* The list follows the roster's change (and the language) as soon as it can. */
  wait.text = days_left;
  g_assert_true (ui_spin_until (row_shows, &wait, 5000));
  row = find_row (wait.root, wait.name);
  text = ey_officer_row_get_text (row, 3);
  g_assert_true (g_str_has_prefix (text, shown));
  g_assert_cmpstr (text, ==, days_left);
  g_assert_null (strstr (text, iso));
  g_assert_cmpstr (ey_officer_row_get_text (row, 5), ==, today);

  ey_officer_window_select (officer, "90123456730");
  text = subtitle_of (template_child (GTK_WIDGET (detail), EY_TYPE_OFFICER_DETAIL, "expires_row"));
  g_assert_true (g_str_has_prefix (text, shown));
  g_assert_null (strstr (text, iso));
  g_assert_nonnull (strstr (text, turkish ? "gün" : "days"));
  g_assert_cmpstr (subtitle_of (template_child (GTK_WIDGET (detail), EY_TYPE_OFFICER_DETAIL,
                                                "printed_row")), ==, today);
  for (GtkWidget *r = gtk_widget_get_first_child (history); r; r = gtk_widget_get_next_sibling (r))
    {
      const char *title = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (r));

      g_assert_true (g_str_has_prefix (subtitle_of (r), today));
      g_assert_null (strstr (subtitle_of (r), today_iso));
      g_assert_null (strstr (title, iso));
      if (strstr (title, shown) != NULL)
        found = TRUE;
    }
  g_assert_true (found);   /* "Certificate end date: …" */

  due = ey_officer_due_lines (roster, NULL);
  found = FALSE;
  for (guint i = 0; i < due->len; i++)
    {
      const char *line = g_ptr_array_index (due, i);

      g_assert_null (strstr (line, iso));
      if (strstr (line, "DAMLA ÖZ") != NULL)
        found = strstr (line, shown) != NULL;
    }
  g_assert_true (found);
}

static void
test_dates (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) end = g_date_time_add_days (now, 40);
  g_autofree char *iso = g_date_time_format (end, "%Y-%m-%d");
  g_autofree char *csv = NULL;
  g_autoptr(EyColleague) c = NULL;

  get_officer ();
  add ("90123456730", "DAMLA ÖZ", "Tarih Bölümü", "2098-01-01");
  /* A new end date (an event of its own) and a ticked step (a date of its own). */
  add ("90123456730", "DAMLA ÖZ", "Tarih Bölümü", iso);
  g_assert_true (ey_roster_set_wet_step (roster, "90123456730", EY_ROSTER_WET_PRINTED, TRUE, NULL));

  ey_application_set_language (driver->app, "en");
  check_dates ("en");
  ey_application_set_language (driver->app, "tr");
  check_dates ("tr");
  ey_application_set_language (driver->app, "en");
  check_dates ("en");
  ey_application_set_language (driver->app, "");

  /* Files keep ISO dates. */
  c = ey_roster_lookup (roster, "90123456730", NULL);
  g_assert_cmpstr (c->expires, ==, iso);
  {
    g_autofree char *path = g_build_filename (driver->tmpdir, "dates.csv", NULL);

    g_assert_true (ey_roster_export_csv_file (roster, path, ';', NULL));
    g_assert_true (g_file_get_contents (path, &csv, NULL, NULL));
    g_assert_nonnull (strstr (csv, iso));
  }
}

static void
test_narrow (void)
{
  AdwLeaflet *leaflet;

  get_officer ();
  leaflet = ADW_LEAFLET (template_child (GTK_WIDGET (officer), EY_TYPE_OFFICER_WINDOW, "leaflet"));
  gtk_window_set_default_size (GTK_WINDOW (officer), 360, 640);
  ui_spin_for (300);
  g_assert_true (adw_leaflet_get_folded (leaflet));
  ey_officer_window_select (officer, "12345678950");
  ui_spin_for (100);
  g_assert_true (adw_leaflet_get_visible_child (leaflet) ==
                 template_child (GTK_WIDGET (officer), EY_TYPE_OFFICER_WINDOW, "detail_pane"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (officer), "officer.back", NULL));
  ui_spin_for (100);
  g_assert_true (adw_leaflet_get_visible_child (leaflet) ==
                 template_child (GTK_WIDGET (officer), EY_TYPE_OFFICER_WINDOW, "list_pane"));
  gtk_window_set_default_size (GTK_WINDOW (officer), 1000, 700);
  ui_spin_for (300);
  g_assert_false (adw_leaflet_get_folded (leaflet));
}

int
main (int   argc,
      char *argv[])
{
  int status;

  ey_application_init_i18n ();
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  driver = ui_driver_new ();

  g_test_add_func ("/ui/officer/add-edit", test_add_edit);
  g_test_add_func ("/ui/officer/search-filters", test_search_filters);
  g_test_add_func ("/ui/officer/wet-checklist", test_wet_checklist);
  g_test_add_func ("/ui/officer/remove-undo", test_remove_undo);
  g_test_add_func ("/ui/officer/import-preview", test_import_preview);
  g_test_add_func ("/ui/officer/narrow", test_narrow);
  g_test_add_func ("/ui/officer/dates", test_dates);
  g_test_add_func ("/ui/officer/officer-mode", test_officer_mode);
  g_test_add_func ("/ui/officer/read-card", test_read_card);
  g_test_add_func ("/ui/officer/renewal-from-row", test_renewal_from_row);
  g_test_add_func ("/ui/officer/print-marked", test_print_marked);
  status = g_test_run ();

  if (officer != NULL)
    gtk_window_destroy (GTK_WINDOW (officer));
  g_clear_object (&roster);
  ui_driver_free (driver);
  return status;
}
