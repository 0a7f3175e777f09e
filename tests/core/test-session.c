/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The session and the site client end to end against the in-process
 * simulator over HTTPS: both paths, then every error the site names. */
#define G_LOG_DOMAIN "test-session"

#include "config.h"

#include <string.h>
#include <glib/gstdio.h>
#include <libsoup/soup.h>

#include "ey-core-error-private.h"
#include "ey-site-page.h"
#include "ey-recovery.h"
#include "ey-site-client-private.h"
#include "ey-site-profile-private.h"
#include "test-helpers.h"
#include "ey-sim-variation.h"
#include "ey-site-roles-private.h"

#define AYSE     "12345678950"
#define AYSE_PW  "Ab3kT9qz"
#define MEHMET   "23456789138"
#define MEHMET_PW "Mz7pQ2wx"
#define FATMA    "34567891238"
#define FATMA_PW "Fq4nR8ty"

/* Every log line of the run, to prove that no secret reaches it */
static GString *log_text;

static GLogWriterOutput
capture_writer (GLogLevelFlags   level,
                const GLogField *fields,
                gsize            n_fields,
                gpointer         user_data)
{
  for (gsize i = 0; i < n_fields; i++)
    if (g_strcmp0 (fields[i].key, "MESSAGE") == 0)
      {
        if (fields[i].length < 0)
          g_string_append (log_text, fields[i].value);
        else
          g_string_append_len (log_text, fields[i].value, fields[i].length);
        g_string_append_c (log_text, '\n');
      }
  if (level & (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING))
    return g_log_writer_standard_streams (level, fields, n_fields, user_data);
  return G_LOG_WRITER_HANDLED;
}

static void
assert_event (Bed        *bed,
              const char *event,
              const char *key,
              const char *value)
{
  if (ey_sim_server_count_events (bed->sim, event, key, value) == 0)
    {
      g_autofree char *log = ey_sim_server_get_log_text (bed->sim);
      g_error ("sim log lacks %s %s=%s:\n%s", event, key ? key : "", value ? value : "", log);
    }
}

static void
sign_and_submit (Bed        *bed,
                 const char *who)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) data = NULL;
  g_autoptr(GBytes) cms = NULL;

  data = s_fetch_sign_data (bed->session, &error);
  g_assert_no_error (error);
  g_assert_nonnull (data);
  /* The issued text names the verification code */
  g_assert_nonnull (g_strstr_len (g_bytes_get_data (data, NULL), g_bytes_get_size (data),
                                  ey_session_get_verification_code (bed->session)));
  cms = sign_with_openssl (data, who, TRUE);
  g_assert_true (s_submit_signature (bed->session, cms, &error));
  g_assert_no_error (error);
}

static void
on_step_changed (EySession     *session,
                 EySessionStep  old_step,
                 EySessionStep  new_step,
                 GString       *trace)
{
  g_string_append_printf (trace, "%s ", ey_session_step_to_string (new_step));
}

static void
test_eonay_path (void)
{
  Bed bed;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) trace = g_string_new (NULL);
  g_autofree char *code = NULL;
  g_autofree char *sim_code = NULL;
  GPtrArray *form;
  gint64 now;
  int submitted = 0;

  bed_init (&bed, NULL, NULL);
  g_signal_connect (bed.session, "step-changed", G_CALLBACK (on_step_changed), trace);
  g_signal_connect_swapped (bed.session, "submitted", G_CALLBACK (g_atomic_int_inc), &submitted);

  g_assert_cmpint (ey_session_get_step (bed.session), ==, EY_SESSION_STEP_START);
  ey_session_begin (bed.session);
  g_assert_cmpint (ey_session_get_step (bed.session), ==, EY_SESSION_STEP_MAIL);

  /* Wrong CAPTCHA, then wrong password: same step, a new picture each time */
  g_assert_true (s_load_sign_in (bed.session, &error));
  g_assert_no_error (error);
  g_assert_true (s_sign_in (bed.session, "XXXXX", AYSE, AYSE_PW, &error) == FALSE);
  g_assert_error (error, EY_CORE_ERROR, EY_CORE_ERROR_CAPTCHA_WRONG);
  g_clear_error (&error);
  g_assert_cmpint (ey_session_get_step (bed.session), ==, EY_SESSION_STEP_SIGN_IN);
  g_assert_nonnull (ey_session_get_captcha (bed.session));
  g_assert_nonnull (ey_session_get_site_message (bed.session));
  assert_event (&bed, "login-failed", "reason", "captcha");

  g_assert_false (s_sign_in (bed.session, BED_CAPTCHA, AYSE, "wrong-pw", &error));
  g_assert_error (error, EY_CORE_ERROR, EY_CORE_ERROR_CREDENTIALS_WRONG);
  g_clear_error (&error);
  g_assert_cmpint (ey_session_get_step (bed.session), ==, EY_SESSION_STEP_SIGN_IN);
  assert_event (&bed, "login-failed", "reason", "credentials");

  g_assert_true (s_sign_in (bed.session, BED_CAPTCHA, AYSE, AYSE_PW, &error));
  g_assert_no_error (error);
  g_assert_cmpint (ey_session_get_step (bed.session), ==, EY_SESSION_STEP_ORDERS);
  g_assert_cmpuint (ey_session_get_orders (bed.session)->len, ==, 1);
  g_assert_true (((EySessionOrder *) g_ptr_array_index (ey_session_get_orders (bed.session), 0))->renewal);
  g_assert_true (s_choose_order (bed.session,
                                 ((EySessionOrder *) g_ptr_array_index (ey_session_get_orders (bed.session), 0))->id,
                                 &error));
  g_assert_no_error (error);
  g_assert_cmpint (ey_session_get_step (bed.session), ==, EY_SESSION_STEP_FORM);
  assert_event (&bed, "order-opened", NULL, NULL);

  /* The form: prefilled by the site, read-only identity */
  form = ey_session_get_form (bed.session);
  g_assert_cmpuint (form->len, >=, 8);
  g_assert_cmpstr (ey_session_get_form_value (bed.session, "identity"), ==, AYSE);
  g_assert_false (ey_session_set_form_value (bed.session, "identity", "1"));
  g_assert_cmpstr (ey_session_get_applicant_name (bed.session), ==, "AYŞE YILMAZ");

  /* Invalid fields come back per field; what was typed stays */
  g_assert_true (ey_session_set_form_value (bed.session, "phone", "12"));
  g_assert_true (ey_session_set_form_value (bed.session, "security_word", "kisa"));
  g_assert_true (ey_session_set_form_value (bed.session, "security_word_again", "kisa"));
  g_assert_false (s_submit_form (bed.session, &error));
  g_assert_error (error, EY_CORE_ERROR, EY_CORE_ERROR_FORM_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (ey_session_get_step (bed.session), ==, EY_SESSION_STEP_FORM);
  assert_event (&bed, "form-invalid", NULL, NULL);
  {
    gboolean phone_error = FALSE;

    form = ey_session_get_form (bed.session);
    for (guint i = 0; i < form->len; i++)
      {
        EySessionField *f = g_ptr_array_index (form, i);

        if (g_strcmp0 (f->role, "phone") == 0)
          {
            g_assert_nonnull (f->error);
            g_assert_cmpstr (f->value, ==, "12");
            phone_error = TRUE;
          }
      }
    g_assert_true (phone_error);
  }

  g_assert_true (ey_session_set_form_value (bed.session, "phone", "0505 123 45 69"));
  g_assert_true (ey_session_set_form_value (bed.session, "security_word", "gizli-sozcuk"));
  g_assert_true (ey_session_set_form_value (bed.session, "security_word_again", "gizli-sozcuk"));
  g_assert_true (s_submit_form (bed.session, &error));
  g_assert_no_error (error);
  g_assert_cmpint (ey_session_get_step (bed.session), ==, EY_SESSION_STEP_SMS_SEND);
  g_assert_nonnull (ey_session_get_masked_phone (bed.session));
  g_assert_nonnull (strchr (ey_session_get_masked_phone (bed.session), '*'));

  /* SMS: wrong code, then the right one; the deadline follows the page */
  g_assert_true (s_send_sms (bed.session, &error));
  g_assert_no_error (error);
  g_assert_cmpint (ey_session_get_step (bed.session), ==, EY_SESSION_STEP_SMS_CODE);
  now = g_get_monotonic_time ();
  g_assert_cmpint (ey_session_get_sms_deadline (bed.session), >, now + 200 * G_USEC_PER_SEC);
  g_assert_cmpint (ey_session_get_sms_deadline (bed.session), <=, now + 237 * G_USEC_PER_SEC);
  g_assert_cmpint (ey_session_seconds_left (ey_session_get_sms_deadline (bed.session)), <=, 236);
  g_assert_false (s_submit_sms_code (bed.session, "000000", &error));
  g_assert_error (error, EY_CORE_ERROR, EY_CORE_ERROR_SMS_CODE_WRONG);
  g_clear_error (&error);
  assert_event (&bed, "sms-failed", "reason", "wrong");
  code = sim_sms_code (&bed, AYSE);
  g_assert_true (s_submit_sms_code (bed.session, code, &error));
  g_assert_no_error (error);
  g_assert_cmpint (ey_session_get_step (bed.session), ==, EY_SESSION_STEP_EONAY_CHOICE);
  g_assert_cmpint (ey_session_get_sms_deadline (bed.session), ==, 0);

  g_assert_true (s_choose_eonay (bed.session, TRUE, &error));
  g_assert_no_error (error);
  g_assert_cmpint (ey_session_get_path (bed.session), ==, EY_SESSION_PATH_EONAY);
  g_assert_true (s_accept_consent (bed.session, &error));
  g_assert_no_error (error);
  g_assert_cmpint (ey_session_get_step (bed.session), ==, EY_SESSION_STEP_SIGNING);
  sim_code = ey_sim_server_get_verification_code (bed.sim, AYSE);
  g_assert_cmpstr (ey_session_get_verification_code (bed.session), ==, sim_code);
  g_assert_cmpint (ey_session_get_code_deadline (bed.session), >, now + 200 * G_USEC_PER_SEC);

  sign_and_submit (&bed, "ayse-rsa");
  g_assert_cmpint (ey_session_get_step (bed.session), ==, EY_SESSION_STEP_DONE);
  g_assert_cmpint (submitted, ==, 1);
  g_assert_nonnull (ey_session_get_site_message (bed.session));
  assert_event (&bed, "signature-accepted", NULL, NULL);
  assert_event (&bed, "application-submitted", "method", "eonayli");
  /* Confirmed: no recovery record left behind */
  g_assert_false (g_file_test (bed.recovery_file, G_FILE_TEST_EXISTS));
  g_assert_null (ey_session_get_recovery (bed.session));

  g_assert_cmpstr (trace->str, ==, "mail sign-in orders form sms-send sms-code eonay-choice "
                                   "consent signing submitting done ");

  /* The secrets never reached the debug log */
  g_assert_null (strstr (log_text->str, AYSE_PW));
  g_assert_null (strstr (log_text->str, code));
  g_assert_null (strstr (log_text->str, "gizli-sozcuk"));
  g_assert_nonnull (strstr (log_text->str, "step"));

  bed_clear (&bed);
}

