/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ey-page-sms"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "ey-application.h"
#include "ey-countdown.h"
#include "ey-ui-format.h"
#include "ey-site-profile.h"
#include "ey-site-roles.h"
#include "ey-demo-site.h"
#include "ey-page-sms.h"
#include "ey-ui-secret.h"
#include "ey-window-private.h"

/* Pages 5 and 6 of the site: send the SMS, then type the code before it expires. */
struct _EyPageSms
{
  EyStepPage    parent_instance;

  GtkLabel     *heading;
  GtkLabel     *intro;
  AdwActionRow *phone_row;
  GtkWidget    *code_box;
  AdwEntryRow  *code_row;
  EyCountdown  *countdown;
  GtkButton    *new_code_button;
  GtkLabel     *error_label;
  GtkWidget    *inbox_group;
  AdwActionRow *inbox_row;

  GSignalGroup *session_signals;
  gboolean      at_code;        /* the code is asked for (not yet the SMS sent) */
  gboolean      code_expired;   /* by the countdown or as the site said: a new code */
  gboolean      site_expired;
};

G_DEFINE_FINAL_TYPE (EyPageSms, ey_page_sms, EY_TYPE_STEP_PAGE)

enum {
  PROP_0,
  PROP_AT_CODE,
  PROP_CODE_EXPIRED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gboolean
ey_page_sms_at_code (EyPageSms *self)
{
  EySession *session = ey_step_page_get_session (EY_STEP_PAGE (self));

  return session && ey_session_get_step (session) == EY_SESSION_STEP_SMS_CODE;
}

/* A code of as many digits as the site profile says its codes have is complete: it is
 * sent at once (Enter still sends one of another length, for a site that changed). */
static gboolean
ey_page_sms_code_complete (EyPageSms  *self,
                           const char *code)
{
  EySession *session = ey_step_page_get_session (EY_STEP_PAGE (self));
  EySiteClient *client = session ? ey_session_get_client (session) : NULL;
  guint digits = client ? ey_site_profile_get_code_digits (ey_site_client_get_profile (client),
                                                           EY_SITE_PAGE_KIND_SMS_CODE)
                        : 0;

  if (digits == 0 || strlen (code) != digits)
    return FALSE;
  for (const char *p = code; *p; p++)
    if (!g_ascii_isdigit (*p))
      return FALSE;
  return TRUE;
}

static void
ey_page_sms_update (EyPageSms *self)
{
  const char *code = gtk_editable_get_text (GTK_EDITABLE (self->code_row));
  gboolean at_code = ey_page_sms_at_code (self);
  gboolean expired = at_code && ey_countdown_get_expired (self->countdown);

  if (!at_code)
    ey_step_page_set_can_continue (EY_STEP_PAGE (self), TRUE);
  else
    ey_step_page_set_can_continue (EY_STEP_PAGE (self), !expired && strlen (code) >= 4);
  if (self->at_code != at_code)
    {
      self->at_code = at_code;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_AT_CODE]);
    }
  expired = expired || (at_code && self->site_expired);
  if (self->code_expired != expired)
    {
      self->code_expired = expired;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CODE_EXPIRED]);
    }
}

/* Demo only: the simulator's SMS stays on the page (a toast went away after seconds and
 * was cut off at 360 px). */
static void
ey_page_sms_update_inbox (EyPageSms *self)
{
  EyWindow *window = ey_step_page_get_window (EY_STEP_PAGE (self));
  EySession *session = ey_step_page_get_session (EY_STEP_PAGE (self));
  EyApplication *app = window ? _ey_window_get_application (window) : NULL;
  EyDemoSite *site = app && ey_application_get_demo (app) ? ey_application_get_demo_site (app) : NULL;
  const char *identity = session ? ey_session_get_identity (session) : NULL;
  g_autofree char *code = NULL;

  gtk_widget_set_visible (self->inbox_group, site != NULL);
  if (site == NULL)
    return;
  code = identity ? ey_demo_site_get_last_sms_code (site, identity) : NULL;
  if (code && ey_page_sms_at_code (self))
    {
      g_autofree char *title = g_strdup_printf (_("Your approval code is %s"), code);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->inbox_row), title);
      adw_action_row_set_subtitle (self->inbox_row, _("From KamuSM (demo)"));
    }
  else
    {
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->inbox_row), _("No SMS yet"));
      adw_action_row_set_subtitle (self->inbox_row, "");
    }
}

