/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ey-application"

#include "config.h"

#include <locale.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <glib-unix.h>
#define G_SETTINGS_ENABLE_BACKEND
#include <gio/gsettingsbackend.h>

#include "ey-application.h"
#include "ey-ui-secret.h"
#include "ey-ui-speed.h"
#include "ey-window.h"
#include "ey-officer-window.h"
#include "ey-card-db.h"
#include "ey-demo-token.h"
#include "ey-recovery.h"
#include "ey-session.h"
#include "ey-demo-site.h"
#include "ey-site-client.h"
#include "ey-site-profile.h"
#include "ey-token-layer.h"
#include "ey-token-manager.h"
#include "ey-reminder.h"
#include "ey-my-renewal-window.h"

#define SCHEMA_ID "io.github.eimzayenile.EimzaYenile"

void ey_ui_register_resource (void);

struct _EyApplication
{
  AdwApplication   parent_instance;

  gboolean         demo;
  char            *demo_dir;
  EyDemoToken     *demo_token;
  EyDemoSite      *demo_site;
  gboolean         demo_site_ready;
  GError          *demo_site_error;

  EyCardMonitor   *monitor;
  EyTokenManager  *tokens;
  GPtrArray       *certificates;   /* EyCertificate */
  GError          *token_error;
  GCancellable    *cancellable;
  gboolean         listing;
  gboolean         relist;

  GSettings       *settings;
  EyReminder      *reminder;
  GHashTable      *announced;      /* not-after (gint64 in a pointer) of new cards told */
  GtkCssProvider  *css;
  guint            sigint_id;
  guint            sigterm_id;
};

G_DEFINE_FINAL_TYPE (EyApplication, ey_application, ADW_TYPE_APPLICATION)

enum {
  PROP_0,
  PROP_CERTIFICATES_BUSY,
  N_PROPS
};

enum {
  CERTIFICATES_CHANGED,
  DEMO_SITE_CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];
static char *initial_language;   /* $LANGUAGE at start, for "follow the system" */
static char *initial_messages_locale;

const char *
ey_application_get_localedir (void)
{
  const char *dir = g_getenv ("EY_LOCALEDIR");

  return dir && *dir ? dir : LOCALEDIR;
}

void
ey_application_init_i18n (void)
{
  setlocale (LC_ALL, "");
  initial_language = g_strdup (g_getenv ("LANGUAGE"));
  initial_messages_locale = g_strdup (setlocale (LC_MESSAGES, NULL));
  bindtextdomain (GETTEXT_PACKAGE, ey_application_get_localedir ());
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  /* g_dgettext() (GtkBuilder's .ui strings) decides once per process whether to
   * translate at all, and says no under a locale like C.UTF-8 with no catalog.  The
   * in-app language switch needs it to say yes, so it decides now under "C". */
  setlocale (LC_MESSAGES, "C");
  (void) g_dgettext (GETTEXT_PACKAGE, "");
  setlocale (LC_MESSAGES, initial_messages_locale ? initial_messages_locale : "");

  /* The in-app language switch runs while GTK's, GIO's and the card monitor's threads
   * read the environment and the locale, and neither setenv () nor setlocale () is
   * safe beside them.  So both are prepared here, before any thread: gettext ignores
   * LANGUAGE under the C locale, so a C or POSIX message locale becomes C.UTF-8 (the
   * same English texts), and LANGUAGE is made to exist (empty means "not set" to
   * gettext), so a later switch replaces one string in place and never resizes or
   * shrinks the environment (glibc keeps replaced strings alive). */
  {
    const char *current = setlocale (LC_MESSAGES, NULL);

    if (current == NULL || g_str_equal (current, "C") || g_str_equal (current, "POSIX"))
      setlocale (LC_MESSAGES, "C.UTF-8");
  }
  if (initial_language == NULL)
    g_setenv ("LANGUAGE", "", TRUE);
}

static void
apply_language (const char *language)
{
  /* Only replaces the value of a variable that exists since ey_application_init_i18n ():
   * see there why no setlocale () and no unsetenv () here. */
  if (language && *language)
    g_setenv ("LANGUAGE", language, TRUE);
  else
    g_setenv ("LANGUAGE", initial_language ? initial_language : "", TRUE);
  /* textdomain() bumps gettext's catalog counter, so cached lookups are dropped. */
  textdomain (GETTEXT_PACKAGE);
}

