/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ey-roster-io"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <libxml/xmlreader.h>
#include <xlsxwriter.h>
#include <zip.h>

#include "ey-identity.h"
#include "ey-roster-private.h"

/* Spreadsheets in and out.  Both formats first become a table of text cells
 * (Row), which is then checked row by row into a preview (EyRosterImport);
 * only ey_roster_apply_import() writes. */

typedef enum
{
  COL_IGNORED = -1,
  COL_IDENTITY,
  COL_NAME,
  COL_EMAIL,
  COL_PHONE,
  COL_INSTITUTION,
  COL_TITLE,
  COL_EXPIRES,
  COL_STATUS,
  COL_APPLICATION,
  COL_READER,
  COL_CARD,
  COL_ORDER,
  COL_PRINTED,
  COL_SIGNED,
  COL_RECEIVED,
  COL_SENT,
  COL_CHANGED,
  COL_NOTES,
  N_COLS
} Column;

/* The export header, in Column order. */
static const char * const export_names[N_COLS] = {
  "identity", "name", "email", "phone", "unit", "title", "expires", "status", "application",
  "reader", "card", "order", "printed", "signed", "received", "sent", "changed", "notes",
};

/* Header cells after header_key(): English and Turkish spreadsheet names. */
static const struct { const char *name; Column col; } column_names[] = {
  { "identity", COL_IDENTITY }, { "identity_number", COL_IDENTITY },
  { "kimlik_no", COL_IDENTITY }, { "kimlikno", COL_IDENTITY }, { "tckn", COL_IDENTITY },
  { "tc_kimlik_no", COL_IDENTITY }, { "t_c_kimlik_no", COL_IDENTITY }, { "tc_no", COL_IDENTITY },
  { "passport", COL_IDENTITY }, { "pasaport", COL_IDENTITY },
  { "name", COL_NAME }, { "full_name", COL_NAME }, { "ad_soyad", COL_NAME },
  { "adsoyad", COL_NAME }, { "adi_soyadi", COL_NAME }, { "isim", COL_NAME },
  { "email", COL_EMAIL }, { "e_mail", COL_EMAIL }, { "mail", COL_EMAIL },
  { "e_posta", COL_EMAIL }, { "eposta", COL_EMAIL }, { "kurumsal_e_posta", COL_EMAIL },
  { "kurumsal_eposta", COL_EMAIL }, { "institutional_email", COL_EMAIL },
  { "phone", COL_PHONE }, { "mobile", COL_PHONE }, { "mobile_phone", COL_PHONE },
  { "telefon", COL_PHONE }, { "cep_telefonu", COL_PHONE }, { "cep", COL_PHONE },
  { "gsm", COL_PHONE },
  { "institution", COL_INSTITUTION }, { "unit", COL_INSTITUTION }, { "kurum", COL_INSTITUTION },
  { "birim", COL_INSTITUTION }, { "department", COL_INSTITUTION },
  { "title", COL_TITLE }, { "unvan", COL_TITLE }, { "unvani", COL_TITLE },
  { "gorev", COL_TITLE },
  { "expires", COL_EXPIRES }, { "end_date", COL_EXPIRES }, { "certificate_end", COL_EXPIRES },
  { "sertifika_bitis", COL_EXPIRES }, { "bitis", COL_EXPIRES }, { "bitis_tarihi", COL_EXPIRES },
  { "sertifika_bitis_tarihi", COL_EXPIRES },
  { "status", COL_STATUS }, { "durum", COL_STATUS },
  { "application", COL_APPLICATION }, { "application_type", COL_APPLICATION },
  { "basvuru_turu", COL_APPLICATION }, { "basvuru_tipi", COL_APPLICATION },
  { "basvuru_sekli", COL_APPLICATION },
  { "reader", COL_READER }, { "reader_type", COL_READER }, { "kart_okuyucu", COL_READER },
  { "okuyucu", COL_READER }, { "kart_okuyucu_tipi", COL_READER }, { "okuyucu_tipi", COL_READER },
  { "card", COL_CARD }, { "card_type", COL_CARD }, { "kart", COL_CARD },
  { "kart_tipi", COL_CARD },
  { "order", COL_ORDER }, { "application_number", COL_ORDER }, { "basvuru_no", COL_ORDER },
  { "siparis_no", COL_ORDER },
  { "printed", COL_PRINTED }, { "form_printed", COL_PRINTED }, { "yazdirildi", COL_PRINTED },
  { "form_yazdirildi", COL_PRINTED },
  { "signed", COL_SIGNED }, { "imzalandi", COL_SIGNED }, { "mavi_kalemle_imzalandi", COL_SIGNED },
  { "received", COL_RECEIVED }, { "teslim_alindi", COL_RECEIVED },
  { "sent", COL_SENT }, { "gonderildi", COL_SENT }, { "kamusm_ye_gonderildi", COL_SENT },
  { "changed", COL_CHANGED }, { "last_change", COL_CHANGED }, { "son_degisiklik", COL_CHANGED },
  { "notes", COL_NOTES }, { "notlar", COL_NOTES }, { "not", COL_NOTES },
  { "aciklama", COL_NOTES },
};

#define MAX_COLUMNS 64
/* A spreadsheet part larger than this is not a roster (and maybe a zip bomb). */
#define MAX_PART_SIZE (64 * 1024 * 1024)

