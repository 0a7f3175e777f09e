/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ey-signer"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#include <gnutls/gnutls.h>
#include <gnutls/abstract.h>
#include <gnutls/crypto.h>
#include <gnutls/pkcs7.h>
#include <gnutls/x509.h>

#include "ey-der-private.h"
#include "ey-signer-private.h"
#include "ey-token.h"
#include "ey-token-private.h"
#include "ey-certificate-private.h"
#include "ey-pin-private.h"

#define OID_SIGNING_CERTIFICATE_V2 "1.2.840.113549.1.9.16.2.47"

typedef struct
{
  EyCertificate *certificate;
  EyToken       *token;          /* strong: the certificate only has a weak ref */
  GBytes        *data;
  EyPin         *pin;
  EySignFlags    flags;
  char          *expected_identity;
} SignData;

static void
sign_data_free (gpointer data)
{
  SignData *sd = data;

  g_clear_object (&sd->certificate);
  g_clear_object (&sd->token);
  g_clear_pointer (&sd->data, g_bytes_unref);
  if (sd->pin != NULL)
    ey_pin_wipe (sd->pin);
  g_clear_pointer (&sd->pin, ey_pin_unref);
  g_clear_pointer (&sd->expected_identity, g_free);
  g_free (sd);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SignData, sign_data_free)

/* State of the GnuTLS external key: one logged-in session, candidate keys. */
typedef struct
{
  CK_FUNCTION_LIST  *funcs;
  CK_SESSION_HANDLE  session;
  GArray            *keys;      /* CK_OBJECT_HANDLE, best match first */
  EyKeyType          key_type;
  gnutls_pubkey_t    pubkey;    /* the certificate's, to check each signature */
  CK_RV              rv;        /* last PKCS#11 failure, for the error */
} KeyContext;

/* DigestInfo prefixes (RFC 8017 §9.2 note 1) for CKM_RSA_PKCS. */
static const guint8 digest_info_sha256[] = {
  0x30, 0x31, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01,
  0x05, 0x00, 0x04, 0x20 };
static const guint8 digest_info_sha384[] = {
  0x30, 0x41, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x02,
  0x05, 0x00, 0x04, 0x30 };
static const guint8 digest_info_sha512[] = {
  0x30, 0x51, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x03,
  0x05, 0x00, 0x04, 0x40 };

static CK_RV
token_sign (KeyContext       *ctx,
            CK_OBJECT_HANDLE  key,
            CK_MECHANISM_TYPE mech_type,
            const guint8     *input,
            gsize             input_length,
            guint8          **out,
            CK_ULONG         *out_length)
{
  CK_MECHANISM mech = { mech_type, NULL, 0 };
  CK_ULONG length = 0;
  CK_RV rv;

  rv = ctx->funcs->C_SignInit (ctx->session, &mech, key);
  if (rv != CKR_OK)
    return rv;
  rv = ctx->funcs->C_Sign (ctx->session, (CK_BYTE_PTR) input, input_length, NULL, &length);
  if (rv != CKR_OK)
    return rv;
  *out = g_malloc (length);
  rv = ctx->funcs->C_Sign (ctx->session, (CK_BYTE_PTR) input, input_length, *out, &length);
  if (rv != CKR_OK)
    {
      g_clear_pointer (out, g_free);
      return rv;
    }
  *out_length = length;
  return CKR_OK;
}

