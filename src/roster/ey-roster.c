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
#include "ey-roster-private.h"

struct _EyRoster
{
  GObject       parent_instance;

  char         *path;
  sqlite3      *db;
  sqlite3_stmt *lookup_stmt;
  sqlite3_stmt *store_stmt;
  sqlite3_stmt *history_stmt;
  GDateTime    *now;          /* tests only */
  guint         in_transaction : 1;
  guint         in_read : 1;
};

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_TYPE (EyRoster, ey_roster, G_TYPE_OBJECT)

G_DEFINE_QUARK (ey-roster-error-quark, ey_roster_error)

G_DEFINE_BOXED_TYPE (EyColleague, ey_colleague, ey_colleague_copy, ey_colleague_free)
G_DEFINE_BOXED_TYPE (EyRosterEvent, ey_roster_event, ey_roster_event_copy, ey_roster_event_free)

static const char * const status_names[] = { "pending", "order-opened", "applied", "done" };
static const char * const application_names[] = { "", "e-onay", "wet" };
static const char * const wet_names[] = { "printed", "signed", "received", "sent" };

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
  copy->title = g_strdup (c->title);
  copy->application = c->application;
  copy->reader_type = g_strdup (c->reader_type);
  copy->card_type = g_strdup (c->card_type);
  copy->order = g_strdup (c->order);
  for (guint i = 0; i < EY_ROSTER_N_WET_STEPS; i++)
    copy->wet[i] = g_strdup (c->wet[i]);
  copy->changed = g_strdup (c->changed);
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
  g_free (c->title);
  g_free (c->reader_type);
  g_free (c->card_type);
  g_free (c->order);
  for (guint i = 0; i < EY_ROSTER_N_WET_STEPS; i++)
    g_free (c->wet[i]);
  g_free (c->changed);
  g_free (c);
}

EyRosterEvent *
ey_roster_event_copy (const EyRosterEvent *e)
{
  EyRosterEvent *copy = g_new0 (EyRosterEvent, 1);

  copy->at = g_strdup (e->at);
  copy->field = g_strdup (e->field);
  copy->old_value = g_strdup (e->old_value);
  copy->new_value = g_strdup (e->new_value);
  return copy;
}

void
ey_roster_event_free (EyRosterEvent *e)
{
  if (e == NULL)
    return;
  g_free (e->at);
  g_free (e->field);
  g_free (e->old_value);
  g_free (e->new_value);
  g_free (e);
}

/* ------------------------------------------------------------------ */
/* Names                                                                */

/* A spelling people type in a spreadsheet, folded (_ey_roster_fold), and its value. */
typedef struct
{
  const char *name;
  int         value;
} FoldedName;

