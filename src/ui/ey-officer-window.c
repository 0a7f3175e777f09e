/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ey-officer-window"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "ey-certificate.h"
#include "ey-demo-token.h"
#include "ey-identity.h"
#include "ey-officer-card.h"
#include "ey-officer-detail.h"
#include "ey-officer-editor.h"
#include "ey-officer-format.h"
#include "ey-officer-import.h"
#include "ey-officer-print.h"
#include "ey-officer-row.h"
#include "ey-officer-slots.h"
#include "ey-officer-window.h"
#include "ey-notice.h"
#include "ey-token.h"
#include "ey-ui-format.h"
#include "ey-window.h"

struct _EyOfficerWindow
{
  AdwApplicationWindow  parent_instance;

  /* template */
  EyNotice             *notice;
  AdwLeaflet           *leaflet;
  GtkWidget            *list_pane;
  GtkWidget            *detail_pane;
  AdwWindowTitle       *list_title;
  AdwWindowTitle       *detail_title;
  GtkSearchEntry       *search_entry;
  GtkDropDown          *filter_dropdown;
  GtkStack             *list_stack;
  GtkWidget            *header_box;
  GtkListView          *list_view;
  GtkLabel             *storage_label;
  GtkStack             *detail_stack;
  EyOfficerDetail      *detail;
  GtkRevealer          *marked_revealer;
  GtkButton            *print_marked_button;
  GtkCheckButton       *mark_all_check;
  EyOfficerRow         *header_row;

  EyRoster             *roster;
  EyRosterModel        *model;
  EyOfficerSlots       *slots;
  GtkSingleSelection   *selection;
  char                 *selected;
  gboolean              syncing_selection;
  /* Whom the officer ticked for printing: identities, so a search keeps them. */
  GHashTable           *marked;
  gboolean              showing_marks;   /* check boxes follow the set: not a click */
  gboolean              showing_mark_all;
  gulong                read_card_handler;
};

/* More rows than a tall screen shows. */
#define FIRST_SCREENFUL 64

G_DEFINE_FINAL_TYPE (EyOfficerWindow, ey_officer_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_N_MARKED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static EyApplication *
get_app (EyOfficerWindow *self)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));

  return EY_IS_APPLICATION (app) ? EY_APPLICATION (app) : NULL;
}

/* Each message says what the last action did: a new one replaces the one shown. */
static void
toast (EyOfficerWindow *self,
       const char      *text)
{
  ey_notice_show (self->notice, text, 5, NULL, NULL, NULL, NULL);
}

/* ---- the list ---- */

static void update_marked (EyOfficerWindow *self);
static void sync_mark_all (EyOfficerWindow *self);

static EyOfficerRow *
item_row (GtkListItem *item)
{
  return EY_OFFICER_ROW (gtk_widget_get_last_child (gtk_list_item_get_child (item)));
}

static GtkCheckButton *
item_check (GtkListItem *item)
{
  return GTK_CHECK_BUTTON (gtk_widget_get_first_child (gtk_list_item_get_child (item)));
}

/* Whom the row box made in setup_row_cb() shows, asked of its list item when needed:
 * nothing is stored per bind, as a search rebinds some 200 rows per keystroke. */
static const char *
box_identity (GtkWidget *box)
{
  GtkListItem *item = g_object_get_data (G_OBJECT (box), "ey-list-item");
  EyOfficerSlot *slot = item ? gtk_list_item_get_item (item) : NULL;
  EyRosterEntry *entry = slot ? ey_officer_slot_get_entry (slot) : NULL;

  return entry ? ey_roster_entry_get_identity (entry) : NULL;
}

static gboolean
is_marked (EyOfficerWindow *self,
           const char      *identity)
{
  return identity != NULL && g_hash_table_contains (self->marked, identity);
}

static void
mark_toggled_cb (GtkCheckButton  *check,
                 EyOfficerWindow *self)
{
  const char *identity = box_identity (gtk_widget_get_parent (GTK_WIDGET (check)));
  gboolean active = gtk_check_button_get_active (check);

  if (self->showing_marks || identity == NULL || active == is_marked (self, identity))
    return;
  if (active)
    g_hash_table_add (self->marked, g_strdup (identity));
  else
    g_hash_table_remove (self->marked, identity);
  sync_mark_all (self);
  update_marked (self);
}

/* The row shows @entry; its check box whether that colleague is marked. */
static void
show_entry (EyOfficerWindow *self,
            GtkCheckButton  *check,
            EyOfficerRow    *row,
            EyRosterEntry   *entry)
{
  ey_officer_row_set_entry (row, entry);
  self->showing_marks = TRUE;
  gtk_check_button_set_active (check, entry && is_marked (self, ey_roster_entry_get_identity (entry)));
  self->showing_marks = FALSE;
}

static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              EyOfficerWindow          *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GtkWidget *check = gtk_check_button_new ();
  GtkWidget *row = ey_officer_row_new (FALSE);

  gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
  gtk_widget_set_hexpand (row, TRUE);
  /* Named by its row (the colleague) once here, not again at each bind: a search
   * rebinds some 200 rows per keystroke. */
  gtk_accessible_update_relation (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_RELATION_LABELLED_BY,
                                  row, NULL, -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  _("Mark for printing"), -1);
  g_signal_connect (check, "toggled", G_CALLBACK (mark_toggled_cb), self);
  gtk_box_append (GTK_BOX (box), check);
  gtk_box_append (GTK_BOX (box), row);
  /* The item owns the box: no reference back. */
  g_object_set_data (G_OBJECT (box), "ey-list-item", item);
  gtk_list_item_set_child (item, box);
}

static void
slot_changed_cb (EyOfficerSlot *slot,
                 GParamSpec    *pspec,
                 GtkListItem   *item)
{
  EyOfficerWindow *self = g_object_get_data (G_OBJECT (item), "ey-officer-window");

  show_entry (self, item_check (item), item_row (item), ey_officer_slot_get_entry (slot));
}

/* A row follows its slot: a search changes what the slot holds, not the slot. */
static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             EyOfficerWindow          *self)
{
  EyOfficerSlot *slot = gtk_list_item_get_item (item);

  g_object_set_data (G_OBJECT (item), "ey-officer-window", self);
  show_entry (self, item_check (item), item_row (item), ey_officer_slot_get_entry (slot));
  g_signal_connect_object (slot, "notify::entry", G_CALLBACK (slot_changed_cb), item, 0);
}

static void
unbind_row_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               EyOfficerWindow          *self)
{
  EyOfficerSlot *slot = gtk_list_item_get_item (item);

  if (slot != NULL)
    g_signal_handlers_disconnect_by_func (slot, slot_changed_cb, item);
  show_entry (self, item_check (item), item_row (item), NULL);
}

