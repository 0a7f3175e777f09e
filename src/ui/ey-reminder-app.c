/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ey-reminder-app"

#include "config.h"

#include <gio/gdesktopappinfo.h>
#include <glib/gi18n.h>

#include "ey-application.h"
#include "ey-reminder.h"
#include "ey-reminder-app.h"

/* With the freedesktop notification server (XFCE, MATE, …) a click reaches the
 * process that sent the notification, so it stays a while; GNOME Shell reaches it
 * by its bus name for as long as it runs. */
#define DEFAULT_LINGER_SECONDS (30 * 60)

struct _EyReminderApp
{
  GApplication     parent_instance;
  EyReminder      *reminder;
  EyReminderStage  stage;
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

  if (self->stage == EY_REMINDER_STAGE_NONE || self->linger_id != 0)
    return;

  notification = build_notification (self);
  g_application_send_notification (application, "renewal", notification);
  /* Sent once per stage, whether or not the person acts on it. */
  ey_reminder_mark_sent (self->reminder, self->stage);
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
  g_autofree char *app_id = g_strconcat (APPLICATION_ID, ".Reminder", NULL);
  EyReminderStage stage;
  char *args[] = { argv[0], NULL };

  /* Decided before any bus or display is touched: the usual answer is "nothing",
   * and a login should not wait for it. */
  stage = ey_reminder_due (reminder, now);
  if (stage == EY_REMINDER_STAGE_NONE)
    return 0;

  ey_application_apply_language_setting ();
  app = g_object_new (EY_TYPE_REMINDER_APP,
                      "application-id", app_id,
                      "flags", G_APPLICATION_DEFAULT_FLAGS,
                      NULL);
  app->reminder = g_steal_pointer (&reminder);
  app->stage = stage;
  return g_application_run (G_APPLICATION (app), 1, args);
}