static gboolean
lookup_folded (const char       *text,
               const FoldedName *names,
               gsize             n_names,
               int              *value)
{
  g_autofree char *key = g_strstrip (_ey_roster_fold (text != NULL ? text : ""));

  for (gsize i = 0; i < n_names; i++)
    if (strcmp (key, names[i].name) == 0)
      {
        *value = names[i].value;
        return TRUE;
      }
  return FALSE;
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

gboolean
ey_roster_status_from_string (const char     *text,
                              EyRosterStatus *status)
{
  static const FoldedName names[] = {
    { "", EY_ROSTER_STATUS_PENDING }, { "pending", EY_ROSTER_STATUS_PENDING },
    { "bekliyor", EY_ROSTER_STATUS_PENDING }, { "beklemede", EY_ROSTER_STATUS_PENDING },
    { "order opened", EY_ROSTER_STATUS_ORDER_OPENED },
    { "order-opened", EY_ROSTER_STATUS_ORDER_OPENED },
    { "order_opened", EY_ROSTER_STATUS_ORDER_OPENED },
    { "siparis acildi", EY_ROSTER_STATUS_ORDER_OPENED },
    { "siparis_acildi", EY_ROSTER_STATUS_ORDER_OPENED },
    { "applied", EY_ROSTER_STATUS_APPLIED }, { "basvurdu", EY_ROSTER_STATUS_APPLIED },
    { "basvuruldu", EY_ROSTER_STATUS_APPLIED },
    { "done", EY_ROSTER_STATUS_DONE }, { "tamamlandi", EY_ROSTER_STATUS_DONE },
    { "tamam", EY_ROSTER_STATUS_DONE },
  };
  int value;

  g_return_val_if_fail (status != NULL, FALSE);

  if (!lookup_folded (text, names, G_N_ELEMENTS (names), &value))
    return FALSE;
  *status = value;
  return TRUE;
}

const char *
ey_roster_application_to_string (EyRosterApplication application)
{
  g_return_val_if_fail (application <= EY_ROSTER_APPLICATION_WET, "");
  return application_names[application];
}

const char *
ey_roster_application_get_label (EyRosterApplication application)
{
  switch (application)
    {
    case EY_ROSTER_APPLICATION_EONAY: return _("E-Onay");
    case EY_ROSTER_APPLICATION_WET:   return _("Wet signature");
    case EY_ROSTER_APPLICATION_UNKNOWN:
    default:                          return _("Not chosen yet");
    }
}

gboolean
ey_roster_application_from_string (const char          *text,
                                   EyRosterApplication *application)
{
  static const FoldedName names[] = {
    { "", EY_ROSTER_APPLICATION_UNKNOWN }, { "unknown", EY_ROSTER_APPLICATION_UNKNOWN },
    { "e-onay", EY_ROSTER_APPLICATION_EONAY }, { "eonay", EY_ROSTER_APPLICATION_EONAY },
    { "e onay", EY_ROSTER_APPLICATION_EONAY }, { "e_onay", EY_ROSTER_APPLICATION_EONAY },
    { "yenileme", EY_ROSTER_APPLICATION_EONAY }, { "renewal", EY_ROSTER_APPLICATION_EONAY },
    { "wet", EY_ROSTER_APPLICATION_WET }, { "islak", EY_ROSTER_APPLICATION_WET },
    { "islak imza", EY_ROSTER_APPLICATION_WET }, { "islak imzali", EY_ROSTER_APPLICATION_WET },
    { "islak_imza", EY_ROSTER_APPLICATION_WET }, { "ilk basvuru", EY_ROSTER_APPLICATION_WET },
  };
  int value;

  if (!lookup_folded (text, names, G_N_ELEMENTS (names), &value))
    return FALSE;
  *application = value;
  return TRUE;
}

const char *
ey_roster_wet_step_to_string (EyRosterWetStep step)
{
  g_return_val_if_fail (step < EY_ROSTER_N_WET_STEPS, "printed");
  return wet_names[step];
}

const char *
ey_roster_wet_step_get_label (EyRosterWetStep step)
{
  switch (step)
    {
    case EY_ROSTER_WET_PRINTED:  return _("Form printed");
    case EY_ROSTER_WET_SIGNED:   return _("Signed with a blue pen");
    case EY_ROSTER_WET_RECEIVED: return _("Received by the officer");
    case EY_ROSTER_WET_SENT:     return _("Sent to KamuSM");
    case EY_ROSTER_N_WET_STEPS:
    default:                     g_return_val_if_reached ("");
    }
}

gboolean
ey_roster_filter_from_string (const char     *text,
                              EyRosterFilter *filter)
{
  static const char * const names[] = { "all", "window", "expired", "wet", "applied", "done",
                                        "due" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_strcmp0 (text, names[i]) == 0)
      {
        *filter = i;
        return TRUE;
      }
  return FALSE;
}

/* ------------------------------------------------------------------ */
/* Dates and filters                                                    */

static gboolean
parse_date (const char *text,
            GDate      *date)
{
  if (text == NULL || strlen (text) < 10)
    return FALSE;
  g_date_clear (date, 1);
  if (!g_date_valid_dmy (atoi (text + 8), atoi (text + 5), atoi (text)))
    return FALSE;
  g_date_set_dmy (date, atoi (text + 8), atoi (text + 5), atoi (text));
  return TRUE;
}

static void
today_or (const GDate *today,
          GDate       *out)
{
  if (today != NULL)
    *out = *today;
  else
    {
      g_date_clear (out, 1);
      g_date_set_time_t (out, time (NULL));
    }
}

gboolean
ey_colleague_days_left (const EyColleague *c,
                        const GDate       *today,
                        int               *days)
{
  GDate end, now;

  g_return_val_if_fail (c != NULL, FALSE);

  if (!parse_date (c->expires, &end))
    return FALSE;
  today_or (today, &now);
  if (days != NULL)
    *days = g_date_days_between (&now, &end);
  return TRUE;
}

gboolean
ey_colleague_matches_filter (const EyColleague *c,
                             EyRosterFilter     filter,
                             const GDate       *today)
{
  GDate end, now, window_end;
  gboolean has_end;

  g_return_val_if_fail (c != NULL, FALSE);

  today_or (today, &now);
  has_end = parse_date (c->expires, &end);
  /* The same 3 months as the token layer's ey_certificate_is_renewal_window_open(). */
  window_end = now;
  g_date_add_months (&window_end, 3);

  switch (filter)
    {
    case EY_ROSTER_FILTER_ALL:
      return TRUE;
    case EY_ROSTER_FILTER_WINDOW_OPEN:
      return has_end && c->status != EY_ROSTER_STATUS_DONE &&
             g_date_compare (&end, &now) >= 0 && g_date_compare (&end, &window_end) <= 0;
    case EY_ROSTER_FILTER_EXPIRED:
      return has_end && c->status != EY_ROSTER_STATUS_DONE && g_date_compare (&end, &now) < 0;
    case EY_ROSTER_FILTER_DUE:
      return has_end && c->status != EY_ROSTER_STATUS_DONE &&
             g_date_compare (&end, &window_end) <= 0;
    case EY_ROSTER_FILTER_WAITING_WET:
      return c->status != EY_ROSTER_STATUS_DONE && c->wet[EY_ROSTER_WET_SENT] == NULL &&
             (c->application == EY_ROSTER_APPLICATION_WET ||
              c->wet[EY_ROSTER_WET_PRINTED] != NULL);
    case EY_ROSTER_FILTER_APPLIED:
      return c->status == EY_ROSTER_STATUS_APPLIED;
    case EY_ROSTER_FILTER_DONE:
      return c->status == EY_ROSTER_STATUS_DONE;
    default:
      g_return_val_if_reached (FALSE);
    }
}

char *
_ey_roster_search_key (const EyColleague *c)
{
  g_autofree char *raw = g_strjoin ("\n", c->full_name ? c->full_name : "",
                                    c->identity ? c->identity : "",
                                    c->institution ? c->institution : "", NULL);

  return _ey_roster_fold (raw);
}

char *
_ey_roster_search_needle (const char *search)
{
  g_autofree char *folded = g_strstrip (_ey_roster_fold (search));

  if (*folded == '\0')
    return NULL;
  /* Identity numbers are typed with spaces sometimes: "123 456". */
  if (g_ascii_isdigit (folded[0]))
    {
      char *w = folded;

      for (const char *r = folded; *r; r++)
        if (*r != ' ')
          *w++ = *r;
      *w = '\0';
    }
  return g_steal_pointer (&folded);
}

gboolean
ey_colleague_matches_search (const EyColleague *c,
                             const char        *search)
{
  g_autofree char *needle = _ey_roster_search_needle (search);
  g_autofree char *key = NULL;

  g_return_val_if_fail (c != NULL, FALSE);

  if (needle == NULL)
    return TRUE;
  key = _ey_roster_search_key (c);
  return strstr (key, needle) != NULL;
}

char *
ey_colleague_mask_identity (const char *identity)
{
  gsize len;
  GString *out;

  if (identity == NULL)
    return g_strdup ("");
  len = strlen (identity);
  out = g_string_new (NULL);
  for (gsize i = 0; i + 4 < len; i++)
    g_string_append_c (out, '*');
  g_string_append (out, identity + (len > 4 ? len - 4 : 0));
  return g_string_free (out, FALSE);
}

char *
ey_roster_event_describe (const EyRosterEvent *e)
{
  g_return_val_if_fail (e != NULL, NULL);

  if (g_strcmp0 (e->field, "added") == 0)
    return g_strdup (g_strcmp0 (e->new_value, "import") == 0 ? _("Imported into the roster")
                                                              : _("Added to the roster"));
  if (g_strcmp0 (e->field, "status") == 0)
    {
      EyRosterStatus before = EY_ROSTER_STATUS_PENDING, after = EY_ROSTER_STATUS_PENDING;

      ey_roster_status_from_string (e->old_value, &before);
      ey_roster_status_from_string (e->new_value, &after);
      /* Translators: a status change, e.g. "Status: Pending → Applied" */
      return g_strdup_printf (_("Status: %s → %s"), ey_roster_status_get_label (before),
                              ey_roster_status_get_label (after));
    }
  if (g_strcmp0 (e->field, "application") == 0)
    {
      EyRosterApplication app = EY_ROSTER_APPLICATION_UNKNOWN;

      ey_roster_application_from_string (e->new_value, &app);
      return g_strdup_printf (_("Application: %s"), ey_roster_application_get_label (app));
    }
  if (g_strcmp0 (e->field, "order") == 0)
    return g_strdup_printf (_("Application number: %s"), e->new_value ? e->new_value : "—");
  if (g_strcmp0 (e->field, "expires") == 0)
    return g_strdup_printf (_("Certificate end date: %s"), e->new_value ? e->new_value : "—");
  for (guint i = 0; i < EY_ROSTER_N_WET_STEPS; i++)
    if (g_strcmp0 (e->field, wet_names[i]) == 0)
      /* Translators: a wet-form checklist step ticked or unticked */
      return g_strdup_printf (e->new_value != NULL ? _("%s: ticked") : _("%s: unticked"),
                              ey_roster_wet_step_get_label (i));
  return g_strdup (e->field);
}

/* ------------------------------------------------------------------ */
/* The object                                                           */

static void
ey_roster_finalize (GObject *object)
{
  EyRoster *self = (EyRoster *)object;

  g_clear_pointer (&self->lookup_stmt, sqlite3_finalize);
  g_clear_pointer (&self->store_stmt, sqlite3_finalize);
  g_clear_pointer (&self->history_stmt, sqlite3_finalize);
  g_clear_pointer (&self->db, sqlite3_close);
  g_clear_pointer (&self->now, g_date_time_unref);
  g_free (self->path);

  G_OBJECT_CLASS (ey_roster_parent_class)->finalize (object);
}

static void
ey_roster_class_init (EyRosterClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = ey_roster_finalize;

  /**
   * EyRoster::changed:
   * @identity: (nullable): the colleague whose row changed (added, edited or
   *   removed), or %NULL when many rows changed (import)
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
ey_roster_init (EyRoster *self)
{
}

void
_ey_roster_emit_changed (EyRoster   *self,
                         const char *identity)
{
  g_signal_emit (self, signals[CHANGED], 0, identity);
}

void
_ey_roster_set_now (EyRoster  *self,
                    GDateTime *now)
{
  g_clear_pointer (&self->now, g_date_time_unref);
  self->now = now ? g_date_time_ref (now) : NULL;
}

static char *
now_string (EyRoster *self)
{
  g_autoptr(GDateTime) now = self->now ? g_date_time_ref (self->now) : g_date_time_new_now_utc ();

  return g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
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

gboolean
_ey_roster_begin (EyRoster  *self,
                  GError   **error)
{
  g_assert (!self->in_transaction);
  if (!exec (self, "BEGIN IMMEDIATE", error))
    return FALSE;
  self->in_transaction = TRUE;
  return TRUE;
}

gboolean
_ey_roster_commit (EyRoster  *self,
                   GError   **error)
{
  if (!exec (self, "COMMIT", error))
    {
      _ey_roster_rollback (self);
      return FALSE;
    }
  self->in_transaction = FALSE;
  return TRUE;
}

void
_ey_roster_read_begin (EyRoster *self)
{
  /* Many lookups in one read transaction: SQLite then takes its file lock once
   * instead of once per row. */
  if (!self->in_transaction && exec (self, "BEGIN", NULL))
    self->in_read = TRUE;
}

void
_ey_roster_read_end (EyRoster *self)
{
  if (self->in_read)
    exec (self, "COMMIT", NULL);
  self->in_read = FALSE;
}

void
_ey_roster_rollback (EyRoster *self)
{
  exec (self, "ROLLBACK", NULL);
  self->in_transaction = FALSE;
}

char *
ey_roster_get_default_path (void)
{
  return g_build_filename (g_get_user_data_dir (), PACKAGE_NAME, "roster.sqlite", NULL);
}

#define COLUMNS "identity, full_name, email, phone, institution, expires, status, notes, " \
                "title, application, reader_type, card_type, order_no, wet_printed, " \
                "wet_signed, wet_received, wet_sent, changed"

/* Version 1 had only the first eight columns; version 2 adds the rest and the history. */
static const char schema[] =
  "CREATE TABLE IF NOT EXISTS colleague ("
  "  identity    TEXT PRIMARY KEY NOT NULL,"
  "  full_name   TEXT NOT NULL,"
  "  email       TEXT,"
  "  phone       TEXT,"
  "  institution TEXT,"
  "  expires     TEXT,"
  "  status      TEXT NOT NULL DEFAULT 'pending',"
  "  notes       TEXT);";

static const char migrate_2[] =
  "ALTER TABLE colleague ADD COLUMN title TEXT;"
  "ALTER TABLE colleague ADD COLUMN application TEXT;"
  "ALTER TABLE colleague ADD COLUMN reader_type TEXT;"
  "ALTER TABLE colleague ADD COLUMN card_type TEXT;"
  "ALTER TABLE colleague ADD COLUMN order_no TEXT;"
  "ALTER TABLE colleague ADD COLUMN wet_printed TEXT;"
  "ALTER TABLE colleague ADD COLUMN wet_signed TEXT;"
  "ALTER TABLE colleague ADD COLUMN wet_received TEXT;"
  "ALTER TABLE colleague ADD COLUMN wet_sent TEXT;"
  "ALTER TABLE colleague ADD COLUMN changed TEXT;"
  "CREATE TABLE IF NOT EXISTS history ("
  "  id        INTEGER PRIMARY KEY,"
  "  identity  TEXT NOT NULL,"
  "  at        TEXT NOT NULL,"
  "  field     TEXT NOT NULL,"
  "  old_value TEXT,"
  "  new_value TEXT);"
  "CREATE INDEX IF NOT EXISTS history_identity ON history (identity);"
  "PRAGMA user_version = 2;";

static gboolean
migrate (EyRoster  *self,
         GError   **error)
{
  sqlite3_stmt *stmt = NULL;
  int version = 0;

  if (!exec (self, schema, error))
    return FALSE;
  if (sqlite3_prepare_v2 (self->db, "PRAGMA user_version", -1, &stmt, NULL) != SQLITE_OK)
    return db_error (self, error);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    version = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  if (version >= 2)
    return TRUE;
  if (!exec (self, "BEGIN IMMEDIATE", error))
    return FALSE;
  if (!exec (self, migrate_2, error))
    {
      exec (self, "ROLLBACK", NULL);
      return FALSE;
    }
  return exec (self, "COMMIT", error);
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
                   "PRAGMA secure_delete = ON;", error) ||
      !migrate (self, error))
    return NULL;
  if (sqlite3_prepare_v2 (self->db, "SELECT " COLUMNS " FROM colleague WHERE identity = ?",
                          -1, &self->lookup_stmt, NULL) != SQLITE_OK ||
      sqlite3_prepare_v2 (self->db, "INSERT OR REPLACE INTO colleague (" COLUMNS ") VALUES"
                          " (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                          -1, &self->store_stmt, NULL) != SQLITE_OK ||
      sqlite3_prepare_v2 (self->db, "INSERT INTO history (identity, at, field, old_value,"
                          " new_value) VALUES (?,?,?,?,?)", -1, &self->history_stmt,
                          NULL) != SQLITE_OK)
    {
      db_error (self, error);
      return NULL;
    }
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

static gboolean valid_email (const char *text);
static gboolean valid_date (const char *text);

gboolean
ey_roster_check_email (const char *text)
{
  g_return_val_if_fail (text != NULL, FALSE);
  return valid_email (text);
}

char *
ey_roster_parse_date (const char *text)
{
  g_autofree char *trimmed = NULL;
  int d, m, y;
  char tail;

  if (text == NULL)
    return NULL;
  trimmed = g_strstrip (g_strdup (text));
  if (valid_date (trimmed))
    return g_steal_pointer (&trimmed);
  if ((sscanf (trimmed, "%2d.%2d.%4d%c", &d, &m, &y, &tail) == 3 ||
       sscanf (trimmed, "%2d/%2d/%4d%c", &d, &m, &y, &tail) == 3) &&
      y > 1900 && g_date_valid_dmy (d, m, y))
    return g_strdup_printf ("%04d-%02d-%02d", y, m, d);
  return NULL;
}

static gboolean
valid_email (const char *text)
{
  const char *at = strchr (text, '@');

  /* One "@", something on both sides, a dot in the domain, no spaces or list separators. */
  return at != NULL && at != text && strchr (at + 1, '@') == NULL && at[1] != '\0' &&
         strchr (at + 1, '.') != NULL && strpbrk (text, " \t,;<>\"") == NULL &&
         g_utf8_validate (text, -1, NULL);
}

EyColleague *
_ey_roster_prepare (const EyColleague  *in,
                    GError            **error)
{
  g_autoptr(EyColleague) c = ey_colleague_new ();
  g_autoptr(GError) local_error = NULL;

  if (in->identity == NULL)
    {
      g_set_error_literal (error, EY_ROSTER_ERROR, EY_ROSTER_ERROR_INVALID,
                           _("Enter the identity number."));
      return NULL;
    }
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
  if (c->email != NULL && !valid_email (c->email))
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
  if (in->status > EY_ROSTER_STATUS_DONE || in->application > EY_ROSTER_APPLICATION_WET)
    {
      g_set_error_literal (error, EY_ROSTER_ERROR, EY_ROSTER_ERROR_INVALID,
                           _("Unknown renewal status."));
      return NULL;
    }
  c->status = in->status;
  c->application = in->application;
  c->notes = nullable_trim (in->notes);
  c->title = nullable_trim (in->title);
  c->reader_type = nullable_trim (in->reader_type);
  c->card_type = nullable_trim (in->card_type);
  c->order = nullable_trim (in->order);
  for (guint i = 0; i < EY_ROSTER_N_WET_STEPS; i++)
    {
      c->wet[i] = nullable_trim (in->wet[i]);
      if (c->wet[i] != NULL && !valid_date (c->wet[i]))
        {
          g_set_error (error, EY_ROSTER_ERROR, EY_ROSTER_ERROR_INVALID,
                       _("“%s” is not a date; write it as YYYY-MM-DD."), c->wet[i]);
          return NULL;
        }
    }
  return g_steal_pointer (&c);
}

gboolean
_ey_roster_colleague_equal (const EyColleague *a,
                            const EyColleague *b)
{
  if (g_strcmp0 (a->identity, b->identity) != 0 || g_strcmp0 (a->full_name, b->full_name) != 0 ||
      g_strcmp0 (a->email, b->email) != 0 || g_strcmp0 (a->phone, b->phone) != 0 ||
      g_strcmp0 (a->institution, b->institution) != 0 ||
      g_strcmp0 (a->expires, b->expires) != 0 || a->status != b->status ||
      g_strcmp0 (a->notes, b->notes) != 0 || g_strcmp0 (a->title, b->title) != 0 ||
      a->application != b->application || g_strcmp0 (a->reader_type, b->reader_type) != 0 ||
      g_strcmp0 (a->card_type, b->card_type) != 0 || g_strcmp0 (a->order, b->order) != 0)
    return FALSE;
  for (guint i = 0; i < EY_ROSTER_N_WET_STEPS; i++)
    if (g_strcmp0 (a->wet[i], b->wet[i]) != 0)
      return FALSE;
  return TRUE;
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

/* Writes @c into the colleagues table through the store statement, stamped @changed;
 * the statement's result code. */
static int
store_row (sqlite3_stmt      *stmt,
           const EyColleague *c,
           const char        *changed)
{
  int rc;

  sqlite3_reset (stmt);
  bind_text (stmt, 1, c->identity);
  bind_text (stmt, 2, c->full_name);
  bind_text (stmt, 3, c->email);
  bind_text (stmt, 4, c->phone);
  bind_text (stmt, 5, c->institution);
  bind_text (stmt, 6, c->expires);
  bind_text (stmt, 7, ey_roster_status_to_string (c->status));
  bind_text (stmt, 8, c->notes);
  bind_text (stmt, 9, c->title);
  bind_text (stmt, 10, c->application ? application_names[c->application] : NULL);
  bind_text (stmt, 11, c->reader_type);
  bind_text (stmt, 12, c->card_type);
  bind_text (stmt, 13, c->order);
  for (guint i = 0; i < EY_ROSTER_N_WET_STEPS; i++)
    bind_text (stmt, 14 + i, c->wet[i]);
  bind_text (stmt, 18, changed);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  return rc;
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
  const char *application = (const char *)sqlite3_column_text (stmt, 9);

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
  c->title = column_text (stmt, 8);
  for (guint i = 1; i < G_N_ELEMENTS (application_names); i++)
    if (application != NULL && strcmp (application, application_names[i]) == 0)
      c->application = i;
  c->reader_type = column_text (stmt, 10);
  c->card_type = column_text (stmt, 11);
  c->order = column_text (stmt, 12);
  for (guint i = 0; i < EY_ROSTER_N_WET_STEPS; i++)
    c->wet[i] = column_text (stmt, 13 + i);
  c->changed = column_text (stmt, 17);
  return c;
}

static gboolean
add_event (EyRoster    *self,
           const char  *identity,
           const char  *at,
           const char  *field,
           const char  *old_value,
           const char  *new_value,
           GError     **error)
{
  sqlite3_stmt *stmt = self->history_stmt;
  int rc;

  sqlite3_reset (stmt);
  bind_text (stmt, 1, identity);
  bind_text (stmt, 2, at);
  bind_text (stmt, 3, field);
  bind_text (stmt, 4, old_value);
  bind_text (stmt, 5, new_value);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return db_error (self, error);
  return TRUE;
}

static EyColleague *
lookup (EyRoster    *self,
        const char  *identity,
        GError     **error)
{
  sqlite3_stmt *stmt = self->lookup_stmt;
  EyColleague *c = NULL;
  int rc;

  sqlite3_reset (stmt);
  bind_text (stmt, 1, identity);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    c = read_row (stmt);
  else if (rc != SQLITE_DONE)
    db_error (self, error);
  else
    g_set_error (error, EY_ROSTER_ERROR, EY_ROSTER_ERROR_NOT_FOUND,
                 _("No colleague with the identity number %s is on the roster."), identity);
  sqlite3_reset (stmt);
  return c;
}

/* The fields whose changes make the history (what the officer tracks). */
static gboolean
record_changes (EyRoster           *self,
                const EyColleague  *old,
                const EyColleague  *c,
                const char         *at,
                GError            **error)
{
  const char *id = c->identity;

  if (old->status != c->status &&
      !add_event (self, id, at, "status", ey_roster_status_to_string (old->status),
                  ey_roster_status_to_string (c->status), error))
    return FALSE;
  if (old->application != c->application &&
      !add_event (self, id, at, "application", ey_roster_application_to_string (old->application),
                  ey_roster_application_to_string (c->application), error))
    return FALSE;
  if (g_strcmp0 (old->order, c->order) != 0 &&
      !add_event (self, id, at, "order", old->order, c->order, error))
    return FALSE;
  if (g_strcmp0 (old->expires, c->expires) != 0 &&
      !add_event (self, id, at, "expires", old->expires, c->expires, error))
    return FALSE;
  for (guint i = 0; i < EY_ROSTER_N_WET_STEPS; i++)
    if (g_strcmp0 (old->wet[i], c->wet[i]) != 0 &&
        !add_event (self, id, at, wet_names[i], old->wet[i], c->wet[i], error))
      return FALSE;
  return TRUE;
}

int
_ey_roster_store (EyRoster           *self,
                  const EyColleague  *c,
                  const char         *how,
                  GError            **error)
{
  g_autoptr(EyColleague) old = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *at = NULL;
  sqlite3_stmt *stmt = self->store_stmt;
  int rc;

  g_assert (self->in_transaction);

  old = lookup (self, c->identity, &local_error);
  if (old == NULL && local_error->code == EY_ROSTER_ERROR_DATABASE)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return 0;
    }
  if (old != NULL && _ey_roster_colleague_equal (old, c))
    return 3;

  at = now_string (self);
  rc = store_row (stmt, c, at);
  if (rc != SQLITE_DONE)
    return db_error (self, error);

  if (old == NULL)
    {
      if (!add_event (self, c->identity, at, "added", NULL, how, error))
        return 0;
      if (c->status != EY_ROSTER_STATUS_PENDING &&
          !add_event (self, c->identity, at, "status", NULL,
                      ey_roster_status_to_string (c->status), error))
        return 0;
      return 1;
    }
  if (!record_changes (self, old, c, at, error))
    return 0;
  return 2;
}

gboolean
ey_roster_save (EyRoster           *self,
                const EyColleague  *colleague,
                GError            **error)
{
  g_autoptr(EyColleague) c = NULL;
  int result;

  g_return_val_if_fail (EY_IS_ROSTER (self), FALSE);
  g_return_val_if_fail (colleague != NULL, FALSE);

  c = _ey_roster_prepare (colleague, error);
  if (c == NULL || !_ey_roster_begin (self, error))
    return FALSE;
  result = _ey_roster_store (self, c, "manual", error);
  if (result == 0)
    {
      _ey_roster_rollback (self);
      return FALSE;
    }
  if (!_ey_roster_commit (self, error))
    return FALSE;
  if (result != 3)
    _ey_roster_emit_changed (self, c->identity);
  return TRUE;
}

gboolean
ey_roster_set_status (EyRoster        *self,
                      const char      *identity,
                      EyRosterStatus   status,
                      GError         **error)
{
  g_autoptr(EyColleague) c = NULL;

  g_return_val_if_fail (EY_IS_ROSTER (self), FALSE);
  g_return_val_if_fail (identity != NULL, FALSE);

  c = ey_roster_lookup (self, identity, error);
  if (c == NULL)
    return FALSE;
  c->status = status;
  return ey_roster_save (self, c, error);
}

gboolean
ey_roster_set_wet_step (EyRoster         *self,
                        const char       *identity,
                        EyRosterWetStep   step,
                        gboolean          done,
                        GError          **error)
{
  g_autoptr(EyColleague) c = NULL;

  g_return_val_if_fail (EY_IS_ROSTER (self), FALSE);
  g_return_val_if_fail (identity != NULL, FALSE);
  g_return_val_if_fail (step < EY_ROSTER_N_WET_STEPS, FALSE);

  c = ey_roster_lookup (self, identity, error);
  if (c == NULL)
    return FALSE;
  if (done == (c->wet[step] != NULL))
    return TRUE;
  g_clear_pointer (&c->wet[step], g_free);
  if (done)
    {
      g_autoptr(GDateTime) now = self->now ? g_date_time_ref (self->now)
                                           : g_date_time_new_now_local ();

      c->wet[step] = g_date_time_format (now, "%Y-%m-%d");
      /* Ticking the wet checklist means the wet path. */
      if (c->application == EY_ROSTER_APPLICATION_UNKNOWN)
        c->application = EY_ROSTER_APPLICATION_WET;
    }
  return ey_roster_save (self, c, error);
}

static gboolean
delete_rows (EyRoster    *self,
             const char  *identity,
             int         *changes,
             GError     **error)
{
  static const char * const sql[] = { "DELETE FROM colleague WHERE identity = ?",
                                      "DELETE FROM history WHERE identity = ?" };

  for (guint i = 0; i < G_N_ELEMENTS (sql); i++)
    {
      sqlite3_stmt *stmt = NULL;
      int rc;

      if (sqlite3_prepare_v2 (self->db, sql[i], -1, &stmt, NULL) != SQLITE_OK)
        return db_error (self, error);
      bind_text (stmt, 1, identity);
      rc = sqlite3_step (stmt);
      sqlite3_finalize (stmt);
      if (rc != SQLITE_DONE)
        return db_error (self, error);
      if (i == 0 && changes != NULL)
        *changes = sqlite3_changes (self->db);
    }
  return TRUE;
}

gboolean
ey_roster_remove (EyRoster    *self,
                  const char  *identity,
                  GError     **error)
{
  int changes = 0;

  g_return_val_if_fail (EY_IS_ROSTER (self), FALSE);
  g_return_val_if_fail (identity != NULL, FALSE);

  if (!_ey_roster_begin (self, error))
    return FALSE;
  if (!delete_rows (self, identity, &changes, error))
    {
      _ey_roster_rollback (self);
      return FALSE;
    }
  if (!_ey_roster_commit (self, error))
    return FALSE;
  if (changes == 0)
    {
      g_set_error (error, EY_ROSTER_ERROR, EY_ROSTER_ERROR_NOT_FOUND,
                   _("No colleague with the identity number %s is on the roster."), identity);
      return FALSE;
    }
  _ey_roster_emit_changed (self, identity);
  return TRUE;
}

int
ey_roster_remove_done_before (EyRoster  *self,
                              guint      months,
                              GError   **error)
{
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GDateTime) limit = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autofree char *limit_text = NULL;
  int removed = 0;

  g_return_val_if_fail (EY_IS_ROSTER (self), -1);

  now = self->now ? g_date_time_ref (self->now) : g_date_time_new_now_utc ();
  limit = g_date_time_add_months (now, -(int)months);
  limit_text = g_date_time_format (limit, "%Y-%m-%dT%H:%M:%SZ");
  list = ey_roster_list (self, error);
  if (list == NULL || !_ey_roster_begin (self, error))
    return -1;
  for (guint i = 0; i < list->len; i++)
    {
      const EyColleague *c = g_ptr_array_index (list, i);

      /* ISO 8601 in UTC compares as text. */
      if (c->status != EY_ROSTER_STATUS_DONE || c->changed == NULL ||
          strcmp (c->changed, limit_text) >= 0)
        continue;
      if (!delete_rows (self, c->identity, NULL, error))
        {
          _ey_roster_rollback (self);
          return -1;
        }
      removed++;
    }
  if (!_ey_roster_commit (self, error))
    return -1;
  if (removed > 0)
    _ey_roster_emit_changed (self, NULL);
  return removed;
}

