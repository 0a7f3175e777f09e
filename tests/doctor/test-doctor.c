/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-doctor"

#include "config.h"

#include <sys/wait.h>

#include <gnutls/gnutls.h>
#include <gnutls/x509.h>
#include <winscard.h>

#include <json-glib/json-glib.h>

#include <glib/gstdio.h>
#include <glib/gi18n.h>

#include "ey-doctor-private.h"
#include "ey-vcard.h"
#include "ey-test-common.h"

/* The pcscd this process sees, set by tests/doctor/doctor-pcscd: unset (whatever the
 * machine has: only tests that do not look at PC/SC run), "none", "empty", "vpcd". */
static const char *pcscd_mode;
/* For the SoftHSM test: tests/pkcs11/make-token and the test PKI's folder. */
static const char *make_token;
static const char *pki_dir;

static const char * const all_ids[] = {
  EY_DOCTOR_CHECK_PCSCD_INSTALLED,
  EY_DOCTOR_CHECK_PCSCD_RUNNING,
  EY_DOCTOR_CHECK_CCID_DRIVER,
  EY_DOCTOR_CHECK_READER,
  EY_DOCTOR_CHECK_CARD,
  EY_DOCTOR_CHECK_PKCS11_MODULE,
  EY_DOCTOR_CHECK_P11KIT,
  EY_DOCTOR_CHECK_CERTIFICATE,
  EY_DOCTOR_CHECK_TLS_TRUST,
  EY_DOCTOR_CHECK_TLS_BACKEND,
  EY_DOCTOR_CHECK_SITE_PROFILE,
};

static GListModel *
run_doctor (EyDoctor      *doctor,
            GCancellable  *cancellable,
            GError       **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  ey_doctor_run_async (doctor, cancellable, ey_test_store_result_cb, &result);
  /* Generous: the checks take well under a second; a hang must fail, not stall CI. */
  ey_test_wait_result (&result, 30);

  return ey_doctor_run_finish (doctor, result, error);
}

static GListModel *
run_ok (EyDoctor *doctor)
{
  g_autoptr(GError) error = NULL;
  GListModel *findings = run_doctor (doctor, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (findings);
  return findings;
}

static EyDoctorFinding *
get (GListModel *findings,
     const char *id)
{
  guint n = g_list_model_get_n_items (findings);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(EyDoctorFinding) finding = g_list_model_get_item (findings, i);

      if (g_strcmp0 (ey_doctor_finding_get_id (finding), id) == 0)
        return finding; /* the list keeps it alive */
    }

  g_error ("no finding %s", id);
  return NULL;
}

static void
assert_status (GListModel     *findings,
               const char     *id,
               EyDoctorStatus  status)
{
  EyDoctorFinding *finding = get (findings, id);

  if (ey_doctor_finding_get_status (finding) != status)
    g_error ("%s: expected %s, got %s: %s (%s)", id, ey_doctor_status_to_string (status),
             ey_doctor_status_to_string (ey_doctor_finding_get_status (finding)),
             ey_doctor_finding_get_summary (finding),
             ey_doctor_finding_get_detail (finding));
}

static void
assert_fix_contains (GListModel *findings,
                     const char *id,
                     const char *text)
{
  const char *fix = ey_doctor_finding_get_fix (get (findings, id));

  g_assert_nonnull (fix);
  g_assert_nonnull (strstr (fix, text));
}

/* --- no PC/SC needed --------------------------------------------------------- */

