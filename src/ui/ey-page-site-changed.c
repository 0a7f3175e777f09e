/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ey-page-site-changed"

#include "config.h"

#include <glib/gi18n.h>

#include "ey-core-error.h"
#include "ey-page-site-changed.h"
#include "ey-site-report.h"
#include "ey-window-private.h"

struct _EyPageSiteChanged
{
  EyStepPage  parent_instance;

  GtkLabel   *detail_label;
  GtkButton  *report_button;
  GtkLabel   *error_label;
};

G_DEFINE_FINAL_TYPE (EyPageSiteChanged, ey_page_site_changed, EY_TYPE_STEP_PAGE)

static void
ey_page_site_changed_sync (EyStepPage *page)
{
  EyPageSiteChanged *self = EY_PAGE_SITE_CHANGED (page);
  EySession *session = ey_step_page_get_session (page);
  const GError *error = session ? ey_session_get_error (session) : NULL;

  ey_step_page_set_error_label (page, self->error_label);
  /* Set as text: the message names pages the site titled (no markup). */
  gtk_label_set_text (self->detail_label, error ? error->message : "");
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "site-changed.report",
                                 session && ey_session_get_unrecognised_page (session));
}

/* Back to the step's page, everything typed still there, and send again. */
static void
ey_page_site_changed_next (EyStepPage *page)
{
  EyWindow *window = ey_step_page_get_window (page);
  EyStepPage *step_page;

  if (window == NULL)
    return;
  _ey_window_show_page (window, NULL);
  step_page = ey_window_get_visible_page (window);
  if (step_page && step_page != page && ey_step_page_get_can_continue (step_page))
    ey_step_page_next (step_page);
}

static void
ey_page_site_changed_back (EyStepPage *page)
{
  EyWindow *window = ey_step_page_get_window (page);

  if (window)
    _ey_window_show_page (window, NULL);
}

gboolean
ey_page_site_changed_save_report (EyPageSiteChanged  *self,
                                  GFile              *file,
                                  GError            **error)
{
  EySession *session = ey_step_page_get_session (EY_STEP_PAGE (self));
  const GError *problem = session ? ey_session_get_error (session) : NULL;
  g_autofree char *report = NULL;

  g_return_val_if_fail (EY_IS_PAGE_SITE_CHANGED (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  report = session ? ey_site_report_build_for_session (session, problem ? problem->message : NULL)
                   : NULL;
  if (report == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                           _("There is no unknown page to report."));
      return FALSE;
    }
  return ey_site_report_write_file (report, file, error);
}

G_GNUC_BEGIN_IGNORE_DEPRECATIONS
static void
on_save_response_cb (GtkNativeDialog   *dialog,
                     int                response,
                     EyPageSiteChanged *self)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      if (file && !ey_page_site_changed_save_report (self, file, &error))
        ey_step_page_show_error (EY_STEP_PAGE (self), error);
      else if (file)
        ey_step_page_show_message (EY_STEP_PAGE (self),
                                   _("The report is saved. Send it to your IT department."));
    }
  g_object_unref (dialog);
}

static void
report_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  EyPageSiteChanged *self = EY_PAGE_SITE_CHANGED (widget);
  GtkFileChooserNative *chooser;

  /* GtkFileDialog is GTK 4.10; the target is 4.8. */
  chooser = gtk_file_chooser_native_new (_("Save a Report for IT"),
                                         GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), "eimza-yenile-site-report.txt");
  g_signal_connect_object (chooser, "response", G_CALLBACK (on_save_response_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}
G_GNUC_END_IGNORE_DEPRECATIONS

static void
ey_page_site_changed_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), EY_TYPE_PAGE_SITE_CHANGED);
  G_OBJECT_CLASS (ey_page_site_changed_parent_class)->dispose (object);
}

static void
ey_page_site_changed_class_init (EyPageSiteChangedClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  EyStepPageClass *page_class = EY_STEP_PAGE_CLASS (klass);

  object_class->dispose = ey_page_site_changed_dispose;
  page_class->sync = ey_page_site_changed_sync;
  page_class->next = ey_page_site_changed_next;
  page_class->back = ey_page_site_changed_back;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/eimzayenile/EimzaYenile/ey-page-site-changed.ui");
  gtk_widget_class_bind_template_child (widget_class, EyPageSiteChanged, detail_label);
  gtk_widget_class_bind_template_child (widget_class, EyPageSiteChanged, report_button);
  gtk_widget_class_bind_template_child (widget_class, EyPageSiteChanged, error_label);

  gtk_widget_class_install_action (widget_class, "site-changed.report", NULL, report_action);
}

static void
ey_page_site_changed_init (EyPageSiteChanged *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