EyColleague *
ey_roster_lookup (EyRoster    *self,
                  const char  *identity,
                  GError     **error)
{
  g_return_val_if_fail (EY_IS_ROSTER (self), NULL);
  g_return_val_if_fail (identity != NULL, NULL);

  return lookup (self, identity, error);
}

GPtrArray *
ey_roster_history (EyRoster    *self,
                   const char  *identity,
                   GError     **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify)ey_roster_event_free);
  sqlite3_stmt *stmt = NULL;
  int rc;

  g_return_val_if_fail (EY_IS_ROSTER (self), NULL);
  g_return_val_if_fail (identity != NULL, NULL);

  if (sqlite3_prepare_v2 (self->db, "SELECT at, field, old_value, new_value FROM history"
                          " WHERE identity = ? ORDER BY id", -1, &stmt, NULL) != SQLITE_OK)
    {
      db_error (self, error);
      return NULL;
    }
  bind_text (stmt, 1, identity);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      EyRosterEvent *e = g_new0 (EyRosterEvent, 1);

      e->at = column_text (stmt, 0);
      e->field = column_text (stmt, 1);
      e->old_value = column_text (stmt, 2);
      e->new_value = column_text (stmt, 3);
      g_ptr_array_add (list, e);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      db_error (self, error);
      return NULL;
    }
  return g_steal_pointer (&list);
}