static void
test_order_and_shape (void)
{
  g_autoptr(EyDoctor) doctor = ey_doctor_new ();
  g_autoptr(GListModel) findings = run_ok (doctor);

  g_assert_cmpuint (g_list_model_get_n_items (findings), ==, G_N_ELEMENTS (all_ids));
  g_assert_true (g_list_model_get_item_type (findings) == EY_TYPE_DOCTOR_FINDING);
  for (guint i = 0; i < G_N_ELEMENTS (all_ids); i++)
    {
      g_autoptr(EyDoctorFinding) finding = g_list_model_get_item (findings, i);
      g_autofree char *id = NULL;
      g_autofree char *summary = NULL;
      EyDoctorStatus status;

      g_assert_cmpstr (ey_doctor_finding_get_id (finding), ==, all_ids[i]);
      g_assert_cmpstr (ey_doctor_finding_get_summary (finding), !=, "");
      /* A failure always says how to get out of it: a command or an explanation. */
      if (ey_doctor_finding_get_status (finding) == EY_DOCTOR_STATUS_FAIL)
        g_assert_true (ey_doctor_finding_get_fix (finding) != NULL
                       || ey_doctor_finding_get_detail (finding) != NULL
                       || g_str_equal (all_ids[i], EY_DOCTOR_CHECK_READER));

      /* The UI binds to the properties. */
      g_object_get (finding, "id", &id, "summary", &summary, "status", &status, NULL);
      g_assert_cmpstr (id, ==, all_ids[i]);
      g_assert_cmpstr (summary, ==, ey_doctor_finding_get_summary (finding));
      g_assert_cmpint (status, ==, ey_doctor_finding_get_status (finding));
    }

  /* The doctor can run again: the welcome page offers "check again". */
  {
    g_autoptr(GListModel) again = run_ok (doctor);

    g_assert_cmpuint (g_list_model_get_n_items (again), ==, G_N_ELEMENTS (all_ids));
  }
}

static void
test_worst_status (void)
{
  g_autoptr(GListStore) store = g_list_store_new (EY_TYPE_DOCTOR_FINDING);
  g_autoptr(EyDoctorFinding) ok = ey_doctor_finding_new ("a", EY_DOCTOR_STATUS_OK, "A", NULL, NULL);
  g_autoptr(EyDoctorFinding) warn = ey_doctor_finding_new ("b", EY_DOCTOR_STATUS_WARN, "B", NULL, NULL);
  g_autoptr(EyDoctorFinding) fail = ey_doctor_finding_new ("c", EY_DOCTOR_STATUS_FAIL, "C", NULL, "x");

  g_assert_cmpint (ey_doctor_worst_status (G_LIST_MODEL (store)), ==, EY_DOCTOR_STATUS_OK);
  g_list_store_append (store, ok);
  g_list_store_append (store, warn);
  g_assert_cmpint (ey_doctor_worst_status (G_LIST_MODEL (store)), ==, EY_DOCTOR_STATUS_WARN);
  g_list_store_append (store, fail);
  g_list_store_append (store, ok);
  g_assert_cmpint (ey_doctor_worst_status (G_LIST_MODEL (store)), ==, EY_DOCTOR_STATUS_FAIL);

  g_assert_cmpstr (ey_doctor_status_to_string (EY_DOCTOR_STATUS_OK), ==, "ok");
  g_assert_cmpstr (ey_doctor_status_to_string (EY_DOCTOR_STATUS_WARN), ==, "warn");
  g_assert_cmpstr (ey_doctor_status_to_string (EY_DOCTOR_STATUS_FAIL), ==, "fail");
  g_assert_cmpstr (ey_doctor_finding_get_fix (fail), ==, "x");
  g_assert_null (ey_doctor_finding_get_detail (fail));
}

static void
test_files_missing (void)
{
  g_autoptr(EyDoctor) doctor = ey_doctor_new ();
  g_autoptr(GListModel) findings = NULL;

  _ey_doctor_set_path (doctor, EY_DOCTOR_PATH_PCSCD, "/nonexistent/sbin/pcscd");
  _ey_doctor_set_path (doctor, EY_DOCTOR_PATH_CCID_DRIVER, "/nonexistent/ifd-ccid.bundle");
  _ey_doctor_set_path (doctor, EY_DOCTOR_PATH_CA_BUNDLE, "/nonexistent/ca-certificates.crt");
  findings = run_ok (doctor);

  assert_status (findings, EY_DOCTOR_CHECK_PCSCD_INSTALLED, EY_DOCTOR_STATUS_FAIL);
  assert_fix_contains (findings, EY_DOCTOR_CHECK_PCSCD_INSTALLED, "sudo apt install pcscd");
  assert_status (findings, EY_DOCTOR_CHECK_CCID_DRIVER, EY_DOCTOR_STATUS_FAIL);
  assert_fix_contains (findings, EY_DOCTOR_CHECK_CCID_DRIVER, "sudo apt install libccid");
  assert_status (findings, EY_DOCTOR_CHECK_TLS_TRUST, EY_DOCTOR_STATUS_FAIL);
  assert_fix_contains (findings, EY_DOCTOR_CHECK_TLS_TRUST, "sudo apt install ca-certificates");
  g_assert_cmpint (ey_doctor_worst_status (findings), ==, EY_DOCTOR_STATUS_FAIL);
}

