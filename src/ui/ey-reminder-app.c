/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ey-reminder-app"

#include "config.h"

#include <gio/gdesktopappinfo.h>
#include <glib/gi18n.h>

#include "ey-application.h"
#include "ey-reminder.h"
#include "ey-reminder-app.h"
#include "ey-roster.h"

/* With the freedesktop notification server (XFCE, MATE, …) a click reaches the
 * process that sent the notification, so it stays a while; GNOME Shell reaches it
 * by its bus name for as long as it runs. */
#define DEFAULT_LINGER_SECONDS (30 * 60)

struct _EyReminderApp
{
  GApplication     parent_instance;
  EyReminder      *reminder;
  EyReminderStage  stage;
  GPtrArray       *colleagues;   /* names of colleagues whose window opened (officer) */
  GSettings       *settings;
  GDateTime       *now;
  guint            linger_id;
};

G_DEFINE_FINAL_TYPE (EyReminderApp, ey_reminder_app, G_TYPE_APPLICATION)

static GNotification *
build_notification (EyReminderApp *self)
{
  g_autofree char *holder = ey_reminder_dup_holder (self->reminder);
  g_autoptr(GDateTime) not_after = ey_reminder_dup_not_after (self->reminder);
  g_autofree char *date = ey_reminder_format_date (not_after);
  g_autofree char *body = NULL;
  const char *title = NULL;
  GNotification *notification;

  switch (self->stage)
    {
    case EY_REMINDER_STAGE_WINDOW_OPEN:
      title = _("Your e-signature can be renewed now");
      body = g_strdup_printf (_("The qualified certificate of %s ends on %s. The renewal "
                                "takes about five minutes and the new card comes by courier."),
                              holder, date);
      break;
    case EY_REMINDER_STAGE_ONE_MONTH:
      title = _("One month left to renew your e-signature");
      body = g_strdup_printf (_("The qualified certificate of %s ends on %s. Renew it now, "
                                "so that the new card arrives in time."),
                              holder, date);
      break;
    case EY_REMINDER_STAGE_ONE_WEEK:
      title = _("Your e-signature ends in a week");
      body = g_strdup_printf (_("The qualified certificate of %s ends on %s. After that "
                                "date a renewal is no longer possible: a new application "
                                "with a wet signature is needed."),
                              holder, date);
      break;
    case EY_REMINDER_STAGE_NONE:
    default:
      g_assert_not_reached ();
    }

  notification = g_notification_new (title);
  g_notification_set_body (notification, body);
  g_notification_set_priority (notification, G_NOTIFICATION_PRIORITY_NORMAL);
  g_notification_set_default_action (notification, "app.open");
  g_notification_add_button (notification, _("Renew Now"), "app.open");
  g_notification_add_button (notification, _("Turn Off Reminders"), "app.reminders-off");
  return notification;
}

static GNotification *
build_colleagues_notification (EyReminderApp *self)
{
  guint n = self->colleagues->len;
  g_autoptr(GString) names = g_string_new (NULL);
  g_autofree char *title = NULL;
  GNotification *notification;

  for (guint i = 0; i < MIN (n, 3); i++)
    {
      if (i > 0)
        g_string_append (names, ", ");
      g_string_append (names, g_ptr_array_index (self->colleagues, i));
    }
  if (n > 3)
    /* Translators: after three colleagues' names: how many more there are */
    g_string_append_printf (names, g_dngettext (GETTEXT_PACKAGE, " and %u more",
                                                " and %u more", n - 3), n - 3);
  title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                        "The renewal window opened for %u colleague",
                                        "The renewal window opened for %u colleagues", n),
                           n);
  notification = g_notification_new (title);
  g_notification_set_body (notification, names->str);
  g_notification_set_default_action (notification, "app.open");
  g_notification_add_button (notification, _("Open the Colleague List"), "app.open");
  g_notification_add_button (notification, _("Turn Off Reminders"), "app.reminders-off");
  return notification;
}