typedef struct
{
  GPtrArray *cells;
  guint      line;
} Row;

static void
row_free (Row *row)
{
  g_ptr_array_unref (row->cells);
  g_free (row);
}

static Row *
row_new (guint line)
{
  Row *row = g_new0 (Row, 1);

  row->cells = g_ptr_array_new_with_free_func (g_free);
  row->line = line;
  return row;
}

/* "Kimlik No", "KİMLİK_NO" and "kimlik-no" all name the identity column. */
static char *
header_key (const char *cell)
{
  g_autofree char *folded = g_strstrip (_ey_roster_fold (cell));
  GString *out = g_string_new (NULL);
  gboolean gap = FALSE;

  /* Runs of separators are one "_": "T.C. Kimlik No" is "t_c_kimlik_no". */
  for (const char *p = folded; *p; p++)
    {
      if (strchr (" -./'_()", *p) != NULL)
        gap = TRUE;
      else
        {
          if (gap && out->len > 0)
            g_string_append_c (out, '_');
          gap = FALSE;
          g_string_append_c (out, *p);
        }
    }
  return g_string_free (out, FALSE);
}

/* ------------------------------------------------------------------ */
/* CSV                                                                  */

/* Splits CSV into rows of cells (RFC 4180 quoting, any line break).
 * Each row remembers the line it started on. */
static GPtrArray *
parse_csv (const char *text,
           char        sep)
{
  GPtrArray *rows = g_ptr_array_new_with_free_func ((GDestroyNotify)row_free);
  GString *cell = g_string_new (NULL);
  Row *row = NULL;
  gboolean quoted = FALSE;
  gboolean cell_started = FALSE;
  guint line = 1;

  for (const char *p = text;; p++)
    {
      char c = *p;

      if (row == NULL)
        row = row_new (line);
      if (quoted)
        {
          if (c == '\0')
            quoted = FALSE;   /* unterminated: take what there is */
          else if (c == '"' && p[1] == '"')
            {
              g_string_append_c (cell, '"');
              p++;
              continue;
            }
          else if (c == '"')
            {
              quoted = FALSE;
              continue;
            }
          else
            {
              if (c == '\n' || (c == '\r' && p[1] != '\n'))
                line++;
              g_string_append_c (cell, c);
              continue;
            }
        }
      if (c == '"' && !cell_started)
        {
          quoted = TRUE;
          cell_started = TRUE;
          continue;
        }
      if (c == sep)
        {
          g_ptr_array_add (row->cells, g_strdup (cell->str));
          g_string_truncate (cell, 0);
          cell_started = FALSE;
          continue;
        }
      if (c == '\r' || c == '\n' || c == '\0')
        {
          gboolean empty = row->cells->len == 0 && cell->len == 0 && !cell_started;

          if (!empty)
            {
              g_ptr_array_add (row->cells, g_strdup (cell->str));
              g_ptr_array_add (rows, row);
            }
          else
            row_free (row);
          row = NULL;
          g_string_truncate (cell, 0);
          cell_started = FALSE;
          if (c == '\0')
            break;
          if (c == '\r' && p[1] == '\n')
            p++;
          line++;
          continue;
        }
      g_string_append_c (cell, c);
      cell_started = TRUE;
    }
  g_string_free (cell, TRUE);
  return rows;
}

