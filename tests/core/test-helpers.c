/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-helpers"

#include "config.h"

#include <string.h>
#include <glib/gstdio.h>

#include "ey-core-error.h"
#include "ey-site-client-private.h"
#include "ey-site-profile-private.h"
#include "test-helpers.h"
#include "ey-session-private.h"

void
bed_init (Bed        *bed,
          const char *variant,
          const char *profile_file)
{
  g_autoptr(GError) error = NULL;
  EySimOptions opts;

  memset (bed, 0, sizeof *bed);
  ey_test_sim_options (&opts, BED_CAPTCHA);
  opts.control = TRUE;
  opts.variant = variant;
  opts.slow_ms = 3000;
  bed->sim = ey_test_sim_start (&opts);

  if (profile_file)
    bed->profile = ey_site_profile_new_from_file (profile_file, &error);
  else
    bed->profile = ey_site_profile_new_default (&error);
  g_assert_no_error (error);

  bed->client = ey_site_client_new (bed->profile);
  g_assert_true (ey_site_client_set_base_url (bed->client, ey_sim_server_get_base_url (bed->sim),
                                              &error));
  g_assert_no_error (error);
  ey_site_client_set_pinned_cert (bed->client, ey_sim_server_get_certificate (bed->sim));
  ey_site_client_set_retry_delay (bed->client, 20);
  ey_site_client_set_timeout (bed->client, 10);

  bed->session = ey_session_new (bed->client);
  bed->state_dir = g_dir_make_tmp ("ey-session-XXXXXX", &error);
  g_assert_no_error (error);
  bed->recovery_file = g_build_filename (bed->state_dir, "eimza-yenile", "pending.ini", NULL);
  ey_session_set_recovery_path (bed->session, bed->recovery_file);
}

void
bed_clear (Bed *bed)
{
  g_autofree char *dir = NULL;

  g_assert_finalize_object (bed->session);
  g_clear_object (&bed->client);
  g_clear_object (&bed->profile);
  ey_sim_server_stop (bed->sim);
  g_clear_object (&bed->sim);

  g_unlink (bed->recovery_file);
  dir = g_path_get_dirname (bed->recovery_file);
  g_rmdir (dir);
  g_rmdir (bed->state_dir);
  g_clear_pointer (&bed->recovery_file, g_free);
  g_clear_pointer (&bed->state_dir, g_free);
}

GBytes *
sign_with_openssl (GBytes     *data,
                   const char *who,
                   gboolean    cades)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GBytes) out = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autofree char *cert = g_strdup_printf ("%s.pem", who);
  g_autofree char *key = g_strdup_printf ("%s.key", who);

  g_ptr_array_add (argv, (char *) "openssl");
  g_ptr_array_add (argv, (char *) "cms");
  g_ptr_array_add (argv, (char *) "-sign");
  if (cades)
    g_ptr_array_add (argv, (char *) "-cades");
  g_ptr_array_add (argv, (char *) "-binary");
  g_ptr_array_add (argv, (char *) "-nodetach");
  g_ptr_array_add (argv, (char *) "-md");
  g_ptr_array_add (argv, (char *) "sha256");
  g_ptr_array_add (argv, (char *) "-outform");
  g_ptr_array_add (argv, (char *) "DER");
  g_ptr_array_add (argv, (char *) "-signer");
  g_ptr_array_add (argv, (char *) test_pki_file (cert));
  g_ptr_array_add (argv, (char *) "-inkey");
  g_ptr_array_add (argv, (char *) test_pki_file (key));
  g_ptr_array_add (argv, NULL);

  proc = g_subprocess_newv ((const char * const *) argv->pdata,
                            G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error);
  g_assert_no_error (error);
  g_subprocess_communicate (proc, data, NULL, &out, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_successful (proc));
  g_assert_cmpuint (g_bytes_get_size (out), >, 100);
  return g_steal_pointer (&out);
}

char *
sim_sms_code (Bed        *bed,
              const char *identity)
{
  char *code = ey_sim_server_get_last_sms_code (bed->sim, identity);

  g_assert_nonnull (code);
  return code;
}