/* The program's settings, or NULL: the schema may be missing when run from a build tree
 * without GSETTINGS_SCHEMA_DIR, and the program works without remembering anything then. */
static GSettings *
program_settings (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  if (source)
    schema = g_settings_schema_source_lookup (source, SCHEMA_ID, TRUE);
  return schema ? g_settings_new (SCHEMA_ID) : NULL;
}

void
ey_application_apply_language_setting (void)
{
  g_autoptr(GSettings) settings = program_settings ();
  g_autofree char *language = NULL;

  if (settings == NULL)
    return;
  language = g_settings_get_string (settings, "language");
  if (language && *language)
    apply_language (language);
}

void
ey_application_set_language (EyApplication *self,
                             const char    *language)
{
  GAction *action;

  g_return_if_fail (EY_IS_APPLICATION (self));

  if (language == NULL)
    language = "";
  apply_language (language);
  if (self->settings)
    {
      g_autofree char *stored = g_settings_get_string (self->settings, "language");

      if (g_strcmp0 (stored, language) != 0)
        g_settings_set_string (self->settings, "language", language);
    }
  action = g_action_map_lookup_action (G_ACTION_MAP (self), "language");
  if (action)
    g_simple_action_set_state (G_SIMPLE_ACTION (action), g_variant_new_string (language));

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l; l = l->next)
    if (EY_IS_WINDOW (l->data))
      ey_window_rebuild_pages (EY_WINDOW (l->data));
}

gboolean
ey_application_get_demo (EyApplication *self)
{
  g_return_val_if_fail (EY_IS_APPLICATION (self), FALSE);
  return self->demo;
}

EyDemoSite *
ey_application_get_demo_site (EyApplication *self)
{
  g_return_val_if_fail (EY_IS_APPLICATION (self), NULL);
  return self->demo_site_ready ? self->demo_site : NULL;
}

const GError *
ey_application_get_demo_site_error (EyApplication *self)
{
  g_return_val_if_fail (EY_IS_APPLICATION (self), NULL);
  return self->demo_site_error;
}

EyCardMonitor *
ey_application_get_card_monitor (EyApplication *self)
{
  g_return_val_if_fail (EY_IS_APPLICATION (self), NULL);
  return self->monitor;
}

GSettings *
ey_application_get_settings (EyApplication *self)
{
  g_return_val_if_fail (EY_IS_APPLICATION (self), NULL);
  return self->settings;
}

GPtrArray *
ey_application_get_certificates (EyApplication *self)
{
  g_return_val_if_fail (EY_IS_APPLICATION (self), NULL);
  return self->certificates;
}

gboolean
ey_application_get_certificates_busy (EyApplication *self)
{
  g_return_val_if_fail (EY_IS_APPLICATION (self), FALSE);
  return self->listing;
}

const GError *
ey_application_get_token_error (EyApplication *self)
{
  g_return_val_if_fail (EY_IS_APPLICATION (self), NULL);
  return self->token_error;
}

static void
set_listing (EyApplication *self,
             gboolean       listing)
{
  if (self->listing == listing)
    return;
  self->listing = listing;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CERTIFICATES_BUSY]);
}

#define ONLINE_ISLEMLER_URL "https://onlineislemler.kamusm.gov.tr"
#define NES_BIREYSEL_URL    "https://nesbireysel.kamusm.gov.tr"

static void
new_card_response_cb (AdwMessageDialog *dialog,
                      const char       *response,
                      gpointer          user_data)
{
  const char *uri = NULL;
  g_autoptr(GAppLaunchContext) context = NULL;

  if (g_str_equal (response, "online"))
    uri = ONLINE_ISLEMLER_URL;
  else if (g_str_equal (response, "nes"))
    uri = NES_BIREYSEL_URL;
  if (uri == NULL)
    return;
  context = G_APP_LAUNCH_CONTEXT (gdk_display_get_app_launch_context (
              gtk_widget_get_display (GTK_WIDGET (dialog))));
  g_app_info_launch_default_for_uri_async (uri, context, NULL, NULL, NULL);
}

