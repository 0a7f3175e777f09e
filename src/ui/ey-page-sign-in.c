/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ey-page-sign-in"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "ey-application.h"
#include "ey-identity.h"
#include "ey-page-sign-in.h"
#include "ey-ui-secret.h"
#include "ey-window-private.h"

struct _EyPageSignIn
{
  EyStepPage           parent_instance;

  GtkLabel            *notice_label;
  AdwEntryRow         *identity_row;
  AdwPasswordEntryRow *password_row;
  GtkLabel            *identity_label;
  GtkPicture          *captcha_picture;
  AdwEntryRow         *captcha_row;
  GtkButton           *refresh_button;
  GtkButton           *forgot_button;
  GtkLabel            *error_label;
  GtkLabel            *hint_label;

  GSignalGroup        *session_signals;
  char                *identity;   /* normalised, or NULL while invalid */
};

G_DEFINE_FINAL_TYPE (EyPageSignIn, ey_page_sign_in, EY_TYPE_STEP_PAGE)

/* A T.C. Kimlik No typed with a digit too few or too many, or with a stray letter, is
 * not silently taken as a passport number: returns what it looks like, or NULL. */
static char *
ey_page_sign_in_mistyped (const char *text)
{
  guint digits = 0, letters = 0;

  for (const char *p = text; *p; p++)
    {
      if (g_ascii_isdigit (*p))
        digits++;
      else if (g_ascii_isalpha (*p) || (guchar) *p >= 0x80)
        letters++;
    }
  if (letters == 0 && digits >= 9 && digits != 11)
    return g_strdup_printf (ngettext ("This looks like a T.C. Kimlik No, but it has %u digit; "
                                      "it must have 11.",
                                      "This looks like a T.C. Kimlik No, but it has %u digits; "
                                      "it must have 11.", digits), digits);
  if (letters == 1 && digits >= 10 && digits <= 11)
    return g_strdup (_("This looks like a T.C. Kimlik No with a letter in it: it has only "
                       "digits. A passport number has more letters."));
  return NULL;
}

static void
ey_page_sign_in_update (EyPageSignIn *self)
{
  const char *identity = gtk_editable_get_text (GTK_EDITABLE (self->identity_row));
  const char *password = gtk_editable_get_text (GTK_EDITABLE (self->password_row));
  const char *captcha = gtk_editable_get_text (GTK_EDITABLE (self->captcha_row));
  g_autoptr(GError) error = NULL;
  g_autofree char *mistyped = NULL;
  const char *hint = NULL;

  g_clear_pointer (&self->identity, g_free);
  if (identity && *identity)
    {
      mistyped = ey_page_sign_in_mistyped (identity);
      if (mistyped == NULL)
        self->identity = ey_identity_normalize (identity, NULL, &error);
    }

  /* Sign In stays grey until everything is there: say what is missing. */
  if (self->identity == NULL)
    hint = _("Sign In needs your identity number.");
  else if (!*password)
    hint = _("Sign In needs the access password from the mail.");
  else if (!*captcha)
    hint = _("Sign In needs the text in the picture.");
  else if (!ey_identity_check_tckn (self->identity, NULL))
    hint = _("Your number is read as a passport number.");
  gtk_label_set_text (self->hint_label, hint ? hint : "");
  gtk_widget_set_visible (GTK_WIDGET (self->hint_label), hint != NULL);

  if (mistyped && strlen (identity) >= 9)
    {
      gtk_label_set_text (self->identity_label, mistyped);
      gtk_widget_set_visible (GTK_WIDGET (self->identity_label), TRUE);
      gtk_widget_add_css_class (GTK_WIDGET (self->identity_row), "error");
    }
  /* Checked as typed, but only complain once the number is long enough to judge. */
  else if (error && strlen (identity) >= 11)
    {
      gtk_label_set_text (self->identity_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->identity_label), TRUE);
      gtk_widget_add_css_class (GTK_WIDGET (self->identity_row), "error");
    }
  else
    {
      gtk_widget_set_visible (GTK_WIDGET (self->identity_label), FALSE);
      gtk_widget_remove_css_class (GTK_WIDGET (self->identity_row), "error");
    }
  ey_step_page_set_can_continue (EY_STEP_PAGE (self),
                                 self->identity && *password && *captcha);
}

static void
ey_page_sign_in_show_captcha (EyPageSignIn *self)
{
  EySession *session = ey_step_page_get_session (EY_STEP_PAGE (self));
  GBytes *png = session ? ey_session_get_captcha (session) : NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GError) error = NULL;

  if (png)
    texture = gdk_texture_new_from_bytes (png, &error);
  if (error)
    g_debug ("CAPTCHA picture unreadable: %s", error->message);
  gtk_picture_set_paintable (self->captcha_picture, GDK_PAINTABLE (texture));
  gtk_editable_set_text (GTK_EDITABLE (self->captcha_row), "");
}

