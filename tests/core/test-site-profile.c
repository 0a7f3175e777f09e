/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <locale.h>
#include <string.h>

#include <glib/gstdio.h>

#include "ey-site-profile-private.h"
#include "ey-form-private.h"
#include "ey-site-roles-private.h"

static char *
default_xml (void)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;

  /* Make sure the resource is registered by loading the profile once. */
  g_autoptr(EySiteProfile) p = ey_site_profile_new_default (&error);
  g_assert_no_error (error);
  bytes = g_resources_lookup_data (EY_SITE_PROFILE_DEFAULT_RESOURCE, 0, &error);
  g_assert_no_error (error);
  return g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
}

static void
test_default (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EySiteProfile) p = ey_site_profile_new_default (&error);
  g_autofree char *login = NULL;
  g_autofree char *upload = NULL;
  const char *name;
  const char *value;

  g_assert_no_error (error);
  g_assert_cmpstr (ey_site_profile_get_id (p), ==, "kamusm");
  g_assert_cmpstr (ey_site_profile_get_base_url (p), ==, "https://basvuru.kamusm.gov.tr/bs/");
  g_assert_cmpstr (ey_site_profile_get_allowed_hosts (p)[0], ==, "basvuru.kamusm.gov.tr");
  g_assert_cmpstr (ey_site_profile_get_mail_sender (p), ==, "bilgilendirme@kamusm.gov.tr");
  login = ey_site_profile_get_action_url (p, EY_SITE_ACTION_LOGIN, &error);
  g_assert_cmpstr (login, ==, "https://basvuru.kamusm.gov.tr/bs/login.go");
  upload = ey_site_profile_get_action_url (p, EY_SITE_ACTION_SIGN_UPLOAD, &error);
  g_assert_cmpstr (upload, ==, "https://basvuru.kamusm.gov.tr/bs/eimza/imza.go");
  g_assert_no_error (error);

  for (int a = 0; a <= EY_SITE_ACTION_LAST; a++)
    g_assert_nonnull (ey_site_profile_get_action_path (p, a));
  for (int k = EY_SITE_PAGE_KIND_LOGIN; k <= EY_SITE_PAGE_KIND_LAST; k++)
    g_assert_true (ey_site_profile_has_page (p, k));
  g_assert_cmpint (ey_site_profile_get_page_for_action (p, EY_SITE_ACTION_SMS_CODE), ==,
                   EY_SITE_PAGE_KIND_SMS_CODE);
  g_assert_cmpint (ey_site_profile_get_page_for_action (p, EY_SITE_ACTION_SIGN_DATA), ==,
                   EY_SITE_PAGE_KIND_UNKNOWN);

  g_assert_cmpstr (ey_site_profile_get_field_name (p, EY_SITE_PAGE_KIND_LOGIN, EY_FIELD_ROLE_CAPTCHA),
                   ==, "guvenlikKodu");
  g_assert_cmpstr (ey_site_profile_get_field_name (p, EY_SITE_PAGE_KIND_FORM, EY_FIELD_ROLE_PHONE),
                   ==, "cepTel");
  /* <common> fields are seen from every page. */
  g_assert_cmpstr (ey_site_profile_get_field_name (p, EY_SITE_PAGE_KIND_SMS_CODE,
                                                   EY_FIELD_ROLE_FORM_TOKEN), ==, "formToken");
  g_assert_null (ey_site_profile_get_field_name (p, EY_SITE_PAGE_KIND_LOGIN, EY_FIELD_ROLE_PHONE));
  g_assert_true (ey_site_profile_get_button (p, EY_SITE_PAGE_KIND_METHOD,
                                             EY_BUTTON_ROLE_METHOD_ISLAK, &name, &value));
  g_assert_cmpstr (name, ==, "yontem");
  g_assert_cmpstr (value, ==, "islak");
  g_assert_false (ey_site_profile_get_button (p, EY_SITE_PAGE_KIND_LOGIN,
                                              EY_BUTTON_ROLE_METHOD_ISLAK, &name, &value));
  g_assert_null (name);
  g_assert_cmpstr (ey_site_profile_get_request_field_name (p, EY_SITE_ACTION_SIGN_UPLOAD,
                                                           EY_FIELD_ROLE_SIGNATURE), ==, "imza");
}

