/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ey-page-form"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "ey-page-form.h"
#include "ey-security-word.h"
#include "ey-form.h"
#include "ey-ui-format.h"
#include "ey-site-roles.h"
#include "ey-ui-secret.h"
#include "ey-window-private.h"

typedef enum
{
  ROW_PROPERTY,   /* a read-only field */
  ROW_ENTRY,
  ROW_SECRET,     /* the security word: in wiped, locked memory like the PIN */
  ROW_CHOICE,
  N_ROW_KINDS
} RowKind;

/* How many of each kind the site's form has had: more are made when needed. */
static const guint spare_count[N_ROW_KINDS] = { 6, 9, 2, 2 };

struct _EyPageForm
{
  EyStepPage           parent_instance;

  AdwPreferencesGroup *identity_group;
  AdwPreferencesGroup *contact_group;
  AdwPreferencesGroup *word_group;
  GtkButton           *print_button;
  GtkButton           *keyring_button;
  GtkLabel            *sms_note;
  GtkLabel            *error_label;

  GPtrArray           *rows;   /* every row we added, to remove on the next sync */
  GPtrArray           *spare[N_ROW_KINDS];   /* rows made ahead, not shown yet */
  guint                spare_source;
};

G_DEFINE_FINAL_TYPE (EyPageForm, ey_page_form, EY_TYPE_STEP_PAGE)

/* Enter in the security word: on to its repetition (the next password row of the
 * group) while that is empty, else Continue. */
static void
on_word_activated_cb (EyPageForm *self,
                      GtkWidget  *row)
{
  GtkWidget *again = row;

  while ((again = gtk_widget_get_next_sibling (again)))
    if (ADW_IS_PASSWORD_ENTRY_ROW (again))
      break;
  if (again && *gtk_editable_get_text (GTK_EDITABLE (again)) == '\0')
    gtk_widget_grab_focus (again);
  else
    gtk_widget_activate_action (GTK_WIDGET (self), "default.activate", NULL);
}

/* Our names for the fields the profile knows; the site's own label is the fallback. */
static const struct
{
  EyFieldRole  role;
  const char  *label;
} role_labels[] = {
  { EY_FIELD_ROLE_FIRST_NAME, N_("First name") },
  { EY_FIELD_ROLE_LAST_NAME, N_("Surname") },
  { EY_FIELD_ROLE_IDENTITY, N_("Identity number") },
  { EY_FIELD_ROLE_BIRTH_DATE, N_("Date of birth") },
  { EY_FIELD_ROLE_INSTITUTION, N_("Institution") },
  { EY_FIELD_ROLE_PHONE, N_("Mobile phone") },
  { EY_FIELD_ROLE_EMAIL, N_("E-mail") },
  { EY_FIELD_ROLE_ADDRESS, N_("Delivery address") },
  { EY_FIELD_ROLE_CITY, N_("Province") },
  { EY_FIELD_ROLE_DISTRICT, N_("District") },
  { EY_FIELD_ROLE_POSTCODE, N_("Postcode") },
  { EY_FIELD_ROLE_SECURITY_WORD, N_("Security word") },
  { EY_FIELD_ROLE_SECURITY_WORD_AGAIN, N_("Security word again") },
  { EY_FIELD_ROLE_JOB_TITLE, N_("Title (optional)") },
};

static const char *
field_title (const EySessionField *field)
{
  for (guint i = 0; i < G_N_ELEMENTS (role_labels); i++)
    if (g_strcmp0 (field->role, ey_field_role_to_string (role_labels[i].role)) == 0)
      return _(role_labels[i].label);
  return field->label ? field->label : field->role;
}

static gboolean
is_role (const EySessionField *field,
         EyFieldRole           role)
{
  return g_strcmp0 (field->role, ey_field_role_to_string (role)) == 0;
}

/* The phone as typed, said once where it is confirmed: the SMS goes there as soon as the
 * form is accepted. */
