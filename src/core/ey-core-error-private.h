/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "ey-core-error.h"

G_BEGIN_DECLS

/* Used only inside the layer (and its tests); other layers go through
 * ey-core-error.h. */

/* Short stable ASCII name of @code ("captcha-wrong"), for logs, JSON, tests. */
const char  *ey_core_error_nick              (EyCoreError  code);

/* A new error with ey_core_error_message() as its message. */
GError      *ey_core_error_new               (EyCoreError  code);

/* "The site showed a page we did not expect (expected X, got Y)". */
GError      *ey_core_error_new_unexpected    (const char  *expected,
                                              const char  *got);

/* Maps the signing call's answer (EySignOutcome of ey-site-roles.h, other
 * than ACCEPTED) to an error code. */
EyCoreError  ey_core_error_from_sign_outcome (int          outcome);

/* Translates a GIO / libsoup / TLS error into this domain (takes @error). */
GError      *ey_core_error_from_transport    (GError      *error);

/* TRUE for errors where asking the user again (and resending) makes sense
 * without starting over: wrong CAPTCHA, wrong SMS code, form errors … */
gboolean     ey_core_error_is_retryable      (const GError *error);

G_END_DECLS
