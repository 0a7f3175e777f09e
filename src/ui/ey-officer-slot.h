/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "ey-roster-entry.h"

G_BEGIN_DECLS

/*
 * One place in the Colleagues list, the item an #EyOfficerSlots gives the list view:
 * it stays the same object while the colleague shown there changes (a search), so
 * GTK 4.8's list view keeps the row widget and only the row's text is redone.
 */
#define EY_TYPE_OFFICER_SLOT (ey_officer_slot_get_type ())
G_DECLARE_FINAL_TYPE (EyOfficerSlot, ey_officer_slot, EY, OFFICER_SLOT, GObject)

/* (transfer none) (nullable) */
EyRosterEntry *ey_officer_slot_get_entry  (EyOfficerSlot *self);
EyOfficerSlot *_ey_officer_slot_new       (EyRosterEntry *entry);
/* Notifies EyOfficerSlot:entry when it is another entry. */
void           _ey_officer_slot_set_entry (EyOfficerSlot *self,
                                           EyRosterEntry *entry);

G_END_DECLS