static void
present_new_card (EyApplication *self,
                  EyCertificate *cert)
{
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  g_autofree char *text = ey_reminder_describe_new_card (ey_certificate_get_not_before (cert));
  g_autofree char *body = g_strdup_printf ("%s\n\n%s", text, ey_reminder_describe_new_pin ());
  AdwMessageDialog *dialog;

  if (parent == NULL)
    return;
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (parent, _("Your New Card Has Arrived"),
                                                       NULL));
  /* Plain text on purpose: nothing from the card is read as markup.  The two sites
   * are buttons that open the browser. */
  adw_message_dialog_set_body (dialog, body);
  adw_message_dialog_add_responses (dialog,
                                    "online", _("Open _Online İşlemler"),
                                    "nes", _("Open _NES Bireysel"),
                                    "close", _("_Close"),
                                    NULL);
  adw_message_dialog_set_default_response (dialog, "close");
  adw_message_dialog_set_close_response (dialog, "close");
  g_signal_connect (dialog, "response", G_CALLBACK (new_card_response_cb), NULL);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* The user's own NES certificates feed the login reminder; the demo card is nobody's. */
static void
remember_certificates (EyApplication *self)
{
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GPtrArray) certs = NULL;

  if (self->demo || self->reminder == NULL || !ey_reminder_is_available (self->reminder))
    return;
  now = g_date_time_new_now_utc ();
  certs = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < self->certificates->len; i++)
    g_ptr_array_add (certs, g_object_ref (g_ptr_array_index (self->certificates, i)));
  /* The one in use (it ends first) is remembered before a renewal's new card is met. */
  g_ptr_array_sort (certs, ey_certificate_compare_not_after);
  for (guint i = 0; i < certs->len; i++)
    {
      EyCertificate *cert = g_ptr_array_index (certs, i);
      GDateTime *not_after = ey_certificate_get_not_after (cert);
      gpointer key;

      if (!ey_certificate_is_nes (cert))
        continue;
      if (ey_reminder_certificate_seen (self->reminder, ey_certificate_get_holder_name (cert),
                                        not_after, now) != EY_REMINDER_SEEN_NEW_CARD)
        continue;
      key = GSIZE_TO_POINTER ((gsize) g_date_time_to_unix (not_after));
      if (g_hash_table_add (self->announced, key))
        present_new_card (self, cert);
    }
}