static void
test_files_present (void)
{
  g_autoptr(EyDoctor) doctor = ey_doctor_new ();
  g_autoptr(GListModel) findings = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("ey-doctor-XXXXXX", &error);
  g_autofree char *bundle = g_build_filename (dir, "ca.crt", NULL);
  g_autofree char *empty = g_build_filename (dir, "empty.crt", NULL);

  g_assert_no_error (error);
  g_file_set_contents (bundle, "-----BEGIN CERTIFICATE-----\n", -1, &error);
  g_assert_no_error (error);
  g_file_set_contents (empty, "", 0, &error);
  g_assert_no_error (error);

  /* Any executable stands in for pcscd, any folder for the CCID bundle. */
  _ey_doctor_set_path (doctor, EY_DOCTOR_PATH_PCSCD, "/bin/sh");
  _ey_doctor_set_path (doctor, EY_DOCTOR_PATH_CCID_DRIVER, dir);
  _ey_doctor_set_path (doctor, EY_DOCTOR_PATH_CA_BUNDLE, bundle);
  findings = run_ok (doctor);
  assert_status (findings, EY_DOCTOR_CHECK_PCSCD_INSTALLED, EY_DOCTOR_STATUS_OK);
  assert_status (findings, EY_DOCTOR_CHECK_CCID_DRIVER, EY_DOCTOR_STATUS_OK);
  assert_status (findings, EY_DOCTOR_CHECK_TLS_TRUST, EY_DOCTOR_STATUS_OK);
  g_clear_object (&findings);

  /* A file is not the driver bundle, an empty bundle trusts nothing. */
  _ey_doctor_set_path (doctor, EY_DOCTOR_PATH_CCID_DRIVER, bundle);
  _ey_doctor_set_path (doctor, EY_DOCTOR_PATH_CA_BUNDLE, empty);
  findings = run_ok (doctor);
  assert_status (findings, EY_DOCTOR_CHECK_CCID_DRIVER, EY_DOCTOR_STATUS_FAIL);
  assert_status (findings, EY_DOCTOR_CHECK_TLS_TRUST, EY_DOCTOR_STATUS_FAIL);

  g_unlink (bundle);
  g_unlink (empty);
  g_rmdir (dir);
}

