/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "ey-reminder.h"

G_BEGIN_DECLS

/* Used only inside the layer (and its tests); other layers go through
 * ey-reminder.h. */

EyReminderStage  ey_reminder_stage_at            (GDateTime  *not_after,
                                                  GDateTime  *now);

G_END_DECLS
