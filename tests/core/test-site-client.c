/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-site-client"

#include "config.h"

#include <string.h>
#include <signal.h>
#include <sys/resource.h>
#include <glib/gstdio.h>
#include <libsoup/soup.h>

#include "ey-core-error-private.h"
#include "ey-default-database-private.h"
#include "ey-site-page-private.h"
#include "ey-site-client-private.h"
#include "ey-site-profile.h"
#include "test-helpers.h"

#define AYSE    "12345678950"
#define AYSE_PW "Ab3kT9qz"
#define RUNS    30

/* --- kamusm-sim as its own process ----------------------------------------------
 * The libsoup 3.2.3 crash (see request_send() in ey-site-client.c) needs the
 * server's close and the client's restart to race as they do between two
 * processes; with the simulator in the test's own main loop it never shows. */

typedef struct
{
  GSubprocess *proc;
  char        *url;       /* https://127.0.0.1:PORT/bs/ */
  char        *base;      /* https://127.0.0.1:PORT */
  char        *cert;      /* its certificate (PEM) */
  SoupSession *control;
} ExtSim;

static gboolean
accept_any_cb (SoupMessage *msg, GTlsCertificate *cert, GTlsCertificateFlags errors,
               gpointer user_data)
{
  return TRUE;   /* loopback control calls of the test only */
}

static void
ext_sim_start (ExtSim     *sim,
               const char *tls_priority)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_autofree char *exe = g_build_filename (g_getenv ("EY_BUILD_ROOT"), "src", "sim", "kamusm-sim",
                                           NULL);
  const char *argv[] = { exe, "--port", "0", "--captcha", BED_CAPTCHA, "--control",
                         "--trust-ca", test_pki_file ("ca.pem"), NULL };

  memset (sim, 0, sizeof *sim);
  if (tls_priority)
    g_subprocess_launcher_setenv (launcher, "G_TLS_GNUTLS_PRIORITY", tls_priority, TRUE);
  else
    g_subprocess_launcher_unsetenv (launcher, "G_TLS_GNUTLS_PRIORITY");
  sim->proc = ey_test_sim_spawn (launcher, argv, &sim->url, &sim->cert);
  sim->base = g_strndup (sim->url, strstr (sim->url + 8, "/") - sim->url);
  sim->control = soup_session_new ();
}

static void
ext_sim_stop (ExtSim *sim)
{
  ey_test_sim_stop_process (sim->proc);
  g_clear_object (&sim->proc);
  g_clear_object (&sim->control);
  g_clear_pointer (&sim->url, g_free);
  g_clear_pointer (&sim->base, g_free);
  g_clear_pointer (&sim->cert, g_free);
}

static char *
ext_sim_call (ExtSim     *sim,
              const char *method,
              const char *path_and_query)
{
  g_autofree char *url = g_strconcat (sim->base, path_and_query, NULL);
  g_autoptr(SoupMessage) msg = soup_message_new (method, url);
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;

  g_signal_connect (msg, "accept-certificate", G_CALLBACK (accept_any_cb), NULL);
  body = soup_session_send_and_read (sim->control, msg, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (msg), ==, SOUP_STATUS_OK);
  if (g_bytes_get_size (body) == 0)
    return g_strdup ("");
  return g_strndup (g_bytes_get_data (body, NULL), g_bytes_get_size (body));
}

static void
ext_sim_fault (ExtSim     *sim,
               const char *kind,
               const char *page,
               guint       count)
{
  g_autofree char *q = g_strdup_printf ("/_sim/fault?kind=%s&page=%s&count=%u", kind, page, count);
  g_autofree char *answer = ext_sim_call (sim, "POST", q);
}

static guint
ext_sim_count (ExtSim     *sim,
               const char *event)
{
  g_autofree char *log = ext_sim_call (sim, "GET", "/_sim/log");
  g_autofree char *needle = g_strdup_printf ("\"event\":\"%s\"", event);
  guint n = 0;

  for (const char *p = log; (p = strstr (p, needle)) != NULL; p++)
    n++;
  return n;
}

typedef struct
{
  EySiteProfile *profile;
  EySiteClient  *client;
  EySession     *session;
  char          *dir;
  char          *recovery_file;
} Client;