static void
test_tls_backend (void)
{
  if (g_test_subprocess ())
    {
      g_autoptr(EyDoctor) doctor = ey_doctor_new ();
      g_autoptr(GListModel) findings = NULL;
      g_autofree char *empty = g_dir_make_tmp ("ey-doctor-gio-XXXXXX", NULL);

      /* GIO has not loaded its modules yet in this fresh process: an empty module
       * folder is a machine without glib-networking. */
      g_assert_nonnull (empty);
      g_setenv ("GIO_MODULE_DIR", empty, TRUE);
      g_unsetenv ("GIO_EXTRA_MODULES");
      findings = run_ok (doctor);
      g_rmdir (empty);
      assert_status (findings, EY_DOCTOR_CHECK_TLS_BACKEND, EY_DOCTOR_STATUS_FAIL);
      assert_fix_contains (findings, EY_DOCTOR_CHECK_TLS_BACKEND, "sudo apt install glib-networking");
      return;
    }

  {
    g_autoptr(EyDoctor) doctor = ey_doctor_new ();
    g_autoptr(GListModel) findings = run_ok (doctor);

    /* build-aux/deps installs glib-networking on every machine that runs the suite. */
    assert_status (findings, EY_DOCTOR_CHECK_TLS_BACKEND, EY_DOCTOR_STATUS_OK);
  }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

static void
test_cancel (void)
{
  g_autoptr(EyDoctor) doctor = ey_doctor_new ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GListModel) findings = NULL;
  g_autoptr(GError) error = NULL;

  g_cancellable_cancel (cancellable);
  findings = run_doctor (doctor, cancellable, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (findings);
}

/* --- with a pcscd of the test's own (tests/doctor/doctor-pcscd) -------------- */

static void
test_no_pcscd (void)
{
  g_autoptr(EyDoctor) doctor = ey_doctor_new ();
  g_autoptr(GListModel) findings = run_ok (doctor);

  assert_status (findings, EY_DOCTOR_CHECK_PCSCD_INSTALLED, EY_DOCTOR_STATUS_OK);
  assert_status (findings, EY_DOCTOR_CHECK_PCSCD_RUNNING, EY_DOCTOR_STATUS_FAIL);
  assert_fix_contains (findings, EY_DOCTOR_CHECK_PCSCD_RUNNING, "systemctl enable --now pcscd.socket");
  assert_status (findings, EY_DOCTOR_CHECK_READER, EY_DOCTOR_STATUS_FAIL);
  assert_status (findings, EY_DOCTOR_CHECK_CARD, EY_DOCTOR_STATUS_WARN);
  assert_status (findings, EY_DOCTOR_CHECK_PKCS11_MODULE, EY_DOCTOR_STATUS_WARN);
  g_assert_cmpint (ey_doctor_worst_status (findings), ==, EY_DOCTOR_STATUS_FAIL);
  g_clear_object (&findings);

  /* Without pcscd installed the fix installs it first. */
  _ey_doctor_set_path (doctor, EY_DOCTOR_PATH_PCSCD, "/nonexistent/pcscd");
  findings = run_ok (doctor);
  assert_fix_contains (findings, EY_DOCTOR_CHECK_PCSCD_RUNNING, "sudo apt install pcscd");
}

static void
test_no_reader (void)
{
  g_autoptr(EyDoctor) doctor = ey_doctor_new ();
  g_autoptr(GListModel) findings = NULL;

  _ey_doctor_set_path (doctor, EY_DOCTOR_PATH_CCID_DRIVER, "/usr/lib/pcsc/drivers/ifd-ccid.bundle");
  findings = run_ok (doctor);
  assert_status (findings, EY_DOCTOR_CHECK_PCSCD_RUNNING, EY_DOCTOR_STATUS_OK);
  assert_status (findings, EY_DOCTOR_CHECK_READER, EY_DOCTOR_STATUS_FAIL);
  assert_fix_contains (findings, EY_DOCTOR_CHECK_READER, "systemctl restart pcscd");
  assert_status (findings, EY_DOCTOR_CHECK_CARD, EY_DOCTOR_STATUS_WARN);
  g_clear_object (&findings);

  /* No reader and no CCID driver: the likely cause, so the fix installs it. */
  _ey_doctor_set_path (doctor, EY_DOCTOR_PATH_CCID_DRIVER, "/nonexistent/ifd-ccid.bundle");
  findings = run_ok (doctor);
  assert_fix_contains (findings, EY_DOCTOR_CHECK_READER, "sudo apt install libccid");
}

static int
run_cli (const char  *arg1,
         const char  *arg2,
         char       **out)
{
  const char *argv[] = { g_getenv ("EY_DOCTOR_CLI"), "doctor", arg1, arg2, NULL };
  g_auto(GStrv) envp = g_environ_setenv (g_get_environ (), "LC_ALL", "C.UTF-8", TRUE);
  g_autoptr(GError) error = NULL;
  int status = -1;

  /* The assertions read the English messages, whatever locale the suite runs in. */
  g_spawn_sync (NULL, (char **) argv, envp, G_SPAWN_DEFAULT, NULL, NULL, out, NULL,
                &status, &error);
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (status));
  return WEXITSTATUS (status);
}

static void
test_cli (void)
{
  g_autofree char *json = NULL;
  g_autofree char *text = NULL;
  g_autofree char *usage = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *root;
  JsonArray *findings;
  gboolean seen = FALSE;

  /* No pcscd here: a failed check, so exit status 1, in JSON and in text. */
  g_assert_cmpint (run_cli ("--json", NULL, &json), ==, 1);
  json_parser_load_from_data (parser, json, -1, &error);
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (root, "status"), ==, "fail");
  findings = json_object_get_array_member (root, "findings");
  g_assert_cmpuint (json_array_get_length (findings), ==, G_N_ELEMENTS (all_ids));
  for (guint i = 0; i < json_array_get_length (findings); i++)
    {
      JsonObject *finding = json_array_get_object_element (findings, i);

      g_assert_cmpstr (json_object_get_string_member (finding, "id"), ==, all_ids[i]);
      g_assert_true (json_object_has_member (finding, "summary"));
      g_assert_true (json_object_has_member (finding, "detail"));
      if (g_str_equal (all_ids[i], EY_DOCTOR_CHECK_PCSCD_RUNNING))
        {
          g_assert_cmpstr (json_object_get_string_member (finding, "status"), ==, "fail");
          g_assert_nonnull (strstr (json_object_get_string_member (finding, "fix"),
                                    "systemctl enable --now pcscd.socket"));
          seen = TRUE;
        }
    }
  g_assert_true (seen);

  g_assert_cmpint (run_cli (NULL, NULL, &text), ==, 1);
  g_assert_nonnull (strstr (text, "The smart card service is not running."));
  g_assert_nonnull (strstr (text, "$ sudo systemctl enable --now pcscd.socket"));

  g_assert_cmpint (run_cli ("--no-such-option", NULL, &usage), ==, 2);
  g_clear_pointer (&usage, g_free);
  g_assert_cmpint (run_cli ("extra-argument", NULL, &usage), ==, 2);
}

