/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ey-page-mail"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "ey-application.h"
#include "ey-email.h"
#include "ey-page-mail.h"
#include "ey-demo-site.h"
#include "ey-demo-token.h"
#include "ey-ui-secret.h"
#include "ey-window-private.h"

struct _EyPageMail
{
  EyStepPage            parent_instance;

  GtkTextView          *mail_view;
  GtkButton            *demo_mail_button;
  GtkLabel             *link_warning;
  GtkLabel             *warnings_label;
  AdwPreferencesGroup  *read_group;
  AdwActionRow         *name_row;
  AdwActionRow         *institution_row;
  AdwActionRow         *link_row;
  AdwPasswordEntryRow  *password_row;
  GtkLabel             *error_label;

  EyEmail              *email;
  guint                 parse_source;   /* a big paste is read once typing pauses */
};

/* A KamuSM mail is a few kilobytes: read at once.  Anything bigger is read once
 * the text stops changing, not at every keystroke on the main loop. */
#define MAIL_PARSE_NOW_BYTES  (64 * 1024)
#define MAIL_PARSE_DELAY_MS   300

G_DEFINE_FINAL_TYPE (EyPageMail, ey_page_mail, EY_TYPE_STEP_PAGE)

static void
ey_page_mail_update_continue (EyPageMail *self)
{
  const char *password = gtk_editable_get_text (GTK_EDITABLE (self->password_row));

  ey_step_page_set_can_continue (EY_STEP_PAGE (self), password && *password);
}

static gboolean
ey_page_mail_is_clean (EyPageMail *self)
{
  const char * const *warnings = self->email ? ey_email_get_warnings (self->email) : NULL;

  return self->email && ey_email_get_password (self->email) &&
         ey_email_get_full_name (self->email) && (warnings == NULL || warnings[0] == NULL) &&
         !ey_email_has_warning (self->email, EY_EMAIL_WARNING_UNTRUSTED_LINK);
}

static void
ey_page_mail_parse (EyPageMail *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->mail_view);
  GtkTextIter start, end;
  g_autofree char *text = NULL;
  const char * const *warnings;
  g_autoptr(GString) list = g_string_new (NULL);

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  g_clear_object (&self->email);
  if (text == NULL || *text == '\0')
    {
      gtk_widget_set_visible (GTK_WIDGET (self->read_group), FALSE);
      gtk_widget_set_visible (GTK_WIDGET (self->link_warning), FALSE);
      gtk_widget_set_visible (GTK_WIDGET (self->warnings_label), FALSE);
      return;
    }
  self->email = ey_email_parse (text, -1);
  explicit_bzero (text, strlen (text));

  adw_action_row_set_subtitle (self->name_row, ey_email_get_full_name (self->email)
                               ? ey_email_get_full_name (self->email) : _("Not found"));
  adw_action_row_set_subtitle (self->institution_row, ey_email_get_institution (self->email)
                               ? ey_email_get_institution (self->email) : _("Not found"));
  adw_action_row_set_subtitle (self->link_row, ey_email_get_link (self->email)
                               ? ey_email_get_link (self->email) : _("Not found"));
  gtk_widget_set_visible (GTK_WIDGET (self->read_group), TRUE);

  if (ey_email_has_warning (self->email, EY_EMAIL_WARNING_UNTRUSTED_LINK))
    {
      g_autofree char *warning =
        g_strdup_printf (_("Danger: this mail contains a link that is not KamuSM's site:\n%s\n"
                           "Do not open it and do not type your password there. It may be a "
                           "fake mail. This program only ever connects to "
                           "basvuru.kamusm.gov.tr."),
                         ey_email_get_untrusted_link (self->email));
      gtk_label_set_text (self->link_warning, warning);
      gtk_widget_set_visible (GTK_WIDGET (self->link_warning), TRUE);
    }
  else
    gtk_widget_set_visible (GTK_WIDGET (self->link_warning), FALSE);

  warnings = ey_email_get_warnings (self->email);
  for (guint i = 0; warnings && warnings[i]; i++)
    g_string_append_printf (list, "%s%s", list->len ? "\n" : "", warnings[i]);
  gtk_label_set_text (self->warnings_label, list->str);
  gtk_widget_set_visible (GTK_WIDGET (self->warnings_label), list->len > 0);

  /* A look-alike mail's password is not used unless the user types it on purpose. */
  if (ey_email_get_password (self->email) &&
      !ey_email_has_warning (self->email, EY_EMAIL_WARNING_UNTRUSTED_LINK))
    gtk_editable_set_text (GTK_EDITABLE (self->password_row),
                           ey_email_get_password (self->email));
  ey_page_mail_update_continue (self);
  /* A clean mail with its password: the next key is Enter on Continue, not a dozen
   * Tabs through what was read from it. */
  if (ey_page_mail_is_clean (self))
    ey_step_page_focus_continue (EY_STEP_PAGE (self));
}

