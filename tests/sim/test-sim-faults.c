/* SPDX-License-Identifier: GPL-3.0-or-later */
/* kamusm-sim: fault switches, control endpoints, the alt variant, page encodings. */
#include "config.h"

#include <string.h>

#include "sim-test-util.h"

#define has(text, needle) g_assert_nonnull (strstr ((text), (needle)))
#define lacks(text, needle) g_assert_null (strstr ((text), (needle)))

static void
start_with (SimFixture    *f,
            void         (*tweak) (EySimOptions *))
{
  EySimOptions opts;

  f->pki = g_test_build_filename (G_TEST_BUILT, "fixtures", NULL);
  sim_fixture_test_options (f, &opts);
  if (tweak)
    tweak (&opts);
  sim_fixture_start (f, &opts);
}

static void
test_http500_and_unexpected (void)
{
  SimFixture f = { 0 };
  g_autoptr(SimResponse) r1 = NULL;
  g_autoptr(SimResponse) r2 = NULL;
  g_autoptr(SimResponse) r3 = NULL;
  g_autoptr(GError) error = NULL;

  sim_fixture_start (&f, NULL);
  sim_login (&f, "12345678950", "Ab3kT9qz");
  g_assert_true (ey_sim_server_add_fault_spec (f.server, "http500:siparis.go:1", &error));
  g_assert_no_error (error);
  r1 = sim_request (&f, "GET", "siparis.go", NULL);
  g_assert_cmpuint (r1->status, ==, 500);
  r2 = sim_request (&f, "GET", "siparis.go", NULL);
  g_assert_cmpuint (r2->status, ==, 200);
  has (r2->text, "Sipariş Formu Seçimi");
  g_assert_nonnull (ey_sim_server_find_event (f.server, "fault", "kind", "http500"));

  ey_sim_server_set_fault (f.server, EY_SIM_FAULT_UNEXPECTED_PAGE, NULL, 1);
  r3 = sim_request (&f, "GET", "siparis.go", NULL);
  g_assert_cmpuint (r3->status, ==, 200);
  has (r3->text, "<h1 class=\"sayfaBaslik\">Bakım Çalışması</h1>");
  lacks (r3->text, "siparisler");

  g_assert_false (ey_sim_server_add_fault_spec (f.server, "bogus", &error));
  g_assert_error (error, EY_SIM_ERROR, EY_SIM_ERROR_INVALID);
  sim_fixture_stop (&f);
}

static void
test_drop (void)
{
  SimFixture f = { 0 };
  g_autoptr(SimResponse) dropped = NULL;
  g_autoptr(SimResponse) fine = NULL;

  sim_fixture_start (&f, NULL);
  ey_sim_server_set_fault (f.server, EY_SIM_FAULT_DROP, "login.go", 1);
  dropped = sim_request (&f, "GET", "login.go", NULL);
  g_assert_nonnull (dropped->error);
  fine = sim_request (&f, "GET", "login.go", NULL);
  g_assert_no_error (fine->error);
  g_assert_cmpuint (fine->status, ==, 200);
  sim_fixture_stop (&f);
}

/* The faults for the client's limits (what they do to a client is tested
 * with the site client in tests/core/test-site-client.c) */
static void
test_limit_fault_specs (void)
{
  SimFixture f = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(SimResponse) big = NULL;
  const char *specs[] = { "big-body:login.go:1", "gzip-bomb:*:2", "drip:siparis.go:0" };

  sim_fixture_start (&f, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (specs); i++)
    {
      g_assert_true (ey_sim_server_add_fault_spec (f.server, specs[i], &error));
      g_assert_no_error (error);
    }
  ey_sim_server_clear_faults (f.server);
  /* 24 MiB, sent without a length */
  ey_sim_server_set_fault (f.server, EY_SIM_FAULT_BIG_BODY, "login.go", 1);
  big = sim_request (&f, "GET", "login.go", NULL);
  g_assert_no_error (big->error);
  g_assert_cmpuint (big->status, ==, 200);
  g_assert_cmpuint (strlen (big->text), ==, 24 * 1024 * 1024);
  g_assert_nonnull (ey_sim_server_find_event (f.server, "fault", "kind", "big-body"));
  sim_fixture_stop (&f);
}

typedef struct
{
  gint64 paused;   /* when the fault held the request back */
  gint64 ticked;   /* when a 50 ms timer set at that moment fired */
} SlowProbe;

static gboolean
tick_cb (gpointer user_data)
{
  SlowProbe *probe = user_data;

  probe->ticked = g_get_monotonic_time ();
  return G_SOURCE_REMOVE;
}

