/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <sqlite3.h>

#include "ey-roster.h"

G_BEGIN_DECLS

/* Roster-internal API shared by ey-roster.c (database), ey-roster-io.c (CSV and
 * XLSX) and the model. */

/* Search and header keys: lower case, Turkish marks dropped (ş→s, ı/İ/I→i …),
 * spaces kept.  Never depends on the locale.
 * TODO: use ey_text_* from src/core/ey-text.c once it lands (variations). */
char        *_ey_roster_fold              (const char        *text);

/* The haystack and the needle of ey_colleague_matches_search(); the needle is
 * NULL when @search is empty. */
char        *_ey_roster_search_key        (const EyColleague *colleague);
char        *_ey_roster_search_needle     (const char        *search);

/* Checks and normalises @in; NULL with an EY_ROSTER_ERROR_INVALID error. */
EyColleague *_ey_roster_prepare           (const EyColleague *in,
                                           GError           **error);
/* Whether @a and @b hold the same data (ignores @changed). */
gboolean     _ey_roster_colleague_equal   (const EyColleague *a,
                                           const EyColleague *b);

gboolean     _ey_roster_begin             (EyRoster          *self,
                                           GError           **error);
gboolean     _ey_roster_commit            (EyRoster          *self,
                                           GError           **error);
void         _ey_roster_rollback          (EyRoster          *self);
/* A read transaction around many lookups (no-op inside a write transaction). */
void         _ey_roster_read_begin        (EyRoster          *self);
void         _ey_roster_read_end          (EyRoster          *self);
/* Saves an already prepared colleague inside a transaction; records history.
 * Returns 1 added, 2 replaced, 3 unchanged, 0 on a database error. */
int          _ey_roster_store             (EyRoster          *self,
                                           const EyColleague *prepared,
                                           const char        *how,
                                           GError           **error);
/* Emits ::changed (identity NULL: many rows). */
void         _ey_roster_emit_changed      (EyRoster          *self,
                                           const char        *identity);

/* ey_roster_list()'s first @limit colleagues (0: all of them). */
GPtrArray   *_ey_roster_list_first        (EyRoster          *self,
                                           guint              limit,
                                           GError           **error);
/* ey_roster_list() of the roster file at @path, through a connection of its own:
 * for another thread than the roster's. */
GPtrArray   *_ey_roster_list_file         (const char        *path,
                                           GError           **error);

/* Tests: a fixed clock instead of the current time (NULL: the real one). */
void         _ey_roster_set_now           (EyRoster          *self,
                                           GDateTime         *now);

/**
 * ey_roster_import_csv:
 * @data: the CSV (UTF-8, with or without BOM; windows-1254 is accepted)
 * @length: its length, or -1
 * @added: (out) (optional): how many new colleagues
 * @updated: (out) (optional): how many existing colleagues were replaced
 * @problems: (out) (optional) (transfer full) (element-type utf8): one
 *   translated line per refused row ("Line 4: …")
 * @error: return location for an %EY_ROSTER_ERROR_CSV error when the CSV
 *   has no usable header
 *
 * Imports rows under a header naming the columns (English or Turkish:
 * identity/kimlik_no, name/ad_soyad, email/e_posta, phone/telefon,
 * institution/kurum, expires/sertifika_bitis, status/durum, notes/notlar),
 * separated by "," or ";" (found from the header), quoted as in RFC 4180.
 * Good rows are imported in one transaction; bad rows are listed in
 * @problems and skipped.
 *
 * Returns: %TRUE unless the whole CSV was unusable
 */
gboolean      ey_roster_import_csv      (EyRoster          *self,
                                         const char        *data,
                                         gssize             length,
                                         guint             *added,
                                         guint             *updated,
                                         GPtrArray        **problems,
                                         GError           **error);

/**
 * ey_roster_preview_xlsx:
 * @data: an Office Open XML workbook; its first sheet is read, the first row
 *   naming the columns as in a CSV
 *
 * Returns: (transfer full): the preview, or %NULL with an %EY_ROSTER_ERROR_XLSX error
 */
EyRosterImport *ey_roster_preview_xlsx    (EyRoster       *self,
                                           const char     *data,
                                           gsize           length,
                                           GError        **error);

G_END_DECLS
