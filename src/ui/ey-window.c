/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ey-window"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "ey-application.h"
#include "ey-draft.h"
#include "ey-window-private.h"
#include "ey-ui-speed.h"
#include "ey-site-profile.h"
#include "ey-page-welcome.h"
#include "ey-page-site-changed.h"
#include "ey-core-error.h"
#include "ey-page-mail.h"
#include "ey-page-sign-in.h"
#include "ey-page-forgot.h"
#include "ey-page-order.h"
#include "ey-page-form.h"
#include "ey-page-sms.h"
#include "ey-page-eonay.h"
#include "ey-page-consent.h"
#include "ey-page-signing.h"
#include "ey-page-submit.h"
#include "ey-page-done.h"
#include "ey-page-wet.h"
#include "ey-ui-closures.h"

G_DEFINE_FINAL_TYPE (EyWindow, ey_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_BUSY,
  PROP_PAGE_NAME,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
ey_window_update_busy (EyWindow *self)
{
  gboolean busy = self->session && ey_session_get_busy (self->session);

  if (self->busy == busy)
    return;
  self->busy = busy;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

/* The footer's Continue button binds its label and visibility to the visible page's
 * continue-label: pages without a main action have none. */
static char *
continue_label_cb (EyWindow   *self,
                   const char *label)
{
  return g_strdup (label ? label : _("_Continue"));
}

static void
wipe_string (char **str)
{
  if (*str)
    explicit_bzero (*str, strlen (*str));
  g_clear_pointer (str, g_free);
}

/* The pages, in the order of the step list; @index is the row they light up. */
typedef struct
{
  const char *name;
  GType     (*get_type) (void);
  int         index;
} PageInfo;

static const PageInfo page_table[] = {
  { "welcome", ey_page_welcome_get_type, 0 },
  { "mail",    ey_page_mail_get_type,    1 },
  { "sign-in", ey_page_sign_in_get_type, 2 },
  { "forgot",  ey_page_forgot_get_type,  2 },
  { "order",   ey_page_order_get_type,   3 },
  { "form",    ey_page_form_get_type,    4 },
  { "sms",     ey_page_sms_get_type,     5 },
  { "eonay",   ey_page_eonay_get_type,   6 },
  { "consent", ey_page_consent_get_type, 7 },
  { "signing", ey_page_signing_get_type, 8 },
  { "submit",  ey_page_submit_get_type,  9 },
  { "done",    ey_page_done_get_type,    10 },
  { "wet",     ey_page_wet_get_type,     9 },
  /* Over any step: the site showed a page the profile does not know. */
  { "site-changed", ey_page_site_changed_get_type, -1 },
};

/* Which page shows which step of the session. */
static const struct
{
  EySessionStep  step;
  const char    *page;
} step_table[] = {
  { EY_SESSION_STEP_START,        "welcome" },
  { EY_SESSION_STEP_MAIL,         "mail" },
  { EY_SESSION_STEP_SIGN_IN,      "sign-in" },
  { EY_SESSION_STEP_FORGOT,       "forgot" },
  { EY_SESSION_STEP_ORDERS,       "order" },
  { EY_SESSION_STEP_NO_ORDER,     "order" },
  { EY_SESSION_STEP_FORM,         "form" },
  { EY_SESSION_STEP_SMS_SEND,     "sms" },
  { EY_SESSION_STEP_SMS_CODE,     "sms" },
  { EY_SESSION_STEP_EONAY_CHOICE, "eonay" },
  { EY_SESSION_STEP_CONSENT,      "consent" },
  { EY_SESSION_STEP_SIGNING,      "signing" },
  { EY_SESSION_STEP_METHOD,       "submit" },
  { EY_SESSION_STEP_SUBMITTING,   "submit" },
  { EY_SESSION_STEP_DONE,         "done" },
  { EY_SESSION_STEP_WET,          "wet" },
  { EY_SESSION_STEP_FAILED,       "welcome" },
};

static const char *
page_for_step (EySessionStep step)
{
  for (guint i = 0; i < G_N_ELEMENTS (step_table); i++)
    if (step_table[i].step == step)
      return step_table[i].page;
  return "welcome";
}

static const PageInfo *
page_info (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (page_table); i++)
    if (g_strcmp0 (page_table[i].name, name) == 0)
      return &page_table[i];
  return NULL;
}

/* The wet path has its own steps: no consent, no card signature, and it ends with the
 * printed form (the window's last page), not a confirmation. */
static gboolean
ey_window_on_wet_path (EyWindow *self)
{
  EySessionStep step = self->session ? ey_session_get_step (self->session) : EY_SESSION_STEP_START;

  return self->session &&
         (ey_session_get_path (self->session) == EY_SESSION_PATH_WET ||
          step == EY_SESSION_STEP_WET ||
          (step == EY_SESSION_STEP_METHOD &&
           ey_session_get_path (self->session) == EY_SESSION_PATH_NONE));
}

static int
ey_window_step_index (EyWindow   *self,
                      const char *name,
                      int         index)
{
  if (!ey_window_on_wet_path (self))
    return index;
  if (g_strcmp0 (name, "submit") == 0)
    return 7;
  if (g_strcmp0 (name, "wet") == 0)
    return 8;
  return index;
}

static void
ey_window_update_step_titles (EyWindow *self)
{
  gboolean wet = self->session && ey_session_get_path (self->session) == EY_SESSION_PATH_WET;
  const char *wet_titles[] = {
    _("Check the card"),
    _("KamuSM mail"),
    _("Sign in"),
    _("Choose the order"),
    _("Application form"),
    _("SMS approval"),
    _("E-Onay choice"),
    _("Wet signature"),
    _("Print, sign and hand in"),
    NULL
  };
  const char *titles[] = {
    _("Check the card"),
    _("KamuSM mail"),
    _("Sign in"),
    _("Choose the order"),
    _("Application form"),
    _("SMS approval"),
    _("E-Onay choice"),
    _("Consent"),
    _("Sign"),
    wet ? _("Wet signature") : _("Submit"),
    wet ? _("Hand in the form") : _("Done"),
    NULL
  };

  ey_step_list_set_steps (self->step_list, ey_window_on_wet_path (self) ? wet_titles : titles);
}

EyStepPage *
ey_window_get_page (EyWindow   *self,
                    const char *name)
{
  GtkWidget *child;

  g_return_val_if_fail (EY_IS_WINDOW (self), NULL);
  child = gtk_stack_get_child_by_name (self->stack, name);
  return child ? EY_STEP_PAGE (child) : NULL;
}

EyStepPage *
ey_window_get_visible_page (EyWindow *self)
{
  GtkWidget *child;

  g_return_val_if_fail (EY_IS_WINDOW (self), NULL);
  if (self->page_name)
    return ey_window_get_page (self, self->page_name);
  child = gtk_stack_get_visible_child (self->stack);
  return child ? EY_STEP_PAGE (child) : NULL;
}

const char *
ey_window_get_visible_page_name (EyWindow *self)
{
  g_return_val_if_fail (EY_IS_WINDOW (self), NULL);
  if (self->page_name)
    return self->page_name;
  return gtk_stack_get_visible_child_name (self->stack);
}

void
_ey_window_update_actions (EyWindow *self)
{
  EyStepPage *page = ey_window_get_visible_page (self);
  gboolean busy = self->session && ey_session_get_busy (self->session);
  const char *label;

  ey_window_update_busy (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.next",
                                 page && !busy && ey_step_page_get_can_continue (page));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.back",
                                 page && !busy && ey_step_page_get_can_go_back (page));
  /* Hiding a widget drops it as the window's default; Enter must keep meaning Continue
   * once it shows again (its visibility is bound to the page's continue-label). */
  label = page ? ey_step_page_get_continue_label (page) : NULL;
  if (label != NULL && *label)
    gtk_window_set_default_widget (GTK_WINDOW (self), GTK_WIDGET (self->continue_button));
}

