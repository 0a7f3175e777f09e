/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ey-roster"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "ey-identity.h"
#include "ey-roster.h"

struct _EyRoster
{
  GObject  parent_instance;

  char    *path;
  sqlite3 *db;
};

G_DEFINE_TYPE (EyRoster, ey_roster, G_TYPE_OBJECT)

G_DEFINE_QUARK (ey-roster-error-quark, ey_roster_error)

G_DEFINE_BOXED_TYPE (EyColleague, ey_colleague, ey_colleague_copy, ey_colleague_free)

static const char * const status_names[] = { "pending", "order-opened", "applied", "done" };

EyColleague *
ey_colleague_new (void)
{
  return g_new0 (EyColleague, 1);
}

EyColleague *
ey_colleague_copy (const EyColleague *c)
{
  EyColleague *copy;

  g_return_val_if_fail (c != NULL, NULL);

  copy = ey_colleague_new ();
  copy->identity = g_strdup (c->identity);
  copy->full_name = g_strdup (c->full_name);
  copy->email = g_strdup (c->email);
  copy->phone = g_strdup (c->phone);
  copy->institution = g_strdup (c->institution);
  copy->expires = g_strdup (c->expires);
  copy->status = c->status;
  copy->notes = g_strdup (c->notes);
  return copy;
}

void
ey_colleague_free (EyColleague *c)
{
  if (c == NULL)
    return;
  g_free (c->identity);
  g_free (c->full_name);
  g_free (c->email);
  g_free (c->phone);
  g_free (c->institution);
  g_free (c->expires);
  g_free (c->notes);
  g_free (c);
}

const char *
ey_roster_status_to_string (EyRosterStatus status)
{
  g_return_val_if_fail (status <= EY_ROSTER_STATUS_DONE, "pending");
  return status_names[status];
}

const char *
ey_roster_status_get_label (EyRosterStatus status)
{
  switch (status)
    {
    case EY_ROSTER_STATUS_ORDER_OPENED: return _("Order opened");
    case EY_ROSTER_STATUS_APPLIED:      return _("Applied");
    case EY_ROSTER_STATUS_DONE:         return _("Done");
    case EY_ROSTER_STATUS_PENDING:
    default:                            return _("Pending");
    }
}

static void
ey_roster_finalize (GObject *object)
{
  EyRoster *self = (EyRoster *)object;

  g_clear_pointer (&self->db, sqlite3_close);
  g_free (self->path);

  G_OBJECT_CLASS (ey_roster_parent_class)->finalize (object);
}

static void
ey_roster_class_init (EyRosterClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = ey_roster_finalize;
}

static void
ey_roster_init (EyRoster *self)
{
}

static gboolean
db_error (EyRoster  *self,
          GError   **error)
{
  g_set_error (error, EY_ROSTER_ERROR, EY_ROSTER_ERROR_DATABASE,
               _("The roster database failed: %s"), sqlite3_errmsg (self->db));
  return FALSE;
}

static gboolean
exec (EyRoster    *self,
      const char  *sql,
      GError     **error)
{
  if (sqlite3_exec (self->db, sql, NULL, NULL, NULL) != SQLITE_OK)
    return db_error (self, error);
  return TRUE;
}

char *
ey_roster_get_default_path (void)
{
  return g_build_filename (g_get_user_data_dir (), PACKAGE_NAME, "roster.sqlite", NULL);
}

