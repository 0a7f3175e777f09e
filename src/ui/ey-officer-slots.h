/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "ey-officer-slot.h"
#include "ey-roster-model.h"

G_BEGIN_DECLS

/*
 * The Colleagues list as the list view sees it: a #GListModel of #EyOfficerSlot, one
 * per position of an #EyRosterModel.  When the model's items change (a keystroke in
 * the search), the slots that stay take their new colleague and only the count
 * changes for the view.  GTK 4.8 makes a new row widget for every item it has not
 * seen and keeps some 200 of them, so a keystroke would otherwise rebuild 200 rows;
 * here it rebinds them.
 */
#define EY_TYPE_OFFICER_SLOTS (ey_officer_slots_get_type ())
G_DECLARE_FINAL_TYPE (EyOfficerSlots, ey_officer_slots, EY, OFFICER_SLOTS, GObject)

EyOfficerSlots *ey_officer_slots_new (EyRosterModel *model);

G_END_DECLS
