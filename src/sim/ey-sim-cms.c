/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ey-sim-cms"

#include "config.h"

#include <string.h>
#include <gnutls/gnutls.h>
#include <gnutls/crypto.h>
#include <gnutls/pkcs7.h>

#include "ey-sim-cms-private.h"

#define OID_CONTENT_TYPE   "1.2.840.113549.1.9.3"
#define OID_MESSAGE_DIGEST "1.2.840.113549.1.9.4"
#define OID_SIGNING_TIME   "1.2.840.113549.1.9.5"
#define OID_SIGNING_CERT2  "1.2.840.113549.1.9.16.2.47"
#define OID_SERIAL_NUMBER  "2.5.4.5"

G_DEFINE_AUTO_CLEANUP_FREE_FUNC (gnutls_pkcs7_t, gnutls_pkcs7_deinit, NULL)
G_DEFINE_AUTO_CLEANUP_FREE_FUNC (gnutls_x509_crt_t, gnutls_x509_crt_deinit, NULL)

static const struct
{
  const char *code;
  const char *message;
} results[] = {
  [EY_SIM_CMS_OK] = { "tamam", "İmza doğrulandı." },
  [EY_SIM_CMS_BAD_SIGNATURE] = { "IMZA_GECERSIZ", "İmza geçersiz." },
  [EY_SIM_CMS_CERT_NOT_VALID] = { "SERTIFIKA_GECERSIZ",
                                  "İmzalayan sertifikanın geçerlilik süresi dışında." },
  [EY_SIM_CMS_UNTRUSTED] = { "SERTIFIKA_GUVENILMEZ",
                             "İmzalayan sertifika Kamu SM tarafından verilmemiş." },
  [EY_SIM_CMS_WRONG_PERSON] = { "KIMLIK_UYUSMUYOR",
                                "İmzalayan sertifika başvuru sahibine ait değil." },
  [EY_SIM_CMS_MISSING_ATTR] = { "IMZA_OZNITELIK_EKSIK",
                                "İmzada gerekli CAdES-BES öznitelikleri eksik." },
};

const char *
ey_sim_cms_result_code (EySimCmsResult result)
{
  return results[result].code;
}

const char *
ey_sim_cms_result_message (EySimCmsResult result)
{
  return results[result].message;
}

static gboolean
has_attr (gnutls_pkcs7_attrs_t  attrs,
          const char           *oid,
          gnutls_datum_t       *value_out)
{
  for (unsigned i = 0;; i++)
    {
      char *attr_oid = NULL;
      gnutls_datum_t value = { NULL, 0 };
      gboolean match;

      if (gnutls_pkcs7_get_attr (attrs, i, &attr_oid, &value, 0) < 0)
        return FALSE;
      match = g_strcmp0 (attr_oid, oid) == 0;
      if (match && value_out)
        *value_out = value;
      else
        gnutls_free (value.data);
      if (match)
        return TRUE;
    }
}

/* The signing-certificate-v2 attribute must name the signer: its ESSCertIDv2 carries
 * the certificate's SHA-256 as an OCTET STRING (04 20 …). */
static gboolean
signing_cert_matches (const gnutls_datum_t *attr,
                      gnutls_x509_crt_t     signer)
{
  guint8 needle[34] = { 0x04, 0x20 };
  size_t size = 32;
  gnutls_datum_t der = { NULL, 0 };
  gboolean found;

  if (gnutls_x509_crt_export2 (signer, GNUTLS_X509_FMT_DER, &der) < 0)
    return FALSE;
  if (gnutls_hash_fast (GNUTLS_DIG_SHA256, der.data, der.size, needle + 2) < 0)
    size = 0;
  gnutls_free (der.data);
  found = size == 32 && memmem (attr->data, attr->size, needle, sizeof needle) != NULL;
  return found;
}

