/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ey-page-wet"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "ey-page-wet.h"
#include "ey-window-private.h"

struct _EyPageWet
{
  EyStepPage  parent_instance;

  GtkLabel   *status_label;
  GtkButton  *open_button;
  GtkButton  *next_colleague_button;
  GtkButton  *retry_button;
  GtkLabel   *error_label;

  char       *pdf_path;
  GSignalGroup *session_signals;
  gboolean    fetching;
};

G_DEFINE_FINAL_TYPE (EyPageWet, ey_page_wet, EY_TYPE_STEP_PAGE)

static void
ey_page_wet_store (EyPageWet *self,
                   GBytes    *pdf)
{
  g_autofree char *dir = g_build_filename (g_get_user_cache_dir (), PACKAGE_NAME, NULL);
  g_autofree char *path = g_build_filename (dir, "basvuru-formu.pdf", NULL);
  g_autoptr(GError) error = NULL;

  /* Kept in the user's cache so a viewer can open and print it. */
  if (g_mkdir_with_parents (dir, 0700) != 0 ||
      !g_file_set_contents_full (path, g_bytes_get_data (pdf, NULL), g_bytes_get_size (pdf),
                                 G_FILE_SET_CONTENTS_CONSISTENT, 0600, &error))
    {
      ey_step_page_show_message (EY_STEP_PAGE (self),
                                 _("The form was downloaded but could not be stored on this "
                                   "computer. Check the free disk space and download it again."));
      gtk_widget_set_visible (GTK_WIDGET (self->retry_button), TRUE);
      return;
    }
  g_free (self->pdf_path);
  self->pdf_path = g_steal_pointer (&path);
  gtk_label_set_text (self->status_label,
                      _("KamuSM prepared your application form. Open it, print it and follow "
                        "the checklist below."));
  gtk_widget_set_sensitive (GTK_WIDGET (self->open_button), TRUE);
  gtk_widget_set_visible (GTK_WIDGET (self->retry_button), FALSE);
}

static void
fetch_pdf_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(EyPageWet) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) pdf = NULL;

  self->fetching = FALSE;
  pdf = ey_session_fetch_pdf_finish (EY_SESSION (object), result, &error);
  if (pdf == NULL)
    {
      gtk_label_set_text (self->status_label, _("The form could not be downloaded."));
      ey_step_page_show_error (EY_STEP_PAGE (self), error);
      gtk_widget_set_visible (GTK_WIDGET (self->retry_button), TRUE);
      return;
    }
  ey_page_wet_store (self, pdf);
}

static void
ey_page_wet_fetch (EyPageWet *self)
{
  EySession *session = ey_step_page_get_session (EY_STEP_PAGE (self));

  if (session == NULL || ey_session_get_busy (session) || self->fetching)
    return;
  self->fetching = TRUE;
  ey_step_page_clear_error (EY_STEP_PAGE (self));
  gtk_widget_set_visible (GTK_WIDGET (self->retry_button), FALSE);
  gtk_label_set_text (self->status_label, _("Downloading your application form from KamuSM…"));
  ey_session_fetch_pdf_async (session, ey_step_page_get_cancellable (EY_STEP_PAGE (self)),
                              fetch_pdf_cb, g_object_ref (self));
}

static void
ey_page_wet_maybe_fetch (EyPageWet *self)
{
  EySession *session = ey_step_page_get_session (EY_STEP_PAGE (self));

  /* The step turns WET while the method request is still finishing: fetch once idle. */
  if (session && ey_session_get_step (session) == EY_SESSION_STEP_WET &&
      !ey_session_get_busy (session) && self->pdf_path == NULL && !self->fetching &&
      !gtk_widget_get_visible (GTK_WIDGET (self->retry_button)))
    {
      if (ey_session_get_pdf (session))
        ey_page_wet_store (self, ey_session_get_pdf (session));
      else
        ey_page_wet_fetch (self);
    }
}

static void
ey_page_wet_sync (EyStepPage *page)
{
  EyPageWet *self = EY_PAGE_WET (page);
  EySession *session = ey_step_page_get_session (page);

  ey_step_page_set_error_label (page, self->error_label);
  g_signal_group_set_target (self->session_signals, session);
  /* A renewal the officer started from the roster offers the next colleague. */
  {
    EyWindow *window = ey_step_page_get_window (page);

    gtk_widget_set_visible (GTK_WIDGET (self->next_colleague_button),
                            window && g_object_get_data (G_OBJECT (window), "ey-officer-identity"));
  }
  if (session == NULL || ey_session_get_step (session) != EY_SESSION_STEP_WET)
    return;
  if (ey_session_get_busy (session))
    {
      gtk_label_set_text (self->status_label, _("Downloading your application form from KamuSM…"));
      return;
    }
  if (ey_session_get_pdf (session))
    ey_page_wet_store (self, ey_session_get_pdf (session));
  else
    ey_page_wet_fetch (self);
}

static void
ey_page_wet_next (EyStepPage *page)
{
  EyWindow *window = ey_step_page_get_window (page);

  if (window)
    gtk_window_close (GTK_WINDOW (window));
}

static void
on_open_clicked_cb (EyPageWet *self)
{
  g_autofree char *uri = NULL;

  if (self->pdf_path == NULL)
    return;
  uri = g_filename_to_uri (self->pdf_path, NULL, NULL);
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_show_uri (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))), uri, GDK_CURRENT_TIME);
  G_GNUC_END_IGNORE_DEPRECATIONS
}

static void
ey_page_wet_dispose (GObject *object)
{
  EyPageWet *self = EY_PAGE_WET (object);

  g_clear_pointer (&self->pdf_path, g_free);
  if (self->session_signals)
    g_signal_group_set_target (self->session_signals, NULL);
  g_clear_object (&self->session_signals);
  gtk_widget_dispose_template (GTK_WIDGET (self), EY_TYPE_PAGE_WET);
  G_OBJECT_CLASS (ey_page_wet_parent_class)->dispose (object);
}

static void
ey_page_wet_class_init (EyPageWetClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  EyStepPageClass *page_class = EY_STEP_PAGE_CLASS (klass);

  object_class->dispose = ey_page_wet_dispose;
  page_class->sync = ey_page_wet_sync;
  page_class->next = ey_page_wet_next;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/eimzayenile/EimzaYenile/ey-page-wet.ui");
  gtk_widget_class_bind_template_child (widget_class, EyPageWet, status_label);
  gtk_widget_class_bind_template_child (widget_class, EyPageWet, open_button);
  gtk_widget_class_bind_template_child (widget_class, EyPageWet, next_colleague_button);
  gtk_widget_class_bind_template_child (widget_class, EyPageWet, retry_button);
  gtk_widget_class_bind_template_child (widget_class, EyPageWet, error_label);
}

static void
ey_page_wet_init (EyPageWet *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect_object (self->open_button, "clicked", G_CALLBACK (on_open_clicked_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->retry_button, "clicked", G_CALLBACK (ey_page_wet_fetch), self,
                           G_CONNECT_SWAPPED);
  self->session_signals = g_signal_group_new (EY_TYPE_SESSION);
  g_signal_group_connect_swapped (self->session_signals, "notify::busy",
                                  G_CALLBACK (ey_page_wet_maybe_fetch), self);
}