gboolean
ey_roster_restore (EyRoster           *self,
                   const EyColleague  *colleague,
                   GPtrArray          *history,
                   GError            **error)
{
  g_autoptr(EyColleague) c = NULL;

  g_return_val_if_fail (EY_IS_ROSTER (self), FALSE);
  g_return_val_if_fail (colleague != NULL, FALSE);

  c = _ey_roster_prepare (colleague, error);
  if (c == NULL || !_ey_roster_begin (self, error))
    return FALSE;
  if (!delete_rows (self, c->identity, NULL, error))
    goto fail;
  if (history != NULL && history->len > 0)
    {
      for (guint i = 0; i < history->len; i++)
        {
          const EyRosterEvent *e = g_ptr_array_index (history, i);

          if (!add_event (self, c->identity, e->at, e->field, e->old_value, e->new_value, error))
            goto fail;
        }
      /* The history already says "added": store without a new line. */
      if (store_row (self->store_stmt, c, colleague->changed) != SQLITE_DONE)
        {
          db_error (self, error);
          goto fail;
        }
    }
  else if (_ey_roster_store (self, c, "manual", error) == 0)
    goto fail;
  if (!_ey_roster_commit (self, error))
    return FALSE;
  _ey_roster_emit_changed (self, c->identity);
  return TRUE;

fail:
  _ey_roster_rollback (self);
  return FALSE;
}