static void
ey_page_form_update_sms_note (EyPageForm *self)
{
  EySession *session = ey_step_page_get_session (EY_STEP_PAGE (self));
  const char *phone = session ? ey_session_get_form_value (session,
                                                           ey_field_role_to_string (EY_FIELD_ROLE_PHONE))
                              : NULL;
  g_autofree char *text = NULL;

  gtk_widget_set_visible (GTK_WIDGET (self->sms_note), phone && *phone);
  if (phone == NULL || *phone == '\0')
    return;
  text = g_strdup_printf (_("Once the form is accepted, KamuSM sends the approval code by SMS "
                            "to %s. Correct the number above if it is not yours."), phone);
  gtk_label_set_text (self->sms_note, text);
}

static void
on_entry_changed_cb (GtkEditable *editable,
                     EyPageForm  *self)
{
  EySession *session = ey_step_page_get_session (EY_STEP_PAGE (self));
  const char *role = g_object_get_data (G_OBJECT (editable), "role");

  /* The value lives in the session at once: a language switch rebuilds this page. */
  if (session && role)
    ey_session_set_form_value (session, role, gtk_editable_get_text (editable));
  gtk_widget_remove_css_class (GTK_WIDGET (editable), "error");
  if (g_strcmp0 (role, ey_field_role_to_string (EY_FIELD_ROLE_PHONE)) == 0)
    ey_page_form_update_sms_note (self);
}

static void
on_combo_selected_cb (AdwComboRow *row,
                      GParamSpec  *pspec,
                      EyPageForm  *self)
{
  EySession *session = ey_step_page_get_session (EY_STEP_PAGE (self));
  const char *role = g_object_get_data (G_OBJECT (row), "role");
  GStrv values = g_object_get_data (G_OBJECT (row), "values");
  guint selected = adw_combo_row_get_selected (row);

  if (session && role && values && selected < g_strv_length (values))
    ey_session_set_form_value (session, role, values[selected]);
}

static GtkWidget *
add_error_row (EyPageForm          *self,
               AdwPreferencesGroup *group,
               const char          *title,
               const char          *error)
{
  EySession *session = ey_step_page_get_session (EY_STEP_PAGE (self));
  EySiteClient *client = session ? ey_session_get_client (session) : NULL;
  GtkWidget *label;
  const char *explained = ey_ui_explain_site_message (client ? ey_site_client_get_profile (client) : NULL,
                                                      error);
  g_autofree char *text = explained ? g_strdup_printf ("%s: %s (%s)", title, error, explained)
                                    : g_strdup_printf ("%s: %s", title, error);

  label = gtk_label_new (text);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "error");
  gtk_widget_set_margin_top (label, 6);
  gtk_widget_set_margin_bottom (label, 6);
  adw_preferences_group_add (group, label);
  return label;
}

static GtkWidget *
row_new (RowKind kind)
{
  GtkWidget *row = NULL;

  switch (kind)
    {
    case ROW_PROPERTY:
      row = adw_action_row_new ();
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
      gtk_widget_add_css_class (row, "property");
      break;
    case ROW_ENTRY:
      row = adw_entry_row_new ();
      adw_entry_row_set_activates_default (ADW_ENTRY_ROW (row), TRUE);
      break;
    case ROW_SECRET:
      row = adw_password_entry_row_new ();
      ey_ui_secure_editable (row);
      adw_entry_row_set_activates_default (ADW_ENTRY_ROW (row), TRUE);
      break;
    case ROW_CHOICE:
      row = adw_combo_row_new ();
      break;
    case N_ROW_KINDS:
    default:
      g_assert_not_reached ();
    }
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  return g_object_ref_sink (row);
}

/* A fresh row of @kind (one never shown, so never holding a secret): made ahead if one
 * is left, else now.  Returns a reference. */
