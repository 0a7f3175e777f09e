/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ey-demo-token"

#include "config.h"

#include <errno.h>
#include <string.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <gnutls/gnutls.h>
#include <gnutls/abstract.h>
#include <gnutls/crypto.h>
#include <gnutls/x509.h>

#include "ey-demo-token-private.h"
#include "ey-token-error.h"
#include "ey-token-manager.h"
#include "ey-token-private.h"

/* QCStatements: QcCompliance + the Turkish NES statement, as KamuSM certificates
 * carry them (the test PKI uses the same bytes). */
static const guint8 qc_statements[] = {
  0x30, 0x19, 0x30, 0x08, 0x06, 0x06, 0x04, 0x00, 0x8e, 0x46, 0x01, 0x01, 0x30, 0x0d,
  0x06, 0x0b, 0x60, 0x86, 0x18, 0x01, 0x3d, 0x00, 0x01, 0xa7, 0x4e, 0x01, 0x01 };

#define DEMO_CA_NAME "e-İmza Yenile Demo Kök Sertifika Hizmet Sağlayıcısı"
#define DEMO_DAYS    60

struct _EyDemoToken
{
  GObject  parent_instance;

  char    *directory;
  char    *ca_file;
  char    *certificate_file;
  char    *softhsm_conf;
  char    *token_url;
  char    *module;

  /* Kept until the colleagues' cards are made (demo keys, nobody's secret). */
  gnutls_x509_privkey_t  ca_key;
  gnutls_x509_crt_t      ca;
};

G_DEFINE_FINAL_TYPE (EyDemoToken, ey_demo_token, G_TYPE_OBJECT)

static void
ey_demo_token_finalize (GObject *object)
{
  EyDemoToken *self = (EyDemoToken *)object;

  g_free (self->directory);
  g_free (self->ca_file);
  g_free (self->certificate_file);
  g_free (self->softhsm_conf);
  g_free (self->token_url);
  g_free (self->module);
  g_clear_pointer (&self->ca, gnutls_x509_crt_deinit);
  g_clear_pointer (&self->ca_key, gnutls_x509_privkey_deinit);

  G_OBJECT_CLASS (ey_demo_token_parent_class)->finalize (object);
}

static void
ey_demo_token_class_init (EyDemoTokenClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = ey_demo_token_finalize;
}

static void
ey_demo_token_init (EyDemoToken *self)
{
}

static gboolean
gnutls_check (int        ret,
              const char *what,
              GError    **error)
{
  g_autofree char *detail = NULL;

  if (ret >= 0)
    return TRUE;
  detail = g_strdup_printf ("%s: %s", what, gnutls_strerror (ret));
  g_propagate_error (error, _ey_token_error_new (EY_TOKEN_ERROR_FAILED, detail,
                                                 _("The demo card could not be "
                                                   "prepared.")));
  return FALSE;
}

static gboolean
set_serial (gnutls_x509_crt_t crt)
{
  guint8 serial[16];

  if (gnutls_rnd (GNUTLS_RND_NONCE, serial, sizeof serial) < 0)
    return FALSE;
  serial[0] &= 0x7f;   /* positive */
  serial[0] |= 0x01;   /* no leading zero */
  return gnutls_x509_crt_set_serial (crt, serial, sizeof serial) >= 0;
}

static gboolean
write_pem (const char        *path,
           gnutls_x509_crt_t  crt,
           GError           **error)
{
  gnutls_datum_t out = { NULL, 0 };
  gboolean ok;

  if (!gnutls_check (gnutls_x509_crt_export2 (crt, GNUTLS_X509_FMT_PEM, &out),
                     "gnutls_x509_crt_export2", error))
    return FALSE;
  ok = g_file_set_contents (path, (const char *) out.data, out.size, error);
  gnutls_free (out.data);
  return ok;
}