GPtrArray *
ey_roster_list (EyRoster  *self,
                GError   **error)
{
  g_return_val_if_fail (EY_IS_ROSTER (self), NULL);

  return _ey_roster_list_first (self, 0, error);
}

static GPtrArray *
list_first (sqlite3  *db,
            guint     limit,
            GError  **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify)ey_colleague_free);
  sqlite3_stmt *stmt = NULL;
  int rc;

  /* Byte order of UTF-8 names is good enough and never depends on the locale. */
  if (sqlite3_prepare_v2 (db, "SELECT " COLUMNS " FROM colleague"
                          " ORDER BY expires IS NULL, expires, full_name, identity"
                          " LIMIT ?", -1, &stmt, NULL) != SQLITE_OK)
    goto failed;
  sqlite3_bind_int64 (stmt, 1, limit > 0 ? (sqlite3_int64)limit : -1);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (list, read_row (stmt));
  if (rc != SQLITE_DONE)
    goto failed;
  sqlite3_finalize (stmt);
  return g_steal_pointer (&list);

failed:
  g_set_error (error, EY_ROSTER_ERROR, EY_ROSTER_ERROR_DATABASE,
               _("The roster database failed: %s"), sqlite3_errmsg (db));
  sqlite3_finalize (stmt);
  return NULL;
}