static GtkWidget *
ey_page_form_take_row (EyPageForm *self,
                       RowKind     kind)
{
  if (self->spare[kind]->len > 0)
    return g_ptr_array_steal_index (self->spare[kind], self->spare[kind]->len - 1);
  return row_new (kind);
}

/* Making the rows (each a template of a dozen widgets) was two fifths of the form page's
 * change, all in the iteration that shows it (ui-page-change, callgrind): they are made
 * ahead instead, one per idle slice after the page is made, and the change only fills
 * them in. */
static gboolean
make_spare_row_cb (gpointer user_data)
{
  EyPageForm *self = user_data;

  for (guint kind = 0; kind < N_ROW_KINDS; kind++)
    if (self->spare[kind]->len < spare_count[kind])
      {
        g_ptr_array_add (self->spare[kind], row_new (kind));
        return G_SOURCE_CONTINUE;
      }
  self->spare_source = 0;
  return G_SOURCE_REMOVE;
}

static void
ey_page_form_clear (EyPageForm *self)
{
  for (guint i = 0; i < self->rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->rows, i);
      GtkWidget *group = gtk_widget_get_ancestor (row, ADW_TYPE_PREFERENCES_GROUP);

      if (group)
        adw_preferences_group_remove (ADW_PREFERENCES_GROUP (group), row);
    }
  g_ptr_array_set_size (self->rows, 0);
}

static void
ey_page_form_sync (EyStepPage *page)
{
  EyPageForm *self = EY_PAGE_FORM (page);
  EySession *session = ey_step_page_get_session (page);
  GPtrArray *form = session ? ey_session_get_form (session) : NULL;
  gboolean focused = FALSE;

  ey_step_page_set_error_label (page, self->error_label);
  ey_page_form_clear (self);

  for (guint i = 0; form && i < form->len; i++)
    {
      const EySessionField *field = g_ptr_array_index (form, i);
      const char *title = field_title (field);
      const char *value;
      AdwPreferencesGroup *group;
      GtkWidget *row;

      if (field->read_only)
        {
          row = ey_page_form_take_row (self, ROW_PROPERTY);
          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
          /* A fixed select is shown by its option's label, not its value. */
          value = ey_form_option_label ((const char * const *) field->option_values,
                                        (const char * const *) field->option_labels, field->value);
          adw_action_row_set_subtitle (ADW_ACTION_ROW (row), value ? value : "");
          adw_preferences_group_add (self->identity_group, row);
          g_ptr_array_add (self->rows, row);
          g_object_unref (row);
          continue;
        }

      group = field->secret || is_role (field, EY_FIELD_ROLE_SECURITY_WORD) ||
              is_role (field, EY_FIELD_ROLE_SECURITY_WORD_AGAIN)
              ? self->word_group : self->contact_group;

      if (field->option_values && field->option_labels)
        {
          g_autoptr(GtkStringList) model = gtk_string_list_new ((const char * const *) field->option_labels);
          guint selected = 0;

          row = ey_page_form_take_row (self, ROW_CHOICE);
          adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (model));
          for (guint j = 0; field->option_values[j]; j++)
            if (g_strcmp0 (field->option_values[j], field->value) == 0)
              selected = j;
          adw_combo_row_set_selected (ADW_COMBO_ROW (row), selected);
          g_object_set_data_full (G_OBJECT (row), "values", g_strdupv (field->option_values),
                                  (GDestroyNotify) g_strfreev);
          g_object_set_data_full (G_OBJECT (row), "role", g_strdup (field->role), g_free);
          g_signal_connect_object (row, "notify::selected", G_CALLBACK (on_combo_selected_cb),
                                   self, 0);
        }
      else
        {
          row = ey_page_form_take_row (self, field->secret || group == self->word_group
                                             ? ROW_SECRET : ROW_ENTRY);
          gtk_editable_set_text (GTK_EDITABLE (row), field->value ? field->value : "");
          if (is_role (field, EY_FIELD_ROLE_SECURITY_WORD))
            {
              /* Enter after the word goes on to typing it again, not to a complaint. */
              adw_entry_row_set_activates_default (ADW_ENTRY_ROW (row), FALSE);
              g_signal_connect_object (row, "entry-activated",
                                       G_CALLBACK (on_word_activated_cb), self, G_CONNECT_SWAPPED);
            }
          if (is_role (field, EY_FIELD_ROLE_PHONE))
            adw_entry_row_set_input_purpose (ADW_ENTRY_ROW (row), GTK_INPUT_PURPOSE_PHONE);
          else if (is_role (field, EY_FIELD_ROLE_EMAIL))
            adw_entry_row_set_input_purpose (ADW_ENTRY_ROW (row), GTK_INPUT_PURPOSE_EMAIL);
          g_object_set_data_full (G_OBJECT (row), "role", g_strdup (field->role), g_free);
          g_signal_connect_object (row, "changed", G_CALLBACK (on_entry_changed_cb), self, 0);
        }
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      gtk_widget_set_name (row, field->role);
      adw_preferences_group_add (group, row);
      g_ptr_array_add (self->rows, row);
      g_object_unref (row);

      if (field->error)
        {
          gtk_widget_add_css_class (row, "error");
          g_ptr_array_add (self->rows, add_error_row (self, group, title, field->error));
          /* The first wrong field gets the focus, so the user starts where it matters. */
          if (!focused)
            focused = gtk_widget_grab_focus (row);
        }
    }
  ey_page_form_update_sms_note (self);
}

