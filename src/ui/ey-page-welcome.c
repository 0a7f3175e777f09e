/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ey-page-welcome"

#include "config.h"

#include <glib/gi18n.h>

#include "ey-application.h"
#include "ey-doctor.h"
#include "ey-page-welcome.h"
#include "ey-recovery.h"
#include "ey-ui-format.h"
#include "ey-window-private.h"
#include "ey-ui-closures.h"

struct _EyPageWelcome
{
  EyStepPage    parent_instance;

  GtkLabel     *notice_label;
  GtkButton    *forget_button;
  EyRecovery   *pending;        /* the unfinished application the notice is about */
  char         *notice;         /* what the notice says about it, or NULL */
  GtkLabel     *error_label;
  AdwActionRow *holder_row;
  AdwActionRow *validity_row;
  AdwActionRow *path_row;
  AdwActionRow *computer_row;
  GtkSpinner   *computer_spinner;
  GtkImage     *computer_icon;
  GtkToggleButton *details_button;
  GtkListBox   *findings_list;

  GSignalGroup *app_signals;

  /* The first-run checks of `eimza-yenile-cli doctor`, shown under "This computer". */
  EyDoctor     *doctor;
  GListStore   *findings;
  GCancellable *doctor_cancellable;
  gboolean      checking;
  /* The card changed (or the page was shown again) during a run: run once more after. */
  gboolean      check_again;
};

G_DEFINE_FINAL_TYPE (EyPageWelcome, ey_page_welcome, EY_TYPE_STEP_PAGE)

enum {
  PROP_0,
  PROP_CHECKING,
  PROP_FINDINGS,
  PROP_NOTICE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void ey_page_welcome_check_computer (EyPageWelcome *self);
static void ey_page_welcome_show_card      (EyPageWelcome *self);

static const char *
status_icon_name (EyDoctorStatus status)
{
  switch (status)
    {
    case EY_DOCTOR_STATUS_OK:
      return "emblem-ok-symbolic";
    case EY_DOCTOR_STATUS_WARN:
      return "dialog-warning-symbolic";
    case EY_DOCTOR_STATUS_FAIL:
    default:
      return "dialog-error-symbolic";
    }
}

/* What a screen reader says for the status icon (the colour alone says nothing). */
static const char *
status_description (EyDoctorStatus status)
{
  switch (status)
    {
    case EY_DOCTOR_STATUS_OK:
      return _("Passed");
    case EY_DOCTOR_STATUS_WARN:
      return _("Needs attention");
    case EY_DOCTOR_STATUS_FAIL:
    default:
      return _("Needs fixing");
    }
}

static const char *
status_style_class (EyDoctorStatus status)
{
  switch (status)
    {
    case EY_DOCTOR_STATUS_OK:
      return "success";
    case EY_DOCTOR_STATUS_WARN:
      return "warning";
    case EY_DOCTOR_STATUS_FAIL:
    default:
      return "error";
    }
}

static void
set_status_icon (GtkImage       *image,
                 EyDoctorStatus  status)
{
  const char *description = status_description (status);

  gtk_image_set_from_icon_name (image, status_icon_name (status));
  gtk_widget_remove_css_class (GTK_WIDGET (image), "success");
  gtk_widget_remove_css_class (GTK_WIDGET (image), "warning");
  gtk_widget_remove_css_class (GTK_WIDGET (image), "error");
  gtk_widget_add_css_class (GTK_WIDGET (image), status_style_class (status));
  gtk_widget_set_tooltip_text (GTK_WIDGET (image), description);
  gtk_accessible_update_property (GTK_ACCESSIBLE (image),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, description,
                                  -1);
}

static void
copy_fix_clicked_cb (GtkButton *button,
                     gpointer   user_data)
{
  const char *fix = g_object_get_data (G_OBJECT (button), "ey-fix");

  if (fix)
    gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (button)), fix);
}

/* One row per finding: summary, detail, a status icon and, when something is wrong,
 * the command that fixes it (shown, selectable through the copy button). */