static void
test_esigned_path (void)
{
  Bed bed;
  g_autoptr(GError) error = NULL;

  bed_init (&bed, NULL, NULL);
  walk_to_eonay_choice (&bed, AYSE, AYSE_PW);
  g_assert_true (s_choose_eonay (bed.session, FALSE, &error));
  g_assert_no_error (error);
  g_assert_cmpint (ey_session_get_step (bed.session), ==, EY_SESSION_STEP_METHOD);
  g_assert_false (ey_session_get_methods (bed.session) & EY_SESSION_METHOD_EONAY);
  g_assert_true (ey_session_get_methods (bed.session) & EY_SESSION_METHOD_ESIGNED);
  g_assert_true (ey_session_get_methods (bed.session) & EY_SESSION_METHOD_WET);
  assert_event (&bed, "eonay-choice", "choice", "hayir");

  /* E-Onaylı is not offered here: refused without asking the site */
  g_assert_false (s_choose_method (bed.session, EY_SESSION_METHOD_EONAY, &error));
  g_assert_error (error, EY_CORE_ERROR, EY_CORE_ERROR_WRONG_STEP);
  g_clear_error (&error);

  g_assert_true (s_choose_method (bed.session, EY_SESSION_METHOD_ESIGNED, &error));
  g_assert_no_error (error);
  g_assert_cmpint (ey_session_get_step (bed.session), ==, EY_SESSION_STEP_SIGNING);
  g_assert_cmpint (ey_session_get_path (bed.session), ==, EY_SESSION_PATH_ESIGNED);
  g_assert_nonnull (ey_session_get_verification_code (bed.session));
  sign_and_submit (&bed, "ayse-ecdsa");
  g_assert_cmpint (ey_session_get_step (bed.session), ==, EY_SESSION_STEP_DONE);
  assert_event (&bed, "sign-data-issued", "purpose", "form");
  assert_event (&bed, "application-submitted", "method", "eimzali");
  bed_clear (&bed);
}

static void
test_wet_path (void)
{
  Bed bed;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) pdf = NULL;

  bed_init (&bed, NULL, NULL);
  walk_to_eonay_choice (&bed, FATMA, FATMA_PW);
  g_assert_true (s_choose_eonay (bed.session, FALSE, &error));
  g_assert_no_error (error);
  g_assert_cmpint (ey_session_get_step (bed.session), ==, EY_SESSION_STEP_METHOD);
  /* An expired certificate: only the wet signature is left */
  g_assert_cmpint (ey_session_get_methods (bed.session), ==, EY_SESSION_METHOD_WET);
  g_assert_true (s_choose_method (bed.session, EY_SESSION_METHOD_WET, &error));
  g_assert_no_error (error);
  g_assert_cmpint (ey_session_get_step (bed.session), ==, EY_SESSION_STEP_WET);
  g_assert_cmpint (ey_session_get_path (bed.session), ==, EY_SESSION_PATH_WET);
  pdf = s_fetch_pdf (bed.session, &error);
  g_assert_no_error (error);
  g_assert_nonnull (pdf);
  g_assert_cmpmem (g_bytes_get_data (pdf, NULL), 5, "%PDF-", 5);
  g_assert_true (ey_session_get_pdf (bed.session) != NULL);
  assert_event (&bed, "pdf-downloaded", NULL, NULL);
  assert_event (&bed, "application-submitted", "method", "islak");
  bed_clear (&bed);
}

