/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <locale.h>
#include <string.h>

#include "ey-core-error-private.h"
#include "ey-site-page-private.h"
#include "ey-site-report-private.h"
#include "page-load.h"
#include "ey-site-profile-private.h"
#include "ey-form-private.h"
#include "ey-site-roles-private.h"
#include "ey-text-private.h"

static EySiteProfile *default_profile;
static EySiteProfile *alt_profile;

static EySiteProfile *
profile_for (const char *variant)
{
  return strcmp (variant, "alt") == 0 ? alt_profile : default_profile;
}

static EySitePage *
load_page_ct (EySiteProfile *profile,
              const char    *file,
              const char    *content_type,
              const char    *path)
{
  g_autofree char *filename = g_test_build_filename (G_TEST_DIST, "core", "pages", file, NULL);

  return test_page_load (profile, filename, content_type, path ? path : "x");
}

static EySitePage *
load_page (const char *variant,
           const char *name)
{
  g_autofree char *file = g_strdup_printf ("%s-%s.html", variant, name);

  return load_page_ct (profile_for (variant), file, "text/html", "page");
}

typedef struct
{
  const char  *name;
  EySitePageKind   kind;
  int          marker;   /* -1: none expected */
} Recognition;

static const Recognition recognitions[] = {
  { "login", EY_SITE_PAGE_KIND_LOGIN, -1 },
  { "login-captcha-wrong", EY_SITE_PAGE_KIND_LOGIN, EY_SITE_PAGE_MARKER_CAPTCHA_WRONG },
  { "login-credentials-wrong", EY_SITE_PAGE_KIND_LOGIN, EY_SITE_PAGE_MARKER_CREDENTIALS_WRONG },
  { "login-expired", EY_SITE_PAGE_KIND_LOGIN, EY_SITE_PAGE_MARKER_SESSION_EXPIRED },
  { "forgot", EY_SITE_PAGE_KIND_FORGOT, -1 },
  { "forgot-done", EY_SITE_PAGE_KIND_FORGOT, EY_SITE_PAGE_MARKER_PASSWORD_RESENT },
  { "orders", EY_SITE_PAGE_KIND_ORDERS, -1 },
  { "orders-none", EY_SITE_PAGE_KIND_ORDERS, EY_SITE_PAGE_MARKER_NO_ORDER },
  { "form", EY_SITE_PAGE_KIND_FORM, -1 },
  { "form-errors", EY_SITE_PAGE_KIND_FORM, -1 },
  { "sms-send", EY_SITE_PAGE_KIND_SMS_SEND, -1 },
  { "sms-code", EY_SITE_PAGE_KIND_SMS_CODE, -1 },
  { "sms-code-wrong", EY_SITE_PAGE_KIND_SMS_CODE, EY_SITE_PAGE_MARKER_SMS_WRONG },
  { "sms-code-expired", EY_SITE_PAGE_KIND_SMS_CODE, EY_SITE_PAGE_MARKER_SMS_EXPIRED },
  { "eonay-choice", EY_SITE_PAGE_KIND_EONAY_CHOICE, -1 },
  { "consent", EY_SITE_PAGE_KIND_CONSENT, -1 },
  { "eonay-sign", EY_SITE_PAGE_KIND_EONAY_SIGN, -1 },
  { "eonay-sign-expired", EY_SITE_PAGE_KIND_EONAY_SIGN, EY_SITE_PAGE_MARKER_CODE_EXPIRED },
  { "eimzali-sign", EY_SITE_PAGE_KIND_EIMZALI_SIGN, -1 },
  { "method", EY_SITE_PAGE_KIND_METHOD, -1 },
  { "method-no-eonay", EY_SITE_PAGE_KIND_METHOD, -1 },
  { "wet", EY_SITE_PAGE_KIND_WET, -1 },
  { "result", EY_SITE_PAGE_KIND_RESULT, EY_SITE_PAGE_MARKER_EONAY_DONE },
  { "result-eimza", EY_SITE_PAGE_KIND_RESULT, EY_SITE_PAGE_MARKER_EIMZA_DONE },
};

static void
test_recognise (gconstpointer data)
{
  const char *variant = data;

  for (guint i = 0; i < G_N_ELEMENTS (recognitions); i++)
    {
      g_autoptr(EySitePage) page = load_page (variant, recognitions[i].name);
      g_autoptr(GError) error = NULL;

      g_test_message ("%s-%s", variant, recognitions[i].name);
      g_assert_cmpstr (ey_site_page_kind_to_string (ey_site_page_get_kind (page)), ==,
                       ey_site_page_kind_to_string (recognitions[i].kind));
      g_assert_true (ey_site_page_expect (page, recognitions[i].kind, &error));
      g_assert_no_error (error);
      g_assert_cmpstr (ey_site_page_get_title (page), ==,
                       "Kamu SM - Nitelikli Elektronik Sertifika Başvurusu");
      for (int m = 0; m <= EY_SITE_PAGE_MARKER_LAST; m++)
        {
          if (ey_site_page_has_marker (page, m) != (m == recognitions[i].marker))
            g_error ("%s-%s: marker %s is %d", variant, recognitions[i].name,
                     ey_site_role_to_string (EY_TYPE_SITE_PAGE_MARKER, m),
                     ey_site_page_has_marker (page, m));
        }
    }
}