static int
sign_hash_cb (gnutls_privkey_t       privkey,
              gnutls_sign_algorithm_t algo,
              void                  *userdata,
              unsigned int           flags,
              const gnutls_datum_t  *hash,
              gnutls_datum_t        *signature)
{
  KeyContext *ctx = userdata;
  g_autoptr(GByteArray) input = g_byte_array_new ();
  CK_MECHANISM_TYPE mech;

  if (ctx->key_type == EY_KEY_TYPE_RSA)
    {
      mech = CKM_RSA_PKCS;
      if (algo != GNUTLS_SIGN_RSA_RAW)
        {
          switch (gnutls_sign_get_hash_algorithm (algo))
            {
            case GNUTLS_DIG_SHA256:
              g_byte_array_append (input, digest_info_sha256, sizeof digest_info_sha256);
              break;
            case GNUTLS_DIG_SHA384:
              g_byte_array_append (input, digest_info_sha384, sizeof digest_info_sha384);
              break;
            case GNUTLS_DIG_SHA512:
              g_byte_array_append (input, digest_info_sha512, sizeof digest_info_sha512);
              break;
            default:
              return GNUTLS_E_UNKNOWN_HASH_ALGORITHM;
            }
        }
    }
  else
    mech = CKM_ECDSA;
  g_byte_array_append (input, hash->data, hash->size);

  for (guint i = 0; i < ctx->keys->len; i++)
    {
      CK_OBJECT_HANDLE key = g_array_index (ctx->keys, CK_OBJECT_HANDLE, i);
      g_autofree guint8 *raw = NULL;
      gnutls_datum_t der = { NULL, 0 };
      CK_ULONG raw_length = 0;
      CK_RV rv;

      rv = token_sign (ctx, key, mech, input->data, input->len, &raw, &raw_length);
      if (rv != CKR_OK)
        {
          ctx->rv = rv;
          if (_ey_rv_is_removed (rv) || rv == CKR_USER_NOT_LOGGED_IN)
            return GNUTLS_E_PKCS11_ERROR;
          continue;
        }

      if (mech == CKM_ECDSA)
        {
          /* PKCS#11 gives r || s; X.509/CMS want the DER SEQUENCE. */
          gnutls_datum_t r = { raw, raw_length / 2 };
          gnutls_datum_t s = { raw + raw_length / 2, raw_length / 2 };

          if (raw_length % 2 != 0 || gnutls_encode_rs_value (&der, &r, &s) < 0)
            continue;
        }
      else
        {
          der.data = gnutls_malloc (raw_length);
          memcpy (der.data, raw, raw_length);
          der.size = raw_length;
        }

      /* Dual-key cards may share CKA_ID: only a signature that verifies with the
       * certificate's public key comes from the right key. */
      if (algo == GNUTLS_SIGN_RSA_RAW
          || gnutls_pubkey_verify_hash2 (ctx->pubkey, algo, 0, hash, &der) >= 0)
        {
          *signature = der;
          return 0;
        }
      g_debug ("Key candidate %u did not match the certificate", i);
      gnutls_free (der.data);
    }

  if (ctx->rv == CKR_OK)
    ctx->rv = CKR_KEY_HANDLE_INVALID;
  return GNUTLS_E_PKCS11_ERROR;
}

static int
key_info_cb (gnutls_privkey_t  privkey,
             unsigned int      flags,
             void             *userdata)
{
  KeyContext *ctx = userdata;
  gnutls_pk_algorithm_t pk = ctx->key_type == EY_KEY_TYPE_RSA ? GNUTLS_PK_RSA
                                                               : GNUTLS_PK_ECDSA;

  if (flags & GNUTLS_PRIVKEY_INFO_PK_ALGO)
    return pk;
  if (flags & GNUTLS_PRIVKEY_INFO_HAVE_SIGN_ALGO)
    {
      gnutls_sign_algorithm_t algo = GNUTLS_FLAGS_TO_SIGN_ALGO (flags);

      if (algo == GNUTLS_SIGN_RSA_RAW)
        return pk == GNUTLS_PK_RSA;
      /* No PSS: CKM_RSA_PKCS only. */
      return gnutls_sign_get_pk_algorithm (algo) == pk;
    }
  if (flags & GNUTLS_PRIVKEY_INFO_PK_ALGO_BITS)
    {
      unsigned int bits = 0;

      gnutls_pubkey_get_pk_algorithm (ctx->pubkey, &bits);
      return (int) bits;
    }
  return -1;
}

/* SigningCertificateV2 (RFC 5035) with one ESSCertIDv2: SHA-256 (the default, so
 * hashAlgorithm is omitted), the certificate hash and issuerSerial. */
