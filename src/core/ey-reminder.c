/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ey-reminder"

#include "config.h"

#include <glib/gi18n.h>

#include "ey-reminder-private.h"

#define SCHEMA_ID "io.github.eimzayenile.EimzaYenile"

/* What is remembered is the holder's name and the end date, nothing else: the
 * identity number never reaches the settings, which are a plain file for many users. */
#define KEY_ENABLED    "reminder-enabled"
#define KEY_HOLDER     "reminder-holder"
#define KEY_NOT_AFTER  "reminder-not-after"
#define KEY_STAGE_SENT "reminder-stage-sent"

struct _EyReminder
{
  GObject    parent_instance;
  GSettings *settings;   /* NULL when the schema is not installed: the reminder is inert */
};

G_DEFINE_FINAL_TYPE (EyReminder, ey_reminder, G_TYPE_OBJECT)

static void
ey_reminder_dispose (GObject *object)
{
  EyReminder *self = EY_REMINDER (object);

  g_clear_object (&self->settings);
  G_OBJECT_CLASS (ey_reminder_parent_class)->dispose (object);
}

static void
ey_reminder_class_init (EyReminderClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = ey_reminder_dispose;
}

static void
ey_reminder_init (EyReminder *self)
{
}

/**
 * ey_reminder_stage_at:
 * @not_after: the end of the certificate
 * @now: the time to judge at
 *
 * The window opens three calendar months before the end, as
 * ey_certificate_is_renewal_window_open() has it; an ended certificate gets nothing,
 * since a renewal is no longer possible then.
 */
EyReminderStage
ey_reminder_stage_at (GDateTime *not_after,
                      GDateTime *now)
{
  g_autoptr(GDateTime) week = NULL;
  g_autoptr(GDateTime) month = NULL;
  g_autoptr(GDateTime) window = NULL;

  g_return_val_if_fail (not_after != NULL, EY_REMINDER_STAGE_NONE);
  g_return_val_if_fail (now != NULL, EY_REMINDER_STAGE_NONE);

  if (g_date_time_compare (not_after, now) < 0)
    return EY_REMINDER_STAGE_NONE;
  week = g_date_time_add_days (now, 7);
  month = g_date_time_add_months (now, 1);
  window = g_date_time_add_months (now, 3);
  if (g_date_time_compare (not_after, week) <= 0)
    return EY_REMINDER_STAGE_ONE_WEEK;
  if (g_date_time_compare (not_after, month) <= 0)
    return EY_REMINDER_STAGE_ONE_MONTH;
  if (g_date_time_compare (not_after, window) <= 0)
    return EY_REMINDER_STAGE_WINDOW_OPEN;
  return EY_REMINDER_STAGE_NONE;
}

/**
 * ey_reminder_new:
 * @settings: (nullable): the program's settings; %NULL makes an inert reminder
 */
EyReminder *
ey_reminder_new (GSettings *settings)
{
  EyReminder *self;

  g_return_val_if_fail (settings == NULL || G_IS_SETTINGS (settings), NULL);

  self = g_object_new (EY_TYPE_REMINDER, NULL);
  if (settings)
    self->settings = g_object_ref (settings);
  return self;
}

/**
 * ey_reminder_new_default:
 *
 * The reminder on the program's own settings.  A build tree run without
 * GSETTINGS_SCHEMA_DIR has no schema: then nothing is remembered, which is no error.
 */
EyReminder *
ey_reminder_new_default (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autoptr(GSettings) settings = NULL;

  if (source)
    schema = g_settings_schema_source_lookup (source, SCHEMA_ID, TRUE);
  if (schema && g_settings_schema_has_key (schema, KEY_NOT_AFTER))
    settings = g_settings_new (SCHEMA_ID);
  return ey_reminder_new (settings);
}

gboolean
ey_reminder_is_available (EyReminder *self)
{
  g_return_val_if_fail (EY_IS_REMINDER (self), FALSE);
  return self->settings != NULL;
}

