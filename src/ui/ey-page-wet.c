/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ey-page-wet"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include <gtk/gtkunixprint.h>

#include "ey-page-wet.h"
#include "ey-ui-format.h"
#include "ey-window-private.h"

struct _EyPageWet
{
  EyStepPage  parent_instance;

  GtkLabel   *status_label;
  GtkButton  *open_button;
  GtkButton  *next_colleague_button;
  GtkButton  *retry_button;
  GtkButton  *print_button;
  GtkButton  *save_button;
  GtkCheckButton *checks[4];
  GtkLabel   *error_label;

  char       *pdf_path;
  GSignalGroup *session_signals;
  gboolean    fetching;
  gboolean    loading;
  gboolean    failed;     /* the form could not be downloaded or stored: "Download Again" */
};

G_DEFINE_FINAL_TYPE (EyPageWet, ey_page_wet, EY_TYPE_STEP_PAGE)

enum {
  PROP_0,
  PROP_FAILED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
ey_page_wet_set_failed (EyPageWet *self,
                        gboolean   failed)
{
  if (self->failed == failed)
    return;
  self->failed = failed;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FAILED]);
}

/* The order number as far as it is safe in a file name or key (letters, digits, '-'). */
static char *
ey_page_wet_order_key (EyPageWet *self)
{
  EySession *session = ey_step_page_get_session (EY_STEP_PAGE (self));
  g_autofree char *order = ey_ui_order_number (session ? ey_session_get_order_id (session) : NULL);
  GString *safe = g_string_new (NULL);

  for (const char *p = order ? order : ""; *p; p++)
    if (g_ascii_isalnum (*p) || *p == '-')
      g_string_append_c (safe, *p);
  if (safe->len == 0)
    {
      g_string_free (safe, TRUE);
      return NULL;
    }
  return g_string_free (safe, FALSE);
}

/* basvuru-formu-<order>-<date-time>.pdf: one file per form, never an older one
 * overwritten or opened by mistake. */
static char *
ey_page_wet_file_name (EyPageWet *self)
{
  g_autofree char *order = ey_page_wet_order_key (self);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *when = g_date_time_format (now, "%Y%m%d-%H%M%S");

  return g_strdup_printf ("basvuru-formu-%s%s%s.pdf", order ? order : "", order ? "-" : "", when);
}

/* The checklist is kept per order, so that it is still ticked after a restart. */
static char *
ey_page_wet_checklist_path (void)
{
  return g_build_filename (g_get_user_state_dir (), PACKAGE_NAME, "wet-checklist.ini", NULL);
}

static void
ey_page_wet_load_checklist (EyPageWet *self)
{
  g_autofree char *order = ey_page_wet_order_key (self);
  g_autoptr(GKeyFile) file = g_key_file_new ();
  g_autofree char *path = ey_page_wet_checklist_path ();
  g_autofree gboolean *ticked = NULL;
  gsize n = 0;

  if (order == NULL || !g_key_file_load_from_file (file, path, G_KEY_FILE_NONE, NULL))
    return;
  ticked = g_key_file_get_boolean_list (file, "checklist", order, &n, NULL);
  self->loading = TRUE;
  for (gsize i = 0; ticked && i < n && i < G_N_ELEMENTS (self->checks); i++)
    gtk_check_button_set_active (self->checks[i], ticked[i]);
  self->loading = FALSE;
}

static void
on_check_toggled_cb (EyPageWet *self)
{
  g_autofree char *order = ey_page_wet_order_key (self);
  g_autoptr(GKeyFile) file = g_key_file_new ();
  g_autofree char *path = ey_page_wet_checklist_path ();
  g_autofree char *dir = g_path_get_dirname (path);
  gboolean ticked[G_N_ELEMENTS (self->checks)];
  g_autoptr(GError) error = NULL;

  if (order == NULL || self->loading)
    return;
  g_key_file_load_from_file (file, path, G_KEY_FILE_NONE, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (self->checks); i++)
    ticked[i] = gtk_check_button_get_active (self->checks[i]);
  g_key_file_set_boolean_list (file, "checklist", order, ticked, G_N_ELEMENTS (ticked));
  if (g_mkdir_with_parents (dir, 0700) != 0 || !g_key_file_save_to_file (file, path, &error))
    g_debug ("Checklist not kept: %s", error ? error->message : g_strerror (errno));
}