static GBytes *
build_signing_certificate_v2 (gnutls_x509_crt_t  crt,
                              GBytes            *cert_der,
                              GError           **error)
{
  g_autoptr(GByteArray) issuer_serial = g_byte_array_new ();
  g_autoptr(GByteArray) general_names = g_byte_array_new ();
  g_autoptr(GByteArray) general_name = g_byte_array_new ();
  g_autoptr(GByteArray) cert_id = g_byte_array_new ();
  g_autoptr(GByteArray) cert_ids = g_byte_array_new ();
  g_autoptr(GByteArray) result = g_byte_array_new ();
  gnutls_datum_t issuer = { NULL, 0 };
  guint8 hash[32];
  guint8 serial[64];
  size_t serial_size = sizeof serial - 1;
  g_autoptr(GByteArray) serial_int = g_byte_array_new ();
  gsize size;
  const guint8 *der = g_bytes_get_data (cert_der, &size);

  if (gnutls_hash_fast (GNUTLS_DIG_SHA256, der, size, hash) < 0
      || gnutls_x509_crt_get_raw_issuer_dn (crt, &issuer) < 0
      || gnutls_x509_crt_get_serial (crt, serial, &serial_size) < 0)
    {
      gnutls_free (issuer.data);
      g_propagate_error (error,
                         _ey_token_error_new (EY_TOKEN_ERROR_SIGNING_FAILED,
                                              "signing-certificate-v2: cannot read the "
                                              "certificate",
                                              _("The signature could not be made from this "
                                                "certificate. Choose another one.")));
      return NULL;
    }

  /* INTEGER content must stay positive. */
  if (serial_size > 0 && (serial[0] & 0x80))
    g_byte_array_append (serial_int, (const guint8 *) "\0", 1);
  g_byte_array_append (serial_int, serial, serial_size);

  _ey_der_append_tlv (general_name, 0xa4, issuer.data, issuer.size);   /* [4] Name */
  gnutls_free (issuer.data);
  _ey_der_append_tlv (general_names, 0x30, general_name->data, general_name->len);
  _ey_der_append_tlv (general_names, 0x02, serial_int->data, serial_int->len);
  _ey_der_append_tlv (issuer_serial, 0x30, general_names->data, general_names->len);

  _ey_der_append_tlv (cert_id, 0x04, hash, sizeof hash);
  g_byte_array_append (cert_id, issuer_serial->data, issuer_serial->len);
  _ey_der_append_tlv (cert_ids, 0x30, cert_id->data, cert_id->len);

  {
    g_autoptr(GByteArray) seq_of = g_byte_array_new ();

    _ey_der_append_tlv (seq_of, 0x30, cert_ids->data, cert_ids->len);
    _ey_der_append_tlv (result, 0x30, seq_of->data, seq_of->len);
  }

  return g_byte_array_free_to_bytes (g_steal_pointer (&result));
}

static GError *
gnutls_failure (int         ret,
                const char *what)
{
  g_autofree char *detail = g_strdup_printf ("%s: %s", what, gnutls_strerror (ret));

  return _ey_token_error_new (EY_TOKEN_ERROR_SIGNING_FAILED, detail,
                              _("The signature could not be made. Take the card out, "
                                "insert it again and retry."));
}

/* Private keys that may belong to the certificate: public key match first, then
 * CKA_ID matches (which the signature check sorts out). */