/* Colleagues whose window is open now and was not at the last summary: each is told
 * once, and the roster keeps nothing more for it. */
static GPtrArray *
colleagues_newly_open (GSettings *settings,
                       GDateTime *now)
{
  g_autofree char *path = NULL;
  g_autoptr(EyRoster) roster = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);
  gint64 last;
  GDate today, before;

  if (settings == NULL || !g_settings_get_boolean (settings, "officer-mode"))
    return names;
  path = ey_roster_get_default_path ();
  /* No roster yet: nothing to tell, and no file to make at login. */
  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    return names;
  roster = ey_roster_open (path, &error);
  if (roster)
    list = ey_roster_list (roster, &error);
  if (list == NULL)
    {
      g_debug ("Roster: %s", error->message);
      return names;
    }

  g_date_set_dmy (&today, g_date_time_get_day_of_month (now), g_date_time_get_month (now),
                  g_date_time_get_year (now));
  last = g_settings_get_int64 (settings, "reminder-officer-notified");
  if (last > 0)
    {
      g_autoptr(GDateTime) t = g_date_time_new_from_unix_utc (last);

      g_date_set_dmy (&before, g_date_time_get_day_of_month (t), g_date_time_get_month (t),
                      g_date_time_get_year (t));
    }
  for (guint i = 0; i < list->len; i++)
    {
      EyColleague *c = g_ptr_array_index (list, i);

      if (!ey_colleague_matches_filter (c, EY_ROSTER_FILTER_WINDOW_OPEN, &today))
        continue;
      if (last > 0 && ey_colleague_matches_filter (c, EY_ROSTER_FILTER_WINDOW_OPEN, &before))
        continue;
      g_ptr_array_add (names, g_strdup (c->full_name));
    }
  return names;
}

static void
open_activated (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  EyReminderApp *self = EY_REMINDER_APP (user_data);
  g_autofree char *desktop_id = g_strconcat (APPLICATION_ID, ".desktop", NULL);
  g_autoptr(GDesktopAppInfo) info = g_desktop_app_info_new (desktop_id);
  g_autoptr(GError) error = NULL;

  /* The program opens as the desktop would open it, from its menu entry; this process
   * holds the reminder's own bus name, not the program's, so the program starts as a
   * fresh primary instance. */
  if (info)
    {
      if (!g_app_info_launch (G_APP_INFO (info), NULL, NULL, &error))
        g_warning ("Could not open the program: %s", error->message);
    }
  else
    {
      g_autofree char *exe = g_file_read_link ("/proc/self/exe", NULL);
      char *argv[] = { exe, NULL };

      if (exe == NULL || !g_spawn_async (NULL, argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, NULL,
                                         &error))
        g_warning ("Could not open the program: %s", error ? error->message : "no /proc");
    }
  g_application_quit (G_APPLICATION (self));
}

static void
reminders_off_activated (GSimpleAction *action,
                         GVariant      *parameter,
                         gpointer       user_data)
{
  EyReminderApp *self = EY_REMINDER_APP (user_data);

  ey_reminder_set_enabled (self->reminder, FALSE);
  g_settings_sync ();
  g_application_quit (G_APPLICATION (self));
}

static const GActionEntry actions[] = {
  { "open", open_activated, NULL, NULL, NULL },
  { "reminders-off", reminders_off_activated, NULL, NULL, NULL },
};

static gboolean
linger_done_cb (gpointer user_data)
{
  EyReminderApp *self = EY_REMINDER_APP (user_data);

  self->linger_id = 0;
  g_application_quit (G_APPLICATION (self));
  return G_SOURCE_REMOVE;
}

