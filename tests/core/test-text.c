/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <locale.h>
#include <string.h>

#include "ey-text-private.h"

/* Runs in the C locale and under tr_TR.UTF-8 (meson): a locale case fold
 * would turn "I" into "ı" and "i" into "İ" there and break these. */

static void
test_normalize (void)
{
  static const struct { const char *in; const char *out; } cases[] = {
    { "  Devam  Et ", "Devam Et" },
    { "Devam\u00A0Et", "Devam Et" },
    { "Devam\u202FEt", "Devam Et" },
    { "Devam\u2007\u3000Et", "Devam Et" },
    { "Devam\t\n\r Et", "Devam Et" },
    { "De\u200Bvam\u00ADEt", "DevamEt" },
    { "Giris\u0327", "Giri\u015F" },          /* decomposed ş → NFC */
    { "GİRİŞ", "GİRİŞ" },                          /* letters and case kept */
    { "", "" },
  };
  g_autofree char *null_text = ey_text_normalize (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *got = ey_text_normalize (cases[i].in);

      g_assert_cmpstr (got, ==, cases[i].out);
    }
  g_assert_cmpstr (null_text, ==, "");
}

static void
test_fold (void)
{
  static const struct { const char *in; const char *key; } cases[] = {
    { "Giriş", "giris" },
    { "GİRİŞ", "giris" },
    { "GIRIŞ", "giris" },
    { "GİRIS", "giris" },
    { "giriş", "giris" },
    { "Giris", "giris" },
    { "Giris\u0327", "giris" },
    { "I\u0307", "i" },                              /* decomposed İ */
    { "Parolanız", "parolaniz" },
    { "PAROLANIZ", "parolaniz" },
    { "ĞÜŞİÖÇ ğüşıöç", "gusioc gusioc" },
    { "Devam\u00A0\u00A0ET", "devam et" },
    { "  Yeni   Kod\tGönder ", "yeni kod gonder" },
    { "E-İmzalı Başvuru", "e-imzali basvuru" },
    { "\uFF27\uFF29\uFF32\uFF29\uFF33", "giris" },  /* full-width */
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *got = ey_text_fold (cases[i].in);

      g_test_message ("%s", cases[i].in);
      g_assert_cmpstr (got, ==, cases[i].key);
    }
}

static void
test_compare (void)
{
  g_assert_true (ey_text_equal_loose ("GİRİŞ", "Giriş"));
  g_assert_true (ey_text_equal_loose ("Devam  Et", "Devam Et"));
  g_assert_true (ey_text_equal_loose ("Formu\u00A0Onayla", "FORMU ONAYLA"));
  g_assert_false (ey_text_equal_loose ("Yeni Başvuru", "Yenileme Başvurusu"));
  g_assert_false (ey_text_equal_loose ("Tamam", NULL));
  g_assert_true (ey_text_equal_loose (NULL, NULL));

  g_assert_true (ey_text_contains_loose ("T.C. Kimlik No veya erişim\u00A0parolası HATALI.",
                                         "erişim parolası hatalı"));
  g_assert_true (ey_text_contains_loose ("SMS ONAY KODU HATALI", "SMS onay kodu hatalı"));
  g_assert_true (ey_text_contains_loose ("Oturumunuzun suresi doldu", "Oturumunuzun süresi doldu"));
  g_assert_false (ey_text_contains_loose ("SMS onay kodunun süresi doldu", "SMS onay kodu hatalı"));
  g_assert_true (ey_text_contains_loose ("x", ""));
  g_assert_false (ey_text_contains_loose (NULL, "x"));

  g_assert_true (ey_text_has_prefix_loose ("SAYIN Ayşe", "Sayın"));
  g_assert_false (ey_text_has_prefix_loose ("Ayşe", "Sayın"));
}

static void
test_fold_unichar (void)
{
  g_assert_cmpuint (ey_text_fold_unichar (0x0130), ==, 'i');   /* İ */
  g_assert_cmpuint (ey_text_fold_unichar (0x0131), ==, 'i');   /* ı */
  g_assert_cmpuint (ey_text_fold_unichar ('I'), ==, 'i');
  g_assert_cmpuint (ey_text_fold_unichar (0x015E), ==, 's');   /* Ş */
  g_assert_cmpuint (ey_text_fold_unichar (0x00A0), ==, ' ');
  g_assert_cmpuint (ey_text_fold_unichar (0x202F), ==, ' ');
  g_assert_cmpuint (ey_text_fold_unichar (0x0327), ==, 0);     /* combining cedilla */
  g_assert_cmpuint (ey_text_fold_unichar (0x200B), ==, 0);
  g_assert_cmpuint (ey_text_fold_unichar (0x00E9), ==, 'e');   /* é */
}

/* A long text is normalized in pieces (GLib's composition is quadratic in one piece): the
 * result is exactly NFC of the whole, whatever falls on the cuts — decomposed letters,
 * combining marks in non-canonical order, letters beyond U+0180. */
static void
test_normalize_long (void)
{
  static const char * const units[] = {
    "S\xcc\xa7", "e\xcc\x81", "\xc4\xb1", "I\xcc\x87", "a", "o\xcc\x88\xcc\xa3",
    "o\xcc\xa3\xcc\x88", "\xe1\x84\x80\xe1\x85\xa1", "\xce\xb1\xcd\x85", "Z",
    "u\xcc\x88\xcc\x81", "\xc3\xa7", "\xe0\xa4\x95\xe0\xa4\xbc",
  };
  g_autoptr(GRand) rand = g_rand_new_with_seed (1923);

  for (guint round = 0; round < 4; round++)
    {
      g_autoptr(GString) s = g_string_new (NULL);
      g_autofree char *whole = NULL;
      g_autofree char *ours = NULL;

      while (s->len < 40000)
        g_string_append (s, units[g_rand_int_range (rand, 0, G_N_ELEMENTS (units))]);
      whole = g_utf8_normalize (s->str, -1, G_NORMALIZE_NFC);
      ours = ey_text_normalize (s->str);
      g_assert_cmpstr (ours, ==, whole);
    }
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/text/normalize", test_normalize);
  g_test_add_func ("/text/normalize-long", test_normalize_long);
  g_test_add_func ("/text/fold", test_fold);
  g_test_add_func ("/text/compare", test_compare);
  g_test_add_func ("/text/fold-unichar", test_fold_unichar);
  return g_test_run ();
}