/* The demo CA, kept in memory while the cards are made. */
static gboolean
make_ca (gnutls_x509_privkey_t  ca_key,
         gnutls_x509_crt_t      ca,
         GError               **error)
{
  time_t now = time (NULL);
  unsigned int ca_bits = GNUTLS_CURVE_TO_BITS (GNUTLS_ECC_CURVE_SECP256R1);

  if (!gnutls_check (gnutls_x509_privkey_generate (ca_key, GNUTLS_PK_ECDSA, ca_bits, 0),
                     "generate CA key", error))
    return FALSE;

  /* CA: valid from yesterday for ten years. */
  gnutls_x509_crt_set_version (ca, 3);
  if (!set_serial (ca)
      || !gnutls_check (gnutls_x509_crt_set_dn_by_oid (ca, GNUTLS_OID_X520_COMMON_NAME, 0,
                                                       DEMO_CA_NAME, strlen (DEMO_CA_NAME)),
                        "CA CN", error)
      || !gnutls_check (gnutls_x509_crt_set_dn_by_oid (ca, GNUTLS_OID_X520_COUNTRY_NAME, 0,
                                                       "TR", 2), "CA C", error)
      || !gnutls_check (gnutls_x509_crt_set_key (ca, ca_key), "CA key", error)
      || !gnutls_check (gnutls_x509_crt_set_basic_constraints (ca, 1, -1), "CA bc", error)
      || !gnutls_check (gnutls_x509_crt_set_key_usage (ca, GNUTLS_KEY_KEY_CERT_SIGN
                                                       | GNUTLS_KEY_CRL_SIGN), "CA ku", error)
      || !gnutls_check (gnutls_x509_crt_set_subject_key_id (ca, (const void *) "demo-ca", 7),
                        "CA ski", error))
    return FALSE;
  gnutls_x509_crt_set_activation_time (ca, now - 24 * 3600);
  gnutls_x509_crt_set_expiration_time (ca, now + 10 * 365 * 24 * 3600L);
  return gnutls_check (gnutls_x509_crt_sign2 (ca, ca, ca_key, GNUTLS_DIG_SHA256, 0),
                       "CA sign", error);
}

/* A holder's NES certificate (PEM to @cert_file) and key (PKCS#8 to @key_file). */
static gboolean
make_holder (gnutls_x509_privkey_t   ca_key,
             gnutls_x509_crt_t       ca,
             const char             *name,
             const char             *identity,
             int                     days,
             const char             *cert_file,
             const char             *key_file,
             GError                **error)
{
  gnutls_x509_privkey_t key = NULL;
  gnutls_x509_crt_t crt = NULL;
  gnutls_datum_t ext = { (unsigned char *) qc_statements, sizeof qc_statements };
  gnutls_datum_t p8 = { NULL, 0 };
  time_t now = time (NULL);
  gboolean ok = FALSE;

  gnutls_x509_privkey_init (&key);
  gnutls_x509_crt_init (&crt);

  if (!gnutls_check (gnutls_x509_privkey_generate (key, GNUTLS_PK_RSA, 2048, 0),
                     "generate key", error))
    goto out;

  gnutls_x509_crt_set_version (crt, 3);
  if (!set_serial (crt)
      || !gnutls_check (gnutls_x509_crt_set_dn_by_oid (crt, GNUTLS_OID_X520_COMMON_NAME, 0,
                                                       name, strlen (name)),
                        "CN", error)
      || !gnutls_check (gnutls_x509_crt_set_dn_by_oid (crt, "2.5.4.5", 0, identity,
                                                       strlen (identity)),
                        "serialNumber", error)
      || !gnutls_check (gnutls_x509_crt_set_dn_by_oid (crt, GNUTLS_OID_X520_COUNTRY_NAME, 0,
                                                       "TR", 2), "C", error)
      || !gnutls_check (gnutls_x509_crt_set_key (crt, key), "key", error)
      || !gnutls_check (gnutls_x509_crt_set_basic_constraints (crt, 0, -1), "bc", error)
      || !gnutls_check (gnutls_x509_crt_set_key_usage (crt, GNUTLS_KEY_NON_REPUDIATION),
                        "ku", error)
      || !gnutls_check (gnutls_x509_crt_set_extension_by_oid (crt, "1.3.6.1.5.5.7.1.3",
                                                              ext.data, ext.size, 0),
                        "qcStatements", error)
      || !gnutls_check (gnutls_x509_crt_set_authority_key_id (crt, (const void *) "demo-ca", 7),
                        "aki", error))
    goto out;
  gnutls_x509_crt_set_activation_time (crt, now - 24 * 3600);
  gnutls_x509_crt_set_expiration_time (crt, now + days * 24 * 3600L);
  if (!gnutls_check (gnutls_x509_crt_sign2 (crt, ca, ca_key, GNUTLS_DIG_SHA256, 0),
                     "sign", error))
    goto out;

  if (!write_pem (cert_file, crt, error))
    goto out;

  if (!gnutls_check (gnutls_x509_privkey_export2_pkcs8 (key, GNUTLS_X509_FMT_PEM, NULL,
                                                        GNUTLS_PKCS_PLAIN, &p8),
                     "pkcs8", error))
    goto out;
  ok = g_file_set_contents_full (key_file, (const char *) p8.data, p8.size,
                                 G_FILE_SET_CONTENTS_NONE, 0600, error);
  gnutls_memset (p8.data, 0, p8.size);
  gnutls_free (p8.data);

out:
  gnutls_x509_crt_deinit (crt);
  gnutls_x509_privkey_deinit (key);
  return ok;
}

