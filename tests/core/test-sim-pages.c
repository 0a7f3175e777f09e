/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Keeps the site profiles honest against the simulator: walks the renewal through
 * the in-process kamusm-sim using nothing but the profile, EySitePage and EyFormData
 * (as the client does), for both variants and the three charsets, and checks that
 * every page that comes back is recognised as the page the flow expects.
 */
#include "config.h"

#include <locale.h>
#include <string.h>

#include <glib/gstdio.h>
#include <libsoup/soup.h>

#include "ey-identity-private.h"
#include "ey-site-report-private.h"
#include "ey-sim-variation.h"
#include "ey-site-page-private.h"
#include "ey-site-profile-private.h"
#include "ey-sim-server.h"
#include "ey-test-common.h"
#include "ey-form-private.h"
#include "ey-site-roles-private.h"
#include "ey-text-private.h"

typedef struct
{
  const char *variant;
  const char *charset;
  guint       variations;   /* EySimVariation: harmless rewrites of every page */
} Config;

typedef struct
{
  EySimServer   *server;
  EySiteProfile *profile;
  SoupSession   *session;
} Fixture;

static void
fixture_new_session (Fixture *f)
{
  g_clear_object (&f->session);
  f->session = soup_session_new ();
  soup_session_add_feature_by_type (f->session, SOUP_TYPE_COOKIE_JAR);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{

  const Config *config = data;
  g_autoptr(GError) error = NULL;
  EySimOptions opts;

  static const char *trust[2];
  static char *ca;

  if (ca == NULL)
    ca = g_build_filename (TEST_PKI_DIR, "ca.pem", NULL);
  trust[0] = ca;
  ey_sim_options_init (&opts);
  opts.trust_ca_files = trust;
  opts.http = TRUE;                 /* TLS is the client's business, not the parser's */
  opts.captcha_text = "ABCDE";
  opts.variant = config->variant;
  opts.charset = config->charset;
  f->server = ey_sim_server_new (&opts);
  ey_sim_server_set_variations (f->server, config->variations);
  g_assert_true (ey_sim_server_start (f->server, 0, &error));
  g_assert_no_error (error);

  if (strcmp (config->variant, "alt") == 0)
    f->profile = ey_site_profile_new_from_resource (EY_SITE_PROFILE_ALT_RESOURCE, &error);
  else
    f->profile = ey_site_profile_new_default (&error);
  g_assert_no_error (error);
  g_assert_true (ey_site_profile_set_base_url (f->profile, ey_sim_server_get_base_url (f->server),
                                               TRUE, &error));
  g_assert_no_error (error);
  fixture_new_session (f);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->session);
  ey_sim_server_stop (f->server);
  g_clear_object (&f->server);
  g_clear_object (&f->profile);
}

/* Every personal value the run has seen: input values, cookies, codes.
 * Each page's report for IT is checked against all of them. */
static GPtrArray *run_values;

static void
remember (const char *value)
{
  g_autofree char *normal = ey_text_normalize (value);

  if (g_utf8_strlen (normal, -1) >= 3 &&
      !g_ptr_array_find_with_equal_func (run_values, normal, g_str_equal, NULL))
    g_ptr_array_add (run_values, g_steal_pointer (&normal));
}

/* The report less what does not come from the page's content: the clock
 * ("Written:"), the profile's file ("Profile:"), the charset's name ("windows-1254")
 * and the site's origin, here the sim's port, which the kernel picks and which may
 * hold an order number ("41001"). */
static char *
report_from_page (const char *report,
                  const char *page_url)
{
  g_autoptr(GUri) uri = g_uri_parse (page_url, G_URI_FLAGS_NONE, NULL);
  g_autofree char *origin = NULL;
  g_auto(GStrv) lines = g_strsplit (report, "\n", -1);
  GString *out = g_string_new (NULL);

  g_assert_nonnull (uri);
  origin = g_strdup_printf ("%s://%s:%d", g_uri_get_scheme (uri), g_uri_get_host (uri),
                            g_uri_get_port (uri));
  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *text = lines[i];

      if (g_str_has_prefix (text, "Written: ") || g_str_has_prefix (text, "Profile: ") ||
          g_str_has_prefix (text, "Charset: "))
        continue;
      if (g_str_has_prefix (text, "Page URL: "))
        {
          g_assert_true (g_str_has_prefix (text + strlen ("Page URL: "), origin));
          text += strlen ("Page URL: ") + strlen (origin);
        }
      g_string_append_printf (out, "%s\n", text);
    }
  return g_string_free (out, FALSE);
}

