/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <locale.h>

#include "ey-identity-private.h"

static void
test_tckn_valid (void)
{
  static const char * const valid[] = {
    "12345678950", "23456789138", "34567891238", "45678912316", "56789123416",
    "10000000146",
    "19090909018",   /* 7·odd − even is negative: the remainder must be taken non-negative */
  };

  for (guint i = 0; i < G_N_ELEMENTS (valid); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_true (ey_identity_check_tckn (valid[i], &error));
      g_assert_no_error (error);
    }
}

static void
test_tckn_invalid (void)
{
  static const struct { const char *text; int code; } cases[] = {
    { "", EY_IDENTITY_ERROR_EMPTY },
    { "12345678951", EY_IDENTITY_ERROR_CHECKSUM },      /* 11th digit */
    { "12345678960", EY_IDENTITY_ERROR_CHECKSUM },      /* 10th digit */
    { "19090909098", EY_IDENTITY_ERROR_CHECKSUM },      /* what a signed % would accept */
    { "1234567895", EY_IDENTITY_ERROR_WRONG_LENGTH },
    { "123456789500", EY_IDENTITY_ERROR_WRONG_LENGTH },
    { "02345678950", EY_IDENTITY_ERROR_LEADING_ZERO },
    { "1234567895O", EY_IDENTITY_ERROR_NOT_DIGITS },    /* letter O */
    { "1234567895\xD9\xA0", EY_IDENTITY_ERROR_NOT_DIGITS },  /* Arabic-Indic zero */
    { "12345 78950", EY_IDENTITY_ERROR_NOT_DIGITS },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;

      g_test_message ("%s", cases[i].text);
      g_assert_false (ey_identity_check_tckn (cases[i].text, &error));
      g_assert_error (error, EY_IDENTITY_ERROR, cases[i].code);
      g_assert_cmpstr (error->message, !=, "");
    }
}

static void
test_normalize (void)
{
  static const struct { const char *in; const char *out; EyIdentityKind kind; int code; } cases[] = {
    { " 123 456 789 50 ", "12345678950", EY_IDENTITY_KIND_TCKN, -1 },
    { "123-456-789-50", "12345678950", EY_IDENTITY_KIND_TCKN, -1 },
    { "U12345678", "U12345678", EY_IDENTITY_KIND_PASSPORT, -1 },
    /* Byte-wise upper case: "i" → "I" even under tr_TR, never "İ". */
    { "ui1234567", "UI1234567", EY_IDENTITY_KIND_PASSPORT, -1 },
    { "P 1234567", "P1234567", EY_IDENTITY_KIND_PASSPORT, -1 },
    { "AB12", NULL, EY_IDENTITY_KIND_INVALID, EY_IDENTITY_ERROR_PASSPORT },
    { "ABCDEFGHIJKLM", NULL, EY_IDENTITY_KIND_INVALID, EY_IDENTITY_ERROR_PASSPORT },
    { "U1234567_8", NULL, EY_IDENTITY_KIND_INVALID, EY_IDENTITY_ERROR_PASSPORT },
    { "Üİ123456", NULL, EY_IDENTITY_KIND_INVALID, EY_IDENTITY_ERROR_PASSPORT },
    { "12345678951", NULL, EY_IDENTITY_KIND_INVALID, EY_IDENTITY_ERROR_CHECKSUM },
    { "   ", NULL, EY_IDENTITY_KIND_INVALID, EY_IDENTITY_ERROR_EMPTY },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *out = NULL;
      EyIdentityKind kind = 99;

      g_test_message ("%s", cases[i].in);
      out = ey_identity_normalize (cases[i].in, &kind, &error);
      g_assert_cmpstr (out, ==, cases[i].out);
      g_assert_cmpint (kind, ==, cases[i].kind);
      if (cases[i].code >= 0)
        g_assert_error (error, EY_IDENTITY_ERROR, cases[i].code);
      else
        g_assert_no_error (error);
    }
}

static void
test_passport (void)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (ey_identity_check_passport ("U12345678", &error));
  g_assert_true (ey_identity_check_passport ("ABC123", &error));
  g_assert_true (ey_identity_check_passport ("AB1234567890", &error));
  g_assert_no_error (error);
  g_assert_false (ey_identity_check_passport ("u12345678", &error));   /* not normalised */
  g_assert_error (error, EY_IDENTITY_ERROR, EY_IDENTITY_ERROR_PASSPORT);
  g_clear_error (&error);
  g_assert_false (ey_identity_check_passport ("123456789", &error));   /* no letter */
  g_assert_error (error, EY_IDENTITY_ERROR, EY_IDENTITY_ERROR_PASSPORT);
}

static void
test_mask (void)
{
  g_autofree char *m1 = ey_identity_mask ("12345678950");
  g_autofree char *m2 = ey_identity_mask ("U12");

  g_assert_cmpstr (m1, ==, "12*******50");
  g_assert_cmpstr (m2, ==, "***");
}

static void
test_phone (void)
{
  static const struct { const char *in; const char *out; } cases[] = {
    { "05321234567", "5321234567" },
    { "0532 123 45 67", "5321234567" },
    { "+90 (532) 123-45-67", "5321234567" },
    { "905321234567", "5321234567" },
    { "+905051234569", "5051234569" },
    { "5321234567", "5321234567" },
    { "0532\xC2\xA0" "123\xC2\xA0" "45\xC2\xA0" "67", "5321234567" },
    { "03121234567", NULL },      /* a landline */
    { "0532123456", NULL },       /* too short */
    { "053212345678", NULL },     /* too long */
    { "0532123456a", NULL },
    { "+44 7700 900123", NULL },
    { "++905321234567", NULL },
    { "", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *out = ey_phone_normalize (cases[i].in, &error);

      g_test_message ("%s", cases[i].in);
      g_assert_cmpstr (out, ==, cases[i].out);
      if (cases[i].out == NULL)
        g_assert_true (error != NULL && error->domain == EY_IDENTITY_ERROR);
      else
        g_assert_no_error (error);
    }

  {
    g_autofree char *formatted = ey_phone_format ("5321234567");

    g_assert_cmpstr (formatted, ==, "0532 123 45 67");
  }
  g_assert_true (ey_phone_matches_mask ("5051234569", "50*****9"));
  g_assert_true (ey_phone_matches_mask ("5051234569", "0505***4569"));
  g_assert_true (ey_phone_matches_mask ("5051234569", "5*******9"));
  g_assert_true (ey_phone_matches_mask ("5051234569", "+90 505 123 45 69"));
  g_assert_false (ey_phone_matches_mask ("5321234567", "50*****9"));
  g_assert_false (ey_phone_matches_mask ("5051234568", "50*****9"));
  g_assert_false (ey_phone_matches_mask ("5051234569", "50*1***9"));
  g_assert_false (ey_phone_matches_mask ("5051234569", "5051234569999*"));
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/identity/tckn/valid", test_tckn_valid);
  g_test_add_func ("/identity/tckn/invalid", test_tckn_invalid);
  g_test_add_func ("/identity/normalize", test_normalize);
  g_test_add_func ("/identity/passport", test_passport);
  g_test_add_func ("/identity/mask", test_mask);
  g_test_add_func ("/identity/phone", test_phone);
  return g_test_run ();
}