static void
fault_event_cb (EySimServer *server,
                JsonObject  *event,
                SlowProbe   *probe)
{
  if (g_strcmp0 (json_object_get_string_member (event, "event"), "fault") != 0)
    return;
  probe->paused = g_get_monotonic_time ();
  g_timeout_add (50, tick_cb, probe);
}

static void
test_slow_never_blocks (void)
{
  SimFixture f = { 0 };
  g_autoptr(SimResponse) slow = NULL;
  SlowProbe probe = { 0, 0 };

  sim_fixture_start (&f, NULL);
  ey_sim_server_set_slow_ms (f.server, 600);
  ey_sim_server_set_fault (f.server, EY_SIM_FAULT_SLOW, "login.go", 1);
  g_signal_connect (f.server, "event", G_CALLBACK (fault_event_cb), &probe);
  slow = sim_request (&f, "GET", "login.go", NULL);
  g_assert_cmpuint (slow->status, ==, 200);
  g_assert_cmpint (slow->elapsed_us, >=, 600 * 1000);
  /* The main context kept running while the answer was held back: a server that
   * slept would let the timer fire only after the 600 ms. */
  g_assert_cmpint (probe.paused, >, 0);
  g_assert_cmpint (probe.ticked, >, 0);
  g_assert_cmpint (probe.ticked - probe.paused, <, 300 * 1000);
  g_signal_handlers_disconnect_by_data (f.server, &probe);
  sim_fixture_stop (&f);
}

static void
test_expire_session_fault (void)
{
  SimFixture f = { 0 };
  g_autoptr(SimResponse) r = NULL;

  sim_fixture_start (&f, NULL);
  sim_login (&f, "12345678950", "Ab3kT9qz");
  ey_sim_server_set_fault (f.server, EY_SIM_FAULT_EXPIRE_SESSION, "siparis.go", 1);
  r = sim_request (&f, "GET", "siparis.go", NULL);
  g_assert_cmpuint (r->status, ==, 303);
  g_assert_cmpstr (r->location, ==, "login.go");
  g_assert_nonnull (ey_sim_server_find_event (f.server, "session-expired", "reason", "fault"));
  sim_fixture_stop (&f);
}

static void
enable_control (EySimOptions *opts)
{
  opts->control = TRUE;
}

static void
test_control_endpoints (void)
{
  SimFixture f = { 0 };
  g_autoptr(SimResponse) none = NULL;
  g_autoptr(SimResponse) fault = NULL;
  g_autoptr(SimResponse) hit = NULL;
  g_autoptr(SimResponse) sms = NULL;
  g_autoptr(SimResponse) expire = NULL;
  g_autoptr(SimResponse) page = NULL;
  g_autoptr(SimResponse) late = NULL;
  g_autoptr(SimResponse) log = NULL;
  g_autofree char *code = NULL;
  g_autofree char *token = NULL;

  start_with (&f, enable_control);
  none = sim_request (&f, "GET", "/_sim/sms?identity=12345678950", NULL);
  g_assert_cmpuint (none->status, ==, 404);

  fault = sim_request (&f, "POST", "/_sim/fault", "kind", "http500", "page", "login.go",
                       "count", "1", NULL);
  g_assert_cmpuint (fault->status, ==, 200);
  hit = sim_request (&f, "GET", "login.go", NULL);
  g_assert_cmpuint (hit->status, ==, 500);

  sim_login (&f, "12345678950", "Ab3kT9qz");
  sim_open_form (&f, 1001);
  sim_submit_form (&f);
  sim_send_sms (&f);
  sms = sim_request (&f, "GET", "/_sim/sms?identity=12345678950", NULL);
  g_assert_cmpuint (sms->status, ==, 200);
  code = ey_sim_server_get_last_sms_code (f.server, "12345678950");
  g_assert_cmpstr (sms->text, ==, code);

  expire = sim_request (&f, "POST", "/_sim/expire", "what", "sms", NULL);
  g_assert_cmpuint (expire->status, ==, 200);
  page = sim_get (&f, "smsonay.go");
  token = sim_form_token (page->text);
  late = sim_request (&f, "POST", "smsonay.go", "formToken", token, "smsKodu", code,
                      "tamam", "Tamam", NULL);
  has (late->text, "SMS onay kodunun süresi doldu. Yeni kod gönderiniz.");

  log = sim_request (&f, "GET", "/_sim/log", NULL);
  g_assert_cmpuint (log->status, ==, 200);
  has (log->text, "\"event\":\"sms-sent\"");
  has (log->text, "\"event\":\"fault\"");
  lacks (log->text, code);
  sim_fixture_stop (&f);
}