static void
check_report (Fixture *f,
              EySitePage  *page)
{
  g_autofree char *report = NULL;
  g_autofree char *page_part = NULL;
  g_autofree char *folded = NULL;
  GSList *cookies;
  SoupCookieJar *jar = SOUP_COOKIE_JAR (soup_session_get_feature (f->session, SOUP_TYPE_COOKIE_JAR));

  if (run_values == NULL)
    {
      run_values = g_ptr_array_new_with_free_func (g_free);
      /* What the tests type, and the sim's applicant as the site shows her. */
      remember ("12345678950");
      remember ("Ab3kT9qz");
      remember ("AYŞE");
      remember ("YILMAZ");
      remember ("ayse.yilmaz@igdir.edu.tr");
    }

  for (guint i = 0; i < (ey_site_page_get_form (page) ? 1u : 0u); i++)
    for (guint c = 0; c < ey_form_get_n_controls (ey_site_page_get_form (page)); c++)
      {
        const EyFormControl *control = ey_form_get_control (ey_site_page_get_form (page), c);

        if (control->type == EY_FORM_CONTROL_TEXT || control->type == EY_FORM_CONTROL_HIDDEN ||
            control->type == EY_FORM_CONTROL_PASSWORD || control->type == EY_FORM_CONTROL_TEXTAREA)
          remember (control->value);
      }
  cookies = soup_cookie_jar_all_cookies (jar);
  for (GSList *l = cookies; l != NULL; l = l->next)
    remember (soup_cookie_get_value (l->data));
  g_slist_free_full (cookies, (GDestroyNotify) soup_cookie_free);
  if (ey_site_page_get_verification_code (page) != NULL)
    remember (ey_site_page_get_verification_code (page));
  if (ey_site_page_get_masked_phone (page) != NULL)
    remember (ey_site_page_get_masked_phone (page));

  g_ptr_array_add (run_values, NULL);
  report = ey_site_report_build (page, "test", (const char * const *) run_values->pdata);
  if (g_getenv ("EY_TEST_SHOW_REPORT") != NULL)
    g_printerr ("%s\n", report);
  g_ptr_array_remove_index (run_values, run_values->len - 1);
  page_part = report_from_page (report, ey_site_page_get_url (page));
  folded = ey_text_fold (page_part);
  for (guint i = 0; i < run_values->len; i++)
    {
      g_autofree char *value = ey_text_fold (g_ptr_array_index (run_values, i));

      if (strstr (folded, value) != NULL)
        g_error ("the report shows the personal value “%s”:\n%s", value, report);
    }
  /* No identity number, phone or code, whatever the page: no long digit runs. */
  for (const char *p = page_part; *p; p++)
    if (g_ascii_isdigit (p[0]) && g_ascii_isdigit (p[1]) && g_ascii_isdigit (p[2]))
      g_error ("the report shows the digits “%.12s”:\n%s", p, report);
}

/* Sends @msg, follows the site's redirects, and reads what came as a page. */
static EySitePage *
fetch (Fixture     *f,
       SoupMessage *msg)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  EySitePage *page;

  soup_session_send_and_read_async (f->session, msg, G_PRIORITY_DEFAULT, NULL,
                                    ey_test_store_result_cb, &result);
  ey_test_wait_result (&result, 30);
  body = soup_session_send_and_read_finish (f->session, result, &error);
  g_assert_no_error (error);

  url = g_uri_to_string (soup_message_get_uri (msg));
  page = ey_site_page_new (f->profile, body,
                      soup_message_headers_get_one (soup_message_get_response_headers (msg),
                                                    "Content-Type"),
                      url, &error);
  g_assert_no_error (error);
  check_report (f, page);
  return page;
}

static EySitePage *
get (Fixture    *f,
     const char *url)
{
  g_autoptr(SoupMessage) msg = soup_message_new ("GET", url);

  return fetch (f, msg);
}

static EySitePage *
get_action (Fixture      *f,
            EySiteAction  action)
{
  g_autofree char *url = ey_site_profile_get_action_url (f->profile, action, NULL);

  return get (f, url);
}

static EySitePage *
submit (Fixture    *f,
        EyFormData *data)
{
  g_autoptr(SoupMessage) msg = soup_message_new (ey_form_data_get_method (data),
                                                 ey_form_data_get_url (data));
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *content_type = g_strdup_printf ("%s; charset=%s",
                                                   ey_form_data_get_content_type (data),
                                                   ey_form_data_get_charset (data));

  /* The body goes in the page's charset, as a browser sends it. */
  body = ey_form_data_encode (data, &error);
  g_assert_no_error (error);
  soup_message_set_request_body_from_bytes (msg, content_type, body);
  return fetch (f, msg);
}

static void
expect (EySitePage     *page,
        EySitePageKind  kind)
{
  g_autoptr(GError) error = NULL;

  if (!ey_site_page_expect (page, kind, &error))
    {
      g_autofree char *text = ey_site_page_get_text (page);

      g_test_message ("%s", text);
      g_assert_no_error (error);
    }
}

static EySitePage *
login (Fixture    *f,
       const char *identity,
       const char *password,
       const char *captcha)
{
  g_autoptr(EySitePage) page = get_action (f, EY_SITE_ACTION_LOGIN);
  g_autoptr(EyFormData) data = NULL;
  g_autoptr(GError) error = NULL;

  expect (page, EY_SITE_PAGE_KIND_LOGIN);
  data = ey_site_page_new_submission (page, EY_BUTTON_ROLE_SUBMIT, &error);
  g_assert_no_error (error);
  g_assert_true (ey_form_data_set_field (data, EY_FIELD_ROLE_CAPTCHA, captcha, &error));
  g_assert_true (ey_form_data_set_field (data, EY_FIELD_ROLE_IDENTITY, identity, &error));
  g_assert_true (ey_form_data_set_field (data, EY_FIELD_ROLE_PASSWORD, password, &error));
  g_assert_no_error (error);
  return submit (f, data);
}