EyRoster *
ey_roster_open (const char  *path,
                GError     **error)
{
  g_autoptr(EyRoster) self = NULL;
  g_autofree char *dir = NULL;
  int fd;

  g_return_val_if_fail (path != NULL, NULL);

  dir = g_path_get_dirname (path);
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;

      g_set_error (error, EY_ROSTER_ERROR, EY_ROSTER_ERROR_DATABASE,
                   _("The folder “%s” cannot be created: %s"), dir, g_strerror (saved));
      return NULL;
    }

  /* Create the file ourselves so SQLite never makes it with the umask's mode,
   * and tighten an existing one: it holds identity numbers. */
  fd = g_open (path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0 || fchmod (fd, 0600) != 0)
    {
      int saved = errno;

      if (fd >= 0)
        close (fd);
      g_set_error (error, EY_ROSTER_ERROR, EY_ROSTER_ERROR_DATABASE,
                   _("The roster “%s” cannot be opened: %s"), path, g_strerror (saved));
      return NULL;
    }
  close (fd);

  self = g_object_new (EY_TYPE_ROSTER, NULL);
  self->path = g_strdup (path);
  if (sqlite3_open_v2 (path, &self->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_FULLMUTEX,
                       NULL) != SQLITE_OK)
    {
      db_error (self, error);
      return NULL;
    }
  sqlite3_busy_timeout (self->db, 2000);

  if (!exec (self, "PRAGMA foreign_keys = ON;"
                   "PRAGMA secure_delete = ON;"
                   "CREATE TABLE IF NOT EXISTS colleague ("
                   "  identity    TEXT PRIMARY KEY NOT NULL,"
                   "  full_name   TEXT NOT NULL,"
                   "  email       TEXT,"
                   "  phone       TEXT,"
                   "  institution TEXT,"
                   "  expires     TEXT,"
                   "  status      TEXT NOT NULL DEFAULT 'pending',"
                   "  notes       TEXT);", error))
    return NULL;
  return g_steal_pointer (&self);
}

const char *
ey_roster_get_path (EyRoster *self)
{
  g_return_val_if_fail (EY_IS_ROSTER (self), NULL);
  return self->path;
}

static gboolean
valid_date (const char *text)
{
  /* Strictly YYYY-MM-DD: ASCII digits, no locale parsing. */
  if (strlen (text) != 10 || text[4] != '-' || text[7] != '-')
    return FALSE;
  for (int i = 0; i < 10; i++)
    if (i != 4 && i != 7 && !g_ascii_isdigit (text[i]))
      return FALSE;
  return g_date_valid_dmy (atoi (text + 8), atoi (text + 5), atoi (text));
}

static char *
nullable_trim (const char *text)
{
  char *copy;

  if (text == NULL)
    return NULL;
  copy = g_strstrip (g_strdup (text));
  if (*copy == '\0')
    g_clear_pointer (&copy, g_free);
  return copy;
}

/* Normalises and checks @in into a new colleague. */
static EyColleague *
prepare (const EyColleague  *in,
         GError            **error)
{
  g_autoptr(EyColleague) c = ey_colleague_new ();
  g_autoptr(GError) local_error = NULL;

  c->identity = ey_identity_normalize (in->identity, NULL, &local_error);
  if (c->identity == NULL)
    {
      g_set_error_literal (error, EY_ROSTER_ERROR, EY_ROSTER_ERROR_INVALID, local_error->message);
      return NULL;
    }
  c->full_name = nullable_trim (in->full_name);
  if (c->full_name == NULL)
    {
      g_set_error_literal (error, EY_ROSTER_ERROR, EY_ROSTER_ERROR_INVALID,
                           _("Enter the colleague's name."));
      return NULL;
    }
  c->email = nullable_trim (in->email);
  if (c->email != NULL && (strchr (c->email, '@') == NULL || strpbrk (c->email, " \t,;") != NULL))
    {
      g_set_error (error, EY_ROSTER_ERROR, EY_ROSTER_ERROR_INVALID,
                   _("“%s” is not an e-mail address."), c->email);
      return NULL;
    }
  if (in->phone != NULL && *in->phone != '\0')
    {
      c->phone = ey_phone_normalize (in->phone, &local_error);
      if (c->phone == NULL)
        {
          g_set_error_literal (error, EY_ROSTER_ERROR, EY_ROSTER_ERROR_INVALID,
                               local_error->message);
          return NULL;
        }
    }
  c->institution = nullable_trim (in->institution);
  c->expires = nullable_trim (in->expires);
  if (c->expires != NULL && !valid_date (c->expires))
    {
      g_set_error (error, EY_ROSTER_ERROR, EY_ROSTER_ERROR_INVALID,
                   _("“%s” is not a date; write it as YYYY-MM-DD."), c->expires);
      return NULL;
    }
  if (in->status > EY_ROSTER_STATUS_DONE)
    {
      g_set_error_literal (error, EY_ROSTER_ERROR, EY_ROSTER_ERROR_INVALID,
                           _("Unknown renewal status."));
      return NULL;
    }
  c->status = in->status;
  c->notes = nullable_trim (in->notes);
  return g_steal_pointer (&c);
}

