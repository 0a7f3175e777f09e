/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The reminder's decisions at dates before, in and after the renewal window, and what
 * it remembers, on the memory settings backend. */
#define G_LOG_DOMAIN "test-reminder"

#include "config.h"

#include <gio/gio.h>

#include "ey-reminder-private.h"

#define SCHEMA_ID "io.github.eimzayenile.EimzaYenile"

static GDateTime *
at (const char *iso)
{
  GDateTime *t = g_date_time_new_from_iso8601 (iso, NULL);

  g_assert_nonnull (t);
  return t;
}

static EyReminder *
fresh_reminder (GSettings **settings_out)
{
  GSettings *settings = g_settings_new (SCHEMA_ID);
  g_autoptr(GSettingsSchema) schema = NULL;
  g_auto(GStrv) keys = NULL;

  g_object_get (settings, "settings-schema", &schema, NULL);
  keys = g_settings_schema_list_keys (schema);
  for (guint i = 0; keys[i]; i++)
    g_settings_reset (settings, keys[i]);
  *settings_out = settings;
  return ey_reminder_new (settings);
}

static void
test_stage_at (void)
{
  g_autoptr(GDateTime) end = at ("2027-06-15T12:00:00Z");
  struct { const char *now; EyReminderStage stage; } cases[] = {
    { "2026-12-01T00:00:00Z", EY_REMINDER_STAGE_NONE },          /* six months before */
    { "2027-03-15T11:59:59Z", EY_REMINDER_STAGE_NONE },          /* a second too early */
    { "2027-03-15T12:00:00Z", EY_REMINDER_STAGE_WINDOW_OPEN },   /* three months */
    { "2027-04-20T00:00:00Z", EY_REMINDER_STAGE_WINDOW_OPEN },
    { "2027-05-15T12:00:00Z", EY_REMINDER_STAGE_ONE_MONTH },
    { "2027-06-01T00:00:00Z", EY_REMINDER_STAGE_ONE_MONTH },
    { "2027-06-08T12:00:00Z", EY_REMINDER_STAGE_ONE_WEEK },
    { "2027-06-15T12:00:00Z", EY_REMINDER_STAGE_ONE_WEEK },      /* the last second */
    { "2027-06-15T12:00:01Z", EY_REMINDER_STAGE_NONE },          /* ended */
    { "2028-01-01T00:00:00Z", EY_REMINDER_STAGE_NONE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GDateTime) now = at (cases[i].now);

      g_test_message ("now %s", cases[i].now);
      g_assert_cmpint (ey_reminder_stage_at (end, now), ==, cases[i].stage);
    }
}

static void
test_each_once (void)
{
  g_autoptr(GSettings) settings = NULL;
  g_autoptr(EyReminder) reminder = fresh_reminder (&settings);
  g_autoptr(GDateTime) end = at ("2027-06-15T12:00:00Z");
  g_autoptr(GDateTime) seen = at ("2026-12-01T00:00:00Z");
  const struct { const char *now; EyReminderStage due; gboolean send; } walk[] = {
    { "2026-12-02T00:00:00Z", EY_REMINDER_STAGE_NONE, FALSE },
    { "2027-03-20T00:00:00Z", EY_REMINDER_STAGE_WINDOW_OPEN, TRUE },
    { "2027-03-21T00:00:00Z", EY_REMINDER_STAGE_NONE, FALSE },      /* sent already */
    { "2027-05-20T00:00:00Z", EY_REMINDER_STAGE_ONE_MONTH, TRUE },
    { "2027-05-29T00:00:00Z", EY_REMINDER_STAGE_NONE, FALSE },
    { "2027-06-10T00:00:00Z", EY_REMINDER_STAGE_ONE_WEEK, TRUE },
    { "2027-06-14T00:00:00Z", EY_REMINDER_STAGE_NONE, FALSE },
    { "2027-07-01T00:00:00Z", EY_REMINDER_STAGE_NONE, FALSE },      /* ended */
  };

  g_assert_true (ey_reminder_is_available (reminder));
  g_assert_cmpint (ey_reminder_due (reminder, seen), ==, EY_REMINDER_STAGE_NONE);
  g_assert_cmpint (ey_reminder_certificate_seen (reminder, "AYŞE YILMAZ", end, seen), ==,
                   EY_REMINDER_SEEN_FIRST);
  for (guint i = 0; i < G_N_ELEMENTS (walk); i++)
    {
      g_autoptr(GDateTime) now = at (walk[i].now);
      EyReminderStage due = ey_reminder_due (reminder, now);

      g_test_message ("now %s", walk[i].now);
      g_assert_cmpint (due, ==, walk[i].due);
      if (walk[i].send)
        ey_reminder_mark_sent (reminder, due);
    }
}

static void
test_skipped_stage (void)
{
  g_autoptr(GSettings) settings = NULL;
  g_autoptr(EyReminder) reminder = fresh_reminder (&settings);
  g_autoptr(GDateTime) end = at ("2027-06-15T12:00:00Z");
  g_autoptr(GDateTime) now = at ("2027-06-01T00:00:00Z");
  g_autoptr(GDateTime) later = at ("2027-06-02T00:00:00Z");

  /* First seen three weeks before the end: one "one month" reminder, no late "window
   * open" one after it. */
  ey_reminder_certificate_seen (reminder, "AYŞE YILMAZ", end, now);
  g_assert_cmpint (ey_reminder_due (reminder, now), ==, EY_REMINDER_STAGE_ONE_MONTH);
  ey_reminder_mark_sent (reminder, EY_REMINDER_STAGE_ONE_MONTH);
  g_assert_cmpint (ey_reminder_due (reminder, later), ==, EY_REMINDER_STAGE_NONE);
  ey_reminder_mark_sent (reminder, EY_REMINDER_STAGE_WINDOW_OPEN);   /* never goes back */
  g_assert_cmpint (g_settings_get_int (settings, "reminder-stage-sent"), ==,
                   EY_REMINDER_STAGE_ONE_MONTH);
}