static GPtrArray *
csv_table (const char  *data,
           gssize       length,
           GError     **error)
{
  g_autofree char *text = NULL;
  gsize first_line;
  guint commas = 0, semis = 0;

  if (length < 0)
    length = strlen (data);
  if (length >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    {
      data += 3;
      length -= 3;
    }
  /* A NUL byte ends text: the parser stops there. */
  if (memchr (data, '\0', length) != NULL)
    length = strlen (data);
  if (g_utf8_validate (data, length, NULL))
    text = g_strndup (data, length);
  else
    /* Excel on Turkish Windows saves CSV in windows-1254. */
    text = g_convert (data, length, "UTF-8", "WINDOWS-1254", NULL, NULL, NULL);
  if (text == NULL)
    {
      g_set_error_literal (error, EY_ROSTER_ERROR, EY_ROSTER_ERROR_CSV,
                           _("The file is not text in a known character set."));
      return NULL;
    }

  first_line = strcspn (text, "\r\n");
  for (gsize i = 0; i < first_line; i++)
    {
      commas += text[i] == ',';
      semis += text[i] == ';';
    }
  return parse_csv (text, semis > commas ? ';' : ',');
}

/* ------------------------------------------------------------------ */
/* XLSX: libzip for the container, libxml2's reader for the parts       */

static GBytes *
zip_read_part (zip_t       *zip,
               const char  *name,
               GError     **error)
{
  zip_stat_t st;
  zip_file_t *file;
  g_autofree char *buf = NULL;
  zip_int64_t got = 0;

  zip_stat_init (&st);
  if (zip_stat (zip, name, 0, &st) != 0 || !(st.valid & ZIP_STAT_SIZE))
    {
      g_set_error (error, EY_ROSTER_ERROR, EY_ROSTER_ERROR_XLSX,
                   _("The workbook has no part “%s”."), name);
      return NULL;
    }
  if (st.size > MAX_PART_SIZE)
    {
      g_set_error_literal (error, EY_ROSTER_ERROR, EY_ROSTER_ERROR_XLSX,
                           _("The workbook is too large."));
      return NULL;
    }
  file = zip_fopen (zip, name, 0);
  if (file == NULL)
    {
      g_set_error (error, EY_ROSTER_ERROR, EY_ROSTER_ERROR_XLSX,
                   _("The workbook cannot be read: %s"), zip_strerror (zip));
      return NULL;
    }
  buf = g_malloc (st.size + 1);
  while ((zip_uint64_t)got < st.size)
    {
      zip_int64_t n = zip_fread (file, buf + got, st.size - got);

      if (n <= 0)
        break;
      got += n;
    }
  zip_fclose (file);
  if ((zip_uint64_t)got != st.size)
    {
      g_set_error_literal (error, EY_ROSTER_ERROR, EY_ROSTER_ERROR_XLSX,
                           _("The workbook is damaged."));
      return NULL;
    }
  buf[got] = '\0';
  return g_bytes_new_take (g_steal_pointer (&buf), got);
}

static xmlTextReaderPtr
xml_reader (GBytes *bytes)
{
  gsize size;
  const char *data = g_bytes_get_data (bytes, &size);

  /* No network, no entity expansion, no DTD loading. */
  return xmlReaderForMemory (data, size, NULL, NULL, XML_PARSE_NONET | XML_PARSE_NOERROR |
                                                     XML_PARSE_NOWARNING);
}

static gboolean
is_element (xmlTextReaderPtr  r,
            const char       *name)
{
  return xmlTextReaderNodeType (r) == XML_READER_TYPE_ELEMENT &&
         strcmp ((const char *)xmlTextReaderConstLocalName (r), name) == 0;
}

static gboolean
is_end (xmlTextReaderPtr  r,
        const char       *name)
{
  return xmlTextReaderNodeType (r) == XML_READER_TYPE_END_ELEMENT &&
         strcmp ((const char *)xmlTextReaderConstLocalName (r), name) == 0;
}

static char *
attr (xmlTextReaderPtr  r,
      const char       *name)
{
  xmlChar *value = xmlTextReaderGetAttribute (r, (const xmlChar *)name);
  char *copy = value ? g_strdup ((const char *)value) : NULL;

  xmlFree (value);
  return copy;
}

/* The path of the first sheet, from the workbook and its relationships. */
static char *
first_sheet_path (zip_t *zip)
{
  g_autoptr(GBytes) workbook = zip_read_part (zip, "xl/workbook.xml", NULL);
  g_autoptr(GBytes) rels = zip_read_part (zip, "xl/_rels/workbook.xml.rels", NULL);
  g_autofree char *rid = NULL;
  xmlTextReaderPtr r;

  if (workbook != NULL && (r = xml_reader (workbook)) != NULL)
    {
      while (rid == NULL && xmlTextReaderRead (r) == 1)
        if (is_element (r, "sheet"))
          {
            xmlChar *value = xmlTextReaderGetAttributeNs (r, (const xmlChar *)"id",
              (const xmlChar *)"http://schemas.openxmlformats.org/officeDocument/2006/relationships");

            rid = value ? g_strdup ((const char *)value) : NULL;
            xmlFree (value);
          }
      xmlFreeTextReader (r);
    }
  if (rid != NULL && rels != NULL && (r = xml_reader (rels)) != NULL)
    {
      char *target = NULL;

      while (target == NULL && xmlTextReaderRead (r) == 1)
        if (is_element (r, "Relationship"))
          {
            g_autofree char *id = attr (r, "Id");

            if (g_strcmp0 (id, rid) == 0)
              target = attr (r, "Target");
          }
      xmlFreeTextReader (r);
      if (target != NULL && strstr (target, "..") == NULL)
        {
          char *path = target[0] == '/' ? g_strdup (target + 1)
                                        : g_strconcat ("xl/", target, NULL);

          g_free (target);
          return path;
        }
      g_free (target);
    }
  return g_strdup ("xl/worksheets/sheet1.xml");
}

/* The text of the current element up to its end: <t> pieces of rich text,
 * phonetic runs (<rPh>) left out. */
static char *
element_text (xmlTextReaderPtr  r,
              const char       *end)
{
  GString *out = g_string_new (NULL);
  gboolean in_t = FALSE;
  int skip = 0;

  if (xmlTextReaderIsEmptyElement (r))
    return g_string_free (out, FALSE);
  while (xmlTextReaderRead (r) == 1)
    {
      int type = xmlTextReaderNodeType (r);

      if (is_end (r, end))
        break;
      if (is_element (r, "rPh") && !xmlTextReaderIsEmptyElement (r))
        skip++;
      else if (is_end (r, "rPh"))
        skip--;
      else if (is_element (r, "t") || is_element (r, "v"))
        in_t = !xmlTextReaderIsEmptyElement (r);
      else if (is_end (r, "t") || is_end (r, "v"))
        in_t = FALSE;
      else if (in_t && skip == 0 &&
               (type == XML_READER_TYPE_TEXT || type == XML_READER_TYPE_SIGNIFICANT_WHITESPACE ||
                type == XML_READER_TYPE_CDATA))
        g_string_append (out, (const char *)xmlTextReaderConstValue (r));
    }
  return g_string_free (out, FALSE);
}

static GPtrArray *
shared_strings (zip_t *zip)
{
  GPtrArray *strings = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GBytes) bytes = NULL;
  xmlTextReaderPtr r;

  if (zip_name_locate (zip, "xl/sharedStrings.xml", 0) < 0)
    return strings;
  bytes = zip_read_part (zip, "xl/sharedStrings.xml", NULL);
  if (bytes == NULL || (r = xml_reader (bytes)) == NULL)
    return strings;
  while (xmlTextReaderRead (r) == 1)
    if (is_element (r, "si"))
      g_ptr_array_add (strings, element_text (r, "si"));
  xmlFreeTextReader (r);
  return strings;
}