GPtrArray *
_ey_roster_list_first (EyRoster  *self,
                       guint      limit,
                       GError   **error)
{
  return list_first (self->db, limit, error);
}

/* The model's loading thread reads through a connection of its own: nothing of the
 * roster object is shared with the thread. */
GPtrArray *
_ey_roster_list_file (const char  *path,
                      GError     **error)
{
  sqlite3 *db = NULL;
  GPtrArray *list = NULL;

  if (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK)
    g_set_error (error, EY_ROSTER_ERROR, EY_ROSTER_ERROR_DATABASE,
                 _("The roster database failed: %s"), db ? sqlite3_errmsg (db) : path);
  else
    {
      sqlite3_busy_timeout (db, 2000);
      list = list_first (db, 0, error);
    }
  sqlite3_close (db);
  return list;
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
/* Text                                                                 */

char *
_ey_roster_fold (const char *text)
{
  GString *out;

  if (text == NULL)
    return g_strdup ("");
  out = g_string_sized_new (strlen (text));
  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      switch (c)
        {
        /* İ, I, ı and i are one letter for search: "igdir" finds "IĞDIR". */
        case 0x0131: case 0x0130: g_string_append_c (out, 'i'); break;
        case 0x015F: case 0x015E: g_string_append_c (out, 's'); break;
        case 0x011F: case 0x011E: g_string_append_c (out, 'g'); break;
        case 0x00FC: case 0x00DC: case 0x00FB: case 0x00DB: g_string_append_c (out, 'u'); break;
        case 0x00F6: case 0x00D6: g_string_append_c (out, 'o'); break;
        case 0x00E7: case 0x00C7: g_string_append_c (out, 'c'); break;
        case 0x00E2: case 0x00C2: g_string_append_c (out, 'a'); break;
        case 0x00EE: case 0x00CE: g_string_append_c (out, 'i'); break;
        case 0x0307: break;   /* combining dot of a decomposed İ */
        default:
          if (c < 0x80)
            g_string_append_c (out, g_ascii_tolower ((char)c));
          else
            {
              /* Other letters: simple lower case, which has no locale rules in GLib. */
              char buf[6];
              gunichar lower = g_unichar_tolower (c);

              g_string_append_len (out, buf, g_unichar_to_utf8 (lower, buf));
            }
        }
    }
  return g_string_free (out, FALSE);
}
