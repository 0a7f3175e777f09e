/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ey-officer-detail"

#include "config.h"

#include <glib/gi18n.h>

#include "ey-identity.h"
#include "ey-officer-detail.h"
#include "ey-officer-format.h"

struct _EyOfficerDetail
{
  GtkWidget       parent_instance;

  /* template */
  GtkWidget      *scroller;
  GtkLabel       *name_label;
  AdwComboRow    *status_row;
  AdwActionRow   *expires_row;
  AdwActionRow   *application_row;
  AdwActionRow   *wet_rows[EY_ROSTER_N_WET_STEPS];
  GtkCheckButton *wet_checks[EY_ROSTER_N_WET_STEPS];
  AdwActionRow   *identity_row;
  AdwActionRow   *unit_row;
  AdwActionRow   *email_row;
  AdwActionRow   *phone_row;
  AdwActionRow   *card_row;
  AdwActionRow   *notes_row;
  GtkListBox     *history_list;

  EyRoster       *roster;
  char           *identity;
  gboolean        syncing;   /* filling the widgets: their signals are not the officer */
};

enum {
  EDIT,
  REMOVE,
  START_RENEWAL,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (EyOfficerDetail, ey_officer_detail, GTK_TYPE_WIDGET)

static const char *
or_dash (const char *text)
{
  return text && *text ? text : "—";
}

static void
set_subtitle (AdwActionRow *row,
              const char   *text)
{
  adw_action_row_set_subtitle (row, or_dash (text));
}

/* As the roster says it, with a new end date in the officer's date format. */
static char *
describe_event (const EyRosterEvent *e)
{
  g_autofree char *date = NULL;

  if (g_strcmp0 (e->field, "expires") != 0 || e->new_value == NULL)
    return ey_roster_event_describe (e);
  date = ey_officer_format_day (e->new_value);
  return g_strdup_printf (_("Certificate end date: %s"), date);
}

static void
sync_detail (EyOfficerDetail *self)
{
  g_autoptr(EyColleague) c = NULL;
  g_autoptr(GPtrArray) history = NULL;
  g_autofree char *expires = NULL;
  g_autofree char *unit = NULL;
  g_autofree char *card = NULL;
  g_autofree char *phone = NULL;
  g_autofree char *application = NULL;
  g_autofree char *end = NULL;
  GtkWidget *child;
  int days = 0;

  if (self->roster == NULL || self->identity == NULL)
    return;
  c = ey_roster_lookup (self->roster, self->identity, NULL);
  if (c == NULL)
    return;

  self->syncing = TRUE;
  gtk_label_set_text (self->name_label, c->full_name);
  adw_combo_row_set_selected (self->status_row, c->status);
  end = ey_officer_format_day (c->expires);
  if (ey_colleague_days_left (c, NULL, &days))
    expires = days >= 0
      /* Translators: a certificate end date, then the days left */
      ? g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s, %d day left", "%s, %d days left", days),
                         end, days)
      : g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s, ended %d day ago",
                                      "%s, ended %d days ago", -days), end, -days);
  set_subtitle (self->expires_row, expires ? expires : _("Unknown"));
  application = c->order
    /* Translators: the application type, then the KamuSM application number */
    ? g_strdup_printf (_("%s, number %s"), ey_roster_application_get_label (c->application),
                       c->order)
    : g_strdup (ey_roster_application_get_label (c->application));
  set_subtitle (self->application_row, application);
  for (guint i = 0; i < EY_ROSTER_N_WET_STEPS; i++)
    {
      g_autofree char *when = ey_officer_format_day (c->wet[i]);

      gtk_check_button_set_active (self->wet_checks[i], c->wet[i] != NULL);
      adw_action_row_set_subtitle (self->wet_rows[i], when ? when : "");
    }
  set_subtitle (self->identity_row, c->identity);
  unit = g_strjoin (" · ", or_dash (c->institution), or_dash (c->title), NULL);
  set_subtitle (self->unit_row, unit);
  set_subtitle (self->email_row, c->email);
  phone = c->phone ? ey_phone_format (c->phone) : NULL;
  set_subtitle (self->phone_row, phone);
  card = g_strjoin (" · ", or_dash (c->card_type), or_dash (c->reader_type), NULL);
  set_subtitle (self->card_row, card);
  set_subtitle (self->notes_row, c->notes);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->history_list))) != NULL)
    gtk_list_box_remove (self->history_list, child);
  history = ey_roster_history (self->roster, c->identity, NULL);
  for (guint i = 0; history != NULL && i < history->len; i++)
    {
      EyRosterEvent *e = g_ptr_array_index (history, i);
      g_autofree char *text = describe_event (e);
      g_autofree char *when = ey_officer_format_time (e->at);
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), text);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), when);
      gtk_list_box_prepend (self->history_list, row);   /* newest first */
    }
  self->syncing = FALSE;
}

static void
on_roster_changed_cb (EyOfficerDetail *self,
                      const char      *identity)
{
  if (identity == NULL || g_strcmp0 (identity, self->identity) == 0)
    sync_detail (self);
}

static void
on_status_selected_cb (EyOfficerDetail *self)
{
  g_autoptr(GError) error = NULL;
  guint selected = adw_combo_row_get_selected (self->status_row);

  if (self->syncing || self->identity == NULL || selected > EY_ROSTER_STATUS_DONE)
    return;
  if (!ey_roster_set_status (self->roster, self->identity, selected, &error))
    g_warning ("%s", error->message);
}

