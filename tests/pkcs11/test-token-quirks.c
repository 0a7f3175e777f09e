/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The PKCS#11 quirks of real cards, through the quirky module (a wrapper around
 * SoftHSM2 loaded unmanaged, like a vendor module the card DB names): C_Initialize
 * that only takes NULL, login per session, PIN lockout after three wrong PINs, PIN
 * pad, card removal, a module that is already initialised. */
#define G_LOG_DOMAIN "test-token-quirks"

#include "config.h"

#include <dlfcn.h>
#include <string.h>

#include <p11-kit/pkcs11.h>

#include "ey-card-db-private.h"
#include "ey-card-type.h"
#include "ey-signer.h"
#include "ey-token-error.h"
#include "ey-token-manager.h"
#include "ey-token-private.h"
#include "token-fixture.h"
#include "ey-token-layer.h"
#include "ey-pin-private.h"

#define AYSE "12345678950"
#define PIN  "123456"

static unsigned int (*quirky_login_calls) (void);
static unsigned int (*quirky_init_with_args_refused) (void);
static void         (*quirky_reset) (void);
static void         (*quirky_set_removed) (int);
static void         (*quirky_set_pin_pad) (const char *);

static EyTokenManager *manager;
static GPtrArray      *tokens;

static const char sign_text[] = "KamuSM E-Onay\nKimlik No: 12345678950\n";

static void
bind_quirky (void)
{
  /* Same handle as the one p11-kit opened for the manager. */
  void *handle = dlopen (g_getenv ("EY_QUIRKY_MODULE"), RTLD_NOW | RTLD_LOCAL);

  g_assert_nonnull (handle);
  quirky_login_calls = (unsigned int (*) (void)) dlsym (handle, "ey_quirky_login_calls");
  quirky_init_with_args_refused =
    (unsigned int (*) (void)) dlsym (handle, "ey_quirky_init_with_args_refused");
  quirky_reset = (void (*) (void)) dlsym (handle, "ey_quirky_reset");
  quirky_set_removed = (void (*) (int)) dlsym (handle, "ey_quirky_set_removed");
  quirky_set_pin_pad = (void (*) (const char *)) dlsym (handle, "ey_quirky_set_pin_pad");
  g_assert_nonnull (quirky_login_calls);
  g_assert_nonnull (quirky_set_pin_pad);
}

static void
list_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  gboolean *done = user_data;
  g_autoptr(GError) error = NULL;

  g_clear_pointer (&tokens, g_ptr_array_unref);
  tokens = ey_token_manager_list_tokens_finish (EY_TOKEN_MANAGER (source), result, &error);
  g_assert_no_error (error);
  *done = TRUE;
}

static void
list_tokens (void)
{
  gboolean done = FALSE;

  ey_token_manager_list_tokens_async (manager, NULL, list_cb, &done);
  token_fixture_wait (&done);
}

static EyCertificate *
certificate_on (const char *label,
                const char *module_name)
{
  for (guint i = 0; i < tokens->len; i++)
    {
      EyToken *token = g_ptr_array_index (tokens, i);

      if (g_strcmp0 (ey_token_get_label (token), label) == 0
          && g_strcmp0 (ey_token_get_module_name (token), module_name) == 0)
        return g_ptr_array_index (ey_token_get_certificates (token), 0);
    }
  g_error ("No token %s in %s", label, module_name);
  return NULL;
}

static EyCertificate *
quirky_certificate (const char *label)
{
  return certificate_on (label, "libey-quirky-pkcs11.so");
}

static GBytes *
sign (EyCertificate *cert,
      const char    *pin_text,
      EySignFlags    flags,
      GError       **error)
{
  g_autoptr(GBytes) data = g_bytes_new_static (sign_text, strlen (sign_text));

  return token_fixture_sign (cert, data, pin_text, flags, AYSE, NULL, error);
}

static void
test_initialize_null (void)
{
  list_tokens ();
  /* The manager tried OS locking first, got CKR_ARGUMENTS_BAD, then used NULL. */
  g_assert_cmpuint (quirky_init_with_args_refused (), ==, 1);
  g_assert_true (ey_certificate_can_sign (quirky_certificate ("QUIRKY")));
}

