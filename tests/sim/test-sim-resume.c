/* SPDX-License-Identifier: GPL-3.0-or-later */
/* kamusm-sim: an application's progress outlives the site session.  An accepted
 * E-Onay is kept for the next sign-in (method page, not the form); an application
 * that arrived is shown again and never sent twice.  Also: verification-code
 * refusals are in the state log. */
#include "config.h"

#include <string.h>

#include "sim-test-util.h"

#define AYSE    "12345678950"
#define AYSE_PW "Ab3kT9qz"
#define ORDER   1001

#define has(text, needle) g_assert_nonnull (strstr ((text), (needle)))
#define lacks(text, needle) g_assert_null (strstr ((text), (needle)))

static void
post_method (SimFixture *f,
             const char *method,
             const char *expect_location)
{
  g_autoptr(SimResponse) page = sim_get (f, "imzayontemi.go");
  g_autofree char *token = sim_form_token (page->text);
  g_autoptr(SimResponse) r = NULL;

  g_assert_nonnull (token);
  r = sim_request (f, "POST", "imzayontemi.go", "formToken", token, "yontem", method, NULL);
  g_assert_cmpuint (r->status, ==, 303);
  g_assert_cmpstr (r->location, ==, expect_location);
}

/* Signs the E-Onay on the signing page and stops there, as a client that crashed
 * before pressing E-Onaylı Başvuru. */
static void
sign_eonay (SimFixture *f)
{
  g_autoptr(SimResponse) page = NULL;
  g_autoptr(GBytes) data = NULL;
  g_autoptr(GBytes) der = NULL;
  g_autofree char *code = NULL;
  g_autofree char *verdict = NULL;

  sim_to_sign_page (f, AYSE, AYSE_PW, ORDER);
  page = sim_get (f, "eonayimza.go");
  code = sim_element_text (page->text, "dogrulamaKodu");
  data = sim_sign_data (f, code);
  der = sim_openssl_sign (f, data, "ayse-rsa", TRUE);
  verdict = sim_upload (f, code, der);
  g_assert_cmpstr (verdict, ==, "tamam");
}

/* Opening the order after a new sign-in: where does the site send us? */
static char *
open_order_location (SimFixture *f)
{
  g_autofree char *rel = g_strdup_printf ("basvuru.go?siparisNo=%u", ORDER);
  g_autoptr(SimResponse) r = NULL;

  sim_login (f, AYSE, AYSE_PW);
  r = sim_request (f, "GET", rel, NULL);
  if (r->status == 200)
    return g_strdup ("basvuru.go");
  g_assert_cmpuint (r->status, ==, 303);
  return g_strdup (r->location);
}

static void
test_eonay_kept (void)
{
  SimFixture f = { 0 };
  g_autoptr(SimResponse) method = NULL;
  g_autoptr(SimResponse) result = NULL;
  g_autoptr(SimResponse) again = NULL;
  g_autofree char *where = NULL;
  g_autofree char *where2 = NULL;

  sim_fixture_start (&f, NULL);
  sign_eonay (&f);
  g_assert_cmpuint (ey_sim_server_count_events (f.server, "application-submitted", NULL, NULL), ==, 0);

  /* Same browser, new sign-in (GET login.go drops the session's own progress): the
   * accepted E-Onay is still there, so the order opens at the method page. */
  where = open_order_location (&f);
  g_assert_cmpstr (where, ==, "imzayontemi.go");
  g_assert_cmpuint (ey_sim_server_count_events (f.server, "application-resumed", "state",
                                                "eonay-signed"), ==, 1);
  method = sim_get (&f, "imzayontemi.go");
  has (method->text, "<div class=\"bilgi\">E-Onayınız daha önce alınmıştır.");
  has (method->text, "value=\"eonayli\">E-Onaylı Başvuru</button>");
  /* The form is not offered again once the E-Onay is in. */
  {
    g_autoptr(SimResponse) form = sim_request (&f, "GET", "basvuru.go", NULL);

    g_assert_cmpuint (form->status, ==, 303);
    g_assert_cmpstr (form->location, ==, "imzayontemi.go");
  }
  post_method (&f, "eonayli", "sonuc.go");
  result = sim_get (&f, "sonuc.go");
  has (result->text, "Başvuru formu E-Onaylama işlemi başarıyla tamamlandı.");
  g_assert_cmpuint (ey_sim_server_count_events (f.server, "application-submitted", "method",
                                                "eonayli"), ==, 1);

  /* Another browser later: the result again with the notice, no second submission. */
  sim_fixture_new_client (&f);
  where2 = open_order_location (&f);
  g_assert_cmpstr (where2, ==, "sonuc.go");
  again = sim_get (&f, "sonuc.go");
  has (again->text, "<div class=\"bilgi\">Başvurunuz daha önce alınmıştır.</div>");
  has (again->text, "Başvuru formu E-Onaylama işlemi başarıyla tamamlandı.");
  g_assert_cmpuint (ey_sim_server_count_events (f.server, "application-resumed", "state",
                                                "submitted"), ==, 1);
  {
    /* Pressing a method from here is refused by the navigation: still one. */
    g_autoptr(SimResponse) m = sim_request (&f, "GET", "imzayontemi.go", NULL);

    g_assert_cmpuint (m->status, ==, 303);
    g_assert_cmpstr (m->location, ==, "sonuc.go");
  }
  g_assert_cmpuint (ey_sim_server_count_events (f.server, "application-submitted", NULL, NULL), ==, 1);
  sim_fixture_stop (&f);
}

