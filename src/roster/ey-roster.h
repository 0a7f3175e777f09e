/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "ey-roster-types.h"

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
  EY_ROSTER_ERROR_XLSX,         /* the XLSX cannot be read or written */
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
 * EyRosterApplication:
 *
 * How the colleague applies: E-Onay (signed with the current card) or the
 * wet-signature form.  Unknown until the officer or the renewal says.
 */
typedef enum
{
  EY_ROSTER_APPLICATION_UNKNOWN,
  EY_ROSTER_APPLICATION_EONAY,
  EY_ROSTER_APPLICATION_WET,
} EyRosterApplication;

/**
 * EyRosterWetStep:
 *
 * The wet-signature checklist the officer keeps per colleague.
 */
typedef enum
{
  EY_ROSTER_WET_PRINTED,     /* the form is printed */
  EY_ROSTER_WET_SIGNED,      /* signed with a blue pen */
  EY_ROSTER_WET_RECEIVED,    /* the officer has it */
  EY_ROSTER_WET_SENT,        /* sent on to KamuSM */
  EY_ROSTER_N_WET_STEPS
} EyRosterWetStep;

/**
 * EyRosterFilter:
 *
 * The officer's views of the roster (see ey_colleague_matches_filter()).
 */
typedef enum
{
  EY_ROSTER_FILTER_ALL,
  EY_ROSTER_FILTER_WINDOW_OPEN,   /* valid, ends within 3 months, not done */
  EY_ROSTER_FILTER_EXPIRED,       /* ended, not done */
  EY_ROSTER_FILTER_WAITING_WET,   /* wet path, form not yet sent to KamuSM */
  EY_ROSTER_FILTER_APPLIED,
  EY_ROSTER_FILTER_DONE,
  EY_ROSTER_FILTER_DUE,           /* ends within 3 months (or ended), not done */
} EyRosterFilter;

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
 * @title: (nullable): job title ("Şube Müdürü")
 * @application: E-Onay or wet signature
 * @reader_type: (nullable): the card reader model the colleague has
 * @card_type: (nullable): the card ("AKİS v2.5.2", from the card when read)
 * @order: (nullable): the KamuSM application or order number, once known
 * @wet: (nullable): per #EyRosterWetStep the date ("YYYY-MM-DD") it was done
 * @changed: (nullable): set by the roster: when the row last changed
 *   ("YYYY-MM-DDTHH:MM:SSZ"); ignored by ey_roster_save()
 *
 * What the officer keeps about one colleague.  Nothing secret: no access
 * password, SMS code, PIN or security word ever goes in here.
 */
typedef struct
{
  char                *identity;
  char                *full_name;
  char                *email;
  char                *phone;
  char                *institution;
  char                *expires;
  EyRosterStatus       status;
  char                *notes;
  char                *title;
  EyRosterApplication  application;
  char                *reader_type;
  char                *card_type;
  char                *order;
  char                *wet[EY_ROSTER_N_WET_STEPS];
  char                *changed;
} EyColleague;

#define EY_TYPE_COLLEAGUE (ey_colleague_get_type ())
GType         ey_colleague_get_type    (void) G_GNUC_CONST;
EyColleague  *ey_colleague_new         (void);
EyColleague  *ey_colleague_copy        (const EyColleague *colleague);
void          ey_colleague_free        (EyColleague       *colleague);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (EyColleague, ey_colleague_free)

/**
 * ey_colleague_days_left:
 * @today: (nullable): NULL for today (local date)
 * @days: (out): whole days from @today to the end date; negative once ended
 *
 * Returns: %FALSE when the end date is unknown
 */
gboolean      ey_colleague_days_left       (const EyColleague *colleague,
                                            const GDate       *today,
                                            int               *days);
/** ey_colleague_matches_filter: whether @colleague belongs in @filter on @today (NULL: today). */
gboolean      ey_colleague_matches_filter  (const EyColleague *colleague,
                                            EyRosterFilter     filter,
                                            const GDate       *today);