#define SYNC_BOOL(name, call, finish, ...) \
  { \
    g_autoptr(GAsyncResult) res = NULL; \
    call (s, ##__VA_ARGS__, NULL, store_result_cb, &res); \
    return finish (s, wait_for (&res), error); \
  }

gboolean s_load_sign_in (EySession *s, GError **error)
SYNC_BOOL (s, ey_session_load_sign_in_async, ey_session_load_sign_in_finish)

gboolean s_load_forgot (EySession *s, GError **error)
SYNC_BOOL (s, ey_session_load_forgot_async, ey_session_load_forgot_finish)

gboolean s_sign_in (EySession *s, const char *captcha, const char *identity,
                    const char *password, GError **error)
SYNC_BOOL (s, ey_session_sign_in_async, ey_session_sign_in_finish, captcha, identity, password)

gboolean s_forgot (EySession *s, const char *captcha, const char *identity, GError **error)
SYNC_BOOL (s, ey_session_forgot_password_async, ey_session_forgot_password_finish, captcha, identity)

gboolean s_choose_order (EySession *s, const char *order_id, GError **error)
SYNC_BOOL (s, ey_session_choose_order_async, ey_session_choose_order_finish, order_id)

gboolean s_submit_form (EySession *s, GError **error)
SYNC_BOOL (s, ey_session_submit_form_async, ey_session_submit_form_finish)

gboolean s_send_sms (EySession *s, GError **error)
SYNC_BOOL (s, ey_session_send_sms_async, ey_session_send_sms_finish)

gboolean s_back_to_form (EySession *s, GError **error)
SYNC_BOOL (s, ey_session_back_to_form_async, ey_session_back_to_form_finish)

gboolean s_submit_sms_code (EySession *s, const char *code, GError **error)
SYNC_BOOL (s, ey_session_submit_sms_code_async, ey_session_submit_sms_code_finish, code)

gboolean s_request_sms_code (EySession *s, GError **error)
SYNC_BOOL (s, ey_session_request_sms_code_async, ey_session_request_sms_code_finish)

gboolean s_choose_eonay (EySession *s, gboolean yes, GError **error)
SYNC_BOOL (s, ey_session_choose_eonay_async, ey_session_choose_eonay_finish, yes)

gboolean s_accept_consent (EySession *s, GError **error)
SYNC_BOOL (s, ey_session_accept_consent_async, ey_session_accept_consent_finish)

GBytes *s_fetch_sign_data (EySession *s, GError **error)
SYNC_BOOL (s, ey_session_fetch_sign_data_async, ey_session_fetch_sign_data_finish)

gboolean s_renew_code (EySession *s, GError **error)
SYNC_BOOL (s, ey_session_renew_code_async, ey_session_renew_code_finish)

gboolean s_submit_signature (EySession *s, GBytes *cms, GError **error)
SYNC_BOOL (s, ey_session_submit_signature_async, ey_session_submit_signature_finish, cms)

gboolean s_choose_method (EySession *s, EySessionMethod method, GError **error)
SYNC_BOOL (s, ey_session_choose_method_async, ey_session_choose_method_finish, method)

gboolean s_refresh (EySession *s, GError **error)
SYNC_BOOL (s, ey_session_refresh_async, ey_session_refresh_finish)

GBytes *s_fetch_pdf (EySession *s, GError **error)
SYNC_BOOL (s, ey_session_fetch_pdf_async, ey_session_fetch_pdf_finish)

void
walk_sign_in (Bed        *bed,
              const char *identity,
              const char *password)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (s_load_sign_in (bed->session, &error));
  g_assert_no_error (error);
  g_assert_cmpint (ey_session_get_step (bed->session), ==, EY_SESSION_STEP_SIGN_IN);
  g_assert_nonnull (ey_session_get_captcha (bed->session));
  g_assert_true (s_sign_in (bed->session, BED_CAPTCHA, identity, password, &error));
  g_assert_no_error (error);
  g_assert_cmpint (ey_session_get_step (bed->session), ==, EY_SESSION_STEP_ORDERS);
}

void
walk_to_form (Bed        *bed,
              const char *identity,
              const char *password)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *orders;

  walk_sign_in (bed, identity, password);
  orders = ey_session_get_orders (bed->session);
  g_assert_cmpuint (orders->len, >=, 1);
  g_assert_true (s_choose_order (bed->session,
                                 ((EySessionOrder *) g_ptr_array_index (orders, 0))->id, &error));
  g_assert_no_error (error);
  g_assert_cmpint (ey_session_get_step (bed->session), ==, EY_SESSION_STEP_FORM);
}

void
walk_to_eonay_choice (Bed        *bed,
                      const char *identity,
                      const char *password)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *code = NULL;

  walk_to_form (bed, identity, password);
  /* The security word is not prefilled by the site */
  ey_session_set_form_value (bed->session, "security_word", "gizli-sozcuk");
  ey_session_set_form_value (bed->session, "security_word_again", "gizli-sozcuk");
  g_assert_true (s_submit_form (bed->session, &error));
  g_assert_no_error (error);
  g_assert_cmpint (ey_session_get_step (bed->session), ==, EY_SESSION_STEP_SMS_SEND);
  g_assert_true (s_send_sms (bed->session, &error));
  g_assert_no_error (error);
  g_assert_cmpint (ey_session_get_step (bed->session), ==, EY_SESSION_STEP_SMS_CODE);
  code = sim_sms_code (bed, identity);
  g_assert_true (s_submit_sms_code (bed->session, code, &error));
  g_assert_no_error (error);
  g_assert_cmpint (ey_session_get_step (bed->session), ==, EY_SESSION_STEP_EONAY_CHOICE);
}

void
walk_to_signing (Bed        *bed,
                 const char *identity,
                 const char *password)
{
  g_autoptr(GError) error = NULL;

  walk_to_eonay_choice (bed, identity, password);
  g_assert_true (s_choose_eonay (bed->session, TRUE, &error));
  g_assert_no_error (error);
  g_assert_cmpint (ey_session_get_step (bed->session), ==, EY_SESSION_STEP_CONSENT);
  g_assert_true (s_accept_consent (bed->session, &error));
  g_assert_no_error (error);
  g_assert_cmpint (ey_session_get_step (bed->session), ==, EY_SESSION_STEP_SIGNING);
}