/* The list's slots stay where they are when a search changes the list: the
 * selection follows the colleague shown in the details instead. */
static void
sync_selection (EyOfficerWindow *self)
{
  int position = self->selected ? ey_roster_model_get_position (self->model, self->selected) : -1;
  guint wanted = position >= 0 ? (guint)position : GTK_INVALID_LIST_POSITION;

  if (gtk_single_selection_get_selected (self->selection) == wanted)
    return;
  self->syncing_selection = TRUE;
  gtk_single_selection_set_selected (self->selection, wanted);
  self->syncing_selection = FALSE;
}

static void
update_counts (EyOfficerWindow *self)
{
  guint shown = g_list_model_get_n_items (G_LIST_MODEL (self->model));
  guint total = ey_roster_model_get_n_total (self->model);
  g_autofree char *subtitle = NULL;

  /* Translators: how many colleagues the list shows, of how many */
  subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u colleague",
                                           "%u of %u colleagues", total), shown, total);
  adw_window_title_set_subtitle (self->list_title, subtitle);
  sync_selection (self);
  sync_mark_all (self);
}

static void
show_detail (EyOfficerWindow *self,
             const char      *identity,
             gboolean         navigate)
{
  g_free (self->selected);
  self->selected = g_strdup (identity);
  ey_officer_detail_set_identity (self->detail, identity);
  gtk_stack_set_visible_child_name (self->detail_stack, identity ? "detail" : "none");
  if (identity != NULL)
    {
      EyRosterEntry *entry = ey_roster_model_find (self->model, identity);

      adw_window_title_set_title (self->detail_title,
                                  entry ? ey_roster_entry_get_colleague (entry)->full_name : "");
    }
  else
    adw_window_title_set_title (self->detail_title, "");
  if (navigate && identity != NULL)
    adw_leaflet_set_visible_child (self->leaflet, self->detail_pane);
}

static void
on_selection_changed_cb (EyOfficerWindow *self)
{
  EyOfficerSlot *slot = gtk_single_selection_get_selected_item (self->selection);
  EyRosterEntry *entry = slot ? ey_officer_slot_get_entry (slot) : NULL;

  /* The list changing under the selection (a filter) keeps the details shown. */
  if (entry != NULL && !self->syncing_selection)
    show_detail (self, ey_roster_entry_get_identity (entry), adw_leaflet_get_folded (self->leaflet));
}

static void
on_activate_cb (EyOfficerWindow *self,
                guint            position)
{
  g_autoptr(EyRosterEntry) entry = g_list_model_get_item (G_LIST_MODEL (self->model), position);

  if (entry != NULL)
    show_detail (self, ey_roster_entry_get_identity (entry), TRUE);
}

void
ey_officer_window_select (EyOfficerWindow *self,
                          const char      *identity)
{
  int position;

  g_return_if_fail (EY_IS_OFFICER_WINDOW (self));

  position = identity ? ey_roster_model_get_position (self->model, identity) : -1;
  if (position >= 0)
    {
      gtk_single_selection_set_selected (self->selection, position);
      gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u",
                                  (guint)position);
    }
  else
    gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  show_detail (self, identity, adw_leaflet_get_folded (self->leaflet));
}

const char *
ey_officer_window_get_selected (EyOfficerWindow *self)
{
  g_return_val_if_fail (EY_IS_OFFICER_WINDOW (self), NULL);
  return self->selected;
}

static void
on_search_changed_cb (EyOfficerWindow *self)
{
  if (self->model != NULL)
    ey_roster_model_set_search (self->model, gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
}

static void
on_filter_changed_cb (EyOfficerWindow *self)
{
  guint selected = gtk_drop_down_get_selected (self->filter_dropdown);

  if (self->model != NULL && selected <= EY_ROSTER_FILTER_DUE)
    ey_roster_model_set_filter (self->model, selected);
}

/* ---- add, edit, remove ---- */

static void
on_saved_cb (EyOfficerWindow *self,
             const char      *identity)
{
  ey_officer_window_select (self, identity);
}

static void
open_editor (EyOfficerWindow   *self,
             const EyColleague *colleague)
{
  EyOfficerEditor *editor = ey_officer_editor_new (GTK_WINDOW (self), self->roster, colleague);

  g_signal_connect_object (editor, "saved", G_CALLBACK (on_saved_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (editor));
}

static void
add_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  open_editor (EY_OFFICER_WINDOW (widget), NULL);
}

static void
on_edit_cb (EyOfficerWindow *self,
            const char      *identity)
{
  g_autoptr(EyColleague) c = ey_roster_lookup (self->roster, identity, NULL);

  if (c != NULL)
    open_editor (self, c);
}

typedef struct
{
  EyOfficerWindow *self;
  EyColleague     *colleague;
  GPtrArray       *history;
} Removed;

static void
removed_free (Removed *removed)
{
  g_object_unref (removed->self);
  ey_colleague_free (removed->colleague);
  g_clear_pointer (&removed->history, g_ptr_array_unref);
  g_free (removed);
}

static void
on_undo_cb (gpointer data)
{
  Removed *removed = data;
  g_autoptr(GError) error = NULL;

  if (!ey_roster_restore (removed->self->roster, removed->colleague, removed->history, &error))
    toast (removed->self, error->message);
  else
    ey_officer_window_select (removed->self, removed->colleague->identity);
}

static void
on_remove_cb (EyOfficerWindow *self,
              const char      *identity)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *id = g_strdup (identity);
  g_autofree char *title = NULL;
  Removed *removed = g_new0 (Removed, 1);

  removed->self = g_object_ref (self);
  removed->colleague = ey_roster_lookup (self->roster, id, &error);
  removed->history = removed->colleague ? ey_roster_history (self->roster, id, &error) : NULL;
  if (removed->colleague == NULL || removed->history == NULL ||
      !ey_roster_remove (self->roster, id, &error))
    {
      toast (self, error->message);
      removed_free (removed);
      return;
    }
  if (g_strcmp0 (self->selected, id) == 0)
    show_detail (self, NULL, FALSE);
  adw_leaflet_set_visible_child (self->leaflet, self->list_pane);

  /* Translators: a toast after removing a colleague; %s is the name */
  title = g_strdup_printf (_("%s was removed"), removed->colleague->full_name);
  ey_notice_show (self->notice, title, 5, _("_Undo"), on_undo_cb, removed,
                  (GDestroyNotify) (void (*) (void)) removed_free);
}

/* ---- import, export, print, prune ---- */

static void
on_imported_cb (EyOfficerWindow *self,
                guint            added,
                guint            updated)
{
  g_autofree char *text = g_strdup_printf (_("%u added, %u updated."), added, updated);

  toast (self, text);
}