static gboolean
run (const char * const  *argv,
     const char          *conf,
     GError             **error)
{
  g_auto(GStrv) envp = g_get_environ ();
  g_autofree char *err = NULL;
  int status = 0;

  envp = g_environ_setenv (envp, "SOFTHSM2_CONF", conf, TRUE);
  /* p11tool reads the (demo, well-known) PIN from here. */
  envp = g_environ_setenv (envp, "GNUTLS_PIN", EY_DEMO_PIN, TRUE);
  if (!g_spawn_sync (NULL, (char **) argv, envp,
                     G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, NULL, &err,
                     &status, error))
    return FALSE;
  if (!g_spawn_check_wait_status (status, NULL))
    {
      g_autofree char *detail = g_strdup_printf ("%s: %s", argv[0], err);

      g_propagate_error (error, _ey_token_error_new (EY_TOKEN_ERROR_FAILED, detail,
                                                     _("The demo card could not be "
                                                       "prepared. Is SoftHSM2 "
                                                       "installed?")));
      return FALSE;
    }
  return TRUE;
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir != NULL)
    while ((name = g_dir_read_name (dir)) != NULL)
      {
        g_autofree char *child = g_build_filename (path, name, NULL);

        if (g_file_test (child, G_FILE_TEST_IS_DIR)
            && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
          remove_tree (child);
        else
          g_unlink (child);
      }
  g_rmdir (path);
}

/* The demo colleagues: the same people as the simulator's (data/sim/people.ini) and
 * the demo roster's, so a colleague's renewal in the demo can sign with their card. */
static const EyDemoColleague colleagues[] = {
  { "67891234594", "EMRE ARSLAN", "DEMO-EMRE", 20 },
  { "78912345694", "ELİF KOÇ",    "DEMO-ELIF", 35 },
  { "89123456772", "HASAN ÖZTÜRK", "DEMO-HASAN", 50 },
};

const EyDemoColleague *
ey_demo_colleagues (guint *n_colleagues)
{
  if (n_colleagues != NULL)
    *n_colleagues = G_N_ELEMENTS (colleagues);
  return colleagues;
}

/* One SoftHSM token holding a holder's key and certificate, like one card. */
static gboolean
make_card (EyDemoToken           *self,
           gnutls_x509_privkey_t  ca_key,
           gnutls_x509_crt_t      ca,
           const char            *module,
           const char            *label,
           const char            *name,
           const char            *identity,
           int                    days,
           const char            *cert_file,
           GError               **error)
{
  g_autofree char *key_file = g_build_filename (self->directory, "demo-key.p8", NULL);
  g_autofree char *url = g_strconcat ("pkcs11:token=", label, NULL);
  const char *init[] = { "softhsm2-util", "--init-token", "--free",
                         "--label", label, "--pin", EY_DEMO_PIN,
                         "--so-pin", EY_DEMO_SO_PIN, NULL };
  const char *import[] = { "softhsm2-util", "--import", key_file, "--token", label,
                           "--label", "demo-nes", "--id", "01", "--pin", EY_DEMO_PIN, NULL };
  const char *cert[] = { "p11tool", "--provider", module, "--login", "--write",
                         "--no-mark-private", "--load-certificate", cert_file,
                         "--label", "demo-nes", "--id", "01", url, NULL };
  gboolean ok;

  if (!make_holder (ca_key, ca, name, identity, days, cert_file, key_file, error))
    {
      g_unlink (key_file);
      return FALSE;
    }
  ok = run (init, self->softhsm_conf, error)
       && run (import, self->softhsm_conf, error)
       && run (cert, self->softhsm_conf, error);
  /* The key lives on the token only. */
  g_unlink (key_file);
  return ok;
}