static gnutls_x509_crt_t
find_signer (gnutls_pkcs7_t                pkcs7,
             const gnutls_pkcs7_signature_info_st *info)
{
  int n = gnutls_pkcs7_get_crt_count (pkcs7);

  for (int i = 0; i < n; i++)
    {
      gnutls_datum_t raw = { NULL, 0 };
      gnutls_x509_crt_t crt = NULL;
      guint8 serial[64];
      size_t serial_size = sizeof serial;
      gnutls_datum_t issuer = { NULL, 0 };
      gboolean match = FALSE;

      if (gnutls_pkcs7_get_crt_raw2 (pkcs7, i, &raw) < 0)
        continue;
      if (gnutls_x509_crt_init (&crt) >= 0 &&
          gnutls_x509_crt_import (crt, &raw, GNUTLS_X509_FMT_DER) >= 0 &&
          gnutls_x509_crt_get_serial (crt, serial, &serial_size) >= 0 &&
          gnutls_x509_crt_get_raw_issuer_dn (crt, &issuer) >= 0)
        {
          match = serial_size == info->signer_serial.size &&
                  memcmp (serial, info->signer_serial.data, serial_size) == 0 &&
                  (info->issuer_dn.size == 0 ||
                   (issuer.size == info->issuer_dn.size &&
                    memcmp (issuer.data, info->issuer_dn.data, issuer.size) == 0));
        }
      gnutls_free (raw.data);
      gnutls_free (issuer.data);
      if (match)
        return crt;
      if (crt)
        gnutls_x509_crt_deinit (crt);
    }
  return NULL;
}

static gboolean
chains_to_trust (gnutls_pkcs7_t            pkcs7,
                 gnutls_x509_crt_t         signer,
                 gnutls_x509_trust_list_t  trust,
                 gint64                    now)
{
  gnutls_x509_crt_t chain[16];
  unsigned n_chain = 0;
  unsigned status = 1;
  int n = gnutls_pkcs7_get_crt_count (pkcs7);

  if (trust == NULL)
    return FALSE;

  chain[n_chain++] = signer;
  /* The other certificates in the SignedData may complete the path. */
  for (int i = 0; i < n && n_chain < G_N_ELEMENTS (chain); i++)
    {
      gnutls_datum_t raw = { NULL, 0 };
      gnutls_x509_crt_t crt = NULL;

      if (gnutls_pkcs7_get_crt_raw2 (pkcs7, i, &raw) < 0)
        continue;
      if (gnutls_x509_crt_init (&crt) >= 0 &&
          gnutls_x509_crt_import (crt, &raw, GNUTLS_X509_FMT_DER) >= 0 &&
          !gnutls_x509_crt_equals (crt, signer))
        chain[n_chain++] = crt;
      else if (crt)
        gnutls_x509_crt_deinit (crt);
      gnutls_free (raw.data);
    }

  /* Validity of the signer was checked against @now already; the path check uses the
   * same moment for the CAs. */
  if (gnutls_x509_trust_list_verify_crt2 (trust, chain, n_chain, NULL, 0,
                                          GNUTLS_VERIFY_DISABLE_TIME_CHECKS |
                                          GNUTLS_VERIFY_DISABLE_TRUSTED_TIME_CHECKS,
                                          &status, NULL) < 0)
    status = 1;

  for (unsigned i = 1; i < n_chain; i++)
    gnutls_x509_crt_deinit (chain[i]);
  return status == 0;
}

static gboolean
identity_matches (gnutls_x509_crt_t  signer,
                  const char        *identity)
{
  char buf[128];
  size_t size = sizeof buf - 1;

  if (gnutls_x509_crt_get_dn_by_oid (signer, OID_SERIAL_NUMBER, 0, 0, buf, &size) < 0)
    return FALSE;
  buf[size] = '\0';
  /* Some issuers prefix the number ("TCKN12345678950"); KamuSM's test issuer does not,
   * so an exact match is what the applicant's card must give. */
  return identity != NULL && strcmp (buf, identity) == 0;
}

