/* SPDX-License-Identifier: GPL-3.0-or-later */
/* kamusm-sim: the two paths end to end, and every page's errors. */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <glib/gstdio.h>

#include "sim-test-util.h"

#define has(text, needle) g_assert_nonnull (strstr ((text), (needle)))
#define lacks(text, needle) g_assert_null (strstr ((text), (needle)))

static void
post_simple (SimFixture *f,
             const char *page,
             const char *name,
             const char *value,
             const char *expect_location)
{
  g_autoptr(SimResponse) get = sim_get (f, page);
  g_autofree char *token = sim_form_token (get->text);
  g_autoptr(SimResponse) r = sim_request (f, "POST", page, "formToken", token, name, value, NULL);

  g_assert_cmpuint (r->status, ==, 303);
  g_assert_cmpstr (r->location, ==, expect_location);
}

static void
test_eonay_path (void)
{
  SimFixture f = { 0 };
  g_autoptr(SimResponse) sign_page = NULL;
  g_autoptr(SimResponse) after = NULL;
  g_autoptr(SimResponse) method = NULL;
  g_autoptr(SimResponse) result = NULL;
  g_autoptr(GBytes) data = NULL;
  g_autoptr(GBytes) der = NULL;
  g_autofree char *code = NULL;
  g_autofree char *left = NULL;
  g_autofree char *verdict = NULL;
  g_autofree char *sms = NULL;
  g_autofree char *log = NULL;

  sim_fixture_start (&f, NULL);
  sim_to_sign_page (&f, "12345678950", "Ab3kT9qz", 1001);
  sms = ey_sim_server_get_last_sms_code (f.server, "12345678950");

  sign_page = sim_get (&f, "eonayimza.go");
  has (sign_page->text, "<h1 class=\"sayfaBaslik\">E-Onaylama</h1>");
  has (sign_page->text, "KamuSM-eImza.jnlp");
  has (sign_page->text, "<a id=\"devamLink\" href=\"imzayontemi.go\">");
  code = sim_element_text (sign_page->text, "dogrulamaKodu");
  left = sim_element_text (sign_page->text, "kalanSure");
  g_assert_cmpuint (strlen (code), ==, 15);
  g_assert_cmpint (atoi (left), >, 250);
  g_assert_cmpint (atoi (left), <=, 260);

  /* The continue link before signing keeps the applicant on the signing page. */
  after = sim_request (&f, "GET", "imzayontemi.go", NULL);
  g_assert_cmpstr (after->location, ==, "eonayimza.go");
  g_clear_pointer (&after, sim_response_free);

  data = sim_sign_data (&f, code);
  has (g_bytes_get_data (data, NULL), "Kimlik No: 12345678950");
  has (g_bytes_get_data (data, NULL), code);
  der = sim_openssl_sign (&f, data, "ayse-rsa", TRUE);
  verdict = sim_upload (&f, code, der);
  g_assert_cmpstr (verdict, ==, "tamam");

  after = sim_request (&f, "GET", "eonayimza.go", NULL);
  g_assert_cmpuint (after->status, ==, 303);
  g_assert_cmpstr (after->location, ==, "imzayontemi.go");

  method = sim_get (&f, "imzayontemi.go");
  has (method->text, "value=\"eonayli\">E-Onaylı Başvuru</button>");
  has (method->text, "value=\"eimzali\"");
  has (method->text, "value=\"islak\"");
  post_simple (&f, "imzayontemi.go", "yontem", "eonayli", "sonuc.go");

  result = sim_get (&f, "sonuc.go");
  has (result->text, "<div class=\"basari\">Başvuru formu E-Onaylama işlemi başarıyla "
                     "tamamlandı. Başvuru formunuz sistemimize ulaştı.</div>");
  g_assert_cmpuint (ey_sim_server_count_events (f.server, "application-submitted", "method",
                                                "eonayli"), ==, 1);
  g_assert_cmpuint (ey_sim_server_count_events (f.server, "signature-accepted", NULL, NULL), ==, 1);
  g_assert_cmpuint (ey_sim_server_count_events (f.server, "sign-data-issued", "purpose",
                                                "eonay"), ==, 1);
  g_assert_cmpuint (ey_sim_server_count_events (f.server, "method-chosen", "method",
                                                "eonayli"), ==, 1);

  /* No secret in the state log. */
  log = ey_sim_server_get_log_text (f.server);
  lacks (log, "Ab3kT9qz");
  lacks (log, sms);
  lacks (log, "ABCDE");
  lacks (log, "Çiçekli6");
  has (log, "\"event\":\"login-ok\"");
  has (log, "\"event\":\"consent-accepted\"");

  sim_fixture_stop (&f);
}

