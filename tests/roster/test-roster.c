/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <locale.h>
#include <string.h>
#include <sys/stat.h>

#include <glib/gstdio.h>

#include "roster-fixture.h"
#include "ey-roster-private.h"

static void
add (Fixture    *f,
     const char *identity,
     const char *name,
     const char *expires)
{
  fixture_add (f, identity, name, expires);
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
  g_assert_finalize_object (f->roster);
  f->roster = ey_roster_open (f->path, &error);
  again = g_object_ref (f->roster);
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

static void
test_history (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) history = NULL;
  g_autoptr(EyColleague) c = NULL;
  g_autoptr(GDateTime) t1 = g_date_time_new_utc (2026, 3, 1, 9, 0, 0);
  g_autoptr(GDateTime) t2 = g_date_time_new_utc (2026, 3, 2, 10, 30, 0);
  g_autofree char *first = NULL;
  g_autofree char *status = NULL;

  _ey_roster_set_now (f->roster, t1);
  add (f, "12345678950", "AYŞE YILMAZ", "2026-05-01");
  _ey_roster_set_now (f->roster, t2);
  g_assert_true (ey_roster_set_status (f->roster, "12345678950", EY_ROSTER_STATUS_ORDER_OPENED,
                                       &error));
  g_assert_no_error (error);
  /* The same status again writes nothing. */
  g_assert_true (ey_roster_set_status (f->roster, "12345678950", EY_ROSTER_STATUS_ORDER_OPENED,
                                       &error));
  g_assert_true (ey_roster_set_wet_step (f->roster, "12345678950", EY_ROSTER_WET_PRINTED, TRUE,
                                         &error));
  g_assert_true (ey_roster_set_wet_step (f->roster, "12345678950", EY_ROSTER_WET_SIGNED, TRUE,
                                         &error));
  g_assert_true (ey_roster_set_wet_step (f->roster, "12345678950", EY_ROSTER_WET_SIGNED, FALSE,
                                         &error));
  g_assert_no_error (error);
  g_assert_false (ey_roster_set_status (f->roster, "23456789138", EY_ROSTER_STATUS_DONE, &error));
  g_assert_error (error, EY_ROSTER_ERROR, EY_ROSTER_ERROR_NOT_FOUND);
  g_clear_error (&error);

  c = ey_roster_lookup (f->roster, "12345678950", &error);
  g_assert_cmpstr (c->wet[EY_ROSTER_WET_PRINTED], ==, "2026-03-02");
  g_assert_null (c->wet[EY_ROSTER_WET_SIGNED]);
  g_assert_cmpint (c->application, ==, EY_ROSTER_APPLICATION_WET);
  g_assert_cmpstr (c->changed, ==, "2026-03-02T10:30:00Z");

  history = ey_roster_history (f->roster, "12345678950", &error);
  g_assert_no_error (error);
  for (guint i = 0; i < history->len; i++)
    {
      g_autofree char *text = ey_roster_event_describe (g_ptr_array_index (history, i));

      g_test_message ("%s %s", ((EyRosterEvent *)g_ptr_array_index (history, i))->at, text);
    }
  /* added, status, application + printed, signed, signed off */
  g_assert_cmpuint (history->len, ==, 6);
  first = ey_roster_event_describe (g_ptr_array_index (history, 0));
  g_assert_cmpstr (((EyRosterEvent *)g_ptr_array_index (history, 0))->field, ==, "added");
  g_assert_cmpstr (((EyRosterEvent *)g_ptr_array_index (history, 0))->at, ==,
                   "2026-03-01T09:00:00Z");
  g_assert_cmpstr (((EyRosterEvent *)g_ptr_array_index (history, 1))->field, ==, "status");
  g_assert_cmpstr (((EyRosterEvent *)g_ptr_array_index (history, 1))->new_value, ==,
                   "order-opened");
  status = ey_roster_event_describe (g_ptr_array_index (history, 1));
  g_assert_nonnull (strstr (status, "→"));
  g_assert_cmpstr (((EyRosterEvent *)g_ptr_array_index (history, 5))->field, ==, "signed");
  g_assert_null (((EyRosterEvent *)g_ptr_array_index (history, 5))->new_value);
}

