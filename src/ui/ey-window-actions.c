/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ey-window"

#include "config.h"

#include <glib/gi18n.h>

#include "ey-draft.h"
#include "ey-window-private.h"

static void
ey_window_next_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  EyStepPage *page = ey_window_get_visible_page (EY_WINDOW (widget));

  if (page)
    ey_step_page_next (page);
}

static void
ey_window_back_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  EyStepPage *page = ey_window_get_visible_page (EY_WINDOW (widget));

  if (page)
    ey_step_page_back (page);
}

static void
on_restart_response_cb (AdwMessageDialog *dialog,
                        const char       *response,
                        EyWindow         *self)
{
  if (g_strcmp0 (response, "restart") == 0)
    ey_window_restart (self);
}

static void
ey_window_restart_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  EyWindow *self = EY_WINDOW (widget);
  GtkWidget *dialog;

  if (self->session == NULL || ey_session_get_step (self->session) < EY_SESSION_STEP_MAIL)
    {
      ey_window_restart (self);
      return;
    }
  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Start this renewal over?"),
                                   _("What you entered so far is dropped and you sign in "
                                     "again. The site keeps what it already received."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Keep Going"),
                                    "restart", _("_Start Over"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "restart",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_restart_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
ey_window_help_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  GtkWidget *dialog;

  dialog = adw_message_dialog_new (GTK_WINDOW (widget), _("Help"),
                                   _("This program takes you through the renewal of your "
                                     "qualified e-signature certificate at KamuSM: it signs "
                                     "in to the renewal site, fills in the form with you, "
                                     "signs the E-Onay with your card and sends the "
                                     "application itself.\n\n"
                                     "Your institution's e-signature officer must first open "
                                     "a renewal order for you; KamuSM then mails you the "
                                     "access password.\n\n"
                                     "KamuSM call centre: 444 5 576 (0850 460 55 76)\n"
                                     "E-mail: bilgi@kamusm.gov.tr"));
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "close");
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_close_response_cb (AdwMessageDialog *dialog,
                      const char       *response,
                      EyWindow         *self)
{
  if (g_strcmp0 (response, "wait") == 0)
    return;
  /* Asked while the card was still signing and answered after the signature came:
   * "Stop this renewal?" no longer says what closing loses, so ask the signed
   * question instead of closing. */
  if (!g_object_get_data (G_OBJECT (dialog), "ey-asked-signed") &&
      self->session &&
      (self->signature_pending ||
       ey_session_get_step (self->session) == EY_SESSION_STEP_SUBMITTING))
    {
      _ey_window_confirm_close (self);
      return;
    }
  if (g_strcmp0 (response, "keep") == 0 && self->session)
    {
      g_autofree char *path = ey_draft_default_path ();
      g_autoptr(GError) error = NULL;

      if (!ey_draft_save (self->session, path, &error))
        {
          ey_window_add_toast (self, error->message);
          return;
        }
    }
  else if (g_strcmp0 (response, "close") != 0)
    return;
  self->close_confirmed = TRUE;
  /* The question lets go of its parent first: the response signal holds the dialog
   * until it returns, and with nothing else holding the window (Ctrl+Q) the window is
   * finalized first; the dialog's dispose would then unset a parent that is gone. */
  gtk_window_set_transient_for (GTK_WINDOW (dialog), NULL);
  gtk_window_destroy (GTK_WINDOW (dialog));
  gtk_window_close (GTK_WINDOW (self));
}

/* Between the mail and the end nothing is lost by closing on the site's side, but what
 * was typed here is: closing asks first. */
static gboolean
_ey_window_confirm_close_midway (EyWindow      *self,
                                 EySessionStep  step)
{
  GtkWidget *dialog;

  if (step < EY_SESSION_STEP_MAIL || step == EY_SESSION_STEP_DONE ||
      step == EY_SESSION_STEP_WET || step == EY_SESSION_STEP_FAILED)
    return FALSE;
  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Stop this renewal?"),
                                   _("Your renewal is not finished. Keep it, and the next start "
                                     "goes on with your name and identity number filled in "
                                     "(nothing secret is kept: you sign in again with the mail's "
                                     "password). KamuSM keeps what it already received."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "wait", _("_Keep Going"),
                                    "close", _("_Discard and Close"),
                                    "keep", _("Keep for _Next Time"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "keep",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "close",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "wait");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "wait");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_close_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  return TRUE;
}

/* Returns TRUE when closing must wait for the user's answer. */
gboolean
_ey_window_confirm_close (EyWindow *self)
{
  EySessionStep step;
  GtkWidget *dialog;

  if (self->session == NULL)
    return FALSE;
  step = ey_session_get_step (self->session);
  if (!self->signature_pending && step != EY_SESSION_STEP_SUBMITTING)
    return _ey_window_confirm_close_midway (self, step);

  dialog = adw_message_dialog_new (GTK_WINDOW (self),
                                   _("Your application has not reached KamuSM yet"),
                                   _("You signed, but the site has not confirmed the "
                                     "application. If you close now, it is not sent. The next "
                                     "time you start this program and sign in, it finishes "
                                     "the application for you.\n\nWait a moment and the "
                                     "confirmation appears here."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "wait", _("_Wait for the Confirmation"),
                                    "close", _("Close _Anyway"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "close",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "wait");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "wait");
  g_object_set_data (G_OBJECT (dialog), "ey-asked-signed", GINT_TO_POINTER (TRUE));
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_close_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  return TRUE;
}

void
_ey_window_install_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.next", NULL, ey_window_next_action);
  gtk_widget_class_install_action (widget_class, "win.back", NULL, ey_window_back_action);
  gtk_widget_class_install_action (widget_class, "win.restart", NULL, ey_window_restart_action);
  gtk_widget_class_install_action (widget_class, "win.help", NULL, ey_window_help_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F1, 0, "win.help", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK, "win.back", NULL);
  /* Escape goes back where the page allows it (win.back is off elsewhere). */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "win.back", NULL);
}
