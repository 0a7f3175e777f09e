/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "ey-site-roles.h"

G_BEGIN_DECLS

/* Used only inside the layer (and its tests); other layers go through
 * ey-site-roles.h. */

/**
 * ey_site_role_to_string:
 * @enum_type: one of the EY_TYPE_* enum types above
 * @value: a value of that type
 *
 * Returns: (transfer none): the profile name (GEnumValue nick) of @value,
 *   e.g. "sms_code", or "?" for an out-of-range value.  Stable ASCII, good
 *   for logs, JSON and tests.
 */
const char  *ey_site_role_to_string      (GType        enum_type,
                                          int          value);

/**
 * ey_site_role_from_string:
 * @enum_type: one of the EY_TYPE_* enum types above
 * @name: a profile name ("sms_code")
 * @value: (out): the value
 *
 * Exact, byte-wise (locale-independent) lookup of a profile name.
 *
 * Returns: %TRUE if @name is known
 */
gboolean     ey_site_role_from_string    (GType        enum_type,
                                          const char  *name,
                                          int         *value);

/* Shorthands for the common cases. */
const char  *ey_site_page_kind_to_string      (EySitePageKind   kind);

const char  *ey_site_action_to_string    (EySiteAction action);

/**
 * ey_site_page_kind_get_label:
 * @kind: a page kind
 *
 * Returns: (transfer none): the translated human name of the page ("SMS
 *   code", "Sign-in"), for messages such as "expected X, got Y".
 */
const char  *ey_site_page_kind_get_label      (EySitePageKind   kind);

G_END_DECLS