GtkWindow *
ey_officer_window_preview_import (EyOfficerWindow *self,
                                  const char      *data,
                                  gsize            length)
{
  g_autoptr(GError) error = NULL;
  EyRosterImport *import = NULL;
  EyOfficerImport *dialog;

  g_return_val_if_fail (EY_IS_OFFICER_WINDOW (self), NULL);

  import = ey_roster_preview_bytes (self->roster, data, length, &error);
  if (import == NULL)
    {
      toast (self, error->message);
      return NULL;
    }
  dialog = ey_officer_import_new (GTK_WINDOW (self), self->roster, import);
  g_signal_connect_object (dialog, "imported", G_CALLBACK (on_imported_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
  return GTK_WINDOW (dialog);
}

G_GNUC_BEGIN_IGNORE_DEPRECATIONS
static void
on_import_response_cb (GtkNativeDialog *chooser,
                       int              response,
                       EyOfficerWindow *self)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;
  gsize length = 0;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      if (file != NULL && g_file_load_contents (file, NULL, &data, &length, NULL, &error))
        ey_officer_window_preview_import (self, data, length);
      else if (error != NULL)
        toast (self, error->message);
    }
  g_object_unref (chooser);
}

static void
import_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  EyOfficerWindow *self = EY_OFFICER_WINDOW (widget);
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  /* GtkFileDialog is GTK 4.10; the target is 4.8. */
  chooser = gtk_file_chooser_native_new (_("Import Colleagues"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), _("_Cancel"));
  gtk_file_filter_set_name (filter, _("Spreadsheets (CSV, XLSX)"));
  gtk_file_filter_add_suffix (filter, "csv");
  gtk_file_filter_add_suffix (filter, "xlsx");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  g_signal_connect_object (chooser, "response", G_CALLBACK (on_import_response_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
on_export_response_cb (GtkNativeDialog *chooser,
                       int              response,
                       EyOfficerWindow *self)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      path = file ? g_file_get_path (file) : NULL;
      if (path != NULL &&
          (g_str_has_suffix (path, ".csv") ? ey_roster_export_csv_file (self->roster, path, ';', &error)
                                           : ey_roster_export_xlsx_file (self->roster, path, &error)))
        toast (self, _("Exported. The file holds identity numbers: only you can read it."));
      else if (error != NULL)
        toast (self, error->message);
    }
  g_object_unref (chooser);
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  EyOfficerWindow *self = EY_OFFICER_WINDOW (widget);
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (_("Export the Roster"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  /* Translators: the suggested file name of the export; keep .xlsx (or write .csv) */
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), _("colleagues.xlsx"));
  g_signal_connect_object (chooser, "response", G_CALLBACK (on_export_response_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}
G_GNUC_END_IGNORE_DEPRECATIONS

static void
print_due_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  EyOfficerWindow *self = EY_OFFICER_WINDOW (widget);

  /* The list shows the same people the paper will. */
  gtk_drop_down_set_selected (self->filter_dropdown, EY_ROSTER_FILTER_DUE);
  ey_officer_print_due (GTK_WINDOW (self), self->roster);
}

static void
print_cover_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  EyOfficerWindow *self = EY_OFFICER_WINDOW (widget);

  ey_officer_print_cover (GTK_WINDOW (self), self->roster);
}

/* "All waiting for wet form": the list shows the same people the paper will. */
static GStrv
forms_to_print (EyOfficerWindow *self)
{
  g_autoptr(GPtrArray) ids = ey_officer_waiting_wet (self->roster, NULL);

  gtk_drop_down_set_selected (self->filter_dropdown, EY_ROSTER_FILTER_WAITING_WET);
  if (ids == NULL || ids->len == 0)
    {
      toast (self, _("Nobody is waiting for a wet-signed form."));
      return NULL;
    }
  g_ptr_array_add (ids, NULL);
  return (GStrv)g_ptr_array_free (g_steal_pointer (&ids), FALSE);
}

static gboolean
is_demo (EyOfficerWindow *self)
{
  EyApplication *app = get_app (self);

  return app != NULL && ey_application_get_demo (app);
}

static void
print_forms_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  EyOfficerWindow *self = EY_OFFICER_WINDOW (widget);
  g_auto(GStrv) ids = forms_to_print (self);
  g_autoptr(GError) error = NULL;

  if (ids != NULL &&
      !ey_officer_print_forms (GTK_WINDOW (self), self->roster, (const char * const *)ids,
                               is_demo (self), &error))
    toast (self, error->message);
}

/* ---- the colleagues the officer marked ---- */

static void
update_marked (EyOfficerWindow *self)
{
  guint n = g_hash_table_size (self->marked);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_MARKED]);
  if (n > 0)
    {
      /* Translators: the button under the list once colleagues are ticked */
      g_autofree char *label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                             "Print Forms for %u Colleague",
                                                             "Print Forms for %u Colleagues", n), n);

      gtk_button_set_label (self->print_marked_button, label);
    }
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "officer.print-marked", n > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "officer.unmark-all", n > 0);
}

/* The header's box says whether the rows shown are marked: all, none, or some (mixed,
 * and a click then marks them all, as a GNOME list's "select all" box does). */
static void
sync_mark_all (EyOfficerWindow *self)
{
  GListModel *model = self->model ? G_LIST_MODEL (self->model) : NULL;
  guint shown = model ? g_list_model_get_n_items (model) : 0;
  guint marked = 0;
  guint unmarked = 0;
  gboolean mixed;

  /* Nobody marked (the usual case, and every keystroke of a search): nothing to count.
   * One of each is all there is to know. */
  for (guint i = 0;
       i < shown && g_hash_table_size (self->marked) > 0 && (marked == 0 || unmarked == 0); i++)
    {
      g_autoptr(EyRosterEntry) entry = g_list_model_get_item (model, i);

      if (is_marked (self, ey_roster_entry_get_identity (entry)))
        marked++;
      else
        unmarked++;
    }
  mixed = marked > 0 && unmarked > 0;
  self->showing_mark_all = TRUE;
  if (mixed)
    {
      gtk_check_button_set_active (self->mark_all_check, FALSE);
      gtk_check_button_set_inconsistent (self->mark_all_check, TRUE);
    }
  else
    {
      gtk_check_button_set_inconsistent (self->mark_all_check, FALSE);
      gtk_check_button_set_active (self->mark_all_check, shown > 0 && marked == shown);
    }
  self->showing_mark_all = FALSE;
}