static void
test_sign_in_login_session (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) cms = NULL;

  quirky_reset ();
  /* The module refuses C_SignInit outside the session that logged in. */
  cms = sign (quirky_certificate ("QUIRKY"), PIN, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (quirky_login_calls (), ==, 1);
  g_bytes_unref (token_fixture_verify_cms (cms));
}

static void
test_pin_lockout (void)
{
  g_autoptr(GError) error = NULL;
  EyCertificate *cert = quirky_certificate ("LOCKME");
  EyToken *token = ey_certificate_get_token (cert);

  quirky_reset ();

  /* First wrong PIN: one C_Login, no retry, count low. */
  g_assert_null (sign (cert, "111111", 0, &error));
  g_assert_error (error, EY_TOKEN_ERROR, CKR_PIN_INCORRECT);
  g_assert_cmpuint (quirky_login_calls (), ==, 1);
  g_assert_cmpuint (ey_token_error_get_pin_flags (error)
                    & (EY_PIN_COUNT_LOW | EY_PIN_FINAL_TRY | EY_PIN_LOCKED), ==,
                    EY_PIN_COUNT_LOW);
  g_clear_error (&error);

  /* Second: the card is now at its final try. */
  g_assert_null (sign (cert, "222222", 0, &error));
  g_assert_error (error, EY_TOKEN_ERROR, CKR_PIN_INCORRECT);
  g_assert_cmpuint (quirky_login_calls (), ==, 2);
  g_assert_true (ey_token_error_get_pin_flags (error) & EY_PIN_FINAL_TRY);
  g_assert_true (ey_token_get_pin_flags (token) & EY_PIN_FINAL_TRY);
  g_clear_error (&error);

  /* Not confirmed: refused before the PIN reaches the card. */
  g_assert_null (sign (cert, PIN, 0, &error));
  g_assert_error (error, EY_TOKEN_ERROR, EY_TOKEN_ERROR_FINAL_TRY_NOT_CONFIRMED);
  g_assert_cmpuint (quirky_login_calls (), ==, 2);
  g_clear_error (&error);

  /* Confirmed, and wrong again: locked, reported as such. */
  g_assert_null (sign (cert, "333333", EY_SIGN_CONFIRMED_FINAL_TRY, &error));
  g_assert_error (error, EY_TOKEN_ERROR, CKR_PIN_LOCKED);
  g_assert_true (ey_token_error_get_pin_flags (error) & EY_PIN_LOCKED);
  g_assert_cmpuint (quirky_login_calls (), ==, 3);
  g_assert_true (ey_token_get_pin_flags (token) & EY_PIN_LOCKED);
  g_clear_error (&error);

  /* Locked: even the right PIN is not sent. */
  g_assert_null (sign (cert, PIN, EY_SIGN_CONFIRMED_FINAL_TRY, &error));
  g_assert_error (error, EY_TOKEN_ERROR, CKR_PIN_LOCKED);
  g_assert_cmpuint (quirky_login_calls (), ==, 3);
  g_clear_error (&error);

  quirky_reset ();
}

static void
test_final_try_confirmed (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) cms = NULL;
  EyCertificate *cert = quirky_certificate ("QUIRKY");

  quirky_reset ();
  g_assert_null (sign (cert, "111111", 0, &error));
  g_clear_error (&error);
  g_assert_null (sign (cert, "111111", 0, &error));
  g_clear_error (&error);
  cms = sign (cert, PIN, EY_SIGN_CONFIRMED_FINAL_TRY, &error);
  g_assert_no_error (error);
  g_assert_nonnull (cms);
  g_assert_false (ey_token_get_pin_flags (ey_certificate_get_token (cert))
                  & (EY_PIN_FINAL_TRY | EY_PIN_COUNT_LOW));
}

static void
refresh_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  gboolean *done = user_data;
  g_autoptr(GError) error = NULL;

  g_assert_true (ey_token_refresh_finish (EY_TOKEN (source), result, &error));
  g_assert_no_error (error);
  *done = TRUE;
}