G_GNUC_BEGIN_IGNORE_DEPRECATIONS
static void
on_save_response_cb (GtkNativeDialog *dialog,
                     int              response,
                     EyPageWet       *self)
{
  g_autoptr(GFile) target = NULL;
  g_autoptr(GFile) source = NULL;
  g_autoptr(GError) error = NULL;

  if (response == GTK_RESPONSE_ACCEPT && self->pdf_path)
    {
      target = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      source = g_file_new_for_path (self->pdf_path);
      if (target && !g_file_copy (source, target, G_FILE_COPY_OVERWRITE, NULL, NULL, NULL, &error))
        ey_step_page_show_error (EY_STEP_PAGE (self), error);
    }
  g_object_unref (dialog);
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  EyPageWet *self = EY_PAGE_WET (widget);
  GtkFileChooserNative *chooser;
  g_autofree char *name = NULL;

  if (self->pdf_path == NULL)
    return;
  /* GtkFileDialog is GTK 4.10; the target is 4.8. */
  chooser = gtk_file_chooser_native_new (_("Save the Application Form"),
                                         GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  name = g_path_get_basename (self->pdf_path);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  g_signal_connect_object (chooser, "response", G_CALLBACK (on_save_response_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}
G_GNUC_END_IGNORE_DEPRECATIONS

static void
print_job_done_cb (GtkPrintJob  *job,
                   gpointer      user_data,
                   const GError *error)
{
  EyPageWet *self = user_data;

  if (error && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    ey_step_page_show_error (EY_STEP_PAGE (self), error);
}

static void
on_print_response_cb (GtkDialog *dialog,
                      int        response,
                      EyPageWet *self)
{
  if (response == GTK_RESPONSE_OK && self->pdf_path)
    {
      GtkPrintUnixDialog *print = GTK_PRINT_UNIX_DIALOG (dialog);
      g_autoptr(GtkPrintJob) job = gtk_print_job_new (_("Application form"),
                                                      gtk_print_unix_dialog_get_selected_printer (print),
                                                      gtk_print_unix_dialog_get_settings (print),
                                                      gtk_print_unix_dialog_get_page_setup (print));
      g_autoptr(GError) error = NULL;

      /* The PDF as KamuSM made it, not a redrawing of it. */
      if (!gtk_print_job_set_source_file (job, self->pdf_path, &error))
        ey_step_page_show_error (EY_STEP_PAGE (self), error);
      else
        gtk_print_job_send (job, print_job_done_cb, g_object_ref (self), g_object_unref);
    }
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static void
print_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  EyPageWet *self = EY_PAGE_WET (widget);
  GtkWidget *dialog;

  if (self->pdf_path == NULL)
    return;
  dialog = gtk_print_unix_dialog_new (_("Print the Application Form"),
                                      GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))));
  gtk_print_unix_dialog_set_manual_capabilities (GTK_PRINT_UNIX_DIALOG (dialog),
                                                 GTK_PRINT_CAPABILITY_GENERATE_PDF |
                                                 GTK_PRINT_CAPABILITY_COPIES);
  gtk_window_set_modal (GTK_WINDOW (dialog), TRUE);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_print_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
ey_page_wet_store (EyPageWet *self,
                   GBytes    *pdf)
{
  g_autofree char *dir = g_build_filename (g_get_user_cache_dir (), PACKAGE_NAME, NULL);
  g_autofree char *name = ey_page_wet_file_name (self);
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;

  /* Stored once per page: a second store (sync again) keeps the same file. */
  if (self->pdf_path)
    return;
  path = g_build_filename (dir, name, NULL);

  /* Kept in the user's cache so a viewer can open and print it. */
  if (g_mkdir_with_parents (dir, 0700) != 0 ||
      !g_file_set_contents_full (path, g_bytes_get_data (pdf, NULL), g_bytes_get_size (pdf),
                                 G_FILE_SET_CONTENTS_CONSISTENT, 0600, &error))
    {
      ey_step_page_show_message (EY_STEP_PAGE (self),
                                 _("The form was downloaded but could not be stored on this "
                                   "computer. Check the free disk space and download it again."));
      ey_page_wet_set_failed (self, TRUE);
      return;
    }
  g_free (self->pdf_path);
  self->pdf_path = g_steal_pointer (&path);
  gtk_label_set_text (self->status_label,
                      _("KamuSM prepared your application form. Open it, print it and follow "
                        "the checklist below."));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "wet.open", TRUE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "wet.print", TRUE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "wet.save", TRUE);
  ey_page_wet_set_failed (self, FALSE);
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
      ey_page_wet_set_failed (self, TRUE);
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
  ey_page_wet_set_failed (self, FALSE);
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
      !self->failed)
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
  ey_page_wet_load_checklist (self);
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
open_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  EyPageWet *self = EY_PAGE_WET (widget);
  g_autofree char *uri = NULL;

  if (self->pdf_path == NULL)
    return;
  uri = g_filename_to_uri (self->pdf_path, NULL, NULL);
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_show_uri (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))), uri, GDK_CURRENT_TIME);
  G_GNUC_END_IGNORE_DEPRECATIONS
}

