/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "ey-email.h"

G_BEGIN_DECLS

/* Used only inside the layer (and its tests); other layers go through
 * ey-email.h. */

/**
 * ey_email_check_link:
 * @url: a URL as written in a mail
 * @reason: (out) (optional) (transfer full): why it was refused, translated
 *
 * Trusted only if it is exactly https, the host is basvuru.kamusm.gov.tr
 * (ASCII case-insensitive), no userinfo, no port other than 443, no
 * percent-encoding or backslash in the authority, the path under /bs/.
 * Look-alikes (extra labels, other TLDs, punycode, non-ASCII letters, IP
 * addresses, shorteners, http) are refused with a reason.
 *
 * Returns: %TRUE if trusted
 */
gboolean        ey_email_check_link         (const char     *url,
                                             char          **reason);

/**
 * ey_email_check_sender:
 * @address: an e-mail address (may be "Name <addr>")
 *
 * Returns: %TRUE if it is exactly bilgilendirme@kamusm.gov.tr (ASCII
 *   case-insensitive)
 */
gboolean        ey_email_check_sender       (const char     *address);

G_END_DECLS