/**
 * ey_colleague_matches_search:
 * @search: what the officer typed: part of the name, identity number or unit;
 *   case and Turkish marks are ignored (never by the locale's rules)
 */
gboolean      ey_colleague_matches_search  (const EyColleague *colleague,
                                            const char        *search);
/** ey_roster_check_email: whether @text looks like one mail address (no lists, no spaces). */
gboolean      ey_roster_check_email        (const char        *text);
/**
 * ey_roster_parse_date:
 * @text: "YYYY-MM-DD", "DD.MM.YYYY" or "DD/MM/YYYY" (ASCII digits, never the locale)
 *
 * Returns: (transfer full) (nullable): "YYYY-MM-DD", or %NULL if @text is no date
 */
char         *ey_roster_parse_date         (const char        *text);

/** ey_colleague_mask_identity: "*******8950": only the last four characters shown. */
char         *ey_colleague_mask_identity   (const char        *identity);

/** ey_roster_filter_from_string: "all", "window", "expired", "wet", "applied", "done", "due". */
gboolean      ey_roster_filter_from_string (const char        *text,
                                            EyRosterFilter    *filter);

/** ey_roster_status_to_string: "pending", "order-opened", "applied", "done". */
const char   *ey_roster_status_to_string (EyRosterStatus status);
/** ey_roster_status_get_label: the translated name of @status. */
const char   *ey_roster_status_get_label (EyRosterStatus status);
/** ey_roster_status_from_string: English or Turkish names, any case and marks. */
gboolean      ey_roster_status_from_string (const char     *text,
                                            EyRosterStatus *status);
/** ey_roster_application_to_string: "", "e-onay", "wet". */
const char   *ey_roster_application_to_string (EyRosterApplication application);
const char   *ey_roster_application_get_label (EyRosterApplication application);
gboolean      ey_roster_application_from_string (const char          *text,
                                                 EyRosterApplication *application);
/** ey_roster_wet_step_to_string: "printed", "signed", "received", "sent". */
const char   *ey_roster_wet_step_to_string (EyRosterWetStep step);
const char   *ey_roster_wet_step_get_label (EyRosterWetStep step);

/**
 * EyRosterEvent:
 * @at: when ("YYYY-MM-DDTHH:MM:SSZ")
 * @field: what changed: "added", "status", "application", "order", "expires",
 *   or a wet step ("printed" …)
 * @old_value: (nullable): before
 * @new_value: (nullable): after
 *
 * One line of a colleague's history.
 */
typedef struct
{
  char *at;
  char *field;
  char *old_value;
  char *new_value;
} EyRosterEvent;

#define EY_TYPE_ROSTER_EVENT (ey_roster_event_get_type ())
GType          ey_roster_event_get_type (void) G_GNUC_CONST;
EyRosterEvent *ey_roster_event_copy     (const EyRosterEvent *event);
void           ey_roster_event_free     (EyRosterEvent       *event);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (EyRosterEvent, ey_roster_event_free)
/** ey_roster_event_describe: (transfer full): a translated sentence for the detail view. */
char          *ey_roster_event_describe (const EyRosterEvent *event);

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

/**
 * ey_roster_history:
 *
 * Returns: (transfer full) (element-type EyRosterEvent): what changed for
 *   @identity, oldest first, or %NULL with @error set
 */
GPtrArray    *ey_roster_history         (EyRoster          *self,
                                         const char        *identity,
                                         GError           **error);

/**
 * ey_roster_restore:
 * @history: (element-type EyRosterEvent): as ey_roster_history() gave it
 *
 * Puts a removed colleague back with their history (undo of a removal).
 */
gboolean      ey_roster_restore         (EyRoster          *self,
                                         const EyColleague *colleague,
                                         GPtrArray         *history,
                                         GError           **error);