/**
 * ey_reminder_get_settings:
 *
 * Returns: (transfer none) (nullable): the settings it keeps its state in
 */
GSettings *
ey_reminder_get_settings (EyReminder *self)
{
  g_return_val_if_fail (EY_IS_REMINDER (self), NULL);
  return self->settings;
}

gboolean
ey_reminder_get_enabled (EyReminder *self)
{
  g_return_val_if_fail (EY_IS_REMINDER (self), FALSE);
  return self->settings && g_settings_get_boolean (self->settings, KEY_ENABLED);
}

void
ey_reminder_set_enabled (EyReminder *self,
                         gboolean    enabled)
{
  g_return_if_fail (EY_IS_REMINDER (self));
  if (self->settings)
    g_settings_set_boolean (self->settings, KEY_ENABLED, enabled);
}

char *
ey_reminder_dup_holder (EyReminder *self)
{
  g_return_val_if_fail (EY_IS_REMINDER (self), NULL);
  if (self->settings == NULL)
    return NULL;
  return g_settings_get_string (self->settings, KEY_HOLDER);
}

/**
 * ey_reminder_dup_not_after:
 *
 * Returns: (transfer full) (nullable): the remembered end date, or %NULL
 */
GDateTime *
ey_reminder_dup_not_after (EyReminder *self)
{
  gint64 t;

  g_return_val_if_fail (EY_IS_REMINDER (self), NULL);
  if (self->settings == NULL)
    return NULL;
  t = g_settings_get_int64 (self->settings, KEY_NOT_AFTER);
  return t > 0 ? g_date_time_new_from_unix_utc (t) : NULL;
}

static char *
normalize_name (const char *name)
{
  g_autofree char *nfc = g_utf8_normalize (name, -1, G_NORMALIZE_NFC);
  g_auto(GStrv) words = NULL;

  if (nfc == NULL)
    return g_strdup ("");
  words = g_strsplit_set (g_strstrip (nfc), " \t\n", -1);
  {
    g_autoptr(GString) out = g_string_new (NULL);

    for (guint i = 0; words[i]; i++)
      if (*words[i])
        {
          if (out->len)
            g_string_append_c (out, ' ');
          g_string_append (out, words[i]);
        }
    return g_string_free (g_steal_pointer (&out), FALSE);
  }
}

static void
remember (EyReminder *self,
          const char *name,
          GDateTime  *not_after)
{
  g_settings_delay (self->settings);
  g_settings_set_string (self->settings, KEY_HOLDER, name);
  g_settings_set_int64 (self->settings, KEY_NOT_AFTER, g_date_time_to_unix (not_after));
  g_settings_set_int (self->settings, KEY_STAGE_SENT, EY_REMINDER_STAGE_NONE);
  g_settings_apply (self->settings);
}

/**
 * ey_reminder_certificate_seen:
 * @holder: the holder's name from a qualified signing certificate
 * @not_after: its end
 * @now: the time now
 *
 * Called for the user's own NES certificates.  A newer certificate of the same holder
 * is the new card of a renewal: it takes over only once the remembered one has ended,
 * since until then the old card is the one in use and the one to remind about.
 */
