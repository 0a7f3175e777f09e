/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What the card may sign: the check of the site's sign-data answer against the
 * profile (unit), the profile's <sign-data> schema, and a hostile simulator
 * (--hostile-veri) whose every answer the session refuses before any signature. */
#define G_LOG_DOMAIN "test-sign-data"

#include "config.h"

#include <string.h>

#include "ey-core-error.h"
#include "ey-sign-data-private.h"
#include "ey-site-client.h"
#include "ey-site-profile-private.h"
#include "test-helpers.h"

#define AYSE     "12345678950"
#define AYSE_PW  "Ab3kT9qz"
#define CODE     "469988774051559"
#define REFUSAL  "The site asked to sign something that is not the E-Onay text. Nothing was signed."

static EySignData *
check (const char *text,
       gssize      len,
       const char *type,
       const char *name,
       GError    **error)
{
  g_autoptr(EySiteProfile) profile = ey_site_profile_new_default (NULL);
  g_autoptr(GBytes) bytes = g_bytes_new (text, len < 0 ? strlen (text) : (gsize) len);
  EySignDataApplicant who = { AYSE, name, CODE };

  return ey_sign_data_check (profile, "eonay", bytes, type, &who, error);
}

#define GOOD "KamuSM E-Onay\nAd Soyad: AYŞE YILMAZ\nKimlik No: " AYSE "\n" \
             "Doğrulama Kodu: " CODE "\nMetin: E-Onay veriyorum.\n"
#define TEXT_UTF8 "text/plain; charset=UTF-8"

static void
assert_refused (const char *text,
                gssize      len,
                const char *type,
                const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EySignData) data = check (text, len, type, name, &error);

  g_assert_null (data);
  g_assert_error (error, EY_CORE_ERROR, EY_CORE_ERROR_NOT_SIGN_TEXT);
}

static void
assert_accepted (const char *text,
                 const char *type,
                 const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EySignData) data = check (text, -1, type, name, &error);

  g_assert_no_error (error);
  g_assert_nonnull (data);
  g_assert_cmpstr (ey_sign_data_get_text (data), ==, text);
  g_assert_cmpstr (ey_sign_data_get_purpose (data), ==, "eonay");
}

static void
test_check (void)
{
  g_autofree char *big = NULL;

  assert_accepted (GOOD, TEXT_UTF8, "AYŞE YILMAZ");
  assert_accepted (GOOD, "Text/Plain;charset=\"utf-8\"", "AYŞE YILMAZ");
  /* Line breaks of either kind are text */
  assert_accepted ("AYŞE YILMAZ\r\n" AYSE "\r\n" CODE "\r\n", TEXT_UTF8, "AYŞE YILMAZ");

  /* Type and character set as declared */
  assert_refused (GOOD, -1, "application/pdf", "AYŞE YILMAZ");
  assert_refused (GOOD, -1, "application/json", "AYŞE YILMAZ");
  assert_refused (GOOD, -1, "text/plain", "AYŞE YILMAZ");
  assert_refused (GOOD, -1, "text/plain; charset=ISO-8859-9", "AYŞE YILMAZ");
  assert_refused (GOOD, -1, NULL, "AYŞE YILMAZ");
  /* Not UTF-8, a NUL byte, control characters, reordering marks */
  assert_refused ("AY\xDE" "E YILMAZ " AYSE " " CODE, -1, TEXT_UTF8, "AYŞE YILMAZ");
  assert_refused (GOOD "\0x", sizeof GOOD + 1, TEXT_UTF8, "AYŞE YILMAZ");
  assert_refused (GOOD "\t", -1, TEXT_UTF8, "AYŞE YILMAZ");
  assert_refused (GOOD "\x1b[2J", -1, TEXT_UTF8, "AYŞE YILMAZ");
  assert_refused (GOOD "\xc2\x85", -1, TEXT_UTF8, "AYŞE YILMAZ");        /* C1 NEL */
  assert_refused (GOOD "\xe2\x80\xae", -1, TEXT_UTF8, "AYŞE YILMAZ");    /* RLO */
  /* Size: empty, or over the profile's limit */
  assert_refused ("", 0, TEXT_UTF8, "AYŞE YILMAZ");
  big = g_strnfill (16385 - strlen (GOOD), 'a');
  {
    g_autofree char *text = g_strconcat (GOOD, big, NULL);

    assert_refused (text, -1, TEXT_UTF8, "AYŞE YILMAZ");
    text[16384] = '\0';
    assert_accepted (text, TEXT_UTF8, "AYŞE YILMAZ");
  }
  /* Another number, code, or name; numbers only as whole numbers */
  assert_refused ("AYŞE YILMAZ 1" AYSE " " CODE, -1, TEXT_UTF8, "AYŞE YILMAZ");
  assert_refused ("AYŞE YILMAZ " AYSE " " CODE "0", -1, TEXT_UTF8, "AYŞE YILMAZ");
  assert_refused ("MEHMET DEMİR " AYSE " " CODE, -1, TEXT_UTF8, "AYŞE YILMAZ");
  assert_refused ("AYŞE YILMAZER " AYSE " " CODE, -1, TEXT_UTF8, "AYŞE YILMAZ");
  assert_refused (GOOD, -1, TEXT_UTF8, NULL);   /* the applicant is not known */
}

