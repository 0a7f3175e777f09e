/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "ey-roster-model.h"

G_BEGIN_DECLS

/* Used only inside the layer (and its tests); other layers go through
 * ey-roster-model.h. */

EyRosterModel  *ey_roster_model_new          (EyRoster       *roster);
/**
 * ey_roster_model_new_deferred: reads the first @first colleagues at once and the
 * rest in a thread (#EyRosterModel:loading is %TRUE meanwhile), then adds them as one
 * change: a window over a long roster shows its first screenful at once.
 */
EyRosterModel  *ey_roster_model_new_deferred (EyRoster       *roster,
                                              guint           first);
gboolean        ey_roster_model_get_loading  (EyRosterModel  *self);
EyRoster       *ey_roster_model_get_roster   (EyRosterModel  *self);
const char     *ey_roster_model_get_search   (EyRosterModel  *self);
EyRosterFilter  ey_roster_model_get_filter   (EyRosterModel  *self);
/** ey_roster_model_set_today: the day the filters are counted from (tests); NULL: today. */
void            ey_roster_model_set_today    (EyRosterModel  *self,
                                              const GDate    *today);
/** ey_roster_model_reload: reads the whole roster again. */
gboolean        ey_roster_model_reload       (EyRosterModel  *self,
                                              GError        **error);

G_END_DECLS