/* The text of a PDF, as pdftotext reads it. */
static char *
pdf_text (GBytes *pdf)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *out = NULL;
  int fd = g_file_open_tmp ("sim-form-XXXXXX.pdf", &path, &error);
  int status = 0;

  g_assert_no_error (error);
  close (fd);
  g_assert_true (g_file_set_contents (path, g_bytes_get_data (pdf, NULL), g_bytes_get_size (pdf),
                                      &error));
  {
    g_autofree char *pdftotext = g_find_program_in_path ("pdftotext");
    const char *argv[] = { "pdftotext", "-enc", "UTF-8", path, "-", NULL };

    g_assert_nonnull (pdftotext);
    g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                                 &out, NULL, &status, &error));
  }
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  g_unlink (path);
  return g_steal_pointer (&out);
}

static void
wet_path (gboolean demo)
{
  SimFixture f = { 0 };
  EySimOptions opts;
  g_autoptr(SimResponse) method = NULL;
  g_autoptr(SimResponse) islak = NULL;
  g_autoptr(SimResponse) pdf = NULL;
  g_autofree char *text = NULL;

  f.pki = g_test_build_filename (G_TEST_BUILT, "fixtures", NULL);
  sim_fixture_test_options (&f, &opts);
  opts.demo = demo;
  sim_fixture_start (&f, &opts);
  sim_to_eonay_choice (&f, "12345678950", "Ab3kT9qz", 1001);
  post_simple (&f, "eonay.go", "eonayTercih", "hayir", "imzayontemi.go");

  method = sim_get (&f, "imzayontemi.go");
  lacks (method->text, "value=\"eonayli\"");
  has (method->text, "value=\"eimzali\">E-İmzalı Başvuru</button>");
  has (method->text, "value=\"islak\">Islak İmzalı Başvuru</button>");
  post_simple (&f, "imzayontemi.go", "yontem", "islak", "islak.go");

  islak = sim_get (&f, "islak.go");
  has (islak->text, "<a id=\"pdfLink\" href=\"basvuruformu.pdf\">");
  g_assert_cmpuint (ey_sim_server_count_events (f.server, "application-submitted", NULL, NULL), ==, 0);

  pdf = sim_get (&f, "basvuruformu.pdf");
  g_assert_cmpuint (pdf->status, ==, 200);
  g_assert_cmpstr (pdf->content_type, ==, "application/pdf");
  g_assert_cmpuint (g_bytes_get_size (pdf->body), >, 1000);
  g_assert_true (memcmp (g_bytes_get_data (pdf->body, NULL), "%PDF-", 5) == 0);
  g_assert_cmpuint (ey_sim_server_count_events (f.server, "application-submitted", "method",
                                                "islak"), ==, 1);
  g_assert_cmpuint (ey_sim_server_count_events (f.server, "pdf-downloaded", NULL, NULL), ==, 1);

  /* The demo's form carries the mark in both words; the site's own never. */
  text = pdf_text (pdf->body);
  has (text, "BAŞVURU FORMU");
  has (text, "AYŞE");
  if (demo)
    {
      has (text, "TANITIM");
      has (text, "DEMO");
    }
  else
    {
      lacks (text, "TANITIM");
      lacks (text, "DEMO");
    }
  sim_fixture_stop (&f);
}

static void
test_wet_path (void)
{
  wet_path (FALSE);
}

static void
test_wet_path_demo (void)
{
  wet_path (TRUE);
}