static EySitePage *
press (Fixture      *f,
       EySitePage       *page,
       EyButtonRole  button)
{
  g_autoptr(EyFormData) data = NULL;
  g_autoptr(GError) error = NULL;

  data = ey_site_page_new_submission (page, button, &error);
  g_assert_no_error (error);
  return submit (f, data);
}

/* From sign-in to the SMS code page; returns the E-Onay choice page. */
static EySitePage *
to_eonay_choice (Fixture    *f,
                 const char *identity,
                 const char *password,
                 gboolean    check_errors)
{
  g_autoptr(EySitePage) orders = login (f, identity, password, "ABCDE");
  g_autoptr(EySitePage) form = NULL;
  g_autoptr(EySitePage) sms = NULL;
  g_autoptr(EySitePage) code_page = NULL;
  g_autoptr(EyFormData) data = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *code = NULL;
  const EyOrder *order;

  expect (orders, EY_SITE_PAGE_KIND_ORDERS);
  g_assert_cmpuint (ey_site_page_get_orders (orders)->len, >=, 1);
  order = g_ptr_array_index (ey_site_page_get_orders (orders), 0);
  g_assert_cmpint (order->kind, !=, EY_ORDER_KIND_UNKNOWN);
  g_assert_nonnull (order->url);
  form = get (f, order->url);
  expect (form, EY_SITE_PAGE_KIND_FORM);
  g_assert_true (ey_site_page_lookup_field (form, EY_FIELD_ROLE_IDENTITY)->readonly);
  g_assert_cmpstr (ey_site_page_get_field_value (form, EY_FIELD_ROLE_IDENTITY), ==, identity);

  if (check_errors)
    {
      g_autoptr(EySitePage) again = NULL;

      data = ey_site_page_new_submission (form, EY_BUTTON_ROLE_SUBMIT, &error);
      g_assert_true (ey_form_data_set_field (data, EY_FIELD_ROLE_PHONE, "0312 123 45 67", &error));
      g_assert_true (ey_form_data_set_field (data, EY_FIELD_ROLE_SECURITY_WORD, "kısa", &error));
      g_assert_true (ey_form_data_set_field (data, EY_FIELD_ROLE_SECURITY_WORD_AGAIN, "kısa", &error));
      g_assert_no_error (error);
      again = submit (f, data);
      expect (again, EY_SITE_PAGE_KIND_FORM);
      g_assert_nonnull (ey_site_page_get_field_error (again, EY_FIELD_ROLE_PHONE));
      g_assert_nonnull (ey_site_page_get_field_error (again, EY_FIELD_ROLE_SECURITY_WORD));
      g_clear_pointer (&data, ey_form_data_unref);
      g_clear_object (&form);
      form = g_steal_pointer (&again);
    }

  data = ey_site_page_new_submission (form, EY_BUTTON_ROLE_SUBMIT, &error);
  g_assert_no_error (error);
  g_assert_true (ey_form_data_set_field (data, EY_FIELD_ROLE_PHONE, "0505 123 45 69", &error));
  g_assert_true (ey_form_data_set_field (data, EY_FIELD_ROLE_EMAIL, "ayse.yilmaz@igdir.edu.tr", &error));
  g_assert_true (ey_form_data_set_field (data, EY_FIELD_ROLE_ADDRESS,
                                         "Şehit Bülent Yurtseven Kampüsü, Iğdır", &error));
  g_assert_true (ey_form_data_set_field (data, EY_FIELD_ROLE_CITY, "IĞDIR", &error));
  g_assert_true (ey_form_data_set_field (data, EY_FIELD_ROLE_DISTRICT, "Merkez", &error));
  g_assert_true (ey_form_data_set_field (data, EY_FIELD_ROLE_POSTCODE, "76000", &error));
  g_assert_true (ey_form_data_set_field (data, EY_FIELD_ROLE_SECURITY_WORD, "çığırtkan", &error));
  g_assert_true (ey_form_data_set_field (data, EY_FIELD_ROLE_SECURITY_WORD_AGAIN, "çığırtkan",
                                         &error));
  g_assert_no_error (error);
  sms = submit (f, data);
  expect (sms, EY_SITE_PAGE_KIND_SMS_SEND);
  g_assert_nonnull (ey_site_page_get_masked_phone (sms));
  g_assert_true (ey_phone_matches_mask ("5051234569", ey_site_page_get_masked_phone (sms)));
  {
    g_autofree char *back = ey_site_page_get_link_url (sms, EY_LINK_ROLE_BACK_TO_FORM, &error);

    g_assert_no_error (error);
    g_assert_nonnull (back);
  }

  code_page = press (f, sms, EY_BUTTON_ROLE_SUBMIT);
  expect (code_page, EY_SITE_PAGE_KIND_SMS_CODE);
  g_assert_cmpint (ey_site_page_get_timer_seconds (code_page), >, 200);

  if (check_errors)
    {
      g_autoptr(EySitePage) wrong = NULL;

      g_clear_pointer (&data, ey_form_data_unref);
      data = ey_site_page_new_submission (code_page, EY_BUTTON_ROLE_SUBMIT, &error);
      g_assert_true (ey_form_data_set_field (data, EY_FIELD_ROLE_SMS_CODE, "000000", &error));
      wrong = submit (f, data);
      expect (wrong, EY_SITE_PAGE_KIND_SMS_CODE);
      g_assert_true (ey_site_page_has_marker (wrong, EY_SITE_PAGE_MARKER_SMS_WRONG));
      g_clear_object (&code_page);
      code_page = g_steal_pointer (&wrong);

      /* The right code, too late: expired; a new one is sent. */
      {
        g_autoptr(EySitePage) late = NULL;
        g_autoptr(EySitePage) resent = NULL;
        g_autofree char *old_code = ey_sim_server_get_last_sms_code (f->server, identity);

        g_assert_true (ey_sim_server_expire (f->server, "sms"));
        g_clear_pointer (&data, ey_form_data_unref);
        data = ey_site_page_new_submission (code_page, EY_BUTTON_ROLE_SUBMIT, &error);
        g_assert_true (ey_form_data_set_field (data, EY_FIELD_ROLE_SMS_CODE, old_code, &error));
        late = submit (f, data);
        expect (late, EY_SITE_PAGE_KIND_SMS_CODE);
        g_assert_true (ey_site_page_has_marker (late, EY_SITE_PAGE_MARKER_SMS_EXPIRED));
        g_assert_false (ey_site_page_has_marker (late, EY_SITE_PAGE_MARKER_SMS_WRONG));
        resent = press (f, late, EY_BUTTON_ROLE_RESEND);
        expect (resent, EY_SITE_PAGE_KIND_SMS_CODE);
        g_assert_cmpint (ey_site_page_get_timer_seconds (resent), >, 200);
        g_clear_object (&code_page);
        code_page = g_steal_pointer (&resent);
      }
    }

  code = ey_sim_server_get_last_sms_code (f->server, identity);
  g_assert_nonnull (code);
  g_clear_pointer (&data, ey_form_data_unref);
  data = ey_site_page_new_submission (code_page, EY_BUTTON_ROLE_SUBMIT, &error);
  g_assert_true (ey_form_data_set_field (data, EY_FIELD_ROLE_SMS_CODE, code, &error));
  g_assert_no_error (error);
  return submit (f, data);
}