/* The site shows the phone masked (50*****9): too little to check, so the number as
 * typed on the form stands beside it. */
static void
ey_page_sms_update_phone (EyPageSms *self)
{
  EySession *session = ey_step_page_get_session (EY_STEP_PAGE (self));
  const char *masked = session ? ey_session_get_masked_phone (session) : NULL;
  const char *typed = session ? ey_session_get_form_value (session,
                                                           ey_field_role_to_string (EY_FIELD_ROLE_PHONE))
                              : NULL;
  g_autofree char *text = NULL;

  if (typed && *typed && masked && *masked)
    /* Translators: the phone number as typed on the form, then as the site shows it */
    text = g_strdup_printf (_("%s (the site shows %s)"), typed, masked);
  else
    text = g_strdup (masked && *masked ? masked : (typed ? typed : ""));
  adw_action_row_set_subtitle (self->phone_row, text);
}

static void
ey_page_sms_start_countdown (EyPageSms *self)
{
  EySession *session = ey_step_page_get_session (EY_STEP_PAGE (self));
  gint64 deadline = session ? ey_session_get_sms_deadline (session) : 0;

  if (deadline > 0)
    ey_countdown_start (self->countdown, deadline, MAX (236, ey_session_seconds_left (deadline)));
  ey_page_sms_update_inbox (self);
  ey_page_sms_update (self);
}

static void
ey_page_sms_sync (EyStepPage *page)
{
  EyPageSms *self = EY_PAGE_SMS (page);
  EySession *session = ey_step_page_get_session (page);
  gboolean at_code = ey_page_sms_at_code (self);

  ey_step_page_set_error_label (page, self->error_label);
  g_signal_group_set_target (self->session_signals, session);
  ey_page_sms_update_phone (self);
  ey_page_sms_update_inbox (self);
  if (at_code)
    {
      gtk_label_set_text (self->heading, _("Type the code from the SMS"));
      gtk_label_set_text (self->intro, _("KamuSM sent an approval code to your phone. Type it "
                                         "before the time runs out: it is sent as soon as it "
                                         "is complete."));
      ey_step_page_set_continue_label (page, _("_Approve"));
      ey_step_page_set_can_go_back (page, FALSE);
      ey_page_sms_start_countdown (self);
    }
  else
    {
      const char *typed = session ? ey_session_get_form_value (session,
                                                               ey_field_role_to_string (EY_FIELD_ROLE_PHONE))
                                  : NULL;

      gtk_label_set_text (self->heading, _("Get the approval code by SMS"));
      if (typed && *typed && session &&
          !ey_ui_phone_matches_mask (typed, ey_session_get_masked_phone (session)))
        gtk_label_set_text (self->intro, _("The site shows a number that does not look like the "
                                           "one you typed on the form. If it is not your number, "
                                           "do not go on: go back to the form and correct it."));
      else
        gtk_label_set_text (self->intro, _("KamuSM sends a free approval code to the phone below. "
                                           "If this is not your number, do not go on: go back to "
                                           "the form and correct it."));
      ey_step_page_set_continue_label (page, _("_Send the SMS"));
      ey_step_page_set_can_go_back (page, TRUE);
      self->site_expired = FALSE;
      ey_countdown_stop (self->countdown);
    }
  ey_page_sms_update (self);
}

