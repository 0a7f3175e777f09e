/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "ey-roster-entry.h"

G_BEGIN_DECLS

/*
 * One line of the Colleagues list (or, with no entry and header set, the column
 * titles): name, unit, masked identity number, end date with days left, status, last
 * change, drawn as text in columns that share the width in fixed proportions; the
 * narrow layout keeps name, end date and status.  One widget per row, so the list's
 * rows are cheap to make and to rebind.
 */
#define EY_TYPE_OFFICER_ROW (ey_officer_row_get_type ())
G_DECLARE_FINAL_TYPE (EyOfficerRow, ey_officer_row, EY, OFFICER_ROW, GtkWidget)

GtkWidget  *ey_officer_row_new        (gboolean       header);
void        ey_officer_row_set_entry  (EyOfficerRow  *self,
                                       EyRosterEntry *entry);
/* The column titles again, after the in-app language changed. */
void        ey_officer_row_retranslate (EyOfficerRow *self);
/* The text of column @column (0…5) as drawn now (tests). */
const char *ey_officer_row_get_text   (EyOfficerRow  *self,
                                       guint          column);

G_END_DECLS