/* "C12" → 2; -1 if not a cell reference. */
static int
column_of (const char *ref)
{
  int col = 0;
  const char *p;

  if (ref == NULL)
    return -1;
  for (p = ref; *p >= 'A' && *p <= 'Z'; p++)
    {
      col = col * 26 + (*p - 'A' + 1);
      if (col > 16384)
        return -1;
    }
  return p == ref ? -1 : col - 1;
}

/* Excel writes long numbers as "1.234567895E10": give back the digits. */
static char *
number_text (const char *text)
{
  char *end = NULL;
  double value;

  if (strpbrk (text, "Ee") == NULL)
    return g_strdup (text);
  value = g_ascii_strtod (text, &end);
  if (end == text || *end != '\0' || value != (double)(gint64)value)
    return g_strdup (text);
  return g_strdup_printf ("%" G_GINT64_FORMAT, (gint64)value);
}

static GPtrArray *
xlsx_table (const char  *data,
            gsize        length,
            GError     **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify)row_free);
  g_autoptr(GPtrArray) strings = NULL;
  g_autoptr(GBytes) sheet = NULL;
  g_autofree char *sheet_path = NULL;
  zip_error_t zerr;
  zip_source_t *source;
  zip_t *zip;
  xmlTextReaderPtr r;
  Row *row = NULL;
  int rc;

  zip_error_init (&zerr);
  source = zip_source_buffer_create (data, length, 0, &zerr);
  zip = source ? zip_open_from_source (source, ZIP_RDONLY, &zerr) : NULL;
  if (zip == NULL)
    {
      g_set_error (error, EY_ROSTER_ERROR, EY_ROSTER_ERROR_XLSX,
                   _("The file is not an Excel workbook (XLSX): %s"), zip_error_strerror (&zerr));
      if (source != NULL)
        zip_source_free (source);
      zip_error_fini (&zerr);
      return NULL;
    }
  zip_error_fini (&zerr);

  strings = shared_strings (zip);
  sheet_path = first_sheet_path (zip);
  sheet = zip_read_part (zip, sheet_path, error);
  zip_discard (zip);
  if (sheet == NULL)
    return NULL;
  r = xml_reader (sheet);
  if (r == NULL)
    {
      g_set_error_literal (error, EY_ROSTER_ERROR, EY_ROSTER_ERROR_XLSX,
                           _("The workbook is damaged."));
      return NULL;
    }

  while ((rc = xmlTextReaderRead (r)) == 1)
    {
      if (is_element (r, "row"))
        {
          g_autofree char *number = attr (r, "r");
          guint line = number ? (guint)g_ascii_strtoull (number, NULL, 10) : rows->len + 1;

          row = row_new (line);
          g_ptr_array_add (rows, row);
          if (xmlTextReaderIsEmptyElement (r))
            row = NULL;
        }
      else if (is_end (r, "row"))
        row = NULL;
      else if (row != NULL && is_element (r, "c"))
        {
          g_autofree char *ref = attr (r, "r");
          g_autofree char *type = attr (r, "t");
          g_autofree char *text = element_text (r, "c");
          int col = column_of (ref);
          char *value;

          if (col < 0)
            col = row->cells->len;
          if (col >= MAX_COLUMNS)
            continue;
          if (g_strcmp0 (type, "s") == 0)
            {
              guint64 index = g_ascii_strtoull (text, NULL, 10);

              value = g_strdup (index < strings->len ? g_ptr_array_index (strings, index) : "");
            }
          else if (type == NULL || g_strcmp0 (type, "n") == 0)
            value = number_text (text);
          else if (g_strcmp0 (type, "e") == 0)
            value = g_strdup ("");
          else
            /* inlineStr, str (a formula's cached text: never run), b */
            value = g_steal_pointer (&text);
          while (row->cells->len < (guint)col)
            g_ptr_array_add (row->cells, g_strdup (""));
          if ((guint)col < row->cells->len)
            {
              g_free (g_ptr_array_index (row->cells, col));
              g_ptr_array_index (row->cells, col) = value;
            }
          else
            g_ptr_array_add (row->cells, value);
        }
    }
  xmlFreeTextReader (r);
  if (rc < 0)
    {
      g_set_error_literal (error, EY_ROSTER_ERROR, EY_ROSTER_ERROR_XLSX,
                           _("The workbook is damaged."));
      return NULL;
    }
  /* Rows with nothing in them are not lines of the roster. */
  for (guint i = rows->len; i > 0; i--)
    {
      Row *candidate = g_ptr_array_index (rows, i - 1);
      gboolean empty = TRUE;

      for (guint k = 0; k < candidate->cells->len && empty; k++)
        empty = *(char *)g_ptr_array_index (candidate->cells, k) == '\0';
      if (empty)
        g_ptr_array_remove_index (rows, i - 1);
    }
  return g_steal_pointer (&rows);
}

