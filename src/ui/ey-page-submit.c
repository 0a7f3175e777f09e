/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ey-page-submit"

#include "config.h"

#include <glib/gi18n.h>

#include "ey-page-submit.h"
#include "ey-window-private.h"

/* Page 10: the signing method, and the submission the program makes itself.  Success is
 * never claimed here: only the site's confirmation (step DONE) moves on. */
struct _EyPageSubmit
{
  EyStepPage           parent_instance;

  GtkLabel            *heading;
  GtkLabel            *intro;
  AdwPreferencesGroup *method_group;
  GtkWidget           *eonayli_row;
  GtkWidget           *eimzali_row;
  GtkWidget           *islak_row;
  GtkCheckButton      *eonayli_check;
  GtkCheckButton      *eimzali_check;
  GtkCheckButton      *islak_check;
  GtkLabel            *progress_label;
  GtkLabel            *error_label;

  GSignalGroup        *session_signals;
  gboolean             failed;
  gboolean             wet_chosen;
  gboolean             sending;     /* the application goes to KamuSM (or the method) */
  gboolean             choosing;    /* the method is asked, not yet sent */
  guint                methods;     /* EySessionMethod: the ways the site offers */
};

G_DEFINE_FINAL_TYPE (EyPageSubmit, ey_page_submit, EY_TYPE_STEP_PAGE)

enum {
  PROP_0,
  PROP_SENDING,
  PROP_CHOOSING,
  PROP_METHODS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
set_boolean (EyPageSubmit *self,
             gboolean     *field,
             gboolean      value,
             int           prop)
{
  if (*field == value)
    return;
  *field = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

/* A method's row shows when the site offers it (bound in the template). */
static gboolean
has_method_cb (EyPageSubmit *self,
               guint         methods,
               guint         method)
{
  return (methods & method) != 0;
}

static void ey_page_submit_sync (EyStepPage *page);
static void ey_page_submit_choose_wet (EyPageSubmit *self);

static void
ey_page_submit_update (EyPageSubmit *self)
{
  EySession *session = ey_step_page_get_session (EY_STEP_PAGE (self));
  gboolean busy = session && ey_session_get_busy (session);
  EySessionStep step = session ? ey_session_get_step (session) : EY_SESSION_STEP_START;
  gboolean sending;

  /* The automatic "E-Onaylı Başvuru" press failed (network, server): say so and offer
   * to press it again.  The session's error says what happened. */
  if (step == EY_SESSION_STEP_SUBMITTING && !busy && session && ey_session_get_error (session) &&
      !self->failed)
    {
      self->failed = TRUE;
      ey_page_submit_sync (EY_STEP_PAGE (self));
      ey_step_page_show_error (EY_STEP_PAGE (self), ey_session_get_error (session));
      return;
    }
  sending = busy || (step == EY_SESSION_STEP_SUBMITTING && !self->failed);

  set_boolean (self, &self->sending, sending, PROP_SENDING);
  ey_step_page_set_can_continue (EY_STEP_PAGE (self), !busy);
}

static void
ey_page_submit_sync (EyStepPage *page)
{
  EyPageSubmit *self = EY_PAGE_SUBMIT (page);
  EySession *session = ey_step_page_get_session (page);
  EySessionMethod methods = session ? ey_session_get_methods (session) : 0;
  EySessionStep step = session ? ey_session_get_step (session) : EY_SESSION_STEP_START;
  gboolean eonay_done = (methods & EY_SESSION_METHOD_EONAY) != 0;

  ey_step_page_set_error_label (page, self->error_label);
  g_signal_group_set_target (self->session_signals, session);

  if (self->methods != (guint) methods)
    {
      self->methods = methods;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_METHODS]);
    }
  if (eonay_done)
    gtk_check_button_set_active (self->eonayli_check, TRUE);
  else if (methods & EY_SESSION_METHOD_ESIGNED)
    gtk_check_button_set_active (self->eimzali_check, TRUE);
  else
    gtk_check_button_set_active (self->islak_check, TRUE);