/* The page's first control in the order the page lists them.  Not
 * gtk_widget_child_focus (TAB_FORWARD): GTK 4.8 sorts a container's children by their
 * place on screen, and a page just shown has none yet: it measured the whole page (the
 * signing page: 8 ms of a page change, callgrind). */
static gboolean
focus_first_control (GtkWidget *widget)
{
  if (!gtk_widget_get_visible (widget) || !gtk_widget_get_child_visible (widget) ||
      !gtk_widget_is_sensitive (widget) || !gtk_widget_get_can_focus (widget))
    return FALSE;
  if (gtk_widget_get_focusable (widget) && gtk_widget_grab_focus (widget))
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child;
       child = gtk_widget_get_next_sibling (child))
    if (focus_first_control (child))
      return TRUE;
  return FALSE;
}

/* Keyboard users land on the first thing to type; with nothing to type, on Continue
 * (one Enter), or on the page's first control when Continue waits for it. */
static void
ey_window_focus_page (EyWindow *self)
{
  EyStepPage *page = ey_window_get_visible_page (self);

  if (page == NULL || ey_step_page_focus_first (page))
    return;
  if (gtk_widget_get_visible (GTK_WIDGET (self->continue_button)) &&
      ey_step_page_get_can_continue (page))
    gtk_widget_grab_focus (GTK_WIDGET (self->continue_button));
  else
    focus_first_control (GTK_WIDGET (page));
}