static GtkWidget *
create_finding_row (gpointer item,
                    gpointer user_data)
{
  EyDoctorFinding *finding = item;
  EyDoctorStatus status = ey_doctor_finding_get_status (finding);
  const char *detail = ey_doctor_finding_get_detail (finding);
  const char *fix = ey_doctor_finding_get_fix (finding);
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *icon = gtk_image_new ();
  g_autofree char *subtitle = NULL;

  /* Doctor texts carry paths and commands, never markup. */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                 ey_doctor_finding_get_summary (finding));
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
  gtk_widget_set_name (row, ey_doctor_finding_get_id (finding));

  gtk_widget_set_valign (icon, GTK_ALIGN_CENTER);
  set_status_icon (GTK_IMAGE (icon), status);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);

  if (status != EY_DOCTOR_STATUS_OK && fix && *fix)
    {
      GtkWidget *button = gtk_button_new_from_icon_name ("edit-copy-symbolic");
      g_autofree char *tooltip = g_strdup_printf (_("Copy the command: %s"), fix);

      subtitle = g_strdup_printf ("%s%s%s\n%s", detail ? detail : "", detail && *detail ? "\n" : "",
                                  /* TRANSLATORS: followed by a shell command on the next line */
                                  _("To fix it, run:"), fix);
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (button, "flat");
      gtk_widget_set_tooltip_text (button, tooltip);
      gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, _("Copy the command"),
                                      -1);
      g_object_set_data_full (G_OBJECT (button), "ey-fix", g_strdup (fix), g_free);
      g_signal_connect (button, "clicked", G_CALLBACK (copy_fix_clicked_cb), NULL);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
    }
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle ? subtitle : (detail ? detail : ""));

  return row;
}

static void
ey_page_welcome_set_checking (EyPageWelcome *self,
                              gboolean       checking)
{
  if (self->checking == checking)
    return;
  self->checking = checking;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CHECKING]);
}

static void
ey_page_welcome_set_notice (EyPageWelcome *self,
                            const char    *notice)
{
  if (g_strcmp0 (self->notice, notice) == 0)
    return;
  g_free (self->notice);
  self->notice = g_strdup (notice);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NOTICE]);
}

static gboolean
nonzero_cb (EyPageWelcome *self,
            guint          n)
{
  return n > 0;
}

static gboolean
ey_page_welcome_is_demo (EyPageWelcome *self)
{
  EyWindow *window = ey_step_page_get_window (EY_STEP_PAGE (self));
  EyApplication *app = window ? _ey_window_get_application (window) : NULL;

  return app && ey_application_get_demo (app);
}

/* The one summary row: calm when all is well, the rows open by themselves when not
 * (except in the demo, which does not need the real machine: there it is for
 * information only and never stands in the way). */
static void
ey_page_welcome_show_computer (EyPageWelcome *self)
{
  GListModel *model = G_LIST_MODEL (self->findings);
  guint n = g_list_model_get_n_items (model);
  guint issues = 0;
  EyDoctorStatus worst;
  gboolean demo = ey_page_welcome_is_demo (self);
  g_autofree char *subtitle = NULL;
  const char *title;

  if (self->checking && n == 0)
    {
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->computer_row),
                                     _("Checking this computer…"));
      adw_action_row_set_subtitle (self->computer_row,
                                   _("The card reader service, the card driver and the secure "
                                     "connection."));
      return;
    }

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(EyDoctorFinding) finding = g_list_model_get_item (model, i);

      if (ey_doctor_finding_get_status (finding) != EY_DOCTOR_STATUS_OK)
        issues++;
    }
  worst = ey_doctor_worst_status (model);

  if (worst == EY_DOCTOR_STATUS_OK)
    {
      title = _("This computer is ready");
      subtitle = g_strdup_printf (ngettext ("%u check passed.", "All %u checks passed.", n), n);
    }
  else if (demo)
    {
      title = _("This computer, for information");
      subtitle = g_strdup_printf (ngettext ("%u check needs attention before a real renewal. "
                                            "The demo does not need it.",
                                            "%u checks need attention before a real renewal. "
                                            "The demo does not need them.", issues), issues);
    }
  else
    {
      title = worst == EY_DOCTOR_STATUS_FAIL ? _("This computer needs fixing")
                                             : _("This computer may need attention");
      subtitle = g_strdup_printf (ngettext ("%u check needs attention. Open the details to see "
                                            "what to do.",
                                            "%u checks need attention. Open the details to see "
                                            "what to do.", issues), issues);
    }

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->computer_row), title);
  adw_action_row_set_subtitle (self->computer_row, subtitle);
  set_status_icon (self->computer_icon, demo && worst != EY_DOCTOR_STATUS_OK
                                        ? EY_DOCTOR_STATUS_WARN : worst);
}

