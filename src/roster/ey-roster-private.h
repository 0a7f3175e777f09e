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

G_END_DECLS