/* The screenshot walk and the demo reset the site between renewals of one person. */
static void
test_forget_applications (void)
{
  SimFixture f = { 0 };
  g_autofree char *where = NULL;
  g_autofree char *where2 = NULL;

  sim_fixture_start (&f, NULL);
  sign_eonay (&f);
  where = open_order_location (&f);
  g_assert_cmpstr (where, ==, "imzayontemi.go");

  ey_sim_server_forget_applications (f.server);
  sim_fixture_new_client (&f);
  where2 = open_order_location (&f);
  g_assert_cmpstr (where2, ==, "basvuru.go");
  g_assert_cmpuint (ey_sim_server_count_events (f.server, "application-resumed", NULL, NULL), ==, 1);
  sim_fixture_stop (&f);
}

/* Two browsers at the method page; the second press shows the result, unsent. */
static void
test_never_twice (void)
{
  SimFixture f = { 0 };
  g_autoptr(SoupSession) first = NULL;
  g_autoptr(SimResponse) result = NULL;
  g_autofree char *where = NULL;

  sim_fixture_start (&f, NULL);
  sign_eonay (&f);
  first = g_object_ref (f.session);
  {
    /* The first browser has the method page open (and a live token). */
    g_autoptr(SimResponse) page = sim_get (&f, "imzayontemi.go");
    has (page->text, "value=\"eonayli\"");
  }

  sim_fixture_new_client (&f);
  where = open_order_location (&f);
  g_assert_cmpstr (where, ==, "imzayontemi.go");
  post_method (&f, "eonayli", "sonuc.go");
  g_assert_cmpuint (ey_sim_server_count_events (f.server, "application-submitted", NULL, NULL), ==, 1);

  /* Back in the first browser: the press lands on the result, nothing sent. */
  g_set_object (&f.session, first);
  post_method (&f, "eonayli", "sonuc.go");
  result = sim_get (&f, "sonuc.go");
  has (result->text, "Başvurunuz daha önce alınmıştır.");
  has (result->text, "sistemimize ulaştı");
  g_assert_cmpuint (ey_sim_server_count_events (f.server, "application-submitted", NULL, NULL), ==, 1);
  g_assert_cmpuint (ey_sim_server_count_events (f.server, "method-chosen", NULL, NULL), ==, 1);
  sim_fixture_stop (&f);
}

/* Before the E-Onay signature nothing is kept that skips a step: the form again,
 * with what was saved. */
static void
test_form_again (void)
{
  SimFixture f = { 0 };
  g_autoptr(SimResponse) form = NULL;
  g_autofree char *where = NULL;

  sim_fixture_start (&f, NULL);
  sim_to_eonay_choice (&f, AYSE, AYSE_PW, ORDER);

  sim_fixture_new_client (&f);
  where = open_order_location (&f);
  g_assert_cmpstr (where, ==, "basvuru.go");
  form = sim_get (&f, "basvuru.go");
  has (form->text, "name=\"onayla\"");
  /* The saved address comes back (people.ini's is longer). */
  has (form->text, "Şehit Bülent Yurtseven Kampüsü");
  lacks (form->text, "Bilgi İşlem Daire");
  g_assert_cmpuint (ey_sim_server_count_events (f.server, "application-resumed", NULL, NULL), ==, 0);
  sim_fixture_stop (&f);
}