static void
ey_window_stop_switch (EyWindow *self)
{
  ey_frame_wait_stop (&self->switch_frame);
  g_clear_handle_id (&self->switch_source, g_source_remove);
}

static void
ey_window_finish_switch (EyWindow *self)
{
  GtkWidget *focus, *shown;

  ey_window_stop_switch (self);
  if (self->page_name == NULL)
    return;
  /* GtkStack moves a focus it hides to the new page by gtk_widget_child_focus (): the
   * cost named at focus_first_control (), before the focus is placed here anyway. */
  focus = gtk_root_get_focus (GTK_ROOT (self));
  shown = gtk_stack_get_visible_child (self->stack);
  if (focus && shown && shown != gtk_stack_get_child_by_name (self->stack, self->page_name) &&
      gtk_widget_is_ancestor (focus, shown))
    gtk_root_set_focus (GTK_ROOT (self), NULL);
  gtk_stack_set_visible_child_name (self->stack, self->page_name);
  gtk_window_set_default_widget (GTK_WINDOW (self), GTK_WIDGET (self->continue_button));
  /* And again once a running action is over (focus_pending) */
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    ey_window_focus_page (self);
}

static gboolean
switch_cb (gpointer user_data)
{
  EyWindow *self = user_data;

  self->switch_source = 0;
  ey_window_finish_switch (self);
  return G_SOURCE_REMOVE;
}

static void
switch_after_paint_cb (EyWindow *self)
{
  /* The frame after the one the page was filled in: it has styled the page */
  if (!ey_frame_wait_is_over (&self->switch_frame))
    {
      ey_frame_wait_again (&self->switch_frame);
      return;
    }
  /* In a main-loop turn of its own, before the next frame: mapping the page and moving
   * the focus are a few milliseconds more. */
  ey_window_stop_switch (self);
  self->switch_source = g_idle_add_full (G_PRIORITY_HIGH_IDLE, switch_cb, self, NULL);
}

/* The stack shows the page a frame after it was filled in.  Until then it is a hidden
 * child, whose new rows GTK styles all the same (GtkStack hides a page from layout, not
 * from CSS): the next frame styles them while the old page stays on screen, and the frame
 * after it measures and draws the new page.  In one main-loop turn, filling in, styling,
 * measuring and drawing were the form page's 25 ms stall (ui-page-change).  A window not
 * on screen switches at once; one whose frames stop switches after a quarter second. */
static void
ey_window_switch_page (EyWindow *self)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));
  const char *shown = gtk_stack_get_visible_child_name (self->stack);

  if (self->switch_source != 0)
    return;   /* already waiting for this page's frame */
  if (clock == NULL || !gtk_widget_get_mapped (GTK_WIDGET (self)) ||
      g_strcmp0 (shown, self->page_name) == 0)
    {
      ey_window_finish_switch (self);
      return;
    }
  ey_frame_wait_start (&self->switch_frame, clock, G_CALLBACK (switch_after_paint_cb), self);
  self->switch_source = g_timeout_add (250, switch_cb, self);
}