static void
bind_text (sqlite3_stmt *stmt,
           int           index,
           const char   *text)
{
  if (text == NULL)
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_TRANSIENT);
}

/* Returns 1 added, 2 replaced, 0 on error. */
static int
save (EyRoster           *self,
      const EyColleague  *in,
      GError            **error)
{
  g_autoptr(EyColleague) c = prepare (in, error);
  g_autoptr(EyColleague) old = NULL;
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (c == NULL)
    return 0;
  old = ey_roster_lookup (self, c->identity, NULL);
  if (sqlite3_prepare_v2 (self->db,
                          "INSERT OR REPLACE INTO colleague (identity, full_name, email, phone,"
                          " institution, expires, status, notes) VALUES (?,?,?,?,?,?,?,?)",
                          -1, &stmt, NULL) != SQLITE_OK)
    return db_error (self, error);
  bind_text (stmt, 1, c->identity);
  bind_text (stmt, 2, c->full_name);
  bind_text (stmt, 3, c->email);
  bind_text (stmt, 4, c->phone);
  bind_text (stmt, 5, c->institution);
  bind_text (stmt, 6, c->expires);
  bind_text (stmt, 7, ey_roster_status_to_string (c->status));
  bind_text (stmt, 8, c->notes);
  rc = sqlite3_step (stmt);
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return db_error (self, error);
  return old != NULL ? 2 : 1;
}

gboolean
ey_roster_save (EyRoster           *self,
                const EyColleague  *colleague,
                GError            **error)
{
  g_return_val_if_fail (EY_IS_ROSTER (self), FALSE);
  g_return_val_if_fail (colleague != NULL, FALSE);

  return save (self, colleague, error) != 0;
}

gboolean
ey_roster_remove (EyRoster    *self,
                  const char  *identity,
                  GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  g_return_val_if_fail (EY_IS_ROSTER (self), FALSE);
  g_return_val_if_fail (identity != NULL, FALSE);

  if (sqlite3_prepare_v2 (self->db, "DELETE FROM colleague WHERE identity = ?", -1, &stmt,
                          NULL) != SQLITE_OK)
    return db_error (self, error);
  bind_text (stmt, 1, identity);
  rc = sqlite3_step (stmt);
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return db_error (self, error);
  if (sqlite3_changes (self->db) == 0)
    {
      g_set_error (error, EY_ROSTER_ERROR, EY_ROSTER_ERROR_NOT_FOUND,
                   _("No colleague with the identity number %s is on the roster."), identity);
      return FALSE;
    }
  return TRUE;
}

static char *
column_text (sqlite3_stmt *stmt,
             int           index)
{
  const unsigned char *text = sqlite3_column_text (stmt, index);

  return text != NULL ? g_strdup ((const char *)text) : NULL;
}

static EyColleague *
read_row (sqlite3_stmt *stmt)
{
  EyColleague *c = ey_colleague_new ();
  const char *status = (const char *)sqlite3_column_text (stmt, 6);

  c->identity = column_text (stmt, 0);
  c->full_name = column_text (stmt, 1);
  c->email = column_text (stmt, 2);
  c->phone = column_text (stmt, 3);
  c->institution = column_text (stmt, 4);
  c->expires = column_text (stmt, 5);
  for (guint i = 0; i < G_N_ELEMENTS (status_names); i++)
    if (status != NULL && strcmp (status, status_names[i]) == 0)
      c->status = i;
  c->notes = column_text (stmt, 7);
  return c;
}

#define COLUMNS "identity, full_name, email, phone, institution, expires, status, notes"

