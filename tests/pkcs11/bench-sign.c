/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Time of one full signature (open session, login, find the key, CMS SignedData with
 * CAdES-BES attributes, logout) against session + login + C_Sign + logout, and a bare
 * C_SignInit + C_Sign (already logged in), through the same module (SoftHSM2), for
 * RSA-2048 and ECDSA P-256.
 * Usage: bench-sign MAKE-TOKEN PKI-DIR QUIRKY [iterations] */
#define G_LOG_DOMAIN "bench-sign"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <p11-kit/p11-kit.h>
#include <p11-kit/pkcs11.h>

#include "ey-signer-private.h"
#include "ey-token-manager.h"
#include "token-fixture.h"
#include "ey-token-layer.h"

#define PIN "123456"

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return (x > y) - (x < y);
}

static void
report (const char *what,
        GArray     *times)
{
  g_array_sort (times, compare_doubles);
  g_print ("%-34s n=%-4u min %8.3f ms   median %8.3f ms\n", what, times->len,
           g_array_index (times, double, 0), g_array_index (times, double, times->len / 2));
}

static EyCertificate *
certificate_on (GPtrArray  *tokens,
                const char *label)
{
  for (guint i = 0; i < tokens->len; i++)
    if (g_strcmp0 (ey_token_get_label (g_ptr_array_index (tokens, i)), label) == 0)
      return g_ptr_array_index (ey_token_get_certificates (g_ptr_array_index (tokens, i)), 0);
  g_error ("no token %s", label);
  return NULL;
}

static void
bench_full (EyCertificate *cert,
            const char    *what,
            guint          n)
{
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GBytes) data = g_bytes_new_static ("KamuSM E-Onay benchmark", 23);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(EyPin) pin = ey_pin_new (PIN, -1);
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) cms = NULL;
      gint64 start = g_get_monotonic_time ();
      double ms;

      cms = ey_signer_sign (cert, data, pin, 0, "12345678950", NULL, &error);
      ms = (g_get_monotonic_time () - start) / 1000.0;
      g_assert_no_error (error);
      g_array_append_val (times, ms);
    }
  report (what, times);
}

/* A session on @slot, logged in, and its private key of @key_type. */
static CK_OBJECT_HANDLE
open_key (CK_FUNCTION_LIST  *funcs,
          CK_SLOT_ID         slot,
          CK_KEY_TYPE        key_type,
          CK_SESSION_HANDLE *session)
{
  CK_OBJECT_CLASS klass = CKO_PRIVATE_KEY;
  CK_ATTRIBUTE template[] = {
    { CKA_CLASS, &klass, sizeof klass },
    { CKA_KEY_TYPE, &key_type, sizeof key_type },
  };
  CK_OBJECT_HANDLE key;
  CK_ULONG count = 0;

  g_assert_cmpuint (funcs->C_OpenSession (slot, CKF_SERIAL_SESSION, NULL, NULL, session),
                    ==, CKR_OK);
  g_assert_cmpuint (funcs->C_Login (*session, CKU_USER, (CK_UTF8CHAR_PTR) PIN, strlen (PIN)),
                    ==, CKR_OK);
  g_assert_cmpuint (funcs->C_FindObjectsInit (*session, template, 2), ==, CKR_OK);
  g_assert_cmpuint (funcs->C_FindObjects (*session, &key, 1, &count), ==, CKR_OK);
  funcs->C_FindObjectsFinal (*session);
  g_assert_cmpuint (count, ==, 1);
  return key;
}

/* The floor: the token's own signature, session and login already done. */
static void
bench_bare (CK_FUNCTION_LIST *funcs,
            CK_SLOT_ID        slot,
            CK_KEY_TYPE       key_type,
            CK_MECHANISM_TYPE mech_type,
            const char       *what,
            guint             n)
{
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
  CK_MECHANISM mech = { mech_type, NULL, 0 };
  CK_SESSION_HANDLE session;
  CK_OBJECT_HANDLE key = open_key (funcs, slot, key_type, &session);
  guint8 input[32] = { 1, 2, 3 };

  for (guint i = 0; i < n; i++)
    {
      guint8 signature[512];
      CK_ULONG length = sizeof signature;
      gint64 start = g_get_monotonic_time ();
      double ms;

      g_assert_cmpuint (funcs->C_SignInit (session, &mech, key), ==, CKR_OK);
      g_assert_cmpuint (funcs->C_Sign (session, input, sizeof input, signature, &length),
                        ==, CKR_OK);
      ms = (g_get_monotonic_time () - start) / 1000.0;
      g_array_append_val (times, ms);
    }
  funcs->C_Logout (session);
  funcs->C_CloseSession (session);
  report (what, times);
}