/* Rows on screen show their check box as the set says. */
static void
refresh_marks (EyOfficerWindow *self)
{
  sync_mark_all (self);
  for (GtkWidget *item = gtk_widget_get_first_child (GTK_WIDGET (self->list_view)); item != NULL;
       item = gtk_widget_get_next_sibling (item))
    {
      GtkWidget *box = gtk_widget_get_first_child (item);
      GtkWidget *check = box ? gtk_widget_get_first_child (box) : NULL;

      /* The list view's children hold the rows' boxes made in setup_row_cb(). */
      if (GTK_IS_CHECK_BUTTON (check))
        {
          self->showing_marks = TRUE;
          gtk_check_button_set_active (GTK_CHECK_BUTTON (check), is_marked (self, box_identity (box)));
          self->showing_marks = FALSE;
        }
    }
  update_marked (self);
}

void
ey_officer_window_set_marked (EyOfficerWindow *self,
                              const char      *identity,
                              gboolean         marked)
{
  g_return_if_fail (EY_IS_OFFICER_WINDOW (self));
  g_return_if_fail (identity != NULL);

  if (marked)
    g_hash_table_add (self->marked, g_strdup (identity));
  else
    g_hash_table_remove (self->marked, identity);
  refresh_marks (self);
}

/* The header's check box: marks everyone the list shows now (a search, a filter), or
 * unmarks them; those a search hides keep their marks. */
static void
mark_all_toggled_cb (EyOfficerWindow *self)
{
  GListModel *model = self->model ? G_LIST_MODEL (self->model) : NULL;
  gboolean active = gtk_check_button_get_active (self->mark_all_check);

  if (self->showing_mark_all || model == NULL)
    return;
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(EyRosterEntry) entry = g_list_model_get_item (model, i);
      const char *identity = ey_roster_entry_get_identity (entry);

      if (active)
        g_hash_table_add (self->marked, g_strdup (identity));
      else
        g_hash_table_remove (self->marked, identity);
    }
  refresh_marks (self);
}

/* (transfer full): the marked colleagues in the list's order (the roster's), NULL-ended. */
GStrv
ey_officer_window_get_marked (EyOfficerWindow *self)
{
  g_autoptr(GPtrArray) ids = g_ptr_array_new ();
  g_autoptr(GPtrArray) list = NULL;

  g_return_val_if_fail (EY_IS_OFFICER_WINDOW (self), NULL);

  list = ey_roster_list (self->roster, NULL);
  for (guint i = 0; list != NULL && i < list->len; i++)
    {
      const EyColleague *c = g_ptr_array_index (list, i);

      if (g_hash_table_contains (self->marked, c->identity))
        g_ptr_array_add (ids, g_strdup (c->identity));
    }
  g_ptr_array_add (ids, NULL);
  return (GStrv)g_ptr_array_free (g_steal_pointer (&ids), FALSE);
}

static void
print_marked_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  EyOfficerWindow *self = EY_OFFICER_WINDOW (widget);
  g_auto(GStrv) ids = ey_officer_window_get_marked (self);
  g_autoptr(GError) error = NULL;

  if (ids[0] == NULL)
    {
      /* Everyone marked was removed meanwhile. */
      g_hash_table_remove_all (self->marked);
      refresh_marks (self);
      return;
    }
  if (!ey_officer_print_forms (GTK_WINDOW (self), self->roster, (const char * const *)ids,
                               is_demo (self), &error))
    toast (self, error->message);
}

static void
unmark_all_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  EyOfficerWindow *self = EY_OFFICER_WINDOW (widget);

  g_hash_table_remove_all (self->marked);
  refresh_marks (self);
}

/* Ctrl+M: ticks (or unticks) the row that has the keyboard focus, else the selected one. */
static void
toggle_mark_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  EyOfficerWindow *self = EY_OFFICER_WINDOW (widget);
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));
  const char *identity = NULL;

  /* The focus is on a row's check box, or on the row itself (the list's item). */
  for (GtkWidget *w = focus; w != NULL && identity == NULL; w = gtk_widget_get_parent (w))
    {
      GtkWidget *child = gtk_widget_get_first_child (w);

      if (w == GTK_WIDGET (self->list_view))
        break;
      identity = box_identity (w);
      if (identity == NULL && child != NULL)
        identity = box_identity (child);
    }
  if (identity == NULL)
    identity = self->selected;
  if (identity != NULL)
    ey_officer_window_set_marked (self, identity, !g_hash_table_contains (self->marked, identity));
}

G_GNUC_BEGIN_IGNORE_DEPRECATIONS
static void
on_save_forms_response_cb (GtkNativeDialog *chooser,
                           int              response,
                           EyOfficerWindow *self)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  GStrv ids = g_object_get_data (G_OBJECT (chooser), "ey-identities");

  if (response == GTK_RESPONSE_ACCEPT)
    {
      file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      path = file ? g_file_get_path (file) : NULL;
      if (path != NULL &&
          ey_officer_export_forms_pdf (self->roster, (const char * const *)ids, is_demo (self),
                                       path, &error))
        toast (self, _("Saved. The file holds identity numbers: keep it safe."));
      else if (error != NULL)
        toast (self, error->message);
    }
  g_object_unref (chooser);
}

static void
save_forms_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  EyOfficerWindow *self = EY_OFFICER_WINDOW (widget);
  GStrv ids = forms_to_print (self);
  GtkFileChooserNative *chooser;

  if (ids == NULL)
    return;
  chooser = gtk_file_chooser_native_new (_("Save Wet Forms as PDF"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  /* Translators: the suggested file name of the forms and cover list; keep .pdf */
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), _("wet-forms.pdf"));
  g_object_set_data_full (G_OBJECT (chooser), "ey-identities", ids, (GDestroyNotify)g_strfreev);
  g_signal_connect_object (chooser, "response", G_CALLBACK (on_save_forms_response_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}
G_GNUC_END_IGNORE_DEPRECATIONS

static void
on_prune_response_cb (AdwMessageDialog *dialog,
                      const char       *response,
                      EyOfficerWindow  *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  int removed;

  if (g_strcmp0 (response, "remove") != 0)
    return;
  removed = ey_roster_remove_done_before (self->roster, 6, &error);
  if (removed < 0)
    {
      toast (self, error->message);
      return;
    }
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d colleague removed.",
                                       "%d colleagues removed.", removed), removed);
  toast (self, text);
}