static void
test_alt (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EySiteProfile) def = ey_site_profile_new_default (&error);
  g_autoptr(EySiteProfile) alt = ey_site_profile_new_from_resource (EY_SITE_PROFILE_ALT_RESOURCE,
                                                                    &error);

  g_assert_no_error (error);
  g_assert_cmpstr (ey_site_profile_get_id (alt), ==, "kamusm-alt");
  /* Same roles, nothing named alike. */
  for (int a = 0; a <= EY_SITE_ACTION_LAST; a++)
    g_assert_cmpstr (ey_site_profile_get_action_path (def, a), !=,
                     ey_site_profile_get_action_path (alt, a));
  for (int k = EY_SITE_PAGE_KIND_LOGIN; k <= EY_SITE_PAGE_KIND_LAST; k++)
    for (int r = 0; r <= EY_FIELD_ROLE_LAST; r++)
      {
        const char *a = ey_site_profile_get_field_name (alt, k, r);
        const char *d = ey_site_profile_get_field_name (def, k, r);

        g_assert_true ((a == NULL) == (d == NULL));
        if (a != NULL && r != EY_FIELD_ROLE_FORM_TOKEN)
          g_assert_cmpstr (a, !=, d);
      }
}

static void
test_override (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EySiteProfile) p = ey_site_profile_new_default (&error);
  g_autofree char *url = NULL;
  g_autofree char *resolved = NULL;
  g_autofree char *abs = NULL;

  g_assert_true (ey_site_profile_set_base_url (p, "https://127.0.0.1:8443/bs", FALSE, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (ey_site_profile_get_base_url (p), ==, "https://127.0.0.1:8443/bs/");
  g_assert_cmpstr (ey_site_profile_get_default_base_url (p), ==,
                   "https://basvuru.kamusm.gov.tr/bs/");
  url = ey_site_profile_get_action_url (p, EY_SITE_ACTION_SMS_CODE, &error);
  g_assert_cmpstr (url, ==, "https://127.0.0.1:8443/bs/smsonay.go");

  g_assert_true (ey_site_profile_check_url (p, "https://127.0.0.1:8443/bs/x.go", &error));
  g_assert_no_error (error);
  g_assert_false (ey_site_profile_check_url (p, "https://127.0.0.1:8444/bs/x.go", &error));
  g_assert_error (error, EY_SITE_PROFILE_ERROR, EY_SITE_PROFILE_ERROR_HOST_NOT_ALLOWED);
  g_clear_error (&error);
  g_assert_false (ey_site_profile_check_url (p, "https://basvuru.kamusm.gov.tr/bs/", &error));
  g_clear_error (&error);
  g_assert_false (ey_site_profile_check_url (p, "http://127.0.0.1:8443/bs/", &error));
  g_clear_error (&error);

  resolved = ey_site_profile_resolve (p, "https://127.0.0.1:8443/bs/eonayimza.go",
                                      "imzayontemi.go", &error);
  g_assert_cmpstr (resolved, ==, "https://127.0.0.1:8443/bs/imzayontemi.go");
  abs = ey_site_profile_resolve (p, NULL, "/bs/eimza/veri.go?x=1", &error);
  g_assert_cmpstr (abs, ==, "https://127.0.0.1:8443/bs/eimza/veri.go?x=1");
  g_assert_no_error (error);
  g_assert_null (ey_site_profile_resolve (p, NULL, "//evil.example/bs/", &error));
  g_assert_error (error, EY_SITE_PROFILE_ERROR, EY_SITE_PROFILE_ERROR_HOST_NOT_ALLOWED);
  g_clear_error (&error);

  /* Plain http only when asked for; never userinfo. */
  g_assert_false (ey_site_profile_set_base_url (p, "http://127.0.0.1:8080/bs/", FALSE, &error));
  g_assert_error (error, EY_SITE_PROFILE_ERROR, EY_SITE_PROFILE_ERROR_BAD_URL);
  g_clear_error (&error);
  g_assert_false (ey_site_profile_set_base_url (p, "https://u:p@127.0.0.1/bs/", FALSE, &error));
  g_clear_error (&error);
  g_assert_true (ey_site_profile_set_base_url (p, "http://127.0.0.1:8080/bs/", TRUE, &error));
  g_assert_true (ey_site_profile_check_url (p, "http://127.0.0.1:8080/bs/login.go", &error));
  g_assert_no_error (error);

  /* The default allows only the real host, any case, port 443 only. */
  {
    g_autoptr(EySiteProfile) d = ey_site_profile_new_default (&error);

    g_assert_true (ey_site_profile_check_url (d, "https://BASVURU.kamusm.gov.tr/bs/a", &error));
    g_assert_true (ey_site_profile_check_url (d, "https://basvuru.kamusm.gov.tr:443/bs/a", &error));
    g_assert_no_error (error);
    g_assert_false (ey_site_profile_check_url (d, "https://basvuru.kamusm.gov.tr.evil.com/bs/", NULL));
    g_assert_false (ey_site_profile_check_url (d, "https://x@basvuru.kamusm.gov.tr/bs/", NULL));
    g_assert_false (ey_site_profile_check_url (d, "https://basvuru.kamusm.gov.tr:8443/bs/", NULL));
    g_assert_false (ey_site_profile_check_url (d, "https://basvuru.kamusm.gov.tr\\@evil/bs/", NULL));
  }
}

static void
test_load (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("ey-profile-XXXXXX", &error);
  g_autofree char *file = g_build_filename (dir, "alt.xml", NULL);
  g_autoptr(GBytes) alt = g_resources_lookup_data (EY_SITE_PROFILE_ALT_RESOURCE, 0, &error);
  g_autoptr(EySiteProfile) from_file = NULL;
  g_autoptr(EySiteProfile) from_env = NULL;
  g_autoptr(EySiteProfile) builtin = NULL;

  g_assert_no_error (error);
  g_assert_true (g_file_set_contents (file, g_bytes_get_data (alt, NULL),
                                      g_bytes_get_size (alt), &error));
  from_file = ey_site_profile_load (file, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (ey_site_profile_get_id (from_file), ==, "kamusm-alt");
  g_assert_cmpstr (ey_site_profile_get_origin (from_file), ==, file);

  g_setenv (EY_SITE_PROFILE_ENV, file, TRUE);
  from_env = ey_site_profile_load (NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (ey_site_profile_get_id (from_env), ==, "kamusm-alt");
  g_setenv (EY_SITE_PROFILE_ENV, "", TRUE);
  builtin = ey_site_profile_load (NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (ey_site_profile_get_id (builtin), ==, "kamusm");
  g_unsetenv (EY_SITE_PROFILE_ENV);

  g_assert_null (ey_site_profile_load ("/nonexistent/profile.xml", &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT);

  g_assert_cmpint (g_unlink (file), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

typedef struct
{
  const char *what;
  const char *from;     /* text in the default profile … */
  const char *to;       /* … replaced by this */
  int         code;
  const char *mentions; /* the error message must contain this */
} Breakage;

static const Breakage breakages[] = {
  { "unknown field role", "role=\"postcode\"", "role=\"zipcode\"",
    EY_SITE_PROFILE_ERROR_UNKNOWN_ROLE, "zipcode" },
  { "unknown page id", "<page id=\"wet\">", "<page id=\"ıslak\">",
    EY_SITE_PROFILE_ERROR_UNKNOWN_ROLE, "ıslak" },
  { "unknown action", "<action role=\"logout\"", "<action role=\"exit\"",
    EY_SITE_PROFILE_ERROR_UNKNOWN_ROLE, "exit" },
  { "missing xpath", "<masked-phone xpath=\"//span[@id='maskeliTelefon']\"/>", "<masked-phone/>",
    EY_SITE_PROFILE_ERROR_BAD_XPATH, "masked-phone" },
  { "xpath does not compile", "<timer xpath=\"//span[@id='kalanSure']\"/>",
    "<timer xpath=\"//span[@id='kalanSure'\"/>", EY_SITE_PROFILE_ERROR_BAD_XPATH, "kalanSure" },
  { "no recogniser", "<recognise xpath=\"//a[@id='pdfLink'] or //h1[ey:contains(., 'Islak İmzalı Başvuru')]\"/>",
    "", EY_SITE_PROFILE_ERROR_BAD_XPATH, "wet" },
  { "duplicate page", "<page id=\"wet\">", "<page id=\"result\">",
    EY_SITE_PROFILE_ERROR_DUPLICATE, "result" },
  { "duplicate field role", "<field role=\"district\" name=\"ilce\"/>",
    "<field role=\"city\" name=\"ilce\"/>", EY_SITE_PROFILE_ERROR_DUPLICATE, "city" },
  { "base URL not https", "<base-url>https://", "<base-url>http://",
    EY_SITE_PROFILE_ERROR_BAD_URL, "https" },
  { "host not allowed", "<allowed-host>basvuru.kamusm.gov.tr</allowed-host>",
    "<allowed-host>kamusm.gov.tr</allowed-host>", EY_SITE_PROFILE_ERROR_HOST_NOT_ALLOWED,
    "basvuru.kamusm.gov.tr" },
  { "absolute action path", "path=\"sms.go\"", "path=\"https://evil.example/sms.go\"",
    EY_SITE_PROFILE_ERROR_BAD_URL, "evil.example" },
  { "climbing action path", "path=\"sms.go\"", "path=\"../sms.go\"",
    EY_SITE_PROFILE_ERROR_BAD_URL, "../sms.go" },
  { "missing action", "<action role=\"logout\" path=\"cikis.go\"/>", "",
    EY_SITE_PROFILE_ERROR_MISSING, "logout" },
  { "unknown element", "<mail-sender>", "<mail-sendr/><mail-sender>",
    EY_SITE_PROFILE_ERROR_INVALID, "mail-sendr" },
  { "not XML", "</site-profile>", "</site-profil>", EY_SITE_PROFILE_ERROR_INVALID, "XML" },
  { "wrong root", "<site-profile id=\"kamusm\" version=\"2\">", "<profile id=\"kamusm\">",
    EY_SITE_PROFILE_ERROR_INVALID, "site-profile" },
  { "unknown sign outcome", "outcome=\"code_unknown\"", "outcome=\"kod_hatali\"",
    EY_SITE_PROFILE_ERROR_UNKNOWN_ROLE, "kod_hatali" },
  { "unknown XPath function", "ey:contains(., 'Sonucu')", "ey:contians(., 'Sonucu')",
    EY_SITE_PROFILE_ERROR_BAD_XPATH, "contians" },
  { "unknown XPath prefix", "ey:contains(., 'Sonucu')", "yy:contains(., 'Sonucu')",
    EY_SITE_PROFILE_ERROR_BAD_XPATH, "yy:contains" },
  { "bad timer", "timer-default=\"236\"", "timer-default=\"iki yüz\"",
    EY_SITE_PROFILE_ERROR_INVALID, "iki yüz" },
  { "bad code length", "code-digits=\"6\"", "code-digits=\"altı\"",
    EY_SITE_PROFILE_ERROR_INVALID, "altı" },
  { "explanation without the site's text", "<explain match=\"E-posta adresi geçersiz\">",
    "<explain>", EY_SITE_PROFILE_ERROR_INVALID, "explain" },
  { "empty explanation", ">The e-mail address is not valid.</explain>", "> </explain>",
    EY_SITE_PROFILE_ERROR_INVALID, "explain" },
  { "unknown element among the explanations", "<explanations>",
    "<explanations><explanation/>", EY_SITE_PROFILE_ERROR_INVALID, "explanation" },
};

static void
test_invalid (void)
{
  g_autofree char *xml = default_xml ();

  for (guint i = 0; i < G_N_ELEMENTS (breakages); i++)
    {
      const Breakage *b = &breakages[i];
      g_autoptr(GError) error = NULL;
      g_autoptr(GString) broken = g_string_new (xml);
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(EySiteProfile) p = NULL;

      g_test_message ("%s", b->what);
      g_assert_nonnull (strstr (xml, b->from));
      g_string_replace (broken, b->from, b->to, 1);
      bytes = g_bytes_new (broken->str, broken->len);
      p = ey_site_profile_new_from_bytes (bytes, "broken.xml", &error);
      g_assert_null (p);
      g_assert_error (error, EY_SITE_PROFILE_ERROR, b->code);
      g_test_message ("  %s", error->message);
      g_assert_true (g_str_has_prefix (error->message, "broken.xml:"));
      g_assert_nonnull (strstr (error->message, b->mentions));
    }
}

static void
test_sign_reply (void)
{
  static const struct { const char *json; EySignOutcome outcome; const char *code; } cases[] = {
    { "{\"sonuc\":\"tamam\"}", EY_SIGN_OUTCOME_ACCEPTED, NULL },
    { "{\"sonuc\":\"hata\",\"kod\":\"KIMLIK_UYUSMUYOR\",\"mesaj\":\"Kimlik uyuşmuyor.\"}",
      EY_SIGN_OUTCOME_IDENTITY_MISMATCH, "KIMLIK_UYUSMUYOR" },
    { "{\"sonuc\":\"hata\",\"kod\":\"KOD_SURESI_DOLDU\"}", EY_SIGN_OUTCOME_CODE_EXPIRED,
      "KOD_SURESI_DOLDU" },
    { "{\"sonuc\":\"hata\",\"kod\":\"IMZA_OZNITELIK_EKSIK\"}", EY_SIGN_OUTCOME_ATTRIBUTE_MISSING,
      "IMZA_OZNITELIK_EKSIK" },
    { "{\"sonuc\":\"hata\",\"kod\":\"YENI_BIR_KOD\"}", EY_SIGN_OUTCOME_REFUSED, "YENI_BIR_KOD" },
    /* Byte-wise: a lower-case code is not the code. */
    { "{\"sonuc\":\"hata\",\"kod\":\"kod_hatali\"}", EY_SIGN_OUTCOME_REFUSED, "kod_hatali" },
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(EySiteProfile) p = ey_site_profile_new_default (&error);
  g_autoptr(GBytes) junk = g_bytes_new_static ("<html>", 6);
  g_autoptr(EyFormData) req = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GBytes) body = g_bytes_new_static (cases[i].json, strlen (cases[i].json));
      g_autofree char *code = NULL;
      g_autofree char *message = NULL;

      g_assert_cmpint (ey_site_profile_read_sign_reply (p, body, &code, &message, &error), ==,
                       cases[i].outcome);
      g_assert_no_error (error);
      g_assert_cmpstr (code, ==, cases[i].code);
    }
  g_assert_cmpint (ey_site_profile_read_sign_reply (p, junk, NULL, NULL, &error), ==,
                   EY_SIGN_OUTCOME_REFUSED);
  g_assert_error (error, EY_SITE_PROFILE_ERROR, EY_SITE_PROFILE_ERROR_INVALID);
  g_clear_error (&error);

  req = ey_site_profile_new_request (p, EY_SITE_ACTION_SIGN_UPLOAD, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (ey_form_data_get_url (req), ==, "https://basvuru.kamusm.gov.tr/bs/eimza/imza.go");
  g_assert_true (ey_form_data_set_field (req, EY_FIELD_ROLE_VERIFICATION_CODE, "469988774051559",
                                         &error));
  g_assert_true (ey_form_data_set_field (req, EY_FIELD_ROLE_SIGNATURE, "MIIB+/=", &error));
  g_assert_no_error (error);
  g_assert_false (ey_form_data_set_field (req, EY_FIELD_ROLE_PASSWORD, "x", &error));
  g_assert_error (error, EY_FORM_ERROR, EY_FORM_ERROR_NO_ROLE);
  g_clear_error (&error);
  {
    g_autoptr(GBytes) body = ey_form_data_encode (req, &error);
    const char *expected = "dogrulamaKodu=469988774051559&imza=MIIB%2B%2F%3D";

    g_assert_no_error (error);
    g_assert_cmpmem (g_bytes_get_data (body, NULL), g_bytes_get_size (body),
                     expected, strlen (expected));
  }
  g_assert_null (ey_site_profile_new_request (p, EY_SITE_ACTION_LOGIN, &error));
  g_assert_error (error, EY_SITE_PROFILE_ERROR, EY_SITE_PROFILE_ERROR_NOT_DEFINED);
}

static void
test_roles (void)
{
  int v = -1;

  g_assert_cmpstr (ey_site_page_kind_to_string (EY_SITE_PAGE_KIND_SMS_CODE), ==, "sms_code");
  g_assert_cmpstr (ey_field_role_to_string (EY_FIELD_ROLE_SECURITY_WORD_AGAIN), ==,
                   "security_word_again");
  g_assert_true (ey_site_role_from_string (EY_TYPE_SITE_ACTION, "sign_upload", &v));
  g_assert_cmpint (v, ==, EY_SITE_ACTION_SIGN_UPLOAD);
  /* Exact bytes: neither case folding nor a Turkish capital İ. */
  g_assert_false (ey_site_role_from_string (EY_TYPE_SITE_ACTION, "LOGIN", &v));
  g_assert_false (ey_site_role_from_string (EY_TYPE_FIELD_ROLE, "İdentity", &v));
  g_assert_cmpstr (ey_site_role_to_string (EY_TYPE_SITE_PAGE_KIND, 999), ==, "?");
  for (int k = 0; k <= EY_SITE_PAGE_KIND_LAST; k++)
    g_assert_cmpstr (ey_site_page_kind_get_label (k), !=, "");
}

static char *config_home;

static char *
write_update (const char *name,
              const char *xml)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_build_filename (config_home, EY_SITE_PROFILE_UPDATE_SUBDIR, NULL);
  char *path = g_build_filename (dir, name, NULL);

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (path, xml, -1, &error));
  g_assert_no_error (error);
  return path;
}

static gboolean
notes_mention (GStrv       notes,
               const char *path,
               const char *why)
{
  for (guint i = 0; notes[i] != NULL; i++)
    if (strstr (notes[i], path) != NULL && strstr (notes[i], why) != NULL)
      return TRUE;
  return FALSE;
}

/* IT drops a newer profile into the user's configuration folder: it is
 * validated and used; an invalid, an older and another site's are ignored
 * with a reason. */
static void
test_update (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *xml = default_xml ();
  g_autoptr(EySiteProfile) builtin = ey_site_profile_new_default (&error);
  g_autoptr(EySiteProfile) used = NULL;
  g_autoptr(EySiteProfile) update = NULL;
  g_autoptr(GString) newer = g_string_new (xml);
  g_autoptr(GString) older = g_string_new (xml);
  g_autoptr(GString) broken = g_string_new (xml);
  g_autoptr(GString) other = g_string_new (xml);
  g_autofree char *newer_path = NULL;
  g_autofree char *older_path = NULL;
  g_autofree char *broken_path = NULL;
  g_autofree char *other_path = NULL;
  g_autofree char *description = NULL;
  g_auto(GStrv) notes = NULL;
  guint version;

  g_assert_no_error (error);
  version = ey_site_profile_get_version (builtin);
  g_assert_cmpuint (version, >=, 1);
  g_assert_true (ey_site_profile_is_builtin (builtin));
  g_assert_true (ey_site_profile_is_official (builtin));
  g_unsetenv (EY_SITE_PROFILE_ENV);

  /* Nothing dropped yet: the built-in profile. */
  used = ey_site_profile_load (NULL, &error);
  g_assert_no_error (error);
  g_assert_true (ey_site_profile_is_builtin (used));
  g_clear_object (&used);

  {
    g_autofree char *attr = g_strdup_printf ("version=\"%u\"", version);
    g_autofree char *up = g_strdup_printf ("version=\"%u\"", version + 1);
    g_autofree char *same = g_strdup_printf ("version=\"%u\"", version);

    g_string_replace (newer, attr, up, 1);
    g_string_replace (newer, "'Sonucu'", "'Başvuru Sonucu'", 1);
    g_string_replace (older, attr, same, 1);
    g_string_replace (broken, attr, up, 1);
    g_string_replace (broken, "<page id=\"wet\">", "<page id=\"ıslak\">", 1);
    g_string_replace (other, attr, up, 1);
    g_string_replace (other, "id=\"kamusm\"", "id=\"baska-site\"", 1);
  }
  newer_path = write_update ("kamusm-new.xml", newer->str);
  older_path = write_update ("kamusm-old.xml", older->str);
  broken_path = write_update ("kamusm-broken.xml", broken->str);
  other_path = write_update ("other.xml", other->str);

  used = ey_site_profile_load (NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (ey_site_profile_get_origin (used), ==, newer_path);
  g_assert_cmpuint (ey_site_profile_get_version (used), ==, version + 1);
  g_assert_false (ey_site_profile_is_builtin (used));
  g_assert_false (ey_site_profile_is_official (used));
  description = ey_site_profile_describe (used);
  g_assert_nonnull (strstr (description, newer_path));
  /* A profile from outside the package is announced like a site that is not KamuSM's. */
  {
    g_autofree char *notice = ey_site_profile_get_notice (used);
    g_autofree char *none = ey_site_profile_get_notice (builtin);

    g_assert_nonnull (notice);
    g_assert_nonnull (strstr (notice, "NOT the KamuSM site"));
    g_assert_nonnull (strstr (notice, newer_path));
    g_assert_null (none);
  }

  update = ey_site_profile_find_update (builtin, NULL, &notes);
  g_assert_nonnull (update);
  g_assert_cmpstr (ey_site_profile_get_origin (update), ==, newer_path);
  g_assert_true (notes_mention (notes, older_path, "not newer"));
  g_assert_true (notes_mention (notes, broken_path, "not valid"));
  g_assert_true (notes_mention (notes, broken_path, "ıslak"));
  g_assert_true (notes_mention (notes, other_path, "baska-site"));
  g_assert_cmpuint (g_strv_length (notes), ==, 3);

  /* --site-profile and EY_SITE_PROFILE still win over the update. */
  g_clear_object (&used);
  used = ey_site_profile_load (older_path, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (ey_site_profile_get_origin (used), ==, older_path);

  /* Only older or invalid ones left: the built-in profile. */
  g_assert_cmpint (g_unlink (newer_path), ==, 0);
  g_clear_object (&used);
  used = ey_site_profile_load (NULL, &error);
  g_assert_no_error (error);
  g_assert_true (ey_site_profile_is_builtin (used));
  for (const char * const *p = (const char * const[]) { older_path, broken_path, other_path, NULL }; *p; p++)
    g_assert_cmpint (g_unlink (*p), ==, 0);
}

/* The site's known messages carry an English explanation (a gettext msgid) in both
 * profiles; texts are matched the ey:contains way; a profile without any still loads. */
static void
test_explanations (void)
{
  const char *resources[] = { EY_SITE_PROFILE_DEFAULT_RESOURCE, EY_SITE_PROFILE_ALT_RESOURCE };
  g_autofree char *xml = default_xml ();
  g_autoptr(GString) bare = g_string_new (xml);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(EySiteProfile) without = NULL;
  g_autoptr(GError) error = NULL;
  char *start = strstr (bare->str, "<explanations>");
  char *end = strstr (bare->str, "</explanations>");

  for (guint i = 0; i < G_N_ELEMENTS (resources); i++)
    {
      g_autoptr(EySiteProfile) p = ey_site_profile_new_from_resource (resources[i], &error);

      g_assert_no_error (error);
      g_assert_cmpstr (ey_site_profile_explain_message (p, "Cep telefonu numarası geçersiz."), ==,
                       "The mobile phone number is not valid: 10 digits, starting with 5, e.g. "
                       "5051234567.");
      /* Upper case, Turkish letters in ASCII, other spaces: the same message. */
      g_assert_cmpstr (ey_site_profile_explain_message (p, "Hata: GUVENLIK  SOZCUGU EN AZ 6 "
                                                           "KARAKTER olmalıdır"), ==,
                       "The security word must have at least 6 characters.");
      g_assert_null (ey_site_profile_explain_message (p, "Bilinmeyen bir ileti."));
      g_assert_null (ey_site_profile_explain_message (p, ""));
      g_assert_null (ey_site_profile_explain_message (p, NULL));
      /* The SMS approval code's length, for sending a complete one at once. */
      g_assert_cmpuint (ey_site_profile_get_code_digits (p, EY_SITE_PAGE_KIND_SMS_CODE), ==, 6);
      g_assert_cmpuint (ey_site_profile_get_code_digits (p, EY_SITE_PAGE_KIND_LOGIN), ==, 0);
    }

  g_assert_nonnull (start);
  g_assert_nonnull (end);
  g_string_erase (bare, start - bare->str, end + strlen ("</explanations>") - start);
  bytes = g_bytes_new (bare->str, bare->len);
  without = ey_site_profile_new_from_bytes (bytes, "bare.xml", &error);
  g_assert_no_error (error);
  g_assert_null (ey_site_profile_explain_message (without, "Cep telefonu numarası geçersiz."));
}

static void
test_version (void)
{
  g_autofree char *xml = default_xml ();
  g_autoptr(GString) bad = g_string_new (xml);
  g_autoptr(GString) none = g_string_new (xml);
  g_autoptr(GBytes) bad_bytes = NULL;
  g_autoptr(GBytes) none_bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(EySiteProfile) p = NULL;

  g_string_replace (bad, "id=\"kamusm\" version=\"", "id=\"kamusm\" version=\"x", 1);
  bad_bytes = g_bytes_new (bad->str, bad->len);
  g_assert_null (ey_site_profile_new_from_bytes (bad_bytes, "bad.xml", &error));
  g_assert_error (error, EY_SITE_PROFILE_ERROR, EY_SITE_PROFILE_ERROR_INVALID);
  g_clear_error (&error);

  g_string_replace (none, "id=\"kamusm\" version=\"", "id=\"kamusm\" data-version=\"", 1);
  none_bytes = g_bytes_new (none->str, none->len);
  p = ey_site_profile_new_from_bytes (none_bytes, "none.xml", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ey_site_profile_get_version (p), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  /* Before anything asks GLib for the configuration folder (it caches it). */
  config_home = g_dir_make_tmp ("ey-config-XXXXXX", NULL);
  g_setenv ("XDG_CONFIG_HOME", config_home, TRUE);
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/site-profile/default", test_default);
  g_test_add_func ("/site-profile/alt", test_alt);
  g_test_add_func ("/site-profile/override", test_override);
  g_test_add_func ("/site-profile/load", test_load);
  g_test_add_func ("/site-profile/invalid", test_invalid);
  g_test_add_func ("/site-profile/sign-reply", test_sign_reply);
  g_test_add_func ("/site-profile/roles", test_roles);
  g_test_add_func ("/site-profile/update", test_update);
  g_test_add_func ("/site-profile/version", test_version);
  g_test_add_func ("/site-profile/explanations", test_explanations);
  ret = g_test_run ();
  {
    g_autofree char *dir = g_build_filename (config_home, EY_SITE_PROFILE_UPDATE_SUBDIR, NULL);
    g_autofree char *parent = g_path_get_dirname (dir);

    g_rmdir (dir);
    g_rmdir (parent);
    g_rmdir (config_home);
    g_free (config_home);
  }
  return ret;
}
