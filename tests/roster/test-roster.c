/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <locale.h>
#include <string.h>
#include <sys/stat.h>

#include <glib/gstdio.h>

#include "ey-roster.h"

typedef struct
{
  char     *dir;
  char     *path;
  EyRoster *roster;
} Fixture;

static void
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

static void
remove_tree (const char *path)
{
  GDir *dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir == NULL)
    {
      g_assert_cmpint (g_unlink (path), ==, 0);
      return;
    }
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      remove_tree (child);
    }
  g_dir_close (dir);
  g_assert_cmpint (g_rmdir (path), ==, 0);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->roster);
  remove_tree (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

static guint
file_mode (const char *path)
{
  GStatBuf st;

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  return st.st_mode & 0777;
}

static void
add (Fixture    *f,
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

static void
test_mode (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_path_get_dirname (f->path);
  g_autofree char *other = g_build_filename (f->dir, "loose.sqlite", NULL);
  g_autoptr(EyRoster) loose = NULL;

  add (f, "12345678950", "AYŞE YILMAZ", NULL);
  g_assert_cmpuint (file_mode (f->path), ==, 0600);
  g_assert_cmpuint (file_mode (dir), ==, 0700);

  /* A file someone made readable to all is tightened on open. */
  g_assert_true (g_file_set_contents (other, "", 0, &error));
  g_assert_cmpint (g_chmod (other, 0644), ==, 0);
  loose = ey_roster_open (other, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (file_mode (other), ==, 0600);
}

static void
test_save (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EyColleague) got = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(EyRoster) again = NULL;
  EyColleague c = { 0 };

  c.identity = "123 456 789 50";
  c.full_name = "  AYŞE YILMAZ ";
  c.email = "ayse.yilmaz@igdir.edu.tr";
  c.phone = "0505 123 45 69";
  c.institution = "Bilgi İşlem";
  c.expires = "2026-12-31";
  c.status = EY_ROSTER_STATUS_ORDER_OPENED;
  g_assert_true (ey_roster_save (f->roster, &c, &error));
  g_assert_no_error (error);

  got = ey_roster_lookup (f->roster, "12345678950", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (got->full_name, ==, "AYŞE YILMAZ");
  g_assert_cmpstr (got->phone, ==, "5051234569");
  g_assert_cmpstr (got->expires, ==, "2026-12-31");
  g_assert_cmpint (got->status, ==, EY_ROSTER_STATUS_ORDER_OPENED);
  g_assert_null (got->notes);

  /* The same identity replaces. */
  c.full_name = "AYŞE YILMAZ KAYA";
  g_assert_true (ey_roster_save (f->roster, &c, &error));
  add (f, "U12345678", "JOHN SMITH", "2026-12-01");
  add (f, "23456789138", "MEHMET DEMİR", NULL);
  g_assert_cmpint (ey_roster_count (f->roster, &error), ==, 3);

  list = ey_roster_list (f->roster, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 3);
  g_assert_cmpstr (((EyColleague *)g_ptr_array_index (list, 0))->identity, ==, "U12345678");
  g_assert_cmpstr (((EyColleague *)g_ptr_array_index (list, 1))->full_name, ==, "AYŞE YILMAZ KAYA");
  g_assert_cmpstr (((EyColleague *)g_ptr_array_index (list, 2))->identity, ==, "23456789138");

  /* Refusals: each with its own reason. */
  c.identity = "12345678951";
  g_assert_false (ey_roster_save (f->roster, &c, &error));
  g_assert_error (error, EY_ROSTER_ERROR, EY_ROSTER_ERROR_INVALID);
  g_clear_error (&error);
  c.identity = "12345678950";
  c.phone = "0312 123 45 67";
  g_assert_false (ey_roster_save (f->roster, &c, &error));
  g_assert_error (error, EY_ROSTER_ERROR, EY_ROSTER_ERROR_INVALID);
  g_clear_error (&error);
  c.phone = NULL;
  c.expires = "31.02.2026";
  g_assert_false (ey_roster_save (f->roster, &c, &error));
  g_assert_error (error, EY_ROSTER_ERROR, EY_ROSTER_ERROR_INVALID);
  g_clear_error (&error);
  c.expires = NULL;
  c.full_name = "  ";
  g_assert_false (ey_roster_save (f->roster, &c, &error));
  g_assert_error (error, EY_ROSTER_ERROR, EY_ROSTER_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_true (ey_roster_remove (f->roster, "23456789138", &error));
  g_assert_false (ey_roster_remove (f->roster, "23456789138", &error));
  g_assert_error (error, EY_ROSTER_ERROR, EY_ROSTER_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_null (ey_roster_lookup (f->roster, "23456789138", &error));
  g_assert_error (error, EY_ROSTER_ERROR, EY_ROSTER_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* It is all on disk. */
  g_clear_object (&f->roster);
  again = ey_roster_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (ey_roster_count (again, &error), ==, 2);
}

static void
test_import (Fixture       *f,
             gconstpointer  data)
{
  /* Excel in a Turkish locale: BOM, ";" separators, Turkish headers, d.m.y dates,
   * quoted cells with separators, quotes and line breaks. */
  static const char csv[] =
    "\xEF\xBB\xBF" "Kimlik No;Ad Soyad;E-Posta;Telefon;Kurum;Sertifika Bitiş;Durum;Notlar;Fazla\r\n"
    "12345678950;AYŞE YILMAZ;ayse@igdir.edu.tr;0505 123 45 69;Bilgi İşlem;31.12.2026;bekliyor;;x\r\n"
    "U12345678;\"SMITH; JOHN\";;;\"Dil \"\"Okulu\"\"\";2026-11-30;başvurdu;\"iki\r\nsatır\";\r\n"
    "\r\n"
    "12345678951;YANLIŞ NUMARA;;;;;;;\r\n"
    "45678912316;ALİ ÇELİK;;0312 000 00 00;;;;;\r\n"
    "56789123416;ZEYNEP;;;;;uçtu;;\r\n"
    "34567891238;FATMA KAYA;;;;;;;\r\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(EyColleague) john = NULL;
  guint added = 0, updated = 0;

  g_assert_true (ey_roster_import_csv (f->roster, csv, -1, &added, &updated, &problems, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (added, ==, 3);
  g_assert_cmpuint (updated, ==, 0);
  g_assert_cmpuint (problems->len, ==, 3);
  for (guint i = 0; i < problems->len; i++)
    g_test_message ("%s", (char *)g_ptr_array_index (problems, i));
  /* Line numbers count the line break inside the quoted note. */
  g_assert_true (g_str_has_prefix (g_ptr_array_index (problems, 0), "Line 6:"));
  g_assert_true (g_str_has_prefix (g_ptr_array_index (problems, 1), "Line 7:"));
  g_assert_true (g_str_has_prefix (g_ptr_array_index (problems, 2), "Line 8:"));

  john = ey_roster_lookup (f->roster, "U12345678", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (john->full_name, ==, "SMITH; JOHN");
  g_assert_cmpstr (john->institution, ==, "Dil \"Okulu\"");
  g_assert_cmpstr (john->notes, ==, "iki\r\nsatır");
  g_assert_cmpint (john->status, ==, EY_ROSTER_STATUS_APPLIED);
  {
    g_autoptr(EyColleague) ayse = ey_roster_lookup (f->roster, "12345678950", &error);

    g_assert_cmpstr (ayse->expires, ==, "2026-12-31");
    g_assert_cmpstr (ayse->phone, ==, "5051234569");
  }

  /* Again: everything is an update now. */
  g_clear_pointer (&problems, g_ptr_array_unref);
  g_assert_true (ey_roster_import_csv (f->roster, csv, -1, &added, &updated, &problems, &error));
  g_assert_cmpuint (added, ==, 0);
  g_assert_cmpuint (updated, ==, 0);   /* the same data: nothing to change */

  /* No header that names the needed columns. */
  g_assert_false (ey_roster_import_csv (f->roster, "12345678950,AYŞE\n", -1, NULL, NULL, NULL,
                                        &error));
  g_assert_error (error, EY_ROSTER_ERROR, EY_ROSTER_ERROR_CSV);
  g_clear_error (&error);
  g_assert_false (ey_roster_import_csv (f->roster, "", -1, NULL, NULL, NULL, &error));
  g_assert_error (error, EY_ROSTER_ERROR, EY_ROSTER_ERROR_CSV);
}

static void
test_import_windows_1254 (Fixture       *f,
                          gconstpointer  data)
{
  /* "identity,name\n12345678950,AYŞE IĞDIR\n" in windows-1254 */
  static const char csv[] = "identity,name\n12345678950,AY\xDE" "E I\xD0" "DIR\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(EyColleague) c = NULL;
  guint added = 0;

  g_assert_true (ey_roster_import_csv (f->roster, csv, -1, &added, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (added, ==, 1);
  c = ey_roster_lookup (f->roster, "12345678950", &error);
  g_assert_cmpstr (c->full_name, ==, "AYŞE IĞDIR");
}

static void
test_export (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *csv = NULL;
  g_autofree char *file = g_build_filename (f->dir, "export.csv", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *other_path = g_build_filename (f->dir, "other.sqlite", NULL);
  g_autoptr(EyRoster) other = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(EyColleague) back = NULL;
  EyColleague c = { 0 };
  guint added = 0;

  c.identity = "12345678950";
  c.full_name = "AYŞE YILMAZ";
  c.phone = "05051234569";
  c.notes = "=HYPERLINK(\"http://evil\";\"tıkla\")";
  c.institution = "Rektörlük; Bilgi İşlem";
  g_assert_true (ey_roster_save (f->roster, &c, &error));
  add (f, "U12345678", "JOHN SMITH", "2026-12-01");

  csv = ey_roster_export_csv (f->roster, ';', &error);
  g_assert_no_error (error);
  g_test_message ("%s", csv);
  g_assert_true (g_str_has_prefix (csv, "\xEF\xBB\xBF" "identity;name;email;phone;unit;title;"
                                        "expires;status;application;reader;card;order;printed;"
                                        "signed;received;sent;changed;notes\r\n"));
  g_assert_nonnull (strstr (csv, "U12345678;JOHN SMITH;;;;;2026-12-01;pending;;;;;;;;;20"));
  g_assert_nonnull (strstr (csv, "\"Rektörlük; Bilgi İşlem\""));
  g_assert_nonnull (strstr (csv, "0505 123 45 69"));
  /* No formula survives. */
  g_assert_nonnull (strstr (csv, "\"'=HYPERLINK(\"\"http://evil\"\";\"\"tıkla\"\")\""));

  g_assert_true (ey_roster_export_csv_file (f->roster, file, ';', &error));
  g_assert_no_error (error);
  g_assert_cmpuint (file_mode (file), ==, 0600);

  /* Round trip into another roster. */
  g_assert_true (g_file_get_contents (file, &contents, NULL, &error));
  other = ey_roster_open (other_path, &error);
  g_assert_true (ey_roster_import_csv (other, contents, -1, &added, NULL, &problems, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (added, ==, 2);
  g_assert_cmpuint (problems->len, ==, 0);
  back = ey_roster_lookup (other, "12345678950", &error);
  g_assert_cmpstr (back->institution, ==, "Rektörlük; Bilgi İşlem");
  g_assert_cmpstr (back->phone, ==, "5051234569");
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/roster/mode", Fixture, NULL, fixture_set_up, test_mode, fixture_tear_down);
  g_test_add ("/roster/save", Fixture, NULL, fixture_set_up, test_save, fixture_tear_down);
  g_test_add ("/roster/import", Fixture, NULL, fixture_set_up, test_import, fixture_tear_down);
  g_test_add ("/roster/import-windows-1254", Fixture, NULL, fixture_set_up,
              test_import_windows_1254, fixture_tear_down);
  g_test_add ("/roster/export", Fixture, NULL, fixture_set_up, test_export, fixture_tear_down);
  return g_test_run ();
}
