/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "ey-roster.h"
#include "ey-roster-entry.h"

G_BEGIN_DECLS

/**
 * EyRosterModel:
 *
 * A #GListModel of #EyRosterEntry over an #EyRoster: the certificates that
 * end first first (unknown dates last), then by name.  Only the colleagues
 * that match #EyRosterModel:search (name, identity number or unit; case and
 * Turkish marks ignored, never the locale's rules) and #EyRosterModel:filter
 * are items.  Follows the roster's ::changed signal: one changed row moves
 * or updates alone, so a view keeps its selection and scroll position.
 */
#define EY_TYPE_ROSTER_MODEL (ey_roster_model_get_type ())
G_DECLARE_FINAL_TYPE (EyRosterModel, ey_roster_model, EY, ROSTER_MODEL, GObject)

/**
 * ey_roster_model_new_first: reads only the first @first colleagues; the rest when
 * ey_roster_model_read_rest() is called (a window: once its first frame is on screen,
 * so the reading thread does not compete with that frame for a CPU).
 */
EyRosterModel  *ey_roster_model_new_first    (EyRoster       *roster,
                                              guint           first);
void            ey_roster_model_read_rest    (EyRosterModel  *self);
void            ey_roster_model_set_search   (EyRosterModel  *self,
                                              const char     *search);
void            ey_roster_model_set_filter   (EyRosterModel  *self,
                                              EyRosterFilter  filter);
/** ey_roster_model_get_n_total: everyone on the roster, whatever the filter. */
guint           ey_roster_model_get_n_total  (EyRosterModel  *self);
/** ey_roster_model_find: (transfer none) (nullable): the entry for @identity, shown or not. */
EyRosterEntry  *ey_roster_model_find         (EyRosterModel  *self,
                                              const char     *identity);
/** ey_roster_model_get_position: where @identity is among the items, or -1. */
int             ey_roster_model_get_position (EyRosterModel  *self,
                                              const char     *identity);

G_END_DECLS
