/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The kamusm-sim program: its stdout contract, pinning, SMS lines, files, faults. */
#include "config.h"

#include <signal.h>
#include <sys/prctl.h>
#include <string.h>
#include <glib/gstdio.h>

#include "sim-test-util.h"

typedef struct
{
  gboolean  done;
  char     *line;
} LineWait;

static void
line_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  LineWait *w = user_data;

  w->line = g_data_input_stream_read_line_finish_utf8 (G_DATA_INPUT_STREAM (source), result,
                                                       NULL, NULL);
  w->done = TRUE;
}

static gboolean
expire_cb (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
}

/* One stdout line, spinning the main context; fails the test after 10 s. */
static char *
read_line (GDataInputStream *in)
{
  LineWait w = { FALSE, NULL };
  gboolean late = FALSE;
  guint id = g_timeout_add_seconds (10, expire_cb, &late);

  g_data_input_stream_read_line_async (in, G_PRIORITY_DEFAULT, NULL, line_cb, &w);
  while (!w.done && !late)
    g_main_context_iteration (NULL, TRUE);
  if (late)
    g_error ("kamusm-sim printed nothing for 10 s");
  g_source_remove (id);
  return w.line;
}

/* If this test dies on an assertion, the server must not outlive it. */
static void
die_with_parent (gpointer user_data)
{
  prctl (PR_SET_PDEATHSIG, SIGTERM);
}

