/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ey-certificate"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#include <gnutls/gnutls.h>
#include <gnutls/abstract.h>
#include <gnutls/x509.h>

#include "ey-certificate-private.h"
#include "ey-der-private.h"
#include "ey-token.h"
#include "ey-token-private.h"

#define OID_QC_STATEMENTS    "1.3.6.1.5.5.7.1.3"
#define OID_QC_COMPLIANCE    "0.4.0.1862.1.1"
#define OID_NES_QC_1         "2.16.792.1.61.0.1.5070.1.1"
#define OID_NES_QC_2         "2.16.792.1.61.0.1.5070.2.1"
#define OID_SERIAL_NUMBER    "2.5.4.5"

struct _EyCertificate
{
  GObject     parent_instance;

  GBytes     *der;
  char       *holder_name;
  char       *identity_number;
  char       *subject_dn;
  char       *issuer_name;
  char       *issuer_dn;
  char       *serial;
  char       *fingerprint;
  GDateTime  *not_before;
  GDateTime  *not_after;
  EyKeyUsage  key_usage;
  EyKeyType   key_type;
  gboolean    qualified;

  GBytes     *rsa_modulus;
  GBytes     *ec_point;
  GBytes     *ec_params;

  /* Set once, before the certificate is handed to other threads. */
  GWeakRef    token;
  char       *url;
  GBytes     *ck_id;
  gboolean    can_sign;
};

enum {
  PROP_0,
  PROP_HOLDER_NAME,
  PROP_IDENTITY_NUMBER,
  PROP_ISSUER_NAME,
  PROP_NOT_BEFORE,
  PROP_NOT_AFTER,
  PROP_KEY_USAGE,
  PROP_QUALIFIED,
  PROP_CAN_SIGN,
  PROP_URL,
  PROP_TOKEN,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (EyCertificate, ey_certificate, G_TYPE_OBJECT)

char *
_ey_hex_encode (const guint8 *data,
                gsize         length,
                const char   *separator)
{
  static const char digits[] = "0123456789ABCDEF";
  GString *s = g_string_sized_new (length * 3);

  for (gsize i = 0; i < length; i++)
    {
      if (i > 0 && separator != NULL)
        g_string_append (s, separator);
      g_string_append_c (s, digits[data[i] >> 4]);
      g_string_append_c (s, digits[data[i] & 0xf]);
    }
  return g_string_free (s, FALSE);
}

GBytes *
_ey_strip_leading_zeros (const guint8 *data,
                         gsize         length)
{
  while (length > 1 && data[0] == 0)
    {
      data++;
      length--;
    }
  return g_bytes_new (data, length);
}

static void
ey_certificate_finalize (GObject *object)
{
  EyCertificate *self = (EyCertificate *)object;

  g_clear_pointer (&self->der, g_bytes_unref);
  g_clear_pointer (&self->holder_name, g_free);
  g_clear_pointer (&self->identity_number, g_free);
  g_clear_pointer (&self->subject_dn, g_free);
  g_clear_pointer (&self->issuer_name, g_free);
  g_clear_pointer (&self->issuer_dn, g_free);
  g_clear_pointer (&self->serial, g_free);
  g_clear_pointer (&self->fingerprint, g_free);
  g_clear_pointer (&self->not_before, g_date_time_unref);
  g_clear_pointer (&self->not_after, g_date_time_unref);
  g_clear_pointer (&self->rsa_modulus, g_bytes_unref);
  g_clear_pointer (&self->ec_point, g_bytes_unref);
  g_clear_pointer (&self->ec_params, g_bytes_unref);
  g_weak_ref_clear (&self->token);
  g_clear_pointer (&self->url, g_free);
  g_clear_pointer (&self->ck_id, g_bytes_unref);

  G_OBJECT_CLASS (ey_certificate_parent_class)->finalize (object);
}

static void
ey_certificate_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  EyCertificate *self = EY_CERTIFICATE (object);

