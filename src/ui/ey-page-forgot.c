/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ey-page-forgot"

#include "config.h"

#include <glib/gi18n.h>

#include "ey-identity.h"
#include "ey-page-forgot.h"
#include "ey-window-private.h"

struct _EyPageForgot
{
  EyStepPage   parent_instance;

  AdwEntryRow *identity_row;
  GtkPicture  *captcha_picture;
  AdwEntryRow *captcha_row;
  GtkLabel    *error_label;

  char        *identity;
};

G_DEFINE_FINAL_TYPE (EyPageForgot, ey_page_forgot, EY_TYPE_STEP_PAGE)

static void
ey_page_forgot_update (EyPageForgot *self)
{
  const char *identity = gtk_editable_get_text (GTK_EDITABLE (self->identity_row));
  const char *captcha = gtk_editable_get_text (GTK_EDITABLE (self->captcha_row));

  g_clear_pointer (&self->identity, g_free);
  if (*identity)
    self->identity = ey_identity_normalize (identity, NULL, NULL);
  ey_step_page_set_can_continue (EY_STEP_PAGE (self), self->identity && *captcha);
}

static void
ey_page_forgot_show_captcha (EyPageForgot *self)
{
  EySession *session = ey_step_page_get_session (EY_STEP_PAGE (self));
  GBytes *png = session ? ey_session_get_captcha (session) : NULL;
  g_autoptr(GdkTexture) texture = NULL;

  if (png)
    texture = gdk_texture_new_from_bytes (png, NULL);
  gtk_picture_set_paintable (self->captcha_picture, GDK_PAINTABLE (texture));
  gtk_editable_set_text (GTK_EDITABLE (self->captcha_row), "");
}

static void
forgot_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(EyPageForgot) self = user_data;
  g_autoptr(GError) error = NULL;
  EyWindow *window = ey_step_page_get_window (EY_STEP_PAGE (self));

  if (!ey_session_forgot_password_finish (EY_SESSION (object), result, &error))
    {
      ey_step_page_show_error (EY_STEP_PAGE (self), error);
      ey_page_forgot_show_captcha (self);
      return;
    }
  /* Back to sign-in, which shows the site's "mailed again" notice. */
  if (window)
    _ey_window_show_page (window, NULL);
}

static void
ey_page_forgot_next (EyStepPage *page)
{
  EyPageForgot *self = EY_PAGE_FORGOT (page);
  EySession *session = ey_step_page_get_session (page);

  if (session == NULL || self->identity == NULL)
    return;
  ey_step_page_clear_error (page);
  ey_session_set_identity (session, self->identity);
  ey_session_forgot_password_async (session,
                                    gtk_editable_get_text (GTK_EDITABLE (self->captcha_row)),
                                    self->identity, ey_step_page_get_cancellable (page),
                                    forgot_cb, g_object_ref (self));
}

static void
ey_page_forgot_back (EyStepPage *page)
{
  EyWindow *window = ey_step_page_get_window (page);

  if (window)
    _ey_window_show_page (window, NULL);
}

static void
ey_page_forgot_sync (EyStepPage *page)
{
  EyPageForgot *self = EY_PAGE_FORGOT (page);
  EySession *session = ey_step_page_get_session (page);

  ey_step_page_set_error_label (page, self->error_label);
  if (session && ey_session_get_identity (session) &&
      !*gtk_editable_get_text (GTK_EDITABLE (self->identity_row)))
    gtk_editable_set_text (GTK_EDITABLE (self->identity_row), ey_session_get_identity (session));
  ey_page_forgot_show_captcha (self);
  ey_page_forgot_update (self);
}

static void
ey_page_forgot_dispose (GObject *object)
{
  EyPageForgot *self = EY_PAGE_FORGOT (object);

  g_clear_pointer (&self->identity, g_free);
  gtk_widget_dispose_template (GTK_WIDGET (self), EY_TYPE_PAGE_FORGOT);
  G_OBJECT_CLASS (ey_page_forgot_parent_class)->dispose (object);
}

static void
ey_page_forgot_class_init (EyPageForgotClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  EyStepPageClass *page_class = EY_STEP_PAGE_CLASS (klass);

  object_class->dispose = ey_page_forgot_dispose;
  page_class->sync = ey_page_forgot_sync;
  page_class->next = ey_page_forgot_next;
  page_class->back = ey_page_forgot_back;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/eimzayenile/EimzaYenile/ey-page-forgot.ui");
  gtk_widget_class_bind_template_child (widget_class, EyPageForgot, identity_row);
  gtk_widget_class_bind_template_child (widget_class, EyPageForgot, captcha_picture);
  gtk_widget_class_bind_template_child (widget_class, EyPageForgot, captcha_row);
  gtk_widget_class_bind_template_child (widget_class, EyPageForgot, error_label);
  gtk_widget_class_bind_template_callback (widget_class, ey_page_forgot_update);
}

static void
ey_page_forgot_init (EyPageForgot *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
