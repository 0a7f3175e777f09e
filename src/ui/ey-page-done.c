/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ey-page-done"

#include "config.h"

#include <glib/gi18n.h>

#include "ey-page-done.h"
#include "ey-application.h"
#include "ey-receipt.h"
#include "ey-ui-format.h"
#include "ey-window-private.h"

struct _EyPageDone
{
  EyStepPage  parent_instance;

  GtkLabel   *confirmation_label;
  GtkButton  *save_button;
  GtkButton  *print_button;
  GtkButton  *next_colleague_button;
  GtkLabel   *error_label;
  AdwActionRow *order_row;
  AdwActionRow *date_row;
  AdwActionRow *method_row;
};

G_DEFINE_FINAL_TYPE (EyPageDone, ey_page_done, EY_TYPE_STEP_PAGE)

static void
ey_page_done_sync (EyStepPage *page)
{
  EyPageDone *self = EY_PAGE_DONE (page);
  EySession *session = ey_step_page_get_session (page);
  const char *message = session ? ey_session_get_site_message (session) : NULL;

  ey_step_page_set_error_label (page, self->error_label);
  /* A renewal the officer started from the roster offers the next colleague. */
  {
    EyWindow *window = ey_step_page_get_window (page);

    gtk_widget_set_visible (GTK_WIDGET (self->next_colleague_button),
                            window && g_object_get_data (G_OBJECT (window), "ey-officer-identity"));
  }
  /* The site's own words: this page only appears after the site confirmed. */
  gtk_label_set_text (self->confirmation_label, message && *message ? message
                      : _("The site confirmed your application."));

  /* What to quote when calling KamuSM, in the UI language's one date format. */
  {
    EyWindow *window = ey_step_page_get_window (page);
    EyApplication *app = window ? _ey_window_get_application (window) : NULL;
    g_autoptr(GDateTime) now = g_date_time_new_now_local ();
    g_autofree char *date = ey_ui_format_date (now);
    g_autofree char *order = ey_ui_order_number (session ? ey_session_get_order_id (session) : NULL);
    const char *method;

    switch (session ? ey_session_get_path (session) : EY_SESSION_PATH_NONE)
      {
      case EY_SESSION_PATH_EONAY:
        method = _("E-Onay with your e-signature card");
        break;
      case EY_SESSION_PATH_ESIGNED:
        method = _("Form signed with your e-signature card");
        break;
      case EY_SESSION_PATH_WET:
        method = _("Wet signature on the printed form");
        break;
      case EY_SESSION_PATH_NONE:
      default:
        method = "";
        break;
      }
    adw_action_row_set_subtitle (self->order_row, order ? order : "");
    adw_action_row_set_subtitle (self->date_row, date);
    adw_action_row_set_subtitle (self->method_row, method);
    ey_receipt_set_demo (app && ey_application_get_demo (app));
  }
}

static void
ey_page_done_next (EyStepPage *page)
{
  EyWindow *window = ey_step_page_get_window (page);

  if (window)
    gtk_window_close (GTK_WINDOW (window));
}

G_GNUC_BEGIN_IGNORE_DEPRECATIONS
static void
on_save_response_cb (GtkNativeDialog *dialog,
                     int              response,
                     EyPageDone      *self)
{
  EySession *session = ey_step_page_get_session (EY_STEP_PAGE (self));
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;

  if (response == GTK_RESPONSE_ACCEPT && session)
    {
      file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      path = file ? g_file_get_path (file) : NULL;
      if (path && !ey_receipt_save_pdf (session, path, &error))
        ey_step_page_show_error (EY_STEP_PAGE (self), error);
    }
  g_object_unref (dialog);
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  EyPageDone *self = EY_PAGE_DONE (widget);
  GtkFileChooserNative *chooser;

  /* GtkFileDialog is GTK 4.10; the target is 4.8. */
  chooser = gtk_file_chooser_native_new (_("Save the Receipt"),
                                         GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), _("e-signature-receipt.pdf"));
  g_signal_connect_object (chooser, "response", G_CALLBACK (on_save_response_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}
G_GNUC_END_IGNORE_DEPRECATIONS

static void
print_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  EyPageDone *self = EY_PAGE_DONE (widget);
  EySession *session = ey_step_page_get_session (EY_STEP_PAGE (self));

  if (session)
    ey_receipt_print (session, GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))));
}

static void
ey_page_done_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), EY_TYPE_PAGE_DONE);
  G_OBJECT_CLASS (ey_page_done_parent_class)->dispose (object);
}

static void
ey_page_done_class_init (EyPageDoneClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  EyStepPageClass *page_class = EY_STEP_PAGE_CLASS (klass);

  object_class->dispose = ey_page_done_dispose;
  page_class->sync = ey_page_done_sync;
  page_class->next = ey_page_done_next;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/eimzayenile/EimzaYenile/ey-page-done.ui");
  gtk_widget_class_bind_template_child (widget_class, EyPageDone, confirmation_label);
  gtk_widget_class_bind_template_child (widget_class, EyPageDone, save_button);
  gtk_widget_class_bind_template_child (widget_class, EyPageDone, print_button);
  gtk_widget_class_bind_template_child (widget_class, EyPageDone, next_colleague_button);
  gtk_widget_class_bind_template_child (widget_class, EyPageDone, error_label);
  gtk_widget_class_bind_template_child (widget_class, EyPageDone, order_row);
  gtk_widget_class_bind_template_child (widget_class, EyPageDone, date_row);
  gtk_widget_class_bind_template_child (widget_class, EyPageDone, method_row);

  gtk_widget_class_install_action (widget_class, "done.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "done.print", NULL, print_action);
}

static void
ey_page_done_init (EyPageDone *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
