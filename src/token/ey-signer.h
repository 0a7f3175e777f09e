/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "ey-certificate.h"
#include "ey-pin.h"

G_BEGIN_DECLS

/**
 * EySignFlags:
 * @EY_SIGN_FLAGS_NONE: defaults
 * @EY_SIGN_CONFIRMED_FINAL_TRY: the user was told this is the last PIN try and
 *   confirmed; without it a token in final-try state fails with
 *   EY_TOKEN_ERROR_FINAL_TRY_NOT_CONFIRMED before the PIN is sent
 * @EY_SIGN_ALLOW_OTHER_PERSON: sign even if the certificate's subject serialNumber
 *   is not @expected_identity (explicit override by the user)
 */
typedef enum /*< flags >*/
{
  EY_SIGN_FLAGS_NONE          = 0,
  EY_SIGN_CONFIRMED_FINAL_TRY = 1 << 0,
  EY_SIGN_ALLOW_OTHER_PERSON  = 1 << 1,
} EySignFlags;

/**
 * ey_signer_sign_async:
 * @certificate: a certificate listed from a token (it can sign)
 * @data: the bytes to sign (the site's text)
 * @pin: (nullable): the PIN, or NULL for a PIN-pad reader; the signer wipes it
 *   when done (success or not), so do not reuse it
 * @flags: #EySignFlags
 * @expected_identity: (nullable): the applicant's identity number
 *
 * Logs in once (never retries a PIN) and signs in the same PKCS#11 session, in a
 * worker thread.  Result: DER CMS SignedData (RFC 5652) with the content
 * encapsulated, SHA-256, signed attributes content-type, message-digest,
 * signing-time and signing-certificate-v2 (CAdES-BES), signer certificate
 * included.  Errors: EY_TOKEN_ERROR (CKR_PIN_INCORRECT with
 * ey_token_error_get_pin_flags() telling count-low / final-try / locked,
 * CKR_PIN_LOCKED, token removed, FINAL_TRY_NOT_CONFIRMED, NOT_APPLICANT,
 * CERTIFICATE_EXPIRED, ...) or G_IO_ERROR_CANCELLED.
 */
void    ey_signer_sign_async  (EyCertificate       *certificate,
                               GBytes              *data,
                               EyPin               *pin,
                               EySignFlags          flags,
                               const char          *expected_identity,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data);
/* (transfer full): the DER CMS. */
GBytes *ey_signer_sign_finish (EyCertificate       *certificate,
                               GAsyncResult        *result,
                               GError             **error);

G_END_DECLS