static void
ey_window_show_step (EyWindow *self)
{
  EySessionStep step = self->session ? ey_session_get_step (self->session) : EY_SESSION_STEP_START;
  const char *name = self->override_page ? self->override_page : page_for_step (step);
  const PageInfo *info = page_info (name);
  EyStepPage *page = ey_window_get_page (self, name);

  ey_window_update_step_titles (self);
  if (info && info->index >= 0)
    ey_step_list_set_current (self->step_list,
                              step == EY_SESSION_STEP_DONE
                              ? info->index + 1 : ey_window_step_index (self, name, info->index));
  if (g_strcmp0 (self->page_name, name) != 0)
    {
      /* A page filled in after another's styling frame waits for a frame of its own */
      ey_window_stop_switch (self);
      g_free (self->page_name);
      self->page_name = g_strdup (name);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PAGE_NAME]);
    }
  g_signal_group_set_target (self->page_signals, page);
  if (page)
    ey_step_page_sync (page);
  _ey_window_update_actions (self);
  /* While the action that led here still runs, Continue is off: once it is over. */
  self->focus_pending = self->session && ey_session_get_busy (self->session);
  ey_window_switch_page (self);
}

static void
on_step_changed_cb (EyWindow *self)
{
  EySessionStep step = ey_session_get_step (self->session);

  g_clear_pointer (&self->override_page, g_free);
  /* The application is confirmed (or will be finished by the recovery record). */
  if (step == EY_SESSION_STEP_DONE || step == EY_SESSION_STEP_WET ||
      step == EY_SESSION_STEP_FAILED)
    self->signature_pending = FALSE;
  /* Kept for a way back to the mail page; with the application made there is none */
  if (step == EY_SESSION_STEP_DONE)
    wipe_string (&self->access_password);
  /* The card strip says the application was made. */
  ey_card_status_set_sent (self->card_status,
                           step == EY_SESSION_STEP_DONE ? ey_session_get_order_id (self->session) : NULL);
  ey_window_show_step (self);
}

/* The site has changed: a page no recogniser matched.  Shown over the step's
 * page, which keeps everything typed. */
static void
on_error_changed_cb (EyWindow *self)
{
  const GError *error = ey_session_get_error (self->session);

  if (g_error_matches (error, EY_CORE_ERROR, EY_CORE_ERROR_UNEXPECTED_PAGE) &&
      ey_session_get_unrecognised_page (self->session) != NULL)
    _ey_window_show_page (self, "site-changed");
}

static void
on_busy_changed_cb (EyWindow *self)
{
  _ey_window_update_actions (self);
  if (self->focus_pending && !ey_session_get_busy (self->session))
    {
      self->focus_pending = FALSE;
      /* A page still waiting for its frame gets the focus when it is shown. */
      if (gtk_widget_get_mapped (GTK_WIDGET (self)) && self->switch_source == 0)
        ey_window_focus_page (self);
    }
}

/* GTK 4.8 drops a hidden widget as the default only after the next frame, even when it
 * has been shown and made the default again in between (Continue hides while the
 * application is submitted, then shows on the last page): Enter must keep meaning
 * Continue. */
static void
on_default_widget_cb (EyWindow *self)
{
  /* Not while the window goes away (it unsets its default then). */
  if (gtk_widget_get_mapped (GTK_WIDGET (self)) &&
      gtk_window_get_default_widget (GTK_WINDOW (self)) == NULL &&
      gtk_widget_get_visible (GTK_WIDGET (self->continue_button)))
    gtk_window_set_default_widget (GTK_WINDOW (self), GTK_WIDGET (self->continue_button));
}

static void
on_page_notify_cb (EyWindow *self)
{
  _ey_window_update_actions (self);
}

