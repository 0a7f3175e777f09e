/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "fuzz-certificate"

#include "config.h"

#include "fuzz-common.h"
#include "ey-certificate-private.h"

/* The certificate reader (ey-certificate.c): a DER certificate as a token or a file
 * gives it, and every question the app asks of it. */

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GBytes) der = g_bytes_new (data, size);
  g_autoptr(EyCertificate) cert = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_utc (2026, 12, 4, 12, 0, 0);
  g_autoptr(GPtrArray) all = NULL;

  fuzz_init_once ();
  cert = ey_certificate_new_from_der (der, NULL);
  if (cert == NULL)
    return 0;

  (void)ey_certificate_get_der (cert);
  (void)ey_certificate_get_holder_name (cert);
  (void)ey_certificate_get_identity_number (cert);
  (void)ey_certificate_matches_identity (cert, "10000000146");
  (void)ey_certificate_get_subject_dn (cert);
  (void)ey_certificate_get_issuer_name (cert);
  (void)ey_certificate_get_issuer_dn (cert);
  (void)ey_certificate_get_serial (cert);
  (void)ey_certificate_get_fingerprint (cert);
  (void)ey_certificate_get_not_before (cert);
  (void)ey_certificate_get_not_after (cert);
  (void)ey_certificate_get_key_usage (cert);
  (void)ey_certificate_get_key_type (cert);
  (void)ey_certificate_is_qualified (cert);
  (void)ey_certificate_can_sign (cert);
  (void)ey_certificate_get_url (cert);
  (void)ey_certificate_is_valid_at (cert, now);
  (void)ey_certificate_is_nes_signing (cert, now);
  (void)ey_certificate_get_expires_in_days (cert, now);
  (void)ey_certificate_is_renewal_window_open (cert, now);

  all = g_ptr_array_new ();
  g_ptr_array_add (all, cert);
  (void)ey_certificate_pick_signing (all, NULL, now);
  (void)ey_certificate_pick_signing (all, ey_certificate_get_identity_number (cert), now);
  return 0;
}
