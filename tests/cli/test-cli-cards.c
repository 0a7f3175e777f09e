/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * eimza-yenile-cli cards: tokens and certificates on SoftHSM2 tokens made at test time
 * (/cli/cards/softhsm/…); readers, a virtual AKİS card and a mute one through pcscd and
 * vpcd, then pcscd stopped (/cli/cards/pcscd: needs $EY_PCSCD_CTL and stops the one
 * machine-wide pcscd, so meson runs it on its own; pcscd is left as it was found).
 *
 * Arguments (from meson): make-token script, PKI folder, quirky module, the CLI.
 */
#define G_LOG_DOMAIN "test-cli-cards"

#include "config.h"

#include <locale.h>
#include <string.h>

#include <json-glib/json-glib.h>

#include "ey-card-monitor.h"
#include "ey-vcard.h"
#include "token-fixture.h"

#define AKIS_ATR "3BBA11008131FE4D55454B41452056312E30AE"

static char *cli_path;

typedef struct
{
  int        status;   /* exit code */
  char      *out;
  char      *err;
  JsonNode  *json;     /* for --json runs */
} Run;

static void
run_clear (Run *run)
{
  g_clear_pointer (&run->out, g_free);
  g_clear_pointer (&run->err, g_free);
  g_clear_pointer (&run->json, json_node_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

/* Runs "eimza-yenile-cli cards [--json]" in the C locale (English texts); the child
 * inherits SOFTHSM2_CONF from token_fixture_setup (). */
static void
run_cards (gboolean  json,
           Run      *run)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) child = NULL;
  g_autoptr(GError) error = NULL;

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                        G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_setenv (launcher, "LC_ALL", "C.UTF-8", TRUE);
  g_subprocess_launcher_unsetenv (launcher, "LANGUAGE");
  child = g_subprocess_launcher_spawn (launcher, &error, cli_path, "cards",
                                       json ? "--json" : NULL, NULL);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (child, NULL, NULL, &run->out, &run->err, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (child));
  run->status = g_subprocess_get_exit_status (child);
  g_test_message ("cards%s → %d\n%s%s", json ? " --json" : "", run->status, run->out,
                  run->err);

  if (json)
    {
      run->json = json_from_string (run->out, &error);
      g_assert_no_error (error);
      g_assert_nonnull (run->json);
      g_assert_true (JSON_NODE_HOLDS_OBJECT (run->json));
      g_assert_cmpint (json_object_get_int_member (json_node_get_object (run->json),
                                                   "schema_version"), ==, 1);
    }
  /* Nothing may go to stderr: G_DEBUG=fatal-warnings would have aborted on a warning,
   * and the results belong on stdout. */
  g_assert_cmpstr (run->err, ==, "");
}

static const char *
service_state (Run *run)
{
  JsonObject *root = json_node_get_object (run->json);

  return json_object_get_string_member (json_object_get_object_member (root, "card_service"),
                                        "state");
}

/* The documented exit codes: 1 when pcscd is not running, 0 otherwise. */
static void
assert_exit_code (Run *run)
{
  if (g_strcmp0 (service_state (run), "service-not-running") == 0)
    g_assert_cmpint (run->status, ==, 1);
  else
    g_assert_cmpint (run->status, ==, 0);
}

static JsonObject *
find_token (Run        *run,
            const char *label)
{
  JsonArray *tokens = json_object_get_array_member (json_node_get_object (run->json), "tokens");

  for (guint i = 0; i < json_array_get_length (tokens); i++)
    {
      JsonObject *token = json_array_get_object_element (tokens, i);

      if (g_strcmp0 (json_object_get_string_member (token, "label"), label) == 0)
        return token;
    }
  g_error ("token “%s” not listed", label);
  return NULL;
}

/* make-token labels each certificate object with the PKI file's name. */
static JsonObject *
find_certificate (JsonObject *token,
                  const char *pki_name)
{
  JsonArray *certs = json_object_get_array_member (token, "certificates");
  g_autofree char *needle = g_strdup_printf (";object=%s;", pki_name);

  for (guint i = 0; i < json_array_get_length (certs); i++)
    {
      JsonObject *cert = json_array_get_object_element (certs, i);

      if (strstr (json_object_get_string_member (cert, "url"), needle) != NULL)
        return cert;
    }
  g_error ("certificate %s not listed", pki_name);
  return NULL;
}

/* days_left must agree with not_after and the run's own checked_at (whole days, floor):
 * the check holds whatever the clock says. */