static void
ey_window_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  EyWindow *self = EY_WINDOW (object);

  switch (prop_id)
    {
    case PROP_PAGE_NAME:
      g_value_set_string (value, ey_window_get_visible_page_name (self));
      break;
    case PROP_BUSY:
      g_value_set_boolean (value, self->busy);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

void
ey_window_rebuild_pages (EyWindow *self)
{
  GtkWidget *child;

  g_return_if_fail (EY_IS_WINDOW (self));

  g_signal_group_set_target (self->page_signals, NULL);
  /* The focus may sit in a page about to go: drop it first. */
  gtk_window_set_focus (GTK_WINDOW (self), NULL);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->stack))))
    gtk_stack_remove (self->stack, child);

  /* The window's own strings follow the language too. */
  {
    g_autoptr(GtkBuilder) builder =
      gtk_builder_new_from_resource ("/io/github/eimzayenile/EimzaYenile/ey-window-menu.ui");

    gtk_menu_button_set_menu_model (self->menu_button,
                                    G_MENU_MODEL (gtk_builder_get_object (builder, "primary_menu")));
  }
  gtk_label_set_text (self->demo_label, _("Demo — not KamuSM. Nothing here reaches KamuSM: the "
                                          "site is a demo copy on this computer."));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->menu_button), _("Main menu"));
  gtk_button_set_label (self->back_button, _("_Back"));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->steps_button), _("Show the steps"));
  gtk_window_set_title (GTK_WINDOW (self), _("e-Signature Renewal"));
  ey_card_status_refresh (self->card_status);

  /* Every page is made anew from the session: nothing of the renewal lives in widgets. */
  for (guint i = 0; i < G_N_ELEMENTS (page_table); i++)
    {
      GtkWidget *page = g_object_new (page_table[i].get_type (), NULL);

      gtk_stack_add_named (self->stack, page, page_table[i].name);
    }
  ey_window_show_step (self);
}

static void
ey_window_set_session (EyWindow  *self,
                       EySession *session)
{
  if (self->session == session)
    return;
  if (self->session)
    ey_session_cancel (self->session);
  g_set_object (&self->session, session);
  g_signal_group_set_target (self->session_signals, session);
  g_clear_pointer (&self->override_page, g_free);
  wipe_string (&self->access_password);
  ey_card_status_set_sent (self->card_status, NULL);
  _ey_window_set_certificate (self, NULL);
  self->signature_pending = FALSE;
  ey_window_update_busy (self);
}

/* A renewal kept when the window closed mid-way (ey-draft.c): its facts go into the new
 * session, and the window says so. */
static void
ey_window_restore_draft (EyWindow *self)
{
  g_autofree char *path = NULL;
  g_autofree char *who = NULL;
  g_autofree char *text = NULL;

  if (self->session == NULL)
    return;
  path = ey_draft_default_path ();
  who = ey_draft_restore (self->session, path);
  if (who == NULL)
    return;
  text = g_strdup_printf (_("The renewal of %s was kept: go on from the mail."), who);
  ey_window_add_toast (self, text);
}

void
ey_window_restart (EyWindow *self)
{
  EyApplication *app = _ey_window_get_application (self);
  g_autoptr(EySession) session = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (EY_IS_WINDOW (self));

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  session = app ? ey_application_create_session (app, &error) : NULL;
  if (session == NULL && error)
    g_warning ("Cannot start a renewal: %s", error->message);
  ey_window_set_session (self, session);
  ey_window_restore_draft (self);
  ey_window_rebuild_pages (self);
  if (error)
    ey_window_add_toast (self, error->message);
}

void
_ey_window_set_site_notice (EyWindow      *self,
                            EySiteProfile *profile)
{
  g_autofree char *notice = ey_site_profile_get_notice (profile);

  if (notice == NULL)
    {
      if (self->site_notice)
        gtk_widget_set_visible (GTK_WIDGET (self->site_notice), FALSE);
      return;
    }
  if (self->site_notice == NULL)
    {
      self->site_notice = GTK_LABEL (gtk_label_new (NULL));
      gtk_label_set_wrap (self->site_notice, TRUE);
      gtk_label_set_justify (self->site_notice, GTK_JUSTIFY_CENTER);
      gtk_widget_add_css_class (GTK_WIDGET (self->site_notice), "not-kamusm-strip");
      gtk_box_insert_child_after (GTK_BOX (gtk_widget_get_parent (GTK_WIDGET (self->demo_revealer))),
                                  GTK_WIDGET (self->site_notice), GTK_WIDGET (self->demo_revealer));
    }
  /* Plain text: the address and the file name are not markup. */
  gtk_label_set_text (self->site_notice, notice);
  gtk_widget_set_visible (GTK_WIDGET (self->site_notice), TRUE);
}