EyColleague *
ey_roster_lookup (EyRoster    *self,
                  const char  *identity,
                  GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  EyColleague *c = NULL;
  int rc;

  g_return_val_if_fail (EY_IS_ROSTER (self), NULL);
  g_return_val_if_fail (identity != NULL, NULL);

  if (sqlite3_prepare_v2 (self->db, "SELECT " COLUMNS " FROM colleague WHERE identity = ?",
                          -1, &stmt, NULL) != SQLITE_OK)
    {
      db_error (self, error);
      return NULL;
    }
  bind_text (stmt, 1, identity);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    c = read_row (stmt);
  else if (rc != SQLITE_DONE)
    db_error (self, error);
  else
    g_set_error (error, EY_ROSTER_ERROR, EY_ROSTER_ERROR_NOT_FOUND,
                 _("No colleague with the identity number %s is on the roster."), identity);
  sqlite3_finalize (stmt);
  return c;
}

GPtrArray *
ey_roster_list (EyRoster  *self,
                GError   **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify)ey_colleague_free);
  sqlite3_stmt *stmt = NULL;
  int rc;

  g_return_val_if_fail (EY_IS_ROSTER (self), NULL);

  /* Byte order of UTF-8 names is good enough and never depends on the locale. */
  if (sqlite3_prepare_v2 (self->db, "SELECT " COLUMNS " FROM colleague"
                          " ORDER BY expires IS NULL, expires, full_name, identity",
                          -1, &stmt, NULL) != SQLITE_OK)
    {
      db_error (self, error);
      return NULL;
    }
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (list, read_row (stmt));
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      db_error (self, error);
      return NULL;
    }
  return g_steal_pointer (&list);
}

int
ey_roster_count (EyRoster  *self,
                 GError   **error)
{
  sqlite3_stmt *stmt = NULL;
  int n = -1;

  g_return_val_if_fail (EY_IS_ROSTER (self), -1);

  if (sqlite3_prepare_v2 (self->db, "SELECT count(*) FROM colleague", -1, &stmt, NULL) != SQLITE_OK)
    {
      db_error (self, error);
      return -1;
    }
  if (sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int (stmt, 0);
  else
    db_error (self, error);
  sqlite3_finalize (stmt);
  return n;
}

/* ------------------------------------------------------------------ */
/* CSV                                                                  */

typedef enum
{
  COL_IGNORED = -1,
  COL_IDENTITY,
  COL_NAME,
  COL_EMAIL,
  COL_PHONE,
  COL_INSTITUTION,
  COL_EXPIRES,
  COL_STATUS,
  COL_NOTES,
  N_COLS
} Column;

static const struct { const char *name; Column col; } column_names[] = {
  { "identity", COL_IDENTITY }, { "kimlik_no", COL_IDENTITY }, { "kimlikno", COL_IDENTITY },
  { "tckn", COL_IDENTITY }, { "passport", COL_IDENTITY },
  { "name", COL_NAME }, { "full_name", COL_NAME }, { "ad_soyad", COL_NAME },
  { "adsoyad", COL_NAME },
  { "email", COL_EMAIL }, { "e_posta", COL_EMAIL }, { "eposta", COL_EMAIL },
  { "phone", COL_PHONE }, { "telefon", COL_PHONE }, { "cep_telefonu", COL_PHONE },
  { "institution", COL_INSTITUTION }, { "kurum", COL_INSTITUTION }, { "birim", COL_INSTITUTION },
  { "expires", COL_EXPIRES }, { "sertifika_bitis", COL_EXPIRES }, { "bitis", COL_EXPIRES },
  { "status", COL_STATUS }, { "durum", COL_STATUS },
  { "notes", COL_NOTES }, { "notlar", COL_NOTES }, { "not", COL_NOTES },
};

/* Header cells are matched after dropping Turkish marks and ASCII case:
 * "Kimlik No", "KİMLİK_NO" and "kimlik-no" all name the identity column. */
static char *
header_key (const char *cell)
{
  GString *out = g_string_new (NULL);

  for (const char *p = cell; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      switch (c)
        {
        case 0x0131: case 0x0130: g_string_append_c (out, 'i'); break;
        case 0x015F: case 0x015E: g_string_append_c (out, 's'); break;
        case 0x011F: case 0x011E: g_string_append_c (out, 'g'); break;
        case 0x00FC: case 0x00DC: g_string_append_c (out, 'u'); break;
        case 0x00F6: case 0x00D6: g_string_append_c (out, 'o'); break;
        case 0x00E7: case 0x00C7: g_string_append_c (out, 'c'); break;
        case ' ': case '-': case '.': g_string_append_c (out, '_'); break;
        default:
          if (c < 0x80)
            g_string_append_c (out, g_ascii_tolower ((char)c));
        }
    }
  return g_strstrip (g_string_free (out, FALSE));
}

/* Splits CSV into rows of cells (RFC 4180 quoting, any line break).
 * Each row remembers the line it started on. */
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
        {
          row = g_new0 (Row, 1);
          row->cells = g_ptr_array_new_with_free_func (g_free);
          row->line = line;
        }
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
  explicit_bzero (cell->str, cell->allocated_len);
  g_string_free (cell, TRUE);
  return rows;
}