static void
list_tokens_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(EyApplication) self = user_data;
  g_autoptr(GPtrArray) tokens = NULL;
  g_autoptr(GError) error = NULL;

  tokens = ey_token_manager_list_tokens_finish (EY_TOKEN_MANAGER (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  g_clear_error (&self->token_error);
  g_clear_pointer (&self->certificates, g_ptr_array_unref);
  if (tokens)
    self->certificates = ey_token_manager_collect_certificates (tokens);
  else
    {
      g_debug ("Listing tokens failed: %s", error->message);
      self->token_error = g_steal_pointer (&error);
      self->certificates = g_ptr_array_new_with_free_func (g_object_unref);
    }

  if (self->relist)
    {
      /* A card came or went while we listed: the answer may already be stale. */
      self->relist = FALSE;
      self->listing = FALSE;
      ey_application_refresh_certificates (self);
      return;
    }
  set_listing (self, FALSE);
  remember_certificates (self);
  g_signal_emit (self, signals[CERTIFICATES_CHANGED], 0);
}

void
ey_application_refresh_certificates (EyApplication *self)
{
  g_return_if_fail (EY_IS_APPLICATION (self));

  if (self->listing)
    {
      self->relist = TRUE;
      return;
    }
  set_listing (self, TRUE);
  ey_token_manager_list_tokens_async (self->tokens, self->cancellable, list_tokens_cb,
                                      g_object_ref (self));
}

static void
on_card_inserted_cb (EyCardMonitor *monitor,
                     const char    *reader,
                     GBytes        *atr,
                     EyCardType    *card_type,
                     EyApplication *self)
{
  const char * const *modules = ey_card_type_get_modules (card_type, EY_CARD_OS_CURRENT);

  /* The card DB knows the vendor module for this card; registered p11-kit modules are
   * used anyway. */
  for (guint i = 0; modules && modules[i]; i++)
    ey_token_manager_add_module (self->tokens, modules[i]);
  ey_application_refresh_certificates (self);
}

static void
on_card_removed_cb (EyApplication *self)
{
  ey_application_refresh_certificates (self);
}

static void
on_session_step_cb (EySession     *session,
                    GParamSpec    *pspec,
                    EyApplication *self)
{
  EySessionStep step = ey_session_get_step (session);
  g_autoptr(EyReminderApplication) application = NULL;
  static const char *paths[] = {
    [EY_SESSION_PATH_EONAY] = "eonay",
    [EY_SESSION_PATH_ESIGNED] = "esigned",
    [EY_SESSION_PATH_WET] = "wet",
  };
  EySessionPath path;

  /* Confirmed by the site, or the wet form is in hand: what "My Renewal" tells later. */
  if (step != EY_SESSION_STEP_DONE && step != EY_SESSION_STEP_WET)
    return;
  path = step == EY_SESSION_STEP_WET ? EY_SESSION_PATH_WET : ey_session_get_path (session);
  if (path <= EY_SESSION_PATH_NONE || path >= G_N_ELEMENTS (paths) || paths[path] == NULL)
    return;
  application = g_new0 (EyReminderApplication, 1);
  application->time = g_date_time_new_now_utc ();
  application->path = g_strdup (paths[path]);
  application->order = g_strdup (ey_session_get_order_id (session));
  application->institution = g_strdup (ey_session_get_institution (session));
  ey_reminder_record_application (self->reminder, application);
}

EySession *
ey_application_create_session (EyApplication  *self,
                               GError        **error)
{
  g_autoptr(EySiteProfile) profile = NULL;
  g_autoptr(EySiteClient) client = NULL;
  g_autofree char *recovery_dir = NULL;
  EySession *session;

  g_return_val_if_fail (EY_IS_APPLICATION (self), NULL);

  /* The demo never talks to anything but its own site: until that runs (or when it
   * failed, which the welcome page says) there is no renewal to start. */
  if (self->demo && !self->demo_site_ready)
    return NULL;

  /* The demo talks to its simulator with the built-in profile; otherwise an
   * update IT put in the configuration folders may replace it. */
  profile = self->demo ? ey_site_profile_new_default (error) : ey_site_profile_load (NULL, error);
  if (profile == NULL)
    return NULL;
  client = ey_site_client_new (profile);
  if (self->demo)
    {
      /* Demo: the simulator on loopback, and only this run's certificate. */
      if (!ey_site_client_set_base_url (client, ey_demo_site_get_base_url (self->demo_site), error))
        return NULL;
      ey_site_client_set_pinned_cert (client, ey_demo_site_get_certificate (self->demo_site));
    }
  session = ey_session_new (client);
  g_signal_connect_object (session, "notify::step", G_CALLBACK (on_session_step_cb), self, 0);
  /* Pending applications per mode: the demo's never show in the real program */
  recovery_dir = ey_recovery_default_dir (self->demo ? "demo" : "real");
  ey_session_set_recovery_dir (session, recovery_dir);
  return session;
}

static gboolean
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir)
    while ((name = g_dir_read_name (dir)))
      {
        g_autofree char *child = g_build_filename (path, name, NULL);

        if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
          remove_tree (child);
        else
          g_unlink (child);
      }
  return g_rmdir (path) == 0;
}

static void
demo_site_started_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(EyApplication) self = user_data;
  g_autoptr(GError) error = NULL;

  if (ey_demo_site_start_finish (EY_DEMO_SITE (object), result, &error))
    self->demo_site_ready = TRUE;
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  else
    {
      g_message ("The demo site could not start: %s", error->message);
      g_clear_error (&self->demo_site_error);
      self->demo_site_error = g_steal_pointer (&error);
    }
  g_signal_emit (self, signals[DEMO_SITE_CHANGED], 0);
}

/* The demo's site is kamusm-sim in a child process (ey-demo-site.c); windows start
 * their renewal once it listens ("demo-site-changed"). */
void
ey_application_start_demo_site (EyApplication *self)
{
  g_autofree char *state_file = NULL;
  g_autofree char *pending_dir = NULL;
  g_autofree char *folder = NULL;
  g_autoptr(GPtrArray) pending = NULL;

  g_return_if_fail (EY_IS_APPLICATION (self));
  if (!self->demo || self->demo_site_ready || (self->demo_site && !self->demo_site_error))
    return;

  /* The demo site keeps its applications in the demo's data folder, so a
   * renewal stranded after the signature can be finished after a restart, as
   * on the real site. Without a pending demo application it starts afresh. */
  state_file = g_build_filename (g_get_user_data_dir (), PACKAGE_NAME, "demo",
                                 "site-state.ini", NULL);
  pending_dir = ey_recovery_default_dir ("demo");
  pending = ey_recovery_list (pending_dir);
  if (pending->len == 0)
    g_unlink (state_file);

  /* What the child tells (its address, SMS, mail) stays in this run's private folder. */
  if (self->demo_dir)
    folder = g_build_filename (self->demo_dir, "site", NULL);
  else
    folder = g_build_filename (g_get_user_runtime_dir (), PACKAGE_NAME "-demo-site", NULL);
  g_clear_error (&self->demo_site_error);
  if (self->demo_site)
    ey_demo_site_stop (self->demo_site);
  g_clear_object (&self->demo_site);
  self->demo_site = ey_demo_site_new (folder);
  ey_demo_site_start_async (self->demo_site,
                            self->demo_token ? ey_demo_token_get_ca_file (self->demo_token) : NULL,
                            state_file, g_getenv ("EY_DEMO_CAPTCHA"), self->cancellable,
                            demo_site_started_cb, g_object_ref (self));
  g_signal_emit (self, signals[DEMO_SITE_CHANGED], 0);
}