static void
test_eimzali_path (void)
{
  SimFixture f = { 0 };
  g_autoptr(SimResponse) page = NULL;
  g_autoptr(SimResponse) result = NULL;
  g_autoptr(GBytes) data = NULL;
  g_autoptr(GBytes) der = NULL;
  g_autofree char *code = NULL;
  g_autofree char *verdict = NULL;

  sim_fixture_start (&f, NULL);
  sim_to_eonay_choice (&f, "12345678950", "Ab3kT9qz", 1001);
  post_simple (&f, "eonay.go", "eonayTercih", "hayir", "imzayontemi.go");
  post_simple (&f, "imzayontemi.go", "yontem", "eimzali", "eimzali.go");

  page = sim_get (&f, "eimzali.go");
  has (page->text, "<a id=\"devamLink\" href=\"sonuc.go\">");
  code = sim_element_text (page->text, "dogrulamaKodu");
  data = sim_sign_data (&f, code);
  has (g_bytes_get_data (data, NULL), "Sipariş No: 1001");
  der = sim_openssl_sign (&f, data, "ayse-rsa", TRUE);
  verdict = sim_upload (&f, code, der);
  g_assert_cmpstr (verdict, ==, "tamam");

  result = sim_get (&f, "eimzali.go");
  has (result->text, "Başvuru formu E-İmza ile imzalandı. Başvuru formunuz sistemimize ulaştı.");
  g_assert_cmpuint (ey_sim_server_count_events (f.server, "application-submitted", "method",
                                                "eimzali"), ==, 1);
  g_assert_cmpuint (ey_sim_server_count_events (f.server, "sign-data-issued", "purpose",
                                                "form"), ==, 1);
  sim_fixture_stop (&f);
}

static SimResponse *
post_login (SimFixture *f,
            const char *captcha,
            const char *identity,
            const char *password)
{
  g_autoptr(SimResponse) page = sim_get (f, "login.go");
  g_autofree char *token = sim_form_token (page->text);

  return sim_request (f, "POST", "login.go", "formToken", token, "guvenlikKodu", captcha,
                      "kimlikNo", identity, "parola", password, "giris", "Giriş", NULL);
}

static void
test_login_errors (void)
{
  SimFixture f = { 0 };
  g_autoptr(SimResponse) r1 = NULL;
  g_autoptr(SimResponse) r2 = NULL;
  g_autoptr(SimResponse) forgot = NULL;
  g_autoptr(SimResponse) r3 = NULL;
  g_autoptr(SimResponse) login = NULL;
  g_autoptr(SimResponse) png = NULL;
  g_autofree char *token = NULL;

  sim_fixture_start (&f, NULL);
  login = sim_get (&f, "login.go");
  has (login->text, "<title>Kamu SM - Nitelikli Elektronik Sertifika Başvurusu</title>");
  has (login->text, "<div id=\"baslik\">");
  has (login->text, "<h1 class=\"sayfaBaslik\">Kullanıcı Girişi</h1>");
  has (login->text, "href=\"sifreunutma.go\"");
  has (login->text, "name=\"giris\" value=\"Giriş\"");
  png = sim_get (&f, "captcha.go?t=1");
  g_assert_cmpstr (png->content_type, ==, "image/png");
  g_assert_true (memcmp (g_bytes_get_data (png->body, NULL), "\x89PNG", 4) == 0);

  r1 = post_login (&f, "WRONG", "12345678950", "Ab3kT9qz");
  g_assert_cmpuint (r1->status, ==, 200);
  has (r1->text, "<div class=\"hata\">Resimdeki yazıyı hatalı girdiniz.</div>");
  g_assert_cmpuint (ey_sim_server_count_events (f.server, "login-failed", "reason", "captcha"), ==, 1);

  r2 = post_login (&f, "ABCDE", "12345678950", "yanlis");
  g_assert_cmpuint (r2->status, ==, 200);
  has (r2->text, "<div class=\"hata\">Kimlik numarası veya başvuru formu erişim parolası hatalı.</div>");
  g_assert_cmpuint (ey_sim_server_count_events (f.server, "login-failed", "reason", "credentials"), ==, 1);

  forgot = sim_get (&f, "sifreunutma.go");
  has (forgot->text, "<h1 class=\"sayfaBaslik\">Parolamı Bilmiyorum</h1>");
  token = sim_form_token (forgot->text);
  r3 = sim_request (&f, "POST", "sifreunutma.go", "formToken", token, "kimlikNo", "12345678950",
                    "guvenlikKodu", "ABCDE", "gonder", "Gönder", NULL);
  g_assert_cmpstr (r3->location, ==, "login.go");
  g_clear_pointer (&login, sim_response_free);
  login = sim_get (&f, "login.go");
  has (login->text, "<div class=\"bilgi\">Başvuru formu erişim parolanız e-posta adresinize "
                    "yeniden gönderildi.</div>");
  g_assert_cmpuint (ey_sim_server_count_events (f.server, "password-resent", "identity",
                                                "12345678950"), ==, 1);

  /* Foreign staff sign in with a passport number. */
  sim_login (&f, "U12345678", "Jd8sK3pv");
  g_assert_cmpuint (ey_sim_server_count_events (f.server, "login-ok", "identity", "U12345678"), ==, 1);
  sim_fixture_stop (&f);
}

