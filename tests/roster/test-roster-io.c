/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <locale.h>
#include <string.h>

#include <glib/gstdio.h>
#include <zip.h>

#include "roster-fixture.h"
#include "ey-roster-private.h"

static EyRosterImportRow *
row_at (EyRosterImport *import,
        guint           i)
{
  g_assert_cmpuint (i, <, import->rows->len);
  return g_ptr_array_index (import->rows, i);
}

/* The preview says what each row would do, and writes nothing. */
static void
test_preview (Fixture       *f,
              gconstpointer  data)
{
  static const char csv[] =
    "Ad Soyad,Kimlik No,Birim,Unvan,Başvuru Türü,Kart Okuyucu,Durum\n"
    "AYŞE YILMAZ,12345678950,Bilgi İşlem,Şube Müdürü,E-Onay,ACS ACR38,bekliyor\n"
    "MEHMET DEMİR,23456789138,Dekanlık,,ıslak imza,,applied\n"
    "JOHN SMITH,U12345678,Dil Okulu,,,,\n"
    "YANLIŞ,12345678951,,,,,\n"
    "AYNI,12345678950,,,,,\n"
    ",34567891238,,,,,\n"
    "ZEYNEP,45678912316,,,posta güvercini,,\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(EyRosterImport) import = NULL;
  g_autoptr(EyRosterImport) again = NULL;
  g_autoptr(EyColleague) john = NULL;
  g_autoptr(EyColleague) ayse = NULL;
  EyColleague changed = { 0 };
  guint added = 0, updated = 0;

  fixture_add (f, "U12345678", "JOHN SMITH", "2026-12-01");
  g_assert_true (ey_roster_set_status (f->roster, "U12345678", EY_ROSTER_STATUS_ORDER_OPENED,
                                       &error));

  import = ey_roster_preview_csv (f->roster, csv, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (import->rows->len, ==, 7);
  for (guint i = 0; i < import->rows->len; i++)
    g_test_message ("line %u: %d %s", row_at (import, i)->line, row_at (import, i)->action,
                    row_at (import, i)->reason ? row_at (import, i)->reason : "");
  g_assert_cmpint (row_at (import, 0)->action, ==, EY_ROSTER_IMPORT_ADD);
  g_assert_cmpint (row_at (import, 0)->colleague->application, ==, EY_ROSTER_APPLICATION_EONAY);
  g_assert_cmpstr (row_at (import, 0)->colleague->title, ==, "Şube Müdürü");
  g_assert_cmpstr (row_at (import, 0)->colleague->reader_type, ==, "ACS ACR38");
  g_assert_cmpint (row_at (import, 1)->action, ==, EY_ROSTER_IMPORT_ADD);
  g_assert_cmpint (row_at (import, 1)->colleague->application, ==, EY_ROSTER_APPLICATION_WET);
  g_assert_cmpint (row_at (import, 1)->colleague->status, ==, EY_ROSTER_STATUS_APPLIED);
  /* John has no status in the file: an empty cell is "pending", which is a change. */
  g_assert_cmpint (row_at (import, 2)->action, ==, EY_ROSTER_IMPORT_UPDATE);
  g_assert_cmpint (row_at (import, 3)->action, ==, EY_ROSTER_IMPORT_REFUSE);
  g_assert_cmpuint (row_at (import, 3)->line, ==, 5);
  g_assert_cmpint (row_at (import, 4)->action, ==, EY_ROSTER_IMPORT_REFUSE);
  g_assert_nonnull (strstr (row_at (import, 4)->reason, "line 2"));
  g_assert_cmpint (row_at (import, 5)->action, ==, EY_ROSTER_IMPORT_REFUSE);
  g_assert_cmpint (row_at (import, 6)->action, ==, EY_ROSTER_IMPORT_REFUSE);
  g_assert_nonnull (strstr (row_at (import, 6)->reason, "posta güvercini"));
  g_assert_cmpuint (import->n_add, ==, 2);
  g_assert_cmpuint (import->n_update, ==, 1);
  g_assert_cmpuint (import->n_refused, ==, 4);

  /* Nothing written yet. */
  g_assert_cmpint (ey_roster_count (f->roster, &error), ==, 1);
  g_assert_true (ey_roster_apply_import (f->roster, import, &added, &updated, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (added, ==, 2);
  g_assert_cmpuint (updated, ==, 1);
  john = ey_roster_lookup (f->roster, "U12345678", &error);
  /* Columns the file did not have keep what the roster knew. */
  g_assert_cmpstr (john->expires, ==, "2026-12-01");
  g_assert_cmpstr (john->institution, ==, "Dil Okulu");

  again = ey_roster_preview_csv (f->roster, csv, -1, &error);
  g_assert_cmpuint (again->n_add, ==, 0);
  g_assert_cmpuint (again->n_update, ==, 0);
  g_assert_cmpuint (again->n_unchanged, ==, 3);

  /* Rows the preview found unchanged are not written: a change made meanwhile stays. */
  ayse = ey_roster_lookup (f->roster, "12345678950", &error);
  changed = *ayse;
  changed.status = EY_ROSTER_STATUS_DONE;
  g_assert_true (ey_roster_save (f->roster, &changed, &error));
  g_assert_true (ey_roster_apply_import (f->roster, again, &added, &updated, &error));
  g_assert_cmpuint (updated, ==, 0);
  g_clear_pointer (&ayse, ey_colleague_free);
  ayse = ey_roster_lookup (f->roster, "12345678950", &error);
  g_assert_cmpint (ayse->status, ==, EY_ROSTER_STATUS_DONE);

  /* Without a roster everything good is an addition (the fuzzing entry point). */
  g_clear_pointer (&again, ey_roster_import_free);
  again = ey_roster_preview_csv (NULL, csv, -1, &error);
  g_assert_cmpuint (again->n_add, ==, 3);
}

static void
test_semicolon_1254 (Fixture       *f,
                     gconstpointer  data)
{
  /* Excel on Turkish Windows: windows-1254, ";", Turkish headers, d.m.Y dates,
   * yes/no wet checklist columns. */
  static const char csv[] =
    "Kimlik No;Ad Soyad;Birim;Sertifika Biti\xFE;Yazd\xFDr\xFDld\xFD;\xDDmzaland\xFD;Notlar\r\n"
    "12345678950;AY\xDE" "E I\xD0" "DIR;\xDE" "ube;31.12.2026;evet;12.01.2026;\"a;b\"\r\n"
    "23456789138;\xC7" "A\xD0" "RI \xD6ZG\xDCR;;01/02/2027;hay\xFDr;;\r\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(EyRosterImport) import = NULL;
  g_autoptr(EyColleague) ayse = NULL;
  g_autoptr(EyColleague) cagri = NULL;

  import = ey_roster_preview_csv (f->roster, csv, sizeof csv - 1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (import->n_add, ==, 2);
  g_assert_cmpuint (import->n_refused, ==, 0);
  g_assert_true (ey_roster_apply_import (f->roster, import, NULL, NULL, &error));
  ayse = ey_roster_lookup (f->roster, "12345678950", &error);
  g_assert_cmpstr (ayse->full_name, ==, "AYŞE IĞDIR");
  g_assert_cmpstr (ayse->institution, ==, "Şube");
  g_assert_cmpstr (ayse->expires, ==, "2026-12-31");
  g_assert_nonnull (ayse->wet[EY_ROSTER_WET_PRINTED]);
  g_assert_cmpstr (ayse->wet[EY_ROSTER_WET_SIGNED], ==, "2026-01-12");
  g_assert_cmpstr (ayse->notes, ==, "a;b");
  cagri = ey_roster_lookup (f->roster, "23456789138", &error);
  g_assert_cmpstr (cagri->full_name, ==, "ÇAĞRI ÖZGÜR");
  g_assert_cmpstr (cagri->expires, ==, "2027-02-01");
  g_assert_null (cagri->wet[EY_ROSTER_WET_PRINTED]);
}

static void
fill (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  EyColleague c = { 0 };

  c.identity = "12345678950";
  c.full_name = "AYŞE ŞİŞLİOĞLU";
  c.email = "ayse@igdir.edu.tr";
  c.phone = "05051234569";
  c.institution = "Rektörlük; Bilgi İşlem";
  c.title = "Öğr. Gör.";
  c.expires = "2026-02-28";
  c.status = EY_ROSTER_STATUS_APPLIED;
  c.application = EY_ROSTER_APPLICATION_WET;
  c.reader_type = "ACS ACR39U";
  c.card_type = "AKİS v2.5.2";
  c.order = "2026-123456";
  c.wet[EY_ROSTER_WET_PRINTED] = "2026-01-10";
  c.wet[EY_ROSTER_WET_SIGNED] = "2026-01-11";
  c.notes = "=HYPERLINK(\"http://evil\";\"tıkla\")\nikinci satır \"tırnak\"";
  g_assert_true (ey_roster_save (f->roster, &c, &error));
  g_assert_no_error (error);
  fixture_add (f, "U12345678", "JOHN SMITH", "2026-12-01");
  fixture_add (f, "23456789138", "+MEHMET -@ DEMİR", NULL);
}

static void
assert_same_rosters (EyRoster *a,
                     EyRoster *b)
{
  g_autoptr(GPtrArray) la = ey_roster_list (a, NULL);
  g_autoptr(GPtrArray) lb = ey_roster_list (b, NULL);

  g_assert_cmpuint (la->len, ==, lb->len);
  for (guint i = 0; i < la->len; i++)
    g_assert_true (_ey_roster_colleague_equal (g_ptr_array_index (la, i),
                                               g_ptr_array_index (lb, i)));
}

static void
test_csv_round_trip (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *other_path = g_build_filename (f->dir, "other.sqlite", NULL);
  g_autoptr(EyRoster) other = NULL;
  g_autoptr(EyRosterImport) import = NULL;

  fill (f);
  for (guint k = 0; k < 2; k++)
    {
      char sep = k == 0 ? ';' : ',';
      g_autofree char *csv = ey_roster_export_csv (f->roster, sep, &error);

      g_assert_no_error (error);
      /* No cell starts a formula. */
      g_assert_null (strstr (csv, ";=") );
      g_assert_null (strstr (csv, ",=") );
      g_assert_nonnull (strstr (csv, "'=HYPERLINK"));
      g_assert_nonnull (strstr (csv, "'+MEHMET"));
      g_clear_object (&other);
      if (k == 1)
        g_unlink (other_path);
      other = ey_roster_open (other_path, &error);
      g_clear_pointer (&import, ey_roster_import_free);
      import = ey_roster_preview_csv (other, csv, -1, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (import->n_refused, ==, 0);
      g_assert_true (ey_roster_apply_import (other, import, NULL, NULL, &error));
      assert_same_rosters (f->roster, other);
    }
}

static void
test_xlsx_round_trip (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *xlsx = g_build_filename (f->dir, "roster.xlsx", NULL);
  g_autofree char *other_path = g_build_filename (f->dir, "other.sqlite", NULL);
  g_autofree char *bytes = NULL;
  gsize length = 0;
  g_autoptr(EyRoster) other = NULL;
  g_autoptr(EyRosterImport) import = NULL;

  fill (f);
  g_assert_true (ey_roster_export_xlsx_file (f->roster, xlsx, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (file_mode (xlsx), ==, 0600);
  g_assert_true (g_file_get_contents (xlsx, &bytes, &length, &error));
  g_assert_true (memcmp (bytes, "PK\x03\x04", 4) == 0);

  other = ey_roster_open (other_path, &error);
  import = ey_roster_preview_bytes (other, bytes, length, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (import->n_add, ==, 3);
  g_assert_cmpuint (import->n_refused, ==, 0);
  g_assert_true (ey_roster_apply_import (other, import, NULL, NULL, &error));
  assert_same_rosters (f->roster, other);
}

static void
add_part (zip_t      *zip,
          const char *name,
          const char *text)
{
  zip_source_t *src = zip_source_buffer (zip, g_strdup (text), strlen (text), 1);

  g_assert_nonnull (src);
  g_assert_cmpint (zip_file_add (zip, name, src, ZIP_FL_ENC_UTF_8), >=, 0);
}

/* A workbook as Excel writes it: shared strings with rich text and phonetic
 * runs, inline strings, a formula with its cached value, numbers in E notation,
 * a date as a day number, gaps between cells, a second sheet not read. */
static char *
make_workbook (const char *dir,
               gsize      *length)
{
  g_autofree char *path = g_build_filename (dir, "excel.xlsx", NULL);
  char *bytes = NULL;
  int zerr = 0;
  zip_t *zip = zip_open (path, ZIP_CREATE | ZIP_TRUNCATE, &zerr);

  g_assert_nonnull (zip);
  add_part (zip, "[Content_Types].xml", "<?xml version=\"1.0\"?><Types/>");
  add_part (zip, "xl/workbook.xml",
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
            "<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\""
            " xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">"
            "<sheets><sheet name=\"Personel\" sheetId=\"1\" r:id=\"rId7\"/>"
            "<sheet name=\"Other\" sheetId=\"2\" r:id=\"rId1\"/></sheets></workbook>");
  add_part (zip, "xl/_rels/workbook.xml.rels",
            "<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
            "<Relationship Id=\"rId1\" Type=\"worksheet\" Target=\"worksheets/sheet1.xml\"/>"
            "<Relationship Id=\"rId7\" Type=\"worksheet\" Target=\"worksheets/personel.xml\"/>"
            "</Relationships>");
  add_part (zip, "xl/sharedStrings.xml",
            "<?xml version=\"1.0\"?><sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
            "<si><t>T.C. Kimlik No</t></si>"
            "<si><t>Adı Soyadı</t></si>"
            "<si><t>Kurumsal E-Posta</t></si>"
            "<si><t>Cep Telefonu</t></si>"
            "<si><r><t>Sertifika </t></r><r><rPr><b/></rPr><t>Bitiş Tarihi</t></r><rPh><t>x</t></rPh></si>"
            "<si><t xml:space=\"preserve\">ÇİĞDEM ÖZ </t></si>"
            "</sst>");
  add_part (zip, "xl/worksheets/sheet1.xml",
            "<?xml version=\"1.0\"?><worksheet><sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>wrong sheet</t></is></c></row></sheetData></worksheet>");
  add_part (zip, "xl/worksheets/personel.xml",
            "<?xml version=\"1.0\"?><worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>"
            "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\" t=\"s\"><v>1</v></c>"
            "<c r=\"C1\" t=\"s\"><v>2</v></c><c r=\"D1\" t=\"s\"><v>3</v></c><c r=\"F1\" t=\"s\"><v>4</v></c></row>"
            "<row r=\"2\"><c r=\"A2\"><v>1.234567895E10</v></c><c r=\"B2\" t=\"s\"><v>5</v></c>"
            "<c r=\"C2\" t=\"str\"><f>LOWER(\"CIGDEM@IGDIR.EDU.TR\")</f><v>cigdem@igdir.edu.tr</v></c>"
            "<c r=\"D2\"><v>5051234569</v></c><c r=\"F2\" s=\"1\"><v>46387</v></c></row>"
            "<row r=\"3\"/>"
            "<row r=\"5\"><c r=\"A5\" t=\"inlineStr\"><is><t>U12345678</t></is></c>"
            "<c r=\"B5\" t=\"inlineStr\"><is><t>JOHN SMITH</t></is></c>"
            "<c r=\"F5\" t=\"inlineStr\"><is><t>2026-11-30</t></is></c></row>"
            "<row r=\"6\"><c r=\"A6\"><v>12345678951</v></c><c r=\"B6\" t=\"e\"><v>#REF!</v></c></row>"
            "</sheetData></worksheet>");
  g_assert_cmpint (zip_close (zip), ==, 0);
  g_assert_true (g_file_get_contents (path, &bytes, length, NULL));
  return bytes;
}

static void
test_xlsx_excel (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EyRosterImport) import = NULL;
  g_autofree char *bytes = NULL;
  gsize length = 0;
  EyRosterImportRow *row;

  bytes = make_workbook (f->dir, &length);
  import = ey_roster_preview_xlsx (f->roster, bytes, length, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (import->rows->len, ==, 3);
  row = g_ptr_array_index (import->rows, 0);
  g_assert_cmpint (row->action, ==, EY_ROSTER_IMPORT_ADD);
  g_assert_cmpuint (row->line, ==, 2);
  g_assert_cmpstr (row->colleague->identity, ==, "12345678950");
  g_assert_cmpstr (row->colleague->full_name, ==, "ÇİĞDEM ÖZ");
  g_assert_cmpstr (row->colleague->email, ==, "cigdem@igdir.edu.tr");
  g_assert_cmpstr (row->colleague->phone, ==, "5051234569");
  g_assert_cmpstr (row->colleague->expires, ==, "2026-12-31");
  row = g_ptr_array_index (import->rows, 1);
  g_assert_cmpuint (row->line, ==, 5);
  g_assert_cmpstr (row->colleague->expires, ==, "2026-11-30");
  row = g_ptr_array_index (import->rows, 2);
  g_assert_cmpint (row->action, ==, EY_ROSTER_IMPORT_REFUSE);
  g_assert_cmpuint (row->line, ==, 6);
}

static void
test_xlsx_broken (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *bytes = NULL;
  gsize length = 0;

  g_assert_null (ey_roster_preview_xlsx (f->roster, "PK\x03\x04garbage", 11, &error));
  g_assert_error (error, EY_ROSTER_ERROR, EY_ROSTER_ERROR_XLSX);
  g_clear_error (&error);

  /* Cut short: a damaged container is refused, never half read. */
  bytes = make_workbook (f->dir, &length);
  g_assert_null (ey_roster_preview_xlsx (f->roster, bytes, length / 2, &error));
  g_assert_error (error, EY_ROSTER_ERROR, EY_ROSTER_ERROR_XLSX);
  g_clear_error (&error);

  /* Not a roster: no header naming the columns. */
  g_assert_null (ey_roster_preview_csv (f->roster, "a,b\n1,2\n", -1, &error));
  g_assert_error (error, EY_ROSTER_ERROR, EY_ROSTER_ERROR_CSV);
  g_clear_error (&error);
  g_assert_null (ey_roster_preview_csv (f->roster, "\xFF\xFE\x00\x00", 4, &error));
  g_assert_error (error, EY_ROSTER_ERROR, EY_ROSTER_ERROR_CSV);
}

/* Damaged and hostile input never crashes the readers: mutations of a good CSV and a
 * good workbook (bytes flipped, cut short, NULs, quotes), with a fixed seed. */
static void
test_mutations (Fixture       *f,
                gconstpointer  data)
{
  static const char csv[] =
    "Kimlik No;Ad Soyad;Birim;Sertifika Bitiş;Durum;Yazdırıldı\r\n"
    "12345678950;\"AYŞE; YILMAZ\";Bilgi İşlem;31.12.2026;bekliyor;evet\r\n"
    "U12345678;JOHN SMITH;;46387;applied;\r\n";
  g_autofree char *xlsx = NULL;
  gsize xlsx_len = 0;
  GRand *rand = g_rand_new_with_seed (12);

  xlsx = make_workbook (f->dir, &xlsx_len);
  for (guint round = 0; round < 400; round++)
    {
      gboolean is_xlsx = round % 2 == 1;
      gsize len = is_xlsx ? xlsx_len : sizeof csv - 1;
      g_autofree char *buf = g_memdup2 (is_xlsx ? xlsx : csv, len + 1);
      guint flips = g_rand_int_range (rand, 1, 8);
      g_autoptr(EyRosterImport) import = NULL;
      g_autoptr(GError) error = NULL;
      static const char specials[] = { '\0', '"', ';', ',', '\n', '\r', '\xff', '\xc4' };

      for (guint i = 0; i < flips; i++)
        buf[g_rand_int_range (rand, 0, len)] = g_rand_boolean (rand)
          ? specials[g_rand_int_range (rand, 0, G_N_ELEMENTS (specials))]
          : (char)g_rand_int_range (rand, 0, 256);
      if (g_rand_int_range (rand, 0, 4) == 0)
        len = g_rand_int_range (rand, 0, len);
      import = is_xlsx ? ey_roster_preview_xlsx (NULL, buf, len, &error)
                       : ey_roster_preview_csv (NULL, buf, len, &error);
      g_assert_true ((import == NULL) == (error != NULL));
      if (import != NULL)
        g_assert_cmpuint (import->n_add + import->n_update + import->n_unchanged + import->n_refused,
                          ==, import->rows->len);
    }
  g_rand_free (rand);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/roster/io/preview", Fixture, NULL, fixture_set_up, test_preview, fixture_tear_down);
  g_test_add ("/roster/io/semicolon-1254", Fixture, NULL, fixture_set_up, test_semicolon_1254,
              fixture_tear_down);
  g_test_add ("/roster/io/csv-round-trip", Fixture, NULL, fixture_set_up, test_csv_round_trip,
              fixture_tear_down);
  g_test_add ("/roster/io/xlsx-round-trip", Fixture, NULL, fixture_set_up, test_xlsx_round_trip,
              fixture_tear_down);
  g_test_add ("/roster/io/xlsx-excel", Fixture, NULL, fixture_set_up, test_xlsx_excel,
              fixture_tear_down);
  g_test_add ("/roster/io/xlsx-broken", Fixture, NULL, fixture_set_up, test_xlsx_broken,
              fixture_tear_down);
  g_test_add ("/roster/io/mutations", Fixture, NULL, fixture_set_up, test_mutations,
              fixture_tear_down);
  return g_test_run ();
}