/* ------------------------------------------------------------------ */
/* From a table to a preview                                            */

void
ey_roster_import_free (EyRosterImport *import)
{
  if (import == NULL)
    return;
  g_ptr_array_unref (import->rows);
  g_free (import);
}

static void
import_row_free (EyRosterImportRow *row)
{
  g_clear_pointer (&row->colleague, ey_colleague_free);
  g_free (row->identity);
  g_free (row->full_name);
  g_free (row->reason);
  g_free (row);
}

/* "31.12.2026" (as Turkish spreadsheets write it), "31/12/2026" and Excel's day
 * numbers (days since 1899-12-30) become "2026-12-31"; anything else is left for
 * the check to refuse. */
static char *
normalize_date (const char *text)
{
  int d, m, y;
  char tail;
  gboolean digits = TRUE;
  g_autofree char *trimmed = NULL;

  if (text == NULL)
    return NULL;
  trimmed = g_strstrip (g_strdup (text));
  if (*trimmed == '\0')
    return NULL;
  if (sscanf (trimmed, "%2d.%2d.%4d%c", &d, &m, &y, &tail) == 3 ||
      sscanf (trimmed, "%2d/%2d/%4d%c", &d, &m, &y, &tail) == 3)
    return g_strdup_printf ("%04d-%02d-%02d", y, m, d);
  /* "2026-12-31 00:00:00" from a date-time cell */
  if (strlen (trimmed) == 19 && trimmed[10] == ' ' && g_str_has_suffix (trimmed, "00:00:00"))
    trimmed[10] = '\0';
  for (const char *p = trimmed; *p && digits; p++)
    digits = g_ascii_isdigit (*p);
  if (digits && strlen (trimmed) == 5)
    {
      guint64 serial = g_ascii_strtoull (trimmed, NULL, 10);
      GDate date;

      g_date_clear (&date, 1);
      g_date_set_dmy (&date, 30, 12, 1899);
      g_date_add_days (&date, serial);
      return g_strdup_printf ("%04d-%02d-%02d", g_date_get_year (&date),
                              g_date_get_month (&date), g_date_get_day (&date));
    }
  return g_steal_pointer (&trimmed);
}

static gboolean
truthy_date (const char  *cell,
             const char  *today,
             char       **out)
{
  g_autofree char *key = NULL;

  g_clear_pointer (out, g_free);
  if (cell == NULL)
    return TRUE;
  key = g_strstrip (_ey_roster_fold (cell));
  if (*key == '\0' || strcmp (key, "no") == 0 || strcmp (key, "hayir") == 0 ||
      strcmp (key, "0") == 0 || strcmp (key, "false") == 0)
    return TRUE;
  /* "yes", "x", "evet", "✓" say done without a date: today then. */
  if (strcmp (key, "yes") == 0 || strcmp (key, "evet") == 0 || strcmp (key, "x") == 0 ||
      strcmp (key, "1") == 0 || strcmp (key, "true") == 0 || strcmp (key, "\xe2\x9c\x93") == 0)
    {
      *out = g_strdup (today);
      return TRUE;
    }
  *out = normalize_date (cell);
  return TRUE;
}

/* Our export (and others') keeps "=…" text with a leading "'": take it off again. */
static void
set_text (char       **field,
          const char  *cell)
{
  g_free (*field);
  if (cell != NULL && cell[0] == '\'' && cell[1] != '\0' && strchr ("=+-@\t\r\n", cell[1]) != NULL)
    cell++;
  *field = g_strdup (cell);
}