EyDemoToken *
ey_demo_token_new (const char  *directory,
                   GError     **error)
{
  g_autoptr(EyDemoToken) self = NULL;
  g_autofree char *softhsm_dir = NULL;
  g_autofree char *tokens_dir = NULL;
  g_autofree char *conf_text = NULL;

  g_return_val_if_fail (directory != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_object_new (EY_TYPE_DEMO_TOKEN, NULL);
  self->directory = g_canonicalize_filename (directory, NULL);
  self->ca_file = g_build_filename (self->directory, "demo-ca.pem", NULL);
  self->certificate_file = g_build_filename (self->directory, "demo-nes.pem", NULL);
  self->softhsm_conf = g_build_filename (self->directory, "softhsm2.conf", NULL);
  self->token_url = g_strdup ("pkcs11:token=" EY_DEMO_LABEL);
  softhsm_dir = g_build_filename (self->directory, "softhsm", NULL);
  tokens_dir = g_build_filename (softhsm_dir, "tokens", NULL);

  self->module = ey_token_manager_find_module_path ("softhsm2");
  if (self->module == NULL)
    {
      g_propagate_error (error, _ey_token_error_new (EY_TOKEN_ERROR_NO_MODULE,
                                                     "libsofthsm2.so not found",
                                                     _("The demo needs SoftHSM2. Install "
                                                       "the softhsm2 package.")));
      return NULL;
    }

  /* A fresh token every time: the demo certificate is made for today. */
  remove_tree (softhsm_dir);
  if (g_mkdir_with_parents (tokens_dir, 0700) != 0)
    {
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (errno),
                   _("Could not create the folder %s."), tokens_dir);
      return NULL;
    }
  conf_text = g_strdup_printf ("directories.tokendir = %s\nobjectstore.backend = file\n"
                               "log.level = ERROR\nslots.removable = false\n", tokens_dir);
  if (!g_file_set_contents (self->softhsm_conf, conf_text, -1, error))
    return NULL;
  /* SoftHSM reads this in C_Initialize: it must be set before any module loads. */
  g_setenv ("SOFTHSM2_CONF", self->softhsm_conf, TRUE);

  gnutls_x509_privkey_init (&self->ca_key);
  gnutls_x509_crt_init (&self->ca);
  if (!make_ca (self->ca_key, self->ca, error)
      || !write_pem (self->ca_file, self->ca, error)
      || !make_card (self, self->ca_key, self->ca, self->module, EY_DEMO_LABEL, EY_DEMO_NAME,
                     EY_DEMO_IDENTITY, DEMO_DAYS, self->certificate_file, error))
    return NULL;

  return g_steal_pointer (&self);
}

gboolean
ey_demo_token_add_colleagues (EyDemoToken  *self,
                              GError      **error)
{
  g_return_val_if_fail (EY_IS_DEMO_TOKEN (self), FALSE);
  g_return_val_if_fail (self->ca_key != NULL, FALSE);

  /* Every colleague's card is signed by the same CA, which the simulator trusts. */
  for (guint i = 0; i < G_N_ELEMENTS (colleagues); i++)
    {
      g_autofree char *name = g_strdup_printf ("demo-nes-%s.pem", colleagues[i].identity);
      g_autofree char *file = g_build_filename (self->directory, name, NULL);

      if (!make_card (self, self->ca_key, self->ca, self->module, colleagues[i].label,
                      colleagues[i].name, colleagues[i].identity, colleagues[i].days, file,
                      error))
        return FALSE;
    }
  return TRUE;
}

const char *
ey_demo_token_get_ca_file (EyDemoToken *self)
{
  g_return_val_if_fail (EY_IS_DEMO_TOKEN (self), NULL);
  return self->ca_file;
}

const char *
ey_demo_token_get_certificate_file (EyDemoToken *self)
{
  g_return_val_if_fail (EY_IS_DEMO_TOKEN (self), NULL);
  return self->certificate_file;
}

const char *
ey_demo_token_get_token_url (EyDemoToken *self)
{
  g_return_val_if_fail (EY_IS_DEMO_TOKEN (self), NULL);
  return self->token_url;
}

const char *
ey_demo_token_get_softhsm_conf (EyDemoToken *self)
{
  g_return_val_if_fail (EY_IS_DEMO_TOKEN (self), NULL);
  return self->softhsm_conf;
}