static void
doctor_run_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  EyPageWelcome *self;
  g_autoptr(GListModel) findings = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GError) error = NULL;

  findings = ey_doctor_run_finish (EY_DOCTOR (source), result, &error);
  /* Cancelled only when the page went away: do not touch it. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self = EY_PAGE_WELCOME (user_data);
  ey_page_welcome_set_checking (self, FALSE);

  if (findings)
    {
      gboolean was_ok = g_list_model_get_n_items (G_LIST_MODEL (self->findings)) == 0 ||
                        ey_doctor_worst_status (G_LIST_MODEL (self->findings)) == EY_DOCTOR_STATUS_OK;

      /* One splice: the list box rebuilds its rows once, not per finding. */
      items = g_ptr_array_new_with_free_func (g_object_unref);
      for (guint i = 0; i < g_list_model_get_n_items (findings); i++)
        g_ptr_array_add (items, g_list_model_get_item (findings, i));
      g_list_store_splice (self->findings, 0,
                           g_list_model_get_n_items (G_LIST_MODEL (self->findings)),
                           items->pdata, items->len);
      /* Newly something wrong on the real machine: show the rows without a click. */
      if (was_ok && ey_doctor_worst_status (findings) != EY_DOCTOR_STATUS_OK &&
          !ey_page_welcome_is_demo (self))
        gtk_toggle_button_set_active (self->details_button, TRUE);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FINDINGS]);
      ey_page_welcome_show_computer (self);
    }
  else
    {
      set_status_icon (self->computer_icon, EY_DOCTOR_STATUS_FAIL);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->computer_row),
                                     _("The checks of this computer could not run"));
      adw_action_row_set_subtitle (self->computer_row, error ? error->message : "");
    }

  if (self->check_again)
    ey_page_welcome_check_computer (self);
}

/* Runs the doctor in its worker thread; one run at a time, a request during a run
 * makes one more run after it (the card may have changed half-way). */
static void
ey_page_welcome_check_computer (EyPageWelcome *self)
{
  if (self->doctor_cancellable == NULL || g_cancellable_is_cancelled (self->doctor_cancellable))
    return;
  if (self->checking)
    {
      self->check_again = TRUE;
      return;
    }
  self->check_again = FALSE;
  ey_page_welcome_set_checking (self, TRUE);
  ey_page_welcome_show_computer (self);
  ey_doctor_run_async (self->doctor, self->doctor_cancellable, doctor_run_cb, self);
}

