/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ey-page-eonay"

#include "config.h"

#include <glib/gi18n.h>

#include "ey-application.h"
#include "ey-page-consent.h"
#include "ey-page-eonay.h"
#include "ey-window-private.h"

struct _EyPageEonay
{
  EyStepPage      parent_instance;

  GtkLabel       *hint_label;
  GtkCheckButton *yes_check;
  GtkCheckButton *no_check;
  GtkCheckButton *consent_check;
  GtkLabel       *error_label;
};

G_DEFINE_FINAL_TYPE (EyPageEonay, ey_page_eonay, EY_TYPE_STEP_PAGE)

static void
ey_page_eonay_sync (EyStepPage *page)
{
  EyPageEonay *self = EY_PAGE_EONAY (page);
  EyWindow *window = ey_step_page_get_window (page);
  EySession *session = ey_step_page_get_session (page);
  EyApplication *app = window ? _ey_window_get_application (window) : NULL;
  GPtrArray *certificates = app ? ey_application_get_certificates (app) : NULL;
  EyCertificate *cert = NULL;

  ey_step_page_set_error_label (page, self->error_label);
  ey_step_page_set_can_continue (page, TRUE);
  if (certificates)
    cert = ey_certificate_pick_signing (certificates,
                                        session ? ey_session_get_identity (session) : NULL, NULL);

  /* Preselected by the card check; the user can still choose the other way. */
  if (cert)
    {
      gtk_check_button_set_active (self->yes_check, TRUE);
      gtk_label_set_text (self->hint_label,
                          _("Your card holds a valid certificate, so E-Onay is chosen for you; "
                            "choose the other way below if you prefer. Accept the E-Onay text "
                            "and the program goes on to the signature."));
    }
  else
    {
      gtk_check_button_set_active (self->no_check, TRUE);
      gtk_label_set_text (self->hint_label,
                          _("No valid certificate of yours was found on a card, so the wet "
                            "signature is chosen. Insert your card if you have a valid one."));
    }
}

static void
choose_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(EyPageEonay) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!ey_session_choose_eonay_finish (EY_SESSION (object), result, &error))
    {
      ey_step_page_show_error (EY_STEP_PAGE (self), error);
      return;
    }
  /* The consent was given here already, on the same text: the site's consent page only
   * takes it. */
  if (gtk_check_button_get_active (self->yes_check) &&
      gtk_check_button_get_active (self->consent_check) &&
      ey_session_get_step (EY_SESSION (object)) == EY_SESSION_STEP_CONSENT)
    {
      EyWindow *window = ey_step_page_get_window (EY_STEP_PAGE (self));
      EyStepPage *consent = window ? ey_window_get_page (window, "consent") : NULL;

      if (consent)
        ey_page_consent_accept (EY_PAGE_CONSENT (consent));
    }
}

static void
ey_page_eonay_next (EyStepPage *page)
{
  EyPageEonay *self = EY_PAGE_EONAY (page);
  EySession *session = ey_step_page_get_session (page);

  if (session == NULL)
    return;
  if (!gtk_check_button_get_active (self->yes_check) && !gtk_check_button_get_active (self->no_check))
    {
      ey_step_page_show_message (page, _("Choose one of the two ways."));
      return;
    }
  ey_step_page_clear_error (page);
  ey_session_choose_eonay_async (session, gtk_check_button_get_active (self->yes_check),
                                 ey_step_page_get_cancellable (page), choose_cb,
                                 g_object_ref (self));
}

static void
ey_page_eonay_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), EY_TYPE_PAGE_EONAY);
  G_OBJECT_CLASS (ey_page_eonay_parent_class)->dispose (object);
}

static void
ey_page_eonay_class_init (EyPageEonayClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  EyStepPageClass *page_class = EY_STEP_PAGE_CLASS (klass);

  object_class->dispose = ey_page_eonay_dispose;
  page_class->sync = ey_page_eonay_sync;
  page_class->next = ey_page_eonay_next;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/eimzayenile/EimzaYenile/ey-page-eonay.ui");
  gtk_widget_class_bind_template_child (widget_class, EyPageEonay, hint_label);
  gtk_widget_class_bind_template_child (widget_class, EyPageEonay, yes_check);
  gtk_widget_class_bind_template_child (widget_class, EyPageEonay, no_check);
  gtk_widget_class_bind_template_child (widget_class, EyPageEonay, consent_check);
  gtk_widget_class_bind_template_child (widget_class, EyPageEonay, error_label);
}

static void
ey_page_eonay_init (EyPageEonay *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  ey_step_page_enter_continues (GTK_WIDGET (self->yes_check));
  ey_step_page_enter_continues (GTK_WIDGET (self->no_check));
  ey_step_page_enter_accepts (GTK_WIDGET (self->consent_check));
}