static void
test_no_order (void)
{
  Bed bed;
  g_autoptr(GError) error = NULL;

  bed_init (&bed, NULL, NULL);
  g_assert_true (s_load_sign_in (bed.session, &error));
  g_assert_false (s_sign_in (bed.session, BED_CAPTCHA, MEHMET, MEHMET_PW, &error));
  g_assert_error (error, EY_CORE_ERROR, EY_CORE_ERROR_NO_ORDER);
  g_assert_cmpint (ey_session_get_step (bed.session), ==, EY_SESSION_STEP_NO_ORDER);
  g_assert_nonnull (ey_session_get_site_message (bed.session));
  bed_clear (&bed);
}

static void
test_forgot_password (void)
{
  Bed bed;
  g_autoptr(GError) error = NULL;

  bed_init (&bed, NULL, NULL);
  g_assert_true (s_load_sign_in (bed.session, &error));
  g_assert_true (s_load_forgot (bed.session, &error));
  g_assert_no_error (error);
  g_assert_cmpint (ey_session_get_step (bed.session), ==, EY_SESSION_STEP_FORGOT);
  g_assert_false (s_forgot (bed.session, "WRONG", AYSE, &error));
  g_assert_error (error, EY_CORE_ERROR, EY_CORE_ERROR_CAPTCHA_WRONG);
  g_clear_error (&error);
  g_assert_true (s_forgot (bed.session, BED_CAPTCHA, AYSE, &error));
  g_assert_no_error (error);
  g_assert_cmpint (ey_session_get_step (bed.session), ==, EY_SESSION_STEP_SIGN_IN);
  g_assert_nonnull (ey_session_get_site_message (bed.session));
  assert_event (&bed, "password-resent", NULL, NULL);
  bed_clear (&bed);
}

static void
test_sms_expired (void)
{
  Bed bed;
  g_autoptr(GError) error = NULL;
  g_autofree char *code = NULL;
  g_autofree char *code2 = NULL;

  bed_init (&bed, NULL, NULL);
  walk_to_form (&bed, AYSE, AYSE_PW);
  ey_session_set_form_value (bed.session, "security_word", "gizli-sozcuk");
  ey_session_set_form_value (bed.session, "security_word_again", "gizli-sozcuk");
  g_assert_true (s_submit_form (bed.session, &error));
  /* Wrong phone shown: back to the form and forward again */
  g_assert_true (s_back_to_form (bed.session, &error));
  g_assert_no_error (error);
  g_assert_cmpint (ey_session_get_step (bed.session), ==, EY_SESSION_STEP_FORM);
  g_assert_cmpstr (ey_session_get_form_value (bed.session, "security_word"), ==, "gizli-sozcuk");
  g_assert_true (s_submit_form (bed.session, &error));
  g_assert_no_error (error);
  g_assert_true (s_send_sms (bed.session, &error));
  code = sim_sms_code (&bed, AYSE);
  g_assert_true (ey_sim_server_expire (bed.sim, "sms"));
  g_assert_false (s_submit_sms_code (bed.session, code, &error));
  g_assert_error (error, EY_CORE_ERROR, EY_CORE_ERROR_SMS_CODE_EXPIRED);
  g_clear_error (&error);
  assert_event (&bed, "sms-failed", "reason", "expired");
  g_assert_cmpint (ey_session_get_step (bed.session), ==, EY_SESSION_STEP_SMS_CODE);

  g_assert_true (s_request_sms_code (bed.session, &error));
  g_assert_no_error (error);
  g_assert_cmpint (ey_session_get_sms_deadline (bed.session), >, g_get_monotonic_time ());
  code2 = sim_sms_code (&bed, AYSE);
  g_assert_true (s_submit_sms_code (bed.session, code2, &error));
  g_assert_no_error (error);
  g_assert_cmpint (ey_session_get_step (bed.session), ==, EY_SESSION_STEP_EONAY_CHOICE);
  bed_clear (&bed);
}

static void
expect_refusal (Bed         *bed,
                GBytes      *cms,
                EyCoreError  code,
                const char  *site_code)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (s_submit_signature (bed->session, cms, &error));
  g_assert_error (error, EY_CORE_ERROR, (int) code);
  g_assert_cmpint (ey_session_get_step (bed->session), ==, EY_SESSION_STEP_SIGNING);
  g_assert_nonnull (ey_session_get_site_message (bed->session));
  if (site_code)
    assert_event (bed, "signature-refused", "reason", site_code);
}

static void
test_signature_refused (void)
{
  Bed bed;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) data = NULL;
  g_autoptr(GBytes) garbage = g_bytes_new_static ("not a CMS", 9);
  g_autofree char *old_code = NULL;

  bed_init (&bed, NULL, NULL);
  walk_to_signing (&bed, AYSE, AYSE_PW);
  data = s_fetch_sign_data (bed.session, &error);
  g_assert_no_error (error);

  {
    g_autoptr(GBytes) other = sign_with_openssl (data, "zeynep-rsa", TRUE);
    expect_refusal (&bed, other, EY_CORE_ERROR_CERTIFICATE_WRONG_PERSON, "KIMLIK_UYUSMUYOR");
  }
  {
    g_autoptr(GBytes) fake = sign_with_openssl (data, "mallory-rsa", TRUE);
    expect_refusal (&bed, fake, EY_CORE_ERROR_CERTIFICATE_UNTRUSTED, "SERTIFIKA_GUVENILMEZ");
  }
  {
    g_autoptr(GBytes) plain = sign_with_openssl (data, "ayse-rsa", FALSE);
    expect_refusal (&bed, plain, EY_CORE_ERROR_SIGNATURE_ATTRIBUTE_MISSING, "IMZA_OZNITELIK_EKSIK");
  }
  expect_refusal (&bed, garbage, EY_CORE_ERROR_SIGNATURE_INVALID, "IMZA_GECERSIZ");

  /* The verification code runs out: refused, a new code, then accepted */
  old_code = g_strdup (ey_session_get_verification_code (bed.session));
  g_assert_true (ey_sim_server_expire (bed.sim, "code"));
  {
    g_autoptr(GBytes) late = sign_with_openssl (data, "ayse-rsa", TRUE);
    /* (the simulator does not log refusals of the code itself) */
    expect_refusal (&bed, late, EY_CORE_ERROR_SIGNATURE_CODE_EXPIRED, NULL);
  }
  g_assert_true (s_renew_code (bed.session, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (ey_session_get_verification_code (bed.session), !=, old_code);
  g_assert_cmpint (ey_session_get_code_deadline (bed.session), >, g_get_monotonic_time ());
  sign_and_submit (&bed, "ayse-rsa");
  g_assert_cmpint (ey_session_get_step (bed.session), ==, EY_SESSION_STEP_DONE);
  assert_event (&bed, "application-submitted", "method", "eonayli");
  bed_clear (&bed);
}

static void
test_expired_certificate (void)
{
  Bed bed;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) data = NULL;
  g_autoptr(GBytes) cms = NULL;
  g_autofree char *code = NULL;

  bed_init (&bed, NULL, NULL);
  walk_to_signing (&bed, FATMA, FATMA_PW);
  data = s_fetch_sign_data (bed.session, &error);
  g_assert_no_error (error);
  cms = sign_with_openssl (data, "fatma-expired", TRUE);
  expect_refusal (&bed, cms, EY_CORE_ERROR_CERTIFICATE_NOT_VALID, "SERTIFIKA_GECERSIZ");
  g_assert_false (ey_core_error_is_retryable (ey_session_get_error (bed.session)));
  g_assert_cmpint (ey_session_get_path (bed.session), ==, EY_SESSION_PATH_EONAY);

  /* Start over on the wet path; the form values typed before are kept */
  g_assert_true (s_load_sign_in (bed.session, &error));
  g_assert_no_error (error);
  g_assert_cmpint (ey_session_get_step (bed.session), ==, EY_SESSION_STEP_SIGN_IN);
  g_assert_cmpint (ey_session_get_path (bed.session), ==, EY_SESSION_PATH_NONE);
  g_assert_true (s_sign_in (bed.session, BED_CAPTCHA, FATMA, FATMA_PW, &error));
  g_assert_true (s_choose_order (bed.session,
                                 ((EySessionOrder *) g_ptr_array_index (ey_session_get_orders (bed.session), 0))->id,
                                 &error));
  g_assert_no_error (error);
  g_assert_cmpstr (ey_session_get_form_value (bed.session, "security_word"), ==, "gizli-sozcuk");
  g_assert_true (s_submit_form (bed.session, &error));
  g_assert_no_error (error);
  g_assert_true (s_send_sms (bed.session, &error));
  code = sim_sms_code (&bed, FATMA);
  g_assert_true (s_submit_sms_code (bed.session, code, &error));
  g_assert_no_error (error);
  g_assert_true (s_choose_eonay (bed.session, FALSE, &error));
  g_assert_no_error (error);
  g_assert_true (s_choose_method (bed.session, EY_SESSION_METHOD_WET, &error));
  g_assert_no_error (error);
  g_assert_cmpint (ey_session_get_step (bed.session), ==, EY_SESSION_STEP_WET);
  bed_clear (&bed);
}

