/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "ey-sign-data.h"

G_BEGIN_DECLS

/* Used only inside the layer (and its tests); other layers go through
 * ey-sign-data.h. */

EySignData     *ey_sign_data_check           (EySiteProfile             *profile,
                                              const char                *purpose,
                                              GBytes                    *bytes,
                                              const char                *content_type,
                                              const EySignDataApplicant *applicant,
                                              GError                   **error);

GBytes         *ey_sign_data_get_bytes       (EySignData                *self);

const char     *ey_sign_data_get_text        (EySignData                *self);

const char     *ey_sign_data_get_purpose     (EySignData                *self);

/* Implemented by ey-site-profile.c: the <sign-data> rule of @purpose ("eonay", "form"),
 * or NULL. */
const EySignDataRule *_ey_site_profile_get_sign_data_rule (EySiteProfile *profile,
                                                           const char    *purpose);

G_END_DECLS
