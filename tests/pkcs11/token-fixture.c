/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "token-fixture"

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "token-fixture.h"
#include "ey-test-common.h"
#include "ey-pin-private.h"

static char *
env_or_fail (const char *name)
{
  const char *value = g_getenv (name);

  if (value == NULL)
    g_error ("%s is not set (run through meson test)", name);
  return g_strdup (value);
}

void
token_fixture_take_args (int    *argc,
                         char ***argv)
{
  static const char * const names[] = { "EY_MAKE_TOKEN", "EY_TEST_PKI_DIR",
                                        "EY_QUIRKY_MODULE" };
  guint taken = 0;

  while (taken < G_N_ELEMENTS (names) && *argc > 1 + (int) taken
         && (*argv)[1 + taken][0] != '-')
    {
      g_setenv (names[taken], (*argv)[1 + taken], TRUE);
      taken++;
    }
  for (int i = 1; i + (int) taken <= *argc; i++)
    (*argv)[i] = (*argv)[i + taken];
  *argc -= taken;
}

char *
token_fixture_setup (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("ey-token-XXXXXX", &error);
  g_autofree char *conf = NULL;
  g_autofree char *tokens = NULL;
  g_autofree char *text = NULL;

  g_assert_no_error (error);
  conf = g_build_filename (dir, "softhsm2.conf", NULL);
  tokens = g_build_filename (dir, "tokens", NULL);
  g_mkdir (tokens, 0700);
  text = g_strdup_printf ("directories.tokendir = %s\nobjectstore.backend = file\n"
                          "log.level = ERROR\nslots.removable = false\n", tokens);
  g_file_set_contents (conf, text, -1, &error);
  g_assert_no_error (error);
  g_setenv ("SOFTHSM2_CONF", conf, TRUE);
  return dir;
}

void
token_fixture_teardown (char *dir)
{
  ey_test_remove_tree (dir);
  g_free (dir);
}

char *
token_fixture_pki_file (const char *name)
{
  g_autofree char *pki = env_or_fail ("EY_TEST_PKI_DIR");

  return g_build_filename (pki, name, NULL);
}

void
token_fixture_make_token (const char *dir,
                          const char *label,
                          const char *pin,
                          const char *pki_name,
                          const char *id)
{
  g_autofree char *script = env_or_fail ("EY_MAKE_TOKEN");
  g_autofree char *pki = env_or_fail ("EY_TEST_PKI_DIR");

  ey_test_make_token (script, dir, pki, label, pin, pki_name, id);
}

void
token_fixture_wait (gboolean *done)
{
  ey_test_wait_flag (done, 30, "an async result");
}

/* Fails the test unless the program exits with 0; its stderr goes to *err. */
static void
run_checked (const char * const *argv,
             char              **err)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  char *err_text = NULL;
  int status = 0;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out,
                &err_text, &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("%s failed: %s%s", argv[0], out, err_text);
  if (err != NULL)
    *err = err_text;
  else
    g_free (err_text);
}

GBytes *
token_fixture_verify_cms (GBytes *cms)
{
  g_autofree char *ca = token_fixture_pki_file ("ca.pem");

  return token_fixture_verify_cms_with_ca (cms, ca);
}

GBytes *
token_fixture_verify_cms_with_ca (GBytes     *cms,
                                  const char *ca)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *tmp = g_dir_make_tmp ("ey-cms-XXXXXX", &error);
  g_autofree char *sig = NULL;
  g_autofree char *content = NULL;
  g_autofree char *certtool_out = NULL;
  char *data = NULL;
  gsize length = 0;

  g_assert_no_error (error);
  sig = g_build_filename (tmp, "sig.der", NULL);
  content = g_build_filename (tmp, "content", NULL);
  g_file_set_contents (sig, g_bytes_get_data (cms, NULL), g_bytes_get_size (cms), &error);
  g_assert_no_error (error);

  {
    /* -cades makes openssl insist on a matching signing-certificate-v2. */
    const char *argv[] = { "openssl", "cms", "-verify", "-cades", "-CAfile", ca,
                           "-purpose", "any", "-inform", "DER", "-in", sig,
                           "-out", content, NULL };
    run_checked (argv, NULL);
  }
  {
    const char *argv[] = { "certtool", "--p7-verify", "--load-ca-certificate", ca,
                           "--inder", "--infile", sig, NULL };
    /* certtool reports on stderr. */
    run_checked (argv, &certtool_out);
    g_assert_nonnull (strstr (certtool_out, "Signature status: ok"));
  }

  g_file_get_contents (content, &data, &length, &error);
  g_assert_no_error (error);
  g_unlink (sig);
  g_unlink (content);
  g_rmdir (tmp);
  return g_bytes_new_take (data, length);
}

typedef struct
{
  gboolean  done;
  GBytes   *cms;
  GError   *error;
} SignResult;

static void
sign_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  SignResult *r = user_data;

  r->cms = ey_signer_sign_finish (EY_CERTIFICATE (source), result, &r->error);
  r->done = TRUE;
}

GBytes *
token_fixture_sign (EyCertificate *cert,
                    GBytes        *data,
                    const char    *pin_text,
                    EySignFlags    flags,
                    const char    *identity,
                    GCancellable  *cancellable,
                    GError       **error)
{
  g_autoptr(EyPin) pin = pin_text ? ey_pin_new (pin_text, -1) : NULL;
  SignResult r = { FALSE, NULL, NULL };

  ey_signer_sign_async (cert, data, pin, flags, identity, cancellable, sign_cb, &r);
  token_fixture_wait (&r.done);
  /* The signer wipes the PIN whatever happened. */
  if (pin != NULL)
    {
      g_assert_true (ey_pin_is_wiped (pin));
      g_assert_cmpuint (ey_pin_get_length (pin), ==, 0);
    }
  if (r.error != NULL)
    g_propagate_error (error, r.error);
  return r.cms;
}
