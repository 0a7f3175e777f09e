/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ey-page-welcome"

#include "config.h"

#include <glib/gi18n.h>

#include "ey-application.h"
#include "ey-page-welcome.h"
#include "ey-recovery.h"
#include "ey-ui-format.h"
#include "ey-window-private.h"

struct _EyPageWelcome
{
  EyStepPage    parent_instance;

  GtkLabel     *notice_label;
  GtkLabel     *error_label;
  AdwActionRow *holder_row;
  AdwActionRow *validity_row;
  AdwActionRow *path_row;

  GSignalGroup *app_signals;
};

G_DEFINE_FINAL_TYPE (EyPageWelcome, ey_page_welcome, EY_TYPE_STEP_PAGE)

static void
ey_page_welcome_show_card (EyPageWelcome *self)
{
  EyWindow *window = ey_step_page_get_window (EY_STEP_PAGE (self));
  EyApplication *app = window ? _ey_window_get_application (window) : NULL;
  GPtrArray *certificates = app ? ey_application_get_certificates (app) : NULL;
  EyCertificate *cert = NULL;
  g_autofree char *validity = NULL;

  if (certificates)
    cert = ey_certificate_pick_signing (certificates, NULL, NULL);
  if (cert == NULL && certificates && certificates->len > 0)
    cert = g_ptr_array_index (certificates, 0);

  if (app && ey_application_get_certificates_busy (app) && cert == NULL)
    {
      adw_action_row_set_subtitle (self->holder_row, _("Reading the card…"));
      adw_action_row_set_subtitle (self->validity_row, "");
      adw_action_row_set_subtitle (self->path_row, "");
      return;
    }
  if (cert == NULL)
    {
      adw_action_row_set_subtitle (self->holder_row,
                                   _("No e-signature certificate found. Insert your card; if "
                                     "it is in, check that its driver is installed."));
      adw_action_row_set_subtitle (self->validity_row, _("Unknown"));
      adw_action_row_set_subtitle (self->path_row,
                                   _("Without a valid certificate, apply with a wet signature: "
                                     "print the form, sign it with a blue pen and hand it to "
                                     "your institution's e-signature officer."));
      return;
    }

  validity = ey_ui_describe_certificate (cert);
  adw_action_row_set_subtitle (self->holder_row, ey_certificate_get_holder_name (cert));
  adw_action_row_set_subtitle (self->validity_row, validity);
  if (ey_certificate_is_valid_at (cert, NULL))
    adw_action_row_set_subtitle (self->path_row,
                                 _("E-Onay with your card: you sign on screen and the program "
                                   "sends the application. Nothing to print."));
  else
    adw_action_row_set_subtitle (self->path_row,
                                 _("Wet signature: your certificate has expired, so print the "
                                   "form, sign it with a blue pen and hand it to your "
                                   "institution's e-signature officer."));
}

static void
ey_page_welcome_sync (EyStepPage *page)
{
  EyPageWelcome *self = EY_PAGE_WELCOME (page);
  EyWindow *window = ey_step_page_get_window (page);
  EySession *session = ey_step_page_get_session (page);
  EyApplication *app = window ? _ey_window_get_application (window) : NULL;
  g_autoptr(EyRecovery) recovery = NULL;
  g_autofree char *path = ey_recovery_default_path ();

  g_signal_group_set_target (self->app_signals, app);
  ey_page_welcome_show_card (self);
  ey_step_page_set_error_label (page, self->error_label);

  if (session && ey_session_get_step (session) == EY_SESSION_STEP_FAILED)
    {
      const GError *error = ey_session_get_error (session);

      ey_step_page_show_message (page, error ? error->message
                                             : _("The renewal could not go on."));
      ey_step_page_set_continue_label (page, _("_Start Again"));
    }
  else
    ey_step_page_set_continue_label (page, _("_Start the Renewal"));

  /* A signed application that was never confirmed: say so, and let sign-in finish it. */
  recovery = ey_recovery_load (path, NULL);
  if (recovery && session)
    {
      g_autofree char *text = NULL;
      g_autofree char *when = ey_ui_format_date (ey_recovery_get_created (recovery));

      ey_session_set_recovery (session, recovery);
      text = g_strdup_printf (_("An application signed on %s for %s has not been confirmed by "
                                "KamuSM yet. Sign in again and the program finishes it."),
                              when, ey_recovery_get_display_name (recovery));
      gtk_label_set_text (self->notice_label, text);
      gtk_widget_set_visible (GTK_WIDGET (self->notice_label), TRUE);
    }
  else
    gtk_widget_set_visible (GTK_WIDGET (self->notice_label), FALSE);
}

static void
ey_page_welcome_next (EyStepPage *page)
{
  EySession *session = ey_step_page_get_session (page);
  EyWindow *window = ey_step_page_get_window (page);

  if (session == NULL || ey_session_get_step (session) == EY_SESSION_STEP_FAILED)
    {
      if (window)
        ey_window_restart (window);
      return;
    }
  ey_session_begin (session);
}

static void
ey_page_welcome_dispose (GObject *object)
{
  EyPageWelcome *self = EY_PAGE_WELCOME (object);

  if (self->app_signals)
    g_signal_group_set_target (self->app_signals, NULL);
  g_clear_object (&self->app_signals);
  gtk_widget_dispose_template (GTK_WIDGET (self), EY_TYPE_PAGE_WELCOME);
  G_OBJECT_CLASS (ey_page_welcome_parent_class)->dispose (object);
}

static void
ey_page_welcome_class_init (EyPageWelcomeClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  EyStepPageClass *page_class = EY_STEP_PAGE_CLASS (klass);

  object_class->dispose = ey_page_welcome_dispose;
  page_class->sync = ey_page_welcome_sync;
  page_class->next = ey_page_welcome_next;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/eimzayenile/EimzaYenile/ey-page-welcome.ui");
  gtk_widget_class_bind_template_child (widget_class, EyPageWelcome, notice_label);
  gtk_widget_class_bind_template_child (widget_class, EyPageWelcome, error_label);
  gtk_widget_class_bind_template_child (widget_class, EyPageWelcome, holder_row);
  gtk_widget_class_bind_template_child (widget_class, EyPageWelcome, validity_row);
  gtk_widget_class_bind_template_child (widget_class, EyPageWelcome, path_row);
}

static void
ey_page_welcome_init (EyPageWelcome *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->app_signals = g_signal_group_new (EY_TYPE_APPLICATION);
  g_signal_group_connect_swapped (self->app_signals, "certificates-changed",
                                  G_CALLBACK (ey_page_welcome_show_card), self);
  g_signal_group_connect_swapped (self->app_signals, "notify::certificates-busy",
                                  G_CALLBACK (ey_page_welcome_show_card), self);
}