static void
client_init (Client *c,
             ExtSim *sim)
{
  g_autoptr(GError) error = NULL;

  memset (c, 0, sizeof *c);
  c->profile = ey_site_profile_new_default (&error);
  g_assert_no_error (error);
  c->client = ey_site_client_new (c->profile);
  g_assert_true (ey_site_client_set_base_url (c->client, sim->url, &error));
  g_assert_no_error (error);
  g_assert_true (ey_site_client_set_pinned_cert_file (c->client, sim->cert, &error));
  g_assert_no_error (error);
  ey_site_client_set_retry_delay (c->client, 20);
  ey_site_client_set_timeout (c->client, 10);
  c->session = ey_session_new (c->client);
  c->dir = g_dir_make_tmp ("ey-site-client-XXXXXX", &error);
  g_assert_no_error (error);
  c->recovery_file = g_build_filename (c->dir, "pending.ini", NULL);
  ey_session_set_recovery_path (c->session, c->recovery_file);
}

static void
client_clear (Client *c)
{
  g_assert_finalize_object (c->session);
  g_clear_object (&c->client);
  g_clear_object (&c->profile);
  g_unlink (c->recovery_file);
  g_rmdir (c->dir);
  g_clear_pointer (&c->recovery_file, g_free);
  g_clear_pointer (&c->dir, g_free);
}

static EySitePage *
get_page (EySiteClient  *client,
          const char    *href,
          GError       **error)
{
  g_autoptr(GAsyncResult) res = NULL;

  ey_site_client_get_page_async (client, href, NULL, store_result_cb, &res);
  return ey_site_client_get_page_finish (client, wait_for (&res), error);
}

/* Signs in while the site drops the connection on the page after the 303:
 * @drops times (1: our GET retry gets through; 3: every attempt fails). */
static void
sign_in_with_drops (ExtSim *sim,
                    guint   drops)
{
  Client c;
  g_autoptr(GError) error = NULL;
  guint before = ext_sim_count (sim, "login-ok");
  gboolean ok;

  client_init (&c, sim);
  g_assert_true (s_load_sign_in (c.session, &error));
  g_assert_no_error (error);
  ext_sim_fault (sim, "drop", "siparis.go", drops);
  ok = s_sign_in (c.session, BED_CAPTCHA, AYSE, AYSE_PW, &error);
  if (drops < 3)
    {
      g_assert_no_error (error);
      g_assert_true (ok);
      g_assert_cmpint (ey_session_get_step (c.session), ==, EY_SESSION_STEP_ORDERS);
    }
  else
    {
      g_autoptr(EySitePage) page = NULL;

      /* Told apart from a failed sign-in: the site took it */
      g_assert_false (ok);
      g_assert_error (error, EY_CORE_ERROR, EY_CORE_ERROR_FOLLOW_UP_FAILED);
      g_assert_true (g_str_has_suffix (ey_site_client_get_follow_up_url (c.client), "siparis.go"));
      /* …and reading the site again shows where it is, without a second POST */
      g_clear_error (&error);
      page = get_page (c.client, ey_site_client_get_follow_up_url (c.client), &error);
      g_assert_no_error (error);
      g_assert_cmpint (ey_site_page_get_kind (page), ==, EY_SITE_PAGE_KIND_ORDERS);
    }
  g_assert_cmpuint (ext_sim_count (sim, "login-ok"), ==, before + 1);
  client_clear (&c);
}

static void
test_drop_after_sign_in (void)
{
  ExtSim sim;

  ext_sim_start (&sim, NULL);
  for (guint i = 0; i < RUNS; i++)
    {
      sign_in_with_drops (&sim, 1);
      sign_in_with_drops (&sim, 3);
    }
  ext_sim_stop (&sim);
}

