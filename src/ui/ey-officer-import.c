/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ey-officer-import"

#include "config.h"

#include <glib/gi18n.h>

#include "ey-officer-import.h"

struct _EyOfficerImport
{
  AdwWindow       parent_instance;

  /* template */
  GtkLabel       *summary_label;
  GtkListView    *list_view;
  GtkStringList  *lines;      /* what the list shows, one string a row */

  EyRoster       *roster;
  EyRosterImport *import;
};

enum {
  IMPORTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (EyOfficerImport, ey_officer_import, ADW_TYPE_WINDOW)

static const char *
action_label (EyRosterImportAction action)
{
  switch (action)
    {
    case EY_ROSTER_IMPORT_ADD:       return _("Added");
    case EY_ROSTER_IMPORT_UPDATE:    return _("Updated");
    case EY_ROSTER_IMPORT_UNCHANGED: return _("Unchanged");
    case EY_ROSTER_IMPORT_REFUSE:
    default:                         return _("Refused");
    }
}

gboolean
ey_officer_import_apply (EyOfficerImport  *self,
                         GError          **error)
{
  guint added = 0, updated = 0;

  g_return_val_if_fail (EY_IS_OFFICER_IMPORT (self), FALSE);

  if (!ey_roster_apply_import (self->roster, self->import, &added, &updated, error))
    return FALSE;
  g_signal_emit (self, signals[IMPORTED], 0, added, updated);
  return TRUE;
}

static void
apply_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  EyOfficerImport *self = EY_OFFICER_IMPORT (widget);
  g_autoptr(GError) error = NULL;

  if (ey_officer_import_apply (self, &error))
    gtk_window_close (GTK_WINDOW (self));
  else
    gtk_label_set_text (self->summary_label, error->message);
}

GListModel *
ey_officer_import_get_lines (EyOfficerImport *self)
{
  g_return_val_if_fail (EY_IS_OFFICER_IMPORT (self), NULL);
  return G_LIST_MODEL (self->lines);
}

static void
ey_officer_import_dispose (GObject *object)
{
  EyOfficerImport *self = EY_OFFICER_IMPORT (object);

  g_clear_object (&self->roster);
  gtk_widget_dispose_template (GTK_WIDGET (object), EY_TYPE_OFFICER_IMPORT);

  G_OBJECT_CLASS (ey_officer_import_parent_class)->dispose (object);
}

static void
ey_officer_import_finalize (GObject *object)
{
  g_clear_pointer (&EY_OFFICER_IMPORT (object)->import, ey_roster_import_free);

  G_OBJECT_CLASS (ey_officer_import_parent_class)->finalize (object);
}

static void
ey_officer_import_class_init (EyOfficerImportClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ey_officer_import_dispose;
  object_class->finalize = ey_officer_import_finalize;

  signals[IMPORTED] = g_signal_new ("imported", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                    NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_UINT, G_TYPE_UINT);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/eimzayenile/EimzaYenile/ey-officer-import.ui");
  gtk_widget_class_bind_template_child (widget_class, EyOfficerImport, summary_label);
  gtk_widget_class_bind_template_child (widget_class, EyOfficerImport, list_view);
  gtk_widget_class_bind_template_child (widget_class, EyOfficerImport, lines);
  gtk_widget_class_install_action (widget_class, "import.apply", NULL, apply_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
ey_officer_import_init (EyOfficerImport *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

EyOfficerImport *
ey_officer_import_new (GtkWindow      *parent,
                       EyRoster       *roster,
                       EyRosterImport *import)
{
  EyOfficerImport *self;
  g_autofree char *summary = NULL;

  g_return_val_if_fail (EY_IS_ROSTER (roster), NULL);
  g_return_val_if_fail (import != NULL, NULL);

  self = g_object_new (EY_TYPE_OFFICER_IMPORT, "transient-for", parent, NULL);
  self->roster = g_object_ref (roster);
  self->import = import;
  /* Refused rows first: they are what the officer has to act on. */
  for (guint pass = 0; pass < 2; pass++)
    for (guint i = 0; i < import->rows->len; i++)
      {
        EyRosterImportRow *row = g_ptr_array_index (import->rows, i);
        g_autofree char *line = NULL;
        const char *id = row->colleague ? row->colleague->identity : row->identity;
        const char *name = row->colleague ? row->colleague->full_name : row->full_name;

        if ((pass == 0) != (row->action == EY_ROSTER_IMPORT_REFUSE))
          continue;
        /* Translators: import preview line: line number, what happens, identity, name, reason */
        line = g_strdup_printf (_("Line %u · %s · %s %s%s%s"), row->line, action_label (row->action),
                                id ? id : "", name ? name : "", row->reason ? " — " : "",
                                row->reason ? row->reason : "");
        gtk_string_list_append (self->lines, line);
      }
  summary = g_strdup_printf (_("%u to add, %u to update, %u unchanged, %u refused."),
                             import->n_add, import->n_update, import->n_unchanged,
                             import->n_refused);
  gtk_label_set_text (self->summary_label, summary);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.apply",
                                 import->n_add + import->n_update > 0);
  return self;
}