void
_ey_window_show_page (EyWindow   *self,
                      const char *name)
{
  g_free (self->override_page);
  self->override_page = g_strdup (name);
  ey_window_show_step (self);
}

void
_ey_window_set_access_password (EyWindow   *self,
                                const char *password)
{
  wipe_string (&self->access_password);
  self->access_password = g_strdup (password);
}

const char *
_ey_window_get_access_password (EyWindow *self)
{
  return self->access_password;
}

EySession *
ey_window_get_session (EyWindow *self)
{
  g_return_val_if_fail (EY_IS_WINDOW (self), NULL);
  return self->session;
}

GCancellable *
_ey_window_get_cancellable (EyWindow *self)
{
  return self->cancellable;
}

EyApplication *
_ey_window_get_application (EyWindow *self)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));

  return app ? EY_APPLICATION (app) : NULL;
}

void
_ey_window_set_signature_pending (EyWindow *self,
                                  gboolean  pending)
{
  self->signature_pending = !!pending;
}

void
_ey_window_set_certificate (EyWindow      *self,
                            EyCertificate *certificate)
{
  g_set_object (&self->certificate, certificate);
}

EyCertificate *
_ey_window_get_certificate (EyWindow *self)
{
  return self->certificate;
}

void
ey_window_add_toast (EyWindow   *self,
                     const char *message)
{
  g_return_if_fail (EY_IS_WINDOW (self));
  /* Plain text: messages may carry the site's or the mail's words (an institution "A&B") */
  ey_notice_show (self->notice, message, 8, NULL, NULL, NULL, NULL);
}

static gboolean
ey_window_close_request (GtkWindow *window)
{
  EyWindow *self = EY_WINDOW (window);

  if (!self->close_confirmed && _ey_window_confirm_close (self))
    return TRUE;

  if (self->session)
    ey_session_cancel (self->session);
  g_cancellable_cancel (self->cancellable);
  if (self->settings)
    {
      int width, height;

      gtk_window_get_default_size (window, &width, &height);
      g_settings_set_int (self->settings, "window-width", width);
      g_settings_set_int (self->settings, "window-height", height);
      g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (window));
    }
  return GTK_WINDOW_CLASS (ey_window_parent_class)->close_request (window);
}

/* The demo's renewal waits for its site: it starts (or the welcome page says why it
 * cannot) once the site answers. */
static void
on_demo_site_changed_cb (EyWindow *self)
{
  if (self->session == NULL)
    ey_window_restart (self);
}

/* GtkWindow takes its application only after construction, so the parts that need it
 * are set up here rather than in constructed(). */
EyWindow *
ey_window_new (EyApplication *application)
{
  EyWindow *self = g_object_new (EY_TYPE_WINDOW, "application", application, NULL);
  GSettings *settings = application ? ey_application_get_settings (application) : NULL;

  gtk_revealer_set_reveal_child (self->demo_revealer,
                                 application && ey_application_get_demo (application));
  /* Not the demo's red strip: a site profile from outside the package
   * decides where the person's data goes, so say so for as long as the
   * window is open (ey_site_profile_get_notice()). */
  if (application && !ey_application_get_demo (application))
    {
      g_autoptr(EySiteProfile) profile = ey_site_profile_load (NULL, NULL);

      if (profile != NULL)
        _ey_window_set_site_notice (self, profile);
    }
  ey_card_status_set_application (self->card_status, application);
  if (application && ey_application_get_demo (application))
    g_signal_connect_object (application, "demo-site-changed",
                             G_CALLBACK (on_demo_site_changed_cb), self, G_CONNECT_SWAPPED);
  if (settings)
    {
      int width = g_settings_get_int (settings, "window-width");
      int height = g_settings_get_int (settings, "window-height");

      self->settings = g_object_ref (settings);
      if (width > 0 && height > 0)
        gtk_window_set_default_size (GTK_WINDOW (self), width, height);
      if (g_settings_get_boolean (settings, "window-maximized"))
        gtk_window_maximize (GTK_WINDOW (self));
    }
  ey_window_restart (self);
  return self;
}