static void
walk_to_signing_ext (Client *c,
                     ExtSim *sim)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *code = NULL;
  GPtrArray *orders;

  g_assert_true (s_load_sign_in (c->session, &error));
  g_assert_no_error (error);
  g_assert_true (s_sign_in (c->session, BED_CAPTCHA, AYSE, AYSE_PW, &error));
  g_assert_no_error (error);
  orders = ey_session_get_orders (c->session);
  g_assert_cmpuint (orders->len, >=, 1);
  g_assert_true (s_choose_order (c->session,
                                 ((EySessionOrder *) g_ptr_array_index (orders, 0))->id, &error));
  g_assert_no_error (error);
  ey_session_set_form_value (c->session, "security_word", "gizli-sozcuk");
  ey_session_set_form_value (c->session, "security_word_again", "gizli-sozcuk");
  g_assert_true (s_submit_form (c->session, &error));
  g_assert_no_error (error);
  g_assert_true (s_send_sms (c->session, &error));
  g_assert_no_error (error);
  code = ext_sim_call (sim, "GET", "/_sim/sms?identity=" AYSE);
  g_assert_true (s_submit_sms_code (c->session, code, &error));
  g_assert_no_error (error);
  g_assert_true (s_choose_eonay (c->session, TRUE, &error));
  g_assert_no_error (error);
  g_assert_true (s_accept_consent (c->session, &error));
  g_assert_no_error (error);
  g_assert_cmpint (ey_session_get_step (c->session), ==, EY_SESSION_STEP_SIGNING);
}

/* The E-Onaylı press (a POST answered with 303 to the result page), made by
 * the session after the accepted signature, while the site drops the result
 * page @drops times. */
static void
eonayli_with_drops (ExtSim *sim,
                    guint   drops)
{
  Client c;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) data = NULL;
  g_autoptr(GBytes) cms = NULL;
  g_autofree char *forget = NULL;
  guint before = ext_sim_count (sim, "application-submitted");
  gboolean ok;

  client_init (&c, sim);
  walk_to_signing_ext (&c, sim);
  data = s_fetch_sign_data (c.session, &error);
  g_assert_no_error (error);
  cms = sign_with_openssl (data, "ayse-rsa", TRUE);
  /* The session presses E-Onaylı Başvuru itself once the signature is accepted */
  ext_sim_fault (sim, "drop", "sonuc.go", drops);
  ok = s_submit_signature (c.session, cms, &error);
  if (drops < 3)
    {
      g_assert_no_error (error);
      g_assert_true (ok);
      g_assert_cmpint (ey_session_get_step (c.session), ==, EY_SESSION_STEP_DONE);
    }
  else
    {
      g_assert_false (ok);
      g_assert_error (error, EY_CORE_ERROR, EY_CORE_ERROR_FOLLOW_UP_FAILED);
      g_assert_true (g_str_has_suffix (ey_site_client_get_follow_up_url (c.client), "sonuc.go"));
    }
  /* The application arrived exactly once, whatever the user sees */
  g_assert_cmpuint (ext_sim_count (sim, "application-submitted"), ==, before + 1);
  client_clear (&c);
  forget = ext_sim_call (sim, "POST", "/_sim/forget");
}

static void
test_drop_after_eonayli (void)
{
  ExtSim sim;

  ext_sim_start (&sim, NULL);
  for (guint i = 0; i < RUNS; i++)
    {
      eonayli_with_drops (&sim, 1);
      eonayli_with_drops (&sim, 3);
    }
  ext_sim_stop (&sim);
}

/* --- limits on every answer ------------------------------------------------------ */

static long
peak_rss_kb (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_maxrss;
}

static void
expect_limit (Bed            *bed,
              EySimFaultKind  kind,
              EyCoreError     code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EySitePage) page = NULL;
  gint64 start = g_get_monotonic_time ();

  ey_sim_server_set_fault (bed->sim, kind, "login.go", 0);
  page = get_page (bed->client, "login.go", &error);
  g_assert_null (page);
  g_assert_error (error, EY_CORE_ERROR, (int) code);
  g_test_message ("%s after %.1f s", ey_core_error_nick (code),
                  (g_get_monotonic_time () - start) / 1e6);
  ey_sim_server_clear_faults (bed->sim);
  /* The client is fine afterwards */
  g_clear_error (&error);
  page = get_page (bed->client, "login.go", &error);
  g_assert_no_error (error);
  g_assert_cmpint (ey_site_page_get_kind (page), ==, EY_SITE_PAGE_KIND_LOGIN);
}