/* A non-page request (the signing calls): the raw answer. */
static GBytes *
post_raw (Fixture    *f,
          EyFormData *data)
{
  g_autoptr(SoupMessage) msg = soup_message_new ("POST", ey_form_data_get_url (data));
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GBytes *answer;

  body = ey_form_data_encode (data, &error);
  g_assert_no_error (error);
  soup_message_set_request_body_from_bytes (msg, ey_form_data_get_content_type (data), body);
  soup_session_send_and_read_async (f->session, msg, G_PRIORITY_DEFAULT, NULL,
                                    ey_test_store_result_cb, &result);
  ey_test_wait_result (&result, 30);
  answer = soup_session_send_and_read_finish (f->session, result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (msg), ==, SOUP_STATUS_OK);
  return answer;
}

/* CMS SignedData (CAdES-BES) with a test PKI certificate, by openssl: the
 * signer is not this test's business, the profile's request names are. */
static GBytes *
openssl_sign (GBytes     *data,
              const char *cert_name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("ey-sim-pages-XXXXXX", &error);
  g_autofree char *in = g_build_filename (dir, "in", NULL);
  g_autofree char *out = g_build_filename (dir, "out.der", NULL);
  g_autofree char *cert = g_strdup_printf ("%s/%s.pem", TEST_PKI_DIR, cert_name);
  g_autofree char *key = g_strdup_printf ("%s/%s.key", TEST_PKI_DIR, cert_name);
  g_autofree char *der = NULL;
  const char *argv[] = { "openssl", "cms", "-sign", "-binary", "-nodetach", "-md", "sha256",
                         "-outform", "DER", "-signer", cert, "-inkey", key, "-in", in,
                         "-out", out, "-cades", NULL };
  gsize len = 0;
  int status = 0;

  g_assert_no_error (error);
  g_assert_true (g_file_set_contents (in, g_bytes_get_data (data, NULL), g_bytes_get_size (data),
                                      &error));
  g_assert_true (g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_SEARCH_PATH |
                               G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, NULL, NULL, &status,
                               &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, &error));
  g_assert_true (g_file_get_contents (out, &der, &len, &error));
  g_assert_no_error (error);
  g_unlink (in);
  g_unlink (out);
  g_rmdir (dir);
  return g_bytes_new_take (g_steal_pointer (&der), len);
}

/* sign_data then sign_upload with the page's verification code; the outcome
 * as the profile reads the site's answer. */