static void
ey_reminder_app_activate (GApplication *application)
{
  EyReminderApp *self = EY_REMINDER_APP (application);
  g_autoptr(GNotification) notification = NULL;
  const char *linger = g_getenv ("EY_REMINDER_LINGER_SECONDS");
  guint seconds = DEFAULT_LINGER_SECONDS;

  if (self->linger_id != 0)
    return;

  if (self->stage != EY_REMINDER_STAGE_NONE)
    {
      notification = build_notification (self);
      g_application_send_notification (application, "renewal", notification);
      /* Sent once per stage, whether or not the person acts on it. */
      ey_reminder_mark_sent (self->reminder, self->stage);
      g_clear_object (&notification);
    }
  if (self->colleagues->len > 0)
    {
      notification = build_colleagues_notification (self);
      g_application_send_notification (application, "colleagues", notification);
      g_settings_set_int64 (self->settings, "reminder-officer-notified",
                            g_date_time_to_unix (self->now));
    }
  g_settings_sync ();

  if (linger && *linger)
    seconds = (guint) g_ascii_strtoull (linger, NULL, 10);
  g_application_hold (application);
  self->linger_id = g_timeout_add_seconds (seconds, linger_done_cb, self);
}

static void
ey_reminder_app_shutdown (GApplication *application)
{
  EyReminderApp *self = EY_REMINDER_APP (application);

  if (self->linger_id)
    {
      g_clear_handle_id (&self->linger_id, g_source_remove);
      g_application_release (application);
    }
  G_APPLICATION_CLASS (ey_reminder_app_parent_class)->shutdown (application);
}

static void
ey_reminder_app_dispose (GObject *object)
{
  EyReminderApp *self = EY_REMINDER_APP (object);

  g_clear_handle_id (&self->linger_id, g_source_remove);
  g_clear_object (&self->reminder);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->colleagues, g_ptr_array_unref);
  g_clear_pointer (&self->now, g_date_time_unref);
  G_OBJECT_CLASS (ey_reminder_app_parent_class)->dispose (object);
}

static void
ey_reminder_app_class_init (EyReminderAppClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = ey_reminder_app_dispose;
  app_class->activate = ey_reminder_app_activate;
  app_class->shutdown = ey_reminder_app_shutdown;
}

static void
ey_reminder_app_init (EyReminderApp *self)
{
  g_action_map_add_action_entries (G_ACTION_MAP (self), actions, G_N_ELEMENTS (actions), self);
}

int
ey_reminder_app_run (int    argc,
                     char **argv)
{
  g_autoptr(EyReminder) reminder = ey_reminder_new_default ();
  g_autoptr(GDateTime) now = ey_reminder_now ();
  g_autoptr(EyReminderApp) app = NULL;
  g_autoptr(GSettings) settings = NULL;
  g_autoptr(GPtrArray) colleagues = NULL;
  g_autofree char *app_id = g_strconcat (APPLICATION_ID, ".Reminder", NULL);
  EyReminderStage stage;
  char *args[] = { argv[0], NULL };

  /* Decided before any bus or display is touched: the usual answer is "nothing",
   * and a login should not wait for it. */
  if (!ey_reminder_get_enabled (reminder))
    return 0;
  stage = ey_reminder_due (reminder, now);
  settings = ey_reminder_get_settings (reminder) ? g_object_ref (ey_reminder_get_settings (reminder))
                                                 : NULL;
  colleagues = colleagues_newly_open (settings, now);
  if (stage == EY_REMINDER_STAGE_NONE && colleagues->len == 0)
    return 0;

  ey_application_apply_language_setting ();
  app = g_object_new (EY_TYPE_REMINDER_APP,
                      "application-id", app_id,
                      "flags", G_APPLICATION_DEFAULT_FLAGS,
                      NULL);
  app->reminder = g_steal_pointer (&reminder);
  app->stage = stage;
  app->settings = g_steal_pointer (&settings);
  app->colleagues = g_steal_pointer (&colleagues);
  app->now = g_steal_pointer (&now);
  return g_application_run (G_APPLICATION (app), 1, args);
}