static void
test_session_expired (void)
{
  Bed bed;
  g_autoptr(GError) error = NULL;

  bed_init (&bed, NULL, NULL);
  walk_to_form (&bed, AYSE, AYSE_PW);
  ey_session_set_form_value (bed.session, "address", "Yeni adres 1");
  ey_sim_server_set_fault (bed.sim, EY_SIM_FAULT_EXPIRE_SESSION, NULL, 1);
  g_assert_false (s_submit_form (bed.session, &error));
  g_assert_error (error, EY_CORE_ERROR, EY_CORE_ERROR_SESSION_EXPIRED);
  g_clear_error (&error);
  g_assert_cmpint (ey_session_get_step (bed.session), ==, EY_SESSION_STEP_SIGN_IN);
  g_assert_nonnull (ey_session_get_captcha (bed.session));
  /* Sign in again; what the user typed is still there */
  g_assert_true (s_sign_in (bed.session, BED_CAPTCHA, AYSE, AYSE_PW, &error));
  g_assert_no_error (error);
  g_assert_true (s_choose_order (bed.session,
                                 ((EySessionOrder *) g_ptr_array_index (ey_session_get_orders (bed.session), 0))->id,
                                 &error));
  g_assert_no_error (error);
  g_assert_cmpstr (ey_session_get_form_value (bed.session, "address"), ==, "Yeni adres 1");
  bed_clear (&bed);

  /* The same on the signing call, which answers text, not a page */
  bed_init (&bed, NULL, NULL);
  walk_to_signing (&bed, AYSE, AYSE_PW);
  ey_sim_server_set_fault (bed.sim, EY_SIM_FAULT_EXPIRE_SESSION,
                           ey_site_profile_get_action_path (bed.profile, EY_SITE_ACTION_SIGN_DATA), 1);
  g_assert_null (s_fetch_sign_data (bed.session, &error));
  g_assert_error (error, EY_CORE_ERROR, EY_CORE_ERROR_SESSION_EXPIRED);
  g_clear_error (&error);
  g_assert_cmpint (ey_session_get_step (bed.session), ==, EY_SESSION_STEP_SIGN_IN);
  g_assert_nonnull (ey_session_get_captcha (bed.session));
  bed_clear (&bed);
}

static gboolean
is_network_error (int code)
{
  return code == EY_CORE_ERROR_NETWORK_UNREACHABLE || code == EY_CORE_ERROR_TIMEOUT ||
         code == EY_CORE_ERROR_HTTP_SERVER;
}

static void
test_transport_faults (void)
{
  Bed bed;
  g_autoptr(GError) error = NULL;

  bed_init (&bed, NULL, NULL);
  /* A dropped GET is retried without the user noticing */
  ey_sim_server_set_fault (bed.sim, EY_SIM_FAULT_DROP, NULL, 1);
  walk_sign_in (&bed, AYSE, AYSE_PW);

  /* HTTP 500 on a POST: not resent, reported; the next try re-reads first */
  g_assert_true (s_choose_order (bed.session,
                                 ((EySessionOrder *) g_ptr_array_index (ey_session_get_orders (bed.session), 0))->id,
                                 &error));
  ey_session_set_form_value (bed.session, "security_word", "gizli-sozcuk");
  ey_session_set_form_value (bed.session, "security_word_again", "gizli-sozcuk");
  ey_sim_server_set_fault (bed.sim, EY_SIM_FAULT_HTTP500, NULL, 1);
  g_assert_false (s_submit_form (bed.session, &error));
  g_assert_error (error, EY_CORE_ERROR, EY_CORE_ERROR_HTTP_SERVER);
  g_clear_error (&error);
  g_assert_cmpint (ey_session_get_step (bed.session), ==, EY_SESSION_STEP_FORM);
  g_assert_true (s_submit_form (bed.session, &error));
  g_assert_no_error (error);
  g_assert_cmpint (ey_session_get_step (bed.session), ==, EY_SESSION_STEP_SMS_SEND);

  /* A POST whose connection drops is never sent again blindly: the client
   * re-reads the page and the site's own state decides */
  ey_sim_server_set_fault (bed.sim, EY_SIM_FAULT_DROP,
                           ey_site_profile_get_action_path (bed.profile, EY_SITE_ACTION_SMS_SEND), 1);
  if (!s_send_sms (bed.session, &error))
    {
      g_assert_true (error->domain == EY_CORE_ERROR && is_network_error (error->code));
      g_clear_error (&error);
      g_assert_cmpint (ey_session_get_step (bed.session), ==, EY_SESSION_STEP_SMS_SEND);
      g_assert_cmpuint (ey_sim_server_count_events (bed.sim, "sms-sent", NULL, NULL), ==, 0);
      g_assert_true (s_send_sms (bed.session, &error));
    }
  g_assert_no_error (error);
  g_assert_cmpint (ey_session_get_step (bed.session), ==, EY_SESSION_STEP_SMS_CODE);
  g_assert_cmpuint (ey_sim_server_count_events (bed.sim, "sms-sent", NULL, NULL), ==, 1);
  /* The code page asks for a new code with its own button: back one step
   * by starting the SMS part again is not possible, so go on from here */
  g_assert_true (s_request_sms_code (bed.session, &error));
  g_assert_no_error (error);

  /* A page that belongs to no step names what was expected */
  ey_sim_server_set_fault (bed.sim, EY_SIM_FAULT_UNEXPECTED_PAGE, NULL, 1);
  g_assert_false (s_request_sms_code (bed.session, &error));
  g_assert_error (error, EY_CORE_ERROR, EY_CORE_ERROR_UNEXPECTED_PAGE);
  g_assert_nonnull (strstr (error->message, "("));
  g_clear_error (&error);
  g_assert_cmpint (ey_session_get_step (bed.session), ==, EY_SESSION_STEP_SMS_CODE);
  g_assert_true (s_request_sms_code (bed.session, &error));
  g_assert_no_error (error);
  g_assert_cmpint (ey_session_get_step (bed.session), ==, EY_SESSION_STEP_SMS_CODE);

  /* A slow site and a short timeout */
  ey_site_client_set_timeout (bed.client, 1);
  ey_sim_server_set_slow_ms (bed.sim, 2500);
  ey_sim_server_set_fault (bed.sim, EY_SIM_FAULT_SLOW, NULL, 1);
  g_assert_false (s_submit_sms_code (bed.session, "111111", &error));
  g_assert_error (error, EY_CORE_ERROR, EY_CORE_ERROR_TIMEOUT);
  g_clear_error (&error);
  bed_clear (&bed);
}