static void
prune_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  EyOfficerWindow *self = EY_OFFICER_WINDOW (widget);
  GtkWidget *dialog;

  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Remove Colleagues Done Long Ago?"),
                                   _("Colleagues whose renewal has been done for more than 6 "
                                     "months are removed from the roster with their history."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"),
                                    "remove", _("_Remove"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "remove",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_prune_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  EyOfficerWindow *self = EY_OFFICER_WINDOW (widget);

  adw_leaflet_set_visible_child (self->leaflet, self->list_pane);
}

/* ---- read a colleague's card ---- */

/* "TCKN12345678950" or "12345678950": the identity number of a certificate. */
static char *
certificate_identity (EyCertificate *cert)
{
  const char *raw = ey_certificate_get_identity_number (cert);
  char *id;

  if (raw == NULL)
    return NULL;
  id = ey_identity_normalize (raw, NULL, NULL);
  if (id == NULL && strlen (raw) > 11)
    id = ey_identity_normalize (raw + strlen (raw) - 11, NULL, NULL);
  return id;
}

/* One card's certificate into its colleague's row (added if new). */
static EyColleague *
save_from_card (EyOfficerWindow  *self,
                EyCertificate    *cert,
                const char       *identity,
                gboolean          only_card,
                GError          **error)
{
  g_autoptr(EyColleague) c = ey_roster_lookup (self->roster, identity, NULL);
  g_autoptr(GDateTime) end = g_date_time_to_local (ey_certificate_get_not_after (cert));
  g_autofree char *card_type = ey_officer_card_type_name (get_app (self), cert, only_card);

  if (c == NULL)
    {
      c = ey_colleague_new ();
      c->identity = g_strdup (identity);
    }
  g_free (c->full_name);
  c->full_name = g_strdup (ey_certificate_get_holder_name (cert));
  g_free (c->expires);
  c->expires = g_date_time_format (end, "%Y-%m-%d");
  if (card_type != NULL)
    {
      g_free (c->card_type);
      c->card_type = g_steal_pointer (&card_type);
    }
  if (!ey_roster_save (self->roster, c, error))
    return NULL;
  return g_steal_pointer (&c);
}

static void
fill_from_card (EyOfficerWindow *self)
{
  EyApplication *app = get_app (self);
  GPtrArray *certs = app ? ey_application_get_certificates (app) : NULL;
  g_autoptr(GHashTable) best = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) order = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(EyColleague) first = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "officer.read-card", TRUE);
  /* Per person, the certificate that ends last; with cards in several readers each
   * fills its own row. */
  for (guint i = 0; certs != NULL && i < certs->len; i++)
    {
      EyCertificate *cert = g_ptr_array_index (certs, i);
      g_autofree char *id = certificate_identity (cert);
      EyCertificate *known;

      if (id == NULL)
        continue;
      known = g_hash_table_lookup (best, id);
      if (known == NULL)
        g_ptr_array_add (order, g_strdup (id));
      if (known == NULL ||
          g_date_time_compare (ey_certificate_get_not_after (cert),
                               ey_certificate_get_not_after (known)) > 0)
        g_hash_table_replace (best, g_steal_pointer (&id), cert);
    }
  if (order->len == 0)
    {
      toast (self, _("No e-signature card was found. Insert the colleague's card in the reader "
                     "and try again."));
      return;
    }

  for (guint i = 0; i < order->len; i++)
    {
      const char *id = g_ptr_array_index (order, i);
      g_autoptr(EyColleague) c = save_from_card (self, g_hash_table_lookup (best, id), id,
                                                 order->len == 1, &error);

      if (c == NULL)
        {
          toast (self, error->message);
          return;
        }
      if (first == NULL)
        first = g_steal_pointer (&c);
    }
  ey_officer_window_select (self, first->identity);
  if (order->len == 1)
    {
      g_autofree char *end = ey_officer_format_day (first->expires);

      /* Translators: a toast after reading a card: the holder's name and the end date */
      message = g_strdup_printf (_("Read %s's card: the certificate ends on %s."),
                                 first->full_name, end);
    }
  else
    /* Translators: a toast after reading the cards in several readers at once */
    message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Read %u card: each filled its "
                                            "colleague's row.", "Read %u cards: each filled its "
                                            "colleague's row.", order->len), order->len);
  toast (self, message);
}

static void
on_certificates_changed_cb (EyOfficerWindow *self)
{
  EyApplication *app = get_app (self);

  if (app != NULL)
    g_clear_signal_handler (&self->read_card_handler, app);
  fill_from_card (self);
}

static void
read_card_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  EyOfficerWindow *self = EY_OFFICER_WINDOW (widget);
  EyApplication *app = get_app (self);

  if (app == NULL || self->read_card_handler != 0)
    return;
  /* The token layer lists cards in its own thread; the answer comes as a signal. */
  gtk_widget_action_set_enabled (widget, "officer.read-card", FALSE);
  self->read_card_handler =
    g_signal_connect_object (app, "certificates-changed", G_CALLBACK (on_certificates_changed_cb),
                             self, G_CONNECT_SWAPPED);
  ey_application_refresh_certificates (app);
}

/* ---- a colleague's renewal ---- */

typedef struct
{
  EyRoster *roster;
  char     *identity;
} Renewal;

static void
renewal_free (Renewal *r)
{
  g_object_unref (r->roster);
  g_free (r->identity);
  g_free (r);
}

/* The site confirmed: the row says how and when, by itself. */
static void
on_submitted_cb (EySession     *session,
                 EySessionPath  path,
                 Renewal       *r)
{
  g_autoptr(EyColleague) c = ey_roster_lookup (r->roster, r->identity, NULL);
  g_autoptr(GError) error = NULL;

  if (c == NULL)
    return;
  c->status = EY_ROSTER_STATUS_APPLIED;
  c->application = path == EY_SESSION_PATH_WET ? EY_ROSTER_APPLICATION_WET
                                               : EY_ROSTER_APPLICATION_EONAY;
  if (ey_session_get_order_id (session) != NULL)
    {
      /* The session knows the order by its link; the officer by its number. */
      g_free (c->order);
      c->order = ey_ui_order_number (ey_session_get_order_id (session));
    }
  if (path == EY_SESSION_PATH_WET && c->wet[EY_ROSTER_WET_PRINTED] == NULL)
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();

      c->wet[EY_ROSTER_WET_PRINTED] = g_date_time_format (now, "%Y-%m-%d");
    }
  if (!ey_roster_save (r->roster, c, &error))
    g_warning ("The roster could not record the renewal: %s", error->message);
}

/* Starts the colleague after @identity in the list (the Done page's "Next colleague"). */
static void
next_colleague (EyOfficerWindow *self,
                const char      *identity)
{
  int position = ey_roster_model_get_position (self->model, identity);
  g_autoptr(EyRosterEntry) next = NULL;

  next = g_list_model_get_item (G_LIST_MODEL (self->model), position + 1);
  if (next == NULL)
    {
      toast (self, _("That was the last colleague in the list."));
      gtk_window_present (GTK_WINDOW (self));
      return;
    }
  ey_officer_window_select (self, ey_roster_entry_get_identity (next));
  ey_officer_window_start_renewal (self, ey_roster_entry_get_identity (next));
}

