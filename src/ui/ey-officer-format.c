/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ey-officer-format"

#include "config.h"

#include <stdio.h>
#include <string.h>

#include "ey-officer-format.h"
#include "ey-ui-format.h"

/* A moment when @iso has a time of day, else the day at noon, local: noon keeps the day
 * the same whatever the clocks do that night. */
static GDateTime *
parse (const char *iso,
       gboolean   *has_time)
{
  int year, month, day;
  char rest;

  *has_time = FALSE;
  if (strlen (iso) > 10)
    {
      g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
      GDateTime *moment = g_date_time_new_from_iso8601 (iso, utc);

      *has_time = moment != NULL;
      return moment;
    }
  if (sscanf (iso, "%4d-%2d-%2d%c", &year, &month, &day, &rest) != 3 ||
      !g_date_valid_dmy (day, month, year))
    return NULL;
  return g_date_time_new_local (year, month, day, 12, 0, 0);
}

/* The list formats two dates per row each time a search rebinds its rows (some 200
 * per keystroke), and a roster has few distinct days: each is formatted once. */
static GHashTable *days;   /* key → shown day */
#define MAX_DAYS 4096

void
ey_officer_format_forget (void)
{
  g_clear_pointer (&days, g_hash_table_unref);
}

char *
ey_officer_format_day (const char *iso)
{
  g_autoptr(GDateTime) date = NULL;
  g_autofree char *key = NULL;
  const char *known;
  char *shown;
  gboolean has_time;

  if (iso == NULL)
    return NULL;
  /* The roster's moments ("…T09:30:00Z") are the same day to the minute. */
  if (strlen (iso) == 20 && iso[19] == 'Z')
    key = g_strdup_printf ("%.16sZ", iso);
  else
    key = g_strdup (iso);
  known = days ? g_hash_table_lookup (days, key) : NULL;
  if (known != NULL)
    return g_strdup (known);
  date = parse (iso, &has_time);
  shown = date ? ey_ui_format_date (date) : g_strdup (iso);
  if (days == NULL || g_hash_table_size (days) >= MAX_DAYS)
    {
      g_clear_pointer (&days, g_hash_table_unref);
      days = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
    }
  g_hash_table_insert (days, g_steal_pointer (&key), g_strdup (shown));
  return shown;
}

char *
ey_officer_format_time (const char *iso)
{
  g_autoptr(GDateTime) date = NULL;
  gboolean has_time;

  if (iso == NULL)
    return NULL;
  date = parse (iso, &has_time);
  if (date == NULL)
    return g_strdup (iso);
  return has_time ? ey_ui_format_date_time (date) : ey_ui_format_date (date);
}