static EySignOutcome
sign_page (Fixture    *f,
           EySitePage     *page,
           const char *cert_name)
{
  g_autoptr(EyFormData) ask = NULL;
  g_autoptr(EyFormData) upload = NULL;
  g_autoptr(GBytes) to_sign = NULL;
  g_autoptr(GBytes) der = NULL;
  g_autoptr(GBytes) reply = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *b64 = NULL;
  g_autofree char *code = NULL;
  g_autofree char *message = NULL;
  const char *verification = ey_site_page_get_verification_code (page);
  EySignOutcome outcome;

  g_assert_nonnull (verification);
  ask = ey_site_profile_new_request (f->profile, EY_SITE_ACTION_SIGN_DATA, &error);
  g_assert_no_error (error);
  g_assert_true (ey_form_data_set_field (ask, EY_FIELD_ROLE_VERIFICATION_CODE, verification,
                                         &error));
  to_sign = post_raw (f, ask);
  g_assert_nonnull (g_strstr_len (g_bytes_get_data (to_sign, NULL), g_bytes_get_size (to_sign),
                                  verification));

  der = openssl_sign (to_sign, cert_name);
  b64 = g_base64_encode (g_bytes_get_data (der, NULL), g_bytes_get_size (der));
  upload = ey_site_profile_new_request (f->profile, EY_SITE_ACTION_SIGN_UPLOAD, &error);
  g_assert_true (ey_form_data_set_field (upload, EY_FIELD_ROLE_VERIFICATION_CODE, verification,
                                         &error));
  g_assert_true (ey_form_data_set_field (upload, EY_FIELD_ROLE_SIGNATURE, b64, &error));
  g_assert_no_error (error);
  reply = post_raw (f, upload);
  outcome = ey_site_profile_read_sign_reply (f->profile, reply, &code, &message, &error);
  g_assert_no_error (error);
  g_test_message ("sign with %s: %s %s", cert_name,
                  ey_site_role_to_string (EY_TYPE_SIGN_OUTCOME, outcome), code ? code : "");
  return outcome;
}

static void
test_to_result (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(EySitePage) choice = to_eonay_choice (f, "12345678950", "Ab3kT9qz", FALSE);
  g_autoptr(EySitePage) consent = NULL;
  g_autoptr(EySitePage) sign = NULL;
  g_autoptr(EySitePage) method = NULL;
  g_autoptr(EySitePage) result = NULL;
  g_autoptr(EyFormData) sub = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *next = NULL;

  sub = ey_site_page_new_submission (choice, EY_BUTTON_ROLE_SUBMIT, &error);
  g_assert_true (ey_form_data_choose (sub, EY_CHOICE_ROLE_EONAY_YES, &error));
  consent = submit (f, sub);
  expect (consent, EY_SITE_PAGE_KIND_CONSENT);
  g_clear_pointer (&sub, ey_form_data_unref);
  sub = ey_site_page_new_submission (consent, EY_BUTTON_ROLE_SUBMIT, &error);
  g_assert_true (ey_form_data_choose (sub, EY_CHOICE_ROLE_CONSENT, &error));
  g_assert_no_error (error);
  sign = submit (f, sub);
  expect (sign, EY_SITE_PAGE_KIND_EONAY_SIGN);

  /* Somebody else's card: refused, named by the profile's code table. */
  g_assert_cmpint (sign_page (f, sign, "zeynep-rsa"), ==, EY_SIGN_OUTCOME_IDENTITY_MISMATCH);
  g_assert_cmpint (sign_page (f, sign, "ayse-rsa"), ==, EY_SIGN_OUTCOME_ACCEPTED);

  next = ey_site_page_get_link_url (sign, EY_LINK_ROLE_CONTINUE, &error);
  g_assert_no_error (error);
  method = get (f, next);
  expect (method, EY_SITE_PAGE_KIND_METHOD);
  g_assert_true (ey_site_page_has_button (method, EY_BUTTON_ROLE_METHOD_EONAYLI));
  result = press (f, method, EY_BUTTON_ROLE_METHOD_EONAYLI);
  expect (result, EY_SITE_PAGE_KIND_RESULT);
  g_assert_true (ey_site_page_has_marker (result, EY_SITE_PAGE_MARKER_EONAY_DONE));
  g_assert_false (ey_site_page_has_marker (result, EY_SITE_PAGE_MARKER_EIMZA_DONE));
  g_assert_nonnull (ey_site_page_get_success_text (result));
  g_assert_cmpuint (ey_sim_server_count_events (f->server, "application-submitted", "method",
                                                "eonayli"), ==, 1);
}

static void
test_eimzali_result (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(EySitePage) choice = to_eonay_choice (f, "12345678950", "Ab3kT9qz", FALSE);
  g_autoptr(EySitePage) method = NULL;
  g_autoptr(EySitePage) eimzali = NULL;
  g_autoptr(EySitePage) result = NULL;
  g_autoptr(EyFormData) sub = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *next = NULL;

  sub = ey_site_page_new_submission (choice, EY_BUTTON_ROLE_SUBMIT, &error);
  g_assert_true (ey_form_data_choose (sub, EY_CHOICE_ROLE_EONAY_NO, &error));
  method = submit (f, sub);
  expect (method, EY_SITE_PAGE_KIND_METHOD);
  eimzali = press (f, method, EY_BUTTON_ROLE_METHOD_EIMZALI);
  expect (eimzali, EY_SITE_PAGE_KIND_EIMZALI_SIGN);
  g_assert_cmpint (sign_page (f, eimzali, "ayse-rsa"), ==, EY_SIGN_OUTCOME_ACCEPTED);
  next = ey_site_page_get_link_url (eimzali, EY_LINK_ROLE_CONTINUE, &error);
  g_assert_no_error (error);
  result = get (f, next);
  expect (result, EY_SITE_PAGE_KIND_RESULT);
  g_assert_true (ey_site_page_has_marker (result, EY_SITE_PAGE_MARKER_EIMZA_DONE));
  g_assert_false (ey_site_page_has_marker (result, EY_SITE_PAGE_MARKER_EONAY_DONE));
}