static void
test_login (gconstpointer data)
{
  const char *variant = data;
  EySiteProfile *profile = profile_for (variant);
  g_autoptr(EySitePage) page = load_page (variant, "login");
  g_autoptr(EyFormData) sub = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GPtrArray) pairs = NULL;
  g_autofree char *captcha = ey_site_page_get_captcha_url (page);
  g_autofree char *forgot = ey_site_page_get_link_url (page, EY_LINK_ROLE_FORGOT, &error);
  g_autofree char *expected_captcha = NULL;
  g_autofree char *expected_forgot = NULL;
  g_autofree char *expected_action = NULL;
  g_autofree char *expected_body = NULL;
  const char *tok;

  g_assert_no_error (error);
  expected_captcha = g_strconcat (ey_site_profile_get_base_url (profile),
                                  ey_site_profile_get_action_path (profile, EY_SITE_ACTION_CAPTCHA),
                                  "?t=3", NULL);
  g_assert_cmpstr (captcha, ==, expected_captcha);
  expected_forgot = ey_site_profile_get_action_url (profile, EY_SITE_ACTION_FORGOT, NULL);
  g_assert_cmpstr (forgot, ==, expected_forgot);

  g_assert_nonnull (ey_site_page_lookup_field (page, EY_FIELD_ROLE_PASSWORD));
  g_assert_cmpint (ey_site_page_lookup_field (page, EY_FIELD_ROLE_PASSWORD)->type, ==,
                   EY_FORM_CONTROL_PASSWORD);
  g_assert_cmpstr (ey_site_page_lookup_field (page, EY_FIELD_ROLE_PASSWORD)->label, ==,
                   "Başvuru Formu Erişim Parolası");
  g_assert_null (ey_site_page_get_message (page));

  sub = ey_site_page_new_submission (page, EY_BUTTON_ROLE_SUBMIT, &error);
  g_assert_no_error (error);
  expected_action = ey_site_profile_get_action_url (profile, EY_SITE_ACTION_LOGIN, NULL);
  g_assert_cmpstr (ey_form_data_get_url (sub), ==, expected_action);
  g_assert_cmpstr (ey_form_data_get_method (sub), ==, "POST");
  g_assert_true (ey_form_data_set_field (sub, EY_FIELD_ROLE_CAPTCHA, "x7K2q", &error));
  g_assert_true (ey_form_data_set_field (sub, EY_FIELD_ROLE_IDENTITY, "12345678950", &error));
  g_assert_true (ey_form_data_set_field (sub, EY_FIELD_ROLE_PASSWORD, "Ab3k T9&qz", &error));
  g_assert_no_error (error);
  /* A role the login page does not have. */
  g_assert_false (ey_form_data_set_field (sub, EY_FIELD_ROLE_SMS_CODE, "1", &error));
  g_assert_error (error, EY_FORM_ERROR, EY_FORM_ERROR_NO_ROLE);
  g_clear_error (&error);

  tok = ey_form_data_get (sub, "formToken");
  g_assert_cmpstr (tok, ==, "tok-login-1");
  body = ey_form_data_encode (sub, &error);
  g_assert_no_error (error);
  expected_body = g_strdup_printf ("formToken=tok-login-1&%s=x7K2q&%s=12345678950&%s=Ab3k+T9%%26qz"
                                   "&giris=Giri%%C5%%9F",
                                   ey_site_profile_get_field_name (profile, EY_SITE_PAGE_KIND_LOGIN,
                                                                   EY_FIELD_ROLE_CAPTCHA),
                                   ey_site_profile_get_field_name (profile, EY_SITE_PAGE_KIND_LOGIN,
                                                                   EY_FIELD_ROLE_IDENTITY),
                                   ey_site_profile_get_field_name (profile, EY_SITE_PAGE_KIND_LOGIN,
                                                                   EY_FIELD_ROLE_PASSWORD));
  g_assert_cmpmem (g_bytes_get_data (body, NULL), g_bytes_get_size (body),
                   expected_body, strlen (expected_body));

  pairs = ey_form_data_to_pairs (sub);
  g_assert_cmpuint (pairs->len, ==, 10);
  g_assert_cmpstr (g_ptr_array_index (pairs, 0), ==, "formToken");
  g_assert_cmpstr (g_ptr_array_index (pairs, 8), ==, "giris");
  g_assert_cmpstr (g_ptr_array_index (pairs, 9), ==, "Giriş");
}

static void
test_orders (gconstpointer data)
{
  const char *variant = data;
  EySiteProfile *profile = profile_for (variant);
  g_autoptr(EySitePage) page = load_page (variant, "orders");
  g_autoptr(EySitePage) none = load_page (variant, "orders-none");
  GPtrArray *orders = ey_site_page_get_orders (page);
  const EyOrder *o;
  g_autofree char *form_url = ey_site_profile_get_action_url (profile, EY_SITE_ACTION_FORM, NULL);

  g_assert_cmpuint (orders->len, ==, 2);
  o = g_ptr_array_index (orders, 0);
  g_assert_cmpstr (o->date, ==, "03.11.2026");
  g_assert_cmpstr (o->institution, ==, "IĞDIR ÜNİVERSİTESİ REKTÖRLÜĞÜ");
  g_assert_cmpstr (o->link_text, ==, "Yenileme Başvurusu");
  g_assert_cmpint (o->kind, ==, EY_ORDER_KIND_RENEWAL);
  g_assert_true (g_str_has_prefix (o->url, form_url));
  g_assert_true (g_str_has_suffix (o->url, "=1041"));
  o = g_ptr_array_index (orders, 1);
  g_assert_cmpstr (o->institution, ==, "ANKARA ÜNİVERSİTESİ & HASTANESİ");
  g_assert_cmpint (o->kind, ==, EY_ORDER_KIND_NEW);

  g_assert_cmpuint (ey_site_page_get_orders (none)->len, ==, 0);
  g_assert_cmpstr (ey_site_page_get_message (none), ==,
                   "Adınıza açılmış bir sertifika siparişi bulunmamaktadır. "
                   "Kurumunuzun e-imza sorumlusuna başvurunuz.");
}