static void
on_language_changed_cb (GSimpleAction *action,
                        GVariant      *value,
                        gpointer       user_data)
{
  ey_application_set_language (EY_APPLICATION (user_data), g_variant_get_string (value, NULL));
}

static void
new_window_activated (GSimpleAction *action,
                      GVariant      *parameter,
                      gpointer       user_data)
{
  EyWindow *window = ey_window_new (EY_APPLICATION (user_data));

  gtk_window_present (GTK_WINDOW (window));
}

static void
quit_activated (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  GtkApplication *app = GTK_APPLICATION (user_data);
  g_autoptr(GList) windows = g_list_copy (gtk_application_get_windows (app));

  /* Each window asks first if closing would lose a signed application. */
  for (GList *l = windows; l; l = l->next)
    gtk_window_close (GTK_WINDOW (l->data));
}

static void
about_activated (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (user_data));
  static const char *developers[] = { "e-İmza Yenile contributors", NULL };
  GtkWidget *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", parent,
                        "modal", TRUE,
                        "application-name", _("e-Signature Renewal"),
                        "application-icon", APPLICATION_ID,
                        "version", PACKAGE_VERSION,
                        "developers", developers,
                        "license-type", GTK_LICENSE_GPL_3_0,
                        "comments", _("Renew your qualified e-signature certificate at KamuSM "
                                      "from start to confirmation. Not a KamuSM product."),
                        "support-url", "mailto:bilgi@kamusm.gov.tr",
                        "translator-credits", _("translator-credits"),
                        NULL);
  gtk_window_present (GTK_WINDOW (about));
}

static void
my_renewal_activated (GSimpleAction *action,
                      GVariant      *parameter,
                      gpointer       user_data)
{
  EyApplication *self = EY_APPLICATION (user_data);
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));

  gtk_window_present (GTK_WINDOW (ey_my_renewal_window_new (parent, self->reminder)));
}

static const GActionEntry app_entries[] = {
  { "my-renewal", my_renewal_activated, NULL, NULL, NULL },
  { "new-window", new_window_activated, NULL, NULL, NULL },
  { "quit", quit_activated, NULL, NULL, NULL },
  { "about", about_activated, NULL, NULL, NULL },
  { "language", NULL, "s", "''", on_language_changed_cb },
};

static gboolean
on_quit_signal_cb (gpointer user_data)
{
  /* Ctrl+C or a TERM from the session: quit through the normal path so the demo's
   * temporary token and the simulator go away. */
  g_application_quit (G_APPLICATION (user_data));
  return G_SOURCE_CONTINUE;
}

