/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "ey-token-types.h"
#include "ey-token-enums.h"

G_BEGIN_DECLS

/**
 * EyKeyUsage:
 *
 * The X.509 keyUsage bits (RFC 5280 §4.2.1.3) the UI cares about.
 */
typedef enum /*< flags >*/
{
  EY_KEY_USAGE_NONE              = 0, /*< skip >*/
  EY_KEY_USAGE_DIGITAL_SIGNATURE = 1 << 0,
  EY_KEY_USAGE_NON_REPUDIATION   = 1 << 1,
  EY_KEY_USAGE_KEY_ENCIPHERMENT  = 1 << 2,
  EY_KEY_USAGE_DATA_ENCIPHERMENT = 1 << 3,
  EY_KEY_USAGE_KEY_AGREEMENT     = 1 << 4,
  EY_KEY_USAGE_KEY_CERT_SIGN     = 1 << 5,
  EY_KEY_USAGE_CRL_SIGN          = 1 << 6,
} EyKeyUsage;

typedef enum
{
  EY_KEY_TYPE_UNKNOWN,
  EY_KEY_TYPE_RSA,
  EY_KEY_TYPE_ECDSA,
} EyKeyType;

#define EY_TYPE_CERTIFICATE (ey_certificate_get_type ())
G_DECLARE_FINAL_TYPE (EyCertificate, ey_certificate, EY, CERTIFICATE, GObject)

/* Subject CN, e.g. "AYŞE YILMAZ". */
const char    *ey_certificate_get_holder_name        (EyCertificate *self);
/* Subject serialNumber (2.5.4.5), e.g. "12345678950"; NULL if absent.  A "TC"
 * or "TCKN" prefix some CAs use is kept as is; use ey_certificate_matches_identity(). */
const char    *ey_certificate_get_identity_number    (EyCertificate *self);
gboolean       ey_certificate_matches_identity       (EyCertificate *self,
                                                      const char    *identity_number);
const char    *ey_certificate_get_subject_dn         (EyCertificate *self);
/* Issuer CN (or the whole issuer DN when it has no CN). */
const char    *ey_certificate_get_issuer_name        (EyCertificate *self);
const char    *ey_certificate_get_issuer_dn          (EyCertificate *self);
/* Serial number as uppercase hex. */
const char    *ey_certificate_get_serial             (EyCertificate *self);
/* SHA-256 of the DER, uppercase hex with colons. */
const char    *ey_certificate_get_fingerprint        (EyCertificate *self);
GDateTime     *ey_certificate_get_not_before         (EyCertificate *self);
GDateTime     *ey_certificate_get_not_after          (EyCertificate *self);
EyKeyUsage     ey_certificate_get_key_usage          (EyCertificate *self);
/* QC statements (1.3.6.1.5.5.7.1.3) with QcCompliance 0.4.0.1862.1.1 or a
 * national NES statement 2.16.792.1.61.0.1.5070.1.1 / .2.1. */
gboolean       ey_certificate_is_qualified           (EyCertificate *self);
/* A private key for this certificate is on its token (matched by public key,
 * not only CKA_ID). */
gboolean       ey_certificate_can_sign               (EyCertificate *self);
/* PKCS#11 URL of the certificate object, or NULL. */
const char    *ey_certificate_get_url                (EyCertificate *self);
/* The token it was read from; NULL once that card is gone (a later listing did not
 * find it) or for a certificate made from bytes.  The token manager keeps the tokens
 * of its last listing alive, so holding only certificates is enough. */
EyToken       *ey_certificate_get_token              (EyCertificate *self);

/* @now: NULL for the current time. */
gboolean       ey_certificate_is_valid_at            (EyCertificate *self,
                                                      GDateTime     *now);
/* nonRepudiation + qualified + valid at @now. */
gboolean       ey_certificate_is_nes_signing         (EyCertificate *self,
                                                      GDateTime     *now);
int            ey_certificate_compare_not_after      (gconstpointer  a,
                                                      gconstpointer  b);
/* nonRepudiation + qualified, whatever the dates (a new card before it starts). */
gboolean       ey_certificate_is_nes                 (EyCertificate *self);
/* Whole days until not-after (floor); negative once expired. */
int            ey_certificate_get_expires_in_days    (EyCertificate *self,
                                                      GDateTime     *now);
/* Valid at @now and not-after within 3 months of @now. */
gboolean       ey_certificate_is_renewal_window_open (EyCertificate *self,
                                                      GDateTime     *now);

/**
 * ey_certificate_pick_signing:
 * @certificates: (element-type EyCertificate): e.g. from all listed tokens
 * @identity_number: (nullable): the applicant's identity number; NULL: anyone
 * @now: (nullable): NULL for the current time
 *
 * The applicant's signing certificate: identity matches, nonRepudiation,
 * qualified, valid at @now, and its key is on the token.  If several match, the
 * one that expires last.
 *
 * Returns: (transfer none) (nullable): the certificate, or NULL.
 */
EyCertificate *ey_certificate_pick_signing           (GPtrArray     *certificates,
                                                      const char    *identity_number,
                                                      GDateTime     *now);

G_END_DECLS
