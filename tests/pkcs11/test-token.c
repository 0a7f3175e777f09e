/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Token listing and CMS signing through p11-kit's registered modules, on SoftHSM2
 * tokens made at test time from the test PKI. */
#define G_LOG_DOMAIN "test-token"

#include "config.h"

#include <string.h>

#include <gnutls/x509.h>

#include "ey-signer.h"
#include "sim/ey-sim-cms.h"
#include "ey-token-error.h"
#include "ey-token-manager.h"
#include "token-fixture.h"
#include "ey-token-layer.h"
#include "ey-certificate-private.h"
#include "ey-pin-private.h"

#define AYSE   "12345678950"
#define ZEYNEP "56789123416"
#define FATMA  "34567891238"
#define PIN    "123456"

static const char sign_text[] =
  "KamuSM E-Onay\nAd Soyad: AYŞE YILMAZ\nKimlik No: 12345678950\n"
  "Doğrulama Kodu: 469988774051559\n";

static GPtrArray *tokens;   /* listed once, asynchronously, by the first test */

static void
list_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  gboolean *done = user_data;
  g_autoptr(GError) error = NULL;

  tokens = ey_token_manager_list_tokens_finish (EY_TOKEN_MANAGER (source), result, &error);
  g_assert_no_error (error);
  *done = TRUE;
}

static EyToken *
find_token (const char *label)
{
  for (guint i = 0; i < tokens->len; i++)
    if (g_strcmp0 (ey_token_get_label (g_ptr_array_index (tokens, i)), label) == 0)
      return g_ptr_array_index (tokens, i);
  g_error ("No token %s", label);
  return NULL;
}

static EyCertificate *
find_certificate (const char *label,
                  const char *url_part)
{
  GPtrArray *certs = ey_token_get_certificates (find_token (label));

  for (guint i = 0; i < certs->len; i++)
    if (strstr (ey_certificate_get_url (g_ptr_array_index (certs, i)), url_part) != NULL)
      return g_ptr_array_index (certs, i);
  g_error ("No certificate %s on %s", url_part, label);
  return NULL;
}

static void
test_list (void)
{
  gboolean done = FALSE;
  EyToken *ayse;
  EyCertificate *rsa;
  EyCertificate *auth;

  ey_token_manager_list_tokens_async (ey_token_manager_get_default (), NULL, list_cb, &done);
  token_fixture_wait (&done);

  ayse = find_token ("AYSE");
  g_assert_cmpstr (ey_token_get_model (ayse), ==, "SoftHSM v2");
  g_assert_cmpstr (ey_token_get_module_name (ayse), ==, "libsofthsm2.so");
  g_assert_true (g_str_has_prefix (ey_token_get_url (ayse), "pkcs11:"));
  g_assert_nonnull (strstr (ey_token_get_url (ayse), "token=AYSE"));
  g_assert_cmpstr (ey_token_get_serial (ayse), !=, "");
  g_assert_true (ey_token_get_pin_flags (ayse) & EY_PIN_LOGIN_REQUIRED);
  g_assert_false (ey_token_get_pin_flags (ayse) & (EY_PIN_LOCKED | EY_PIN_FINAL_TRY));
  g_assert_false (ey_token_has_pin_pad (ayse));
  g_assert_cmpuint (ey_token_get_certificates (ayse)->len, ==, 2);

  rsa = find_certificate ("AYSE", "object=ayse-rsa;type=cert");
  g_assert_cmpstr (ey_certificate_get_holder_name (rsa), ==, "AYŞE YILMAZ");
  g_assert_cmpstr (ey_certificate_get_identity_number (rsa), ==, AYSE);
  g_assert_cmpstr (ey_certificate_get_issuer_name (rsa), ==,
                   "TÜBİTAK UEKAE Kamu Elektronik Sertifika Hizmet Sağlayıcısı-Test");
  g_assert_true (ey_certificate_is_qualified (rsa));
  g_assert_true (ey_certificate_can_sign (rsa));
  g_assert_true (ey_certificate_get_token (rsa) == ayse);
  g_assert_cmpint (ey_certificate_get_key_type (rsa), ==, EY_KEY_TYPE_RSA);
  g_assert_true (ey_certificate_get_key_usage (rsa) & EY_KEY_USAGE_NON_REPUDIATION);
  g_assert_true (g_str_has_prefix (ey_certificate_get_url (rsa), ey_token_get_url (ayse)));

  auth = find_certificate ("AYSE", "object=ayse-auth;type=cert");
  g_assert_false (ey_certificate_is_qualified (auth));
  g_assert_true (ey_certificate_can_sign (auth));
  g_assert_false (ey_certificate_get_key_usage (auth) & EY_KEY_USAGE_NON_REPUDIATION);

  g_assert_true (ey_certificate_is_qualified (find_certificate ("AYSEEC", "ayse-ecdsa")));
  g_assert_cmpint (ey_certificate_get_key_type (find_certificate ("AYSEEC", "ayse-ecdsa")),
                   ==, EY_KEY_TYPE_ECDSA);
  g_assert_true (ey_certificate_can_sign (find_certificate ("AYSEEC", "ayse-ecdsa")));
}