static void
test_orders (void)
{
  SimFixture f = { 0 };
  g_autoptr(SimResponse) none = NULL;
  g_autoptr(SimResponse) two = NULL;
  g_autoptr(SimResponse) one = NULL;

  sim_fixture_start (&f, NULL);
  sim_login (&f, "23456789138", "Mz7pQ2wx");
  none = sim_get (&f, "siparis.go");
  has (none->text, "<div class=\"uyari\">Adınıza açılmış bir sertifika siparişi bulunmamaktadır. "
                   "Kurumunuzun e-imza sorumlusuna başvurunuz.</div>");
  lacks (none->text, "tr class=\"siparis\"");

  sim_login (&f, "45678912316", "Al5vB6nm");
  two = sim_get (&f, "siparis.go");
  has (two->text, "<table id=\"siparisler\">");
  has (two->text, "<a href=\"basvuru.go?siparisNo=1004\">Yenileme Başvurusu</a>");
  has (two->text, "<a href=\"basvuru.go?siparisNo=1005\">Yeni Başvuru</a>");
  has (two->text, "<td class=\"kurum\">IĞDIR ÜNİVERSİTESİ REKTÖRLÜĞÜ</td>");
  has (two->text, "<td class=\"tarih\">09.10.2026</td>");
  sim_open_form (&f, 1005);
  g_assert_nonnull (ey_sim_server_find_event (f.server, "order-opened", "order", "1005"));

  sim_login (&f, "12345678950", "Ab3kT9qz");
  one = sim_get (&f, "siparis.go");
  g_assert_nonnull (strstr (one->text, "tr class=\"siparis\""));
  g_assert_null (strstr (strstr (one->text, "tr class=\"siparis\"") + 5, "tr class=\"siparis\""));
  sim_fixture_stop (&f);
}

static void
test_form_errors (void)
{
  SimFixture f = { 0 };
  g_autoptr(SimResponse) page = NULL;
  g_autoptr(SimResponse) r1 = NULL;
  g_autoptr(SimResponse) r2 = NULL;
  g_autofree char *token = NULL;
  g_autofree char *token2 = NULL;
  JsonObject *event;

  sim_fixture_start (&f, NULL);
  sim_login (&f, "12345678950", "Ab3kT9qz");
  sim_open_form (&f, 1001);
  page = sim_get (&f, "basvuru.go");
  has (page->text, "name=\"kimlikNo\" value=\"12345678950\" readonly");
  has (page->text, "name=\"ad\" value=\"AYŞE\" readonly");
  has (page->text, "<option value=\"76\" selected>IĞDIR</option>");
  has (page->text, "name=\"onayla\" value=\"Formu Onayla\"");
  token = sim_form_token (page->text);
  r1 = sim_request (&f, "POST", "basvuru.go", "formToken", token, "siparisNo", "1001",
                    "cepTel", "0212 123 45 67", "eposta", "ayse@", "adres", "   ", "il", "",
                    "ilce", "", "postaKodu", "", "guvenlikSozcugu", "kısa",
                    "guvenlikSozcuguTekrar", "kısa", NULL);
  g_assert_cmpuint (r1->status, ==, 200);
  has (r1->text, "data-alan=\"cepTel\">Cep telefonu numarası geçersiz.</span>");
  has (r1->text, "data-alan=\"eposta\">E-posta adresi geçersiz.</span>");
  has (r1->text, "data-alan=\"adres\">Adres boş bırakılamaz.</span>");
  has (r1->text, "data-alan=\"il\">İl seçiniz.</span>");
  has (r1->text, "data-alan=\"guvenlikSozcugu\">Güvenlik sözcüğü en az 6 karakter olmalıdır.</span>");
  has (r1->text, "<span class=\"alanHata\"");
  /* What was typed is shown again (except the security word). */
  has (r1->text, "value=\"0212 123 45 67\"");
  lacks (r1->text, "kısa");
  event = ey_sim_server_find_event (f.server, "form-invalid", NULL, NULL);
  g_assert_cmpstr (json_object_get_string_member (event, "fields"), ==,
                   "cepTel,eposta,adres,il,guvenlikSozcugu");

  token2 = sim_form_token (r1->text);
  r2 = sim_request (&f, "POST", "basvuru.go", "formToken", token2, "siparisNo", "1001",
                    "cepTel", "+905051234569", "eposta", "a@b.tr", "adres", "X", "il", "76",
                    "guvenlikSozcugu", "sözcük1", "guvenlikSozcuguTekrar", "sözcük2", NULL);
  g_assert_cmpuint (r2->status, ==, 200);
  has (r2->text, "data-alan=\"guvenlikSozcuguTekrar\">Güvenlik sözcükleri birbirini tutmuyor.</span>");
  lacks (r2->text, "data-alan=\"cepTel\"");
  g_assert_cmpuint (ey_sim_server_count_events (f.server, "form-saved", NULL, NULL), ==, 0);
  sim_fixture_stop (&f);
}