/* The form was accepted: the site's next page only sends the SMS to the number just
 * confirmed.  Sent at once when the site's mask agrees with the number as typed; else
 * the SMS page stays and asks, as the site does. */
static void
ey_page_form_send_sms (EyPageForm *self)
{
  EySession *session = ey_step_page_get_session (EY_STEP_PAGE (self));
  EyWindow *window = ey_step_page_get_window (EY_STEP_PAGE (self));
  EyStepPage *sms = window ? ey_window_get_page (window, "sms") : NULL;
  const char *typed;

  if (session == NULL || sms == NULL || ey_session_get_step (session) != EY_SESSION_STEP_SMS_SEND ||
      ey_session_get_busy (session))
    return;
  typed = ey_session_get_form_value (session, ey_field_role_to_string (EY_FIELD_ROLE_PHONE));
  if (ey_ui_phone_matches_mask (typed, ey_session_get_masked_phone (session)))
    ey_step_page_next (sms);
}

static void
submit_form_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(EyPageForm) self = user_data;
  g_autoptr(GError) error = NULL;

  if (ey_session_submit_form_finish (EY_SESSION (object), result, &error))
    {
      /* The session keeps the security word for a way back; the rows need not */
      for (guint i = 0; i < self->rows->len; i++)
        {
          GtkWidget *row = g_ptr_array_index (self->rows, i);

          if (!ADW_IS_PASSWORD_ENTRY_ROW (row))
            continue;
          /* Not an edit: the session's value stays */
          g_signal_handlers_disconnect_by_func (row, on_entry_changed_cb, self);
          ey_ui_secret_wipe (row);
        }
      ey_page_form_send_sms (self);
      return;
    }
  /* Per-field messages are on the session's form now: show them beside the fields. */
  ey_page_form_sync (EY_STEP_PAGE (self));
  ey_step_page_show_error (EY_STEP_PAGE (self), error);
}

static void
ey_page_form_next (EyStepPage *page)
{
  EySession *session = ey_step_page_get_session (page);

  if (session == NULL)
    return;
  ey_step_page_clear_error (page);
  ey_session_submit_form_async (session, ey_step_page_get_cancellable (page),
                                submit_form_cb, g_object_ref (page));
}

static const char *
ey_page_form_get_security_word (EyPageForm *self)
{
  EySession *session = ey_step_page_get_session (EY_STEP_PAGE (self));

  if (session == NULL)
    return NULL;
  return ey_session_get_form_value (session, ey_field_role_to_string (EY_FIELD_ROLE_SECURITY_WORD));
}