static void
assert_days_left (Run        *run,
                  JsonObject *cert)
{
  JsonObject *root = json_node_get_object (run->json);
  g_autoptr(GDateTime) checked = NULL;
  g_autoptr(GDateTime) not_after = NULL;
  GTimeSpan span;
  gint64 expected;

  checked = g_date_time_new_from_iso8601 (json_object_get_string_member (root, "checked_at"),
                                          NULL);
  not_after = g_date_time_new_from_iso8601 (json_object_get_string_member (cert, "not_after"),
                                            NULL);
  g_assert_nonnull (checked);
  g_assert_nonnull (not_after);
  span = g_date_time_difference (not_after, checked);
  expected = span >= 0 ? span / G_TIME_SPAN_DAY
                       : -((-span + G_TIME_SPAN_DAY - 1) / G_TIME_SPAN_DAY);
  /* checked_at has whole seconds: allow the day boundary to fall inside that second. */
  g_assert_cmpint (ABS (json_object_get_int_member (cert, "days_left") - expected), <=, 1);
}

static void
assert_contains (const char *haystack,
                 const char *needle)
{
  if (strstr (haystack, needle) == NULL)
    g_error ("“%s” not found in:\n%s", needle, haystack);
}

/* ---- tokens ------------------------------------------------------------------------- */

static void
test_tokens (void)
{
  g_autofree char *dir = token_fixture_setup ();
  g_auto(Run) json = { 0 };
  g_auto(Run) text = { 0 };
  JsonObject *token, *rsa, *auth, *pin;

  token_fixture_make_token (dir, "ayse", "123456", "ayse-rsa", "01");
  token_fixture_make_token (dir, "ayse", "123456", "ayse-auth", "02");

  run_cards (TRUE, &json);
  assert_exit_code (&json);
  token = find_token (&json, "ayse");
  g_assert_cmpstr (json_object_get_string_member (token, "model"), ==, "SoftHSM v2");
  g_assert_cmpstr (json_object_get_string_member (token, "module"), ==, "libsofthsm2.so");
  g_assert_nonnull (json_object_get_string_member (token, "serial"));
  pin = json_object_get_object_member (token, "pin");
  g_assert_false (json_object_get_boolean_member (pin, "count_low"));
  g_assert_false (json_object_get_boolean_member (pin, "final_try"));
  g_assert_false (json_object_get_boolean_member (pin, "locked"));
  g_assert_false (json_object_get_boolean_member (pin, "pin_pad"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (token, "certificates")),
                    ==, 2);

  rsa = find_certificate (token, "ayse-rsa");
  g_assert_cmpstr (json_object_get_string_member (rsa, "holder_name"), ==, "AYŞE YILMAZ");
  g_assert_cmpstr (json_object_get_string_member (rsa, "identity_number"), ==, "12345678950");
  g_assert_cmpstr (json_object_get_string_member (rsa, "issuer_name"), ==,
                   "TÜBİTAK UEKAE Kamu Elektronik Sertifika Hizmet Sağlayıcısı-Test");
  g_assert_cmpstr (json_object_get_string_member (rsa, "validity"), ==, "valid");
  g_assert_true (json_object_get_boolean_member (rsa, "qualified"));
  g_assert_true (json_object_get_boolean_member (rsa, "has_private_key"));
  g_assert_true (json_object_get_boolean_member (rsa, "nes_signing"));
  g_assert_true (json_object_get_boolean_member (rsa, "renewal_window_open"));
  assert_days_left (&json, rsa);

  auth = find_certificate (token, "ayse-auth");
  g_assert_cmpstr (json_object_get_string_member (auth, "identity_number"), ==, "12345678950");
  g_assert_cmpstr (json_object_get_string_member (auth, "validity"), ==, "valid");
  g_assert_false (json_object_get_boolean_member (auth, "qualified"));
  g_assert_true (json_object_get_boolean_member (auth, "has_private_key"));
  g_assert_false (json_object_get_boolean_member (auth, "nes_signing"));
  g_assert_false (json_object_get_boolean_member (auth, "renewal_window_open"));
  assert_days_left (&json, auth);

  run_cards (FALSE, &text);
  /* pcscd may have come or gone since the JSON run: judge the exit code by this run. */
  g_assert_cmpint (text.status, ==,
                   strstr (text.out, "The card service (pcscd) is not running.") ? 1 : 0);
  assert_contains (text.out, "\nTokens\n  ayse\n");
  assert_contains (text.out, "    Certificate      AYŞE YILMAZ\n"
                             "    Identity number  12345678950\n");
  assert_contains (text.out, "    NES signing      yes: a qualified signing certificate");
  assert_contains (text.out, "    NES signing      no: not a qualified signing certificate");
  assert_contains (text.out, "    Renewal          open: the certificate can be renewed now");

  token_fixture_teardown (g_steal_pointer (&dir));
}