static void
test_submit_retry_after_500 (void)
{
  Bed bed;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) data = NULL;
  g_autoptr(GBytes) cms = NULL;
  g_autoptr(EyRecovery) note = NULL;

  bed_init (&bed, NULL, NULL);
  walk_to_signing (&bed, AYSE, AYSE_PW);
  data = s_fetch_sign_data (bed.session, &error);
  cms = sign_with_openssl (data, "ayse-rsa", TRUE);
  /* Signature accepted, but the method page fails: the record stays */
  ey_sim_server_set_fault (bed.sim, EY_SIM_FAULT_HTTP500,
                             ey_site_profile_get_action_path (bed.profile, EY_SITE_ACTION_METHOD), 0);
  g_assert_false (s_submit_signature (bed.session, cms, &error));
  g_assert_error (error, EY_CORE_ERROR, EY_CORE_ERROR_HTTP_SERVER);
  g_clear_error (&error);
  g_assert_cmpint (ey_session_get_step (bed.session), ==, EY_SESSION_STEP_SUBMITTING);
  note = ey_recovery_load (bed.recovery_file, &error);
  g_assert_no_error (error);
  g_assert_nonnull (note);
  g_assert_true (ey_recovery_matches (note, AYSE));
  g_assert_cmpstr (ey_recovery_get_path_nick (note), ==, "eonay");
  assert_event (&bed, "signature-accepted", NULL, NULL);
  g_assert_cmpuint (ey_sim_server_count_events (bed.sim, "application-submitted", NULL, NULL), ==, 0);

  /* The site is back: the user presses on, the session submits */
  ey_sim_server_clear_faults (bed.sim);
  g_assert_true (s_choose_method (bed.session, EY_SESSION_METHOD_EONAY, &error));
  g_assert_no_error (error);
  g_assert_cmpint (ey_session_get_step (bed.session), ==, EY_SESSION_STEP_DONE);
  assert_event (&bed, "application-submitted", "method", "eonayli");
  g_assert_cmpuint (ey_sim_server_count_events (bed.sim, "application-submitted", NULL, NULL), ==, 1);
  g_assert_false (g_file_test (bed.recovery_file, G_FILE_TEST_EXISTS));
  bed_clear (&bed);
}

/* A new start of the program: a new session on a fresh cookie jar, the record read
 * back from disk (the UI and the CLI do the same). */
static void
restart (Bed *bed)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EyRecovery) note = NULL;

  g_assert_finalize_object (bed->session);
  ey_site_client_reset (bed->client);
  bed->session = ey_session_new (bed->client);
  ey_session_set_recovery_path (bed->session, bed->recovery_file);
  note = ey_recovery_load (bed->recovery_file, &error);
  g_assert_no_error (error);
  if (note)
    ey_session_set_recovery (bed->session, note);
}

/* The next start (after restart ()): Ayşe signs in again, and the session goes on
 * from the record. */
static void
sign_in_again (Bed *bed)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (s_load_sign_in (bed->session, &error));
  g_assert_no_error (error);
  g_assert_true (s_sign_in (bed->session, BED_CAPTCHA, AYSE, AYSE_PW, &error));
  g_assert_no_error (error);
}

/* Ayşe declines E-Onay and takes @method. */
static void
walk_to_method (Bed             *bed,
                EySessionMethod  method)
{
  g_autoptr(GError) error = NULL;

  walk_to_eonay_choice (bed, AYSE, AYSE_PW);
  g_assert_true (s_choose_eonay (bed->session, FALSE, &error));
  g_assert_no_error (error);
  g_assert_true (s_choose_method (bed->session, method, &error));
  g_assert_no_error (error);
}

/* Signature accepted, then the site fails at @page until the program is closed. */
static void
sign_then_fail_at (Bed        *bed,
                   const char *page,
                   EySimFaultKind kind)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) data = NULL;
  g_autoptr(GBytes) cms = NULL;

  walk_to_signing (bed, AYSE, AYSE_PW);
  data = s_fetch_sign_data (bed->session, &error);
  g_assert_no_error (error);
  cms = sign_with_openssl (data, "ayse-rsa", TRUE);
  ey_sim_server_set_fault (bed->sim, kind, page, 0);
  g_assert_false (s_submit_signature (bed->session, cms, &error));
  g_assert_nonnull (error);
  g_assert_cmpint (ey_session_get_step (bed->session), ==, EY_SESSION_STEP_SUBMITTING);
  g_assert_true (g_file_test (bed->recovery_file, G_FILE_TEST_EXISTS));
  assert_event (bed, "signature-accepted", NULL, NULL);
  ey_sim_server_clear_faults (bed->sim);
}