static void
test_form (gconstpointer data)
{
  const char *variant = data;
  EySiteProfile *profile = profile_for (variant);
  g_autoptr(EySitePage) page = load_page (variant, "form");
  g_autoptr(EySitePage) errors = load_page (variant, "form-errors");
  g_autoptr(EyFormData) sub = NULL;
  g_autoptr(GError) error = NULL;
  const EyFormControl *c;
  const char *city;

  g_assert_cmpstr (ey_site_page_get_field_value (page, EY_FIELD_ROLE_FIRST_NAME), ==, "AYŞE");
  g_assert_cmpstr (ey_site_page_get_field_value (page, EY_FIELD_ROLE_IDENTITY), ==, "12345678950");
  g_assert_true (ey_site_page_lookup_field (page, EY_FIELD_ROLE_IDENTITY)->readonly);
  g_assert_false (ey_site_page_lookup_field (page, EY_FIELD_ROLE_PHONE)->readonly);
  g_assert_cmpstr (ey_site_page_get_field_value (page, EY_FIELD_ROLE_PHONE), ==, "05051234569");
  g_assert_cmpstr (ey_site_page_get_field_value (page, EY_FIELD_ROLE_ADDRESS), ==,
                   "Şehit Bülent Yurtseven Kampüsü\nMerkez");
  c = ey_site_page_lookup_field (page, EY_FIELD_ROLE_CITY);
  g_assert_cmpint (c->type, ==, EY_FORM_CONTROL_SELECT);
  g_assert_cmpstr (c->value, ==, "06");
  g_assert_cmpstr (c->label, ==, "İl");
  g_assert_cmpuint (c->options->len, ==, 4);
  g_assert_cmpstr (((EyFormOption *)g_ptr_array_index (c->options, 3))->label, ==, "IĞDIR");
  c = ey_site_page_lookup_field (page, EY_FIELD_ROLE_JOB_TITLE);
  g_assert_cmpuint (c->options->len, ==, 3);   /* options inside an optgroup count */
  g_assert_cmpstr (c->value, ==, "");
  g_assert_cmpstr (ey_site_page_get_field_value (page, EY_FIELD_ROLE_ORDER), ==, "1041");

  sub = ey_site_page_new_submission (page, EY_BUTTON_ROLE_SUBMIT, &error);
  g_assert_no_error (error);
  g_assert_false (ey_form_data_set_field (sub, EY_FIELD_ROLE_IDENTITY, "1", &error));
  g_assert_error (error, EY_FORM_ERROR, EY_FORM_ERROR_READ_ONLY);
  g_clear_error (&error);
  /* By label (an option's text) or by value. */
  g_assert_true (ey_form_data_set_field (sub, EY_FIELD_ROLE_CITY, "İSTANBUL", &error));
  g_assert_no_error (error);
  city = ey_form_data_get (sub, ey_site_profile_get_field_name (profile, EY_SITE_PAGE_KIND_FORM,
                                                                EY_FIELD_ROLE_CITY));
  g_assert_cmpstr (city, ==, "34");
  g_assert_true (ey_form_data_set_field (sub, EY_FIELD_ROLE_CITY, "76", &error));
  g_assert_false (ey_form_data_set_field (sub, EY_FIELD_ROLE_CITY, "Gotham", &error));
  g_assert_error (error, EY_FORM_ERROR, EY_FORM_ERROR_NO_OPTION);
  g_clear_error (&error);
  g_assert_true (ey_form_data_set_field (sub, EY_FIELD_ROLE_SECURITY_WORD, "kırmızı", &error));
  g_assert_true (ey_form_data_set_field (sub, EY_FIELD_ROLE_SECURITY_WORD_AGAIN, "kırmızı", &error));
  g_assert_no_error (error);
  /* Read-only fields are still sent, as a browser does. */
  g_assert_cmpstr (ey_form_data_get (sub, ey_site_profile_get_field_name (profile,
                   EY_SITE_PAGE_KIND_FORM, EY_FIELD_ROLE_IDENTITY)), ==, "12345678950");

  g_assert_cmpstr (ey_site_page_get_field_error (errors, EY_FIELD_ROLE_PHONE), ==,
                   "Cep telefonu numarası geçersiz.");
  g_assert_cmpstr (ey_site_page_get_field_error (errors, EY_FIELD_ROLE_SECURITY_WORD), ==,
                   "Güvenlik sözcüğü en az 6 karakter olmalıdır.");
  g_assert_null (ey_site_page_get_field_error (errors, EY_FIELD_ROLE_EMAIL));
  g_assert_cmpuint (g_hash_table_size (ey_site_page_get_field_errors (errors)), ==, 2);
  g_assert_cmpstr (ey_site_page_get_errors (errors)[0], ==, "Formda hatalı alanlar var.");
}