/* A pasted mail that was read completely and says nothing odd: the page has one sensible
 * answer, so it goes on by itself (it only loads the sign-in page; nothing is sent). */
static void
ey_page_mail_continue_if_clean (EyPageMail *self)
{
  EyStepPage *page = EY_STEP_PAGE (self);
  EySession *session = ey_step_page_get_session (page);
  EyWindow *window = ey_step_page_get_window (page);

  if (self->parse_source != 0)
    {
      g_clear_handle_id (&self->parse_source, g_source_remove);
      ey_page_mail_parse (self);
    }
  if (session == NULL || window == NULL || ey_window_get_visible_page (window) != page ||
      (ey_session_get_step (session) != EY_SESSION_STEP_MAIL &&
       ey_session_get_step (session) != EY_SESSION_STEP_SIGN_IN) || ey_session_get_busy (session) ||
      !ey_page_mail_is_clean (self) || !ey_step_page_get_can_continue (page))
    return;
  ey_step_page_next (page);
}

static gboolean
parse_later_cb (gpointer user_data)
{
  EyPageMail *self = user_data;

  self->parse_source = 0;
  ey_page_mail_parse (self);
  return G_SOURCE_REMOVE;
}

static void
on_mail_changed_cb (EyPageMail *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->mail_view);
  GtkTextIter end;

  g_clear_handle_id (&self->parse_source, g_source_remove);
  gtk_text_buffer_get_end_iter (buffer, &end);
  if (gtk_text_iter_get_offset (&end) * 4 < MAIL_PARSE_NOW_BYTES)
    ey_page_mail_parse (self);
  else
    self->parse_source = g_timeout_add (MAIL_PARSE_DELAY_MS, parse_later_cb, self);
}

static EyDemoSite *
ey_page_mail_get_demo_site (EyPageMail *self)
{
  EyWindow *window = ey_step_page_get_window (EY_STEP_PAGE (self));
  EyApplication *app = window ? _ey_window_get_application (window) : NULL;

  if (app == NULL || !ey_application_get_demo (app))
    return NULL;
  return ey_application_get_demo_site (app);
}

static void
on_demo_mail_clicked_cb (EyPageMail *self)
{
  EyDemoSite *site = ey_page_mail_get_demo_site (self);
  EySession *session = ey_step_page_get_session (EY_STEP_PAGE (self));
  const char *identity = session ? ey_session_get_identity (session) : NULL;
  g_autofree char *mail = NULL;

  /* A colleague's renewal started from the officer's roster gets that colleague's mail. */
  if (identity == NULL || *identity == '\0')
    identity = EY_DEMO_IDENTITY;
  mail = site ? ey_demo_site_get_access_mail (site, identity) : NULL;

  if (mail == NULL)
    return;
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->mail_view), mail, -1);
  explicit_bzero (mail, strlen (mail));
  ey_page_mail_continue_if_clean (self);
}

static void
load_sign_in_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(EyPageMail) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!ey_session_load_sign_in_finish (EY_SESSION (object), result, &error))
    ey_step_page_show_error (EY_STEP_PAGE (self), error);
  else
    {
      /* The window holds the password now (sync() puts it back if the user returns);
       * neither the field nor the pasted mail keeps it. */
      EyWindow *window = ey_step_page_get_window (EY_STEP_PAGE (self));

      gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->mail_view), "", 0);
      ey_ui_secret_wipe (GTK_WIDGET (self->password_row));
      /* Shown again by Back from the sign-in page: the step stays, the page goes. */
      if (window && ey_window_get_visible_page (window) == EY_STEP_PAGE (self))
        _ey_window_show_page (window, NULL);
    }
}