static void
ey_page_sms_finished (EyPageSms    *self,
                      gboolean      ok,
                      const GError *error)
{
  if (!ok)
    {
      if (g_error_matches (error, EY_CORE_ERROR, EY_CORE_ERROR_SMS_CODE_EXPIRED))
        {
          self->site_expired = TRUE;
          ey_page_sms_update (self);
          ey_step_page_set_error_focus (EY_STEP_PAGE (self), GTK_WIDGET (self->new_code_button));
        }
      else if (ey_page_sms_at_code (self))
        ey_step_page_set_error_focus (EY_STEP_PAGE (self), GTK_WIDGET (self->code_row));
      ey_step_page_show_error (EY_STEP_PAGE (self), error);
    }
  ey_page_sms_update (self);
}

static void
send_sms_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(EyPageSms) self = user_data;
  g_autoptr(GError) error = NULL;
  gboolean ok = ey_session_send_sms_finish (EY_SESSION (object), result, &error);

  ey_page_sms_finished (self, ok, error);
}

static void
back_to_form_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(EyPageSms) self = user_data;
  g_autoptr(GError) error = NULL;
  gboolean ok = ey_session_back_to_form_finish (EY_SESSION (object), result, &error);

  ey_page_sms_finished (self, ok, error);
}

static void
submit_code_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(EyPageSms) self = user_data;
  g_autoptr(GError) error = NULL;
  gboolean ok = ey_session_submit_sms_code_finish (EY_SESSION (object), result, &error);

  /* A wrong code stays in the entry so the user sees what was sent and fixes it; an
   * accepted one is of no further use and leaves the widget. */
  if (ok)
    ey_ui_secret_wipe (GTK_WIDGET (self->code_row));
  ey_page_sms_finished (self, ok, error);
}

static void
new_code_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(EyPageSms) self = user_data;
  g_autoptr(GError) error = NULL;
  gboolean ok = ey_session_request_sms_code_finish (EY_SESSION (object), result, &error);

  if (ok)
    {
      self->site_expired = FALSE;
      ey_ui_secret_wipe (GTK_WIDGET (self->code_row));
      ey_page_sms_start_countdown (self);
    }
  ey_page_sms_finished (self, ok, error);
}

static void
ey_page_sms_next (EyStepPage *page)
{
  EyPageSms *self = EY_PAGE_SMS (page);
  EySession *session = ey_step_page_get_session (page);

  if (session == NULL)
    return;
  ey_step_page_clear_error (page);
  if (ey_page_sms_at_code (self))
    ey_session_submit_sms_code_async (session, gtk_editable_get_text (GTK_EDITABLE (self->code_row)),
                                      ey_step_page_get_cancellable (page), submit_code_cb,
                                      g_object_ref (self));
  else
    ey_session_send_sms_async (session, ey_step_page_get_cancellable (page), send_sms_cb,
                               g_object_ref (self));
}

/* The code is sent as soon as it is complete: the Enter after it would add nothing.  A
 * refused code stays in the field and is sent again only once it is changed. */
static void
on_code_changed_cb (EyPageSms *self)
{
  EyStepPage *page = EY_STEP_PAGE (self);
  EySession *session = ey_step_page_get_session (page);
  EyWindow *window = ey_step_page_get_window (page);

  ey_page_sms_update (self);
  if (session == NULL || window == NULL || ey_window_get_visible_page (window) != page ||
      !ey_page_sms_at_code (self) || ey_session_get_busy (session) ||
      !ey_page_sms_code_complete (self, gtk_editable_get_text (GTK_EDITABLE (self->code_row))))
    return;
  ey_step_page_next (page);
}

static void
ey_page_sms_back (EyStepPage *page)
{
  EySession *session = ey_step_page_get_session (page);

  if (session == NULL)
    return;
  ey_step_page_clear_error (page);
  ey_session_back_to_form_async (session, ey_step_page_get_cancellable (page), back_to_form_cb,
                                 g_object_ref (page));
}