static void
test_recovery_resume (void)
{
  Bed bed;
  g_autoptr(GError) error = NULL;
  g_autoptr(EyRecovery) other = NULL;
  g_autoptr(GString) trace = g_string_new (NULL);
  g_autofree char *order = NULL;
  int submitted = 0;

  bed_init (&bed, NULL, NULL);
  sign_then_fail_at (&bed, "imzayontemi.go", EY_SIM_FAULT_HTTP500);
  order = g_strdup (ey_session_get_order_id (bed.session));
  g_assert_cmpuint (ey_sim_server_count_events (bed.sim, "application-submitted", NULL, NULL), ==, 0);

  restart (&bed);
  g_assert_nonnull (ey_session_get_recovery (bed.session));
  g_signal_connect (bed.session, "step-changed", G_CALLBACK (on_step_changed), trace);
  g_signal_connect_swapped (bed.session, "submitted", G_CALLBACK (g_atomic_int_inc), &submitted);

  /* A note for someone else does nothing: signing in stops at the orders */
  other = ey_recovery_new (MEHMET, "MEHMET DEMİR", order, "eonay");
  ey_session_set_recovery (bed.session, other);
  walk_sign_in (&bed, AYSE, AYSE_PW);
  g_assert_cmpuint (ey_sim_server_count_events (bed.sim, "application-resumed", NULL, NULL), ==, 0);

  /* Her own note: CAPTCHA and password again (neither is in the record), then the
   * session opens the recorded order, finds the kept E-Onay and presses E-Onaylı */
  restart (&bed);
  g_signal_connect (bed.session, "step-changed", G_CALLBACK (on_step_changed), trace);
  g_signal_connect_swapped (bed.session, "submitted", G_CALLBACK (g_atomic_int_inc), &submitted);
  g_string_truncate (trace, 0);
  g_assert_true (ey_recovery_matches (ey_session_get_recovery (bed.session), AYSE));
  sign_in_again (&bed);
  g_assert_cmpint (ey_session_get_step (bed.session), ==, EY_SESSION_STEP_DONE);
  g_assert_cmpint (ey_session_get_path (bed.session), ==, EY_SESSION_PATH_EONAY);
  g_assert_cmpstr (trace->str, ==, "mail sign-in orders method submitting done ");
  g_assert_cmpstr (ey_session_get_order_id (bed.session), ==, order);
  g_assert_cmpint (submitted, ==, 1);
  assert_event (&bed, "application-resumed", "state", "eonay-signed");
  g_assert_cmpuint (ey_sim_server_count_events (bed.sim, "application-submitted", NULL, NULL), ==, 1);
  assert_event (&bed, "application-submitted", "method", "eonayli");
  g_assert_nonnull (strstr (ey_session_get_site_message (bed.session), "başarıyla"));
  /* Confirmed: the record is gone */
  g_assert_false (g_file_test (bed.recovery_file, G_FILE_TEST_EXISTS));
  g_assert_null (ey_session_get_recovery (bed.session));
  g_assert_null (strstr (log_text->str, AYSE_PW));
  bed_clear (&bed);
}

/* The application arrived but its confirmation did not (the result page was lost on
 * the network): the next start finds it done at the site and sends nothing again. */
static void
test_recovery_already_submitted (void)
{
  Bed bed;
  g_autoptr(GError) error = NULL;
  int submitted = 0;

  bed_init (&bed, NULL, NULL);
  sign_then_fail_at (&bed, "sonuc.go", EY_SIM_FAULT_DROP);
  g_assert_cmpuint (ey_sim_server_count_events (bed.sim, "application-submitted", NULL, NULL), ==, 1);
  /* Never claimed: the confirmation did not come */
  g_assert_cmpint (ey_session_get_step (bed.session), !=, EY_SESSION_STEP_DONE);

  restart (&bed);
  g_signal_connect_swapped (bed.session, "submitted", G_CALLBACK (g_atomic_int_inc), &submitted);
  sign_in_again (&bed);
  g_assert_cmpint (ey_session_get_step (bed.session), ==, EY_SESSION_STEP_DONE);
  g_assert_cmpint (submitted, ==, 1);
  assert_event (&bed, "application-resumed", "state", "submitted");
  g_assert_cmpuint (ey_sim_server_count_events (bed.sim, "application-submitted", NULL, NULL), ==, 1);
  g_assert_cmpuint (ey_sim_server_count_events (bed.sim, "method-chosen", NULL, NULL), ==, 1);
  /* The site's own words: received before, and its confirmation */
  g_assert_nonnull (strstr (ey_session_get_site_message (bed.session), "daha önce alınmıştır"));
  g_assert_nonnull (strstr (ey_session_get_site_message (bed.session), "sistemimize ulaştı"));
  g_assert_false (g_file_test (bed.recovery_file, G_FILE_TEST_EXISTS));
  g_assert_null (ey_session_get_recovery (bed.session));
  bed_clear (&bed);
}

/* E-İmzalı: the form's signature is the submission; its confirmation got lost. The
 * next start finds the result and ends on the same path. */
static void
test_recovery_esigned (void)
{
  Bed bed;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) data = NULL;
  g_autoptr(GBytes) cms = NULL;
  g_autoptr(EyRecovery) note = NULL;

  bed_init (&bed, NULL, NULL);
  walk_to_method (&bed, EY_SESSION_METHOD_ESIGNED);
  g_assert_cmpint (ey_session_get_step (bed.session), ==, EY_SESSION_STEP_SIGNING);
  data = s_fetch_sign_data (bed.session, &error);
  g_assert_no_error (error);
  cms = sign_with_openssl (data, "ayse-rsa", TRUE);
  ey_sim_server_set_fault (bed.sim, EY_SIM_FAULT_DROP, "sonuc.go", 0);
  g_assert_false (s_submit_signature (bed.session, cms, &error));
  g_clear_error (&error);
  ey_sim_server_clear_faults (bed.sim);
  note = ey_recovery_load (bed.recovery_file, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (ey_recovery_get_path_nick (note), ==, "esigned");
  g_assert_cmpuint (ey_sim_server_count_events (bed.sim, "application-submitted", "method",
                                                "eimzali"), ==, 1);

  restart (&bed);
  sign_in_again (&bed);
  g_assert_cmpint (ey_session_get_step (bed.session), ==, EY_SESSION_STEP_DONE);
  g_assert_cmpint (ey_session_get_path (bed.session), ==, EY_SESSION_PATH_ESIGNED);
  g_assert_nonnull (strstr (ey_session_get_site_message (bed.session), "E-İmza ile imzalandı"));
  g_assert_cmpuint (ey_sim_server_count_events (bed.sim, "application-submitted", NULL, NULL), ==, 1);
  g_assert_false (g_file_test (bed.recovery_file, G_FILE_TEST_EXISTS));
  bed_clear (&bed);
}

/* A record, but the application went the wet way: the wet page, nothing sent, no
 * record left. */
static void
test_recovery_went_wet (void)
{
  Bed bed;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) pdf = NULL;
  g_autoptr(EyRecovery) mine = NULL;

  bed_init (&bed, NULL, NULL);
  walk_to_method (&bed, EY_SESSION_METHOD_WET);
  pdf = s_fetch_pdf (bed.session, &error);
  g_assert_no_error (error);
  mine = ey_recovery_new (AYSE, "AYŞE YILMAZ", ey_session_get_order_id (bed.session), "eonay");
  g_assert_true (ey_recovery_save (mine, bed.recovery_file, &error));
  g_assert_no_error (error);

  restart (&bed);
  sign_in_again (&bed);
  g_assert_cmpint (ey_session_get_step (bed.session), ==, EY_SESSION_STEP_WET);
  g_assert_cmpint (ey_session_get_path (bed.session), ==, EY_SESSION_PATH_WET);
  g_assert_cmpuint (ey_sim_server_count_events (bed.sim, "application-submitted", NULL, NULL), ==, 1);
  g_assert_false (g_file_test (bed.recovery_file, G_FILE_TEST_EXISTS));
  bed_clear (&bed);
}