static void
ey_application_startup (GApplication *application)
{
  EyApplication *self = EY_APPLICATION (application);
  const char *new_window_accels[] = { "<Control>n", NULL };
  const char *quit_accels[] = { "<Control>q", NULL };
  const char *help_accels[] = { "F1", NULL };

  G_APPLICATION_CLASS (ey_application_parent_class)->startup (application);

  /* From here on the window holds passwords and the PIN: no core dump of them */
  ey_ui_harden_process ();
  ey_ui_register_resource ();
  ey_ui_speed_install_label_widths ();
  ey_ui_speed_keep_frame_buffers ();
  ey_ui_speed_warm_tls ();
  ey_ui_speed_warm_icons ();
  self->css = gtk_css_provider_new ();
  gtk_css_provider_load_from_resource (self->css, "/io/github/eimzayenile/EimzaYenile/style.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (),
                                              GTK_STYLE_PROVIDER (self->css),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_entries,
                                   G_N_ELEMENTS (app_entries), self);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.new-window",
                                         new_window_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.help", help_accels);

  self->settings = program_settings ();
  if (self->settings)
    {
      g_autofree char *language = NULL;
      g_autoptr(GAction) reminders = NULL;

      /* The menu's "Renewal Reminders" switch is the setting itself. */
      reminders = g_settings_create_action (self->settings, "reminder-enabled");
      g_action_map_add_action (G_ACTION_MAP (self), reminders);
      language = g_settings_get_string (self->settings, "language");
      if (language && *language)
        ey_application_set_language (self, language);
    }

  if (self->demo && self->settings)
    {
      /* The demo's renewal is nobody's: it lives and dies in memory. */
      g_autoptr(GSettingsBackend) backend = g_memory_settings_backend_new ();
      g_autoptr(GSettings) demo_settings = g_settings_new_with_backend (SCHEMA_ID, backend);

      self->reminder = ey_reminder_new (demo_settings);
    }
  else
    self->reminder = ey_reminder_new (self->settings);
  if (self->demo)
    ey_application_start_demo_site (self);
  ey_officer_mode_install (self);
  /* The single note of an older version becomes a real-mode note, once,
   * before any window lists them */
  if (!self->demo)
    {
      g_autofree char *pending_real = ey_recovery_default_dir ("real");
      g_autoptr(GError) migrate_error = NULL;

      if (!ey_recovery_migrate_legacy (pending_real, &migrate_error))
        g_debug ("old pending note not moved: %s", migrate_error->message);
    }
  self->sigint_id = g_unix_signal_add (SIGINT, on_quit_signal_cb, self);
  self->sigterm_id = g_unix_signal_add (SIGTERM, on_quit_signal_cb, self);

  self->monitor = ey_card_monitor_new (NULL);
  g_signal_connect_object (self->monitor, "card-inserted", G_CALLBACK (on_card_inserted_cb),
                           self, 0);
  g_signal_connect_object (self->monitor, "card-removed", G_CALLBACK (on_card_removed_cb),
                           self, G_CONNECT_SWAPPED);
  if (!g_getenv ("EY_NO_CARD_MONITOR"))
    ey_card_monitor_start (self->monitor);

  self->tokens = g_object_ref (ey_token_manager_get_default ());
  ey_application_refresh_certificates (self);
}

static void
ey_application_activate (GApplication *application)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (application));

  /* A second launch raises the renewal in progress; "New Renewal" opens another. */
  if (window == NULL)
    window = GTK_WINDOW (ey_window_new (EY_APPLICATION (application)));
  gtk_window_present (window);
}

static void
ey_application_shutdown (GApplication *application)
{
  EyApplication *self = EY_APPLICATION (application);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->sigint_id, g_source_remove);
  g_clear_handle_id (&self->sigterm_id, g_source_remove);
  if (self->monitor)
    ey_card_monitor_stop (self->monitor);
  /* Waits for a signature or listing in progress, then finalizes the modules on this
   * (main) thread, before the demo token's folder goes. */
  ey_token_layer_shutdown ();
  /* The child goes with us, waited for here on the main thread (PR_SET_PDEATHSIG is
   * only for when we cannot). */
  if (self->demo_site)
    ey_demo_site_stop (self->demo_site);
  if (self->demo_dir)
    {
      remove_tree (self->demo_dir);
      g_clear_pointer (&self->demo_dir, g_free);
    }
  if (self->css)
    gtk_style_context_remove_provider_for_display (gdk_display_get_default (),
                                                   GTK_STYLE_PROVIDER (self->css));
  G_APPLICATION_CLASS (ey_application_parent_class)->shutdown (application);
}

static void
ey_application_dispose (GObject *object)
{
  EyApplication *self = EY_APPLICATION (object);

  g_clear_handle_id (&self->sigint_id, g_source_remove);
  g_clear_handle_id (&self->sigterm_id, g_source_remove);
  g_clear_object (&self->monitor);
  g_clear_object (&self->tokens);
  g_clear_object (&self->demo_site);
  g_clear_object (&self->demo_token);
  g_clear_object (&self->reminder);
  g_clear_object (&self->settings);
  g_clear_object (&self->css);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->certificates, g_ptr_array_unref);
  if (self->demo_dir)
    {
      remove_tree (self->demo_dir);
      g_clear_pointer (&self->demo_dir, g_free);
    }
  G_OBJECT_CLASS (ey_application_parent_class)->dispose (object);
}