EySimCmsResult
ey_sim_cms_verify (GBytes                  *signature,
                   GBytes                  *content,
                   gnutls_x509_trust_list_t trust,
                   const char              *identity,
                   gint64                   now,
                   char                   **detail)
{
  g_auto(gnutls_pkcs7_t) pkcs7 = NULL;
  g_auto(gnutls_x509_crt_t) signer = NULL;
  gnutls_pkcs7_signature_info_st info;
  gnutls_datum_t der, embedded = { NULL, 0 }, scv2 = { NULL, 0 };
  gsize content_len;
  const guint8 *content_data = g_bytes_get_data (content, &content_len);
  EySimCmsResult result = EY_SIM_CMS_OK;
  const char *why = "verified";
  int ret;

  der.data = (unsigned char *) g_bytes_get_data (signature, NULL);
  der.size = g_bytes_get_size (signature);
  memset (&info, 0, sizeof info);

  if (gnutls_pkcs7_init (&pkcs7) < 0 ||
      gnutls_pkcs7_import (pkcs7, &der, GNUTLS_X509_FMT_DER) < 0)
    {
      result = EY_SIM_CMS_BAD_SIGNATURE;
      why = "not a DER CMS SignedData";
      goto out;
    }
  if (gnutls_pkcs7_get_embedded_data (pkcs7, 0, &embedded) < 0 ||
      embedded.size != content_len ||
      memcmp (embedded.data, content_data, content_len) != 0)
    {
      result = EY_SIM_CMS_BAD_SIGNATURE;
      why = "encapsulated content differs from the issued bytes";
      goto out;
    }
  if (gnutls_pkcs7_get_signature_info (pkcs7, 0, &info) < 0)
    {
      result = EY_SIM_CMS_BAD_SIGNATURE;
      why = "no SignerInfo";
      goto out;
    }
  if (!has_attr (info.signed_attrs, OID_CONTENT_TYPE, NULL) ||
      !has_attr (info.signed_attrs, OID_MESSAGE_DIGEST, NULL) ||
      !has_attr (info.signed_attrs, OID_SIGNING_TIME, NULL) ||
      !has_attr (info.signed_attrs, OID_SIGNING_CERT2, &scv2))
    {
      result = EY_SIM_CMS_MISSING_ATTR;
      why = "a CAdES-BES signed attribute is missing";
      goto out;
    }
  signer = find_signer (pkcs7, &info);
  if (signer == NULL)
    {
      result = EY_SIM_CMS_BAD_SIGNATURE;
      why = "signer certificate not included";
      goto out;
    }
  if (!signing_cert_matches (&scv2, signer))
    {
      result = EY_SIM_CMS_BAD_SIGNATURE;
      why = "signing-certificate-v2 does not name the signer";
      goto out;
    }
  /* Before the signature: GnuTLS itself refuses a signing time outside the
   * certificate's validity, which would hide this code. */
  if (gnutls_x509_crt_get_activation_time (signer) > now ||
      gnutls_x509_crt_get_expiration_time (signer) < now)
    {
      result = EY_SIM_CMS_CERT_NOT_VALID;
      why = "signer certificate not valid now";
      goto out;
    }
  /* verify_direct checks the message digest against the content and the signature
   * against the signer's key; the path is checked below, separately, so each refusal
   * gets its own code. */
  ret = gnutls_pkcs7_verify_direct (pkcs7, signer, 0, NULL,
                                    GNUTLS_VERIFY_DISABLE_TIME_CHECKS);
  if (ret < 0)
    {
      result = EY_SIM_CMS_BAD_SIGNATURE;
      why = gnutls_strerror (ret);
      goto out;
    }
  if (!chains_to_trust (pkcs7, signer, trust, now))
    {
      result = EY_SIM_CMS_UNTRUSTED;
      why = "signer certificate does not chain to a trusted CA";
      goto out;
    }
  if (!identity_matches (signer, identity))
    {
      result = EY_SIM_CMS_WRONG_PERSON;
      why = "subject serialNumber is not the applicant's identity number";
      goto out;
    }

out:
  gnutls_free (embedded.data);
  gnutls_free (scv2.data);
  gnutls_pkcs7_signature_info_deinit (&info);
  if (detail)
    *detail = g_strdup (why);
  return result;
}