static void
on_next_colleague_cb (GSimpleAction *action,
                      GVariant      *parameter,
                      gpointer       user_data)
{
  GtkWindow *renewal = user_data;
  EyOfficerWindow *self = g_object_get_data (G_OBJECT (renewal), "ey-officer-window");
  const char *identity = g_object_get_data (G_OBJECT (renewal), "ey-officer-identity");

  if (self != NULL && identity != NULL)
    next_colleague (self, identity);
  gtk_window_close (renewal);
}

GtkWindow *
ey_officer_window_start_renewal (EyOfficerWindow *self,
                                 const char      *identity)
{
  g_autoptr(EyColleague) c = NULL;
  g_autoptr(GSimpleActionGroup) group = g_simple_action_group_new ();
  g_autoptr(GSimpleAction) next = g_simple_action_new ("next-colleague", NULL);
  EyApplication *app = get_app (self);
  EyWindow *window;
  EySession *session;
  Renewal *r;

  g_return_val_if_fail (EY_IS_OFFICER_WINDOW (self), NULL);

  c = ey_roster_lookup (self->roster, identity, NULL);
  if (c == NULL || app == NULL)
    return NULL;
  window = ey_window_new (app);
  session = ey_window_get_session (window);
  /* What the roster knows; the officer (or the colleague) types the rest. */
  if (session != NULL)
    {
      ey_session_set_identity (session, c->identity);
      ey_session_set_applicant_name (session, c->full_name);
      if (c->institution != NULL)
        ey_session_set_institution (session, c->institution);
      r = g_new0 (Renewal, 1);
      r->roster = g_object_ref (self->roster);
      r->identity = g_strdup (c->identity);
      g_signal_connect_data (session, "submitted", G_CALLBACK (on_submitted_cb), r,
                             (GClosureNotify)(void (*) (void))renewal_free, 0);
    }
  /* Translators: the title of a colleague's renewal window; %s is the name */
  {
    g_autofree char *title = g_strdup_printf (_("Renewal: %s"), c->full_name);

    gtk_window_set_title (GTK_WINDOW (window), title);
  }
  g_object_set_data_full (G_OBJECT (window), "ey-officer-identity", g_strdup (c->identity), g_free);
  g_object_set_data_full (G_OBJECT (window), "ey-officer-window", g_object_ref (self),
                          g_object_unref);
  g_signal_connect (next, "activate", G_CALLBACK (on_next_colleague_cb), window);
  g_action_map_add_action (G_ACTION_MAP (group), G_ACTION (next));
  gtk_widget_insert_action_group (GTK_WIDGET (window), "officer", G_ACTION_GROUP (group));
  gtk_window_present (GTK_WINDOW (window));
  return GTK_WINDOW (window);
}

static void
on_start_renewal_cb (EyOfficerWindow *self,
                     const char      *identity)
{
  ey_officer_window_start_renewal (self, identity);
}

/* ---- the object ---- */

/* What the window writes itself (dates, days left, counts) follows the new language;
 * the template's words stay until the window is opened again. */
static void
on_language_changed_cb (EyOfficerWindow *self)
{
  ey_officer_format_forget ();
  ey_officer_row_retranslate (self->header_row);
  for (GtkWidget *item = gtk_widget_get_first_child (GTK_WIDGET (self->list_view)); item != NULL;
       item = gtk_widget_get_next_sibling (item))
    {
      GtkWidget *box = gtk_widget_get_first_child (item);
      GtkListItem *list_item = box ? g_object_get_data (G_OBJECT (box), "ey-list-item") : NULL;
      EyOfficerSlot *slot = list_item ? gtk_list_item_get_item (list_item) : NULL;

      if (slot != NULL)
        show_entry (self, item_check (list_item), item_row (list_item),
                    ey_officer_slot_get_entry (slot));
    }
  ey_officer_detail_set_identity (self->detail, self->selected);
  update_counts (self);
  update_marked (self);
}

EyRoster *
ey_officer_window_get_roster (EyOfficerWindow *self)
{
  g_return_val_if_fail (EY_IS_OFFICER_WINDOW (self), NULL);
  return self->roster;
}

EyRosterModel *
ey_officer_window_get_model (EyOfficerWindow *self)
{
  g_return_val_if_fail (EY_IS_OFFICER_WINDOW (self), NULL);
  return self->model;
}

static void
ey_officer_window_dispose (GObject *object)
{
  EyOfficerWindow *self = EY_OFFICER_WINDOW (object);
  EyApplication *app = get_app (self);

  if (app != NULL)
    g_clear_signal_handler (&self->read_card_handler, app);
  /* The rows go first: unbinding them reads the marks. */
  if (self->selection != NULL)
    gtk_single_selection_set_model (self->selection, NULL);
  g_clear_object (&self->slots);
  g_clear_object (&self->model);
  g_clear_object (&self->roster);
  g_clear_pointer (&self->marked, g_hash_table_unref);
  gtk_widget_dispose_template (GTK_WIDGET (object), EY_TYPE_OFFICER_WINDOW);

  G_OBJECT_CLASS (ey_officer_window_parent_class)->dispose (object);
}

static void
ey_officer_window_finalize (GObject *object)
{
  g_free (EY_OFFICER_WINDOW (object)->selected);

  G_OBJECT_CLASS (ey_officer_window_parent_class)->finalize (object);
}

/* The first frame is out: now the rest of the roster may be read.  Before it, the
 * reading thread took a CPU the frame needed (2 cores, a loaded machine). */
static void
first_frame_cb (GdkFrameClock   *clock,
                EyOfficerWindow *self)
{
  g_signal_handlers_disconnect_by_func (clock, first_frame_cb, self);
  if (self->model != NULL)
    ey_roster_model_read_rest (self->model);
}

static void
ey_officer_window_realize (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (ey_officer_window_parent_class)->realize (widget);
  g_signal_connect_object (gtk_widget_get_frame_clock (widget), "after-paint",
                           G_CALLBACK (first_frame_cb), widget, 0);
}

static void
ey_officer_window_unrealize (GtkWidget *widget)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (widget);

  if (clock != NULL)
    g_signal_handlers_disconnect_by_func (clock, first_frame_cb, widget);
  GTK_WIDGET_CLASS (ey_officer_window_parent_class)->unrealize (widget);
}

/* Template closures. */
static gboolean
has_marks_cb (EyOfficerWindow *self,
              guint            n_marked)
{
  return n_marked > 0;
}

static char *
list_page_cb (EyOfficerWindow *self,
              guint            n_shown)
{
  return g_strdup (n_shown > 0 ? "list" : "empty");
}