static void
test_sms (gconstpointer data)
{
  const char *variant = data;
  g_autoptr(EySitePage) send = load_page (variant, "sms-send");
  g_autoptr(EySitePage) code = load_page (variant, "sms-code");
  g_autoptr(EySitePage) wrong = load_page (variant, "sms-code-wrong");
  g_autoptr(EyFormData) sub = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *back = NULL;

  g_assert_cmpstr (ey_site_page_get_masked_phone (send), ==, "50*****9");
  back = ey_site_page_get_link_url (send, EY_LINK_ROLE_BACK_TO_FORM, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_suffix (back, "=1041"));
  g_assert_cmpint (ey_site_page_get_timer_seconds (send), ==, -1);
  g_assert_cmpstr (ey_site_page_get_warnings (send)[0], ==,
                   "Cep telefonu numaranız hatalı ise devam etmeyiniz; forma geri dönerek "
                   "numaranızı düzeltiniz.");

  g_assert_cmpint (ey_site_page_get_timer_seconds (code), ==, 236);
  g_assert_cmpint (ey_site_page_get_timer_seconds (wrong), ==, 191);
  g_assert_cmpstr (ey_site_page_get_message (wrong), ==, "SMS onay kodu hatalı.");
  g_assert_true (ey_site_page_has_button (code, EY_BUTTON_ROLE_RESEND));
  g_assert_false (ey_site_page_has_button (code, EY_BUTTON_ROLE_METHOD_EONAYLI));

  sub = ey_site_page_new_submission (code, EY_BUTTON_ROLE_RESEND, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (ey_form_data_get (sub, "yeniKod"), ==, "Yeni Kod Gönder");
  g_assert_null (ey_form_data_get (sub, "tamam"));
}

static void
test_eonay (gconstpointer data)
{
  const char *variant = data;
  EySiteProfile *profile = profile_for (variant);
  g_autoptr(EySitePage) choice = load_page (variant, "eonay-choice");
  g_autoptr(EySitePage) consent = load_page (variant, "consent");
  g_autoptr(EyFormData) sub = NULL;
  g_autoptr(EyFormData) sub2 = NULL;
  g_autoptr(GError) error = NULL;
  const char *name;
  const char *yes;
  const char *no;

  g_assert_true (ey_site_page_has_choice (choice, EY_CHOICE_ROLE_EONAY_YES));
  g_assert_true (ey_site_page_has_choice (choice, EY_CHOICE_ROLE_EONAY_NO));
  g_assert_false (ey_site_page_has_choice (choice, EY_CHOICE_ROLE_CONSENT));
  g_assert_true (ey_site_profile_get_choice (profile, EY_SITE_PAGE_KIND_EONAY_CHOICE,
                                             EY_CHOICE_ROLE_EONAY_YES, &name, &yes));
  g_assert_true (ey_site_profile_get_choice (profile, EY_SITE_PAGE_KIND_EONAY_CHOICE,
                                             EY_CHOICE_ROLE_EONAY_NO, NULL, &no));
  g_assert_cmpstr (ey_site_page_lookup_field (choice, EY_FIELD_ROLE_EONAY_CHOICE)->label, ==,
                   "E-Onay vermek istiyorum");

  sub = ey_site_page_new_submission (choice, EY_BUTTON_ROLE_SUBMIT, &error);
  g_assert_no_error (error);
  /* Nothing ticked: nothing sent for the radio group. */
  g_assert_null (ey_form_data_get (sub, name));
  g_assert_true (ey_form_data_choose (sub, EY_CHOICE_ROLE_EONAY_YES, &error));
  g_assert_cmpstr (ey_form_data_get (sub, name), ==, yes);
  g_assert_true (ey_form_data_choose (sub, EY_CHOICE_ROLE_EONAY_NO, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (ey_form_data_get (sub, name), ==, no);
  g_assert_cmpuint (ey_form_data_get_n_pairs (sub), ==, 3);   /* token, radio, button */

  sub2 = ey_site_page_new_submission (consent, EY_BUTTON_ROLE_SUBMIT, &error);
  g_assert_no_error (error);
  g_assert_true (ey_form_data_choose (sub2, EY_CHOICE_ROLE_CONSENT, &error));
  g_assert_true (ey_form_data_choose (sub2, EY_CHOICE_ROLE_CONSENT, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (ey_form_data_get_n_pairs (sub2), ==, 3);
  g_assert_cmpstr (ey_form_data_get (sub2, ey_site_profile_get_field_name (profile,
                   EY_SITE_PAGE_KIND_CONSENT, EY_FIELD_ROLE_CONSENT)), ==, "1");
  g_assert_false (ey_form_data_choose (sub2, EY_CHOICE_ROLE_EONAY_YES, &error));
  g_assert_error (error, EY_FORM_ERROR, EY_FORM_ERROR_NO_ROLE);
}

static void
test_signing (gconstpointer data)
{
  const char *variant = data;
  EySiteProfile *profile = profile_for (variant);
  g_autoptr(EySitePage) sign = load_page (variant, "eonay-sign");
  g_autoptr(EySitePage) expired = load_page (variant, "eonay-sign-expired");
  g_autoptr(EySitePage) eimzali = load_page (variant, "eimzali-sign");
  g_autoptr(EyFormData) renew = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *next = NULL;
  g_autofree char *method_url = ey_site_profile_get_action_url (profile, EY_SITE_ACTION_METHOD, NULL);
  g_autofree char *result_url = ey_site_profile_get_action_url (profile, EY_SITE_ACTION_RESULT, NULL);
  g_autofree char *jnlp = NULL;

  g_assert_cmpstr (ey_site_page_get_verification_code (sign), ==, "469988774051559");
  g_assert_cmpint (ey_site_page_get_timer_seconds (sign), ==, 260);
  g_assert_cmpuint (ey_site_profile_get_default_timer (profile, EY_SITE_PAGE_KIND_EONAY_SIGN), ==, 260);
  g_assert_cmpuint (ey_site_profile_get_default_timer (profile, EY_SITE_PAGE_KIND_SMS_CODE), ==, 236);
  next = ey_site_page_get_link_url (sign, EY_LINK_ROLE_CONTINUE, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (next, ==, method_url);
  g_clear_pointer (&next, g_free);
  next = ey_site_page_get_link_url (eimzali, EY_LINK_ROLE_CONTINUE, &error);
  g_assert_cmpstr (next, ==, result_url);
  jnlp = ey_site_page_get_link_url (sign, EY_LINK_ROLE_JNLP, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_suffix (jnlp, "/KamuSM-eImza.jnlp"));
  g_assert_null (ey_site_page_get_link_url (sign, EY_LINK_ROLE_PDF, &error));
  g_assert_error (error, EY_SITE_PAGE_ERROR, EY_SITE_PAGE_ERROR_NO_LINK);
  g_clear_error (&error);
  g_assert_null (ey_site_page_new_submission (sign, EY_BUTTON_ROLE_SUBMIT, &error));
  g_assert_error (error, EY_SITE_PAGE_ERROR, EY_SITE_PAGE_ERROR_NO_FORM);
  g_clear_error (&error);

  g_assert_null (ey_site_page_get_verification_code (expired));
  renew = ey_site_page_new_submission (expired, EY_BUTTON_ROLE_RENEW_CODE, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (ey_form_data_get (renew, "yenile"), ==, "Yeni Kod Al");
  {
    g_autofree char *sign_url = ey_site_profile_get_action_url (profile, EY_SITE_ACTION_EONAY_SIGN,
                                                                NULL);

    g_assert_cmpstr (ey_form_data_get_url (renew), ==, sign_url);
  }
}

static void
test_method (gconstpointer data)
{
  const char *variant = data;
  EySiteProfile *profile = profile_for (variant);
  g_autoptr(EySitePage) method = load_page (variant, "method");
  g_autoptr(EySitePage) no_eonay = load_page (variant, "method-no-eonay");
  g_autoptr(EySitePage) wet = load_page (variant, "wet");
  g_autoptr(EySitePage) result = load_page (variant, "result");
  g_autoptr(EyFormData) sub = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *pdf = NULL;
  const char *name;
  const char *value;

  g_assert_true (ey_site_page_has_button (method, EY_BUTTON_ROLE_METHOD_EONAYLI));
  g_assert_true (ey_site_page_has_button (method, EY_BUTTON_ROLE_METHOD_EIMZALI));
  g_assert_true (ey_site_page_has_button (method, EY_BUTTON_ROLE_METHOD_ISLAK));
  g_assert_false (ey_site_page_has_button (no_eonay, EY_BUTTON_ROLE_METHOD_EONAYLI));
  g_assert_true (ey_site_page_has_button (no_eonay, EY_BUTTON_ROLE_METHOD_ISLAK));

  g_assert_null (ey_site_page_new_submission (no_eonay, EY_BUTTON_ROLE_METHOD_EONAYLI, &error));
  g_assert_error (error, EY_SITE_PAGE_ERROR, EY_SITE_PAGE_ERROR_NO_BUTTON);
  g_clear_error (&error);

  sub = ey_site_page_new_submission (method, EY_BUTTON_ROLE_METHOD_EONAYLI, &error);
  g_assert_no_error (error);
  g_assert_true (ey_site_profile_get_button (profile, EY_SITE_PAGE_KIND_METHOD,
                                             EY_BUTTON_ROLE_METHOD_EONAYLI, &name, &value));
  g_assert_cmpstr (ey_form_data_get (sub, name), ==, value);
  g_assert_cmpuint (ey_form_data_get_n_pairs (sub), ==, 2);

  pdf = ey_site_page_get_link_url (wet, EY_LINK_ROLE_PDF, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_suffix (pdf, "/basvuruformu.pdf"));

  g_assert_cmpstr (ey_site_page_get_success_text (result), ==,
                   "Başvuru formu E-Onaylama işlemi başarıyla tamamlandı. Başvuru formunuz "
                   "sistemimize ulaştı.");
  g_assert_null (ey_site_page_get_success_text (method));
}

static void
test_charsets (void)
{
  g_autoptr(EySitePage) utf8 = load_page ("default", "sms-code");
  g_autoptr(EySitePage) cp1254 = load_page_ct (default_profile, "default-sms-code-windows-1254.html",
                                           "text/html", "smsonay.go");
  g_autoptr(EySitePage) latin5 = load_page_ct (default_profile, "default-sms-code-iso-8859-9.html",
                                           NULL, "smsonay.go");
  g_autoptr(EySitePage) header = load_page_ct (default_profile, "default-form-iso-8859-9-nometa.html",
                                           "text/html; charset=\"ISO-8859-9\"", "basvuru.go");
  g_autoptr(EySitePage) wrong = load_page_ct (default_profile, "default-sms-code-windows-1254.html",
                                          "text/html;charset=iso-8859-9", "smsonay.go");
  g_autoptr(EyFormData) sub = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *t1 = ey_site_page_get_text (utf8);
  g_autofree char *t2 = ey_site_page_get_text (cp1254);
  g_autofree char *t3 = ey_site_page_get_text (latin5);
  const char *needle = "Şehit";
  const char *body_data;
  gsize body_len;

  g_assert_cmpstr (ey_site_page_get_charset (utf8), ==, "UTF-8");
  g_assert_cmpstr (ey_site_page_get_charset (cp1254), ==, "WINDOWS-1254");
  g_assert_cmpstr (ey_site_page_get_charset (latin5), ==, "ISO-8859-9");
  g_assert_cmpstr (ey_site_page_get_charset (header), ==, "ISO-8859-9");
  g_assert_cmpint (ey_site_page_get_kind (cp1254), ==, EY_SITE_PAGE_KIND_SMS_CODE);
  g_assert_cmpint (ey_site_page_get_kind (latin5), ==, EY_SITE_PAGE_KIND_SMS_CODE);
  g_assert_cmpint (ey_site_page_get_timer_seconds (cp1254), ==, 236);
  g_assert_cmpstr (ey_site_page_get_title (cp1254), ==,
                   "Kamu SM - Nitelikli Elektronik Sertifika Başvurusu");
  /* The same text whatever the encoding (› came as &#8250; in the 8-bit copies). */
  g_assert_cmpstr (t1, ==, t2);
  g_assert_cmpstr (t1, ==, t3);
  g_assert_nonnull (strstr (t1, "Sipariş Seçimi"));
  g_assert_nonnull (strstr (t1, "›"));

  /* The header wins over the meta tag: 1254 bytes read as 8859-9 differ only in
   * the 0x80-0x9F range, which this page does not use. */
  g_assert_cmpint (ey_site_page_get_kind (wrong), ==, EY_SITE_PAGE_KIND_SMS_CODE);
  g_assert_cmpstr (ey_site_page_get_charset (wrong), ==, "ISO-8859-9");

  g_assert_cmpint (ey_site_page_get_kind (header), ==, EY_SITE_PAGE_KIND_FORM);
  g_assert_true (g_str_has_prefix (ey_site_page_get_field_value (header, EY_FIELD_ROLE_ADDRESS), needle));

  /* The submission goes back in the page's charset. */
  sub = ey_site_page_new_submission (header, EY_BUTTON_ROLE_SUBMIT, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (ey_form_data_get_charset (sub), ==, "ISO-8859-9");
  g_assert_true (ey_form_data_set_field (sub, EY_FIELD_ROLE_DISTRICT, "Iğdır", &error));
  body = ey_form_data_encode (sub, &error);
  g_assert_no_error (error);
  body_data = g_bytes_get_data (body, &body_len);
  g_assert_nonnull (g_strstr_len (body_data, body_len, "ilce=I%F0d%FDr&"));
  g_assert_nonnull (g_strstr_len (body_data, body_len, "adres=%DEehit+B%FClent"));
  g_assert_nonnull (g_strstr_len (body_data, body_len, "onayla=Formu+Onayla"));
  g_clear_pointer (&body, g_bytes_unref);

  /* € is not in ISO-8859-9: refused, naming the field. */
  g_assert_true (ey_form_data_set_field (sub, EY_FIELD_ROLE_ADDRESS, "Oda 5 €", &error));
  body = ey_form_data_encode (sub, &error);
  g_assert_null (body);
  g_assert_error (error, EY_FORM_ERROR, EY_FORM_ERROR_ENCODING);
  g_assert_nonnull (strstr (error->message, "adres"));
}

static void
test_malformed (void)
{
  g_autoptr(EySitePage) page = load_page_ct (default_profile, "malformed-sms-code.html", NULL,
                                         "smsonay.go");
  g_autoptr(EyFormData) sub = NULL;
  g_autoptr(GError) error = NULL;
  const EyFormControl *c;

  g_assert_cmpint (ey_site_page_get_kind (page), ==, EY_SITE_PAGE_KIND_SMS_CODE);
  g_assert_cmpstr (ey_site_page_get_heading (page), ==, "SMS Onay Kodu");
  g_assert_cmpstr (ey_site_page_get_errors (page)[0], !=, NULL);
  g_assert_true (g_str_has_prefix (ey_site_page_get_errors (page)[0], "SMS onay kodu hatalı."));
  g_assert_true (ey_site_page_has_marker (page, EY_SITE_PAGE_MARKER_SMS_WRONG));
  g_assert_cmpint (ey_site_page_get_timer_seconds (page), ==, 175);
  c = ey_site_page_lookup_field (page, EY_FIELD_ROLE_SMS_CODE);
  g_assert_nonnull (c);
  g_assert_cmpint (c->maxlength, ==, 6);
  g_assert_cmpstr (c->label, ==, "SMS Onay Kodu");
  g_assert_cmpstr (ey_site_page_get_field_value (page, EY_FIELD_ROLE_FORM_TOKEN), ==, "tok&9");

  /* The disabled resend button is skipped; the enabled one is used. */
  sub = ey_site_page_new_submission (page, EY_BUTTON_ROLE_RESEND, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (ey_form_data_get (sub, "yeniKod"), ==, "Yeni Kod Gönder");
  g_assert_true (g_str_has_suffix (ey_form_data_get_url (sub), "/bs/smsonay.go"));
}

static void
test_unexpected (void)
{
  g_autoptr(EySitePage) server = load_page_ct (default_profile, "unexpected-server-error.html",
                                           "text/html", "sms.go");
  g_autoptr(EySitePage) portal = load_page_ct (default_profile, "unexpected-portal.html",
                                           "text/html", "sms.go");
  g_autoptr(EySitePage) login = load_page ("default", "login-expired");
  g_autoptr(EySitePage) alt_in_default = load_page_ct (default_profile, "alt-sms-code.html",
                                                   "text/html", "sms-kod.do");
  g_autoptr(GError) error = NULL;
  static const EySitePageKind sms_pages[] = { EY_SITE_PAGE_KIND_SMS_SEND, EY_SITE_PAGE_KIND_SMS_CODE };
  g_autoptr(GBytes) empty = g_bytes_new_static ("", 0);

  g_assert_cmpint (ey_site_page_get_kind (server), ==, EY_SITE_PAGE_KIND_UNKNOWN);
  g_assert_false (ey_site_page_expect (server, EY_SITE_PAGE_KIND_SMS_CODE, &error));
  g_assert_error (error, EY_SITE_PAGE_ERROR, EY_SITE_PAGE_ERROR_UNEXPECTED);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "Internal Server Error"));
  g_assert_nonnull (strstr (error->message, ey_site_page_kind_get_label (EY_SITE_PAGE_KIND_SMS_CODE)));
  g_clear_error (&error);

  g_assert_cmpint (ey_site_page_get_kind (portal), ==, EY_SITE_PAGE_KIND_UNKNOWN);
  g_assert_false (ey_site_page_expect_one_of (portal, sms_pages, 2, &error));
  g_assert_error (error, EY_SITE_PAGE_ERROR, EY_SITE_PAGE_ERROR_UNEXPECTED);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "Kablosuz Ağa Hoş Geldiniz"));
  g_assert_nonnull (strstr (error->message, "İnternete çıkmak için"));
  g_clear_error (&error);
  /* Its form posts to another host: the submission is built, but the client's
   * URL check (ey_site_profile_check_url) refuses it. */
  g_assert_false (ey_site_profile_check_url (default_profile,
                                             ey_form_get_action_url (ey_site_page_get_form (portal)),
                                             &error));
  g_assert_error (error, EY_SITE_PROFILE_ERROR, EY_SITE_PROFILE_ERROR_HOST_NOT_ALLOWED);
  g_clear_error (&error);

  /* A login page where the SMS page was expected: named, with the site's message. */
  g_assert_false (ey_site_page_expect (login, EY_SITE_PAGE_KIND_SMS_CODE, &error));
  g_assert_nonnull (strstr (error->message, ey_site_page_kind_get_label (EY_SITE_PAGE_KIND_LOGIN)));
  g_assert_nonnull (strstr (error->message, "Oturumunuzun süresi doldu"));
  g_clear_error (&error);

  /* The default profile knows the page by its heading but cannot read the alt
   * site's names: no timer, no code field. */
  g_assert_cmpint (ey_site_page_get_timer_seconds (alt_in_default), ==, -1);
  g_assert_null (ey_site_page_lookup_field (alt_in_default, EY_FIELD_ROLE_SMS_CODE));

  g_assert_null (ey_site_page_new (default_profile, empty, NULL, "https://basvuru.kamusm.gov.tr/bs/",
                              &error));
  g_assert_error (error, EY_SITE_PAGE_ERROR, EY_SITE_PAGE_ERROR_PARSE);
}

static void
test_normalize (void)
{
  static const struct { const char *in; const char *out; } cases[] = {
    { "  a \t b\n\nc  ", "a b c" },
    { "\xC2\xA0Kalan\xC2\xA0S\xC3\xBCre\xE2\x80\xAF:", "Kalan Süre :" },
    { "1\xE2\x80\x8B" "75\xEF\xBB\xBF", "175" },
    { "", "" },
    { "İıŞş", "İıŞş" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *out = ey_text_normalize (cases[i].in);

      g_assert_cmpstr (out, ==, cases[i].out);
    }
}

/* Truncated and corrupted copies of every fixture: never a crash, never a
 * warning (G_DEBUG=fatal-warnings), always a page or a clean error. */
static void
test_robustness (void)
{
  g_autofree char *dir = g_test_build_filename (G_TEST_DIST, "core", "pages", NULL);
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  g_autoptr(GRand) rand = g_rand_new_with_seed (1254);
  const char *name;
  guint parsed = 0;

  g_assert_nonnull (d);
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autofree char *contents = NULL;
      gsize len;

      if (!g_str_has_suffix (name, ".html"))
        continue;   /* variations/ has its own test */
      g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
      for (guint round = 0; round < 12; round++)
        {
          g_autofree char *copy = g_memdup2 (contents, len);
          gsize cut = g_rand_int_range (rand, 0, (gint32)len + 1);
          g_autoptr(GBytes) bytes = NULL;
          g_autoptr(EySitePage) page = NULL;
          g_autoptr(GError) error = NULL;

          /* Flip a few bytes, including into NUL and high bytes. */
          for (guint k = 0; k < round && cut > 0; k++)
            copy[g_rand_int_range (rand, 0, (gint32)cut)] = (char)g_rand_int_range (rand, 0, 256);
          bytes = g_bytes_new (copy, cut);
          page = ey_site_page_new (round % 2 ? alt_profile : default_profile, bytes,
                              round % 3 == 0 ? "text/html; charset=windows-1254" : NULL,
                              "https://basvuru.kamusm.gov.tr/bs/x.go", &error);
          if (page == NULL)
            {
              g_assert_true (error != NULL && error->domain == EY_SITE_PAGE_ERROR);
              continue;
            }
          parsed++;
          /* Every reader works on whatever came. */
          g_free (ey_site_page_describe (page));
          g_free (ey_site_page_get_captcha_url (page));
          g_free (ey_site_page_get_text (page));
          (void)ey_site_page_get_message (page);
          (void)ey_site_page_get_timer_seconds (page);
          (void)ey_site_page_get_orders (page);
          {
            g_autoptr(EyFormData) sub = ey_site_page_new_submission (page, EY_BUTTON_ROLE_SUBMIT, NULL);

            if (sub != NULL)
              {
                g_autoptr(GBytes) body = ey_form_data_encode (sub, NULL);
              }
          }
        }
    }
  g_assert_cmpuint (parsed, >, 100);
}

static void
test_charset_edge_cases (void)
{
  static const struct { const char *ct; const char *body; const char *charset; } cases[] = {
    /* The header wins over the meta tag. */
    { "text/html; charset=UTF-8", "<meta charset=\"iso-8859-9\"><h1>\xC5\x9F</h1>", "UTF-8" },
    /* A BOM wins over everything. */
    { "text/html; charset=iso-8859-9", "\xEF\xBB\xBF<h1>\xC5\x9F</h1>", "UTF-8" },
    /* The old http-equiv form, quoted and spaced. */
    { NULL, "<META HTTP-EQUIV=\"Content-Type\" CONTENT=\"text/html; Charset = 'Windows-1254'\">"
            "<h1>\xFE</h1>", "WINDOWS-1254" },
    /* Aliases. */
    { "text/html;charset=latin5", "<h1>\xFE</h1>", "ISO-8859-9" },
    { "text/html; charset=\"cp1254\"", "<h1>\xFE</h1>", "WINDOWS-1254" },
    /* Nothing declared, not UTF-8: the Turkish code page. */
    { NULL, "<h1>\xFE</h1>", "WINDOWS-1254" },
    /* Nothing declared, valid UTF-8. */
    { "text/html", "<h1>\xC5\x9F</h1>", "UTF-8" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GBytes) bytes = g_bytes_new_static (cases[i].body, strlen (cases[i].body));
      g_autoptr(GError) error = NULL;
      g_autoptr(EySitePage) page = ey_site_page_new (default_profile, bytes, cases[i].ct,
                                            "https://basvuru.kamusm.gov.tr/bs/x.go", &error);

      g_test_message ("case %u", i);
      g_assert_no_error (error);
      g_assert_cmpstr (ey_site_page_get_charset (page), ==, cases[i].charset);
      g_assert_cmpstr (ey_site_page_get_heading (page), ==, "ş");
    }

  {
    g_autoptr(GBytes) bytes = g_bytes_new_static ("<h1>x</h1>", 10);
    g_autoptr(GError) error = NULL;
    g_autoptr(EySitePage) page = ey_site_page_new (default_profile, bytes, "text/html; charset=x-klingon",
                                          "https://basvuru.kamusm.gov.tr/bs/x.go", &error);

    g_assert_null (page);
    g_assert_error (error, EY_SITE_PAGE_ERROR, EY_SITE_PAGE_ERROR_CHARSET);
  }
}

/* A select is shown by its option's label ("IĞDIR"), not its value ("76"). */
static void
test_option_label (void)
{
  g_autoptr(EySitePage) page = load_page ("default", "form");
  const EyFormControl *city = ey_site_page_lookup_field (page, EY_FIELD_ROLE_CITY);
  g_autoptr(GPtrArray) values = g_ptr_array_new ();
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();

  g_assert_nonnull (city);
  g_assert_nonnull (city->options);
  for (guint i = 0; i < city->options->len; i++)
    {
      const EyFormOption *o = g_ptr_array_index (city->options, i);

      g_ptr_array_add (values, o->value);
      g_ptr_array_add (labels, o->label);
    }
  g_ptr_array_add (values, NULL);
  g_ptr_array_add (labels, NULL);
  g_assert_cmpstr (ey_form_option_label ((const char * const *) values->pdata,
                                         (const char * const *) labels->pdata, "76"), ==, "IĞDIR");
  g_assert_cmpstr (ey_form_option_label ((const char * const *) values->pdata,
                                         (const char * const *) labels->pdata, "99"), ==, "99");
  g_assert_cmpstr (ey_form_option_label (NULL, NULL, "x"), ==, "x");
}

/* "Expected: Sign-in; the site showed: Sign-in" never again: a known page that
 * lacks what the profile names says so; an unknown one says the site changed. */
static void
test_mismatch_messages (void)
{
  g_autoptr(EySitePage) login = load_page ("default", "login");
  g_autoptr(EySitePage) unknown = load_page_ct (default_profile, "unexpected-portal.html", "text/html", "page");
  g_autoptr(GError) reason = g_error_new_literal (EY_SITE_PAGE_ERROR, EY_SITE_PAGE_ERROR_NO_BUTTON, "no button");
  g_autoptr(GError) known = NULL;
  g_autoptr(GError) changed = NULL;
  g_autoptr(GError) other = NULL;
  g_autoptr(GError) core = NULL;
  const char *label = ey_site_page_kind_get_label (EY_SITE_PAGE_KIND_LOGIN);
  g_autofree char *expected = g_strdup_printf ("%s or %s", label,
                                               ey_site_page_kind_get_label (EY_SITE_PAGE_KIND_ORDERS));

  known = ey_site_page_new_mismatch_error (login, expected, reason);
  g_assert_error (known, EY_CORE_ERROR, EY_CORE_ERROR_UNEXPECTED_PAGE);
  g_assert_nonnull (strstr (known->message, label));
  g_assert_nonnull (strstr (known->message, "button"));
  g_assert_null (strstr (known->message, "xpected"));

  changed = ey_site_page_new_mismatch_error (unknown, expected, NULL);
  g_assert_error (changed, EY_CORE_ERROR, EY_CORE_ERROR_UNEXPECTED_PAGE);
  g_assert_nonnull (strstr (changed->message, "changed"));
  g_assert_nonnull (strstr (changed->message, expected));

  other = ey_site_page_new_mismatch_error (login, ey_site_page_kind_get_label (EY_SITE_PAGE_KIND_FORM), NULL);
  g_assert_nonnull (strstr (other->message, ey_site_page_kind_get_label (EY_SITE_PAGE_KIND_FORM)));
  g_assert_nonnull (strstr (other->message, label));

  /* The generic one never names the same page as expected and shown. */
  core = ey_core_error_new_unexpected (expected, label);
  g_assert_null (strstr (core->message, "Expected"));
}

/* The report for IT on @html from @url (the person being Ayşe) shows each of @shown
 * and none of @hidden. */
static void
assert_report (const char         *html,
               const char         *url,
               const char * const *shown,
               const char * const *hidden)
{
  const char *personal[] = { "12345678950", "AYŞE YILMAZ", "Ab3kT9qz", NULL };
  g_autoptr(GBytes) body = g_bytes_new_static (html, strlen (html));
  g_autoptr(GError) error = NULL;
  g_autoptr(EySitePage) page = NULL;
  g_autofree char *report = NULL;

  page = ey_site_page_new (default_profile, body, "text/html; charset=UTF-8", url, &error);
  g_assert_no_error (error);
  report = ey_site_report_build (page, NULL, personal);
  for (guint i = 0; shown[i] != NULL; i++)
    if (strstr (report, shown[i]) == NULL)
      g_error ("the report lacks “%s”:\n%s", shown[i], report);
  for (guint i = 0; hidden[i] != NULL; i++)
    if (strstr (report, hidden[i]) != NULL)
      g_error ("the report shows “%s”:\n%s", hidden[i], report);
}

/* Addresses in a report for IT: the origin stays, the query and path parameters go,
 * and a path never carries the person's identity number, name or an order number. */
static void
test_report_addresses (void)
{
  static const char html[] =
    "<html><head><title>Yeni sayfa</title></head><body>"
    "<form action=\"/basvuru2/siparis/1001/onay.do;jsessionid=ab12\" method=\"post\">"
    "<input type=\"hidden\" name=\"siparisNo\" value=\"1001\">"
    "<input type=\"submit\" name=\"tamam\" value=\"Tamam\"></form>"
    "<a href=\"mailto:ayse.yilmaz@igdir.edu.tr\">Yaz</a>"
    "<a href=\"https://kullanici:Ab3kT9qz@kamusm.example/yardim.do\">Yardım</a>"
    "<a href=\"javascript:goster('AYŞE')\">Göster</a>"
    "<a href=\"/kisi/Ay%C5%9Fe%20Y%C4%B1lmaz/\">Kişi</a>"
    "<a href=\"/arsiv/98765/liste2.do\">Arşiv</a>"
    "<img src=\"resim.do?t=12345678950\">"
    "</body></html>";
  static const char * const shown[] = {
    "Page URL: https://kamusm.example:8443/basvuru2/[…]/[…]/form.do?…\n",
    "action=“/basvuru2/siparis/[…]/onay.do;…”",
    "href=“[e-mail]”",
    "href=“https://[…]@kamusm.example/yardim.do”",
    "href=“[…]”: “Göster”",
    "href=“/kisi/[…]/”",
    "src=“resim.do?…”",
    /* A number nobody named is masked still; a single digit is the site's. */
    "href=“/arsiv/#####/liste2.do”",
    NULL
  };
  static const char * const hidden[] = {
    "1001", "12345678950", "Ab3kT9qz", "kullanici", "jsessionid", NULL
  };

  assert_report (html, "https://kamusm.example:8443/basvuru2/12345678950/AY%C5%9EE/form.do"
                       "?tckn=12345678950#x", shown, hidden);
}

/* Names, ids and classes are the site's words and stay, less long numbers; nothing the
 * site sent can steer the terminal or editor IT reads the report in. */
static void
test_report_identifiers (void)
{
  static const char html[] =
    "<html><head><title>Yeni sayfa</title></head><body>"
    "<h2>Uyar&#x202E;ı</h2>"
    "<div id=\"satir_12345678950\" class=\"kisi siparis-1001 v2\">Sipariş</div>"
    "<p class=\"not ayse_yilmaz\">Not</p>"
    "<div class=\"m\">Merhaba,AYŞE! Hoş geldiniz</div>"
    "<div class=\"g\"><b>Kayıt</b>AYŞEYILMAZ <i>Kalite</i></div>"
    "<form action=\"kaydet.do\" method=\"post\" id=\"form_4471\">"
    "<label for=\"ad_98765\">Ad</label>"
    "<input type=\"text\" name=\"ad_98765\" id=\"ad_98765\">"
    "</form>"
    "<a href=\"/yardim/%1B%5D0%3Bbaslik%07/sayfa.do\">Yardım</a>"
    "</body></html>";
  static const char * const shown[] = {
    "div#[…].kisi.siparis-####.v2: “Sipariş”",
    "form action=“kaydet.do” method=post id=form_####",
    "label for=ad_#####: “Ad”",
    "input type=text name=“ad_#####” id=“ad_#####”",
    "heading h2: “Uyar\xef\xbf\xbdı”",
    "p.not.[…]: “Not”",
    "div.m: “[…] Hoş geldiniz”",
    /* The texts of adjacent elements run together. */
    "div.g: “[…] Kalite”",
    NULL
  };
  static const char * const hidden[] = {
    "12345678950", "1001", "98765", "4471", "ayse", "AYŞE", "\x1b", "\x07", "\xe2\x80\xae", NULL
  };

  assert_report (html, "https://kamusm.example/yeni.do", shown, hidden);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int ret;

  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  default_profile = ey_site_profile_new_default (&error);
  g_assert_no_error (error);
  alt_profile = ey_site_profile_new_from_resource (EY_SITE_PROFILE_ALT_RESOURCE, &error);
  g_assert_no_error (error);

  for (guint v = 0; v < 2; v++)
    {
      const char *variant = v == 0 ? "default" : "alt";
      g_autofree char *p1 = g_strdup_printf ("/page/%s/recognise", variant);
      g_autofree char *p2 = g_strdup_printf ("/page/%s/login", variant);
      g_autofree char *p3 = g_strdup_printf ("/page/%s/orders", variant);
      g_autofree char *p4 = g_strdup_printf ("/page/%s/form", variant);
      g_autofree char *p5 = g_strdup_printf ("/page/%s/sms", variant);
      g_autofree char *p6 = g_strdup_printf ("/page/%s/eonay", variant);
      g_autofree char *p7 = g_strdup_printf ("/page/%s/signing", variant);
      g_autofree char *p8 = g_strdup_printf ("/page/%s/method", variant);

      g_test_add_data_func (p1, variant, test_recognise);
      g_test_add_data_func (p2, variant, test_login);
      g_test_add_data_func (p3, variant, test_orders);
      g_test_add_data_func (p4, variant, test_form);
      g_test_add_data_func (p5, variant, test_sms);
      g_test_add_data_func (p6, variant, test_eonay);
      g_test_add_data_func (p7, variant, test_signing);
      g_test_add_data_func (p8, variant, test_method);
    }
  g_test_add_func ("/page/charsets", test_charsets);
  g_test_add_func ("/page/malformed", test_malformed);
  g_test_add_func ("/page/unexpected", test_unexpected);
  g_test_add_func ("/page/normalize", test_normalize);
  g_test_add_func ("/page/robustness", test_robustness);
  g_test_add_func ("/page/charset-edge-cases", test_charset_edge_cases);
  g_test_add_func ("/page/mismatch-messages", test_mismatch_messages);
  g_test_add_func ("/page/option-label", test_option_label);
  g_test_add_func ("/page/report/addresses", test_report_addresses);
  g_test_add_func ("/page/report/identifiers", test_report_identifiers);

  ret = g_test_run ();
  g_clear_object (&default_profile);
  g_clear_object (&alt_profile);
  return ret;
}