/* The E-İmzalı path: the form signature is the submission; a new sign-in shows it. */
static void
test_eimzali_arrived (void)
{
  SimFixture f = { 0 };
  g_autoptr(SimResponse) page = NULL;
  g_autoptr(SimResponse) result = NULL;
  g_autoptr(GBytes) data = NULL;
  g_autoptr(GBytes) der = NULL;
  g_autofree char *code = NULL;
  g_autofree char *verdict = NULL;
  g_autofree char *where = NULL;

  sim_fixture_start (&f, NULL);
  sim_to_eonay_choice (&f, AYSE, AYSE_PW, ORDER);
  {
    g_autoptr(SimResponse) choice = sim_get (&f, "eonay.go");
    g_autofree char *token = sim_form_token (choice->text);
    g_autoptr(SimResponse) r = sim_request (&f, "POST", "eonay.go", "formToken", token,
                                            "eonayTercih", "hayir", NULL);
    g_assert_cmpstr (r->location, ==, "imzayontemi.go");
  }
  post_method (&f, "eimzali", "eimzali.go");
  page = sim_get (&f, "eimzali.go");
  code = sim_element_text (page->text, "dogrulamaKodu");
  data = sim_sign_data (&f, code);
  der = sim_openssl_sign (&f, data, "ayse-rsa", TRUE);
  verdict = sim_upload (&f, code, der);
  g_assert_cmpstr (verdict, ==, "tamam");

  where = open_order_location (&f);
  g_assert_cmpstr (where, ==, "sonuc.go");
  result = sim_get (&f, "sonuc.go");
  has (result->text, "Başvuru formu E-İmza ile imzalandı.");
  has (result->text, "Başvurunuz daha önce alınmıştır.");
  g_assert_cmpuint (ey_sim_server_count_events (f.server, "application-submitted", NULL, NULL), ==, 1);
  sim_fixture_stop (&f);
}

/* KOD_HATALI and KOD_SURESI_DOLDU are logged as signature-refused (docs/kamusm-sim.md). */
static void
test_code_refusals_logged (void)
{
  SimFixture f = { 0 };
  g_autoptr(SimResponse) page = NULL;
  g_autoptr(SimResponse) wrong = NULL;
  g_autoptr(GBytes) data = NULL;
  g_autoptr(GBytes) der = NULL;
  g_autofree char *code = NULL;
  g_autofree char *verdict = NULL;
  g_autofree char *log = NULL;

  sim_fixture_start (&f, NULL);
  sim_to_sign_page (&f, AYSE, AYSE_PW, ORDER);
  page = sim_get (&f, "eonayimza.go");
  code = sim_element_text (page->text, "dogrulamaKodu");

  wrong = sim_request (&f, "POST", "eimza/veri.go", "dogrulamaKodu", "100000000000000", NULL);
  has (wrong->text, "KOD_HATALI");
  g_assert_cmpuint (ey_sim_server_count_events (f.server, "signature-refused", "reason",
                                                "KOD_HATALI"), ==, 1);

  data = sim_sign_data (&f, code);
  der = sim_openssl_sign (&f, data, "ayse-rsa", TRUE);
  g_assert_true (ey_sim_server_expire (f.server, "code"));
  verdict = sim_upload (&f, code, der);
  g_assert_cmpstr (verdict, ==, "KOD_SURESI_DOLDU");
  g_assert_cmpuint (ey_sim_server_count_events (f.server, "signature-refused", "reason",
                                                "KOD_SURESI_DOLDU"), ==, 1);
  g_assert_nonnull (ey_sim_server_find_event (f.server, "signature-refused", "identity", AYSE));
  log = ey_sim_server_get_log_text (f.server);
  lacks (log, code);
  sim_fixture_stop (&f);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/sim/resume/eonay-kept", test_eonay_kept);
  g_test_add_func ("/sim/resume/never-twice", test_never_twice);
  g_test_add_func ("/sim/resume/forget-applications", test_forget_applications);
  g_test_add_func ("/sim/resume/form-again", test_form_again);
  g_test_add_func ("/sim/resume/eimzali-arrived", test_eimzali_arrived);
  g_test_add_func ("/sim/sign/code-refusals-logged", test_code_refusals_logged);
  return g_test_run ();
}
