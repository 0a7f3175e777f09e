/* SPDX-License-Identifier: GPL-3.0-or-later */
/* kamusm-sim: real CMS verification of uploaded signatures, each refusal code. */
#include "config.h"

#include <string.h>

#include "sim-test-util.h"

typedef struct
{
  SimFixture f;
  char      *code;
  GBytes    *data;
} SignFixture;

static void
reach_signing (SignFixture *s,
               const char  *identity,
               const char  *password,
               guint        order)
{
  g_autoptr(SimResponse) page = NULL;

  sim_fixture_start (&s->f, NULL);
  sim_to_sign_page (&s->f, identity, password, order);
  page = sim_get (&s->f, "eonayimza.go");
  s->code = sim_element_text (page->text, "dogrulamaKodu");
  g_assert_nonnull (s->code);
  s->data = sim_sign_data (&s->f, s->code);
}

static void
done (SignFixture *s)
{
  g_free (s->code);
  g_bytes_unref (s->data);
  sim_fixture_stop (&s->f);
}

static char *
sign_and_upload (SignFixture *s,
                 const char  *cert,
                 gboolean     cades)
{
  g_autoptr(GBytes) der = sim_openssl_sign (&s->f, s->data, cert, cades);

  return sim_upload (&s->f, s->code, der);
}

static void
assert_refused (SignFixture *s,
                const char  *cert,
                gboolean     cades,
                const char  *expected)
{
  g_autofree char *verdict = sign_and_upload (s, cert, cades);

  g_assert_cmpstr (verdict, ==, expected);
  g_assert_nonnull (ey_sim_server_find_event (s->f.server, "signature-refused", "reason", expected));
}

/* One session tries every wrong signature (the code stays live until one is
 * accepted), then the right one. */
static void
test_refusals_then_rsa (void)
{
  SignFixture s = { 0 };
  g_autoptr(GBytes) good = NULL;
  g_autoptr(GBytes) other_data = g_bytes_new_static ("başka metin\n", strlen ("başka metin\n"));
  g_autoptr(GBytes) other = NULL;
  g_autoptr(GBytes) flipped = NULL;
  g_autofree char *v1 = NULL, *v2 = NULL, *v3 = NULL, *v4 = NULL, *v5 = NULL;
  guint8 *bytes;
  gsize len;

  reach_signing (&s, "12345678950", "Ab3kT9qz", 1001);

  assert_refused (&s, "zeynep-rsa", TRUE, "KIMLIK_UYUSMUYOR");
  assert_refused (&s, "mallory-rsa", TRUE, "SERTIFIKA_GUVENILMEZ");
  assert_refused (&s, "ayse-rsa", FALSE, "IMZA_OZNITELIK_EKSIK");

  /* A byte flipped in the signature value at the end of the DER. */
  good = sim_openssl_sign (&s.f, s.data, "ayse-rsa", TRUE);
  bytes = g_memdup2 (g_bytes_get_data (good, NULL), g_bytes_get_size (good));
  len = g_bytes_get_size (good);
  bytes[len - 5] ^= 0x01;
  flipped = g_bytes_new_take (bytes, len);
  v1 = sim_upload (&s.f, s.code, flipped);
  g_assert_cmpstr (v1, ==, "IMZA_GECERSIZ");

  other = sim_openssl_sign (&s.f, other_data, "ayse-rsa", TRUE);
  v2 = sim_upload (&s.f, s.code, other);
  g_assert_cmpstr (v2, ==, "IMZA_GECERSIZ");

  v3 = sim_upload (&s.f, "000000000000000", good);
  g_assert_cmpstr (v3, ==, "KOD_HATALI");
  {
    g_autoptr(GBytes) junk = g_bytes_new_static ("not a signature", 15);

    v4 = sim_upload (&s.f, s.code, junk);
    g_assert_cmpstr (v4, ==, "IMZA_GECERSIZ");
  }
  g_assert_cmpuint (ey_sim_server_count_events (s.f.server, "signature-accepted", NULL, NULL), ==, 0);

  v5 = sim_upload (&s.f, s.code, good);
  g_assert_cmpstr (v5, ==, "tamam");
  g_assert_cmpuint (ey_sim_server_count_events (s.f.server, "signature-accepted", NULL, NULL), ==, 1);
  done (&s);
}

static void
test_ecdsa_accepted (void)
{
  SignFixture s = { 0 };
  g_autofree char *verdict = NULL;

  reach_signing (&s, "12345678950", "Ab3kT9qz", 1001);
  verdict = sign_and_upload (&s, "ayse-ecdsa", TRUE);
  g_assert_cmpstr (verdict, ==, "tamam");
  done (&s);
}

static void
test_expired_certificate (void)
{
  SignFixture s = { 0 };

  /* Fatma's own certificate, expired: E-Onay refused, the wet path remains. */
  reach_signing (&s, "34567891238", "Fq4nR8ty", 1003);
  assert_refused (&s, "fatma-expired", TRUE, "SERTIFIKA_GECERSIZ");
  done (&s);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/sim/sign/refusals-then-rsa", test_refusals_then_rsa);
  g_test_add_func ("/sim/sign/ecdsa", test_ecdsa_accepted);
  g_test_add_func ("/sim/sign/expired", test_expired_certificate);
  return g_test_run ();
}
