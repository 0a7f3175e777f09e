/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ey-sim-cert"

#include "config.h"

#include <string.h>
#include <time.h>
#include <glib/gi18n.h>
#include <gnutls/gnutls.h>
#include <gnutls/x509.h>
#include <gnutls/crypto.h>

#include "ey-sim-cert-private.h"
#include "ey-sim-server.h"

G_DEFINE_AUTO_CLEANUP_FREE_FUNC (gnutls_x509_crt_t, gnutls_x509_crt_deinit, NULL)
G_DEFINE_AUTO_CLEANUP_FREE_FUNC (gnutls_x509_privkey_t, gnutls_x509_privkey_deinit, NULL)

static gboolean
check (int      ret,
       GError **error)
{
  if (ret >= 0)
    return TRUE;
  g_set_error (error, EY_SIM_ERROR, EY_SIM_ERROR_TLS,
               _("Could not make the TLS certificate: %s"), gnutls_strerror (ret));
  return FALSE;
}

static char *
datum_to_string (gnutls_datum_t *d)
{
  char *s = g_strndup ((const char *) d->data, d->size);

  gnutls_free (d->data);
  return s;
}

gboolean
ey_sim_cert_generate (char   **cert_pem,
                      char   **key_pem,
                      GError **error)
{
  g_auto(gnutls_x509_crt_t) crt = NULL;
  g_auto(gnutls_x509_privkey_t) key = NULL;
  static const guint8 loopback[] = { 127, 0, 0, 1 };
  guint8 serial[16];
  gnutls_datum_t out = { NULL, 0 };
  time_t now = time (NULL);

  /* P-256 rather than RSA: generated in milliseconds, so tests start fast. */
  if (!check (gnutls_x509_privkey_init (&key), error) ||
      !check (gnutls_x509_privkey_generate (key, GNUTLS_PK_ECDSA,
                                            GNUTLS_CURVE_TO_BITS (GNUTLS_ECC_CURVE_SECP256R1),
                                            0), error) ||
      !check (gnutls_x509_crt_init (&crt), error))
    return FALSE;

  gnutls_rnd (GNUTLS_RND_NONCE, serial, sizeof serial);
  serial[0] &= 0x7f;
  if (!check (gnutls_x509_crt_set_version (crt, 3), error) ||
      !check (gnutls_x509_crt_set_serial (crt, serial, sizeof serial), error) ||
      !check (gnutls_x509_crt_set_activation_time (crt, now - 3600), error) ||
      !check (gnutls_x509_crt_set_expiration_time (crt, now + 30 * 24 * 3600), error) ||
      !check (gnutls_x509_crt_set_dn (crt, "CN=basvuru.kamusm.gov.tr (kamusm-sim),O=kamusm-sim,C=TR",
                                      NULL), error) ||
      !check (gnutls_x509_crt_set_key (crt, key), error) ||
      !check (gnutls_x509_crt_set_subject_alt_name (crt, GNUTLS_SAN_DNSNAME, "localhost",
                                                    strlen ("localhost"), GNUTLS_FSAN_APPEND), error) ||
      !check (gnutls_x509_crt_set_subject_alt_name (crt, GNUTLS_SAN_IPADDRESS, loopback,
                                                    sizeof loopback, GNUTLS_FSAN_APPEND), error) ||
      !check (gnutls_x509_crt_set_basic_constraints (crt, 0, -1), error) ||
      !check (gnutls_x509_crt_set_key_usage (crt, GNUTLS_KEY_DIGITAL_SIGNATURE), error) ||
      !check (gnutls_x509_crt_set_key_purpose_oid (crt, GNUTLS_KP_TLS_WWW_SERVER, 0), error) ||
      !check (gnutls_x509_crt_sign2 (crt, crt, key, GNUTLS_DIG_SHA256, 0), error))
    return FALSE;

  if (!check (gnutls_x509_crt_export2 (crt, GNUTLS_X509_FMT_PEM, &out), error))
    return FALSE;
  *cert_pem = datum_to_string (&out);
  /* PKCS#8: the form GLib's PEM parser reads for every key type. */
  if (!check (gnutls_x509_privkey_export2_pkcs8 (key, GNUTLS_X509_FMT_PEM, NULL,
                                                 GNUTLS_PKCS_PLAIN, &out), error))
    {
      g_clear_pointer (cert_pem, g_free);
      return FALSE;
    }
  *key_pem = datum_to_string (&out);
  return TRUE;
}

char *
ey_sim_cert_fingerprint (const char  *cert_pem,
                         GError     **error)
{
  g_auto(gnutls_x509_crt_t) crt = NULL;
  gnutls_datum_t pem = { (unsigned char *) cert_pem, strlen (cert_pem) };
  guint8 digest[32];
  size_t size = sizeof digest;
  GString *out;

  if (!check (gnutls_x509_crt_init (&crt), error) ||
      !check (gnutls_x509_crt_import (crt, &pem, GNUTLS_X509_FMT_PEM), error) ||
      !check (gnutls_x509_crt_get_fingerprint (crt, GNUTLS_DIG_SHA256, digest, &size), error))
    return NULL;
  out = g_string_new ("sha256:");
  for (size_t i = 0; i < size; i++)
    g_string_append_printf (out, i ? ":%02X" : "%02X", digest[i]);
  return g_string_free (out, FALSE);
}