static void
count_changed_cb (EyRoster   *roster,
                  const char *identity,
                  GPtrArray  *seen)
{
  g_ptr_array_add (seen, g_strdup (identity ? identity : "*"));
}

static void
test_remove_restore (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) seen = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(EyColleague) c = NULL;
  g_autoptr(GPtrArray) history = NULL;
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(EyColleague) back = NULL;

  g_signal_connect (f->roster, "changed", G_CALLBACK (count_changed_cb), seen);
  add (f, "12345678950", "AYŞE YILMAZ", "2026-05-01");
  g_assert_true (ey_roster_set_wet_step (f->roster, "12345678950", EY_ROSTER_WET_PRINTED, TRUE,
                                         &error));
  c = ey_roster_lookup (f->roster, "12345678950", &error);
  history = ey_roster_history (f->roster, "12345678950", &error);
  g_assert_true (ey_roster_remove (f->roster, "12345678950", &error));
  g_assert_no_error (error);
  after = ey_roster_history (f->roster, "12345678950", &error);
  g_assert_cmpuint (after->len, ==, 0);

  /* Undo: the row and its history come back as they were. */
  g_assert_true (ey_roster_restore (f->roster, c, history, &error));
  g_assert_no_error (error);
  back = ey_roster_lookup (f->roster, "12345678950", &error);
  g_assert_cmpstr (back->wet[EY_ROSTER_WET_PRINTED], ==, c->wet[EY_ROSTER_WET_PRINTED]);
  g_assert_cmpstr (back->changed, ==, c->changed);
  g_clear_pointer (&after, g_ptr_array_unref);
  after = ey_roster_history (f->roster, "12345678950", &error);
  g_assert_cmpuint (after->len, ==, history->len);

  g_assert_cmpuint (seen->len, ==, 4);
  for (guint i = 0; i < seen->len; i++)
    g_assert_cmpstr (g_ptr_array_index (seen, i), ==, "12345678950");
  g_signal_handlers_disconnect_by_data (f->roster, seen);
}

static void
test_remove_done (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) long_ago = g_date_time_new_utc (2025, 1, 10, 12, 0, 0);
  g_autoptr(GDateTime) now = g_date_time_new_utc (2026, 1, 10, 12, 0, 0);

  _ey_roster_set_now (f->roster, long_ago);
  add (f, "12345678950", "AYŞE YILMAZ", "2025-05-01");
  add (f, "23456789138", "MEHMET DEMİR", "2025-06-01");
  g_assert_true (ey_roster_set_status (f->roster, "12345678950", EY_ROSTER_STATUS_DONE, &error));
  _ey_roster_set_now (f->roster, now);
  add (f, "U12345678", "JOHN SMITH", "2026-02-01");
  g_assert_true (ey_roster_set_status (f->roster, "U12345678", EY_ROSTER_STATUS_DONE, &error));

  /* Done a year ago goes; done today and not done stay. */
  g_assert_cmpint (ey_roster_remove_done_before (f->roster, 6, &error), ==, 1);
  g_assert_no_error (error);
  g_assert_cmpint (ey_roster_count (f->roster, &error), ==, 2);
  g_assert_cmpint (ey_roster_remove_done_before (f->roster, 6, &error), ==, 0);
}

