/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The --demo token: a demo CA, a demo NES certificate valid for 60 days and a SoftHSM2
 * token "DEMO" holding it, found through p11-kit like any card, and signing with it. */
#define G_LOG_DOMAIN "test-demo-token"

#include "config.h"

#include <string.h>

#include <gnutls/x509.h>

#include "ey-demo-token-private.h"
#include "sim/ey-sim-cms.h"
#include "ey-signer.h"
#include "ey-token-manager.h"
#include "token-fixture.h"
#include "ey-token-layer.h"
#include "ey-token-error.h"
#include "ey-token.h"
#include "ey-certificate-private.h"

static char *dir;
static EyDemoToken *demo;

typedef struct
{
  gboolean   done;
  GPtrArray *tokens;
} ListResult;

static void
list_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  ListResult *r = user_data;
  g_autoptr(GError) error = NULL;

  r->tokens = ey_token_manager_list_tokens_finish (EY_TOKEN_MANAGER (source), result, &error);
  g_assert_no_error (error);
  r->done = TRUE;
}

static void
test_demo_token (void)
{
  g_autoptr(GPtrArray) tokens = NULL;
  g_autoptr(GPtrArray) certs = NULL;
  g_autoptr(GBytes) data = g_bytes_new_static ("demo", 4);
  g_autoptr(GBytes) content = NULL;
  g_autoptr(GBytes) cms = NULL;
  g_autoptr(EyCertificate) from_file = NULL;
  g_autoptr(GError) error = NULL;
  EyCertificate *cert;
  gboolean found = FALSE;

  g_assert_true (g_file_test (ey_demo_token_get_ca_file (demo), G_FILE_TEST_IS_REGULAR));
  g_assert_cmpstr (g_getenv ("SOFTHSM2_CONF"), ==, ey_demo_token_get_softhsm_conf (demo));
  g_assert_cmpstr (ey_demo_token_get_token_url (demo), ==, "pkcs11:token=DEMO");

  /* Through the registered modules, as the application finds any card. */
  {
    ListResult lr = { FALSE, NULL };

    ey_token_manager_list_tokens_async (ey_token_manager_get_default (), NULL, list_cb, &lr);
    token_fixture_wait (&lr.done);
    tokens = lr.tokens;
  }

  for (guint i = 0; i < tokens->len; i++)
    if (g_strcmp0 (ey_token_get_label (g_ptr_array_index (tokens, i)), EY_DEMO_LABEL) == 0)
      found = TRUE;
  g_assert_true (found);

  certs = ey_token_manager_collect_certificates (tokens);
  /* Like the application: keep the certificates, drop the tokens. */
  g_clear_pointer (&tokens, g_ptr_array_unref);
  cert = ey_certificate_pick_signing (certs, EY_DEMO_IDENTITY, NULL);
  g_assert_nonnull (cert);
  g_assert_nonnull (ey_certificate_get_token (cert));
  g_assert_cmpstr (ey_token_get_label (ey_certificate_get_token (cert)), ==, EY_DEMO_LABEL);
  g_assert_cmpstr (ey_certificate_get_holder_name (cert), ==, EY_DEMO_NAME);
  g_assert_true (ey_certificate_is_qualified (cert));
  g_assert_true (ey_certificate_is_nes_signing (cert, NULL));
  g_assert_true (ey_certificate_is_renewal_window_open (cert, NULL));
  g_assert_cmpint (ey_certificate_get_expires_in_days (cert, NULL), >=, 59);
  g_assert_cmpint (ey_certificate_get_expires_in_days (cert, NULL), <=, 60);

  from_file = ey_certificate_new_from_file (ey_demo_token_get_certificate_file (demo), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (ey_certificate_get_fingerprint (from_file), ==,
                   ey_certificate_get_fingerprint (cert));

  cms = token_fixture_sign (cert, data, EY_DEMO_PIN, 0, EY_DEMO_IDENTITY, NULL, &error);
  g_assert_no_error (error);
  content = token_fixture_verify_cms_with_ca (cms, ey_demo_token_get_ca_file (demo));
  g_assert_true (g_bytes_equal (content, data));

  /* The in-process simulator, trusting the demo CA, accepts it for the demo person. */
  {
    gnutls_x509_trust_list_t trust = NULL;
    g_autofree char *detail = NULL;

    gnutls_x509_trust_list_init (&trust, 0);
    g_assert_cmpint (gnutls_x509_trust_list_add_trust_file (trust,
                                                            ey_demo_token_get_ca_file (demo),
                                                            NULL, GNUTLS_X509_FMT_PEM, 0, 0),
                     ==, 1);
    g_assert_cmpint (ey_sim_cms_verify (cms, data, trust, EY_DEMO_IDENTITY,
                                        g_get_real_time () / G_USEC_PER_SEC, &detail),
                     ==, EY_SIM_CMS_OK);
    gnutls_x509_trust_list_deinit (trust, 1);
  }
}

/* Each demo colleague's card: their name and number, their end date, signed by the
 * demo CA, so the simulator accepts their E-Onay signature. */
static void
test_demo_colleagues (void)
{
  g_autoptr(GPtrArray) tokens = NULL;
  g_autoptr(GPtrArray) certs = NULL;
  g_autoptr(GBytes) data = g_bytes_new_static ("colleague", 9);
  guint n = 0;
  const EyDemoColleague *colleagues = ey_demo_colleagues (&n);
  ListResult lr = { FALSE, NULL };

  g_assert_cmpuint (n, >=, 3);
  ey_token_manager_list_tokens_async (ey_token_manager_get_default (), NULL, list_cb, &lr);
  token_fixture_wait (&lr.done);
  tokens = lr.tokens;
  certs = ey_token_manager_collect_certificates (tokens);
  for (guint i = 0; i < n; i++)
    {
      EyCertificate *cert = ey_certificate_pick_signing (certs, colleagues[i].identity, NULL);
      gnutls_x509_trust_list_t trust = NULL;
      g_autofree char *detail = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) cms = NULL;

      g_assert_nonnull (cert);
      g_assert_cmpstr (ey_certificate_get_holder_name (cert), ==, colleagues[i].name);
      g_assert_cmpstr (ey_token_get_label (ey_certificate_get_token (cert)), ==,
                       colleagues[i].label);
      g_assert_cmpint (ey_certificate_get_expires_in_days (cert, NULL), >=, colleagues[i].days - 1);
      g_assert_cmpint (ey_certificate_get_expires_in_days (cert, NULL), <=, colleagues[i].days);
      g_assert_true (ey_certificate_is_renewal_window_open (cert, NULL));

      /* A PIN is wiped once used: a new one each time */
      cms = token_fixture_sign (cert, data, EY_DEMO_PIN, 0, colleagues[i].identity, NULL, &error);
      g_assert_no_error (error);
      gnutls_x509_trust_list_init (&trust, 0);
      g_assert_cmpint (gnutls_x509_trust_list_add_trust_file (trust,
                                                              ey_demo_token_get_ca_file (demo),
                                                              NULL, GNUTLS_X509_FMT_PEM, 0, 0),
                       ==, 1);
      g_assert_cmpint (ey_sim_cms_verify (cms, data, trust, colleagues[i].identity,
                                          g_get_real_time () / G_USEC_PER_SEC, &detail),
                       ==, EY_SIM_CMS_OK);
      gnutls_x509_trust_list_deinit (trust, 1);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  gint64 started;
  guint n_colleagues = 0;
  int ret;

  token_fixture_take_args (&argc, &argv);
  g_test_init (&argc, &argv, NULL);

  /* As eimza-yenile --demo does: first thing, before any module is loaded. */
  dir = g_dir_make_tmp ("ey-demo-XXXXXX", &error);
  g_assert_no_error (error);
  /* With the officer's colleagues' cards, as with officer mode on (how long the demo's
   * start takes for them is reported, not asserted). */
  started = g_get_monotonic_time ();
  demo = ey_demo_token_new (dir, &error);
  if (demo != NULL)
    ey_demo_token_add_colleagues (demo, &error);
  ey_demo_colleagues (&n_colleagues);
  g_test_message ("demo card and %u colleagues' cards made in %.0f ms", n_colleagues,
                  (g_get_monotonic_time () - started) / 1000.0);
  if (error != NULL)
    g_printerr ("%s\n", ey_token_error_get_detail (error));
  g_assert_no_error (error);

  g_test_add_func ("/token/demo", test_demo_token);
  g_test_add_func ("/token/demo/colleagues", test_demo_colleagues);
  ret = g_test_run ();
  ey_token_layer_shutdown ();

  g_clear_object (&demo);
  token_fixture_teardown (g_steal_pointer (&dir));
  return ret;
}