static void
fetch_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  ey_page_wet_fetch (EY_PAGE_WET (widget));
}

static void
ey_page_wet_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  EyPageWet *self = EY_PAGE_WET (object);

  switch (prop_id)
    {
    case PROP_FAILED:
      g_value_set_boolean (value, self->failed);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
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
  object_class->get_property = ey_page_wet_get_property;
  page_class->sync = ey_page_wet_sync;
  page_class->next = ey_page_wet_next;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/eimzayenile/EimzaYenile/ey-page-wet.ui");
  gtk_widget_class_bind_template_child (widget_class, EyPageWet, status_label);
  gtk_widget_class_bind_template_child (widget_class, EyPageWet, open_button);
  gtk_widget_class_bind_template_child (widget_class, EyPageWet, next_colleague_button);
  gtk_widget_class_bind_template_child (widget_class, EyPageWet, retry_button);
  gtk_widget_class_bind_template_child (widget_class, EyPageWet, error_label);
  gtk_widget_class_bind_template_child (widget_class, EyPageWet, print_button);
  gtk_widget_class_bind_template_child (widget_class, EyPageWet, save_button);
  gtk_widget_class_bind_template_child_full (widget_class, "check0", FALSE,
                                             G_STRUCT_OFFSET (EyPageWet, checks[0]));
  gtk_widget_class_bind_template_child_full (widget_class, "check1", FALSE,
                                             G_STRUCT_OFFSET (EyPageWet, checks[1]));
  gtk_widget_class_bind_template_child_full (widget_class, "check2", FALSE,
                                             G_STRUCT_OFFSET (EyPageWet, checks[2]));
  gtk_widget_class_bind_template_child_full (widget_class, "check3", FALSE,
                                             G_STRUCT_OFFSET (EyPageWet, checks[3]));
  gtk_widget_class_bind_template_callback (widget_class, on_check_toggled_cb);

  properties[PROP_FAILED] =
    g_param_spec_boolean ("failed", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_install_action (widget_class, "wet.open", NULL, open_action);
  gtk_widget_class_install_action (widget_class, "wet.print", NULL, print_action);
  gtk_widget_class_install_action (widget_class, "wet.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "wet.fetch", NULL, fetch_action);
}

static void
ey_page_wet_init (EyPageWet *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  /* The form's actions wait for the form. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "wet.open", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "wet.print", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "wet.save", FALSE);
  self->session_signals = g_signal_group_new (EY_TYPE_SESSION);
  g_signal_group_connect_swapped (self->session_signals, "notify::busy",
                                  G_CALLBACK (ey_page_wet_maybe_fetch), self);
}
