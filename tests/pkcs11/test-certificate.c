/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Certificate facts the UI shows, from the test PKI files, at fixed points in time
 * (never the wall clock): holder, identity, issuer, QC statements, key usage,
 * days left, renewal window, NES signing, identity matching. */
#define G_LOG_DOMAIN "test-certificate"

#include "config.h"

#include "ey-certificate-private.h"
#include "ey-der-private.h"
#include "ey-token-error.h"
#include "token-fixture.h"

static EyCertificate *
load (const char *name)
{
  g_autofree char *file = g_strconcat (name, ".pem", NULL);
  g_autofree char *path = token_fixture_pki_file (file);
  g_autoptr(GError) error = NULL;
  EyCertificate *cert = ey_certificate_new_from_file (path, &error);

  g_assert_no_error (error);
  return cert;
}

static void
test_fields (void)
{
  g_autoptr(EyCertificate) rsa = load ("ayse-rsa");
  g_autoptr(EyCertificate) auth = load ("ayse-auth");
  g_autoptr(EyCertificate) ec = load ("ayse-ecdsa");

  g_assert_cmpstr (ey_certificate_get_holder_name (rsa), ==, "AYŞE YILMAZ");
  g_assert_cmpstr (ey_certificate_get_identity_number (rsa), ==, "12345678950");
  g_assert_cmpstr (ey_certificate_get_issuer_name (rsa), ==,
                   "TÜBİTAK UEKAE Kamu Elektronik Sertifika Hizmet Sağlayıcısı-Test");
  g_assert_cmpstr (ey_certificate_get_serial (rsa), ==, "65");   /* 101 */
  g_assert_nonnull (ey_certificate_get_fingerprint (rsa));
  g_assert_true (ey_certificate_is_qualified (rsa));
  g_assert_true (ey_certificate_is_qualified (ec));
  g_assert_false (ey_certificate_is_qualified (auth));
  g_assert_cmpint (ey_certificate_get_key_type (rsa), ==, EY_KEY_TYPE_RSA);
  g_assert_cmpint (ey_certificate_get_key_type (ec), ==, EY_KEY_TYPE_ECDSA);
  g_assert_true (ey_certificate_get_key_usage (rsa) & EY_KEY_USAGE_NON_REPUDIATION);
  g_assert_false (ey_certificate_get_key_usage (auth) & EY_KEY_USAGE_NON_REPUDIATION);
  g_assert_true (ey_certificate_get_key_usage (auth) & EY_KEY_USAGE_DIGITAL_SIGNATURE);
  /* Made from a file: not on a token, cannot sign. */
  g_assert_false (ey_certificate_can_sign (rsa));
  g_assert_null (ey_certificate_get_url (rsa));
  g_assert_null (ey_certificate_get_token (rsa));

  g_assert_true (ey_certificate_matches_identity (rsa, "12345678950"));
  g_assert_false (ey_certificate_matches_identity (rsa, "56789123416"));
  g_assert_false (ey_certificate_matches_identity (rsa, "5678950"));   /* a suffix only */
  g_assert_false (ey_certificate_matches_identity (rsa, ""));
}

static void
test_dates (void)
{
  g_autoptr(EyCertificate) rsa = load ("ayse-rsa");
  g_autoptr(EyCertificate) fatma = load ("fatma-expired");
  GDateTime *not_after = ey_certificate_get_not_after (rsa);
  g_autoptr(GDateTime) ten_days_before = g_date_time_add_days (not_after, -10);
  g_autoptr(GDateTime) day_after = g_date_time_add_days (not_after, 1);
  g_autoptr(GDateTime) before_start = g_date_time_add_days (ey_certificate_get_not_before (rsa),
                                                            -1);
  g_autoptr(GDateTime) in_2022 = g_date_time_new_utc (2022, 6, 1, 12, 0, 0);

  g_assert_cmpint (ey_certificate_get_expires_in_days (rsa, ten_days_before), ==, 10);
  g_assert_cmpint (ey_certificate_get_expires_in_days (rsa, day_after), ==, -1);
  g_assert_true (ey_certificate_is_renewal_window_open (rsa, ten_days_before));
  g_assert_false (ey_certificate_is_renewal_window_open (rsa, day_after));
  g_assert_true (ey_certificate_is_nes_signing (rsa, ten_days_before));
  g_assert_false (ey_certificate_is_nes_signing (rsa, day_after));
  g_assert_false (ey_certificate_is_valid_at (rsa, before_start));

  /* Fatma's certificate was fine in 2022 and outside the window then. */
  g_assert_true (ey_certificate_is_valid_at (fatma, in_2022));
  g_assert_true (ey_certificate_is_nes_signing (fatma, in_2022));
  g_assert_false (ey_certificate_is_renewal_window_open (fatma, in_2022));
}

static void
test_window_boundary (void)
{
  g_autoptr(EyCertificate) auth = load ("ayse-auth");   /* valid for two years */
  GDateTime *not_after = ey_certificate_get_not_after (auth);
  g_autoptr(GDateTime) just_inside = g_date_time_add_months (not_after, -3);
  g_autoptr(GDateTime) outside = g_date_time_add_days (just_inside, -1);

  g_assert_true (ey_certificate_is_renewal_window_open (auth, just_inside));
  g_assert_false (ey_certificate_is_renewal_window_open (auth, outside));
}

static void
test_bad_der (void)
{
  g_autoptr(GBytes) junk = g_bytes_new_static ("\x30\x03\x02\x01", 4);
  g_autoptr(GError) error = NULL;
  g_autoptr(EyCertificate) cert = ey_certificate_new_from_der (junk, &error);

  g_assert_null (cert);
  g_assert_error (error, EY_TOKEN_ERROR, EY_TOKEN_ERROR_BAD_CERTIFICATE);
}

static void
test_der_oid (void)
{
  static const guint8 nes[] = { 0x60, 0x86, 0x18, 0x01, 0x3d, 0x00, 0x01, 0xa7, 0x4e, 0x01,
                                0x01 };
  static const guint8 qc[] = { 0x04, 0x00, 0x8e, 0x46, 0x01, 0x01 };
  static const guint8 truncated[] = { 0x60, 0x86 };
  g_autofree char *a = _ey_der_oid_to_string (nes, sizeof nes);
  g_autofree char *b = _ey_der_oid_to_string (qc, sizeof qc);
  g_autofree char *c = _ey_der_oid_to_string (truncated, sizeof truncated);

  g_assert_cmpstr (a, ==, "2.16.792.1.61.0.1.5070.1.1");
  g_assert_cmpstr (b, ==, "0.4.0.1862.1.1");
  g_assert_null (c);
}

int
main (int   argc,
      char *argv[])
{
  token_fixture_take_args (&argc, &argv);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/certificate/fields", test_fields);
  g_test_add_func ("/certificate/dates", test_dates);
  g_test_add_func ("/certificate/renewal-window-boundary", test_window_boundary);
  g_test_add_func ("/certificate/bad-der", test_bad_der);
  g_test_add_func ("/certificate/der-oid", test_der_oid);

  return g_test_run ();
}
