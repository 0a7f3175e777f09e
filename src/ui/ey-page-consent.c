/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ey-page-consent"

#include "config.h"

#include <glib/gi18n.h>

#include "ey-page-consent.h"
#include "ey-window-private.h"

struct _EyPageConsent
{
  EyStepPage      parent_instance;

  GtkCheckButton *accept_check;
  GtkLabel       *error_label;
};

G_DEFINE_FINAL_TYPE (EyPageConsent, ey_page_consent, EY_TYPE_STEP_PAGE)

static void
on_toggled_cb (EyPageConsent *self)
{
  ey_step_page_set_can_continue (EY_STEP_PAGE (self),
                                 gtk_check_button_get_active (self->accept_check));
}

static void
ey_page_consent_sync (EyStepPage *page)
{
  EyPageConsent *self = EY_PAGE_CONSENT (page);

  ey_step_page_set_error_label (page, self->error_label);
  on_toggled_cb (self);
}

static void
accept_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(EyPageConsent) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!ey_session_accept_consent_finish (EY_SESSION (object), result, &error))
    ey_step_page_show_error (EY_STEP_PAGE (self), error);
}

static void
ey_page_consent_next (EyStepPage *page)
{
  EySession *session = ey_step_page_get_session (page);

  if (session == NULL)
    return;
  ey_step_page_clear_error (page);
  ey_session_accept_consent_async (session, ey_step_page_get_cancellable (page), accept_cb,
                                   g_object_ref (page));
}

void
ey_page_consent_accept (EyPageConsent *self)
{
  g_return_if_fail (EY_IS_PAGE_CONSENT (self));
  gtk_check_button_set_active (self->accept_check, TRUE);
  ey_step_page_next (EY_STEP_PAGE (self));
}

static void
ey_page_consent_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), EY_TYPE_PAGE_CONSENT);
  G_OBJECT_CLASS (ey_page_consent_parent_class)->dispose (object);
}

static void
ey_page_consent_class_init (EyPageConsentClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  EyStepPageClass *page_class = EY_STEP_PAGE_CLASS (klass);

  object_class->dispose = ey_page_consent_dispose;
  page_class->sync = ey_page_consent_sync;
  page_class->next = ey_page_consent_next;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/eimzayenile/EimzaYenile/ey-page-consent.ui");
  gtk_widget_class_bind_template_child (widget_class, EyPageConsent, accept_check);
  gtk_widget_class_bind_template_child (widget_class, EyPageConsent, error_label);
  gtk_widget_class_bind_template_callback (widget_class, on_toggled_cb);
}

static void
ey_page_consent_init (EyPageConsent *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  ey_step_page_enter_accepts (GTK_WIDGET (self->accept_check));
}