static CK_RV
find_private_keys (CK_FUNCTION_LIST  *funcs,
                   CK_SESSION_HANDLE  session,
                   EyCertificate     *cert,
                   GArray            *out)
{
  CK_OBJECT_CLASS klass = CKO_PRIVATE_KEY;
  CK_ATTRIBUTE template[] = { { CKA_CLASS, &klass, sizeof klass } };
  CK_OBJECT_HANDLE handles[32];
  g_autoptr(GArray) by_id = g_array_new (FALSE, FALSE, sizeof (CK_OBJECT_HANDLE));
  GBytes *cert_id = _ey_certificate_get_ck_id (cert);
  GBytes *modulus = _ey_certificate_get_rsa_modulus (cert);
  CK_ULONG n = 0;
  CK_RV rv;

  rv = funcs->C_FindObjectsInit (session, template, G_N_ELEMENTS (template));
  if (rv != CKR_OK)
    return rv;
  rv = funcs->C_FindObjects (session, handles, G_N_ELEMENTS (handles), &n);
  funcs->C_FindObjectsFinal (session);
  if (rv != CKR_OK)
    return rv;

  for (CK_ULONG i = 0; i < n; i++)
    {
      guint8 buffer[1024];
      CK_KEY_TYPE key_type = (CK_KEY_TYPE) -1;
      CK_ATTRIBUTE type_attr = { CKA_KEY_TYPE, &key_type, sizeof key_type };
      CK_ATTRIBUTE attr = { CKA_MODULUS, buffer, sizeof buffer };
      CK_ATTRIBUTE id_attr = { CKA_ID, buffer, sizeof buffer };

      if (funcs->C_GetAttributeValue (session, handles[i], &type_attr, 1) != CKR_OK)
        continue;
      if (ey_certificate_get_key_type (cert) == EY_KEY_TYPE_RSA && key_type != CKK_RSA)
        continue;
      if (ey_certificate_get_key_type (cert) == EY_KEY_TYPE_ECDSA && key_type != CKK_EC)
        continue;

      if (modulus != NULL
          && funcs->C_GetAttributeValue (session, handles[i], &attr, 1) == CKR_OK)
        {
          g_autoptr(GBytes) m = _ey_strip_leading_zeros (buffer, attr.ulValueLen);

          if (g_bytes_equal (m, modulus))
            g_array_append_val (out, handles[i]);
          continue;
        }

      if (cert_id != NULL
          && funcs->C_GetAttributeValue (session, handles[i], &id_attr, 1) == CKR_OK
          && id_attr.ulValueLen == g_bytes_get_size (cert_id)
          && memcmp (buffer, g_bytes_get_data (cert_id, NULL), id_attr.ulValueLen) == 0)
        g_array_prepend_val (by_id, handles[i]);
      else
        g_array_append_val (by_id, handles[i]);
    }

  /* EC keys, or RSA keys that hide their modulus: CKA_ID matches first, then any
   * other key of the right type; the signature check picks the right one. */
  g_array_append_vals (out, by_id->data, by_id->len);
  return CKR_OK;
}