static void
test_control_off_by_default (void)
{
  SimFixture f = { 0 };
  g_autoptr(SimResponse) r = NULL;

  sim_fixture_start (&f, NULL);
  r = sim_request (&f, "GET", "/_sim/log", NULL);
  g_assert_cmpuint (r->status, ==, 404);
  sim_fixture_stop (&f);
}

static void
alt_variant (EySimOptions *opts)
{
  opts->variant = "alt";
}

static void
alt_post (SimFixture *f,
          const char *page,
          const char *name,
          const char *value,
          const char *expect)
{
  g_autoptr(SimResponse) get = sim_get (f, page);
  g_autofree char *token = sim_form_token (get->text);
  g_autoptr(SimResponse) r = sim_request (f, "POST", page, "formToken", token, name, value, NULL);

  g_assert_cmpuint (r->status, ==, 303);
  g_assert_cmpstr (r->location, ==, expect);
}

/* The second profile: same flow, other names, end to end. */
static void
test_alt_variant (void)
{
  SimFixture f = { 0 };
  g_autoptr(SimResponse) login = NULL, bad = NULL, ok = NULL, orders = NULL, form = NULL;
  g_autoptr(SimResponse) saved = NULL, smspage = NULL, sign = NULL, method = NULL, result = NULL;
  g_autoptr(SimResponse) codepage = NULL, coded = NULL;
  g_autoptr(GBytes) data = NULL, der = NULL;
  g_autofree char *t1 = NULL, *t2 = NULL, *t3 = NULL, *t4 = NULL, *code = NULL, *sms = NULL;
  g_autofree char *b64 = NULL;
  g_autoptr(SimResponse) veri = NULL, imza = NULL;

  start_with (&f, alt_variant);
  g_assert_true (g_str_has_suffix (f.base, "/basvuru2/"));
  login = sim_get (&f, "giris.do");
  has (login->text, "name=\"f_tckn\"");
  has (login->text, "src=\"resim.do?t=");
  t1 = sim_form_token (login->text);
  bad = sim_request (&f, "POST", "giris.do", "formToken", t1, "f_resim", "X", "f_tckn",
                     "12345678950", "f_sifre", "Ab3kT9qz", NULL);
  has (bad->text, "<div class=\"err\">Resimdeki yazıyı hatalı girdiniz.</div>");
  t2 = sim_form_token (bad->text);
  ok = sim_request (&f, "POST", "giris.do", "formToken", t2, "f_resim", "ABCDE", "f_tckn",
                    "12345678950", "f_sifre", "Ab3kT9qz", NULL);
  g_assert_cmpstr (ok->location, ==, "siparisler.do");
  orders = sim_get (&f, "siparisler.do");
  has (orders->text, "<table id=\"xOrders\">");
  has (orders->text, "href=\"form.do?f_siparis=1001\"");
  form = sim_get (&f, "form.do?f_siparis=1001");
  has (form->text, "name=\"f_gsm\"");
  t3 = sim_form_token (form->text);
  saved = sim_request (&f, "POST", "form.do", "formToken", t3, "f_siparis", "1001",
                       "f_gsm", "05051234569", "f_mail", "a@b.tr", "f_adres", "Adres",
                       "f_il", "76", "f_sozcuk", "sozcuk1", "f_sozcuk2", "sozcuk2", NULL);
  has (saved->text, "class=\"fieldErr\" data-field=\"f_sozcuk2\"");
  g_free (t3);
  t3 = sim_form_token (saved->text);
  g_clear_pointer (&saved, sim_response_free);
  saved = sim_request (&f, "POST", "form.do", "formToken", t3, "f_siparis", "1001",
                       "f_gsm", "05051234569", "f_mail", "a@b.tr", "f_adres", "Adres",
                       "f_il", "76", "f_sozcuk", "sozcuk1", "f_sozcuk2", "sozcuk1", NULL);
  g_assert_cmpstr (saved->location, ==, "sms-gonder.do");
  smspage = sim_get (&f, "sms-gonder.do");
  has (smspage->text, "id=\"xTel\">50*****9</span>");
  alt_post (&f, "sms-gonder.do", "gonder", "Gönder", "sms-kod.do");
  codepage = sim_get (&f, "sms-kod.do");
  has (codepage->text, "id=\"xKalan\"");
  t4 = sim_form_token (codepage->text);
  sms = ey_sim_server_get_last_sms_code (f.server, "12345678950");
  coded = sim_request (&f, "POST", "sms-kod.do", "formToken", t4, "f_smskod", sms, NULL);
  g_assert_cmpstr (coded->location, ==, "onay-tercih.do");
  alt_post (&f, "onay-tercih.do", "f_tercih", "E", "onay-metin.do");
  alt_post (&f, "onay-metin.do", "f_kabul", "1", "onay-imza.do");
  sign = sim_get (&f, "onay-imza.do");
  code = sim_element_text (sign->text, "xKod");
  has (sign->text, "id=\"xDevam\" href=\"yontem.do\"");
  veri = sim_request (&f, "POST", "imza/veri.do", "f_kod", code, NULL);
  g_assert_cmpuint (veri->status, ==, 200);
  data = g_bytes_ref (veri->body);
  der = sim_openssl_sign (&f, data, "ayse-rsa", TRUE);
  b64 = g_base64_encode (g_bytes_get_data (der, NULL), g_bytes_get_size (der));
  imza = sim_request (&f, "POST", "imza/imza.do", "f_kod", code, "f_imza", b64, NULL);
  g_assert_cmpstr (imza->text, ==, "{\"sonuc\":\"tamam\"}");
  method = sim_get (&f, "yontem.do");
  has (method->text, "name=\"f_yontem\" value=\"1\"");
  alt_post (&f, "yontem.do", "f_yontem", "1", "sonuc.do");
  result = sim_get (&f, "sonuc.do");
  has (result->text, "<div class=\"ok\">Başvuru formu E-Onaylama işlemi başarıyla tamamlandı.");
  g_assert_cmpuint (ey_sim_server_count_events (f.server, "application-submitted", "method",
                                                "eonayli"), ==, 1);
  sim_fixture_stop (&f);
}

