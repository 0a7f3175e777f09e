/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "ey-certificate.h"

G_BEGIN_DECLS

/* Used only inside the layer (and its tests); other layers go through
 * ey-certificate.h. */

/*
 * Immutable once made; safe to read from any thread.  Certificates listed from a
 * token (ey_token_get_certificates()) have a token and a PKCS#11 URL; ones made
 * from bytes have neither and cannot sign.
 *
 * Properties (read-only): "holder-name", "identity-number", "issuer-name",
 * "not-before", "not-after" (GDateTime, UTC), "key-usage" (EyKeyUsage),
 * "qualified", "can-sign", "url", "token".
 */
EyCertificate *ey_certificate_new_from_der           (GBytes        *der,
                                                      GError       **error);

EyCertificate *ey_certificate_new_from_file          (const char    *path,
                                                      GError       **error);

GBytes        *ey_certificate_get_der                (EyCertificate *self);

EyKeyType      ey_certificate_get_key_type           (EyCertificate *self);

G_END_DECLS