/* The record says "signed", the site has nothing: said so, and the form goes on. */
static void
test_recovery_lost (void)
{
  Bed bed;
  g_autoptr(GError) error = NULL;
  g_autoptr(EyRecovery) mine = NULL;
  g_autofree char *order = NULL;

  bed_init (&bed, NULL, NULL);
  walk_sign_in (&bed, AYSE, AYSE_PW);
  order = g_strdup (((EySessionOrder *) g_ptr_array_index (ey_session_get_orders (bed.session), 0))->id);
  mine = ey_recovery_new (AYSE, "AYŞE YILMAZ", order, "eonay");
  g_assert_true (ey_recovery_save (mine, bed.recovery_file, &error));
  g_assert_no_error (error);

  restart (&bed);
  g_assert_true (s_load_sign_in (bed.session, &error));
  g_assert_no_error (error);
  g_assert_false (s_sign_in (bed.session, BED_CAPTCHA, AYSE, AYSE_PW, &error));
  g_assert_error (error, EY_CORE_ERROR, EY_CORE_ERROR_APPLICATION_LOST);
  g_assert_true (ey_core_error_is_retryable (error));
  g_assert_cmpstr (error->message, ==, ey_core_error_message (EY_CORE_ERROR_APPLICATION_LOST));
  g_clear_error (&error);
  g_assert_cmpint (ey_session_get_step (bed.session), ==, EY_SESSION_STEP_FORM);
  g_assert_cmpstr (ey_session_get_order_id (bed.session), ==, order);
  g_assert_cmpuint (ey_sim_server_count_events (bed.sim, "order-opened", NULL, NULL), ==, 1);
  g_assert_cmpuint (ey_sim_server_count_events (bed.sim, "application-resumed", NULL, NULL), ==, 0);
  /* The note claimed what the site does not have: it goes */
  g_assert_null (ey_session_get_recovery (bed.session));
  g_assert_false (g_file_test (bed.recovery_file, G_FILE_TEST_EXISTS));

  /* The normal flow goes on from the form, nothing lost */
  g_assert_cmpstr (ey_session_get_form_value (bed.session, "identity"), ==, AYSE);
  ey_session_set_form_value (bed.session, "security_word", "gizli-sozcuk");
  ey_session_set_form_value (bed.session, "security_word_again", "gizli-sozcuk");
  g_assert_true (s_submit_form (bed.session, &error));
  g_assert_no_error (error);
  g_assert_cmpint (ey_session_get_step (bed.session), ==, EY_SESSION_STEP_SMS_SEND);
  g_assert_cmpuint (ey_sim_server_count_events (bed.sim, "application-submitted", NULL, NULL), ==, 0);
  bed_clear (&bed);
}

static void
test_cancel (void)
{
  Bed bed;
  g_autoptr(GError) error = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) res = NULL;

  bed_init (&bed, NULL, NULL);
  g_assert_true (s_load_sign_in (bed.session, &error));
  ey_sim_server_set_slow_ms (bed.sim, 2000);
  ey_sim_server_set_fault (bed.sim, EY_SIM_FAULT_SLOW, NULL, 1);
  ey_session_sign_in_async (bed.session, BED_CAPTCHA, AYSE, AYSE_PW, cancellable,
                            store_result_cb, &res);
  g_assert_true (ey_session_get_busy (bed.session));
  /* A second action while busy is refused */
  g_assert_false (s_load_forgot (bed.session, &error));
  g_assert_error (error, EY_CORE_ERROR, EY_CORE_ERROR_WRONG_STEP);
  g_clear_error (&error);
  g_cancellable_cancel (cancellable);
  g_assert_false (ey_session_sign_in_finish (bed.session, wait_for (&res), &error));
  g_assert_error (error, EY_CORE_ERROR, EY_CORE_ERROR_CANCELLED);
  g_assert_false (ey_session_get_busy (bed.session));
  g_clear_object (&res);
  bed_clear (&bed);
}

static void
test_tls_and_hosts (void)
{
  Bed bed;
  g_autoptr(GError) error = NULL;
  g_autoptr(EySiteClient) client = NULL;
  g_autoptr(EySession) session = NULL;
  g_autofree char *http_url = NULL;

  bed_init (&bed, NULL, NULL);

  /* No pin: the sim's self-signed certificate is not trusted */
  client = ey_site_client_new (bed.profile);
  ey_site_client_set_retry_delay (client, 10);
  session = ey_session_new (client);
  g_assert_false (s_load_sign_in (session, &error));
  g_assert_error (error, EY_CORE_ERROR, EY_CORE_ERROR_TLS_UNTRUSTED);
  g_clear_error (&error);
  g_assert_cmpint (ey_session_get_step (session), ==, EY_SESSION_STEP_FAILED);

  /* Pinned to another certificate: refused as well */
  g_clear_object (&session);
  g_clear_object (&client);
  client = ey_site_client_new (bed.profile);
  g_assert_true (ey_site_client_set_pinned_cert_file (client, test_pki_file ("ca.pem"), &error));
  session = ey_session_new (client);
  g_assert_false (s_load_sign_in (session, &error));
  g_assert_error (error, EY_CORE_ERROR, EY_CORE_ERROR_TLS_UNTRUSTED);
  g_clear_error (&error);

  /* Plain http is refused unless switched on */
  http_url = g_strdup_printf ("http://127.0.0.1:%u/bs/", ey_sim_server_get_port (bed.sim));
  g_assert_false (ey_site_client_set_base_url (client, http_url, &error));
  g_assert_error (error, EY_CORE_ERROR, EY_CORE_ERROR_INSECURE_URL);
  g_clear_error (&error);

  /* Links and redirects to other hosts are refused */
  {
    g_autoptr(GUri) uri = ey_site_client_resolve (bed.client, "https://evil.example/bs/login.go",
                                                  &error);
    g_assert_null (uri);
    g_assert_error (error, EY_CORE_ERROR, EY_CORE_ERROR_FOREIGN_REDIRECT);
    g_clear_error (&error);
  }
  g_clear_object (&session);
  bed_clear (&bed);
}

/* A tiny plain-http server that redirects everything to another host */
static void
redirect_handler (SoupServer        *server,
                  SoupServerMessage *msg,
                  const char        *path,
                  GHashTable        *query,
                  gpointer           user_data)
{
  soup_server_message_set_redirect (msg, SOUP_STATUS_FOUND, "https://evil.example/bs/login.go");
}

static void
test_foreign_redirect (void)
{
  g_autoptr(SoupServer) server = soup_server_new (NULL, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(EySiteProfile) profile = ey_site_profile_new_default (&error);
  g_autoptr(EySiteClient) client = NULL;
  g_autoptr(EySession) session = NULL;
  g_autofree char *url = NULL;
  GSList *uris;

  g_assert_no_error (error);
  soup_server_add_handler (server, NULL, redirect_handler, NULL, NULL);
  g_assert_true (soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error));
  uris = soup_server_get_uris (server);
  url = g_strdup_printf ("http://127.0.0.1:%d/bs/", g_uri_get_port (uris->data));
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  client = ey_site_client_new (profile);
  ey_site_client_set_allow_http (client, TRUE);
  g_assert_true (ey_site_client_set_base_url (client, url, &error));
  g_assert_no_error (error);
  session = ey_session_new (client);
  g_assert_false (s_load_sign_in (session, &error));
  g_assert_error (error, EY_CORE_ERROR, EY_CORE_ERROR_FOREIGN_REDIRECT);
  g_assert_cmpint (ey_session_get_step (session), ==, EY_SESSION_STEP_FAILED);
}

/* The site's sign-in error in words the profile does not know (a non-breaking
 * space did this): the sign-in page again is an error that names what was
 * expected and what came, never a success that asks for the CAPTCHA again. */