/* Blocks until PC/SC reports a card in some reader (or none, for @present FALSE);
 * @need_atr: only a card that gave its ATR counts. */
static void
wait_for_card_full (gboolean present,
                    gboolean need_atr)
{
  SCARDCONTEXT ctx;
  char names[1024];
  DWORD len = sizeof names;
  SCARD_READERSTATE states[2] = { { 0, } };
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  g_assert_cmpint (SCardEstablishContext (SCARD_SCOPE_SYSTEM, NULL, NULL, &ctx), ==, SCARD_S_SUCCESS);
  g_assert_cmpint (SCardListReaders (ctx, NULL, names, &len), ==, SCARD_S_SUCCESS);
  states[0].szReader = names;
  states[1].szReader = names + strlen (names) + 1;
  g_assert_cmpstr (states[1].szReader, !=, "");

  for (;;)
    {
      gboolean seen = FALSE;

      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      SCardGetStatusChange (ctx, 200, states, 2);
      for (guint i = 0; i < 2; i++)
        {
          if (states[i].dwEventState & SCARD_STATE_PRESENT && (!need_atr || states[i].cbAtr > 0))
            seen = TRUE;
          states[i].dwCurrentState = states[i].dwEventState & ~SCARD_STATE_CHANGED;
        }
      if (seen == present)
        break;
    }

  SCardReleaseContext (ctx);
}

static void
wait_for_card (gboolean present)
{
  wait_for_card_full (present, TRUE);
}

static void
test_vcard_akis (void)
{
  g_autoptr(EyDoctor) doctor = ey_doctor_new ();
  g_autoptr(GListModel) findings = run_ok (doctor);
  g_autoptr(GError) error = NULL;
  EyDoctorFinding *module;

  /* Two vpcd readers, nothing in them. */
  assert_status (findings, EY_DOCTOR_CHECK_PCSCD_RUNNING, EY_DOCTOR_STATUS_OK);
  assert_status (findings, EY_DOCTOR_CHECK_READER, EY_DOCTOR_STATUS_OK);
  g_assert_nonnull (strstr (ey_doctor_finding_get_detail (get (findings, EY_DOCTOR_CHECK_READER)),
                            "Virtual PCD"));
  assert_status (findings, EY_DOCTOR_CHECK_CARD, EY_DOCTOR_STATUS_WARN);
  g_clear_object (&findings);

  ey_vcard_insert (1, "3BBA11008131FE4D55454B41452056312E30AE", &error);
  g_assert_no_error (error);
  wait_for_card (TRUE);
  findings = run_ok (doctor);
  assert_status (findings, EY_DOCTOR_CHECK_CARD, EY_DOCTOR_STATUS_OK);
  g_assert_nonnull (strstr (ey_doctor_finding_get_summary (get (findings, EY_DOCTOR_CHECK_CARD)),
                            "AKİS"));
  g_assert_nonnull (strstr (ey_doctor_finding_get_detail (get (findings, EY_DOCTOR_CHECK_CARD)),
                            "3BBA11008131FE4D55454B41452056312E30AE"));
  /* The test machine has no vendor driver: the doctor must say so and where it looked. */
  module = get (findings, EY_DOCTOR_CHECK_PKCS11_MODULE);
  g_assert_cmpint (ey_doctor_finding_get_status (module), ==, EY_DOCTOR_STATUS_FAIL);
  g_assert_nonnull (strstr (ey_doctor_finding_get_summary (module), "libakisp11.so"));
  g_assert_nonnull (strstr (ey_doctor_finding_get_detail (module), "/usr/lib/libakisp11.so"));
  g_clear_object (&findings);

  ey_vcard_remove (1);
  wait_for_card (FALSE);
  findings = run_ok (doctor);
  assert_status (findings, EY_DOCTOR_CHECK_CARD, EY_DOCTOR_STATUS_WARN);
  g_clear_object (&findings);

  /* A card that never gives its ATR (bad contact, upside down). */
  ey_vcard_insert_mute (0, &error);
  g_assert_no_error (error);
  wait_for_card_full (TRUE, FALSE);
  findings = run_ok (doctor);
  assert_status (findings, EY_DOCTOR_CHECK_CARD, EY_DOCTOR_STATUS_FAIL);
  g_assert_nonnull (strstr (ey_doctor_finding_get_summary (get (findings, EY_DOCTOR_CHECK_CARD)),
                            "does not answer"));
  assert_status (findings, EY_DOCTOR_CHECK_PKCS11_MODULE, EY_DOCTOR_STATUS_WARN);
  ey_vcard_remove (0);
}