static void
on_print_clicked_cb (EyPageForm *self)
{
  g_autoptr(GtkPrintOperation) operation = NULL;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  const char *word = ey_page_form_get_security_word (self);

  if (word == NULL || *word == '\0')
    {
      ey_step_page_show_message (EY_STEP_PAGE (self), _("Type the security word first."));
      return;
    }
  operation = ey_security_word_print_operation_new (word);
  gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG,
                           GTK_WINDOW (root), NULL);
}

static void
store_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(EyPageForm) self = user_data;
  g_autoptr(GError) error = NULL;
  EyWindow *window = ey_step_page_get_window (EY_STEP_PAGE (self));

  if (!ey_security_word_store_finish (result, &error))
    {
      g_debug ("Keyring: %s", error->message);
      ey_step_page_show_message (EY_STEP_PAGE (self),
                                 _("The keyring did not take the security word. Print it or "
                                   "write it down instead."));
      return;
    }
  if (window)
    ey_window_add_toast (window, _("The security word is in your keyring as \"e-Signature "
                                   "renewal security word\"."));
}

static void
on_keyring_clicked_cb (EyPageForm *self)
{
  const char *word = ey_page_form_get_security_word (self);

  if (word == NULL || *word == '\0')
    {
      ey_step_page_show_message (EY_STEP_PAGE (self), _("Type the security word first."));
      return;
    }
  /* Only ever on the user's request: the word unlocks the new card's PIN. */
  ey_security_word_store_async (word, ey_step_page_get_cancellable (EY_STEP_PAGE (self)),
                                store_cb, g_object_ref (self));
}

static void
ey_page_form_dispose (GObject *object)
{
  EyPageForm *self = EY_PAGE_FORM (object);

  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_handle_id (&self->spare_source, g_source_remove);
  for (guint kind = 0; kind < N_ROW_KINDS; kind++)
    g_clear_pointer (&self->spare[kind], g_ptr_array_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), EY_TYPE_PAGE_FORM);
  G_OBJECT_CLASS (ey_page_form_parent_class)->dispose (object);
}

static void
ey_page_form_class_init (EyPageFormClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  EyStepPageClass *page_class = EY_STEP_PAGE_CLASS (klass);

  object_class->dispose = ey_page_form_dispose;
  page_class->sync = ey_page_form_sync;
  page_class->next = ey_page_form_next;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/eimzayenile/EimzaYenile/ey-page-form.ui");
  gtk_widget_class_bind_template_child (widget_class, EyPageForm, identity_group);
  gtk_widget_class_bind_template_child (widget_class, EyPageForm, contact_group);
  gtk_widget_class_bind_template_child (widget_class, EyPageForm, word_group);
  gtk_widget_class_bind_template_child (widget_class, EyPageForm, print_button);
  gtk_widget_class_bind_template_child (widget_class, EyPageForm, keyring_button);
  gtk_widget_class_bind_template_child (widget_class, EyPageForm, sms_note);
  gtk_widget_class_bind_template_child (widget_class, EyPageForm, error_label);
}

static void
ey_page_form_init (EyPageForm *self)
{
  self->rows = g_ptr_array_new ();
  for (guint kind = 0; kind < N_ROW_KINDS; kind++)
    self->spare[kind] = g_ptr_array_new_with_free_func (g_object_unref);
  self->spare_source = g_idle_add_full (G_PRIORITY_LOW, make_spare_row_cb, self, NULL);
  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect_object (self->print_button, "clicked", G_CALLBACK (on_print_clicked_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->keyring_button, "clicked", G_CALLBACK (on_keyring_clicked_cb),
                           self, G_CONNECT_SWAPPED);
  gtk_widget_set_visible (GTK_WIDGET (self->keyring_button), ey_security_word_keyring_available ());
}