static void
ey_officer_window_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  EyOfficerWindow *self = EY_OFFICER_WINDOW (object);

  switch (prop_id)
    {
    case PROP_N_MARKED:
      g_value_set_uint (value, self->marked ? g_hash_table_size (self->marked) : 0);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
focus_search_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  gtk_widget_grab_focus (GTK_WIDGET (EY_OFFICER_WINDOW (widget)->search_entry));
}

static void
ey_officer_window_class_init (EyOfficerWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ey_officer_window_dispose;
  object_class->finalize = ey_officer_window_finalize;
  object_class->get_property = ey_officer_window_get_property;
  widget_class->realize = ey_officer_window_realize;
  widget_class->unrealize = ey_officer_window_unrealize;

  /* How many colleagues are marked for printing (the bar under the list shows then). */
  properties[PROP_N_MARKED] =
    g_param_spec_uint ("n-marked", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (EY_TYPE_OFFICER_DETAIL);
  g_type_ensure (EY_TYPE_NOTICE);
  g_type_ensure (EY_TYPE_OFFICER_ROW);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/eimzayenile/EimzaYenile/ey-officer-window.ui");
  gtk_widget_class_bind_template_child (widget_class, EyOfficerWindow, notice);
  gtk_widget_class_bind_template_child (widget_class, EyOfficerWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, EyOfficerWindow, list_pane);
  gtk_widget_class_bind_template_child (widget_class, EyOfficerWindow, detail_pane);
  gtk_widget_class_bind_template_child (widget_class, EyOfficerWindow, list_title);
  gtk_widget_class_bind_template_child (widget_class, EyOfficerWindow, detail_title);
  gtk_widget_class_bind_template_child (widget_class, EyOfficerWindow, search_entry);
  gtk_widget_class_bind_template_child (widget_class, EyOfficerWindow, filter_dropdown);
  gtk_widget_class_bind_template_child (widget_class, EyOfficerWindow, list_stack);
  gtk_widget_class_bind_template_child (widget_class, EyOfficerWindow, header_box);
  gtk_widget_class_bind_template_child (widget_class, EyOfficerWindow, list_view);
  gtk_widget_class_bind_template_child (widget_class, EyOfficerWindow, storage_label);
  gtk_widget_class_bind_template_child (widget_class, EyOfficerWindow, detail_stack);
  gtk_widget_class_bind_template_child (widget_class, EyOfficerWindow, detail);
  gtk_widget_class_bind_template_child (widget_class, EyOfficerWindow, marked_revealer);
  gtk_widget_class_bind_template_child (widget_class, EyOfficerWindow, print_marked_button);
  gtk_widget_class_bind_template_child (widget_class, EyOfficerWindow, mark_all_check);
  gtk_widget_class_bind_template_child (widget_class, EyOfficerWindow, header_row);
  gtk_widget_class_bind_template_child (widget_class, EyOfficerWindow, selection);
  gtk_widget_class_bind_template_callback (widget_class, on_selection_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, setup_row_cb);
  gtk_widget_class_bind_template_callback (widget_class, bind_row_cb);
  gtk_widget_class_bind_template_callback (widget_class, unbind_row_cb);
  gtk_widget_class_bind_template_callback (widget_class, mark_all_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_filter_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_edit_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_remove_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_start_renewal_cb);
  gtk_widget_class_bind_template_callback (widget_class, has_marks_cb);
  gtk_widget_class_bind_template_callback (widget_class, list_page_cb);
  gtk_widget_class_install_action (widget_class, "officer.print-marked", NULL, print_marked_action);
  gtk_widget_class_install_action (widget_class, "officer.unmark-all", NULL, unmark_all_action);
  gtk_widget_class_install_action (widget_class, "officer.toggle-mark", NULL, toggle_mark_action);
  gtk_widget_class_install_action (widget_class, "officer.add", NULL, add_action);
  gtk_widget_class_install_action (widget_class, "officer.read-card", NULL, read_card_action);
  gtk_widget_class_install_action (widget_class, "officer.import", NULL, import_action);
  gtk_widget_class_install_action (widget_class, "officer.export", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "officer.print-due", NULL, print_due_action);
  gtk_widget_class_install_action (widget_class, "officer.prune", NULL, prune_action);
  gtk_widget_class_install_action (widget_class, "officer.print-cover", NULL, print_cover_action);
  gtk_widget_class_install_action (widget_class, "officer.print-forms", NULL, print_forms_action);
  gtk_widget_class_install_action (widget_class, "officer.save-forms", NULL, save_forms_action);
  gtk_widget_class_install_action (widget_class, "officer.back", NULL, back_action);
  gtk_widget_class_install_action (widget_class, "officer.search", NULL, focus_search_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "officer.add", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "officer.search", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_m, GDK_CONTROL_MASK, "officer.toggle-mark", NULL);
}

static void
ey_officer_window_init (EyOfficerWindow *self)
{
  self->marked = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  gtk_widget_init_template (GTK_WIDGET (self));
}

EyOfficerWindow *
ey_officer_window_new (EyApplication *application,
                       EyRoster      *roster)
{
  EyOfficerWindow *self;
  g_autofree char *storage = NULL;

  g_return_val_if_fail (EY_IS_ROSTER (roster), NULL);

  /* The language may have changed while no officer window was open. */
  ey_officer_format_forget ();
  self = g_object_new (EY_TYPE_OFFICER_WINDOW, "application", application, NULL);
  self->roster = g_object_ref (roster);
  /* A long roster: the first screenful at once, the rest read in a thread once the
   * window is on screen (see first_frame_cb()). */
  self->model = ey_roster_model_new_first (roster, FIRST_SCREENFUL);
  self->slots = ey_officer_slots_new (self->model);
  gtk_single_selection_set_model (self->selection, G_LIST_MODEL (self->slots));
  g_signal_connect_object (self->model, "items-changed", G_CALLBACK (update_counts), self,
                           G_CONNECT_SWAPPED);
  /* The in-app language switch (the assistant's windows are made anew for it). */
  if (application != NULL)
    g_signal_connect_object (application, "action-state-changed::language",
                             G_CALLBACK (on_language_changed_cb), self, G_CONNECT_SWAPPED);
  ey_officer_detail_set_roster (self->detail, roster);
  /* Translators: where the roster is kept; %s is the file */
  storage = g_strdup_printf (_("Kept only on this computer, readable only by you: %s. "
                               "It holds what you enter and what the renewals report; never a "
                               "password, SMS code, PIN or security word."),
                             ey_roster_get_path (roster));
  gtk_label_set_text (self->storage_label, storage);
  update_counts (self);
  update_marked (self);
  return self;
}

/* ---- officer mode in the application ---- */

static EyOfficerWindow *
find_window (EyApplication *application)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (application)); l; l = l->next)
    if (EY_IS_OFFICER_WINDOW (l->data))
      return l->data;
  return NULL;
}