static EyRosterImport *
preview_table (EyRoster   *roster,
               GPtrArray  *rows,
               GQuark      domain,
               int         code,
               GError    **error)
{
  g_autoptr(EyRosterImport) import = g_new0 (EyRosterImport, 1);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
  int map[MAX_COLUMNS];
  Row *header;
  gboolean have_identity = FALSE;
  gboolean have_name = FALSE;
  gboolean present[N_COLS] = { FALSE };

  import->rows = g_ptr_array_new_with_free_func ((GDestroyNotify)import_row_free);
  if (rows->len == 0)
    {
      g_set_error_literal (error, domain, code, _("The file is empty."));
      return NULL;
    }

  header = g_ptr_array_index (rows, 0);
  for (guint i = 0; i < G_N_ELEMENTS (map); i++)
    map[i] = COL_IGNORED;
  for (guint i = 0; i < header->cells->len && i < G_N_ELEMENTS (map); i++)
    {
      g_autofree char *key = header_key (g_ptr_array_index (header->cells, i));

      for (guint k = 0; k < G_N_ELEMENTS (column_names); k++)
        if (strcmp (key, column_names[k].name) == 0)
          map[i] = column_names[k].col;
      /* The roster keeps its own time of change. */
      if (map[i] == COL_CHANGED)
        map[i] = COL_IGNORED;
      if (map[i] != COL_IGNORED)
        present[map[i]] = TRUE;
    }
  have_identity = present[COL_IDENTITY];
  have_name = present[COL_NAME];
  if (!have_identity || !have_name)
    {
      g_set_error_literal (error, domain, code,
                           _("The first line must name the columns; at least “identity” "
                             "(or “kimlik_no”) and “name” (or “ad_soyad”) are needed."));
      return NULL;
    }

  if (roster != NULL)
    _ey_roster_read_begin (roster);
  for (guint r = 1; r < rows->len; r++)
    {
      Row *row = g_ptr_array_index (rows, r);
      const char *cells[N_COLS] = { NULL };
      g_autoptr(EyColleague) c = NULL;
      g_autoptr(EyColleague) existing = NULL;
      g_autoptr(GError) row_error = NULL;
      EyRosterImportRow *out = g_new0 (EyRosterImportRow, 1);
      g_autofree char *normalized_id = NULL;

      for (guint i = 0; i < row->cells->len && i < G_N_ELEMENTS (map); i++)
        if (map[i] != COL_IGNORED)
          cells[map[i]] = g_ptr_array_index (row->cells, i);

      out->line = row->line;
      out->identity = g_strdup (cells[COL_IDENTITY]);
      out->full_name = g_strdup (cells[COL_NAME]);
      g_ptr_array_add (import->rows, out);

      normalized_id = cells[COL_IDENTITY] ? ey_identity_normalize (cells[COL_IDENTITY], NULL, NULL)
                                          : NULL;
      if (roster != NULL && normalized_id != NULL)
        existing = ey_roster_lookup (roster, normalized_id, NULL);
      /* Columns the file does not have keep what the roster knows. */
      c = existing ? ey_colleague_copy (existing) : ey_colleague_new ();
      set_text (&c->identity, cells[COL_IDENTITY]);
      set_text (&c->full_name, cells[COL_NAME]);
      if (present[COL_EMAIL]) set_text (&c->email, cells[COL_EMAIL]);
      if (present[COL_PHONE]) set_text (&c->phone, cells[COL_PHONE]);
      if (present[COL_INSTITUTION]) set_text (&c->institution, cells[COL_INSTITUTION]);
      if (present[COL_TITLE]) set_text (&c->title, cells[COL_TITLE]);
      if (present[COL_READER]) set_text (&c->reader_type, cells[COL_READER]);
      if (present[COL_CARD]) set_text (&c->card_type, cells[COL_CARD]);
      if (present[COL_ORDER]) set_text (&c->order, cells[COL_ORDER]);
      if (present[COL_NOTES]) set_text (&c->notes, cells[COL_NOTES]);
      if (present[COL_EXPIRES])
        {
          g_free (c->expires);
          c->expires = normalize_date (cells[COL_EXPIRES]);
        }
      for (guint s = 0; s < EY_ROSTER_N_WET_STEPS; s++)
        if (present[COL_PRINTED + s])
          truthy_date (cells[COL_PRINTED + s], today, &c->wet[s]);

      if (present[COL_STATUS] && !ey_roster_status_from_string (cells[COL_STATUS], &c->status))
        out->reason = g_strdup_printf (_("unknown status “%s”."), cells[COL_STATUS]);
      else if (present[COL_APPLICATION] &&
               !ey_roster_application_from_string (cells[COL_APPLICATION], &c->application))
        out->reason = g_strdup_printf (_("unknown application type “%s”."),
                                       cells[COL_APPLICATION]);
      else
        {
          g_autoptr(EyColleague) prepared = _ey_roster_prepare (c, &row_error);

          if (prepared == NULL)
            out->reason = g_strdup (row_error->message);
          else if (g_hash_table_contains (seen, prepared->identity))
            out->reason = g_strdup_printf (_("%s is already on line %u."), prepared->identity,
                                           GPOINTER_TO_UINT (g_hash_table_lookup (seen,
                                                                                  prepared->identity)));
          else
            {
              g_hash_table_insert (seen, g_strdup (prepared->identity),
                                   GUINT_TO_POINTER (row->line));
              if (existing == NULL)
                out->action = EY_ROSTER_IMPORT_ADD;
              else if (_ey_roster_colleague_equal (existing, prepared))
                out->action = EY_ROSTER_IMPORT_UNCHANGED;
              else
                out->action = EY_ROSTER_IMPORT_UPDATE;
              out->colleague = g_steal_pointer (&prepared);
            }
        }
      if (out->reason != NULL)
        out->action = EY_ROSTER_IMPORT_REFUSE;
      switch (out->action)
        {
        case EY_ROSTER_IMPORT_ADD:       import->n_add++; break;
        case EY_ROSTER_IMPORT_UPDATE:    import->n_update++; break;
        case EY_ROSTER_IMPORT_UNCHANGED: import->n_unchanged++; break;
        case EY_ROSTER_IMPORT_REFUSE:    import->n_refused++; break;
        default:                         g_assert_not_reached ();
        }
    }
  if (roster != NULL)
    _ey_roster_read_end (roster);
  return g_steal_pointer (&import);
}

EyRosterImport *
ey_roster_preview_csv (EyRoster    *self,
                       const char  *data,
                       gssize       length,
                       GError     **error)
{
  g_autoptr(GPtrArray) rows = NULL;

  g_return_val_if_fail (self == NULL || EY_IS_ROSTER (self), NULL);
  g_return_val_if_fail (data != NULL || length == 0, NULL);

  rows = csv_table (data ? data : "", length, error);
  if (rows == NULL)
    return NULL;
  return preview_table (self, rows, EY_ROSTER_ERROR, EY_ROSTER_ERROR_CSV, error);
}