static void
load_sign_in_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(EyPageSignIn) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!ey_session_load_sign_in_finish (EY_SESSION (object), result, &error))
    ey_step_page_show_error (EY_STEP_PAGE (self), error);
  ey_page_sign_in_show_captcha (self);
}

static void
on_refresh_clicked_cb (EyPageSignIn *self)
{
  EySession *session = ey_step_page_get_session (EY_STEP_PAGE (self));

  if (session == NULL || ey_session_get_busy (session))
    return;
  ey_session_load_sign_in_async (session, ey_step_page_get_cancellable (EY_STEP_PAGE (self)),
                                 load_sign_in_cb, g_object_ref (self));
}

static void
on_forgot_clicked_cb (EyPageSignIn *self)
{
  EyWindow *window = ey_step_page_get_window (EY_STEP_PAGE (self));

  if (window)
    _ey_window_show_page (window, "forgot");
}

static void
sign_in_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(EyPageSignIn) self = user_data;
  g_autoptr(GError) error = NULL;

  if (ey_session_sign_in_finish (EY_SESSION (object), result, &error))
    {
      /* Signed in: the password leaves the widget (the window keeps the wiped copy that
       * sync() puts back should the site ask to sign in again). */
      ey_ui_secret_wipe (GTK_WIDGET (self->password_row));
      return;
    }
  if (g_error_matches (error, EY_CORE_ERROR, EY_CORE_ERROR_APPLICATION_LOST))
    {
      /* Signed in, but the site lost the unfinished application: the renewal goes on
       * from the form, so the message belongs there. */
      EyWindow *window = ey_step_page_get_window (EY_STEP_PAGE (self));
      EyStepPage *visible = window ? ey_window_get_visible_page (window) : NULL;

      ey_ui_secret_wipe (GTK_WIDGET (self->password_row));
      ey_step_page_show_error (visible ? visible : EY_STEP_PAGE (self), error);
      return;
    }
  /* The site shows a fresh picture after every failure; the old text is useless. */
  ey_page_sign_in_show_captcha (self);
  if (g_error_matches (error, EY_CORE_ERROR, EY_CORE_ERROR_CAPTCHA_WRONG))
    ey_step_page_set_error_focus (EY_STEP_PAGE (self), GTK_WIDGET (self->captcha_row));
  else if (g_error_matches (error, EY_CORE_ERROR, EY_CORE_ERROR_CREDENTIALS_WRONG))
    ey_step_page_set_error_focus (EY_STEP_PAGE (self), GTK_WIDGET (self->password_row));
  else
    ey_step_page_set_error_focus (EY_STEP_PAGE (self), GTK_WIDGET (self->captcha_row));
  ey_step_page_show_error (EY_STEP_PAGE (self), error);
}

static void
ey_page_sign_in_next (EyStepPage *page)
{
  EyPageSignIn *self = EY_PAGE_SIGN_IN (page);
  EySession *session = ey_step_page_get_session (page);
  EyWindow *window = ey_step_page_get_window (page);
  const char *password = gtk_editable_get_text (GTK_EDITABLE (self->password_row));

  if (session == NULL || self->identity == NULL)
    return;
  ey_step_page_clear_error (page);
  if (window)
    _ey_window_set_access_password (window, password);
  ey_session_set_identity (session, self->identity);
  ey_session_sign_in_async (session,
                            gtk_editable_get_text (GTK_EDITABLE (self->captcha_row)),
                            self->identity, password,
                            ey_step_page_get_cancellable (page),
                            sign_in_cb, g_object_ref (self));
}

/* The signing certificate carries the holder's identity number (subject serialNumber),
 * so with the card in the reader nobody has to type eleven digits. */
static const char *
ey_page_sign_in_card_identity (EyPageSignIn *self)
{
  EyWindow *window = ey_step_page_get_window (EY_STEP_PAGE (self));
  EyApplication *app = window ? _ey_window_get_application (window) : NULL;
  GPtrArray *certificates = app ? ey_application_get_certificates (app) : NULL;
  EyCertificate *certificate;

  if (certificates == NULL)
    return NULL;
  certificate = ey_certificate_pick_signing (certificates, NULL, NULL);
  return certificate ? ey_certificate_get_identity_number (certificate) : NULL;
}