static void
test_names (void)
{
  /* Name as typed on the form in any case, NFC or not; the text in capitals */
  assert_accepted (GOOD, TEXT_UTF8, "ayşe yılmaz");
  assert_accepted (GOOD, TEXT_UTF8, "  ayşe\n yılmaz ");
  assert_accepted (GOOD, TEXT_UTF8, "Ays\xcc\xa7" "e  Yılmaz");   /* s + combining cedilla */
  /* A mail that lost its Turkish letters ("Sayin AYSE YILMAZ"), or wrote the
   * dotted for the dotless i, still names her */
  assert_accepted (GOOD, TEXT_UTF8, "AYSE YILMAZ");
  assert_accepted (GOOD, TEXT_UTF8, "Ayşe Yilmaz");
  assert_accepted (GOOD, TEXT_UTF8, "AYŞE YİLMAZ");
  /* ... and the other way round: a text without Turkish letters */
  assert_accepted ("Ad Soyad: AYSE OZTURK\nKimlik No: " AYSE "\nKod: " CODE "\n", TEXT_UTF8,
                   "AYŞE ÖZTÜRK");
  assert_accepted ("Ad Soyad: AYŞE ÖZTÜRK\nKimlik No: " AYSE "\nKod: " CODE "\n", TEXT_UTF8,
                   "AYSE OZTURK");
  /* İsmail Işık whatever the locale (the test also runs under tr_TR.UTF-8) */
  assert_accepted ("İSMAİL IŞIK " AYSE " " CODE, TEXT_UTF8, "ismail ışık");
  assert_accepted ("İSMAİL IŞIK " AYSE " " CODE, TEXT_UTF8, "Ismail Isik");
  /* Folding is no wildcard: another name, or more of a name, is refused */
  assert_refused (GOOD, -1, TEXT_UTF8, "AYSE YILDIZ");
  assert_refused (GOOD, -1, TEXT_UTF8, "AYSE YILMA");
  assert_refused ("AYŞE YILMAZOĞLU " AYSE " " CODE, -1, TEXT_UTF8, "AYSE YILMAZ");
  assert_refused ("FATMA AYŞE YILMAZ " AYSE " " CODE, -1, TEXT_UTF8, "MEHMET AYSE YILMAZ");
  assert_refused (GOOD, -1, TEXT_UTF8, "");
}

/* The built-in profile with @from replaced by @to */
static EySiteProfile *
load_changed (const char *from,
              const char *to,
              GError    **error)
{
  g_autoptr(GBytes) bytes = g_resources_lookup_data (EY_SITE_PROFILE_DEFAULT_RESOURCE, 0, NULL);
  g_autofree char *xml = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  g_autoptr(GString) s = g_string_new (xml);
  g_autoptr(GBytes) changed = NULL;

  g_assert_cmpuint (g_string_replace (s, from, to, 1), ==, 1);
  changed = g_bytes_new (s->str, s->len);
  return ey_site_profile_new_from_bytes (changed, "changed.xml", error);
}