static time_t
pem_not_after (const char *path)
{
  g_autofree char *pem = NULL;
  gsize len = 0;
  gnutls_datum_t datum;
  gnutls_x509_crt_t crt;
  time_t not_after;
  g_autoptr(GError) error = NULL;

  g_file_get_contents (path, &pem, &len, &error);
  g_assert_no_error (error);
  datum.data = (unsigned char *) pem;
  datum.size = len;
  g_assert_cmpint (gnutls_x509_crt_init (&crt), ==, 0);
  g_assert_cmpint (gnutls_x509_crt_import (crt, &datum, GNUTLS_X509_FMT_PEM), ==, 0);
  not_after = gnutls_x509_crt_get_expiration_time (crt);
  gnutls_x509_crt_deinit (crt);

  return not_after;
}

static GListModel *
run_at (EyDoctor *doctor,
        time_t    now)
{
  g_autoptr(GDateTime) when = g_date_time_new_from_unix_utc (now);

  _ey_doctor_set_now (doctor, when);
  return run_ok (doctor);
}

static void
test_vcard_softhsm (void)
{
  g_autoptr(EyDoctor) doctor = ey_doctor_new ();
  g_autoptr(GListModel) findings = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *cert = g_build_filename (pki_dir, "ayse-rsa.pem", NULL);
  time_t not_after = pem_not_after (cert);
  const time_t day = 24 * 60 * 60;
  EyDoctorFinding *finding;

  /* The card DB maps this ATR to SoftHSM: the whole chain is present. */
  ey_vcard_insert (0, "3B8F8001804F0CA0000003060300030000000068", &error);
  g_assert_no_error (error);
  wait_for_card (TRUE);

  findings = run_at (doctor, not_after - 60 * day);
  for (guint i = 0; i < G_N_ELEMENTS (all_ids); i++)
    assert_status (findings, all_ids[i], EY_DOCTOR_STATUS_OK);
  g_assert_cmpint (ey_doctor_worst_status (findings), ==, EY_DOCTOR_STATUS_OK);
  g_assert_nonnull (strstr (ey_doctor_finding_get_summary (get (findings, EY_DOCTOR_CHECK_CARD)),
                            "Test Card (SoftHSM)"));
  g_assert_nonnull (strstr (ey_doctor_finding_get_summary (get (findings, EY_DOCTOR_CHECK_PKCS11_MODULE)),
                            "libsofthsm2.so"));
  /* Registered under its real path, found here through the /usr/lib/softhsm symlink. */
  g_assert_nonnull (strstr (ey_doctor_finding_get_summary (get (findings, EY_DOCTOR_CHECK_P11KIT)),
                            "registered"));
  finding = get (findings, EY_DOCTOR_CHECK_CERTIFICATE);
  g_assert_nonnull (strstr (ey_doctor_finding_get_summary (finding), "can be renewed now"));
  g_assert_nonnull (strstr (ey_doctor_finding_get_detail (finding), "AYŞE YILMAZ"));
  g_clear_object (&findings);

  /* The renewal window, measured from the certificate's own end. */
  findings = run_at (doctor, not_after - 200 * day);
  assert_status (findings, EY_DOCTOR_CHECK_CERTIFICATE, EY_DOCTOR_STATUS_OK);
  g_assert_nonnull (strstr (ey_doctor_finding_get_summary (get (findings, EY_DOCTOR_CHECK_CERTIFICATE)),
                            "no renewal is due yet"));
  g_clear_object (&findings);

  findings = run_at (doctor, not_after - 10 * day);
  assert_status (findings, EY_DOCTOR_CHECK_CERTIFICATE, EY_DOCTOR_STATUS_WARN);
  g_assert_nonnull (strstr (ey_doctor_finding_get_summary (get (findings, EY_DOCTOR_CHECK_CERTIFICATE)),
                            "in 10 days: renew it now"));
  g_clear_object (&findings);

  findings = run_at (doctor, not_after + day);
  assert_status (findings, EY_DOCTOR_CHECK_CERTIFICATE, EY_DOCTOR_STATUS_WARN);
  g_assert_nonnull (strstr (ey_doctor_finding_get_summary (get (findings, EY_DOCTOR_CHECK_CERTIFICATE)),
                            "expired"));
  g_clear_object (&findings);

  /* A driver file that is no PKCS#11 module: found, but it does not load. */
  ey_vcard_remove (0);
  wait_for_card (FALSE);
  ey_vcard_insert (0, "3B8F8001804F0CA0000003060300030000000069", &error);
  g_assert_no_error (error);
  wait_for_card (TRUE);
  findings = run_ok (doctor);
  assert_status (findings, EY_DOCTOR_CHECK_PKCS11_MODULE, EY_DOCTOR_STATUS_FAIL);
  assert_fix_contains (findings, EY_DOCTOR_CHECK_PKCS11_MODULE, "ldd /etc/passwd");
  ey_vcard_remove (0);
}