static gboolean
parse_status (const char     *text,
              EyRosterStatus *status)
{
  g_autofree char *key = header_key (text);
  static const struct { const char *name; EyRosterStatus status; } names[] = {
    { "", EY_ROSTER_STATUS_PENDING }, { "pending", EY_ROSTER_STATUS_PENDING },
    { "bekliyor", EY_ROSTER_STATUS_PENDING },
    { "order_opened", EY_ROSTER_STATUS_ORDER_OPENED },
    { "siparis_acildi", EY_ROSTER_STATUS_ORDER_OPENED },
    { "applied", EY_ROSTER_STATUS_APPLIED }, { "basvurdu", EY_ROSTER_STATUS_APPLIED },
    { "done", EY_ROSTER_STATUS_DONE }, { "tamamlandi", EY_ROSTER_STATUS_DONE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (strcmp (key, names[i].name) == 0)
      {
        *status = names[i].status;
        return TRUE;
      }
  return FALSE;
}

/* "31.12.2026" (as Turkish spreadsheets write it) becomes "2026-12-31". */
static char *
normalize_date (const char *text)
{
  int d, m, y;
  char tail;

  if (text == NULL || *text == '\0')
    return NULL;
  if (sscanf (text, "%2d.%2d.%4d%c", &d, &m, &y, &tail) == 3 ||
      sscanf (text, "%2d/%2d/%4d%c", &d, &m, &y, &tail) == 3)
    return g_strdup_printf ("%04d-%02d-%02d", y, m, d);
  return g_strdup (text);
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
  g_autofree char *text = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GPtrArray) issues = g_ptr_array_new_with_free_func (g_free);
  int map[64];
  Row *header;
  char sep;
  guint n_added = 0;
  guint n_updated = 0;
  gboolean have_identity = FALSE;
  gboolean have_name = FALSE;

  g_return_val_if_fail (EY_IS_ROSTER (self), FALSE);
  g_return_val_if_fail (data != NULL, FALSE);

  if (length < 0)
    length = strlen (data);
  if (length >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    {
      data += 3;
      length -= 3;
    }
  if (g_utf8_validate (data, length, NULL))
    text = g_strndup (data, length);
  else
    /* Excel on Turkish Windows saves CSV in windows-1254. */
    text = g_convert (data, length, "UTF-8", "WINDOWS-1254", NULL, NULL, NULL);
  if (text == NULL)
    {
      g_set_error_literal (error, EY_ROSTER_ERROR, EY_ROSTER_ERROR_CSV,
                           _("The file is not text in a known character set."));
      return FALSE;
    }

  {
    gsize first_line = strcspn (text, "\r\n");
    guint commas = 0, semis = 0;

    for (gsize i = 0; i < first_line; i++)
      {
        commas += text[i] == ',';
        semis += text[i] == ';';
      }
    sep = semis > commas ? ';' : ',';
  }

  rows = parse_csv (text, sep);
  explicit_bzero (text, strlen (text));
  if (rows->len == 0)
    {
      g_set_error_literal (error, EY_ROSTER_ERROR, EY_ROSTER_ERROR_CSV,
                           _("The file is empty."));
      return FALSE;
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
      have_identity |= map[i] == COL_IDENTITY;
      have_name |= map[i] == COL_NAME;
    }
  if (!have_identity || !have_name)
    {
      g_set_error_literal (error, EY_ROSTER_ERROR, EY_ROSTER_ERROR_CSV,
                           _("The first line must name the columns; at least “identity” "
                             "(or “kimlik_no”) and “name” (or “ad_soyad”) are needed."));
      return FALSE;
    }

  if (!exec (self, "BEGIN", error))
    return FALSE;
  for (guint r = 1; r < rows->len; r++)
    {
      Row *row = g_ptr_array_index (rows, r);
      const char *cells[N_COLS] = { NULL };
      g_autoptr(GError) row_error = NULL;
      g_autofree char *date = NULL;
      EyColleague c = { 0 };
      int result;

      for (guint i = 0; i < row->cells->len && i < G_N_ELEMENTS (map); i++)
        if (map[i] != COL_IGNORED)
          cells[map[i]] = g_ptr_array_index (row->cells, i);

      if (cells[COL_STATUS] != NULL && !parse_status (cells[COL_STATUS], &c.status))
        {
          g_ptr_array_add (issues, g_strdup_printf (_("Line %u: unknown status “%s”."),
                                                    row->line, cells[COL_STATUS]));
          continue;
        }
      date = normalize_date (cells[COL_EXPIRES]);
      c.identity = (char *)cells[COL_IDENTITY];
      c.full_name = (char *)cells[COL_NAME];
      c.email = (char *)cells[COL_EMAIL];
      c.phone = (char *)cells[COL_PHONE];
      c.institution = (char *)cells[COL_INSTITUTION];
      c.expires = date;
      c.notes = (char *)cells[COL_NOTES];

      result = save (self, &c, &row_error);
      if (result == 1)
        n_added++;
      else if (result == 2)
        n_updated++;
      else if (row_error->domain == EY_ROSTER_ERROR &&
               row_error->code == EY_ROSTER_ERROR_DATABASE)
        {
          exec (self, "ROLLBACK", NULL);
          g_propagate_error (error, g_steal_pointer (&row_error));
          return FALSE;
        }
      else
        /* Translators: a CSV line number, then why the row was refused */
        g_ptr_array_add (issues, g_strdup_printf (_("Line %u: %s"), row->line,
                                                  row_error->message));
    }
  if (!exec (self, "COMMIT", error))
    {
      exec (self, "ROLLBACK", NULL);
      return FALSE;
    }

  if (added != NULL)
    *added = n_added;
  if (updated != NULL)
    *updated = n_updated;
  if (problems != NULL)
    *problems = g_steal_pointer (&issues);
  return TRUE;
}

static void
append_cell (GString    *out,
             const char *text,
             char        sep)
{
  gboolean quote;

  if (text == NULL)
    return;
  quote = strchr (text, sep) != NULL || strchr (text, '"') != NULL ||
          strpbrk (text, "\r\n") != NULL;
  if (quote)
    g_string_append_c (out, '"');
  /* A spreadsheet would run "=…" as a formula: keep it text. */
  if (strchr ("=+-@\t\r", text[0]) != NULL && text[0] != '\0')
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
  g_string_append_printf (out, "identity%cname%cemail%cphone%cinstitution%cexpires%cstatus%cnotes\r\n",
                          separator, separator, separator, separator, separator, separator,
                          separator);
  for (guint i = 0; i < list->len; i++)
    {
      const EyColleague *c = g_ptr_array_index (list, i);
      g_autofree char *phone = c->phone ? ey_phone_format (c->phone) : NULL;
      const char *cells[] = { c->identity, c->full_name, c->email, phone, c->institution,
                              c->expires, ey_roster_status_to_string (c->status), c->notes };

      for (guint k = 0; k < G_N_ELEMENTS (cells); k++)
        {
          if (k > 0)
            g_string_append_c (out, separator);
          append_cell (out, cells[k], separator);
        }
      g_string_append (out, "\r\n");
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