static void
test_sign_in_unknown_answer (void)
{
  Bed bed;
  g_autoptr(GError) error = NULL;
  g_autofree char *src = g_build_filename (g_getenv ("EY_SOURCE_ROOT"), "data", "site",
                                           "kamusm.xml", NULL);
  g_autofree char *text = NULL;
  g_autofree char *dir = g_dir_make_tmp ("ey-profile-XXXXXX", NULL);
  g_autofree char *file = g_build_filename (dir, "kamusm.xml", NULL);
  g_autofree char *changed = NULL;
  g_auto(GStrv) parts = NULL;

  g_assert_true (g_file_get_contents (src, &text, NULL, NULL));
  parts = g_strsplit (text, "'erişim parolası hatalı'", -1);
  g_assert_cmpuint (g_strv_length (parts), >=, 2);
  changed = g_strjoinv ("'erişim parolası YANLIŞ'", parts);
  g_assert_true (g_file_set_contents (file, changed, -1, NULL));

  bed_init (&bed, NULL, file);
  g_assert_true (s_load_sign_in (bed.session, &error));
  g_assert_no_error (error);
  g_assert_false (s_sign_in (bed.session, BED_CAPTCHA, AYSE, "wrong-password", &error));
  g_assert_error (error, EY_CORE_ERROR, EY_CORE_ERROR_UNEXPECTED_PAGE);
  /* Names what was expected (the order page or the form) and what came */
  g_assert_nonnull (strstr (error->message, ey_site_page_kind_get_label (EY_SITE_PAGE_KIND_ORDERS)));
  g_assert_nonnull (strstr (error->message, ey_site_page_kind_get_label (EY_SITE_PAGE_KIND_LOGIN)));
  g_clear_error (&error);
  g_assert_cmpint (ey_session_get_step (bed.session), ==, EY_SESSION_STEP_SIGN_IN);
  g_assert_cmpuint (ey_sim_server_count_events (bed.sim, "login-failed", NULL, NULL), ==, 1);
  /* A known refusal still reads as itself */
  g_assert_false (s_sign_in (bed.session, "WRONG", AYSE, AYSE_PW, &error));
  g_assert_error (error, EY_CORE_ERROR, EY_CORE_ERROR_CAPTCHA_WRONG);
  bed_clear (&bed);
  g_unlink (file);
  g_rmdir (dir);
}

static void
test_alt_profile (void)
{
  Bed bed;
  g_autoptr(GError) error = NULL;
  g_autofree char *file = g_build_filename (g_getenv ("EY_SOURCE_ROOT"), "data", "site",
                                            "kamusm-alt.xml", NULL);

  bed_init (&bed, "alt", file);
  walk_to_signing (&bed, AYSE, AYSE_PW);
  sign_and_submit (&bed, "ayse-rsa");
  g_assert_cmpint (ey_session_get_step (bed.session), ==, EY_SESSION_STEP_DONE);
  assert_event (&bed, "application-submitted", "method", "eonayli");
  bed_clear (&bed);
}

/* The alt site written differently on every page (upper case, no-break spaces,
 * ASCII Turkish, noise, wrapping, extra forms): one whole renewal still goes through. */
static void
test_alt_profile_varied (void)
{
  Bed bed;
  g_autofree char *file = g_build_filename (g_getenv ("EY_SOURCE_ROOT"), "data", "site",
                                            "kamusm-alt.xml", NULL);

  bed_init (&bed, "alt", file);
  ey_sim_server_set_variations (bed.sim, EY_SIM_VARIATION_ALL);
  walk_to_signing (&bed, AYSE, AYSE_PW);
  sign_and_submit (&bed, "ayse-rsa");
  g_assert_cmpint (ey_session_get_step (bed.session), ==, EY_SESSION_STEP_DONE);
  assert_event (&bed, "application-submitted", "method", "eonayli");
  bed_clear (&bed);
}

static void
test_error_messages (void)
{
  g_autoptr(GHashTable) nicks = g_hash_table_new (g_str_hash, g_str_equal);

  /* Every code has its own nick and a sentence that says what to do */
  for (int code = EY_CORE_ERROR_FAILED; code <= EY_CORE_ERROR_APPLICATION_LOST; code++)
    {
      g_autoptr(GError) error = ey_core_error_new (code);

      g_assert_true (g_hash_table_add (nicks, (gpointer) ey_core_error_nick (code)));
      g_assert_cmpuint (strlen (error->message), >, 5);
    }
  g_assert_cmpint (ey_core_error_from_sign_outcome (EY_SIGN_OUTCOME_IDENTITY_MISMATCH), ==,
                   EY_CORE_ERROR_CERTIFICATE_WRONG_PERSON);
  g_assert_cmpint (ey_core_error_from_sign_outcome (EY_SIGN_OUTCOME_CODE_UNKNOWN), ==,
                   EY_CORE_ERROR_SIGNATURE_CODE_UNKNOWN);
  g_assert_cmpint (ey_core_error_from_sign_outcome (EY_SIGN_OUTCOME_REFUSED), ==,
                   EY_CORE_ERROR_SIGNATURE_REFUSED);
}

int
main (int   argc,
      char *argv[])
{
  ey_site_client_init_tls_policy ();
  g_test_init (&argc, &argv, NULL);
  g_setenv ("G_MESSAGES_DEBUG", "all", TRUE);
  log_text = g_string_new (NULL);
  g_log_set_writer_func (capture_writer, NULL, NULL);

  g_test_add_func ("/session/error-messages", test_error_messages);
  g_test_add_func ("/session/eonay-path", test_eonay_path);
  g_test_add_func ("/session/alt-profile-varied", test_alt_profile_varied);
  g_test_add_func ("/session/esigned-path", test_esigned_path);
  g_test_add_func ("/session/wet-path", test_wet_path);
  g_test_add_func ("/session/no-order", test_no_order);
  g_test_add_func ("/session/forgot-password", test_forgot_password);
  g_test_add_func ("/session/sms-expired", test_sms_expired);
  g_test_add_func ("/session/signature-refused", test_signature_refused);
  g_test_add_func ("/session/expired-certificate", test_expired_certificate);
  g_test_add_func ("/session/session-expired", test_session_expired);
  g_test_add_func ("/session/transport-faults", test_transport_faults);
  g_test_add_func ("/session/submit-retry-after-500", test_submit_retry_after_500);
  g_test_add_func ("/session/recovery-resume", test_recovery_resume);
  g_test_add_func ("/session/recovery-already-submitted", test_recovery_already_submitted);
  g_test_add_func ("/session/recovery-lost", test_recovery_lost);
  g_test_add_func ("/session/recovery-esigned", test_recovery_esigned);
  g_test_add_func ("/session/recovery-went-wet", test_recovery_went_wet);
  g_test_add_func ("/session/cancel", test_cancel);
  g_test_add_func ("/session/tls-and-hosts", test_tls_and_hosts);
  g_test_add_func ("/session/foreign-redirect", test_foreign_redirect);
  g_test_add_func ("/session/alt-profile", test_alt_profile);
  g_test_add_func ("/session/sign-in-unknown-answer", test_sign_in_unknown_answer);
  return g_test_run ();
}
