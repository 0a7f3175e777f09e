/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "ey-roster-entry.h"

G_BEGIN_DECLS

/* Used only inside the layer (and its tests); other layers go through
 * ey-roster-entry.h. */

EyRosterEntry     *ey_roster_entry_new            (EyColleague   *colleague);

/** ey_roster_entry_get_search_key: name, identity number and unit, folded for search */
const char        *ey_roster_entry_get_search_key (EyRosterEntry *self);

/** ey_roster_entry_set_colleague: takes @colleague; notifies only if it differs */
void               ey_roster_entry_set_colleague  (EyRosterEntry *self,
                                                   EyColleague   *colleague);

G_END_DECLS