static void
test_sign_in (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(EySitePage) wrong_captcha = login (f, "12345678950", "Ab3kT9qz", "ZZZZZ");
  g_autoptr(EySitePage) wrong_password = login (f, "12345678950", "yanlis", "ABCDE");
  g_autoptr(EySitePage) login_page = get_action (f, EY_SITE_ACTION_LOGIN);
  g_autoptr(EySitePage) forgot = NULL;
  g_autoptr(EySitePage) forgot_done = NULL;
  g_autoptr(EySitePage) none = NULL;
  g_autoptr(EySitePage) two = NULL;
  g_autoptr(EyFormData) sub = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *forgot_url = NULL;
  g_autofree char *captcha = NULL;
  GPtrArray *orders;

  expect (wrong_captcha, EY_SITE_PAGE_KIND_LOGIN);
  g_assert_true (ey_site_page_has_marker (wrong_captcha, EY_SITE_PAGE_MARKER_CAPTCHA_WRONG));
  g_assert_false (ey_site_page_has_marker (wrong_captcha, EY_SITE_PAGE_MARKER_CREDENTIALS_WRONG));
  expect (wrong_password, EY_SITE_PAGE_KIND_LOGIN);
  g_assert_true (ey_site_page_has_marker (wrong_password, EY_SITE_PAGE_MARKER_CREDENTIALS_WRONG));

  captcha = ey_site_page_get_captcha_url (login_page);
  g_assert_nonnull (captcha);
  g_assert_true (g_str_has_prefix (captcha, ey_site_profile_get_base_url (f->profile)));

  forgot_url = ey_site_page_get_link_url (login_page, EY_LINK_ROLE_FORGOT, &error);
  g_assert_no_error (error);
  forgot = get (f, forgot_url);
  expect (forgot, EY_SITE_PAGE_KIND_FORGOT);
  sub = ey_site_page_new_submission (forgot, EY_BUTTON_ROLE_SUBMIT, &error);
  g_assert_no_error (error);
  g_assert_true (ey_form_data_set_field (sub, EY_FIELD_ROLE_IDENTITY, "12345678950", &error));
  g_assert_true (ey_form_data_set_field (sub, EY_FIELD_ROLE_CAPTCHA, "ABCDE", &error));
  forgot_done = submit (f, sub);
  g_assert_true (ey_site_page_get_kind (forgot_done) == EY_SITE_PAGE_KIND_FORGOT ||
                 ey_site_page_get_kind (forgot_done) == EY_SITE_PAGE_KIND_LOGIN);
  g_assert_true (ey_site_page_has_marker (forgot_done, EY_SITE_PAGE_MARKER_PASSWORD_RESENT));

  none = login (f, "23456789138", "Mz7pQ2wx", "ABCDE");
  expect (none, EY_SITE_PAGE_KIND_ORDERS);
  g_assert_true (ey_site_page_has_marker (none, EY_SITE_PAGE_MARKER_NO_ORDER));
  g_assert_cmpuint (ey_site_page_get_orders (none)->len, ==, 0);

  fixture_new_session (f);
  two = login (f, "45678912316", "Al5vB6nm", "ABCDE");
  expect (two, EY_SITE_PAGE_KIND_ORDERS);
  orders = ey_site_page_get_orders (two);
  g_assert_cmpuint (orders->len, ==, 2);
  for (guint i = 0; i < orders->len; i++)
    {
      const EyOrder *o = g_ptr_array_index (orders, i);

      g_assert_nonnull (o->date);
      g_assert_nonnull (o->institution);
      g_assert_nonnull (o->url);
      g_assert_cmpint (o->kind, !=, EY_ORDER_KIND_UNKNOWN);
    }
}