  if (step == EY_SESSION_STEP_SUBMITTING || eonay_done)
    {
      gtk_label_set_text (self->heading, _("Sending your application"));
      /* Never stranded: after a failure, say plainly where the application is */
      if (self->failed)
        gtk_label_set_text (self->intro,
                            _("Your signature was accepted, but the application has NOT reached "
                              "KamuSM yet. Press Try Again. If you close the program now, it "
                              "finishes the application the next time you start it and sign in, "
                              "without signing again."));
      else
        gtk_label_set_text (self->intro,
                            _("Your signature was accepted. The program now presses \"E-Onaylı "
                              "Başvuru\" for you and waits for KamuSM's confirmation. Keep this "
                              "window open."));
      gtk_label_set_text (self->progress_label, _("Sending the application and waiting for "
                                                  "KamuSM's confirmation…"));
      set_boolean (self, &self->choosing, FALSE, PROP_CHOOSING);
      ey_step_page_set_continue_label (page, self->failed ? _("_Try Again") : NULL);
    }
  else
    {
      gtk_label_set_text (self->heading, _("How do you sign the application?"));
      gtk_label_set_text (self->intro, _("Choose how the application reaches KamuSM, then "
                                         "press Continue."));
      gtk_label_set_text (self->progress_label, _("Asking KamuSM…"));
      set_boolean (self, &self->choosing, TRUE, PROP_CHOOSING);
      ey_step_page_set_continue_label (page, _("_Continue"));
    }
  ey_page_submit_update (self);

  ey_page_submit_choose_wet (self);
}

/* "E-Onay vermek istemiyorum" was the answer: the wet signature is what remains, and
 * the method is not asked a second time (an Enter would have taken the declined card
 * path).  Once per page, never after a failure (then the person decides), and once the
 * E-Onay answer's own request is over. */
static void
ey_page_submit_choose_wet (EyPageSubmit *self)
{
  EyStepPage *page = EY_STEP_PAGE (self);
  EySession *session = ey_step_page_get_session (page);
  EySessionMethod methods = session ? ey_session_get_methods (session) : 0;

  if (session == NULL || ey_session_get_step (session) != EY_SESSION_STEP_METHOD ||
      (methods & EY_SESSION_METHOD_EONAY) ||
      ey_session_get_path (session) != EY_SESSION_PATH_NONE ||
      !(methods & EY_SESSION_METHOD_WET) || self->failed || self->wet_chosen ||
      ey_session_get_busy (session) ||
      ey_window_get_visible_page (ey_step_page_get_window (page)) != page)
    return;
  self->wet_chosen = TRUE;
  gtk_check_button_set_active (self->islak_check, TRUE);
  gtk_label_set_text (self->intro, _("You chose the wet signature: the form is fetched for you "
                                     "to print and sign."));
  EY_STEP_PAGE_GET_CLASS (page)->next (page);
}

static void
choose_method_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(EyPageSubmit) self = user_data;
  g_autoptr(GError) error = NULL;

  if (ey_session_choose_method_finish (EY_SESSION (object), result, &error))
    {
      self->failed = FALSE;
      return;
    }
  /* Nothing is claimed: the page stays, says what went wrong and offers to try again;
   * the site is asked again from where it is, so a retry never sends twice. */
  self->failed = TRUE;
  ey_page_submit_sync (EY_STEP_PAGE (self));
  ey_step_page_show_error (EY_STEP_PAGE (self), error);
}

static void
ey_page_submit_next (EyStepPage *page)
{
  EyPageSubmit *self = EY_PAGE_SUBMIT (page);
  EySession *session = ey_step_page_get_session (page);
  EySessionMethod method;

  if (session == NULL)
    return;
  /* Retrying the automatic press: it is the E-Onaylı one whatever the (then unknown)
   * method list says; never fall back to another method behind the user's back. */
  if (ey_session_get_step (session) == EY_SESSION_STEP_SUBMITTING &&
      ey_session_get_path (session) == EY_SESSION_PATH_EONAY)
    method = EY_SESSION_METHOD_EONAY;
  else if (gtk_widget_get_visible (self->eonayli_row) && gtk_check_button_get_active (self->eonayli_check))
    method = EY_SESSION_METHOD_EONAY;
  else if (gtk_check_button_get_active (self->eimzali_check))
    method = EY_SESSION_METHOD_ESIGNED;
  else
    method = EY_SESSION_METHOD_WET;

  ey_step_page_clear_error (page);
  self->failed = FALSE;
  ey_page_submit_sync (page);
  ey_session_choose_method_async (session, method, ey_step_page_get_cancellable (page),
                                  choose_method_cb, g_object_ref (self));
}

