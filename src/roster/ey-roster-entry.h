/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "ey-roster.h"

G_BEGIN_DECLS

/**
 * EyRosterEntry:
 *
 * One colleague as an item of #EyRosterModel.  Its #EyRosterEntry:colleague
 * is replaced (and notified) when the roster row changes, so a list row bound
 * to it updates by itself.
 */
#define EY_TYPE_ROSTER_ENTRY (ey_roster_entry_get_type ())
G_DECLARE_FINAL_TYPE (EyRosterEntry, ey_roster_entry, EY, ROSTER_ENTRY, GObject)

/** ey_roster_entry_get_colleague: (transfer none): the row as the roster has it */
const EyColleague *ey_roster_entry_get_colleague  (EyRosterEntry *self);
const char        *ey_roster_entry_get_identity   (EyRosterEntry *self);

G_END_DECLS