static void
test_validity (void)
{
  g_autofree char *dir = token_fixture_setup ();
  g_auto(Run) json = { 0 };
  g_auto(Run) text = { 0 };
  JsonObject *ali, *fatma;

  token_fixture_make_token (dir, "ali", "123456", "ali-rsa", "01");
  token_fixture_make_token (dir, "fatma", "123456", "fatma-expired", "01");

  run_cards (TRUE, &json);
  assert_exit_code (&json);

  /* Two years left: a good signing certificate, but too early to renew. */
  ali = find_certificate (find_token (&json, "ali"), "ali-rsa");
  g_assert_cmpstr (json_object_get_string_member (ali, "identity_number"), ==, "45678912316");
  g_assert_cmpstr (json_object_get_string_member (ali, "validity"), ==, "valid");
  g_assert_true (json_object_get_boolean_member (ali, "nes_signing"));
  g_assert_false (json_object_get_boolean_member (ali, "renewal_window_open"));
  g_assert_cmpint (json_object_get_int_member (ali, "days_left"), >, 92);
  assert_days_left (&json, ali);

  fatma = find_certificate (find_token (&json, "fatma"), "fatma-expired");
  g_assert_cmpstr (json_object_get_string_member (fatma, "validity"), ==, "expired");
  g_assert_cmpint (json_object_get_int_member (fatma, "days_left"), <, 0);
  g_assert_false (json_object_get_boolean_member (fatma, "nes_signing"));
  g_assert_false (json_object_get_boolean_member (fatma, "renewal_window_open"));
  g_assert_cmpstr (json_object_get_string_member (fatma, "not_after"), ==,
                   "2023-01-01T00:00:00Z");
  assert_days_left (&json, fatma);

  run_cards (FALSE, &text);
  assert_contains (text.out, "    Renewal          not yet: renewal opens three months");
  assert_contains (text.out, " days ago)\n    NES signing      no: the certificate is not valid now\n"
                             "    Renewal          too late:");

  token_fixture_teardown (g_steal_pointer (&dir));
}

/* A wrong PIN: SoftHSM2 keeps CKF_USER_PIN_COUNT_LOW in the token until a good login. */
static void
test_pin_count_low (void)
{
  g_autofree char *dir = token_fixture_setup ();
  g_auto(Run) json = { 0 };
  g_auto(Run) text = { 0 };
  const char *argv[] = { "p11tool", "--login", "--list-privkeys", "pkcs11:token=ayse", NULL };
  g_auto(GStrv) envp = g_environ_setenv (g_get_environ (), "GNUTLS_PIN", "999999", TRUE);
  g_autoptr(GError) error = NULL;
  JsonObject *pin;

  token_fixture_make_token (dir, "ayse", "123456", "ayse-rsa", "01");
  g_spawn_sync (NULL, (char **) argv, envp,
                G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                NULL, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);

  run_cards (TRUE, &json);
  pin = json_object_get_object_member (find_token (&json, "ayse"), "pin");
  g_assert_true (json_object_get_boolean_member (pin, "count_low"));
  g_assert_false (json_object_get_boolean_member (pin, "locked"));
  g_assert_cmpstr (json_object_get_string_member (pin, "message"), ==,
                   "A wrong PIN was entered before. The card locks after three wrong PINs.");

  run_cards (FALSE, &text);
  assert_contains (text.out, "    PIN              A wrong PIN was entered before.");

  token_fixture_teardown (g_steal_pointer (&dir));
}

/* ---- lifetime ----------------------------------------------------------------------- */

#define REPEAT_RUNS 300

/* Issue 9: about one run in ten died with SIGSEGV at exit (SoftHSM's C_Finalize on a
 * GTask worker racing exit () on the main thread).  Every run must end by itself with
 * a documented exit code, list the token and print nothing on stderr. */