static void
ey_page_submit_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  EyPageSubmit *self = EY_PAGE_SUBMIT (object);

  switch (prop_id)
    {
    case PROP_SENDING:
      g_value_set_boolean (value, self->sending);
      break;
    case PROP_CHOOSING:
      g_value_set_boolean (value, self->choosing);
      break;
    case PROP_METHODS:
      g_value_set_uint (value, self->methods);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ey_page_submit_dispose (GObject *object)
{
  EyPageSubmit *self = EY_PAGE_SUBMIT (object);

  if (self->session_signals)
    g_signal_group_set_target (self->session_signals, NULL);
  g_clear_object (&self->session_signals);
  gtk_widget_dispose_template (GTK_WIDGET (self), EY_TYPE_PAGE_SUBMIT);
  G_OBJECT_CLASS (ey_page_submit_parent_class)->dispose (object);
}

static void
ey_page_submit_class_init (EyPageSubmitClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  EyStepPageClass *page_class = EY_STEP_PAGE_CLASS (klass);

  object_class->dispose = ey_page_submit_dispose;
  object_class->get_property = ey_page_submit_get_property;
  page_class->sync = ey_page_submit_sync;
  page_class->next = ey_page_submit_next;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/eimzayenile/EimzaYenile/ey-page-submit.ui");
  gtk_widget_class_bind_template_child (widget_class, EyPageSubmit, heading);
  gtk_widget_class_bind_template_child (widget_class, EyPageSubmit, intro);
  gtk_widget_class_bind_template_child (widget_class, EyPageSubmit, method_group);
  gtk_widget_class_bind_template_child (widget_class, EyPageSubmit, eonayli_row);
  gtk_widget_class_bind_template_child (widget_class, EyPageSubmit, eimzali_row);
  gtk_widget_class_bind_template_child (widget_class, EyPageSubmit, islak_row);
  gtk_widget_class_bind_template_child (widget_class, EyPageSubmit, eonayli_check);
  gtk_widget_class_bind_template_child (widget_class, EyPageSubmit, eimzali_check);
  gtk_widget_class_bind_template_child (widget_class, EyPageSubmit, islak_check);
  gtk_widget_class_bind_template_child (widget_class, EyPageSubmit, progress_label);
  gtk_widget_class_bind_template_child (widget_class, EyPageSubmit, error_label);
  gtk_widget_class_bind_template_callback (widget_class, has_method_cb);

  properties[PROP_SENDING] =
    g_param_spec_boolean ("sending", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CHOOSING] =
    g_param_spec_boolean ("choosing", NULL, NULL, TRUE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_METHODS] =
    g_param_spec_uint ("methods", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ey_page_submit_init (EyPageSubmit *self)
{
  self->choosing = TRUE;
  self->methods = EY_SESSION_METHOD_EONAY | EY_SESSION_METHOD_ESIGNED | EY_SESSION_METHOD_WET;
  gtk_widget_init_template (GTK_WIDGET (self));
  self->session_signals = g_signal_group_new (EY_TYPE_SESSION);
  g_signal_group_connect_swapped (self->session_signals, "notify::busy",
                                  G_CALLBACK (ey_page_submit_update), self);
  g_signal_group_connect_swapped (self->session_signals, "notify::error",
                                  G_CALLBACK (ey_page_submit_update), self);
  g_signal_group_connect_swapped (self->session_signals, "notify::busy",
                                  G_CALLBACK (ey_page_submit_choose_wet), self);
}