static void
latin5 (EySimOptions *opts)
{
  opts->charset = "iso-8859-9";
}

static void
cp1254 (EySimOptions *opts)
{
  opts->charset = "windows-1254";
  opts->http = TRUE;
}

static void
test_charsets (void)
{
  SimFixture f = { 0 };
  g_autoptr(SimResponse) login = NULL;
  g_autoptr(SimResponse) form = NULL;
  g_autoptr(SimResponse) r = NULL;
  g_autoptr(SimResponse) back = NULL;
  g_autoptr(SimResponse) plain = NULL;
  g_autofree char *address = g_convert ("Şehit Bülent Yurtseven Kampüsü", -1, "ISO-8859-9",
                                        "UTF-8", NULL, NULL, NULL);
  g_autofree char *expected = g_convert ("value=\"Şehit Bülent", -1, "ISO-8859-9", "UTF-8",
                                         NULL, NULL, NULL);
  g_autofree char *token = NULL;

  start_with (&f, latin5);
  login = sim_get (&f, "login.go");
  g_assert_cmpstr (login->content_type, ==, "text/html");
  g_assert_cmpstr (login->charset, ==, "iso-8859-9");
  has (login->text, "<meta charset=\"iso-8859-9\">");
  g_assert_false (g_utf8_validate (login->text, -1, NULL));
  has (login->text, "Kullan\xfd\x63\xfd Giri\xfei");   /* "Kullanıcı Girişi" in Latin-5 */

  sim_login (&f, "12345678950", "Ab3kT9qz");
  sim_open_form (&f, 1001);
  form = sim_get (&f, "basvuru.go");
  token = sim_form_token (form->text);
  r = sim_request (&f, "POST", "basvuru.go", "formToken", token, "siparisNo", "1001",
                   "cepTel", "05051234569", "eposta", "a@b.tr", "adres", address, "il", "76",
                   "guvenlikSozcugu", "sozcuk1", "guvenlikSozcuguTekrar", "sozcuk1", NULL);
  g_assert_cmpstr (r->location, ==, "sms.go");
  back = sim_get (&f, "basvuru.go");
  has (back->text, expected);
  sim_fixture_stop (&f);

  start_with (&f, cp1254);
  g_assert_true (g_str_has_prefix (f.base, "http://127.0.0.1:"));
  plain = sim_get (&f, "login.go");
  g_assert_cmpuint (plain->status, ==, 200);
  g_assert_cmpstr (plain->charset, ==, "windows-1254");
  has (plain->text, "<meta charset=\"windows-1254\">");
  sim_fixture_stop (&f);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/sim/fault/http500-unexpected", test_http500_and_unexpected);
  g_test_add_func ("/sim/fault/drop", test_drop);
  g_test_add_func ("/sim/fault/limit-faults", test_limit_fault_specs);
  g_test_add_func ("/sim/fault/slow", test_slow_never_blocks);
  g_test_add_func ("/sim/fault/expire-session", test_expire_session_fault);
  g_test_add_func ("/sim/control/endpoints", test_control_endpoints);
  g_test_add_func ("/sim/control/off", test_control_off_by_default);
  g_test_add_func ("/sim/variant/alt", test_alt_variant);
  g_test_add_func ("/sim/charset/pages", test_charsets);
  return g_test_run ();
}