EyRosterImport *
ey_roster_preview_xlsx (EyRoster    *self,
                        const char  *data,
                        gsize        length,
                        GError     **error)
{
  g_autoptr(GPtrArray) rows = NULL;

  g_return_val_if_fail (self == NULL || EY_IS_ROSTER (self), NULL);
  g_return_val_if_fail (data != NULL, NULL);

  rows = xlsx_table (data, length, error);
  if (rows == NULL)
    return NULL;
  return preview_table (self, rows, EY_ROSTER_ERROR, EY_ROSTER_ERROR_XLSX, error);
}

EyRosterImport *
ey_roster_preview_bytes (EyRoster    *self,
                         const char  *data,
                         gsize        length,
                         GError     **error)
{
  if (length >= 4 && memcmp (data, "PK\x03\x04", 4) == 0)
    return ey_roster_preview_xlsx (self, data, length, error);
  return ey_roster_preview_csv (self, data, length, error);
}

gboolean
ey_roster_apply_import (EyRoster        *self,
                        EyRosterImport  *import,
                        guint           *added,
                        guint           *updated,
                        GError         **error)
{
  guint n_added = 0, n_updated = 0;

  g_return_val_if_fail (EY_IS_ROSTER (self), FALSE);
  g_return_val_if_fail (import != NULL, FALSE);

  if (!_ey_roster_begin (self, error))
    return FALSE;
  for (guint i = 0; i < import->rows->len; i++)
    {
      EyRosterImportRow *row = g_ptr_array_index (import->rows, i);
      int result;

      if (row->action != EY_ROSTER_IMPORT_ADD && row->action != EY_ROSTER_IMPORT_UPDATE)
        continue;
      result = _ey_roster_store (self, row->colleague, "import", error);
      if (result == 0)
        {
          _ey_roster_rollback (self);
          return FALSE;
        }
      n_added += result == 1;
      n_updated += result == 2;
    }
  if (!_ey_roster_commit (self, error))
    return FALSE;
  if (n_added + n_updated > 0)
    _ey_roster_emit_changed (self, NULL);
  if (added != NULL)
    *added = n_added;
  if (updated != NULL)
    *updated = n_updated;
  return TRUE;
}