static void
test_choice_errors (void)
{
  SimFixture f = { 0 };
  g_autoptr(SimResponse) eonay = NULL;
  g_autoptr(SimResponse) none = NULL;
  g_autoptr(SimResponse) consent = NULL;
  g_autoptr(SimResponse) unticked = NULL;
  g_autofree char *token = NULL;
  g_autofree char *token2 = NULL;

  sim_fixture_start (&f, NULL);
  sim_to_eonay_choice (&f, "12345678950", "Ab3kT9qz", 1001);
  eonay = sim_get (&f, "eonay.go");
  has (eonay->text, "name=\"eonayTercih\" value=\"evet\"");
  has (eonay->text, "name=\"eonayTercih\" value=\"hayir\"");
  token = sim_form_token (eonay->text);
  none = sim_request (&f, "POST", "eonay.go", "formToken", token, "devam", "Devam Et", NULL);
  has (none->text, "<div class=\"hata\">Lütfen bir seçim yapınız.</div>");
  post_simple (&f, "eonay.go", "eonayTercih", "evet", "eonaymetin.go");
  consent = sim_get (&f, "eonaymetin.go");
  has (consent->text, "KABUL EDİYORUM.");
  has (consent->text, "name=\"kabul\" value=\"1\"");
  token2 = sim_form_token (consent->text);
  unticked = sim_request (&f, "POST", "eonaymetin.go", "formToken", token2, "devam", "Devam Et", NULL);
  has (unticked->text, "<div class=\"hata\">Devam etmek için metni kabul etmelisiniz.</div>");
  sim_fixture_stop (&f);
}

static void
test_reused_token (void)
{
  SimFixture f = { 0 };
  g_autoptr(SimResponse) page = NULL;
  g_autoptr(SimResponse) again = NULL;
  g_autofree char *token = NULL;

  sim_fixture_start (&f, NULL);
  sim_login (&f, "12345678950", "Ab3kT9qz");
  sim_open_form (&f, 1001);
  sim_submit_form (&f);
  page = sim_get (&f, "sms.go");
  token = sim_form_token (page->text);
  g_clear_pointer (&page, sim_response_free);
  page = sim_request (&f, "POST", "sms.go", "formToken", token, "gonder", "Gönder", NULL);
  g_assert_cmpstr (page->location, ==, "smsonay.go");
  again = sim_request (&f, "POST", "sms.go", "formToken", token, "gonder", "Gönder", NULL);
  g_assert_cmpuint (again->status, ==, 200);
  has (again->text, "<div class=\"hata\">Bu form daha önce gönderildi.</div>");
  /* … shown on the page of the current state: the SMS code page. */
  has (again->text, "<h1 class=\"sayfaBaslik\">SMS Onay Kodu</h1>");
  g_assert_cmpuint (ey_sim_server_count_events (f.server, "sms-sent", NULL, NULL), ==, 1);
  sim_fixture_stop (&f);
}