/* Two certificates of Ayşe on one token: the qualified nonRepudiation one is
 * chosen; nobody else's, and no expired one. */
static void
test_pick (void)
{
  g_autoptr(GPtrArray) all = ey_token_manager_collect_certificates (tokens);
  g_autoptr(GPtrArray) ayse_only = g_ptr_array_new ();
  EyCertificate *picked;

  g_ptr_array_add (ayse_only, find_certificate ("AYSE", "ayse-auth"));
  g_ptr_array_add (ayse_only, find_certificate ("AYSE", "ayse-rsa"));
  picked = ey_certificate_pick_signing (ayse_only, AYSE, NULL);
  g_assert_true (picked == find_certificate ("AYSE", "ayse-rsa"));

  /* Only the authentication certificate: nothing to sign with. */
  g_ptr_array_remove_index (ayse_only, 1);
  g_assert_null (ey_certificate_pick_signing (ayse_only, AYSE, NULL));

  picked = ey_certificate_pick_signing (all, ZEYNEP, NULL);
  g_assert_true (picked == find_certificate ("ZEYNEP", "zeynep-rsa"));
  g_assert_null (ey_certificate_pick_signing (all, FATMA, NULL));
  g_assert_false (ey_certificate_is_valid_at (find_certificate ("FATMA", "fatma"), NULL));
  g_assert_cmpint (ey_certificate_get_expires_in_days (find_certificate ("FATMA", "fatma"),
                                                       NULL), <, 0);

  picked = ey_certificate_pick_signing (all, AYSE, NULL);
  g_assert_nonnull (picked);
  g_assert_true (ey_certificate_matches_identity (picked, AYSE));
  g_assert_true (ey_certificate_is_nes_signing (picked, NULL));
}

static GBytes *
sign (EyCertificate *cert,
      const char    *pin_text,
      EySignFlags    flags,
      const char    *identity,
      GCancellable  *cancellable,
      GError       **error)
{
  g_autoptr(GBytes) data = g_bytes_new_static (sign_text, strlen (sign_text));

  return token_fixture_sign (cert, data, pin_text, flags, identity, cancellable, error);
}

/* The simulator's own verifier (what imza.go runs on an upload). */
static EySimCmsResult
sim_verify (GBytes     *cms,
            const char *identity)
{
  g_autofree char *ca = token_fixture_pki_file ("ca.pem");
  g_autoptr(GBytes) expected = g_bytes_new_static (sign_text, strlen (sign_text));
  g_autofree char *detail = NULL;
  gnutls_x509_trust_list_t trust = NULL;
  EySimCmsResult result;

  gnutls_x509_trust_list_init (&trust, 0);
  g_assert_cmpint (gnutls_x509_trust_list_add_trust_file (trust, ca, NULL,
                                                          GNUTLS_X509_FMT_PEM, 0, 0), ==, 1);
  result = ey_sim_cms_verify (cms, expected, trust, identity, g_get_real_time () / G_USEC_PER_SEC,
                              &detail);
  g_test_message ("simulator: %s", detail);
  gnutls_x509_trust_list_deinit (trust, 1);
  return result;
}

