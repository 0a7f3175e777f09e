/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "fuzz-roster-csv"

#include "config.h"

#include <glib/gstdio.h>
#include <stdlib.h>

#include "fuzz-common.h"
#include "ey-roster-private.h"

/* The roster's CSV import (ey-roster.c), as an officer's spreadsheet gives it; the
 * roster is emptied after every input so each one starts from the same state, and
 * exported again so what was imported is read back. */

static EyRoster *roster;
static char *roster_dir;

static void
remove_roster (void)
{
  g_autofree char *path = NULL;

  if (roster == NULL)
    return;
  path = g_strdup (ey_roster_get_path (roster));
  g_clear_object (&roster);
  g_unlink (path);
  g_rmdir (roster_dir);
}

static void
init (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  fuzz_init_once ();
  if (roster != NULL)
    return;
  roster_dir = g_dir_make_tmp ("fuzz-roster-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (roster_dir, "roster.sqlite", NULL);
  roster = ey_roster_open (path, &error);
  g_assert_no_error (error);
  atexit (remove_roster);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GPtrArray) everyone = NULL;
  g_autofree char *csv = NULL;
  guint added = 0, updated = 0;

  init ();
  (void)ey_roster_import_csv (roster, (const char *)data, size, &added, &updated,
                              &problems, NULL);

  everyone = ey_roster_list (roster, NULL);
  g_assert (everyone != NULL);
  g_assert (everyone->len <= added + updated);
  if (everyone->len > 0)
    csv = ey_roster_export_csv (roster, ',', NULL);
  for (guint i = 0; i < everyone->len; i++)
    {
      EyColleague *colleague = g_ptr_array_index (everyone, i);

      g_assert_true (ey_roster_remove (roster, colleague->identity, NULL));
    }
  return 0;
}