static void
ey_window_dispose (GObject *object)
{
  EyWindow *self = EY_WINDOW (object);

  if (self->cancellable)
    g_cancellable_cancel (self->cancellable);
  if (self->session_signals)
    g_signal_group_set_target (self->session_signals, NULL);
  if (self->page_signals)
    g_signal_group_set_target (self->page_signals, NULL);
  if (self->session)
    ey_session_cancel (self->session);
  g_clear_object (&self->session);
  g_clear_object (&self->certificate);
  g_clear_object (&self->settings);
  g_clear_object (&self->session_signals);
  g_clear_object (&self->page_signals);
  g_clear_object (&self->cancellable);
  wipe_string (&self->access_password);
  ey_window_stop_switch (self);
  g_clear_pointer (&self->override_page, g_free);
  g_clear_pointer (&self->page_name, g_free);
  gtk_widget_dispose_template (GTK_WIDGET (self), EY_TYPE_WINDOW);
  G_OBJECT_CLASS (ey_window_parent_class)->dispose (object);
}

static void
ey_window_class_init (EyWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = ey_window_dispose;
  object_class->get_property = ey_window_get_property;
  window_class->close_request = ey_window_close_request;

  g_type_ensure (EY_TYPE_STEP_LIST);
  g_type_ensure (EY_TYPE_NOTICE);
  g_type_ensure (EY_TYPE_CARD_STATUS);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/eimzayenile/EimzaYenile/ey-window.ui");
  gtk_widget_class_bind_template_child (widget_class, EyWindow, demo_revealer);
  gtk_widget_class_bind_template_child (widget_class, EyWindow, demo_label);
  gtk_widget_class_bind_template_child (widget_class, EyWindow, menu_button);
  gtk_widget_class_bind_template_child (widget_class, EyWindow, steps_button);
  gtk_widget_class_bind_template_child (widget_class, EyWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, EyWindow, notice);
  gtk_widget_class_bind_template_child (widget_class, EyWindow, flap);
  gtk_widget_class_bind_template_child (widget_class, EyWindow, step_list);
  gtk_widget_class_bind_template_child (widget_class, EyWindow, card_status);
  gtk_widget_class_bind_template_child (widget_class, EyWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, EyWindow, back_button);
  gtk_widget_class_bind_template_child (widget_class, EyWindow, continue_button);
  gtk_widget_class_bind_template_child (widget_class, EyWindow, spinner);
  gtk_widget_class_bind_template_callback (widget_class, continue_label_cb);
  ey_ui_closures_bind (widget_class);
  gtk_widget_class_bind_template_callback (widget_class, on_default_widget_cb);
  gtk_widget_class_bind_template_callback (widget_class, ey_window_focus_page);

  /* The session runs an action: the footer's spinner turns. */
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* The page shown, or filled in to be shown at the next frame (the stack's visible
   * child follows). */
  properties[PROP_PAGE_NAME] =
    g_param_spec_string ("page-name", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  _ey_window_install_actions (widget_class);
}

static void
ey_window_init (EyWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  ey_ui_speed_keep_shm_pool (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();

  self->session_signals = g_signal_group_new (EY_TYPE_SESSION);
  g_signal_group_connect_swapped (self->session_signals, "notify::step",
                                  G_CALLBACK (on_step_changed_cb), self);
  g_signal_group_connect_swapped (self->session_signals, "notify::error",
                                  G_CALLBACK (on_error_changed_cb), self);
  g_signal_group_connect_swapped (self->session_signals, "notify::busy",
                                  G_CALLBACK (on_busy_changed_cb), self);
  g_signal_group_connect_swapped (self->session_signals, "notify::path",
                                  G_CALLBACK (ey_window_update_step_titles), self);

  self->page_signals = g_signal_group_new (EY_TYPE_STEP_PAGE);
  g_signal_group_connect_swapped (self->page_signals, "notify::can-continue",
                                  G_CALLBACK (on_page_notify_cb), self);
  g_signal_group_connect_swapped (self->page_signals, "notify::can-go-back",
                                  G_CALLBACK (on_page_notify_cb), self);
  g_signal_group_connect_swapped (self->page_signals, "notify::continue-label",
                                  G_CALLBACK (on_page_notify_cb), self);
}