static void
ey_application_finalize (GObject *object)
{
  EyApplication *self = EY_APPLICATION (object);

  g_clear_error (&self->token_error);
  g_clear_error (&self->demo_site_error);
  g_clear_pointer (&self->announced, g_hash_table_unref);
  G_OBJECT_CLASS (ey_application_parent_class)->finalize (object);
}

static void
ey_application_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  EyApplication *self = EY_APPLICATION (object);

  switch (prop_id)
    {
    case PROP_CERTIFICATES_BUSY:
      g_value_set_boolean (value, self->listing);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

/* Answered in the launching process, so it works without a display (IT scripts,
 * package checks) and never reaches a running instance. */
static int
ey_application_handle_local_options (GApplication *application,
                                     GVariantDict *options)
{
  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("%s %s\n", PACKAGE_NAME, PACKAGE_VERSION);
      return 0;
    }
  return -1;
}

static void
ey_application_class_init (EyApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = ey_application_dispose;
  object_class->finalize = ey_application_finalize;
  object_class->get_property = ey_application_get_property;
  app_class->handle_local_options = ey_application_handle_local_options;
  app_class->startup = ey_application_startup;
  app_class->activate = ey_application_activate;
  app_class->shutdown = ey_application_shutdown;

  properties[PROP_CERTIFICATES_BUSY] =
    g_param_spec_boolean ("certificates-busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[CERTIFICATES_CHANGED] =
    g_signal_new ("certificates-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[DEMO_SITE_CHANGED] =
    g_signal_new ("demo-site-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
ey_application_init (EyApplication *self)
{
  self->cancellable = g_cancellable_new ();
  self->certificates = g_ptr_array_new_with_free_func (g_object_unref);
  self->announced = g_hash_table_new (NULL, NULL);
  g_application_add_main_option (G_APPLICATION (self), "demo", 0, G_OPTION_FLAG_NONE,
                                 G_OPTION_ARG_NONE,
                                 _("Practise on a demo KamuSM site with a demo card"),
                                 NULL);
  g_application_add_main_option (G_APPLICATION (self), "version", 0, G_OPTION_FLAG_NONE,
                                 G_OPTION_ARG_NONE, _("Show the program version and quit"),
                                 NULL);
  /* Handled in main() before the application exists; listed here for --help. */
  g_application_add_main_option (G_APPLICATION (self), "check-renewal", 0, G_OPTION_FLAG_NONE,
                                 G_OPTION_ARG_NONE,
                                 _("Send the renewal reminder that is due, if any, and quit"),
                                 NULL);
}

/* An officer's demo has colleagues' cards too; they are made before any module loads,
 * so officer mode must be on when the demo starts. */
static gboolean
officer_mode_is_on (void)
{
  g_autoptr(GSettings) settings = program_settings ();

  return settings != NULL && g_settings_get_boolean (settings, "officer-mode");
}

/**
 * ey_application_new:
 * @demo: run against the simulator (a child process) with a demo SoftHSM token
 *
 * In demo mode the demo token is made here, before any PKCS#11 module is loaded and
 * before any thread starts, as SoftHSM needs.  The demo uses its own application ID so
 * it never joins a real renewal running on the same desktop.
 */
EyApplication *
ey_application_new (gboolean demo)
{
  EyApplication *self;
  g_autofree char *app_id = demo ? g_strconcat (APPLICATION_ID, ".Demo", NULL)
                                 : g_strdup (APPLICATION_ID);

  self = g_object_new (EY_TYPE_APPLICATION,
                       "application-id", app_id,
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       NULL);
  self->demo = demo;
  if (demo)
    {
      g_autoptr(GError) error = NULL;

      self->demo_dir = g_dir_make_tmp ("eimza-yenile-demo-XXXXXX", &error);
      if (self->demo_dir)
        self->demo_token = ey_demo_token_new (self->demo_dir, &error);
      /* After the demo card: it set SOFTHSM2_CONF before GSettings may start a thread. */
      if (self->demo_token != NULL && officer_mode_is_on () &&
          !ey_demo_token_add_colleagues (self->demo_token, &error))
        {
          g_message ("No demo colleagues' cards: %s", error->message);
          g_clear_error (&error);
        }
      if (self->demo_token == NULL)
        g_message ("No demo card (is SoftHSM2 installed?): %s",
                   error ? error->message : "unknown");
    }
  return self;
}
