/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "ey-identity.h"

G_BEGIN_DECLS

/* Used only inside the layer (and its tests); other layers go through
 * ey-identity.h. */

/**
 * ey_identity_check_passport:
 * @text: the passport number (no spaces)
 * @error: return location for an %EY_IDENTITY_ERROR_PASSPORT error
 *
 * A passport number: 6 to 12 ASCII letters and digits, at least one letter
 * (an all-digit string is taken for a T.C. Kimlik No).  Letters must be
 * upper case (ey_identity_normalize() upper-cases them).
 *
 * Returns: %TRUE if plausible
 */
gboolean        ey_identity_check_passport (const char      *text,
                                            GError         **error);

/**
 * ey_phone_matches_mask:
 * @phone: a normalised phone ("5051234569")
 * @mask: a masked phone as the site shows it ("50*****9", "0505***4569")
 *
 * Whether @phone fits @mask: the digits before the first "*" (after a
 * leading "0" / "90" / "+90") start @phone, the digits after the last "*"
 * end it.  Masks need not keep the length.  A mask without "*" must equal
 * the phone.
 *
 * Returns: %TRUE if it fits
 */
gboolean        ey_phone_matches_mask      (const char      *phone,
                                            const char      *mask);

G_END_DECLS