/** ey_roster_set_status: changes only the status (and records it). */
gboolean      ey_roster_set_status      (EyRoster          *self,
                                         const char        *identity,
                                         EyRosterStatus     status,
                                         GError           **error);
/** ey_roster_set_wet_step: ticks (today) or unticks one step of the checklist. */
gboolean      ey_roster_set_wet_step    (EyRoster          *self,
                                         const char        *identity,
                                         EyRosterWetStep    step,
                                         gboolean           done,
                                         GError           **error);

/**
 * ey_roster_remove_done_before:
 * @months: colleagues done (status) whose row last changed more than this
 *   many months ago are removed
 *
 * Returns: how many were removed, or -1 with @error set
 */
int           ey_roster_remove_done_before (EyRoster       *self,
                                            guint           months,
                                            GError        **error);

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
 * EyRosterImportAction:
 *
 * What an import would do with one row (the preview shows it first).
 */
typedef enum
{
  EY_ROSTER_IMPORT_ADD,        /* a new colleague */
  EY_ROSTER_IMPORT_UPDATE,     /* replaces what the roster has */
  EY_ROSTER_IMPORT_UNCHANGED,  /* the roster already says the same */
  EY_ROSTER_IMPORT_REFUSE,     /* not acceptable: @reason says why */
} EyRosterImportAction;

/**
 * EyRosterImportRow:
 * @line: the line (CSV) or row (XLSX) number, as the spreadsheet shows it
 * @action: what the import does with it
 * @colleague: (nullable): the checked, normalised colleague; %NULL if refused
 * @identity: (nullable): the identity number as written
 * @full_name: (nullable): the name as written
 * @reason: (nullable): translated: why the row is refused
 */
typedef struct
{
  guint                 line;
  EyRosterImportAction  action;
  EyColleague          *colleague;
  char                 *identity;
  char                 *full_name;
  char                 *reason;
} EyRosterImportRow;

/**
 * EyRosterImport:
 * @rows: (element-type EyRosterImportRow): every data row, in file order
 * @n_add: @n_update: @n_unchanged: @n_refused: how many of each
 *
 * A preview of an import: nothing is written until ey_roster_apply_import().
 */
typedef struct
{
  GPtrArray *rows;
  guint      n_add;
  guint      n_update;
  guint      n_unchanged;
  guint      n_refused;
} EyRosterImport;

void            ey_roster_import_free     (EyRosterImport *import);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (EyRosterImport, ey_roster_import_free)

/**
 * ey_roster_preview_csv:
 * @self: (nullable): the roster to compare with; %NULL: every good row is an addition
 * @data: the CSV bytes (see ey_roster_import_csv())
 *
 * A plain function over bytes, also the fuzzing entry point.
 *
 * Returns: (transfer full): the preview, or %NULL with an %EY_ROSTER_ERROR_CSV error
 */
EyRosterImport *ey_roster_preview_csv     (EyRoster       *self,
                                           const char     *data,
                                           gssize          length,
                                           GError        **error);
/** ey_roster_preview_bytes: XLSX if @data is a zip container, CSV otherwise. */
EyRosterImport *ey_roster_preview_bytes   (EyRoster       *self,
                                           const char     *data,
                                           gsize           length,
                                           GError        **error);
/**
 * ey_roster_apply_import:
 *
 * Writes the added and updated rows of @import in one transaction (rows
 * refused or unchanged are left alone).  If the roster changed since the
 * preview, a row is saved as it is now in @import.
 */
gboolean        ey_roster_apply_import    (EyRoster       *self,
                                           EyRosterImport *import,
                                           guint          *added,
                                           guint          *updated,
                                           GError        **error);

/**
 * ey_roster_export_xlsx_file:
 *
 * Writes the roster as an XLSX workbook (every cell text, so nothing runs as
 * a formula) to @path with mode 0600.
 */
gboolean        ey_roster_export_xlsx_file (EyRoster      *self,
                                            const char    *path,
                                            GError       **error);

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
