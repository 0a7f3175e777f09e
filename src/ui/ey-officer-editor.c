/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ey-officer-editor"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "ey-identity.h"
#include "ey-officer-editor.h"
#include "ey-ui-closures.h"

struct _EyOfficerEditor
{
  AdwWindow       parent_instance;

  /* template */
  AdwWindowTitle *window_title;
  GtkButton      *save_button;
  AdwEntryRow    *identity_row;
  AdwEntryRow    *name_row;
  AdwEntryRow    *email_row;
  AdwEntryRow    *phone_row;
  AdwEntryRow    *unit_row;
  AdwEntryRow    *title_row;
  AdwEntryRow    *expires_row;
  AdwComboRow    *application_row;
  AdwEntryRow    *reader_row;
  AdwEntryRow    *card_row;
  AdwEntryRow    *notes_row;
  GtkLabel       *problem_label;

  EyRoster       *roster;
  EyColleague    *original;   /* NULL when adding */
  char           *problem;
  gboolean        quiet;      /* a new colleague, nothing typed yet: no problem to shout */
};

enum {
  PROP_0,
  PROP_EDITING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (EyOfficerEditor, ey_officer_editor, ADW_TYPE_WINDOW)

static const char *
text_of (AdwEntryRow *row)
{
  return gtk_editable_get_text (GTK_EDITABLE (row));
}

static gboolean
blank (const char *text)
{
  for (; text && *text; text++)
    if (!g_ascii_isspace (*text))
      return FALSE;
  return TRUE;
}

static void
mark (AdwEntryRow *row,
      gboolean     bad)
{
  if (bad)
    gtk_widget_add_css_class (GTK_WIDGET (row), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (row), "error");
  gtk_accessible_update_state (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_STATE_INVALID,
                               bad ? GTK_ACCESSIBLE_INVALID_TRUE : GTK_ACCESSIBLE_INVALID_FALSE,
                               -1);
}

/* Checks every field as typed; marks the wrong ones and says what the first is. */
static void
validate (EyOfficerEditor *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  g_autofree char *problem = NULL;
  g_autofree char *date = NULL;
  const char *text;
  gboolean bad;

  text = text_of (self->identity_row);
  id = ey_identity_normalize (text, NULL, &error);
  bad = id == NULL && !blank (text);
  mark (self->identity_row, bad);
  if (id == NULL)
    problem = g_strdup (blank (text) ? _("Enter the identity number.") : error->message);
  g_clear_error (&error);
  if (id != NULL && self->original == NULL && self->roster != NULL)
    {
      g_autoptr(EyColleague) existing = ey_roster_lookup (self->roster, id, NULL);

      if (existing != NULL)
        {
          mark (self->identity_row, TRUE);
          problem = g_strdup_printf (_("%s is already on the roster, as %s."), id,
                                     existing->full_name);
        }
    }

  bad = blank (text_of (self->name_row));
  if (bad && problem == NULL)
    problem = g_strdup (_("Enter the colleague's name."));

  text = text_of (self->email_row);
  {
    g_autofree char *mail = g_strstrip (g_strdup (text));

    bad = !blank (text) && !ey_roster_check_email (mail);
  }
  mark (self->email_row, bad);
  if (bad && problem == NULL)
    problem = g_strdup_printf (_("“%s” is not an e-mail address."), text);

  text = text_of (self->phone_row);
  if (!blank (text))
    {
      g_autofree char *phone = ey_phone_normalize (text, &error);

      mark (self->phone_row, phone == NULL);
      if (phone == NULL && problem == NULL)
        problem = g_strdup (error->message);
      g_clear_error (&error);
    }
  else
    mark (self->phone_row, FALSE);

  text = text_of (self->expires_row);
  date = blank (text) ? NULL : ey_roster_parse_date (text);
  bad = !blank (text) && date == NULL;
  mark (self->expires_row, bad);
  if (bad && problem == NULL)
    problem = g_strdup_printf (_("“%s” is not a date; write it as DD.MM.YYYY."), text);

  g_free (self->problem);
  self->problem = g_steal_pointer (&problem);
  /* The label shows whenever it has something to say (see the template). */
  gtk_label_set_text (self->problem_label, self->problem && !self->quiet ? self->problem : "");
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.save", self->problem == NULL);
}

const char *
ey_officer_editor_get_problem (EyOfficerEditor *self)
{
  g_return_val_if_fail (EY_IS_OFFICER_EDITOR (self), NULL);
  return self->problem;
}

static void
take (char       **field,
      const char  *text)
{
  g_free (*field);
  *field = blank (text) ? NULL : g_strdup (text);
}

gboolean
ey_officer_editor_save (EyOfficerEditor  *self,
                        GError          **error)
{
  g_autoptr(EyColleague) c = NULL;

  g_return_val_if_fail (EY_IS_OFFICER_EDITOR (self), FALSE);

  validate (self);
  if (self->problem != NULL)
    {
      g_set_error_literal (error, EY_ROSTER_ERROR, EY_ROSTER_ERROR_INVALID, self->problem);
      return FALSE;
    }
  /* Edit what the roster has: status, checklist and history are not this form's. */
  c = self->original ? ey_colleague_copy (self->original) : ey_colleague_new ();
  if (self->original == NULL)
    take (&c->identity, text_of (self->identity_row));
  take (&c->full_name, text_of (self->name_row));
  take (&c->email, text_of (self->email_row));
  take (&c->phone, text_of (self->phone_row));
  take (&c->institution, text_of (self->unit_row));
  take (&c->title, text_of (self->title_row));
  g_free (c->expires);
  c->expires = ey_roster_parse_date (text_of (self->expires_row));
  c->application = adw_combo_row_get_selected (self->application_row);
  take (&c->reader_type, text_of (self->reader_row));
  take (&c->card_type, text_of (self->card_row));
  take (&c->notes, text_of (self->notes_row));
  if (!ey_roster_save (self->roster, c, error))
    return FALSE;
  {
    g_autofree char *id = ey_identity_normalize (c->identity, NULL, NULL);

    g_signal_emit (self, signals[SAVED], 0, id);
  }
  return TRUE;
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  EyOfficerEditor *self = EY_OFFICER_EDITOR (widget);
  g_autoptr(GError) error = NULL;

  if (ey_officer_editor_save (self, &error))
    gtk_window_close (GTK_WINDOW (self));
  else
    gtk_label_set_text (self->problem_label, error->message);
}

static void
on_changed_cb (EyOfficerEditor *self)
{
  self->quiet = FALSE;
  validate (self);
}

/* Enter in any row saves, when everything is right. */
static void
on_entry_activated_cb (EyOfficerEditor *self)
{
  if (self->problem == NULL)
    gtk_widget_activate_action (GTK_WIDGET (self), "editor.save", NULL);
}

/* Template closures. */
static char *
title_cb (EyOfficerEditor *self,
          gboolean         editing)
{
  return g_strdup (editing ? _("Edit Colleague") : _("Add a Colleague"));
}

static void
ey_officer_editor_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  switch (prop_id)
    {
    case PROP_EDITING:
      g_value_set_boolean (value, EY_OFFICER_EDITOR (object)->original != NULL);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ey_officer_editor_dispose (GObject *object)
{
  EyOfficerEditor *self = EY_OFFICER_EDITOR (object);

  g_clear_object (&self->roster);
  gtk_widget_dispose_template (GTK_WIDGET (object), EY_TYPE_OFFICER_EDITOR);

  G_OBJECT_CLASS (ey_officer_editor_parent_class)->dispose (object);
}

static void
ey_officer_editor_finalize (GObject *object)
{
  EyOfficerEditor *self = EY_OFFICER_EDITOR (object);

  g_clear_pointer (&self->original, ey_colleague_free);
  g_free (self->problem);

  G_OBJECT_CLASS (ey_officer_editor_parent_class)->finalize (object);
}

static void
ey_officer_editor_class_init (EyOfficerEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ey_officer_editor_dispose;
  object_class->finalize = ey_officer_editor_finalize;
  object_class->get_property = ey_officer_editor_get_property;

  /* Whether the form edits a colleague of the roster (else it adds one). */
  properties[PROP_EDITING] =
    g_param_spec_boolean ("editing", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                 NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/eimzayenile/EimzaYenile/ey-officer-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, EyOfficerEditor, window_title);
  gtk_widget_class_bind_template_child (widget_class, EyOfficerEditor, save_button);
  gtk_widget_class_bind_template_child (widget_class, EyOfficerEditor, identity_row);
  gtk_widget_class_bind_template_child (widget_class, EyOfficerEditor, name_row);
  gtk_widget_class_bind_template_child (widget_class, EyOfficerEditor, email_row);
  gtk_widget_class_bind_template_child (widget_class, EyOfficerEditor, phone_row);
  gtk_widget_class_bind_template_child (widget_class, EyOfficerEditor, unit_row);
  gtk_widget_class_bind_template_child (widget_class, EyOfficerEditor, title_row);
  gtk_widget_class_bind_template_child (widget_class, EyOfficerEditor, expires_row);
  gtk_widget_class_bind_template_child (widget_class, EyOfficerEditor, application_row);
  gtk_widget_class_bind_template_child (widget_class, EyOfficerEditor, reader_row);
  gtk_widget_class_bind_template_child (widget_class, EyOfficerEditor, card_row);
  gtk_widget_class_bind_template_child (widget_class, EyOfficerEditor, notes_row);
  gtk_widget_class_bind_template_child (widget_class, EyOfficerEditor, problem_label);
  gtk_widget_class_bind_template_callback (widget_class, on_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_entry_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, title_cb);
  ey_ui_closures_bind (widget_class);
  gtk_widget_class_install_action (widget_class, "editor.save", NULL, save_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
ey_officer_editor_init (EyOfficerEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

static void
set_row (AdwEntryRow *row,
         const char  *text)
{
  gtk_editable_set_text (GTK_EDITABLE (row), text ? text : "");
}

EyOfficerEditor *
ey_officer_editor_new (GtkWindow         *parent,
                       EyRoster          *roster,
                       const EyColleague *colleague)
{
  EyOfficerEditor *self;

  g_return_val_if_fail (EY_IS_ROSTER (roster), NULL);

  self = g_object_new (EY_TYPE_OFFICER_EDITOR, "transient-for", parent, NULL);
  self->roster = g_object_ref (roster);
  if (colleague != NULL)
    {
      g_autofree char *phone = colleague->phone ? ey_phone_format (colleague->phone) : NULL;
      g_autofree char *date = NULL;

      self->original = ey_colleague_copy (colleague);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EDITING]);
      set_row (self->identity_row, colleague->identity);
      set_row (self->name_row, colleague->full_name);
      set_row (self->email_row, colleague->email);
      set_row (self->phone_row, phone);
      set_row (self->unit_row, colleague->institution);
      set_row (self->title_row, colleague->title);
      if (colleague->expires != NULL && strlen (colleague->expires) == 10)
        date = g_strdup_printf ("%.2s.%.2s.%.4s", colleague->expires + 8, colleague->expires + 5,
                                colleague->expires);
      set_row (self->expires_row, date);
      adw_combo_row_set_selected (self->application_row, colleague->application);
      set_row (self->reader_row, colleague->reader_type);
      set_row (self->card_row, colleague->card_type);
      set_row (self->notes_row, colleague->notes);
    }
  /* Nothing typed yet is not an error to shout about. */
  self->quiet = colleague == NULL;
  validate (self);
  return self;
}