EyReminderSeen
ey_reminder_certificate_seen (EyReminder *self,
                              const char *holder,
                              GDateTime  *not_after,
                              GDateTime  *now)
{
  g_autofree char *name = NULL;
  g_autofree char *known_holder = NULL;
  g_autoptr(GDateTime) known_end = NULL;

  g_return_val_if_fail (EY_IS_REMINDER (self), EY_REMINDER_SEEN_IGNORED);
  g_return_val_if_fail (holder != NULL, EY_REMINDER_SEEN_IGNORED);
  g_return_val_if_fail (not_after != NULL && now != NULL, EY_REMINDER_SEEN_IGNORED);

  if (self->settings == NULL || g_date_time_compare (not_after, now) < 0)
    return EY_REMINDER_SEEN_IGNORED;

  name = normalize_name (holder);
  known_holder = ey_reminder_dup_holder (self);
  known_end = ey_reminder_dup_not_after (self);

  if (known_end == NULL)
    {
      remember (self, name, not_after);
      return EY_REMINDER_SEEN_FIRST;
    }
  if (g_strcmp0 (name, known_holder) != 0)
    {
      /* Someone else's card in this user's reader: only once the remembered
       * certificate has ended is there nothing better to remember. */
      if (g_date_time_compare (known_end, now) < 0)
        {
          remember (self, name, not_after);
          return EY_REMINDER_SEEN_FIRST;
        }
      return EY_REMINDER_SEEN_IGNORED;
    }
  if (g_date_time_to_unix (not_after) == g_date_time_to_unix (known_end))
    return EY_REMINDER_SEEN_SAME;
  if (g_date_time_compare (not_after, known_end) < 0)
    return EY_REMINDER_SEEN_IGNORED;
  if (g_date_time_compare (known_end, now) < 0)
    {
      remember (self, name, not_after);
      return EY_REMINDER_SEEN_MOVED;
    }
  return EY_REMINDER_SEEN_NEW_CARD;
}

/**
 * ey_reminder_due:
 *
 * Returns: the reminder to send now, or %EY_REMINDER_STAGE_NONE.  A stage that was
 * skipped (the program first saw the certificate three weeks before its end) is not
 * sent late: only the latest stage in force counts.
 */
EyReminderStage
ey_reminder_due (EyReminder *self,
                 GDateTime  *now)
{
  g_autoptr(GDateTime) not_after = NULL;
  EyReminderStage stage;

  g_return_val_if_fail (EY_IS_REMINDER (self), EY_REMINDER_STAGE_NONE);
  g_return_val_if_fail (now != NULL, EY_REMINDER_STAGE_NONE);

  if (!ey_reminder_get_enabled (self))
    return EY_REMINDER_STAGE_NONE;
  not_after = ey_reminder_dup_not_after (self);
  if (not_after == NULL)
    return EY_REMINDER_STAGE_NONE;
  stage = ey_reminder_stage_at (not_after, now);
  if ((int) stage <= g_settings_get_int (self->settings, KEY_STAGE_SENT))
    return EY_REMINDER_STAGE_NONE;
  return stage;
}

void
ey_reminder_mark_sent (EyReminder      *self,
                       EyReminderStage  stage)
{
  g_return_if_fail (EY_IS_REMINDER (self));
  if (self->settings && (int) stage > g_settings_get_int (self->settings, KEY_STAGE_SENT))
    g_settings_set_int (self->settings, KEY_STAGE_SENT, stage);
}

/**
 * ey_reminder_now:
 *
 * The time the check judges at.  EY_REMINDER_NOW (ISO 8601) stands in for the clock
 * so the decisions can be tested at any date; it moves no deadline of a renewal.
 */
GDateTime *
ey_reminder_now (void)
{
  const char *fake = g_getenv ("EY_REMINDER_NOW");

  if (fake && *fake)
    {
      GDateTime *t = g_date_time_new_from_iso8601 (fake, NULL);

      if (t)
        return t;
      g_warning ("EY_REMINDER_NOW is not an ISO 8601 time: %s", fake);
    }
  return g_date_time_new_now_utc ();
}

/**
 * ey_reminder_format_date:
 *
 * A date as the windows, notifications and printed forms show it (the command line
 * keeps ISO): day.month.year, the one way of Turkish, of the KamuSM site and of the
 * printed forms, so the English interface does not show a second format beside dates
 * copied from the site.
 */
char *
ey_reminder_format_date (GDateTime *date)
{
  g_autoptr(GDateTime) local = NULL;

  g_return_val_if_fail (date != NULL, NULL);
  local = g_date_time_to_local (date);
  return g_date_time_format (local, "%d.%m.%Y");
}