static void
test_limits (void)
{
  Bed bed;

  bed_init (&bed, NULL, NULL);
  /* 24 MiB sent chunked, no length announced: stopped at 8 MiB on the wire */
  expect_limit (&bed, EY_SIM_FAULT_BIG_BODY, EY_CORE_ERROR_ANSWER_TOO_LARGE);
  /* 1 MiB that inflates to 1 GiB: stopped at 16 MiB after decompression */
  expect_limit (&bed, EY_SIM_FAULT_GZIP_BOMB, EY_CORE_ERROR_ANSWER_TOO_LARGE);
  g_test_message ("peak RSS %ld KiB", peak_rss_kb ());
#ifndef __SANITIZE_ADDRESS__
  /* AddressSanitizer's quarantine keeps freed answers resident (626 MB measured), so
   * there the figure is only reported. */
  g_assert_cmpint (peak_rss_kb (), <, 300 * 1024);
#endif
  /* One byte every 200 ms never trips the 10 s read timeout; the whole answer
   * has 2 s here */
  ey_site_client_set_limits (bed.client, 0, 0, 2);
  ey_sim_server_set_slow_ms (bed.sim, 200);
  expect_limit (&bed, EY_SIM_FAULT_DRIP, EY_CORE_ERROR_ANSWER_TOO_SLOW);
  /* Small limits refuse a normal page too: the limit is really applied */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(EySitePage) page = NULL;

    ey_site_client_set_limits (bed.client, 100, 0, 0);
    page = get_page (bed.client, "login.go", &error);
    g_assert_error (error, EY_CORE_ERROR, EY_CORE_ERROR_ANSWER_TOO_LARGE);
    g_clear_error (&error);
    ey_site_client_set_limits (bed.client, 0, 100, 0);
    page = get_page (bed.client, "login.go", &error);
    g_assert_error (error, EY_CORE_ERROR, EY_CORE_ERROR_ANSWER_TOO_LARGE);
  }
  bed_clear (&bed);
}

/* --- TLS 1.2 or newer only -------------------------------------------------------- */

static void
test_tls_old_refused (void)
{
  ExtSim sim;
  Client c;
  g_autoptr(GError) error = NULL;
  g_autoptr(EySitePage) page = NULL;

  /* A site that speaks only TLS 1.0 and 1.1 */
  ext_sim_start (&sim, "NORMAL:-VERS-ALL:+VERS-TLS1.1:+VERS-TLS1.0");
  client_init (&c, &sim);
  page = get_page (c.client, "login.go", &error);
  g_assert_null (page);
  g_assert_nonnull (error);
  g_test_message ("TLS 1.0/1.1 only: %s", error->message);
  g_assert_true (g_error_matches (error, EY_CORE_ERROR, EY_CORE_ERROR_TLS_FAILED) ||
                 g_error_matches (error, EY_CORE_ERROR, EY_CORE_ERROR_TLS_TOO_OLD));
  client_clear (&c);
  ext_sim_stop (&sim);

  /* The same simulator with TLS 1.2 is fine */
  ext_sim_start (&sim, "NORMAL:-VERS-ALL:+VERS-TLS1.2");
  client_init (&c, &sim);
  g_clear_error (&error);
  page = get_page (c.client, "login.go", &error);
  g_assert_no_error (error);
  g_assert_cmpint (ey_site_page_get_kind (page), ==, EY_SITE_PAGE_KIND_LOGIN);
  client_clear (&c);
  ext_sim_stop (&sim);
}

/* --- Which TLS database a connection starts with -----------------------------------
 * A new connection starts with the process's default database; the GnuTLS backend
 * reads the whole system trust store for it when that is its own kind, although
 * libsoup gives it the session's database right after (ey-default-database.c). */