static void
test_repeat (void)
{
  g_autofree char *dir = token_fixture_setup ();
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  gint64 start;
  guint abnormal = 0;

  token_fixture_make_token (dir, "ayse", "123456", "ayse-rsa", "01");
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                        G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_setenv (launcher, "LC_ALL", "C.UTF-8", TRUE);
  g_subprocess_launcher_unsetenv (launcher, "LANGUAGE");

  start = g_get_monotonic_time ();
  for (guint i = 0; i < REPEAT_RUNS; i++)
    {
      g_autoptr(GSubprocess) child = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;

      child = g_subprocess_launcher_spawn (launcher, &error, cli_path, "cards", NULL);
      g_assert_no_error (error);
      g_subprocess_communicate_utf8 (child, NULL, NULL, &out, &err, &error);
      g_assert_no_error (error);
      if (!g_subprocess_get_if_exited (child))
        {
          abnormal++;
          g_test_message ("run %u: killed by signal %d\n%s%s", i + 1,
                          g_subprocess_get_term_sig (child), out, err);
          continue;
        }
      /* 1 only when pcscd is not running (another test may stop it meanwhile). */
      g_assert_cmpint (g_subprocess_get_exit_status (child), ==,
                       strstr (out, "The card service (pcscd) is not running.") ? 1 : 0);
      assert_contains (out, "\nTokens\n  ayse\n");
      g_assert_cmpstr (err, ==, "");
    }
  g_test_message ("cards × %u: %u abnormal exits, %.1f s", REPEAT_RUNS, abnormal,
                  (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC);
  g_assert_cmpuint (abnormal, ==, 0);

  token_fixture_teardown (g_steal_pointer (&dir));
}

/* ---- pcscd -------------------------------------------------------------------------- */

static gboolean
pcscd_ctl (const char *command)
{
  const char *argv[] = { g_getenv ("EY_PCSCD_CTL"), command, NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL, *err = NULL;
  int status = 0;

  g_assert_nonnull (argv[0]);
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err,
                &status, &error);
  g_assert_no_error (error);
  if (strcmp (command, "status") == 0)
    return g_spawn_check_wait_status (status, NULL);
  if (!g_spawn_check_wait_status (status, &error))
    g_error ("pcscd-ctl %s failed: %s\n%s%s", command, error->message, out, err);
  return TRUE;
}

/* Waits until pcscd itself reports the virtual card (@atr, or mute when NULL) in
 * @reader_name, so that the CLI, which takes one look, cannot be faster than vpcd. */
static void
wait_for_card (const char *reader_name,
               const char *atr)
{
  g_autoptr(EyCardMonitor) monitor = ey_card_monitor_new (NULL);
  gint64 deadline = g_get_monotonic_time () + 20 * G_TIME_SPAN_SECOND;

  ey_card_monitor_start (monitor);
  for (;;)
    {
      EyCardReader *reader = ey_card_monitor_find_reader (monitor, reader_name);

      if (reader != NULL && (atr != NULL ? g_strcmp0 (ey_card_reader_get_atr (reader), atr) == 0
                                         : ey_card_reader_get_mute (reader)))
        break;
      if (g_get_monotonic_time () > deadline)
        g_error ("pcscd did not report the card in %s", reader_name);
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (5000);
    }
  ey_card_monitor_stop (monitor);
}

static JsonObject *
find_reader (Run        *run,
             const char *name)
{
  JsonArray *readers = json_object_get_array_member (json_node_get_object (run->json),
                                                     "readers");

  for (guint i = 0; i < json_array_get_length (readers); i++)
    {
      JsonObject *reader = json_array_get_object_element (readers, i);

      if (g_strcmp0 (json_object_get_string_member (reader, "name"), name) == 0)
        return reader;
    }
  g_error ("reader “%s” not listed", name);
  return NULL;
}

/* Runs in a subprocess so that the parent restores pcscd even when a check fails. */
static void
pcscd_checks (void)
{
  g_autofree char *dir = token_fixture_setup ();
  const char *reader_name = ey_vcard_reader_name (0);
  g_autoptr(GError) error = NULL;
  JsonObject *reader;

  token_fixture_make_token (dir, "ayse", "123456", "ayse-rsa", "01");

  /* Running, with an AKİS card in the first reader and a mute one in the second. */
  pcscd_ctl ("start");
  ey_vcard_insert (0, AKIS_ATR, &error);
  g_assert_no_error (error);
  ey_vcard_insert_mute (1, &error);
  g_assert_no_error (error);
  wait_for_card (reader_name, AKIS_ATR);
  wait_for_card (ey_vcard_reader_name (1), NULL);
  {
    g_auto(Run) json = { 0 };
    g_auto(Run) text = { 0 };
    g_autofree char *header = g_strdup_printf ("Card readers\n  %s\n", reader_name);

    run_cards (TRUE, &json);
    g_assert_cmpint (json.status, ==, 0);
    g_assert_cmpstr (service_state (&json), ==, "ready");
    reader = find_reader (&json, reader_name);
    g_assert_true (json_object_get_boolean_member (reader, "card_present"));
    g_assert_false (json_object_get_boolean_member (reader, "card_mute"));
    g_assert_cmpstr (json_object_get_string_member (reader, "atr"), ==, AKIS_ATR);
    g_assert_cmpstr (json_object_get_string_member (reader, "card_type"), ==, "akis");
    g_assert_cmpstr (json_object_get_string_member (reader, "card_type_name"), ==, "AKİS");
    g_assert_true (json_object_get_boolean_member (reader, "nes_signing_card"));
    g_assert_cmpstr (json_object_get_string_member (reader, "hint"), ==, "");
    reader = find_reader (&json, ey_vcard_reader_name (1));
    g_assert_true (json_object_get_boolean_member (reader, "card_present"));
    g_assert_true (json_object_get_boolean_member (reader, "card_mute"));
    g_assert_true (json_object_get_null_member (reader, "atr"));
    g_assert_true (json_object_get_null_member (reader, "card_type"));
    g_assert_cmpstr (json_object_get_string_member (reader, "status"), ==,
                     "The card does not respond");

    run_cards (FALSE, &text);
    g_assert_cmpint (text.status, ==, 0);
    assert_contains (text.out, header);
    assert_contains (text.out, "    ATR              " AKIS_ATR "\n");
    assert_contains (text.out, "    Card             AKİS card\n");
    assert_contains (text.out, "    Card             The card does not respond\n"
                               "                     Take the card out and insert it again");
  }
  ey_vcard_remove_all ();

  /* Stopped: said so, with the fix, and the PKCS#11 tokens are still listed. */
  pcscd_ctl ("stop");
  {
    g_auto(Run) json = { 0 };
    g_auto(Run) text = { 0 };

    run_cards (TRUE, &json);
    g_assert_cmpint (json.status, ==, 1);
    g_assert_cmpstr (service_state (&json), ==, "service-not-running");
    g_assert_false (json_object_get_boolean_member (
                      json_object_get_object_member (json_node_get_object (json.json),
                                                     "card_service"), "running"));
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (
                        json_node_get_object (json.json), "readers")), ==, 0);
    g_assert_true (json_object_get_boolean_member (
                     find_certificate (find_token (&json, "ayse"), "ayse-rsa"),
                     "nes_signing"));

    run_cards (FALSE, &text);
    g_assert_cmpint (text.status, ==, 1);
    assert_contains (text.out, "Card readers\n  The card service (pcscd) is not running.\n");
    assert_contains (text.out, "sudo apt install pcscd");
    assert_contains (text.out, "\nTokens\n  ayse\n");
  }

  token_fixture_teardown (g_steal_pointer (&dir));
}