static void
ey_page_sign_in_sync (EyStepPage *page)
{
  EyPageSignIn *self = EY_PAGE_SIGN_IN (page);
  EySession *session = ey_step_page_get_session (page);
  EyWindow *window = ey_step_page_get_window (page);
  const char *message = session ? ey_session_get_site_message (session) : NULL;
  const GError *error = session ? ey_session_get_error (session) : NULL;

  ey_step_page_set_error_label (page, self->error_label);
  g_signal_group_set_target (self->session_signals, session);
  if (!*gtk_editable_get_text (GTK_EDITABLE (self->identity_row)))
    {
      const char *identity = session ? ey_session_get_identity (session) : NULL;

      if (identity == NULL)
        identity = ey_page_sign_in_card_identity (self);
      if (identity != NULL)
        gtk_editable_set_text (GTK_EDITABLE (self->identity_row), identity);
    }
  if (window && _ey_window_get_access_password (window) &&
      !*gtk_editable_get_text (GTK_EDITABLE (self->password_row)))
    gtk_editable_set_text (GTK_EDITABLE (self->password_row),
                           _ey_window_get_access_password (window));

  /* Notices such as "your password was mailed again"; errors go below the fields. */
  gtk_label_set_text (self->notice_label, message ? message : "");
  /* While an action still runs, its step change comes before the session drops the
   * previous action's error: that one is stale (the mail page's failed first try). */
  if (session && ey_session_get_busy (session))
    error = NULL;
  gtk_widget_set_visible (GTK_WIDGET (self->notice_label),
                          message && *message && error == NULL);
  if (error)
    ey_step_page_show_error (page, error);
  ey_page_sign_in_show_captcha (self);
  ey_page_sign_in_update (self);
  ey_step_page_set_can_go_back (page, session && ey_session_get_step (session) == EY_SESSION_STEP_SIGN_IN);
}

/* The mail page went on by itself: Back shows it again (the site is not asked; going on
 * from there loads a new picture). */
static void
ey_page_sign_in_back (EyStepPage *page)
{
  EyWindow *window = ey_step_page_get_window (page);

  if (window)
    _ey_window_show_page (window, "mail");
}

static void
ey_page_sign_in_dispose (GObject *object)
{
  EyPageSignIn *self = EY_PAGE_SIGN_IN (object);

  if (self->session_signals)
    g_signal_group_set_target (self->session_signals, NULL);
  g_clear_object (&self->session_signals);
  g_clear_pointer (&self->identity, g_free);
  gtk_widget_dispose_template (GTK_WIDGET (self), EY_TYPE_PAGE_SIGN_IN);
  G_OBJECT_CLASS (ey_page_sign_in_parent_class)->dispose (object);
}

static void
ey_page_sign_in_class_init (EyPageSignInClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  EyStepPageClass *page_class = EY_STEP_PAGE_CLASS (klass);

  object_class->dispose = ey_page_sign_in_dispose;
  page_class->sync = ey_page_sign_in_sync;
  page_class->next = ey_page_sign_in_next;
  page_class->back = ey_page_sign_in_back;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/eimzayenile/EimzaYenile/ey-page-sign-in.ui");
  gtk_widget_class_bind_template_child (widget_class, EyPageSignIn, notice_label);
  gtk_widget_class_bind_template_child (widget_class, EyPageSignIn, identity_row);
  gtk_widget_class_bind_template_child (widget_class, EyPageSignIn, password_row);
  gtk_widget_class_bind_template_child (widget_class, EyPageSignIn, identity_label);
  gtk_widget_class_bind_template_child (widget_class, EyPageSignIn, captcha_picture);
  gtk_widget_class_bind_template_child (widget_class, EyPageSignIn, captcha_row);
  gtk_widget_class_bind_template_child (widget_class, EyPageSignIn, refresh_button);
  gtk_widget_class_bind_template_child (widget_class, EyPageSignIn, forgot_button);
  gtk_widget_class_bind_template_child (widget_class, EyPageSignIn, error_label);
  gtk_widget_class_bind_template_child (widget_class, EyPageSignIn, hint_label);
}

static void
ey_page_sign_in_init (EyPageSignIn *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  ey_ui_secure_editable (GTK_WIDGET (self->password_row));

  g_signal_connect_object (self->identity_row, "changed",
                           G_CALLBACK (ey_page_sign_in_update), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->password_row, "changed",
                           G_CALLBACK (ey_page_sign_in_update), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->captcha_row, "changed",
                           G_CALLBACK (ey_page_sign_in_update), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->refresh_button, "clicked",
                           G_CALLBACK (on_refresh_clicked_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->forgot_button, "clicked",
                           G_CALLBACK (on_forgot_clicked_cb), self, G_CONNECT_SWAPPED);

  self->session_signals = g_signal_group_new (EY_TYPE_SESSION);
  g_signal_group_connect_swapped (self->session_signals, "notify::captcha",
                                  G_CALLBACK (ey_page_sign_in_show_captcha), self);
}
