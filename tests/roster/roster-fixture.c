/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <sys/stat.h>

#include <glib/gstdio.h>

#include "roster-fixture.h"
#include "ey-test-common.h"

void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("ey-roster-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "sub", "roster.sqlite", NULL);
  f->roster = ey_roster_open (f->path, &error);
  g_assert_no_error (error);
}

void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_assert_finalize_object (f->roster);
  ey_test_remove_tree (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

void
fixture_add (Fixture    *f,
             const char *identity,
             const char *name,
             const char *expires)
{
  g_autoptr(GError) error = NULL;
  EyColleague c = { 0 };

  c.identity = (char *)identity;
  c.full_name = (char *)name;
  c.expires = (char *)expires;
  g_assert_true (ey_roster_save (f->roster, &c, &error));
  g_assert_no_error (error);
}

guint
file_mode (const char *path)
{
  GStatBuf st;

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  return st.st_mode & 0777;
}