/* Session + login + C_Sign + logout, no CMS: what the full sign adds on top. */
static void
bench_login_sign (CK_FUNCTION_LIST *funcs,
                  CK_SLOT_ID        slot,
                  CK_KEY_TYPE       key_type,
                  CK_MECHANISM_TYPE mech_type,
                  const char       *what,
                  guint             n)
{
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
  CK_MECHANISM mech = { mech_type, NULL, 0 };
  guint8 input[32] = { 1, 2, 3 };

  for (guint i = 0; i < n; i++)
    {
      CK_SESSION_HANDLE session;
      CK_OBJECT_HANDLE key;
      guint8 signature[512];
      CK_ULONG length = sizeof signature;
      gint64 start = g_get_monotonic_time ();
      double ms;

      key = open_key (funcs, slot, key_type, &session);
      g_assert_cmpuint (funcs->C_SignInit (session, &mech, key), ==, CKR_OK);
      g_assert_cmpuint (funcs->C_Sign (session, input, sizeof input, signature, &length),
                        ==, CKR_OK);
      funcs->C_Logout (session);
      funcs->C_CloseSession (session);
      ms = (g_get_monotonic_time () - start) / 1000.0;
      g_array_append_val (times, ms);
    }
  report (what, times);
}

static CK_SLOT_ID
slot_of (CK_FUNCTION_LIST *funcs,
         const char       *label)
{
  CK_SLOT_ID slots[16];
  CK_ULONG n = G_N_ELEMENTS (slots);

  g_assert_cmpuint (funcs->C_GetSlotList (CK_TRUE, slots, &n), ==, CKR_OK);
  for (CK_ULONG i = 0; i < n; i++)
    {
      CK_TOKEN_INFO info;

      if (funcs->C_GetTokenInfo (slots[i], &info) == CKR_OK
          && strncmp ((const char *) info.label, label, strlen (label)) == 0
          && info.label[strlen (label)] == ' ')
        return slots[i];
    }
  g_error ("no slot %s", label);
  return 0;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GPtrArray) tokens = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(EyTokenManager) manager = NULL;
  g_autofree char *module_path = NULL;
  g_autofree char *dir = NULL;
  CK_FUNCTION_LIST *funcs;
  guint n = 50;

  token_fixture_take_args (&argc, &argv);
  if (argc > 1)
    n = MAX (3, atoi (argv[1]));

  dir = token_fixture_setup ();
  token_fixture_make_token (dir, "BENCHRSA", PIN, "ayse-rsa", "01");
  token_fixture_make_token (dir, "BENCHEC", PIN, "ayse-ecdsa", "01");

  /* Both measured through the same unmanaged SoftHSM2 instance. */
  module_path = ey_token_manager_find_module_path ("softhsm2");
  g_assert_nonnull (module_path);
  manager = ey_token_manager_new ();
  ey_token_manager_set_use_registered (manager, FALSE);
  ey_token_manager_add_module (manager, module_path);
  tokens = ey_token_manager_list_tokens (manager, NULL, &error);
  g_assert_no_error (error);

  funcs = p11_kit_module_load (module_path, P11_KIT_MODULE_UNMANAGED);
  g_assert_nonnull (funcs);

  g_print ("SoftHSM2 %s, %u iterations each\n", module_path, n);
  bench_full (certificate_on (tokens, "BENCHRSA"), "full sign (CMS), RSA-2048", n);
  bench_login_sign (funcs, slot_of (funcs, "BENCHRSA"), CKK_RSA, CKM_SHA256_RSA_PKCS,
                    "login + C_Sign + logout, RSA-2048", n);
  bench_bare (funcs, slot_of (funcs, "BENCHRSA"), CKK_RSA, CKM_SHA256_RSA_PKCS,
              "bare C_Sign, RSA-2048", n);
  bench_full (certificate_on (tokens, "BENCHEC"), "full sign (CMS), ECDSA P-256", n);
  bench_login_sign (funcs, slot_of (funcs, "BENCHEC"), CKK_EC, CKM_ECDSA,
                    "login + C_Sign + logout, ECDSA", n);
  bench_bare (funcs, slot_of (funcs, "BENCHEC"), CKK_EC, CKM_ECDSA,
              "bare C_Sign, ECDSA P-256", n);

  p11_kit_module_release (funcs);
  g_clear_pointer (&tokens, g_ptr_array_unref);
  g_clear_object (&manager);
  ey_token_layer_shutdown ();
  token_fixture_teardown (g_steal_pointer (&dir));
  return 0;
}
