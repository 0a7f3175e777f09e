/* SPDX-License-Identifier: GPL-3.0-or-later */
/* kamusm-sim: the timers (SMS code, verification code, idle session), shortened to 2 s.
 * A program of its own so that its waits overlap the other sim tests. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "sim-test-util.h"

#define has(text, needle) g_assert_nonnull (strstr ((text), (needle)))

static void
test_sms_errors (void)
{
  SimFixture f = { 0 };
  EySimOptions opts;
  g_autoptr(SimResponse) page = NULL;
  g_autoptr(SimResponse) wrong = NULL;
  g_autoptr(SimResponse) expired = NULL;
  g_autoptr(SimResponse) renew = NULL;
  g_autofree char *token = NULL;
  g_autofree char *first = NULL;
  g_autofree char *code = NULL;

  f.pki = g_test_build_filename (G_TEST_BUILT, "fixtures", NULL);
  sim_fixture_test_options (&f, &opts);
  opts.sms_ttl = 2;
  sim_fixture_start (&f, &opts);
  sim_login (&f, "12345678950", "Ab3kT9qz");
  sim_open_form (&f, 1001);
  sim_submit_form (&f);
  sim_send_sms (&f);
  first = ey_sim_server_get_last_sms_code (f.server, "12345678950");
  g_assert_cmpuint (strlen (first), ==, 6);

  page = sim_get (&f, "smsonay.go");
  {
    g_autofree char *left = sim_element_text (page->text, "kalanSure");

    /* 2 s validity, so a busy machine still shows a live code here. */
    g_assert_cmpint (atoi (left), >, 0);
    g_assert_cmpint (atoi (left), <=, 2);
    has (page->text, "Kalan Süre: <span id=\"kalanSure\">");
  }
  has (page->text, "name=\"yeniKod\" value=\"Yeni Kod Gönder\"");
  token = sim_form_token (page->text);
  wrong = sim_request (&f, "POST", "smsonay.go", "formToken", token, "smsKodu", "000000",
                       "tamam", "Tamam", NULL);
  has (wrong->text, "<div class=\"hata\">SMS onay kodu hatalı.</div>");
  g_assert_cmpuint (ey_sim_server_count_events (f.server, "sms-failed", "reason", "wrong"), ==, 1);

  sim_spin (2100);
  g_free (token);
  token = sim_form_token (wrong->text);
  expired = sim_request (&f, "POST", "smsonay.go", "formToken", token, "smsKodu", first,
                         "tamam", "Tamam", NULL);
  has (expired->text, "<div class=\"hata\">SMS onay kodunun süresi doldu. Yeni kod gönderiniz.</div>");
  g_assert_cmpuint (ey_sim_server_count_events (f.server, "sms-failed", "reason", "expired"), ==, 1);

  g_free (token);
  token = sim_form_token (expired->text);
  renew = sim_request (&f, "POST", "smsonay.go", "formToken", token, "yeniKod", "Yeni Kod Gönder", NULL);
  g_assert_cmpstr (renew->location, ==, "smsonay.go");
  g_assert_cmpuint (ey_sim_server_count_events (f.server, "sms-sent", NULL, NULL), ==, 2);
  code = ey_sim_server_get_last_sms_code (f.server, "12345678950");
  g_assert_nonnull (code);
  sim_enter_sms_code (&f, "12345678950");
  g_assert_cmpuint (ey_sim_server_count_events (f.server, "sms-ok", NULL, NULL), ==, 1);
  sim_fixture_stop (&f);
}


static void
test_code_expiry (void)
{
  SimFixture f = { 0 };
  EySimOptions opts;
  g_autoptr(SimResponse) page = NULL;
  g_autoptr(SimResponse) expired = NULL;
  g_autoptr(SimResponse) renewed = NULL;
  g_autoptr(SimResponse) fresh = NULL;
  g_autofree char *code = NULL;
  g_autofree char *verdict = NULL;
  g_autofree char *token = NULL;
  g_autofree char *code2 = NULL;
  g_autoptr(GBytes) der = g_bytes_new_static ("x", 1);

  f.pki = g_test_build_filename (G_TEST_BUILT, "fixtures", NULL);
  sim_fixture_test_options (&f, &opts);
  opts.code_ttl = 2;
  sim_fixture_start (&f, &opts);
  sim_to_sign_page (&f, "12345678950", "Ab3kT9qz", 1001);
  page = sim_get (&f, "eonayimza.go");
  code = sim_element_text (page->text, "dogrulamaKodu");
  g_assert_nonnull (code);
  sim_spin (2100);

  expired = sim_get (&f, "eonayimza.go");
  has (expired->text, "<div class=\"hata\">Doğrulama kodunun süresi doldu.</div>");
  has (expired->text, "name=\"yenile\" value=\"Yeni Kod Al\"");
  verdict = sim_upload (&f, code, der);
  g_assert_cmpstr (verdict, ==, "KOD_SURESI_DOLDU");

  token = sim_form_token (expired->text);
  renewed = sim_request (&f, "POST", "eonayimza.go", "formToken", token, "yenile", "Yeni Kod Al", NULL);
  g_assert_cmpstr (renewed->location, ==, "eonayimza.go");
  fresh = sim_get (&f, "eonayimza.go");
  code2 = sim_element_text (fresh->text, "dogrulamaKodu");
  g_assert_nonnull (code2);
  g_assert_cmpstr (code2, !=, code);
  sim_fixture_stop (&f);
}


static void
test_session_idle (void)
{
  SimFixture f = { 0 };
  EySimOptions opts;
  g_autoptr(SimResponse) r = NULL;
  g_autoptr(SimResponse) login = NULL;

  f.pki = g_test_build_filename (G_TEST_BUILT, "fixtures", NULL);
  sim_fixture_test_options (&f, &opts);
  opts.session_idle = 2;
  sim_fixture_start (&f, &opts);
  sim_login (&f, "12345678950", "Ab3kT9qz");
  sim_spin (2100);
  r = sim_request (&f, "GET", "siparis.go", NULL);
  g_assert_cmpuint (r->status, ==, 303);
  g_assert_cmpstr (r->location, ==, "login.go");
  login = sim_get (&f, "login.go");
  has (login->text, "Oturumunuzun süresi doldu. Lütfen yeniden giriş yapınız.");
  g_assert_nonnull (ey_sim_server_find_event (f.server, "session-expired", "identity", "12345678950"));
  sim_fixture_stop (&f);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/sim/timer/sms", test_sms_errors);
  g_test_add_func ("/sim/timer/verification-code", test_code_expiry);
  g_test_add_func ("/sim/timer/session-idle", test_session_idle);
  return g_test_run ();
}