static GBytes *
make_cms (KeyContext     *ctx,
          EyCertificate  *cert,
          GBytes         *data,
          GError        **error)
{
  gnutls_x509_crt_t crt = NULL;
  gnutls_privkey_t privkey = NULL;
  gnutls_pkcs7_t pkcs7 = NULL;
  gnutls_pkcs7_attrs_t attrs = NULL;
  gnutls_datum_t datum;
  gnutls_datum_t out = { NULL, 0 };
  g_autoptr(GBytes) sc_v2 = NULL;
  GBytes *result = NULL;
  gsize size;
  int ret;

  gnutls_x509_crt_init (&crt);
  datum.data = (unsigned char *) g_bytes_get_data (ey_certificate_get_der (cert), &size);
  datum.size = size;
  if ((ret = gnutls_x509_crt_import (crt, &datum, GNUTLS_X509_FMT_DER)) < 0)
    {
      g_propagate_error (error, gnutls_failure (ret, "gnutls_x509_crt_import"));
      goto out;
    }

  gnutls_pubkey_init (&ctx->pubkey);
  if ((ret = gnutls_pubkey_import_x509 (ctx->pubkey, crt, 0)) < 0)
    {
      g_propagate_error (error, gnutls_failure (ret, "gnutls_pubkey_import_x509"));
      goto out;
    }

  gnutls_privkey_init (&privkey);
  ret = gnutls_privkey_import_ext4 (privkey, ctx, NULL, sign_hash_cb, NULL, NULL,
                                    key_info_cb, 0);
  if (ret < 0)
    {
      g_propagate_error (error, gnutls_failure (ret, "gnutls_privkey_import_ext4"));
      goto out;
    }

  sc_v2 = build_signing_certificate_v2 (crt, ey_certificate_get_der (cert), error);
  if (sc_v2 == NULL)
    goto out;
  datum.data = (unsigned char *) g_bytes_get_data (sc_v2, &size);
  datum.size = size;
  if ((ret = gnutls_pkcs7_add_attr (&attrs, OID_SIGNING_CERTIFICATE_V2, &datum, 0)) < 0)
    {
      g_propagate_error (error, gnutls_failure (ret, "gnutls_pkcs7_add_attr"));
      goto out;
    }

  gnutls_pkcs7_init (&pkcs7);
  datum.data = (unsigned char *) g_bytes_get_data (data, &size);
  datum.size = size;
  ret = gnutls_pkcs7_sign (pkcs7, crt, privkey, &datum, attrs, NULL, GNUTLS_DIG_SHA256,
                           GNUTLS_PKCS7_EMBED_DATA | GNUTLS_PKCS7_INCLUDE_TIME
                           | GNUTLS_PKCS7_INCLUDE_CERT);
  if (ret < 0)
    {
      if (ctx->rv != CKR_OK)
        g_propagate_error (error, _ey_token_error_new_rv (ctx->rv, "C_Sign", 0));
      else
        g_propagate_error (error, gnutls_failure (ret, "gnutls_pkcs7_sign"));
      goto out;
    }

  if ((ret = gnutls_pkcs7_export2 (pkcs7, GNUTLS_X509_FMT_DER, &out)) < 0)
    {
      g_propagate_error (error, gnutls_failure (ret, "gnutls_pkcs7_export2"));
      goto out;
    }
  result = g_bytes_new (out.data, out.size);
  gnutls_free (out.data);

out:
  if (attrs != NULL)
    gnutls_pkcs7_attrs_deinit (attrs);
  if (pkcs7 != NULL)
    gnutls_pkcs7_deinit (pkcs7);
  if (privkey != NULL)
    gnutls_privkey_deinit (privkey);
  g_clear_pointer (&ctx->pubkey, gnutls_pubkey_deinit);
  gnutls_x509_crt_deinit (crt);
  return result;
}

static GError *
rv_error (EyToken    *token,
          CK_RV       rv,
          const char *what)
{
  if (_ey_rv_is_removed (rv))
    _ey_token_mark_removed (token);
  return _ey_token_error_new_rv (rv, what, ey_token_get_pin_flags (token));
}