static void
test_out_of_order (void)
{
  SimFixture f = { 0 };
  g_autoptr(SimResponse) jump = NULL;
  g_autoptr(SimResponse) anon = NULL;
  g_autoptr(SimResponse) login = NULL;

  sim_fixture_start (&f, NULL);
  /* No session at all: sent to the sign-in page with the expiry notice. */
  anon = sim_request (&f, "GET", "basvuru.go?siparisNo=1001", NULL);
  g_assert_cmpuint (anon->status, ==, 303);
  g_assert_cmpstr (anon->location, ==, "login.go");
  login = sim_get (&f, "login.go");
  has (login->text, "<div class=\"hata\">Oturumunuzun süresi doldu. Lütfen yeniden giriş yapınız.</div>");

  sim_login (&f, "12345678950", "Ab3kT9qz");
  jump = sim_request (&f, "GET", "smsonay.go", NULL);
  g_assert_cmpuint (jump->status, ==, 303);
  g_assert_cmpstr (jump->location, ==, "siparis.go");
  g_clear_pointer (&jump, sim_response_free);
  jump = sim_request (&f, "GET", "sonuc.go", NULL);
  g_assert_cmpstr (jump->location, ==, "siparis.go");
  g_clear_pointer (&jump, sim_response_free);
  jump = sim_request (&f, "GET", "basvuru.go?siparisNo=9999", NULL);
  g_assert_cmpstr (jump->location, ==, "siparis.go");
  sim_fixture_stop (&f);
}

typedef struct
{
  guint  sms;
  guint  events;
  char  *code;
  char  *masked;
} Signals;

static void
sms_sent_cb (EySimServer *server,
             const char  *identity,
             const char  *masked,
             const char  *code,
             Signals     *sig)
{
  g_assert_cmpstr (identity, ==, "12345678950");
  sig->sms++;
  g_free (sig->code);
  sig->code = g_strdup (code);
  g_free (sig->masked);
  sig->masked = g_strdup (masked);
}

static void
event_cb (EySimServer *server,
          JsonObject  *event,
          Signals     *sig)
{
  g_assert_nonnull (json_object_get_string_member (event, "event"));
  sig->events++;
}

/* What the demo and the client tests use in-process: signals, codes, expiry. */
static void
test_api (void)
{
  SimFixture f = { 0 };
  Signals sig = { 0 };
  g_autoptr(SimResponse) page = NULL;
  g_autoptr(SimResponse) expired = NULL;
  g_autofree char *last = NULL;
  g_autofree char *code = NULL;
  g_autofree char *shown = NULL;

  sim_fixture_start (&f, NULL);
  g_signal_connect (f.server, "sms-sent", G_CALLBACK (sms_sent_cb), &sig);
  g_signal_connect (f.server, "event", G_CALLBACK (event_cb), &sig);
  g_assert_cmpstr (ey_sim_server_get_fingerprint (f.server), !=, NULL);
  g_assert_true (g_str_has_prefix (ey_sim_server_get_certificate_pem (f.server),
                                   "-----BEGIN CERTIFICATE-----"));
  g_assert_true (g_str_has_suffix (ey_sim_server_get_base_url (f.server), "/bs/"));

  sim_to_sign_page (&f, "12345678950", "Ab3kT9qz", 1001);
  g_assert_cmpuint (sig.sms, ==, 1);
  g_assert_cmpstr (sig.masked, ==, "50*****9");
  last = ey_sim_server_get_last_sms_code (f.server, "12345678950");
  g_assert_cmpstr (sig.code, ==, last);
  g_assert_cmpuint (sig.events, ==, ey_sim_server_get_log (f.server)->len);

  page = sim_get (&f, "eonayimza.go");
  shown = sim_element_text (page->text, "dogrulamaKodu");
  code = ey_sim_server_get_verification_code (f.server, "12345678950");
  g_assert_cmpstr (code, ==, shown);
  g_assert_true (ey_sim_server_expire (f.server, "code"));
  g_assert_false (ey_sim_server_expire (f.server, "nothing"));
  expired = sim_get (&f, "eonayimza.go");
  g_assert_nonnull (strstr (expired->text, "Doğrulama kodunun süresi doldu."));

  g_signal_handlers_disconnect_by_data (f.server, &sig);
  g_free (sig.code);
  g_free (sig.masked);
  sim_fixture_stop (&f);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/sim/flow/eonay", test_eonay_path);
  g_test_add_func ("/sim/flow/wet", test_wet_path);
  g_test_add_func ("/sim/flow/wet-demo", test_wet_path_demo);
  g_test_add_func ("/sim/flow/eimzali", test_eimzali_path);
  g_test_add_func ("/sim/login/errors", test_login_errors);
  g_test_add_func ("/sim/orders", test_orders);
  g_test_add_func ("/sim/form/errors", test_form_errors);
  g_test_add_func ("/sim/choice/errors", test_choice_errors);
  g_test_add_func ("/sim/token/reused", test_reused_token);
  g_test_add_func ("/sim/nav/out-of-order", test_out_of_order);
  g_test_add_func ("/sim/api/signals-codes", test_api);
  return g_test_run ();
}
