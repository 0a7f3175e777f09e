/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "ey-pin.h"

G_BEGIN_DECLS

/* Used only inside the layer (and its tests); other layers go through
 * ey-pin.h. */

gsize         ey_pin_get_length (const EyPin *pin);

void          ey_pin_wipe       (EyPin      *pin);

gboolean      ey_pin_is_wiped   (const EyPin *pin);

/* Maps CK_TOKEN_INFO.flags (a CK_FLAGS) to EyPinFlags. */
EyPinFlags  ey_pin_flags_from_ck_flags (gulong ck_flags);

G_END_DECLS