static void
test_eonay_path (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(EySitePage) choice = to_eonay_choice (f, "12345678950", "Ab3kT9qz", TRUE);
  g_autoptr(EySitePage) no_choice = NULL;
  g_autoptr(EySitePage) consent = NULL;
  g_autoptr(EySitePage) no_consent = NULL;
  g_autoptr(EySitePage) sign = NULL;
  g_autoptr(EySitePage) expired = NULL;
  g_autoptr(EySitePage) renewed = NULL;
  g_autoptr(EyFormData) sub = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *code = NULL;
  g_autofree char *next = NULL;

  expect (choice, EY_SITE_PAGE_KIND_EONAY_CHOICE);
  g_assert_true (ey_site_page_has_choice (choice, EY_CHOICE_ROLE_EONAY_YES));
  no_choice = press (f, choice, EY_BUTTON_ROLE_SUBMIT);
  expect (no_choice, EY_SITE_PAGE_KIND_EONAY_CHOICE);
  g_assert_true (ey_site_page_has_marker (no_choice, EY_SITE_PAGE_MARKER_CHOICE_REQUIRED));

  sub = ey_site_page_new_submission (no_choice, EY_BUTTON_ROLE_SUBMIT, &error);
  g_assert_true (ey_form_data_choose (sub, EY_CHOICE_ROLE_EONAY_YES, &error));
  g_assert_no_error (error);
  consent = submit (f, sub);
  expect (consent, EY_SITE_PAGE_KIND_CONSENT);

  no_consent = press (f, consent, EY_BUTTON_ROLE_SUBMIT);
  expect (no_consent, EY_SITE_PAGE_KIND_CONSENT);
  g_assert_true (ey_site_page_has_marker (no_consent, EY_SITE_PAGE_MARKER_CONSENT_REQUIRED));

  g_clear_pointer (&sub, ey_form_data_unref);
  sub = ey_site_page_new_submission (no_consent, EY_BUTTON_ROLE_SUBMIT, &error);
  g_assert_true (ey_form_data_choose (sub, EY_CHOICE_ROLE_CONSENT, &error));
  g_assert_no_error (error);
  sign = submit (f, sub);
  expect (sign, EY_SITE_PAGE_KIND_EONAY_SIGN);
  code = ey_sim_server_get_verification_code (f->server, "12345678950");
  g_assert_cmpstr (ey_site_page_get_verification_code (sign), ==, code);
  g_assert_cmpuint (strlen (code), ==, 15);
  g_assert_cmpint (ey_site_page_get_timer_seconds (sign), >, 200);
  next = ey_site_page_get_link_url (sign, EY_LINK_ROLE_CONTINUE, &error);
  g_assert_no_error (error);

  /* The verification code runs out: the page says so and offers a new one. */
  g_assert_true (ey_sim_server_expire (f->server, "code"));
  expired = get_action (f, EY_SITE_ACTION_EONAY_SIGN);
  expect (expired, EY_SITE_PAGE_KIND_EONAY_SIGN);
  g_assert_true (ey_site_page_has_marker (expired, EY_SITE_PAGE_MARKER_CODE_EXPIRED));
  g_assert_null (ey_site_page_get_verification_code (expired));
  renewed = press (f, expired, EY_BUTTON_ROLE_RENEW_CODE);
  expect (renewed, EY_SITE_PAGE_KIND_EONAY_SIGN);
  g_assert_nonnull (ey_site_page_get_verification_code (renewed));
  g_assert_cmpstr (ey_site_page_get_verification_code (renewed), !=, code);
}

static void
test_other_paths (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(EySitePage) choice = to_eonay_choice (f, "12345678950", "Ab3kT9qz", FALSE);
  g_autoptr(EySitePage) method = NULL;
  g_autoptr(EySitePage) eimzali = NULL;
  g_autoptr(EySitePage) choice2 = NULL;
  g_autoptr(EySitePage) method2 = NULL;
  g_autoptr(EySitePage) wet = NULL;
  g_autoptr(EyFormData) sub = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *pdf = NULL;

  expect (choice, EY_SITE_PAGE_KIND_EONAY_CHOICE);
  sub = ey_site_page_new_submission (choice, EY_BUTTON_ROLE_SUBMIT, &error);
  g_assert_true (ey_form_data_choose (sub, EY_CHOICE_ROLE_EONAY_NO, &error));
  method = submit (f, sub);
  expect (method, EY_SITE_PAGE_KIND_METHOD);
  g_assert_false (ey_site_page_has_button (method, EY_BUTTON_ROLE_METHOD_EONAYLI));
  g_assert_true (ey_site_page_has_button (method, EY_BUTTON_ROLE_METHOD_EIMZALI));
  g_assert_true (ey_site_page_has_button (method, EY_BUTTON_ROLE_METHOD_ISLAK));
  eimzali = press (f, method, EY_BUTTON_ROLE_METHOD_EIMZALI);
  expect (eimzali, EY_SITE_PAGE_KIND_EIMZALI_SIGN);
  g_assert_nonnull (ey_site_page_get_verification_code (eimzali));
  g_assert_cmpint (ey_site_page_get_timer_seconds (eimzali), >, 200);

  /* Fatma's certificate expired: only the wet signature is left. */
  fixture_new_session (f);
  choice2 = to_eonay_choice (f, "34567891238", "Fq4nR8ty", FALSE);
  expect (choice2, EY_SITE_PAGE_KIND_EONAY_CHOICE);
  g_clear_pointer (&sub, ey_form_data_unref);
  sub = ey_site_page_new_submission (choice2, EY_BUTTON_ROLE_SUBMIT, &error);
  g_assert_true (ey_form_data_choose (sub, EY_CHOICE_ROLE_EONAY_NO, &error));
  method2 = submit (f, sub);
  expect (method2, EY_SITE_PAGE_KIND_METHOD);
  g_assert_false (ey_site_page_has_button (method2, EY_BUTTON_ROLE_METHOD_EIMZALI));
  wet = press (f, method2, EY_BUTTON_ROLE_METHOD_ISLAK);
  expect (wet, EY_SITE_PAGE_KIND_WET);
  pdf = ey_site_page_get_link_url (wet, EY_LINK_ROLE_PDF, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (pdf, ey_site_profile_get_base_url (f->profile)));
}

