/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/**
 * EyRoster:
 *
 * The institution officer's list of colleagues whose certificates are to be
 * renewed, in an SQLite file that only its owner can read (mode 0600; the
 * journal inherits it).  Holds nothing more than the officer entered.
 * Identity numbers are checked (T.C. Kimlik No checksum or passport) and
 * phones normalised on the way in.  CSV import and export for spreadsheets.
 */
#define EY_TYPE_ROSTER (ey_roster_get_type ())
G_DECLARE_FINAL_TYPE (EyRoster, ey_roster, EY, ROSTER, GObject)

#define EY_ROSTER_ERROR (ey_roster_error_quark ())

typedef enum
{
  EY_ROSTER_ERROR_DATABASE,     /* SQLite failed (message has SQLite's text) */
  EY_ROSTER_ERROR_INVALID,      /* a colleague's data is not acceptable */
  EY_ROSTER_ERROR_NOT_FOUND,
  EY_ROSTER_ERROR_CSV,          /* the CSV cannot be read at all (no header …) */
} EyRosterError;

GQuark ey_roster_error_quark (void);

/**
 * EyRosterStatus:
 *
 * Where a colleague's renewal stands, as the officer records it.
 */
typedef enum
{
  EY_ROSTER_STATUS_PENDING,        /* nothing done yet */
  EY_ROSTER_STATUS_ORDER_OPENED,   /* the officer opened the order at KamuSM */
  EY_ROSTER_STATUS_APPLIED,        /* the colleague applied */
  EY_ROSTER_STATUS_DONE,           /* the new card arrived */
} EyRosterStatus;

/**
 * EyColleague:
 * @identity: T.C. Kimlik No or passport number (normalised)
 * @full_name: as the officer wrote it
 * @email: (nullable)
 * @phone: (nullable): normalised "5XXXXXXXXX"
 * @institution: (nullable): the unit or institution
 * @expires: (nullable): the current certificate's end, "YYYY-MM-DD"
 * @status: where the renewal stands
 * @notes: (nullable)
 */
typedef struct
{
  char           *identity;
  char           *full_name;
  char           *email;
  char           *phone;
  char           *institution;
  char           *expires;
  EyRosterStatus  status;
  char           *notes;
} EyColleague;

#define EY_TYPE_COLLEAGUE (ey_colleague_get_type ())
GType         ey_colleague_get_type    (void) G_GNUC_CONST;
EyColleague  *ey_colleague_new         (void);
EyColleague  *ey_colleague_copy        (const EyColleague *colleague);
void          ey_colleague_free        (EyColleague       *colleague);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (EyColleague, ey_colleague_free)

/** ey_roster_status_to_string: "pending", "order-opened", "applied", "done". */
const char   *ey_roster_status_to_string (EyRosterStatus status);
/** ey_roster_status_get_label: the translated name of @status. */
const char   *ey_roster_status_get_label (EyRosterStatus status);

/**
 * ey_roster_get_default_path:
 *
 * Returns: (transfer full): $XDG_DATA_HOME/eimza-yenile/roster.sqlite
 */
char         *ey_roster_get_default_path (void);

/**
 * ey_roster_open:
 * @path: the database file; created (mode 0600, its folder 0700) if missing
 * @error: return location for an %EY_ROSTER_ERROR
 *
 * Opens the roster.  An existing file readable by others is made 0600.
 *
 * Returns: (transfer full): the roster, or %NULL with @error set
 */
EyRoster     *ey_roster_open            (const char        *path,
                                         GError           **error);

const char   *ey_roster_get_path        (EyRoster          *self);

/**
 * ey_roster_save:
 * @colleague: the colleague; its identity is normalised and checked, its
 *   phone normalised
 *
 * Adds the colleague, or replaces the one with the same identity number.
 *
 * Returns: %TRUE on success
 */
gboolean      ey_roster_save            (EyRoster          *self,
                                         const EyColleague *colleague,
                                         GError           **error);

/** ey_roster_remove: removes the colleague with @identity (%EY_ROSTER_ERROR_NOT_FOUND if none). */
gboolean      ey_roster_remove          (EyRoster          *self,
                                         const char        *identity,
                                         GError           **error);

/** ey_roster_lookup: (transfer full) (nullable): the colleague with @identity. */
EyColleague  *ey_roster_lookup          (EyRoster          *self,
                                         const char        *identity,
                                         GError           **error);

/**
 * ey_roster_list:
 *
 * Returns: (transfer full) (element-type EyColleague): everyone, the
 *   certificates that end first first (unknown dates last), then by name
 */
GPtrArray    *ey_roster_list            (EyRoster          *self,
                                         GError           **error);

/** ey_roster_count: how many colleagues, or -1 with @error set. */
int           ey_roster_count           (EyRoster          *self,
                                         GError           **error);

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
 * ey_roster_export_csv:
 * @separator: ',' or ';' (spreadsheets in Turkish locales expect ';')
 *
 * Returns: (transfer full): the roster as UTF-8 CSV with a BOM and an
 *   English header; cells a spreadsheet would run as a formula (starting
 *   with = + - @) are prefixed with "'"
 */
char         *ey_roster_export_csv      (EyRoster          *self,
                                         char               separator,
                                         GError           **error);

/**
 * ey_roster_export_csv_file:
 *
 * Writes ey_roster_export_csv() to @path with mode 0600 (it holds identity
 * numbers).
 */
gboolean      ey_roster_export_csv_file (EyRoster          *self,
                                         const char        *path,
                                         char               separator,
                                         GError           **error);

G_END_DECLS