static void
on_wet_toggled_cb (GtkCheckButton  *check,
                   EyOfficerDetail *self)
{
  g_autoptr(GError) error = NULL;

  if (self->syncing || self->identity == NULL)
    return;
  for (guint i = 0; i < EY_ROSTER_N_WET_STEPS; i++)
    if (check == self->wet_checks[i] &&
        !ey_roster_set_wet_step (self->roster, self->identity, i,
                                 gtk_check_button_get_active (check), &error))
      g_warning ("%s", error->message);
}

void
ey_officer_detail_set_roster (EyOfficerDetail *self,
                              EyRoster        *roster)
{
  g_return_if_fail (EY_IS_OFFICER_DETAIL (self));

  if (self->roster != NULL)
    g_signal_handlers_disconnect_by_data (self->roster, self);
  g_set_object (&self->roster, roster);
  if (roster != NULL)
    g_signal_connect_object (roster, "changed", G_CALLBACK (on_roster_changed_cb), self,
                             G_CONNECT_SWAPPED);
  sync_detail (self);
}

void
ey_officer_detail_set_identity (EyOfficerDetail *self,
                                const char      *identity)
{
  g_return_if_fail (EY_IS_OFFICER_DETAIL (self));

  g_free (self->identity);
  self->identity = g_strdup (identity);
  sync_detail (self);
}

const char *
ey_officer_detail_get_identity (EyOfficerDetail *self)
{
  g_return_val_if_fail (EY_IS_OFFICER_DETAIL (self), NULL);
  return self->identity;
}

static void
emit_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  EyOfficerDetail *self = EY_OFFICER_DETAIL (widget);

  if (self->identity == NULL)
    return;
  if (g_str_equal (action_name, "detail.edit"))
    g_signal_emit (self, signals[EDIT], 0, self->identity);
  else if (g_str_equal (action_name, "detail.remove"))
    g_signal_emit (self, signals[REMOVE], 0, self->identity);
  else
    g_signal_emit (self, signals[START_RENEWAL], 0, self->identity);
}

static void
ey_officer_detail_dispose (GObject *object)
{
  EyOfficerDetail *self = EY_OFFICER_DETAIL (object);

  if (self->roster != NULL)
    g_signal_handlers_disconnect_by_data (self->roster, self);
  g_clear_object (&self->roster);
  gtk_widget_dispose_template (GTK_WIDGET (object), EY_TYPE_OFFICER_DETAIL);

  G_OBJECT_CLASS (ey_officer_detail_parent_class)->dispose (object);
}

static void
ey_officer_detail_finalize (GObject *object)
{
  g_free (EY_OFFICER_DETAIL (object)->identity);

  G_OBJECT_CLASS (ey_officer_detail_parent_class)->finalize (object);
}

static void
ey_officer_detail_class_init (EyOfficerDetailClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  static const char * const wet_names[] = { "printed", "signed", "received", "sent" };

  object_class->dispose = ey_officer_detail_dispose;
  object_class->finalize = ey_officer_detail_finalize;

  signals[EDIT] = g_signal_new ("edit", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  signals[REMOVE] = g_signal_new ("remove", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  signals[START_RENEWAL] = g_signal_new ("start-renewal", G_TYPE_FROM_CLASS (klass),
                                         G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                         G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/eimzayenile/EimzaYenile/ey-officer-detail.ui");
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_bind_template_child (widget_class, EyOfficerDetail, scroller);
  gtk_widget_class_bind_template_child (widget_class, EyOfficerDetail, name_label);
  gtk_widget_class_bind_template_child (widget_class, EyOfficerDetail, status_row);
  gtk_widget_class_bind_template_child (widget_class, EyOfficerDetail, expires_row);
  gtk_widget_class_bind_template_child (widget_class, EyOfficerDetail, application_row);
  gtk_widget_class_bind_template_child (widget_class, EyOfficerDetail, identity_row);
  gtk_widget_class_bind_template_child (widget_class, EyOfficerDetail, unit_row);
  gtk_widget_class_bind_template_child (widget_class, EyOfficerDetail, email_row);
  gtk_widget_class_bind_template_child (widget_class, EyOfficerDetail, phone_row);
  gtk_widget_class_bind_template_child (widget_class, EyOfficerDetail, card_row);
  gtk_widget_class_bind_template_child (widget_class, EyOfficerDetail, notes_row);
  gtk_widget_class_bind_template_child (widget_class, EyOfficerDetail, history_list);
  for (guint i = 0; i < EY_ROSTER_N_WET_STEPS; i++)
    {
      g_autofree char *row = g_strconcat (wet_names[i], "_row", NULL);
      g_autofree char *check = g_strconcat (wet_names[i], "_check", NULL);

      gtk_widget_class_bind_template_child_full (widget_class, row, FALSE,
                                                 G_STRUCT_OFFSET (EyOfficerDetail, wet_rows) +
                                                 i * sizeof (gpointer));
      gtk_widget_class_bind_template_child_full (widget_class, check, FALSE,
                                                 G_STRUCT_OFFSET (EyOfficerDetail, wet_checks) +
                                                 i * sizeof (gpointer));
    }
  gtk_widget_class_bind_template_callback (widget_class, on_status_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_wet_toggled_cb);
  gtk_widget_class_install_action (widget_class, "detail.edit", NULL, emit_action);
  gtk_widget_class_install_action (widget_class, "detail.remove", NULL, emit_action);
  gtk_widget_class_install_action (widget_class, "detail.start-renewal", NULL, emit_action);
}

static void
ey_officer_detail_init (EyOfficerDetail *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