static void
ey_page_welcome_certificates_changed (EyPageWelcome *self)
{
  ey_page_welcome_show_card (self);
  /* The page not shown: its next sync runs the checks anyway. */
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    ey_page_welcome_check_computer (self);
}

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
  g_autoptr(GPtrArray) notes = NULL;
  g_autofree char *dir = NULL;
  EyRecovery *recovery = NULL;

  g_signal_group_set_target (self->app_signals, app);
  ey_page_welcome_show_card (self);
  ey_page_welcome_check_computer (self);
  ey_step_page_set_error_label (page, self->error_label);

  if (session == NULL && app && ey_application_get_demo (app))
    {
      /* The demo's site is a child process: say so while it starts, and why it
       * could not; Continue tries again then. */
      const GError *error = ey_application_get_demo_site_error (app);

      ey_step_page_show_message (page, error ? error->message : NULL);
      ey_step_page_set_continue_label (page, error ? _("_Try Again") : _("Starting the demo site…"));
      ey_step_page_set_can_continue (page, error != NULL);
    }
  else if (session && ey_session_get_step (session) == EY_SESSION_STEP_FAILED)
    {
      const GError *error = ey_session_get_error (session);

      ey_step_page_show_message (page, error ? error->message
                                             : _("The renewal could not go on."));
      ey_step_page_set_continue_label (page, _("_Start Again"));
    }
  else
    ey_step_page_set_continue_label (page, _("_Start the Renewal"));

  /* A signed application that was never confirmed: say so, and let sign-in finish it.
   * Notes are kept per mode (the demo's never show in the real program) and per
   * person (after sign-in the session takes the note of whoever signed in). */
  dir = ey_recovery_default_dir (app && ey_application_get_demo (app) ? "demo" : "real");
  notes = ey_recovery_list (dir);
  if (notes->len > 0)
    recovery = g_ptr_array_index (notes, 0);
  g_clear_pointer (&self->pending, ey_recovery_unref);
  if (recovery && session)
    {
      g_autofree char *text = NULL;
      g_autofree char *when = ey_ui_format_date (ey_recovery_get_created (recovery));

      self->pending = ey_recovery_ref (recovery);
      if (ey_session_get_recovery (session) == NULL)
        ey_session_set_recovery (session, recovery);
      text = g_strdup_printf (_("The application that %s signed on %s has NOT reached KamuSM yet. "
                                "Sign in as %s and the program finishes it, without signing "
                                "again."),
                              ey_recovery_get_display_name (recovery), when,
                              ey_recovery_get_display_name (recovery));
      ey_page_welcome_set_notice (self, text);
    }
  else
    ey_page_welcome_set_notice (self, NULL);
}