static void
check_signature_of (GBytes     *cms,
                    const char *identity)
{
  g_autoptr(GBytes) content = token_fixture_verify_cms (cms);
  g_autoptr(GBytes) expected = g_bytes_new_static (sign_text, strlen (sign_text));

  g_assert_true (g_bytes_equal (content, expected));
  g_assert_cmpint (sim_verify (cms, identity), ==, EY_SIM_CMS_OK);
}

static void
check_signature (GBytes *cms)
{
  check_signature_of (cms, AYSE);
}

static void
test_sign_rsa (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) cms = NULL;

  cms = sign (find_certificate ("AYSE", "ayse-rsa"), PIN, 0, AYSE, NULL, &error);
  g_assert_no_error (error);
  check_signature (cms);
}

static void
test_sign_ecdsa (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) cms = NULL;

  cms = sign (find_certificate ("AYSEEC", "ayse-ecdsa"), PIN, 0, AYSE, NULL, &error);
  g_assert_no_error (error);
  check_signature (cms);
}

static void
test_sign_other_person (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) cms = NULL;
  EyCertificate *zeynep = find_certificate ("ZEYNEP", "zeynep-rsa");

  cms = sign (zeynep, PIN, 0, AYSE, NULL, &error);
  g_assert_error (error, EY_TOKEN_ERROR, EY_TOKEN_ERROR_NOT_APPLICANT);
  g_assert_null (cms);
  g_clear_error (&error);

  /* The user explicitly overrides; the signature is good, and the site still
   * refuses it for Ayşe's application. */
  cms = sign (zeynep, PIN, EY_SIGN_ALLOW_OTHER_PERSON, AYSE, NULL, &error);
  g_assert_no_error (error);
  check_signature_of (cms, ZEYNEP);
  g_assert_cmpint (sim_verify (cms, AYSE), ==, EY_SIM_CMS_WRONG_PERSON);
}

static void
test_sign_expired (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) cms = NULL;

  cms = sign (find_certificate ("FATMA", "fatma"), PIN, 0, FATMA, NULL, &error);
  g_assert_error (error, EY_TOKEN_ERROR, EY_TOKEN_ERROR_CERTIFICATE_EXPIRED);
  g_assert_null (cms);
}

static void
test_sign_cancelled (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) cms = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();

  g_cancellable_cancel (cancellable);
  cms = sign (find_certificate ("AYSE", "ayse-rsa"), PIN, 0, AYSE, cancellable, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (cms);
}

/* SoftHSM2 sets CKF_USER_PIN_COUNT_LOW after a wrong PIN but never FINAL_TRY or
 * LOCKED; the error must say what the token said, and the token object must
 * show it.  (Locking is tested with the quirky module.) */
static void
test_wrong_pin (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) cms = NULL;
  EyCertificate *cert = find_certificate ("THROWAWAY", "ayse-rsa");
  EyToken *token = ey_certificate_get_token (cert);

  cms = sign (cert, "000000", 0, AYSE, NULL, &error);
  g_assert_error (error, EY_TOKEN_ERROR, 0xA0 /* CKR_PIN_INCORRECT */);
  g_assert_true (ey_token_error_is_pin_error (error));
  g_assert_false (ey_token_error_is_token_removed (error));
  g_assert_true (ey_token_error_get_pin_flags (error) & EY_PIN_COUNT_LOW);
  g_assert_nonnull (strstr (ey_token_error_get_detail (error), "C_Login"));
  /* The library text stays out of the user's sentence. */
  g_assert_null (strstr (error->message, "0xA0"));
  g_assert_null (ey_pin_flags_describe (0));
  g_assert_true (ey_token_get_pin_flags (token) & EY_PIN_COUNT_LOW);
  g_clear_error (&error);

  /* The right PIN still works: nothing locked, count low cleared. */
  cms = sign (cert, PIN, 0, AYSE, NULL, &error);
  g_assert_no_error (error);
  check_signature (cms);
  g_assert_false (ey_token_get_pin_flags (token) & EY_PIN_COUNT_LOW);
}