/* Login and sign in one session (AKİS and SafeSign keep login per session). */
static GBytes *
sign_in_session (SignData           *sd,
                 EyP11Module        *module,
                 CK_SESSION_HANDLE   session,
                 GCancellable       *cancellable,
                 GError            **error)
{
  CK_FUNCTION_LIST *funcs = module->funcs;
  EyPinFlags flags = 0;
  KeyContext ctx = { 0, };
  g_autoptr(GArray) keys = g_array_new (FALSE, FALSE, sizeof (CK_OBJECT_HANDLE));
  GBytes *result;
  CK_RV rv;

  rv = _ey_token_read_pin_flags (sd->token, &flags);
  if (rv != CKR_OK)
    {
      g_propagate_error (error, rv_error (sd->token, rv, "C_GetTokenInfo"));
      return NULL;
    }
  if (flags & EY_PIN_LOCKED)
    {
      g_propagate_error (error, _ey_token_error_new_rv (CKR_PIN_LOCKED, "token flags", flags));
      return NULL;
    }
  /* Checked before a single PIN byte goes to the card. */
  if ((flags & EY_PIN_FINAL_TRY) && !(sd->flags & EY_SIGN_CONFIRMED_FINAL_TRY))
    {
      GError *e = _ey_token_error_new (EY_TOKEN_ERROR_FINAL_TRY_NOT_CONFIRMED,
                                       "CKF_USER_PIN_FINAL_TRY set, not confirmed",
                                       _("This is your last PIN try: one more wrong PIN "
                                         "locks the card. Confirm that you want to "
                                         "try, then type the PIN carefully."));
      _ey_token_error_set_pin_flags (e, flags);
      g_propagate_error (error, e);
      return NULL;
    }
  if (sd->pin == NULL && !(flags & EY_PIN_PAD))
    {
      g_propagate_error (error,
                         _ey_token_error_new (EY_TOKEN_ERROR_PIN_REQUIRED,
                                              "no PIN and no protected authentication path",
                                              _("Type the card’s PIN to sign.")));
      return NULL;
    }
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  if (sd->pin != NULL)
    {
      gsize length;
      const guint8 *pin = ey_pin_get_data (sd->pin, &length);

      rv = funcs->C_Login (session, CKU_USER, (CK_UTF8CHAR_PTR) pin, length);
    }
  else
    rv = funcs->C_Login (session, CKU_USER, NULL, 0);   /* the reader's PIN pad */
  /* Used once, never retried. */
  if (sd->pin != NULL)
    ey_pin_wipe (sd->pin);

  if (rv != CKR_OK && rv != CKR_USER_ALREADY_LOGGED_IN)
    {
      EyPinFlags after = flags;
      CK_RV info_rv = _ey_token_read_pin_flags (sd->token, &after);

      if (info_rv != CKR_OK)
        after = flags;
      /* The try that failed may have been the one that locked the card. */
      if (rv == CKR_PIN_INCORRECT && (after & EY_PIN_LOCKED))
        rv = CKR_PIN_LOCKED;
      if (_ey_rv_is_removed (rv))
        _ey_token_mark_removed (sd->token);
      g_propagate_error (error, _ey_token_error_new_rv (rv, "C_Login", after));
      return NULL;
    }
  /* A good PIN clears count-low on most cards; let the UI see it. */
  _ey_token_read_pin_flags (sd->token, &flags);

  rv = find_private_keys (funcs, session, sd->certificate, keys);
  if (rv != CKR_OK || keys->len == 0)
    {
      funcs->C_Logout (session);
      if (rv != CKR_OK)
        g_propagate_error (error, rv_error (sd->token, rv, "C_FindObjects"));
      else
        g_propagate_error (error,
                           _ey_token_error_new (EY_TOKEN_ERROR_NO_PRIVATE_KEY,
                                                "no private key for the certificate",
                                                _("The card has no signing key for this "
                                                  "certificate. Choose another "
                                                  "certificate.")));
      return NULL;
    }

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    {
      funcs->C_Logout (session);
      return NULL;
    }

  ctx.funcs = funcs;
  ctx.session = session;
  ctx.keys = keys;
  ctx.key_type = ey_certificate_get_key_type (sd->certificate);
  result = make_cms (&ctx, sd->certificate, sd->data, error);
  if (result == NULL && ctx.rv != CKR_OK && _ey_rv_is_removed (ctx.rv))
    _ey_token_mark_removed (sd->token);

  funcs->C_Logout (session);
  return result;
}

static gboolean
check_certificate (SignData  *sd,
                   GError   **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  if (sd->token == NULL || ey_certificate_get_url (sd->certificate) == NULL)
    {
      g_propagate_error (error,
                         _ey_token_error_new (EY_TOKEN_ERROR_NO_PRIVATE_KEY,
                                              "certificate not on a listed token",
                                              _("This certificate is not on a card that is "
                                                "inserted. Insert the card and try "
                                                "again.")));
      return FALSE;
    }

  if (sd->expected_identity != NULL && !(sd->flags & EY_SIGN_ALLOW_OTHER_PERSON)
      && !ey_certificate_matches_identity (sd->certificate, sd->expected_identity))
    {
      g_propagate_error (error,
                         _ey_token_error_new (EY_TOKEN_ERROR_NOT_APPLICANT,
                                              "subject serialNumber is not the applicant's",
                                              _("This certificate belongs to someone else: "
                                                "its identity number is not the "
                                                "applicant’s. Insert the applicant’s own "
                                                "card.")));
      return FALSE;
    }

  if (g_date_time_compare (now, ey_certificate_get_not_after (sd->certificate)) > 0)
    {
      g_propagate_error (error,
                         _ey_token_error_new (EY_TOKEN_ERROR_CERTIFICATE_EXPIRED,
                                              "certificate expired",
                                              _("This certificate has expired and can no "
                                                "longer sign. Renewal is only possible "
                                                "with a wet-signed application form.")));
      return FALSE;
    }
  if (g_date_time_compare (now, ey_certificate_get_not_before (sd->certificate)) < 0)
    {
      g_propagate_error (error,
                         _ey_token_error_new (EY_TOKEN_ERROR_CERTIFICATE_NOT_YET_VALID,
                                              "certificate not yet valid",
                                              _("This certificate is not valid yet. "
                                                "Check the computer’s date, or use your "
                                                "current card.")));
      return FALSE;
    }
  return TRUE;
}