/**
 * ey_reminder_describe_new_card:
 * @not_before: when the new card's certificate starts
 *
 * Returns: what the person must know when the new card of a renewal is first seen.
 */
char *
ey_reminder_describe_new_card (GDateTime *not_before)
{
  g_autofree char *date = ey_reminder_format_date (not_before);

  return g_strdup_printf (_("Your new card has arrived; its certificate starts on %s. "
                            "Until then keep using your old card."), date);
}

const char *
ey_reminder_describe_new_pin (void)
{
  return _("To get the new card’s PIN, sign in to KamuSM Online İşlemler "
           "(https://onlineislemler.kamusm.gov.tr) with e-Devlet and open “PIN / PUK "
           "Bilgisi”, or use “Şifreli Giriş” on the NES Bireysel site "
           "(https://nesbireysel.kamusm.gov.tr) with the security word you chose on the "
           "application form.");
}

void
ey_reminder_application_free (EyReminderApplication *application)
{
  if (application == NULL)
    return;
  g_clear_pointer (&application->time, g_date_time_unref);
  g_free (application->path);
  g_free (application->order);
  g_free (application->institution);
  g_free (application);
}

void
ey_reminder_record_application (EyReminder                  *self,
                                const EyReminderApplication *application)
{
  GVariantDict dict;

  g_return_if_fail (EY_IS_REMINDER (self));
  g_return_if_fail (application != NULL && application->time != NULL);
  g_return_if_fail (application->path != NULL);

  if (self->settings == NULL)
    return;
  g_variant_dict_init (&dict, NULL);
  g_variant_dict_insert (&dict, "time", "x", g_date_time_to_unix (application->time));
  g_variant_dict_insert (&dict, "path", "s", application->path);
  if (application->order)
    g_variant_dict_insert (&dict, "order", "s", application->order);
  if (application->institution)
    g_variant_dict_insert (&dict, "institution", "s", application->institution);
  g_settings_set_value (self->settings, "last-application", g_variant_dict_end (&dict));
}

/**
 * ey_reminder_get_application:
 *
 * Returns: (transfer full) (nullable): the last application, or %NULL if none is known
 */
EyReminderApplication *
ey_reminder_get_application (EyReminder *self)
{
  g_autoptr(GVariant) value = NULL;
  g_autoptr(EyReminderApplication) application = NULL;
  GVariantDict dict;
  gint64 time;

  g_return_val_if_fail (EY_IS_REMINDER (self), NULL);

  if (self->settings == NULL)
    return NULL;
  value = g_settings_get_value (self->settings, "last-application");
  g_variant_dict_init (&dict, value);
  application = g_new0 (EyReminderApplication, 1);
  if (!g_variant_dict_lookup (&dict, "time", "x", &time) || time <= 0 ||
      !g_variant_dict_lookup (&dict, "path", "s", &application->path))
    {
      g_variant_dict_clear (&dict);
      return NULL;
    }
  application->time = g_date_time_new_from_unix_utc (time);
  g_variant_dict_lookup (&dict, "order", "s", &application->order);
  g_variant_dict_lookup (&dict, "institution", "s", &application->institution);
  g_variant_dict_clear (&dict);
  return g_steal_pointer (&application);
}

/**
 * ey_reminder_add_working_days:
 *
 * @from plus @days days that are not Saturday or Sunday: when a card shipped "in about
 * ten working days" should be there.  Public holidays are not known here.
 */
GDateTime *
ey_reminder_add_working_days (GDateTime *from,
                              guint      days)
{
  GDateTime *t;

  g_return_val_if_fail (from != NULL, NULL);

  t = g_date_time_ref (from);
  while (days > 0)
    {
      GDateTime *next = g_date_time_add_days (t, 1);

      g_date_time_unref (t);
      t = next;
      if (g_date_time_get_day_of_week (t) <= 5)
        days--;
    }
  return t;
}