static void
test_pin_pad (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) cms = NULL;
  EyCertificate *cert = quirky_certificate ("QUIRKY");
  EyToken *token = ey_certificate_get_token (cert);
  gboolean done = FALSE;

  quirky_reset ();
  /* No PIN and no PIN pad: asked for a PIN, nothing sent. */
  g_assert_null (sign (cert, NULL, 0, &error));
  g_assert_error (error, EY_TOKEN_ERROR, EY_TOKEN_ERROR_PIN_REQUIRED);
  g_assert_cmpuint (quirky_login_calls (), ==, 0);
  g_clear_error (&error);

  quirky_set_pin_pad (PIN);
  ey_token_refresh_async (token, NULL, refresh_cb, &done);
  token_fixture_wait (&done);
  g_assert_true (ey_token_has_pin_pad (token));

  cms = sign (cert, NULL, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (quirky_login_calls (), ==, 1);
  g_bytes_unref (token_fixture_verify_cms (cms));
  quirky_reset ();
}

static void
test_removed (void)
{
  g_autoptr(GError) error = NULL;
  EyCertificate *cert = quirky_certificate ("QUIRKY");

  quirky_reset ();
  quirky_set_removed (1);
  g_assert_null (sign (cert, PIN, 0, &error));
  g_assert_true (ey_token_error_is_token_removed (error));
  g_assert_error (error, EY_TOKEN_ERROR, CKR_DEVICE_REMOVED);
  g_assert_true (ey_token_get_removed (ey_certificate_get_token (cert)));
  quirky_reset ();
}

/* The flag logic against made-up CK_TOKEN_INFO flags. */
static void
test_flag_logic (void)
{
  g_autoptr(GError) low = NULL;
  g_autoptr(GError) final = NULL;
  g_autoptr(GError) locked = NULL;
  g_autoptr(GError) plain = NULL;
  g_autoptr(GError) removed = NULL;
  CK_TOKEN_INFO info = { 0, };

  info.flags = CKF_LOGIN_REQUIRED | CKF_TOKEN_INITIALIZED | CKF_USER_PIN_INITIALIZED;
  g_assert_cmpuint (ey_pin_flags_from_ck_flags (info.flags), ==, EY_PIN_LOGIN_REQUIRED);
  info.flags |= CKF_USER_PIN_COUNT_LOW | CKF_PROTECTED_AUTHENTICATION_PATH;
  g_assert_cmpuint (ey_pin_flags_from_ck_flags (info.flags), ==,
                    EY_PIN_LOGIN_REQUIRED | EY_PIN_COUNT_LOW | EY_PIN_PAD);
  info.flags = CKF_USER_PIN_FINAL_TRY | CKF_USER_PIN_LOCKED | CKF_USER_PIN_TO_BE_CHANGED;
  g_assert_cmpuint (ey_pin_flags_from_ck_flags (info.flags), ==,
                    EY_PIN_FINAL_TRY | EY_PIN_LOCKED | EY_PIN_TO_BE_CHANGED);

  g_assert_null (ey_pin_flags_describe (EY_PIN_LOGIN_REQUIRED | EY_PIN_PAD));
  g_assert_nonnull (ey_pin_flags_describe (EY_PIN_COUNT_LOW));
  /* Locked wins over final try. */
  g_assert_cmpstr (ey_pin_flags_describe (EY_PIN_LOCKED | EY_PIN_FINAL_TRY), ==,
                   ey_pin_flags_describe (EY_PIN_LOCKED));

  plain = _ey_token_error_new_rv (CKR_PIN_INCORRECT, "C_Login", 0);
  low = _ey_token_error_new_rv (CKR_PIN_INCORRECT, "C_Login", EY_PIN_COUNT_LOW);
  final = _ey_token_error_new_rv (CKR_PIN_INCORRECT, "C_Login",
                                  EY_PIN_COUNT_LOW | EY_PIN_FINAL_TRY);
  locked = _ey_token_error_new_rv (CKR_PIN_INCORRECT, "C_Login", EY_PIN_LOCKED);
  g_assert_cmpstr (plain->message, !=, low->message);
  g_assert_cmpstr (low->message, !=, final->message);
  g_assert_cmpstr (final->message, !=, locked->message);
  g_assert_cmpuint (ey_token_error_get_pin_flags (final), ==,
                    EY_PIN_COUNT_LOW | EY_PIN_FINAL_TRY);
  g_assert_nonnull (strstr (ey_token_error_get_detail (plain), "C_Login"));

  removed = _ey_token_error_new_rv (CKR_SESSION_HANDLE_INVALID, "C_Sign", 0);
  g_assert_true (ey_token_error_is_token_removed (removed));
  g_assert_false (ey_token_error_is_pin_error (removed));
  g_clear_error (&removed);
  removed = _ey_token_error_new_rv (CKR_TOKEN_NOT_PRESENT, "C_OpenSession", 0);
  g_assert_true (ey_token_error_is_token_removed (removed));

  /* Extended error data survives a copy (GTask and callers copy errors). */
  {
    g_autoptr(GError) copy = g_error_copy (final);

    g_assert_cmpuint (ey_token_error_get_pin_flags (copy), ==,
                      EY_PIN_COUNT_LOW | EY_PIN_FINAL_TRY);
    g_assert_cmpstr (ey_token_error_get_detail (copy), ==, ey_token_error_get_detail (final));
  }
}

