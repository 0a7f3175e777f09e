/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "ey-roster.h"

G_BEGIN_DECLS

/*
 * One colleague of the roster: status, end date, the wet-signature checklist (ticked
 * here, written at once), details and history.  Follows the roster's changes.
 * Signals "edit", "remove", "start-renewal" ask the window to act.
 */
#define EY_TYPE_OFFICER_DETAIL (ey_officer_detail_get_type ())
G_DECLARE_FINAL_TYPE (EyOfficerDetail, ey_officer_detail, EY, OFFICER_DETAIL, GtkWidget)

void        ey_officer_detail_set_roster   (EyOfficerDetail *self,
                                            EyRoster        *roster);
/* NULL: nobody. */
void        ey_officer_detail_set_identity (EyOfficerDetail *self,
                                            const char      *identity);
const char *ey_officer_detail_get_identity (EyOfficerDetail *self);

G_END_DECLS