static char *token_dir;

static void
make_softhsm_token (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *conf = NULL;

  token_dir = g_dir_make_tmp ("ey-doctor-token-XXXXXX", &error);
  g_assert_no_error (error);
  /* Before any PKCS#11 module is loaded: SoftHSM reads its configuration once. */
  conf = g_build_filename (token_dir, "softhsm2.conf", NULL);
  g_setenv ("SOFTHSM2_CONF", conf, TRUE);
  ey_test_make_token (make_token, token_dir, pki_dir, "DOCTOR", "123456", "ayse-rsa", NULL);
}

static void
remove_token_dir (void)
{
  if (token_dir != NULL)
    ey_test_remove_tree (token_dir);
  g_clear_pointer (&token_dir, g_free);
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  g_test_init (&argc, &argv, NULL);

  pcscd_mode = g_getenv ("EY_DOCTOR_PCSCD");
  if (argc >= 3)
    {
      make_token = argv[1];
      pki_dir = argv[2];
    }

  if (pcscd_mode == NULL)
    {
      g_test_add_func ("/doctor/order-and-shape", test_order_and_shape);
      g_test_add_func ("/doctor/worst-status", test_worst_status);
      g_test_add_func ("/doctor/files/missing", test_files_missing);
      g_test_add_func ("/doctor/files/present", test_files_present);
      g_test_add_func ("/doctor/tls-backend", test_tls_backend);
      g_test_add_func ("/doctor/cancel", test_cancel);
    }
  else if (g_str_equal (pcscd_mode, "none") && g_getenv ("EY_DOCTOR_CLI") != NULL)
    g_test_add_func ("/doctor/pcscd/cli", test_cli);
  else if (g_str_equal (pcscd_mode, "none"))
    g_test_add_func ("/doctor/pcscd/none", test_no_pcscd);
  else if (g_str_equal (pcscd_mode, "empty"))
    g_test_add_func ("/doctor/pcscd/no-reader", test_no_reader);
  else if (g_str_equal (pcscd_mode, "vpcd") && make_token == NULL)
    g_test_add_func ("/doctor/pcscd/vcard-akis", test_vcard_akis);
  else if (g_str_equal (pcscd_mode, "vpcd"))
    {
      make_softhsm_token ();
      g_test_add_func ("/doctor/pcscd/vcard-softhsm", test_vcard_softhsm);
    }
  else
    g_error ("unknown EY_DOCTOR_PCSCD=%s", pcscd_mode);

  ret = g_test_run ();
  remove_token_dir ();
  return ret;
}