static void
test_filters (Fixture       *f,
              gconstpointer  data)
{
  GDate today;
  EyColleague c = { 0 };
  int days = 0;
  g_autofree char *masked = ey_colleague_mask_identity ("12345678950");
  EyRosterFilter filter;

  g_date_clear (&today, 1);
  g_date_set_dmy (&today, 15, 1, 2026);
  g_assert_cmpstr (masked, ==, "*******8950");

  c.identity = "12345678950";
  g_assert_false (ey_colleague_days_left (&c, &today, &days));
  g_assert_false (ey_colleague_matches_filter (&c, EY_ROSTER_FILTER_DUE, &today));
  g_assert_true (ey_colleague_matches_filter (&c, EY_ROSTER_FILTER_ALL, &today));

  c.expires = "2026-03-01";
  g_assert_true (ey_colleague_days_left (&c, &today, &days));
  g_assert_cmpint (days, ==, 45);
  g_assert_true (ey_colleague_matches_filter (&c, EY_ROSTER_FILTER_WINDOW_OPEN, &today));
  g_assert_true (ey_colleague_matches_filter (&c, EY_ROSTER_FILTER_DUE, &today));
  g_assert_false (ey_colleague_matches_filter (&c, EY_ROSTER_FILTER_EXPIRED, &today));

  c.expires = "2026-04-16";   /* 3 months and a day */
  g_assert_false (ey_colleague_matches_filter (&c, EY_ROSTER_FILTER_WINDOW_OPEN, &today));
  c.expires = "2026-01-14";
  g_assert_true (ey_colleague_days_left (&c, &today, &days));
  g_assert_cmpint (days, ==, -1);
  g_assert_true (ey_colleague_matches_filter (&c, EY_ROSTER_FILTER_EXPIRED, &today));
  g_assert_false (ey_colleague_matches_filter (&c, EY_ROSTER_FILTER_WINDOW_OPEN, &today));
  g_assert_true (ey_colleague_matches_filter (&c, EY_ROSTER_FILTER_DUE, &today));

  c.status = EY_ROSTER_STATUS_DONE;
  g_assert_false (ey_colleague_matches_filter (&c, EY_ROSTER_FILTER_EXPIRED, &today));
  g_assert_true (ey_colleague_matches_filter (&c, EY_ROSTER_FILTER_DONE, &today));

  c.status = EY_ROSTER_STATUS_APPLIED;
  c.application = EY_ROSTER_APPLICATION_WET;
  g_assert_true (ey_colleague_matches_filter (&c, EY_ROSTER_FILTER_APPLIED, &today));
  g_assert_true (ey_colleague_matches_filter (&c, EY_ROSTER_FILTER_WAITING_WET, &today));
  c.wet[EY_ROSTER_WET_SENT] = "2026-01-15";
  g_assert_false (ey_colleague_matches_filter (&c, EY_ROSTER_FILTER_WAITING_WET, &today));

  g_assert_true (ey_roster_filter_from_string ("wet", &filter));
  g_assert_cmpint (filter, ==, EY_ROSTER_FILTER_WAITING_WET);
  g_assert_false (ey_roster_filter_from_string ("WET", &filter));
}

/* A roster written by the first version (eight columns, no history) opens and
 * gains the new columns without losing anyone. */
static void
test_migrate (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *old_path = g_build_filename (f->dir, "v1.sqlite", NULL);
  g_autoptr(EyRoster) roster = NULL;
  g_autoptr(EyColleague) c = NULL;
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (old_path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "CREATE TABLE colleague (identity TEXT PRIMARY KEY NOT NULL,"
                                 " full_name TEXT NOT NULL, email TEXT, phone TEXT,"
                                 " institution TEXT, expires TEXT,"
                                 " status TEXT NOT NULL DEFAULT 'pending', notes TEXT);"
                                 "INSERT INTO colleague VALUES ('12345678950', 'AYŞE', NULL,"
                                 " NULL, 'Bilgi İşlem', '2026-05-01', 'applied', NULL);",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  roster = ey_roster_open (old_path, &error);
  g_assert_no_error (error);
  c = ey_roster_lookup (roster, "12345678950", &error);
  g_assert_no_error (error);
  g_assert_cmpint (c->status, ==, EY_ROSTER_STATUS_APPLIED);
  g_assert_cmpstr (c->institution, ==, "Bilgi İşlem");
  g_assert_null (c->title);
  g_assert_true (ey_roster_set_wet_step (roster, "12345678950", EY_ROSTER_WET_SENT, TRUE, &error));
  g_assert_no_error (error);
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
  g_test_add ("/roster/history", Fixture, NULL, fixture_set_up, test_history, fixture_tear_down);
  g_test_add ("/roster/remove-restore", Fixture, NULL, fixture_set_up, test_remove_restore,
              fixture_tear_down);
  g_test_add ("/roster/remove-done", Fixture, NULL, fixture_set_up, test_remove_done,
              fixture_tear_down);
  g_test_add ("/roster/filters", Fixture, NULL, fixture_set_up, test_filters, fixture_tear_down);
  g_test_add ("/roster/migrate", Fixture, NULL, fixture_set_up, test_migrate, fixture_tear_down);
  return g_test_run ();
}