static void
test_find_module_path (void)
{
  g_autofree char *softhsm = ey_token_manager_find_module_path ("softhsm2");
  g_autofree char *missing = ey_token_manager_find_module_path ("ey-no-such-module");
  g_autofree char *absolute = ey_token_manager_find_module_path (g_getenv ("EY_QUIRKY_MODULE"));

  g_assert_nonnull (softhsm);
  g_assert_true (g_str_has_suffix (softhsm, "/libsofthsm2.so"));
  g_assert_null (missing);
  g_assert_cmpstr (absolute, ==, g_getenv ("EY_QUIRKY_MODULE"));
}

/* The card DB names the module for the inserted card; it is added only if installed. */
static void
test_card_type_module (void)
{
  g_autoptr(EyTokenManager) other = ey_token_manager_new ();
  EyCardType *akis = ey_card_db_lookup_hex (ey_card_db_get_default (),
                                            "3BBA11008131FE4D55454B41452056312E30AE");
  g_autofree char *installed = NULL;

  g_assert_nonnull (akis);
  g_assert_cmpstr (ey_card_type_get_id (akis), ==, "akis");
  installed = ey_card_type_find_module (akis);
  g_assert_cmpint (ey_token_manager_add_card_type (other, akis), ==, installed != NULL);
}

/* SoftHSM itself, added as a second module, is already initialised (the quirky
 * module initialised it): shared, not an error. */
static void
test_already_initialized (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) cms = NULL;

  ey_token_manager_add_module (manager, "softhsm2");
  /* Asking twice for the same file loads it once. */
  ey_token_manager_add_module (manager, "libsofthsm2.so");
  list_tokens ();
  g_assert_cmpuint (tokens->len, ==, 4);

  cms = sign (certificate_on ("QUIRKY", "libsofthsm2.so"), PIN, 0, &error);
  g_assert_no_error (error);
  g_bytes_unref (token_fixture_verify_cms (cms));
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *dir = NULL;
  int ret;

  token_fixture_take_args (&argc, &argv);
  g_test_init (&argc, &argv, NULL);

  dir = token_fixture_setup ();
  token_fixture_make_token (dir, "QUIRKY", PIN, "ayse-rsa", "01");
  token_fixture_make_token (dir, "LOCKME", PIN, "ayse-ecdsa", "01");

  manager = ey_token_manager_new ();
  ey_token_manager_set_use_registered (manager, FALSE);
  ey_token_manager_add_module (manager, g_getenv ("EY_QUIRKY_MODULE"));

  g_test_add_func ("/token-quirks/flag-logic", test_flag_logic);
  g_test_add_func ("/token-quirks/find-module-path", test_find_module_path);
  g_test_add_func ("/token-quirks/initialize-null", test_initialize_null);
  g_test_add_func ("/token-quirks/sign-in-login-session", test_sign_in_login_session);
  g_test_add_func ("/token-quirks/pin-lockout", test_pin_lockout);
  g_test_add_func ("/token-quirks/final-try-confirmed", test_final_try_confirmed);
  g_test_add_func ("/token-quirks/pin-pad", test_pin_pad);
  g_test_add_func ("/token-quirks/removed", test_removed);
  g_test_add_func ("/token-quirks/card-type-module", test_card_type_module);
  g_test_add_func ("/token-quirks/already-initialized", test_already_initialized);

  /* The quirky module is loaded by the first listing; bind after it. */
  list_tokens ();
  bind_quirky ();

  ret = g_test_run ();

  g_clear_pointer (&tokens, g_ptr_array_unref);
  g_clear_object (&manager);
  ey_token_layer_shutdown ();
  token_fixture_teardown (g_steal_pointer (&dir));
  return ret;
}