static void
test_program (void)
{
  g_autofree char *exe = g_test_build_filename (G_TEST_BUILT, "..", "src", "sim", "kamusm-sim", NULL);
  g_autofree char *pki = g_test_build_filename (G_TEST_BUILT, "fixtures", NULL);
  g_autofree char *ca = g_build_filename (pki, "ca.pem", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("sim-exe-XXXXXX", &error);
  g_autofree char *sms_file = g_build_filename (dir, "sms.jsonl", NULL);
  g_autofree char *log_file = g_build_filename (dir, "log.jsonl", NULL);
  g_autofree char *ready = g_build_filename (dir, "ready", NULL);
  g_autofree char *mail_file = g_build_filename (dir, "mail.txt", NULL);
  g_autofree char *mail_spec = g_strconcat ("12345678950:", mail_file, NULL);
  g_autofree char *mail = NULL;
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GDataInputStream) out = NULL;
  g_autofree char *url_line = NULL, *fp_line = NULL, *cert_line = NULL, *sms_line = NULL;
  g_autofree char *cert_pem = NULL, *sms_json = NULL, *log_json = NULL, *ready_text = NULL;
  g_autoptr(SimResponse) login = NULL;
  g_autoptr(SimResponse) faulty = NULL;
  g_auto(GStrv) sms_parts = NULL;
  SimFixture f = { 0 };

  g_assert_no_error (error);
  g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);
  proc = g_subprocess_launcher_spawn (launcher, &error, exe, "--port", "0",
                           "--captcha", "ABCDE", "--trust-ca", ca, "--sms-file", sms_file,
                           "--log", log_file, "--ready-file", ready,
                           "--access-mail", mail_spec,
                           "--fault", "http500:sifreunutma.go:1", NULL);
  g_assert_no_error (error);
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (proc));

  url_line = read_line (out);
  fp_line = read_line (out);
  cert_line = read_line (out);
  g_assert_true (g_str_has_prefix (url_line, "URL https://127.0.0.1:"));
  g_assert_true (g_str_has_suffix (url_line, "/bs/"));
  g_assert_true (g_str_has_prefix (fp_line, "FINGERPRINT sha256:"));
  g_assert_cmpuint (strlen (fp_line), ==, strlen ("FINGERPRINT sha256:") + 32 * 3 - 1);
  g_assert_true (g_str_has_prefix (cert_line, "CERT /"));
  g_assert_true (g_file_get_contents (cert_line + 5, &cert_pem, NULL, NULL));
  g_assert_true (g_str_has_prefix (cert_pem, "-----BEGIN CERTIFICATE-----"));
  g_assert_true (g_file_get_contents (ready, &ready_text, NULL, NULL));
  g_assert_true (g_str_has_prefix (ready_text, url_line + 4));
  /* The ready file: "URL FINGERPRINT", then the certificate to pin (the demo reads it). */
  {
    g_autofree char *first = g_strdup_printf ("%s %s\n%s", url_line + 4,
                                              fp_line + strlen ("FINGERPRINT "), cert_pem);

    g_assert_cmpstr (ready_text, ==, first);
  }
  /* The access mail was written before the ready file. */
  g_assert_true (g_file_get_contents (mail_file, &mail, NULL, NULL));
  g_assert_nonnull (strstr (mail, "Başvuru Formu Erişim Parolanız : Ab3kT9qz"));

  /* Pinned to the printed fingerprint, nothing else trusted. */
  f.pki = g_strdup (pki);
  sim_fixture_connect (&f, url_line + 4, fp_line + strlen ("FINGERPRINT "));
  login = sim_get (&f, "login.go");
  g_assert_cmpuint (login->status, ==, 200);
  g_assert_nonnull (strstr (login->text, "<h1 class=\"sayfaBaslik\">Kullanıcı Girişi</h1>"));
  faulty = sim_request (&f, "GET", "sifreunutma.go", NULL);
  g_assert_cmpuint (faulty->status, ==, 500);

  /* The default people file works from the build tree; the SMS line is the "phone". */
  sim_login (&f, "12345678950", "Ab3kT9qz");
  sim_open_form (&f, 1001);
  sim_submit_form (&f);
  sim_send_sms (&f);
  sms_line = read_line (out);
  sms_parts = g_strsplit (sms_line, " ", -1);
  g_assert_cmpuint (g_strv_length (sms_parts), ==, 4);
  g_assert_cmpstr (sms_parts[0], ==, "SMS");
  g_assert_cmpstr (sms_parts[1], ==, "12345678950");
  g_assert_cmpstr (sms_parts[2], ==, "50*****9");
  g_assert_cmpuint (strlen (sms_parts[3]), ==, 6);
  g_assert_true (g_file_get_contents (sms_file, &sms_json, NULL, NULL));
  g_assert_nonnull (strstr (sms_json, sms_parts[3]));
  g_assert_nonnull (strstr (sms_json, "\"identity\":\"12345678950\""));
  g_assert_true (g_file_get_contents (log_file, &log_json, NULL, NULL));
  g_assert_nonnull (strstr (log_json, "\"event\":\"sms-sent\""));
  g_assert_null (strstr (log_json, sms_parts[3]));
  g_assert_null (strstr (log_json, "Ab3kT9qz"));

  g_subprocess_send_signal (proc, SIGTERM);
  g_subprocess_wait (proc, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (proc));
  g_assert_cmpint (g_subprocess_get_exit_status (proc), ==, 0);
  /* The generated certificate file is cleaned up on exit. */
  g_assert_false (g_file_test (cert_line + 5, G_FILE_TEST_EXISTS));

  sim_fixture_stop (&f);
  g_unlink (sms_file);
  g_unlink (log_file);
  g_unlink (ready);
  g_unlink (mail_file);
  g_rmdir (dir);
}

static void
test_bad_option (void)
{
  g_autofree char *exe = g_test_build_filename (G_TEST_BUILT, "..", "src", "sim", "kamusm-sim", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) proc = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE |
                                                  G_SUBPROCESS_FLAGS_STDERR_SILENCE, &error,
                                                  exe, "--fault", "nonsense", NULL);

  g_assert_no_error (error);
  g_subprocess_wait (proc, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_subprocess_get_exit_status (proc), ==, 2);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/sim/program/stdout-pinning-sms", test_program);
  g_test_add_func ("/sim/program/bad-option", test_bad_option);
  return g_test_run ();
}