static void
new_code_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  EyPageSms *self = EY_PAGE_SMS (widget);
  EySession *session = ey_step_page_get_session (EY_STEP_PAGE (self));

  if (session == NULL || ey_session_get_busy (session))
    return;
  ey_step_page_clear_error (EY_STEP_PAGE (self));
  ey_session_request_sms_code_async (session, ey_step_page_get_cancellable (EY_STEP_PAGE (self)),
                                     new_code_cb, g_object_ref (self));
}

static void
on_expired_cb (EyPageSms *self)
{
  ey_step_page_show_message (EY_STEP_PAGE (self),
                             _("The code has expired. Press Send a New Code and type the new "
                               "one."));
  ey_page_sms_update (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->new_code_button));
}

static void
ey_page_sms_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  EyPageSms *self = EY_PAGE_SMS (object);

  switch (prop_id)
    {
    case PROP_AT_CODE:
      g_value_set_boolean (value, self->at_code);
      break;
    case PROP_CODE_EXPIRED:
      g_value_set_boolean (value, self->code_expired);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ey_page_sms_dispose (GObject *object)
{
  EyPageSms *self = EY_PAGE_SMS (object);

  if (self->session_signals)
    g_signal_group_set_target (self->session_signals, NULL);
  g_clear_object (&self->session_signals);
  gtk_widget_dispose_template (GTK_WIDGET (self), EY_TYPE_PAGE_SMS);
  G_OBJECT_CLASS (ey_page_sms_parent_class)->dispose (object);
}

static void
ey_page_sms_class_init (EyPageSmsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  EyStepPageClass *page_class = EY_STEP_PAGE_CLASS (klass);

  object_class->dispose = ey_page_sms_dispose;
  object_class->get_property = ey_page_sms_get_property;
  page_class->sync = ey_page_sms_sync;
  page_class->next = ey_page_sms_next;
  page_class->back = ey_page_sms_back;

  g_type_ensure (EY_TYPE_COUNTDOWN);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/eimzayenile/EimzaYenile/ey-page-sms.ui");
  gtk_widget_class_bind_template_child (widget_class, EyPageSms, heading);
  gtk_widget_class_bind_template_child (widget_class, EyPageSms, intro);
  gtk_widget_class_bind_template_child (widget_class, EyPageSms, phone_row);
  gtk_widget_class_bind_template_child (widget_class, EyPageSms, code_box);
  gtk_widget_class_bind_template_child (widget_class, EyPageSms, code_row);
  gtk_widget_class_bind_template_child (widget_class, EyPageSms, countdown);
  gtk_widget_class_bind_template_child (widget_class, EyPageSms, new_code_button);
  gtk_widget_class_bind_template_child (widget_class, EyPageSms, error_label);
  gtk_widget_class_bind_template_child (widget_class, EyPageSms, inbox_group);
  gtk_widget_class_bind_template_child (widget_class, EyPageSms, inbox_row);
  gtk_widget_class_bind_template_callback (widget_class, on_code_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_expired_cb);

  properties[PROP_AT_CODE] =
    g_param_spec_boolean ("at-code", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CODE_EXPIRED] =
    g_param_spec_boolean ("code-expired", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_install_action (widget_class, "sms.new-code", NULL, new_code_action);
}

static void
ey_page_sms_init (EyPageSms *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  /* The code is a secret for its few minutes: a wiped buffer, and no undo history
   * keeping what was typed after the field is cleared. */
  ey_ui_secure_editable (GTK_WIDGET (self->code_row));
  gtk_editable_set_enable_undo (GTK_EDITABLE (self->code_row), FALSE);
  ey_countdown_set_expired_text (self->countdown, _("The code has expired: ask for a new one."));

  self->session_signals = g_signal_group_new (EY_TYPE_SESSION);
  g_signal_group_connect_swapped (self->session_signals, "notify::sms-deadline",
                                  G_CALLBACK (ey_page_sms_start_countdown), self);
}