static void
test_profile_schema (void)
{
  static const struct { const char *from, *to; int code; } cases[] = {
    { "<sign-data purpose=\"form\"", "<sign-data purpose=\"pdf\"", EY_SITE_PROFILE_ERROR_UNKNOWN_ROLE },
    { "<sign-data purpose=\"form\"", "<sign-data purpose=\"eonay\"", EY_SITE_PROFILE_ERROR_DUPLICATE },
    { "content-type=\"text/plain\"", "content-type=\"application/pdf\"", EY_SITE_PROFILE_ERROR_INVALID },
    { "charset=\"UTF-8\"", "charset=\"ISO-8859-9\"", EY_SITE_PROFILE_ERROR_INVALID },
    { "max-bytes=\"16384\"", "max-bytes=\"many\"", EY_SITE_PROFILE_ERROR_INVALID },
    { "max-bytes=\"16384\"", "max-bytes=\"0\"", EY_SITE_PROFILE_ERROR_INVALID },
    { "<contains what=\"name\"/>", "<contains what=\"anything\"/>", EY_SITE_PROFILE_ERROR_UNKNOWN_ROLE },
    { "<contains what=\"name\"/>", "<contains what=\"identity\"/>", EY_SITE_PROFILE_ERROR_DUPLICATE },
    { "<contains what=\"verification_code\"/>", "", EY_SITE_PROFILE_ERROR_MISSING },
    { "<sign-data purpose=\"form\"", "<ignored purpose=\"form\"", EY_SITE_PROFILE_ERROR_INVALID },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(EySiteProfile) profile = load_changed (cases[i].from, cases[i].to, &error);

      g_test_message ("%s → %s", cases[i].from, cases[i].to);
      g_assert_null (profile);
      g_assert_error (error, EY_SITE_PROFILE_ERROR, cases[i].code);
      g_assert_nonnull (strstr (error->message, "changed.xml:"));
    }

  /* Without any <sign-data purpose="form">: the profile is incomplete */
  {
    g_autoptr(GBytes) bytes = g_resources_lookup_data (EY_SITE_PROFILE_DEFAULT_RESOURCE, 0, NULL);
    g_autoptr(GString) s = g_string_new_len (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
    const char *start = strstr (s->str, "<sign-data purpose=\"form\"");
    const char *end = start ? strstr (start, "</sign-data>") : NULL;
    g_autoptr(GBytes) changed = NULL;
    g_autoptr(GError) error = NULL;
    g_autoptr(EySiteProfile) profile = NULL;

    g_assert_nonnull (end);
    g_string_erase (s, start - s->str, end + strlen ("</sign-data>") - start);
    changed = g_bytes_new (s->str, s->len);
    profile = ey_site_profile_new_from_bytes (changed, "changed.xml", &error);
    g_assert_null (profile);
    g_assert_error (error, EY_SITE_PROFILE_ERROR, EY_SITE_PROFILE_ERROR_MISSING);
  }
}

/* ------------------------------------------------------------------ */
/* The hostile simulator                                                */

static void
count_cb (EySession  *session,
          GBytes     *data,
          const char *purpose,
          guint      *count)
{
  (*count)++;
}

static void
hostile (const char *mode,
         gboolean    esigned)
{
  Bed bed;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) data = NULL;
  guint needs_signature = 0;

  bed_init (&bed, NULL, NULL);
  g_signal_connect (bed.session, "needs-signature", G_CALLBACK (count_cb), &needs_signature);
  if (esigned)
    {
      walk_to_eonay_choice (&bed, AYSE, AYSE_PW);
      g_assert_true (s_choose_eonay (bed.session, FALSE, &error));
      g_assert_no_error (error);
      g_assert_true (s_choose_method (bed.session, EY_SESSION_METHOD_ESIGNED, &error));
      g_assert_no_error (error);
    }
  else
    walk_to_signing (&bed, AYSE, AYSE_PW);
  g_assert_cmpint (ey_session_get_step (bed.session), ==, EY_SESSION_STEP_SIGNING);

  g_assert_true (ey_sim_server_set_hostile_veri (bed.sim, mode));
  data = s_fetch_sign_data (bed.session, &error);
  g_assert_null (data);
  g_assert_nonnull (error);
  g_assert_true (error->domain == EY_CORE_ERROR);
  /* 10 MB may also be stopped earlier by the client's answer size limit */
  if (!g_str_equal (mode, "huge") || error->code == EY_CORE_ERROR_NOT_SIGN_TEXT)
    {
      g_assert_error (error, EY_CORE_ERROR, EY_CORE_ERROR_NOT_SIGN_TEXT);
      g_assert_cmpstr (error->message, ==, REFUSAL);
    }
  g_assert_cmpuint (needs_signature, ==, 0);
  g_assert_cmpuint (ey_sim_server_count_events (bed.sim, "sign-data-hostile", "mode", mode), ==, 1);
  /* Still on the signing step: the honest site's text is accepted afterwards */
  g_assert_cmpint (ey_session_get_step (bed.session), ==, EY_SESSION_STEP_SIGNING);
  g_clear_error (&error);
  g_assert_true (ey_sim_server_set_hostile_veri (bed.sim, NULL));
  data = s_fetch_sign_data (bed.session, &error);
  g_assert_no_error (error);
  g_assert_nonnull (data);
  g_assert_cmpuint (needs_signature, ==, 1);
  g_assert_cmpuint (ey_sim_server_count_events (bed.sim, "signature-accepted", NULL, NULL), ==, 0);
  bed_clear (&bed);
}

static void
test_hostile (gconstpointer mode)
{
  hostile (mode, FALSE);
}

static void
test_hostile_esigned (void)
{
  hostile ("other-name", TRUE);
  hostile ("pdf", TRUE);
}

static void
test_hostile_modes (void)
{
  Bed bed;

  bed_init (&bed, NULL, NULL);
  g_assert_false (ey_sim_server_set_hostile_veri (bed.sim, "friendly"));
  g_assert_true (ey_sim_server_set_hostile_veri (bed.sim, "none"));
  bed_clear (&bed);
}

int
main (int   argc,
      char *argv[])
{
  static const char *modes[] = {
    "pdf", "other-name", "other-id", "other-code", "error-json", "huge", "control",
  };

  ey_site_client_init_tls_policy ();
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sign-data/check", test_check);
  g_test_add_func ("/sign-data/names", test_names);
  g_test_add_func ("/sign-data/profile-schema", test_profile_schema);
  g_test_add_func ("/sign-data/hostile/modes", test_hostile_modes);
  for (guint i = 0; i < G_N_ELEMENTS (modes); i++)
    {
      g_autofree char *path = g_strdup_printf ("/sign-data/hostile/%s", modes[i]);

      g_test_add_data_func (path, modes[i], test_hostile);
    }
  g_test_add_func ("/sign-data/hostile/esigned", test_hostile_esigned);
  return g_test_run ();
}