static GBytes *
sign_sync (SignData      *sd,
           GCancellable  *cancellable,
           GError       **error)
{
  EyP11Module *module;
  CK_SESSION_HANDLE session;
  GBytes *result = NULL;
  CK_RV rv;

  if (!check_certificate (sd, error))
    goto out;
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    goto out;
  /* ey_token_layer_shutdown () waits for this before it finalizes the module. */
  if (!_ey_token_layer_enter (error))
    goto out;

  module = _ey_token_get_module (sd->token);
  g_rec_mutex_lock (&module->lock);
  rv = module->funcs->C_OpenSession (_ey_token_get_slot (sd->token), CKF_SERIAL_SESSION,
                                     NULL, NULL, &session);
  if (rv != CKR_OK)
    g_propagate_error (error, rv_error (sd->token, rv, "C_OpenSession"));
  else
    {
      result = sign_in_session (sd, module, session, cancellable, error);
      module->funcs->C_CloseSession (session);
    }
  g_rec_mutex_unlock (&module->lock);
  _ey_token_layer_leave ();

out:
  /* Whatever happened, the PIN is gone now. */
  if (sd->pin != NULL)
    ey_pin_wipe (sd->pin);
  return result;
}

static SignData *
sign_data_new (EyCertificate *certificate,
               GBytes        *data,
               EyPin         *pin,
               EySignFlags    flags,
               const char    *expected_identity)
{
  SignData *sd = g_new0 (SignData, 1);

  sd->certificate = g_object_ref (certificate);
  /* A strong reference, taken through the property (the certificate's is weak). */
  g_object_get (certificate, "token", &sd->token, NULL);
  sd->data = g_bytes_ref (data);
  sd->pin = pin ? ey_pin_ref (pin) : NULL;
  sd->flags = flags;
  sd->expected_identity = g_strdup (expected_identity);
  return sd;
}

GBytes *
ey_signer_sign (EyCertificate  *certificate,
                GBytes         *data,
                EyPin          *pin,
                EySignFlags     flags,
                const char     *expected_identity,
                GCancellable   *cancellable,
                GError        **error)
{
  g_autoptr(SignData) sd = NULL;

  g_return_val_if_fail (EY_IS_CERTIFICATE (certificate), NULL);
  g_return_val_if_fail (data != NULL, NULL);
  g_return_val_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable), NULL);

  sd = sign_data_new (certificate, data, pin, flags, expected_identity);
  return sign_sync (sd, cancellable, error);
}

static void
sign_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  GError *error = NULL;
  GBytes *result;

  result = sign_sync (task_data, cancellable, &error);
  if (result == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, result, (GDestroyNotify) g_bytes_unref);
}

void
ey_signer_sign_async (EyCertificate       *certificate,
                      GBytes              *data,
                      EyPin               *pin,
                      EySignFlags          flags,
                      const char          *expected_identity,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (EY_IS_CERTIFICATE (certificate));
  g_return_if_fail (data != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (certificate, cancellable, callback, user_data);
  g_task_set_source_tag (task, ey_signer_sign_async);
  g_task_set_task_data (task, sign_data_new (certificate, data, pin, flags, expected_identity),
                        sign_data_free);
  g_task_run_in_thread (task, sign_thread);
}

GBytes *
ey_signer_sign_finish (EyCertificate  *certificate,
                       GAsyncResult   *result,
                       GError        **error)
{
  g_return_val_if_fail (EY_IS_CERTIFICATE (certificate), NULL);
  g_return_val_if_fail (g_task_is_valid (result, certificate), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