gboolean
ey_roster_import_csv (EyRoster    *self,
                      const char  *data,
                      gssize       length,
                      guint       *added,
                      guint       *updated,
                      GPtrArray  **problems,
                      GError     **error)
{
  g_autoptr(EyRosterImport) import = NULL;

  g_return_val_if_fail (EY_IS_ROSTER (self), FALSE);
  g_return_val_if_fail (data != NULL, FALSE);

  import = ey_roster_preview_csv (self, data, length, error);
  if (import == NULL || !ey_roster_apply_import (self, import, added, updated, error))
    return FALSE;
  if (problems != NULL)
    {
      *problems = g_ptr_array_new_with_free_func (g_free);
      for (guint i = 0; i < import->rows->len; i++)
        {
          EyRosterImportRow *row = g_ptr_array_index (import->rows, i);

          if (row->action == EY_ROSTER_IMPORT_REFUSE)
            /* Translators: a CSV line number, then why the row was refused */
            g_ptr_array_add (*problems, g_strdup_printf (_("Line %u: %s"), row->line,
                                                         row->reason));
        }
    }
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* Export                                                               */

static void
colleague_cells (const EyColleague *c,
                 char              *cells[N_COLS])
{
  cells[COL_IDENTITY] = g_strdup (c->identity);
  cells[COL_NAME] = g_strdup (c->full_name);
  cells[COL_EMAIL] = g_strdup (c->email);
  cells[COL_PHONE] = c->phone ? ey_phone_format (c->phone) : NULL;
  cells[COL_INSTITUTION] = g_strdup (c->institution);
  cells[COL_TITLE] = g_strdup (c->title);
  cells[COL_EXPIRES] = g_strdup (c->expires);
  cells[COL_STATUS] = g_strdup (ey_roster_status_to_string (c->status));
  cells[COL_APPLICATION] = g_strdup (ey_roster_application_to_string (c->application));
  cells[COL_READER] = g_strdup (c->reader_type);
  cells[COL_CARD] = g_strdup (c->card_type);
  cells[COL_ORDER] = g_strdup (c->order);
  for (guint s = 0; s < EY_ROSTER_N_WET_STEPS; s++)
    cells[COL_PRINTED + s] = g_strdup (c->wet[s]);
  cells[COL_CHANGED] = g_strdup (c->changed);
  cells[COL_NOTES] = g_strdup (c->notes);
}

static void
cells_clear (char *cells[N_COLS])
{
  for (guint i = 0; i < N_COLS; i++)
    g_clear_pointer (&cells[i], g_free);
}

static void
append_cell (GString    *out,
             const char *text,
             char        sep)
{
  gboolean formula;
  gboolean quote;

  if (text == NULL)
    return;
  /* A spreadsheet would run "=…" (or "+", "-", "@", and those after a tab or a
   * line break) as a formula: a leading "'" keeps it text. */
  formula = text[0] != '\0' && strchr ("=+-@\t\r\n", text[0]) != NULL;
  quote = strchr (text, sep) != NULL || strchr (text, '"') != NULL ||
          strpbrk (text, "\r\n") != NULL;
  if (quote)
    g_string_append_c (out, '"');
  if (formula)
    g_string_append_c (out, '\'');
  for (const char *p = text; *p; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  if (quote)
    g_string_append_c (out, '"');
}

char *
ey_roster_export_csv (EyRoster  *self,
                      char       separator,
                      GError   **error)
{
  g_autoptr(GPtrArray) list = NULL;
  GString *out;

  g_return_val_if_fail (EY_IS_ROSTER (self), NULL);
  g_return_val_if_fail (separator == ',' || separator == ';', NULL);

  list = ey_roster_list (self, error);
  if (list == NULL)
    return NULL;

  out = g_string_new ("\xEF\xBB\xBF");
  for (guint k = 0; k < N_COLS; k++)
    {
      if (k > 0)
        g_string_append_c (out, separator);
      g_string_append (out, export_names[k]);
    }
  g_string_append (out, "\r\n");
  for (guint i = 0; i < list->len; i++)
    {
      char *cells[N_COLS] = { NULL };

      colleague_cells (g_ptr_array_index (list, i), cells);
      for (guint k = 0; k < N_COLS; k++)
        {
          if (k > 0)
            g_string_append_c (out, separator);
          append_cell (out, cells[k], separator);
        }
      g_string_append (out, "\r\n");
      cells_clear (cells);
    }
  return g_string_free (out, FALSE);
}

gboolean
ey_roster_export_csv_file (EyRoster    *self,
                           const char  *path,
                           char         separator,
                           GError     **error)
{
  g_autofree char *csv = NULL;

  g_return_val_if_fail (EY_IS_ROSTER (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  csv = ey_roster_export_csv (self, separator, error);
  if (csv == NULL)
    return FALSE;
  return g_file_set_contents_full (path, csv, -1,
                                   G_FILE_SET_CONTENTS_CONSISTENT |
                                   G_FILE_SET_CONTENTS_ONLY_EXISTING,
                                   0600, error);
}

static void
remove_dir (const char *dir)
{
  GDir *d = g_dir_open (dir, 0, NULL);
  const char *name;

  if (d != NULL)
    {
      while ((name = g_dir_read_name (d)) != NULL)
        {
          g_autofree char *child = g_build_filename (dir, name, NULL);

          g_unlink (child);
        }
      g_dir_close (d);
    }
  g_rmdir (dir);
}

gboolean
ey_roster_export_xlsx_file (EyRoster    *self,
                            const char  *path,
                            GError     **error)
{
  g_autoptr(GPtrArray) list = NULL;
  g_autofree char *dir_template = NULL;
  g_autofree char *tmp_path = NULL;
  lxw_workbook_options options = { 0 };
  lxw_workbook *workbook;
  lxw_worksheet *sheet;
  lxw_format *bold;
  lxw_error rc;

  g_return_val_if_fail (EY_IS_ROSTER (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  list = ey_roster_list (self, error);
  if (list == NULL)
    return FALSE;

  /* libxlsxwriter creates the file with the umask's mode: write it in a private
   * folder beside @path, make it 0600, then move it into place. */
  dir_template = g_strconcat (path, ".XXXXXX", NULL);
  if (g_mkdtemp_full (dir_template, 0700) == NULL)
    {
      int saved = errno;

      g_set_error (error, EY_ROSTER_ERROR, EY_ROSTER_ERROR_XLSX,
                   _("“%s” cannot be written: %s"), path, g_strerror (saved));
      return FALSE;
    }
  tmp_path = g_build_filename (dir_template, "roster.xlsx", NULL);
  options.tmpdir = dir_template;
  workbook = workbook_new_opt (tmp_path, &options);
  if (workbook == NULL)
    {
      remove_dir (dir_template);
      g_set_error (error, EY_ROSTER_ERROR, EY_ROSTER_ERROR_XLSX,
                   _("“%s” cannot be written."), path);
      return FALSE;
    }
  sheet = workbook_add_worksheet (workbook, "Roster");
  bold = workbook_add_format (workbook);
  format_set_bold (bold);
  for (guint k = 0; k < N_COLS; k++)
    worksheet_write_string (sheet, 0, k, export_names[k], bold);
  worksheet_freeze_panes (sheet, 1, 0);
  for (guint i = 0; i < list->len; i++)
    {
      char *cells[N_COLS] = { NULL };

      colleague_cells (g_ptr_array_index (list, i), cells);
      /* Strings only: a cell starting with "=" stays text, never a formula. */
      for (guint k = 0; k < N_COLS; k++)
        if (cells[k] != NULL && cells[k][0] != '\0')
          worksheet_write_string (sheet, i + 1, k, cells[k], NULL);
      cells_clear (cells);
    }
  rc = workbook_close (workbook);
  if (rc != LXW_NO_ERROR || g_chmod (tmp_path, 0600) != 0 || g_rename (tmp_path, path) != 0)
    {
      g_unlink (tmp_path);
      remove_dir (dir_template);
      g_set_error (error, EY_ROSTER_ERROR, EY_ROSTER_ERROR_XLSX,
                   _("“%s” cannot be written: %s"), path,
                   rc != LXW_NO_ERROR ? lxw_strerror (rc) : g_strerror (errno));
      return FALSE;
    }
  remove_dir (dir_template);
  return TRUE;
}