/* A dual-key card: two keys and two certificates under one CKA_ID.  The key is
 * matched by public key, so the signature is made with the certificate's key. */
static void
test_sign_dual_key (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) cms = NULL;
  EyCertificate *nes = find_certificate ("DUAL", "object=ayse-rsa;");
  GPtrArray *certs = ey_token_get_certificates (ey_certificate_get_token (nes));

  g_assert_cmpuint (certs->len, ==, 2);
  g_assert_true (ey_certificate_can_sign (nes));
  g_assert_true (ey_certificate_pick_signing (certs, AYSE, NULL) == nes);
  cms = sign (nes, PIN, 0, AYSE, NULL, &error);
  g_assert_no_error (error);
  check_signature (cms);
}

static void
count_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  guint *count = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) again = NULL;

  again = ey_token_manager_list_tokens_finish (EY_TOKEN_MANAGER (source), result, &error);
  g_assert_no_error (error);
  /* Unchanged cards keep their objects, so certificates held by the UI stay valid. */
  for (guint i = 0; i < again->len; i++)
    g_assert_true (g_ptr_array_find (tokens, g_ptr_array_index (again, i), NULL));
  count[0] = again->len;
  count[1] = TRUE;
}

/* The card DB's module for the inserted card is loaded only when p11-kit does not
 * already register the same file (SoftHSM2 is registered here).  Listing again gives
 * the same objects. */
static void
test_registered_not_loaded_twice (void)
{
  guint count[2] = { 0, FALSE };   /* tokens listed, done */

  ey_token_manager_add_module (ey_token_manager_get_default (), "softhsm2");
  ey_token_manager_add_module (ey_token_manager_get_default (), "ey-not-installed-p11");
  ey_token_manager_list_tokens_async (ey_token_manager_get_default (), NULL, count_cb,
                                      count);
  token_fixture_wait ((gboolean *) &count[1]);
  g_assert_cmpuint (count[0], ==, tokens->len);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *dir = NULL;
  int ret;

  token_fixture_take_args (&argc, &argv);
  g_test_init (&argc, &argv, NULL);

  dir = token_fixture_setup ();
  token_fixture_make_token (dir, "AYSE", PIN, "ayse-rsa", "01");
  token_fixture_make_token (dir, "AYSE", PIN, "ayse-auth", "02");
  token_fixture_make_token (dir, "AYSEEC", PIN, "ayse-ecdsa", "01");
  token_fixture_make_token (dir, "ZEYNEP", PIN, "zeynep-rsa", "01");
  token_fixture_make_token (dir, "FATMA", PIN, "fatma-expired", "01");
  token_fixture_make_token (dir, "THROWAWAY", PIN, "ayse-rsa", "01");
  token_fixture_make_token (dir, "DUAL", PIN, "ayse-auth", "01");
  token_fixture_make_token (dir, "DUAL", PIN, "ayse-rsa", "01");

  /* Order matters: the first test lists the tokens the others use. */
  g_test_add_func ("/token/list", test_list);
  g_test_add_func ("/token/pick-signing", test_pick);
  g_test_add_func ("/token/sign/rsa", test_sign_rsa);
  g_test_add_func ("/token/sign/ecdsa", test_sign_ecdsa);
  g_test_add_func ("/token/sign/other-person", test_sign_other_person);
  g_test_add_func ("/token/sign/expired", test_sign_expired);
  g_test_add_func ("/token/sign/cancelled", test_sign_cancelled);
  g_test_add_func ("/token/sign/wrong-pin", test_wrong_pin);
  g_test_add_func ("/token/sign/dual-key", test_sign_dual_key);
  g_test_add_func ("/token/registered-not-loaded-twice", test_registered_not_loaded_twice);

  ret = g_test_run ();
  /* As the programs do before exit: modules finalized here, on the main thread. */
  ey_token_layer_shutdown ();

  g_clear_pointer (&tokens, g_ptr_array_unref);
  token_fixture_teardown (g_steal_pointer (&dir));
  return ret;
}