/* The demo colleagues with a demo card each: name, number and end date as on the card
 * (ey_demo_colleagues ()); unit, mail and phone as the simulator knows them. */
static void
seed_demo_colleagues (GString   *csv,
                      GDateTime *now)
{
  static const struct
  {
    const char *email, *phone, *unit, *title;
  } more[] = {
    { "emre.arslan@igdir.edu.tr", "05061112244", "İktisadi ve İdari Bilimler Fakültesi", "Şef" },
    { "elif.koc@igdir.edu.tr", "05071113355", "Strateji Geliştirme Daire Başkanlığı",
      "Bilgisayar İşletmeni" },
    { "hasan.ozturk@igdir.edu.tr", "05081114466", "Genel Sekreterlik", "Daire Başkanı" },
  };
  guint n = 0;
  const EyDemoColleague *colleagues = ey_demo_colleagues (&n);

  for (guint i = 0; i < n && i < G_N_ELEMENTS (more); i++)
    {
      g_autoptr(GDateTime) end = g_date_time_add_days (now, colleagues[i].days);
      g_autofree char *date = g_date_time_format (end, "%Y-%m-%d");

      g_string_append_printf (csv, "%s;%s;%s;%s;%s;%s;%s;order-opened;\n",
                              colleagues[i].identity, colleagues[i].name, more[i].email,
                              more[i].phone, more[i].unit, more[i].title, date);
    }
}

/* The demo's sample roster: the simulator's people (data/sim/people.ini), with end
 * dates around today so every filter has someone. Goes through the import. */
static void
seed_demo (EyRoster *roster)
{
  static const struct
  {
    const char *identity, *name, *email, *phone, *unit, *title;
    int         days;
    const char *status, *application;
  } people[] = {
    { "12345678950", "AYŞE YILMAZ", "ayse.yilmaz@igdir.edu.tr", "05051234569",
      "Bilgi İşlem Daire Başkanlığı", "Öğretim Görevlisi", 40, "order-opened", "e-onay" },
    { "23456789138", "MEHMET DEMİR", "mehmet.demir@igdir.edu.tr", "05321112233",
      "Rektörlük", "Şube Müdürü", 75, "pending", "" },
    { "34567891238", "FATMA KAYA", "fatma.kaya@igdir.edu.tr", "05439876543",
      "Personel Daire Başkanlığı", "Memur", -10, "order-opened", "wet" },
    { "45678912316", "ALİ ÇELİK", "ali.celik@igdir.edu.tr", "05554443322",
      "Mühendislik Fakültesi", "Doçent", 200, "pending", "" },
    { "U12345678", "JOHN SMITH", "john.smith@igdir.edu.tr", "05067778899",
      "Yabancı Diller Yüksekokulu", "Okutman", 20, "pending", "" },
    { "56789123416", "ZEYNEP ŞAHİN", "zeynep.sahin@igdir.edu.tr", "05301234567",
      "Fen Bilimleri Enstitüsü", "Araştırma Görevlisi", 120, "done", "e-onay" },
  };
  g_autoptr(GString) csv = g_string_new ("identity;name;email;phone;unit;title;expires;status;"
                                         "application\n");
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(EyRosterImport) import = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (people); i++)
    {
      g_autoptr(GDateTime) end = g_date_time_add_days (now, people[i].days);
      g_autofree char *date = g_date_time_format (end, "%Y-%m-%d");

      g_string_append_printf (csv, "%s;%s;%s;%s;%s;%s;%s;%s;%s\n", people[i].identity,
                              people[i].name, people[i].email, people[i].phone, people[i].unit,
                              people[i].title, date, people[i].status, people[i].application);
    }
  seed_demo_colleagues (csv, now);
  import = ey_roster_preview_csv (roster, csv->str, csv->len, &error);
  if (import == NULL || !ey_roster_apply_import (roster, import, NULL, NULL, &error))
    g_warning ("The demo roster could not be filled: %s", error->message);
}

static EyRoster *
open_roster (EyApplication  *application,
             GError        **error)
{
  g_autofree char *path = NULL;
  EyRoster *roster;

  if (!ey_application_get_demo (application))
    {
      path = ey_roster_get_default_path ();
      return ey_roster_open (path, error);
    }
  /* The demo never touches the officer's real roster, and starts afresh each time. */
  path = g_build_filename (g_get_user_cache_dir (), PACKAGE_NAME, "demo-roster.sqlite", NULL);
  g_unlink (path);
  roster = ey_roster_open (path, error);
  if (roster != NULL)
    seed_demo (roster);
  return roster;
}

EyOfficerWindow *
ey_officer_mode_present (EyApplication *application)
{
  EyOfficerWindow *window = find_window (application);

  if (window == NULL)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(EyRoster) roster = open_roster (application, &error);

      if (roster == NULL)
        {
          GtkWindow *active = gtk_application_get_active_window (GTK_APPLICATION (application));

          if (EY_IS_WINDOW (active))
            ey_window_add_toast (EY_WINDOW (active), error->message);
          g_warning ("%s", error->message);
          return NULL;
        }
      window = ey_officer_window_new (application, roster);
    }
  gtk_window_present (GTK_WINDOW (window));
  return window;
}

static void
on_officer_mode_changed_cb (GSettings     *settings,
                            const char    *key,
                            EyApplication *application)
{
  if (g_settings_get_boolean (settings, "officer-mode"))
    ey_officer_mode_present (application);
  else
    {
      EyOfficerWindow *window = find_window (application);

      if (window != NULL)
        gtk_window_close (GTK_WINDOW (window));
    }
}

static void
on_activate_cb_app (EyApplication *application)
{
  GSettings *settings = ey_application_get_settings (application);

  if (settings != NULL && g_settings_get_boolean (settings, "officer-mode"))
    ey_officer_mode_present (application);
}

void
ey_officer_mode_install (EyApplication *application)
{
  GSettings *settings = ey_application_get_settings (application);
  g_autoptr(GAction) action = NULL;

  g_return_if_fail (EY_IS_APPLICATION (application));

  if (settings == NULL)
    return;
  action = g_settings_create_action (settings, "officer-mode");
  g_action_map_add_action (G_ACTION_MAP (application), action);
  g_signal_connect_object (settings, "changed::officer-mode",
                           G_CALLBACK (on_officer_mode_changed_cb), application, 0);
  /* After the assistant's window: the Colleagues window comes beside it. */
  g_signal_connect_after (application, "activate", G_CALLBACK (on_activate_cb_app), NULL);
}