static void
test_pcscd (void)
{
  gboolean was_running;

  if (g_test_subprocess ())
    {
      pcscd_checks ();
      return;
    }

  was_running = pcscd_ctl ("status");
  g_test_trap_subprocess (NULL, 60 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
  if (was_running)
    pcscd_ctl ("start");
  else
    pcscd_ctl ("stop");
  g_assert_cmpint (pcscd_ctl ("status"), ==, was_running);
  g_test_trap_assert_passed ();
}

int
main (int   argc,
      char *argv[])
{
  /* g_test_trap_subprocess () does not pass the positional arguments on: the child
   * finds them in the environment (token_fixture_take_args () sets its own). */
  token_fixture_take_args (&argc, &argv);
  if (argc >= 2 && argv[1][0] != '-')
    {
      g_setenv ("EY_TEST_CLI", argv[1], TRUE);
      for (int i = 1; i < argc; i++)
        argv[i] = argv[i + 1];
      argc--;
    }
  cli_path = g_strdup (g_getenv ("EY_TEST_CLI"));
  if (cli_path == NULL)
    {
      g_printerr ("usage: %s MAKE-TOKEN PKI-DIR QUIRKY-MODULE CLI [GTEST-OPTION…]\n", argv[0]);
      return 2;
    }

  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cli/cards/softhsm/tokens", test_tokens);
  g_test_add_func ("/cli/cards/softhsm/validity", test_validity);
  g_test_add_func ("/cli/cards/softhsm/pin-count-low", test_pin_count_low);
  g_test_add_func ("/cli/cards/repeat", test_repeat);
  /* Fails (not skips) without $EY_PCSCD_CTL: run it through build-aux/test. */
  g_test_add_func ("/cli/cards/pcscd", test_pcscd);

  return g_test_run ();
}