static void
test_disabled (void)
{
  g_autoptr(GSettings) settings = NULL;
  g_autoptr(EyReminder) reminder = fresh_reminder (&settings);
  g_autoptr(GDateTime) end = at ("2027-06-15T12:00:00Z");
  g_autoptr(GDateTime) now = at ("2027-04-01T00:00:00Z");

  ey_reminder_certificate_seen (reminder, "AYŞE YILMAZ", end, now);
  g_assert_cmpint (ey_reminder_due (reminder, now), ==, EY_REMINDER_STAGE_WINDOW_OPEN);
  ey_reminder_set_enabled (reminder, FALSE);
  g_assert_false (g_settings_get_boolean (settings, "reminder-enabled"));
  g_assert_cmpint (ey_reminder_due (reminder, now), ==, EY_REMINDER_STAGE_NONE);
}

static void
test_new_card (void)
{
  g_autoptr(GSettings) settings = NULL;
  g_autoptr(EyReminder) reminder = fresh_reminder (&settings);
  g_autoptr(GDateTime) old_end = at ("2027-06-15T12:00:00Z");
  g_autoptr(GDateTime) new_end = at ("2030-06-15T12:00:00Z");
  g_autoptr(GDateTime) before = at ("2027-05-01T00:00:00Z");
  g_autoptr(GDateTime) after = at ("2027-06-16T00:00:00Z");
  g_autoptr(GDateTime) remembered = NULL;
  g_autofree char *holder = NULL;

  g_assert_cmpint (ey_reminder_certificate_seen (reminder, "AYŞE  YILMAZ ", old_end, before),
                   ==, EY_REMINDER_SEEN_FIRST);
  ey_reminder_mark_sent (reminder, EY_REMINDER_STAGE_ONE_MONTH);
  g_assert_cmpint (ey_reminder_certificate_seen (reminder, "AYŞE YILMAZ", old_end, before),
                   ==, EY_REMINDER_SEEN_SAME);
  /* The new card while the old one still runs: announced, not yet remembered. */
  g_assert_cmpint (ey_reminder_certificate_seen (reminder, "AYŞE YILMAZ", new_end, before),
                   ==, EY_REMINDER_SEEN_NEW_CARD);
  remembered = ey_reminder_dup_not_after (reminder);
  g_assert_cmpint (g_date_time_to_unix (remembered), ==, g_date_time_to_unix (old_end));
  /* Someone else's card changes nothing while the remembered one runs. */
  g_assert_cmpint (ey_reminder_certificate_seen (reminder, "ALİ ÇELİK", new_end, before),
                   ==, EY_REMINDER_SEEN_IGNORED);
  /* After the old one ended, the new one takes over with its reminders fresh. */
  g_assert_cmpint (ey_reminder_certificate_seen (reminder, "AYŞE YILMAZ", old_end, after),
                   ==, EY_REMINDER_SEEN_IGNORED);
  g_assert_cmpint (ey_reminder_certificate_seen (reminder, "AYŞE YILMAZ", new_end, after),
                   ==, EY_REMINDER_SEEN_MOVED);
  g_clear_pointer (&remembered, g_date_time_unref);
  remembered = ey_reminder_dup_not_after (reminder);
  g_assert_cmpint (g_date_time_to_unix (remembered), ==, g_date_time_to_unix (new_end));
  g_assert_cmpint (g_settings_get_int (settings, "reminder-stage-sent"), ==, 0);
  holder = ey_reminder_dup_holder (reminder);
  g_assert_cmpstr (holder, ==, "AYŞE YILMAZ");
}

static void
test_inert_without_settings (void)
{
  g_autoptr(EyReminder) reminder = ey_reminder_new (NULL);
  g_autoptr(GDateTime) end = at ("2027-06-15T12:00:00Z");
  g_autoptr(GDateTime) now = at ("2027-06-10T00:00:00Z");

  g_assert_false (ey_reminder_is_available (reminder));
  g_assert_cmpint (ey_reminder_certificate_seen (reminder, "AYŞE YILMAZ", end, now), ==,
                   EY_REMINDER_SEEN_IGNORED);
  g_assert_cmpint (ey_reminder_due (reminder, now), ==, EY_REMINDER_STAGE_NONE);
}

static void
test_fake_clock (void)
{
  g_autoptr(GDateTime) now = NULL;

  g_setenv ("EY_REMINDER_NOW", "2027-03-20T08:00:00Z", TRUE);
  now = ey_reminder_now ();
  g_assert_cmpint (g_date_time_to_unix (now), ==, 1805529600);
  g_unsetenv ("EY_REMINDER_NOW");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/reminder/stage-at", test_stage_at);
  g_test_add_func ("/reminder/each-once", test_each_once);
  g_test_add_func ("/reminder/skipped-stage", test_skipped_stage);
  g_test_add_func ("/reminder/disabled", test_disabled);
  g_test_add_func ("/reminder/new-card", test_new_card);
  g_test_add_func ("/reminder/inert", test_inert_without_settings);
  g_test_add_func ("/reminder/fake-clock", test_fake_clock);
  return g_test_run ();
}