static void
test_resubmitted (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(EySitePage) login_page = get_action (f, EY_SITE_ACTION_LOGIN);
  g_autoptr(EyFormData) sub = NULL;
  g_autoptr(EySitePage) first = NULL;
  g_autoptr(EySitePage) again = NULL;
  g_autoptr(GError) error = NULL;

  sub = ey_site_page_new_submission (login_page, EY_BUTTON_ROLE_SUBMIT, &error);
  g_assert_true (ey_form_data_set_field (sub, EY_FIELD_ROLE_CAPTCHA, "ABCDE", &error));
  g_assert_true (ey_form_data_set_field (sub, EY_FIELD_ROLE_IDENTITY, "45678912316", &error));
  g_assert_true (ey_form_data_set_field (sub, EY_FIELD_ROLE_PASSWORD, "Al5vB6nm", &error));
  g_assert_no_error (error);
  first = submit (f, sub);
  expect (first, EY_SITE_PAGE_KIND_ORDERS);
  g_assert_false (ey_site_page_has_marker (first, EY_SITE_PAGE_MARKER_FORM_RESUBMITTED));
  /* The same one-time form token again: refused, the current page shown. */
  again = submit (f, sub);
  g_test_message ("%s: %s", ey_site_page_kind_to_string (ey_site_page_get_kind (again)),
                  ey_site_page_get_message (again));
  g_assert_true (ey_site_page_has_marker (again, EY_SITE_PAGE_MARKER_FORM_RESUBMITTED));
}

static void
test_faults (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(EySitePage) orders = login (f, "45678912316", "Al5vB6nm", "ABCDE");
  g_autoptr(EySitePage) unexpected = NULL;
  g_autoptr(EySitePage) error500 = NULL;
  g_autoptr(EySitePage) expired = NULL;
  g_autoptr(GError) error = NULL;

  expect (orders, EY_SITE_PAGE_KIND_ORDERS);

  ey_sim_server_set_fault (f->server, EY_SIM_FAULT_UNEXPECTED_PAGE, NULL, 1);
  unexpected = get_action (f, EY_SITE_ACTION_ORDERS);
  g_assert_cmpint (ey_site_page_get_kind (unexpected), ==, EY_SITE_PAGE_KIND_UNKNOWN);
  g_assert_false (ey_site_page_expect (unexpected, EY_SITE_PAGE_KIND_ORDERS, &error));
  g_assert_error (error, EY_SITE_PAGE_ERROR, EY_SITE_PAGE_ERROR_UNEXPECTED);
  g_test_message ("%s", error->message);
  g_clear_error (&error);

  ey_sim_server_set_fault (f->server, EY_SIM_FAULT_HTTP500, NULL, 1);
  error500 = get_action (f, EY_SITE_ACTION_ORDERS);
  g_assert_cmpint (ey_site_page_get_kind (error500), ==, EY_SITE_PAGE_KIND_UNKNOWN);

  ey_sim_server_set_fault (f->server, EY_SIM_FAULT_EXPIRE_SESSION, NULL, 1);
  expired = get_action (f, EY_SITE_ACTION_ORDERS);
  expect (expired, EY_SITE_PAGE_KIND_LOGIN);
  g_assert_true (ey_site_page_has_marker (expired, EY_SITE_PAGE_MARKER_SESSION_EXPIRED));
}

static const Config configs[] = {
  { "default", "utf-8" },
  { "default", "windows-1254" },
  { "default", "iso-8859-9" },
  { "alt", "utf-8" },
  { "alt", "iso-8859-9" },
  /* The same site written differently: every page, every path, still read right. */
  { "alt", "utf-8", EY_SIM_VARIATION_ALL },
  { "default", "windows-1254", EY_SIM_VARIATION_UPPER | EY_SIM_VARIATION_NBSP | EY_SIM_VARIATION_NOISE },
  { "alt", "iso-8859-9", EY_SIM_VARIATION_ASCII_FOLD | EY_SIM_VARIATION_WRAP | EY_SIM_VARIATION_EXTRA_FORMS },
};

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (configs); i++)
    {
      static const struct { const char *name; void (*func) (Fixture *, gconstpointer); } tests[] = {
        { "sign-in", test_sign_in },
        { "eonay-path", test_eonay_path },
        { "other-paths", test_other_paths },
        { "faults", test_faults },
        { "resubmitted", test_resubmitted },
        { "to-result", test_to_result },
        { "eimzali-result", test_eimzali_result },
      };

      for (guint t = 0; t < G_N_ELEMENTS (tests); t++)
        {
          g_autofree char *path = g_strdup_printf ("/sim-pages/%s/%s%s/%s", configs[i].variant,
                                                   configs[i].charset,
                                                   configs[i].variations ? "-varied" : "",
                                                   tests[t].name);

          g_test_add (path, Fixture, &configs[i], fixture_set_up, tests[t].func,
                      fixture_tear_down);
        }
    }
  return g_test_run ();
}