static void
ey_page_welcome_next (EyStepPage *page)
{
  EySession *session = ey_step_page_get_session (page);
  EyWindow *window = ey_step_page_get_window (page);

  if (session == NULL || ey_session_get_step (session) == EY_SESSION_STEP_FAILED)
    {
      EyApplication *app = window ? _ey_window_get_application (window) : NULL;

      /* The demo's site failed to start: start it again (the window follows). */
      if (session == NULL && app && ey_application_get_demo_site_error (app))
        ey_application_start_demo_site (app);
      else if (window)
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
  /* A run still in its thread completes with CANCELLED and leaves the page alone. */
  if (self->doctor_cancellable)
    g_cancellable_cancel (self->doctor_cancellable);
  g_clear_object (&self->doctor_cancellable);
  g_clear_object (&self->doctor);
  gtk_widget_dispose_template (GTK_WIDGET (self), EY_TYPE_PAGE_WELCOME);
  G_OBJECT_CLASS (ey_page_welcome_parent_class)->dispose (object);
}

static void
ey_page_welcome_finalize (GObject *object)
{
  EyPageWelcome *self = EY_PAGE_WELCOME (object);

  g_clear_object (&self->findings);
  g_clear_pointer (&self->pending, ey_recovery_unref);
  g_clear_pointer (&self->notice, g_free);

  G_OBJECT_CLASS (ey_page_welcome_parent_class)->finalize (object);
}

static void
ey_page_welcome_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  EyPageWelcome *self = EY_PAGE_WELCOME (object);

  switch (prop_id)
    {
    case PROP_CHECKING:
      g_value_set_boolean (value, self->checking);
      break;
    case PROP_FINDINGS:
      g_value_set_object (value, self->findings);
      break;
    case PROP_NOTICE:
      g_value_set_string (value, self->notice);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
on_forget_response (AdwMessageDialog *dialog,
                    const char       *response,
                    EyPageWelcome    *self)
{
  EySession *session = ey_step_page_get_session (EY_STEP_PAGE (self));
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (response, "forget") != 0 || self->pending == NULL)
    return;
  if (ey_recovery_get_file (self->pending) &&
      !ey_recovery_clear (ey_recovery_get_file (self->pending), &error))
    {
      ey_step_page_show_message (EY_STEP_PAGE (self), error->message);
      return;
    }
  if (session && ey_session_get_recovery (session) == self->pending)
    ey_session_set_recovery (session, NULL);
  g_clear_pointer (&self->pending, ey_recovery_unref);
  ey_page_welcome_sync (EY_STEP_PAGE (self));
}

/* Forgetting is for an application KamuSM has after all, or one nobody wants
 * any more: the dialog says what is lost. */
static void
on_forget_clicked (EyPageWelcome *self)
{
  GtkWidget *dialog;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autofree char *body = NULL;

  if (self->pending == NULL)
    return;
  body = g_strdup_printf (_("The signature of %s was accepted, but the application has NOT "
                            "reached KamuSM. If you forget it, this program no longer finishes "
                            "it: the renewal must then be done again from the start (new SMS "
                            "code and a new signature), or finished on the KamuSM site.\n\n"
                            "Forget it only if KamuSM confirmed the application in another way, "
                            "or if this renewal is not wanted any more."),
                          ey_recovery_get_display_name (self->pending));
  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   _("Forget the unfinished application?"), body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "keep", _("_Keep It"),
                                    "forget", _("_Forget It"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "forget",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "keep");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "keep");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_forget_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
ey_page_welcome_class_init (EyPageWelcomeClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  EyStepPageClass *page_class = EY_STEP_PAGE_CLASS (klass);

  object_class->dispose = ey_page_welcome_dispose;
  object_class->finalize = ey_page_welcome_finalize;
  object_class->get_property = ey_page_welcome_get_property;

  /* The doctor runs now (the spinner turns); tests wait for it to drop. */
  properties[PROP_CHECKING] =
    g_param_spec_boolean ("checking", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* The last run's EyDoctorFinding list (empty before the first run ends). */
  properties[PROP_FINDINGS] =
    g_param_spec_object ("findings", NULL, NULL, G_TYPE_LIST_MODEL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* The notice about an unfinished application, or NULL. */
  properties[PROP_NOTICE] =
    g_param_spec_string ("notice", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
  page_class->sync = ey_page_welcome_sync;
  page_class->next = ey_page_welcome_next;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/eimzayenile/EimzaYenile/ey-page-welcome.ui");
  gtk_widget_class_bind_template_child (widget_class, EyPageWelcome, notice_label);
  gtk_widget_class_bind_template_child (widget_class, EyPageWelcome, forget_button);
  gtk_widget_class_bind_template_callback (widget_class, on_forget_clicked);
  gtk_widget_class_bind_template_child (widget_class, EyPageWelcome, error_label);
  gtk_widget_class_bind_template_child (widget_class, EyPageWelcome, holder_row);
  gtk_widget_class_bind_template_child (widget_class, EyPageWelcome, validity_row);
  gtk_widget_class_bind_template_child (widget_class, EyPageWelcome, path_row);
  gtk_widget_class_bind_template_child (widget_class, EyPageWelcome, computer_row);
  gtk_widget_class_bind_template_child (widget_class, EyPageWelcome, computer_spinner);
  gtk_widget_class_bind_template_child (widget_class, EyPageWelcome, computer_icon);
  gtk_widget_class_bind_template_child (widget_class, EyPageWelcome, details_button);
  gtk_widget_class_bind_template_child (widget_class, EyPageWelcome, findings_list);
  ey_ui_closures_bind (widget_class);
  gtk_widget_class_bind_template_callback (widget_class, nonzero_cb);
  g_type_ensure (G_TYPE_LIST_STORE);
}

static void
ey_page_welcome_init (EyPageWelcome *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->doctor = ey_doctor_new ();
  self->doctor_cancellable = g_cancellable_new ();
  self->findings = g_list_store_new (EY_TYPE_DOCTOR_FINDING);
  gtk_list_box_bind_model (self->findings_list, G_LIST_MODEL (self->findings),
                           create_finding_row, NULL, NULL);
  self->app_signals = g_signal_group_new (EY_TYPE_APPLICATION);
  /* The card monitor's inserts and removals end up here too (a new certificate list). */
  g_signal_group_connect_swapped (self->app_signals, "certificates-changed",
                                  G_CALLBACK (ey_page_welcome_certificates_changed), self);
  g_signal_group_connect_swapped (self->app_signals, "notify::certificates-busy",
                                  G_CALLBACK (ey_page_welcome_show_card), self);
}