static void
test_tls_databases (void)
{
  ExtSim sim;
  Client c;
  g_autoptr(GError) error = NULL;
  g_autoptr(EySitePage) page = NULL;
  g_autoptr(GTlsDatabase) fallback = NULL;
  g_autoptr(GTlsDatabase) system = NULL;
  g_autoptr(GTlsCertificate) cert = NULL;
  g_autoptr(GSocketConnectable) identity = NULL;
  g_autoptr(GIOStream) base = NULL;
  g_autoptr(GIOStream) connection = NULL;
  g_autoptr(EySiteClient) unpinned = NULL;
  GTlsCertificateFlags by_system, by_default;

  ext_sim_start (&sim, NULL);
  client_init (&c, &sim);
  page = get_page (c.client, "login.go", &error);
  g_assert_no_error (error);
  g_assert_cmpint (ey_site_page_get_kind (page), ==, EY_SITE_PAGE_KIND_LOGIN);

  /* A client's first request made the cheap one the default ... */
  fallback = g_tls_backend_get_default_database (g_tls_backend_get_default ());
  g_assert_true (EY_IS_DEFAULT_DATABASE (fallback));
  base = g_simple_io_stream_new (g_memory_input_stream_new (),
                                 g_memory_output_stream_new_resizable ());
  connection = g_tls_client_connection_new (base, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_tls_connection_get_database (G_TLS_CONNECTION (connection)) == fallback);

  /* ... which still judges as the system's trust does */
  system = _ey_default_database_get_system ();
  g_assert_nonnull (system);
  g_assert_false (EY_IS_DEFAULT_DATABASE (system));
  cert = g_tls_certificate_new_from_file (sim.cert, &error);
  g_assert_no_error (error);
  identity = g_network_address_new ("127.0.0.1", 443);
  by_system = g_tls_database_verify_chain (system, cert, G_TLS_DATABASE_PURPOSE_AUTHENTICATE_SERVER,
                                           identity, NULL, G_TLS_DATABASE_VERIFY_NONE, NULL, NULL);
  by_default = g_tls_database_verify_chain (fallback, cert, G_TLS_DATABASE_PURPOSE_AUTHENTICATE_SERVER,
                                            identity, NULL, G_TLS_DATABASE_VERIFY_NONE, NULL, NULL);
  g_assert_cmpuint (by_default, ==, by_system);
  g_assert_true (by_system & G_TLS_CERTIFICATE_UNKNOWN_CA);

  /* A client with neither pin nor CA file trusts the system's store: not the simulator */
  unpinned = ey_site_client_new (c.profile);
  g_assert_true (ey_site_client_set_base_url (unpinned, sim.url, &error));
  ey_site_client_set_retry_delay (unpinned, 20);
  g_clear_pointer (&page, g_object_unref);
  page = get_page (unpinned, "login.go", &error);
  g_assert_null (page);
  g_assert_error (error, EY_CORE_ERROR, EY_CORE_ERROR_TLS_UNTRUSTED);

  client_clear (&c);
  ext_sim_stop (&sim);
}

/* A program that forgot ey_site_client_init_tls_policy() in main() hears of it
 * (a critical) and its client sends nothing. */
static void
test_tls_policy_missing (void)
{
  if (g_test_subprocess ())
    {
      g_autoptr(EySiteProfile) profile = NULL;
      g_autoptr(EySiteClient) client = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(EySitePage) page = NULL;

      /* Not fatal here: what comes after the critical is tested too */
      g_log_set_always_fatal (G_LOG_FATAL_MASK);
      profile = ey_site_profile_new_default (&error);
      g_assert_no_error (error);
      client = ey_site_client_new (profile);
      page = get_page (client, "login.go", &error);
      g_assert_null (page);
      g_assert_error (error, EY_CORE_ERROR, EY_CORE_ERROR_FAILED);
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  g_test_trap_assert_stderr ("*CRITICAL*ey_site_client_init_tls_policy() was not called*");
}

int
main (int    argc,
      char **argv)
{
  gboolean no_policy = FALSE;

  /* The child of /site-client/tls-policy-missing runs without the policy */
  for (int i = 1; i < argc; i++)
    if (strstr (argv[i], "tls-policy-missing") != NULL)
      no_policy = TRUE;
  if (!no_policy)
    ey_site_client_init_tls_policy ();
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/site-client/drop-after-sign-in", test_drop_after_sign_in);
  g_test_add_func ("/site-client/drop-after-eonayli", test_drop_after_eonayli);
  g_test_add_func ("/site-client/limits", test_limits);
  g_test_add_func ("/site-client/tls-old-refused", test_tls_old_refused);
  g_test_add_func ("/site-client/tls-policy-missing", test_tls_policy_missing);
  g_test_add_func ("/site-client/tls-databases", test_tls_databases);
  return g_test_run ();
}