static void
ey_page_mail_next (EyStepPage *page)
{
  EyPageMail *self = EY_PAGE_MAIL (page);
  EySession *session = ey_step_page_get_session (page);
  EyWindow *window = ey_step_page_get_window (page);

  if (session == NULL || window == NULL)
    return;
  if (self->parse_source != 0)
    {
      /* A big paste not read yet: read it now */
      g_clear_handle_id (&self->parse_source, g_source_remove);
      ey_page_mail_parse (self);
    }
  ey_step_page_clear_error (page);
  _ey_window_set_access_password (window,
                                  gtk_editable_get_text (GTK_EDITABLE (self->password_row)));
  if (self->email && ey_email_get_full_name (self->email))
    ey_session_set_applicant_name (session, ey_email_get_full_name (self->email));
  if (self->email && ey_email_get_institution (self->email))
    ey_session_set_institution (session, ey_email_get_institution (self->email));
  ey_session_load_sign_in_async (session, ey_step_page_get_cancellable (page),
                                 load_sign_in_cb, g_object_ref (self));
}

static void
ey_page_mail_sync (EyStepPage *page)
{
  EyPageMail *self = EY_PAGE_MAIL (page);
  EyWindow *window = ey_step_page_get_window (page);
  const char *password = window ? _ey_window_get_access_password (window) : NULL;

  ey_step_page_set_error_label (page, self->error_label);
  gtk_widget_set_visible (GTK_WIDGET (self->demo_mail_button),
                          ey_page_mail_get_demo_site (self) != NULL);
  if (password && !*gtk_editable_get_text (GTK_EDITABLE (self->password_row)))
    gtk_editable_set_text (GTK_EDITABLE (self->password_row), password);
  ey_page_mail_update_continue (self);
}

static void
ey_page_mail_dispose (GObject *object)
{
  EyPageMail *self = EY_PAGE_MAIL (object);

  g_clear_handle_id (&self->parse_source, g_source_remove);
  g_clear_object (&self->email);
  gtk_widget_dispose_template (GTK_WIDGET (self), EY_TYPE_PAGE_MAIL);
  G_OBJECT_CLASS (ey_page_mail_parent_class)->dispose (object);
}

static void
ey_page_mail_class_init (EyPageMailClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  EyStepPageClass *page_class = EY_STEP_PAGE_CLASS (klass);

  object_class->dispose = ey_page_mail_dispose;
  page_class->sync = ey_page_mail_sync;
  page_class->next = ey_page_mail_next;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/eimzayenile/EimzaYenile/ey-page-mail.ui");
  gtk_widget_class_bind_template_child (widget_class, EyPageMail, demo_mail_button);
  gtk_widget_class_bind_template_child (widget_class, EyPageMail, mail_view);
  gtk_widget_class_bind_template_child (widget_class, EyPageMail, link_warning);
  gtk_widget_class_bind_template_child (widget_class, EyPageMail, warnings_label);
  gtk_widget_class_bind_template_child (widget_class, EyPageMail, read_group);
  gtk_widget_class_bind_template_child (widget_class, EyPageMail, name_row);
  gtk_widget_class_bind_template_child (widget_class, EyPageMail, institution_row);
  gtk_widget_class_bind_template_child (widget_class, EyPageMail, link_row);
  gtk_widget_class_bind_template_child (widget_class, EyPageMail, password_row);
  gtk_widget_class_bind_template_child (widget_class, EyPageMail, error_label);
  gtk_widget_class_bind_template_callback (widget_class, on_demo_mail_clicked_cb);
}

static void
ey_page_mail_init (EyPageMail *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  ey_ui_secure_editable (GTK_WIDGET (self->password_row));
  /* The undo history would keep the pasted mail, password and all, after the view
   * is cleared */
  gtk_text_buffer_set_enable_undo (gtk_text_view_get_buffer (self->mail_view), FALSE);
  g_signal_connect_object (gtk_text_view_get_buffer (self->mail_view), "changed",
                           G_CALLBACK (on_mail_changed_cb), self, G_CONNECT_SWAPPED);
  /* Typing by hand never goes on by itself: only a whole mail pasted at once. */
  g_signal_connect_object (gtk_text_view_get_buffer (self->mail_view), "paste-done",
                           G_CALLBACK (ey_page_mail_continue_if_clean), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->password_row, "changed",
                           G_CALLBACK (ey_page_mail_update_continue), self, G_CONNECT_SWAPPED);
}