  switch (prop_id)
    {
    case PROP_HOLDER_NAME:
      g_value_set_string (value, self->holder_name);
      break;
    case PROP_IDENTITY_NUMBER:
      g_value_set_string (value, self->identity_number);
      break;
    case PROP_ISSUER_NAME:
      g_value_set_string (value, self->issuer_name);
      break;
    case PROP_NOT_BEFORE:
      g_value_set_boxed (value, self->not_before);
      break;
    case PROP_NOT_AFTER:
      g_value_set_boxed (value, self->not_after);
      break;
    case PROP_KEY_USAGE:
      g_value_set_flags (value, self->key_usage);
      break;
    case PROP_QUALIFIED:
      g_value_set_boolean (value, self->qualified);
      break;
    case PROP_CAN_SIGN:
      g_value_set_boolean (value, self->can_sign);
      break;
    case PROP_URL:
      g_value_set_string (value, self->url);
      break;
    case PROP_TOKEN:
      g_value_take_object (value, g_weak_ref_get (&self->token));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ey_certificate_class_init (EyCertificateClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = ey_certificate_finalize;
  object_class->get_property = ey_certificate_get_property;

  properties[PROP_HOLDER_NAME] = g_param_spec_string ("holder-name", NULL, NULL, NULL, flags);
  properties[PROP_IDENTITY_NUMBER] = g_param_spec_string ("identity-number", NULL, NULL,
                                                          NULL, flags);
  properties[PROP_ISSUER_NAME] = g_param_spec_string ("issuer-name", NULL, NULL, NULL, flags);
  properties[PROP_NOT_BEFORE] = g_param_spec_boxed ("not-before", NULL, NULL,
                                                    G_TYPE_DATE_TIME, flags);
  properties[PROP_NOT_AFTER] = g_param_spec_boxed ("not-after", NULL, NULL,
                                                   G_TYPE_DATE_TIME, flags);
  properties[PROP_KEY_USAGE] = g_param_spec_flags ("key-usage", NULL, NULL,
                                                   EY_TYPE_KEY_USAGE, 0, flags);
  properties[PROP_QUALIFIED] = g_param_spec_boolean ("qualified", NULL, NULL, FALSE, flags);
  properties[PROP_CAN_SIGN] = g_param_spec_boolean ("can-sign", NULL, NULL, FALSE, flags);
  properties[PROP_URL] = g_param_spec_string ("url", NULL, NULL, NULL, flags);
  properties[PROP_TOKEN] = g_param_spec_object ("token", NULL, NULL, G_TYPE_OBJECT, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ey_certificate_init (EyCertificate *self)
{
  g_weak_ref_init (&self->token, NULL);
}

static char *
get_dn_attribute (gnutls_x509_crt_t crt,
                  gboolean          issuer,
                  const char       *oid)
{
  char buffer[1024];
  size_t size = sizeof buffer - 1;
  int ret;

  if (issuer)
    ret = gnutls_x509_crt_get_issuer_dn_by_oid (crt, oid, 0, 0, buffer, &size);
  else
    ret = gnutls_x509_crt_get_dn_by_oid (crt, oid, 0, 0, buffer, &size);
  if (ret < 0)
    return NULL;
  buffer[size] = '\0';
  if (!g_utf8_validate (buffer, -1, NULL))
    return NULL;
  return g_strdup (buffer);
}

static gboolean
parse_qc_statements (const guint8 *data,
                     gsize         length)
{
  EyDerReader outer;
  EyDerReader list;
  EyDerItem seq;
  EyDerItem statement;

  _ey_der_reader_init (&outer, data, length);
  if (!_ey_der_read (&outer, &seq) || seq.tag != 0x30)
    return FALSE;

  _ey_der_reader_init (&list, seq.content, seq.content_length);
  while (_ey_der_read (&list, &statement))
    {
      EyDerReader fields;
      EyDerItem oid;
      g_autofree char *text = NULL;

      if (statement.tag != 0x30)
        continue;
      _ey_der_reader_init (&fields, statement.content, statement.content_length);
      if (!_ey_der_read (&fields, &oid) || oid.tag != 0x06)
        continue;
      text = _ey_der_oid_to_string (oid.content, oid.content_length);
      if (g_strcmp0 (text, OID_QC_COMPLIANCE) == 0
          || g_strcmp0 (text, OID_NES_QC_1) == 0
          || g_strcmp0 (text, OID_NES_QC_2) == 0)
        return TRUE;
    }
  return FALSE;
}

/* SubjectPublicKeyInfo → RSA modulus, or EC point and curve parameters. */
static void
parse_public_key (EyCertificate   *self,
                  gnutls_x509_crt_t crt)
{
  gnutls_datum_t spki = { NULL, 0 };
  gnutls_pubkey_t pubkey = NULL;
  EyDerReader r;
  EyDerItem seq, alg, bits, alg_oid, params;

  if (gnutls_pubkey_init (&pubkey) < 0)
    return;
  if (gnutls_pubkey_import_x509 (pubkey, crt, 0) < 0
      || gnutls_pubkey_export2 (pubkey, GNUTLS_X509_FMT_DER, &spki) < 0)
    goto out;

  _ey_der_reader_init (&r, spki.data, spki.size);
  if (!_ey_der_read (&r, &seq) || seq.tag != 0x30)
    goto out;
  _ey_der_reader_init (&r, seq.content, seq.content_length);
  if (!_ey_der_read (&r, &alg) || !_ey_der_read (&r, &bits) || bits.tag != 0x03
      || bits.content_length < 2)
    goto out;

  if (self->key_type == EY_KEY_TYPE_RSA)
    {
      EyDerItem rsa, modulus;

      _ey_der_reader_init (&r, bits.content + 1, bits.content_length - 1);
      if (_ey_der_read (&r, &rsa) && rsa.tag == 0x30)
        {
          _ey_der_reader_init (&r, rsa.content, rsa.content_length);
          if (_ey_der_read (&r, &modulus) && modulus.tag == 0x02)
            self->rsa_modulus = _ey_strip_leading_zeros (modulus.content,
                                                         modulus.content_length);
        }
    }
  else if (self->key_type == EY_KEY_TYPE_ECDSA)
    {
      self->ec_point = g_bytes_new (bits.content + 1, bits.content_length - 1);
      _ey_der_reader_init (&r, alg.content, alg.content_length);
      if (_ey_der_read (&r, &alg_oid) && _ey_der_read (&r, &params))
        self->ec_params = g_bytes_new (params.whole, params.whole_length);
    }

out:
  gnutls_free (spki.data);
  gnutls_pubkey_deinit (pubkey);
}

static GDateTime *
date_time_from_time_t (time_t t)
{
  return g_date_time_new_from_unix_utc ((gint64) t);
}

/**
 * ey_certificate_new_from_der:
 *
 * Parses an X.509 certificate.  Errors: EY_TOKEN_ERROR_BAD_CERTIFICATE.
 */
EyCertificate *
ey_certificate_new_from_der (GBytes  *der,
                             GError **error)
{
  g_autoptr(EyCertificate) self = NULL;
  gnutls_x509_crt_t crt = NULL;
  gnutls_datum_t datum;
  gnutls_datum_t text = { NULL, 0 };
  guint8 serial[64];
  size_t serial_size = sizeof serial;
  guint8 digest[32];
  size_t digest_size = sizeof digest;
  unsigned int ku = 0;
  unsigned int critical = 0;
  gsize size;
  int ret;

  g_return_val_if_fail (der != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  datum.data = (unsigned char *) g_bytes_get_data (der, &size);
  datum.size = size;

  gnutls_x509_crt_init (&crt);
  ret = gnutls_x509_crt_import (crt, &datum, GNUTLS_X509_FMT_DER);
  if (ret < 0)
    {
      g_autofree char *detail = g_strdup_printf ("gnutls_x509_crt_import: %s",
                                                 gnutls_strerror (ret));

      gnutls_x509_crt_deinit (crt);
      g_propagate_error (error,
                         _ey_token_error_new (EY_TOKEN_ERROR_BAD_CERTIFICATE, detail,
                                              _("The certificate on the card could not "
                                                "be read.")));
      return NULL;
    }

  self = g_object_new (EY_TYPE_CERTIFICATE, NULL);
  self->der = g_bytes_ref (der);
  self->holder_name = get_dn_attribute (crt, FALSE, GNUTLS_OID_X520_COMMON_NAME);
  self->identity_number = get_dn_attribute (crt, FALSE, OID_SERIAL_NUMBER);
  self->issuer_name = get_dn_attribute (crt, TRUE, GNUTLS_OID_X520_COMMON_NAME);

  if (gnutls_x509_crt_get_dn3 (crt, &text, 0) >= 0)
    self->subject_dn = g_strndup ((const char *) text.data, text.size);
  gnutls_free (text.data);
  text.data = NULL;
  if (gnutls_x509_crt_get_issuer_dn3 (crt, &text, 0) >= 0)
    self->issuer_dn = g_strndup ((const char *) text.data, text.size);
  gnutls_free (text.data);
  if (self->issuer_name == NULL)
    self->issuer_name = g_strdup (self->issuer_dn ? self->issuer_dn : "");
  if (self->holder_name == NULL)
    self->holder_name = g_strdup (self->subject_dn ? self->subject_dn : "");

  if (gnutls_x509_crt_get_serial (crt, serial, &serial_size) >= 0)
    self->serial = _ey_hex_encode (serial, serial_size, NULL);
  if (gnutls_fingerprint (GNUTLS_DIG_SHA256, &datum, digest, &digest_size) >= 0)
    self->fingerprint = _ey_hex_encode (digest, digest_size, ":");

  self->not_before = date_time_from_time_t (gnutls_x509_crt_get_activation_time (crt));
  self->not_after = date_time_from_time_t (gnutls_x509_crt_get_expiration_time (crt));

  if (gnutls_x509_crt_get_key_usage (crt, &ku, &critical) >= 0)
    {
      if (ku & GNUTLS_KEY_DIGITAL_SIGNATURE)
        self->key_usage |= EY_KEY_USAGE_DIGITAL_SIGNATURE;
      if (ku & GNUTLS_KEY_NON_REPUDIATION)
        self->key_usage |= EY_KEY_USAGE_NON_REPUDIATION;
      if (ku & GNUTLS_KEY_KEY_ENCIPHERMENT)
        self->key_usage |= EY_KEY_USAGE_KEY_ENCIPHERMENT;
      if (ku & GNUTLS_KEY_DATA_ENCIPHERMENT)
        self->key_usage |= EY_KEY_USAGE_DATA_ENCIPHERMENT;
      if (ku & GNUTLS_KEY_KEY_AGREEMENT)
        self->key_usage |= EY_KEY_USAGE_KEY_AGREEMENT;
      if (ku & GNUTLS_KEY_KEY_CERT_SIGN)
        self->key_usage |= EY_KEY_USAGE_KEY_CERT_SIGN;
      if (ku & GNUTLS_KEY_CRL_SIGN)
        self->key_usage |= EY_KEY_USAGE_CRL_SIGN;
    }

  switch (gnutls_x509_crt_get_pk_algorithm (crt, NULL))
    {
    case GNUTLS_PK_RSA:
      self->key_type = EY_KEY_TYPE_RSA;
      break;
    case GNUTLS_PK_ECDSA:
      self->key_type = EY_KEY_TYPE_ECDSA;
      break;
    default:
      self->key_type = EY_KEY_TYPE_UNKNOWN;
    }

  {
    gnutls_datum_t ext = { NULL, 0 };

    if (gnutls_x509_crt_get_extension_by_oid2 (crt, OID_QC_STATEMENTS, 0, &ext,
                                               &critical) >= 0)
      self->qualified = parse_qc_statements (ext.data, ext.size);
    gnutls_free (ext.data);
  }

  parse_public_key (self, crt);
  gnutls_x509_crt_deinit (crt);

  return g_steal_pointer (&self);
}

/**
 * ey_certificate_new_from_file:
 *
 * Reads a PEM or DER certificate file (the first certificate of a PEM file).
 */
EyCertificate *
ey_certificate_new_from_file (const char  *path,
                              GError     **error)
{
  g_autofree char *contents = NULL;
  g_autoptr(GBytes) der = NULL;
  gsize length;

  g_return_val_if_fail (path != NULL, NULL);

  if (!g_file_get_contents (path, &contents, &length, error))
    return NULL;

  if (g_strstr_len (contents, length, "-----BEGIN CERTIFICATE-----") != NULL)
    {
      gnutls_datum_t pem = { (unsigned char *) contents, length };
      gnutls_datum_t out = { NULL, 0 };
      int ret = gnutls_pem_base64_decode2 ("CERTIFICATE", &pem, &out);

      if (ret < 0)
        {
          g_autofree char *detail = g_strdup_printf ("%s: %s", path, gnutls_strerror (ret));

          g_propagate_error (error,
                             _ey_token_error_new (EY_TOKEN_ERROR_BAD_CERTIFICATE, detail,
                                                  _("The certificate file could not be "
                                                    "read.")));
          return NULL;
        }
      der = g_bytes_new (out.data, out.size);
      gnutls_free (out.data);
    }
  else
    der = g_bytes_new_take (g_steal_pointer (&contents), length);

  return ey_certificate_new_from_der (der, error);
}

void
_ey_certificate_set_token (EyCertificate *self,
                           EyToken       *token,
                           const char    *url,
                           GBytes        *ck_id,
                           gboolean       can_sign)
{
  g_return_if_fail (EY_IS_CERTIFICATE (self));

  g_weak_ref_set (&self->token, token);
  g_free (self->url);
  self->url = g_strdup (url);
  g_clear_pointer (&self->ck_id, g_bytes_unref);
  self->ck_id = ck_id ? g_bytes_ref (ck_id) : NULL;
  self->can_sign = can_sign;
}

GBytes *
_ey_certificate_get_ck_id (EyCertificate *self)
{
  return self->ck_id;
}

GBytes *
_ey_certificate_get_rsa_modulus (EyCertificate *self)
{
  return self->rsa_modulus;
}

GBytes *
_ey_certificate_get_ec_point (EyCertificate *self)
{
  return self->ec_point;
}

GBytes *
_ey_certificate_get_ec_params (EyCertificate *self)
{
  return self->ec_params;
}

GBytes *
ey_certificate_get_der (EyCertificate *self)
{
  g_return_val_if_fail (EY_IS_CERTIFICATE (self), NULL);
  return self->der;
}

const char *
ey_certificate_get_holder_name (EyCertificate *self)
{
  g_return_val_if_fail (EY_IS_CERTIFICATE (self), NULL);
  return self->holder_name;
}

const char *
ey_certificate_get_identity_number (EyCertificate *self)
{
  g_return_val_if_fail (EY_IS_CERTIFICATE (self), NULL);
  return self->identity_number;
}

/**
 * ey_certificate_matches_identity:
 *
 * Whether the subject serialNumber is @identity_number, allowing the prefixes
 * some CAs put in front ("TC", "TCKN", ETSI "IDCTR-"/"PNOTR-"/"PASTR-").
 */
gboolean
ey_certificate_matches_identity (EyCertificate *self,
                                 const char    *identity_number)
{
  static const char * const prefixes[] = { "", "TC", "TCKN", "IDCTR-", "PNOTR-", "PASTR-" };
  gsize serial_len;
  gsize id_len;

  g_return_val_if_fail (EY_IS_CERTIFICATE (self), FALSE);

  if (self->identity_number == NULL || identity_number == NULL || *identity_number == '\0')
    return FALSE;

  serial_len = strlen (self->identity_number);
  id_len = strlen (identity_number);
  if (serial_len < id_len
      || strcmp (self->identity_number + serial_len - id_len, identity_number) != 0)
    return FALSE;

  /* ASCII-only comparison of the prefix: never locale case folding. */
  for (guint i = 0; i < G_N_ELEMENTS (prefixes); i++)
    if (strlen (prefixes[i]) == serial_len - id_len
        && g_ascii_strncasecmp (self->identity_number, prefixes[i], serial_len - id_len) == 0)
      return TRUE;
  return FALSE;
}

const char *
ey_certificate_get_subject_dn (EyCertificate *self)
{
  g_return_val_if_fail (EY_IS_CERTIFICATE (self), NULL);
  return self->subject_dn;
}

const char *
ey_certificate_get_issuer_name (EyCertificate *self)
{
  g_return_val_if_fail (EY_IS_CERTIFICATE (self), NULL);
  return self->issuer_name;
}

const char *
ey_certificate_get_issuer_dn (EyCertificate *self)
{
  g_return_val_if_fail (EY_IS_CERTIFICATE (self), NULL);
  return self->issuer_dn;
}

const char *
ey_certificate_get_serial (EyCertificate *self)
{
  g_return_val_if_fail (EY_IS_CERTIFICATE (self), NULL);
  return self->serial;
}

const char *
ey_certificate_get_fingerprint (EyCertificate *self)
{
  g_return_val_if_fail (EY_IS_CERTIFICATE (self), NULL);
  return self->fingerprint;
}

GDateTime *
ey_certificate_get_not_before (EyCertificate *self)
{
  g_return_val_if_fail (EY_IS_CERTIFICATE (self), NULL);
  return self->not_before;
}

GDateTime *
ey_certificate_get_not_after (EyCertificate *self)
{
  g_return_val_if_fail (EY_IS_CERTIFICATE (self), NULL);
  return self->not_after;
}

EyKeyUsage
ey_certificate_get_key_usage (EyCertificate *self)
{
  g_return_val_if_fail (EY_IS_CERTIFICATE (self), EY_KEY_USAGE_NONE);
  return self->key_usage;
}

EyKeyType
ey_certificate_get_key_type (EyCertificate *self)
{
  g_return_val_if_fail (EY_IS_CERTIFICATE (self), EY_KEY_TYPE_UNKNOWN);
  return self->key_type;
}

gboolean
ey_certificate_is_qualified (EyCertificate *self)
{
  g_return_val_if_fail (EY_IS_CERTIFICATE (self), FALSE);
  return self->qualified;
}

gboolean
ey_certificate_can_sign (EyCertificate *self)
{
  g_return_val_if_fail (EY_IS_CERTIFICATE (self), FALSE);
  return self->can_sign;
}

const char *
ey_certificate_get_url (EyCertificate *self)
{
  g_return_val_if_fail (EY_IS_CERTIFICATE (self), NULL);
  return self->url;
}

/**
 * ey_certificate_get_token:
 *
 * Returns: (transfer none) (nullable): the token, while its card is present (the
 * token manager holds the tokens of its last listing).
 */
EyToken *
ey_certificate_get_token (EyCertificate *self)
{
  g_autoptr(GObject) token = NULL;

  g_return_val_if_fail (EY_IS_CERTIFICATE (self), NULL);

  token = g_weak_ref_get (&self->token);
  /* Transfer none: the weak ref only says whether it is still alive. */
  return (EyToken *) token;
}

static GDateTime *
now_or (GDateTime *now)
{
  return now ? g_date_time_ref (now) : g_date_time_new_now_utc ();
}

gboolean
ey_certificate_is_valid_at (EyCertificate *self,
                            GDateTime     *now)
{
  g_autoptr(GDateTime) t = NULL;

  g_return_val_if_fail (EY_IS_CERTIFICATE (self), FALSE);

  t = now_or (now);
  return g_date_time_compare (self->not_before, t) <= 0
         && g_date_time_compare (t, self->not_after) <= 0;
}

gboolean
ey_certificate_is_nes_signing (EyCertificate *self,
                               GDateTime     *now)
{
  g_return_val_if_fail (EY_IS_CERTIFICATE (self), FALSE);

  return (self->key_usage & EY_KEY_USAGE_NON_REPUDIATION)
         && self->qualified
         && ey_certificate_is_valid_at (self, now);
}

/**
 * ey_certificate_compare_not_after:
 *
 * A #GCompareFunc for g_ptr_array_sort(): the certificate that ends first, first.
 */
int
ey_certificate_compare_not_after (gconstpointer a,
                                  gconstpointer b)
{
  EyCertificate *ca = *(EyCertificate * const *) a;
  EyCertificate *cb = *(EyCertificate * const *) b;

  return g_date_time_compare (ca->not_after, cb->not_after);
}

/* A qualified signing certificate whatever its dates: a renewal's new card is one
 * before its certificate starts. */
gboolean
ey_certificate_is_nes (EyCertificate *self)
{
  g_return_val_if_fail (EY_IS_CERTIFICATE (self), FALSE);

  return (self->key_usage & EY_KEY_USAGE_NON_REPUDIATION) && self->qualified;
}

int
ey_certificate_get_expires_in_days (EyCertificate *self,
                                    GDateTime     *now)
{
  g_autoptr(GDateTime) t = NULL;
  GTimeSpan span;

  g_return_val_if_fail (EY_IS_CERTIFICATE (self), 0);

  t = now_or (now);
  span = g_date_time_difference (self->not_after, t);
  /* Floor division, so an expired certificate shows a negative number at once. */
  if (span >= 0)
    return (int) (span / G_TIME_SPAN_DAY);
  return (int) -((-span + G_TIME_SPAN_DAY - 1) / G_TIME_SPAN_DAY);
}

gboolean
ey_certificate_is_renewal_window_open (EyCertificate *self,
                                       GDateTime     *now)
{
  g_autoptr(GDateTime) t = NULL;
  g_autoptr(GDateTime) window_end = NULL;

  g_return_val_if_fail (EY_IS_CERTIFICATE (self), FALSE);

  t = now_or (now);
  if (!ey_certificate_is_valid_at (self, t))
    return FALSE;
  window_end = g_date_time_add_months (t, 3);
  return g_date_time_compare (self->not_after, window_end) <= 0;
}

EyCertificate *
ey_certificate_pick_signing (GPtrArray  *certificates,
                             const char *identity_number,
                             GDateTime  *now)
{
  EyCertificate *best = NULL;

  g_return_val_if_fail (certificates != NULL, NULL);

  for (guint i = 0; i < certificates->len; i++)
    {
      EyCertificate *cert = g_ptr_array_index (certificates, i);

      if (!cert->can_sign || !ey_certificate_is_nes_signing (cert, now))
        continue;
      if (identity_number != NULL && !ey_certificate_matches_identity (cert, identity_number))
        continue;
      if (best == NULL || g_date_time_compare (cert->not_after, best->not_after) > 0)
        best = cert;
    }

  return best;
}
