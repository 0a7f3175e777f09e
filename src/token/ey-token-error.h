/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "ey-pin.h"

G_BEGIN_DECLS

/**
 * EY_TOKEN_ERROR:
 *
 * Error domain of the PKCS#11 side of the token layer.
 *
 * The code is the PKCS#11 `CK_RV` when the token said no (for example
 * `CKR_PIN_INCORRECT` 0xA0, `CKR_PIN_LOCKED` 0xA4, `CKR_DEVICE_REMOVED` 0x32,
 * `CKR_TOKEN_NOT_PRESENT` 0xE0), or one of #EyTokenErrorCode for the checks this
 * layer makes itself.  The message is a translated sentence for the user that
 * says what to do; the library's own text is only in ey_token_error_get_detail()
 * (for debug logs).
 *
 * Cancellation is reported as `G_IO_ERROR_CANCELLED`, as everywhere in GIO.
 */
#define EY_TOKEN_ERROR (ey_token_error_quark ())

typedef enum
{
  EY_TOKEN_ERROR_FAILED = 0x10000,          /* anything else; see the detail */
  EY_TOKEN_ERROR_NO_MODULE,                 /* no PKCS#11 module could be loaded */
  EY_TOKEN_ERROR_NO_PRIVATE_KEY,            /* the certificate has no key on the token */
  EY_TOKEN_ERROR_FINAL_TRY_NOT_CONFIRMED,   /* final PIN try and the caller did not confirm */
  EY_TOKEN_ERROR_NOT_APPLICANT,             /* subject serialNumber ≠ expected identity */
  EY_TOKEN_ERROR_CERTIFICATE_EXPIRED,       /* not-after is in the past */
  EY_TOKEN_ERROR_CERTIFICATE_NOT_YET_VALID, /* not-before is in the future */
  EY_TOKEN_ERROR_BAD_CERTIFICATE,           /* could not be parsed */
  EY_TOKEN_ERROR_PIN_REQUIRED,              /* no PIN given and the reader has no PIN pad */
  EY_TOKEN_ERROR_SIGNING_FAILED,            /* the CMS could not be built */
} EyTokenErrorCode;

GQuark      ey_token_error_quark            (void);

/* PIN state the token reported right after the failed call (wrong PIN: count low,
 * final try, locked); EY_PIN_FLAGS_NONE when unknown or not a token error. */
EyPinFlags  ey_token_error_get_pin_flags    (const GError *error);

/* The library's own text (PKCS#11 CKR_ name, GnuTLS message): debug logs only. */
const char *ey_token_error_get_detail       (const GError *error);

/* CKR_DEVICE_REMOVED, CKR_TOKEN_NOT_PRESENT, CKR_SESSION_HANDLE_INVALID, ... */
gboolean    ey_token_error_is_token_removed (const GError *error);

/* CKR_PIN_INCORRECT, CKR_PIN_LEN_RANGE, CKR_PIN_INVALID, CKR_PIN_LOCKED */
gboolean    ey_token_error_is_pin_error     (const GError *error);

G_END_DECLS
