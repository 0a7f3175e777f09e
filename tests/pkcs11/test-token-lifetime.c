/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The token layer's lifetime (issue 9): each module file has one owner per process;
 * dropping the last reference to a manager, token or certificate, on any thread,
 * never finalizes a module; ey_token_layer_shutdown () waits for the worker that is
 * inside the module, then runs C_Finalize once, on the main thread.  The quirky
 * module (a wrapper around SoftHSM2) records C_Finalize and holds a call on demand,
 * which makes the shutdown race deterministic.  Shutdown is for good, so each test
 * runs in its own subprocess. */
#define G_LOG_DOMAIN "test-token-lifetime"

#include "config.h"

#include <dlfcn.h>
#include <string.h>

#include "ey-card-snapshot.h"
#include "ey-signer.h"
#include "ey-token-layer.h"
#include "ey-token-manager.h"
#include "ey-token-private.h"
#include "token-fixture.h"
#include "ey-pin-private.h"

#define AYSE "12345678950"
#define PIN  "123456"

static unsigned int (*quirky_finalize_calls) (void);
static int          (*quirky_finalize_on_main_thread) (void);
static int          (*quirky_finalize_in_flight) (void);
static void         (*quirky_set_block) (const char *);
static void         (*quirky_wait_blocked) (void);
static void         (*quirky_release) (void);

static void
bind_quirky (void)
{
  /* The same handle p11-kit opens for the manager. */
  void *handle = dlopen (g_getenv ("EY_QUIRKY_MODULE"), RTLD_NOW | RTLD_LOCAL);

  g_assert_nonnull (handle);
#define BIND(name) \
  G_STMT_START { *(gpointer *) &quirky_##name = dlsym (handle, "ey_quirky_" #name); \
                 g_assert_nonnull (quirky_##name); } G_STMT_END
  BIND (finalize_calls);
  BIND (finalize_on_main_thread);
  BIND (finalize_in_flight);
  BIND (set_block);
  BIND (wait_blocked);
  BIND (release);
#undef BIND
}

static EyTokenManager *
quirky_manager (void)
{
  EyTokenManager *manager = ey_token_manager_new ();

  ey_token_manager_set_use_registered (manager, FALSE);
  ey_token_manager_add_module (manager, g_getenv ("EY_QUIRKY_MODULE"));
  return manager;
}

typedef struct
{
  gboolean   done;
  GPtrArray *tokens;
  GBytes    *cms;
  GError    *error;
} Result;

static void
result_clear (Result *r)
{
  g_clear_pointer (&r->tokens, g_ptr_array_unref);
  g_clear_pointer (&r->cms, g_bytes_unref);
  g_clear_error (&r->error);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Result, result_clear)

static void
list_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  Result *r = user_data;

  r->tokens = ey_token_manager_list_tokens_finish (EY_TOKEN_MANAGER (source), result,
                                                   &r->error);
  r->done = TRUE;
}

static void
sign_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  Result *r = user_data;

  r->cms = ey_signer_sign_finish (EY_CERTIFICATE (source), result, &r->error);
  r->done = TRUE;
}

static void
refresh_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  Result *r = user_data;

  ey_token_refresh_finish (EY_TOKEN (source), result, &r->error);
  r->done = TRUE;
}

static GPtrArray *
list (EyTokenManager *manager)
{
  g_auto(Result) r = { 0 };

  ey_token_manager_list_tokens_async (manager, NULL, list_cb, &r);
  token_fixture_wait (&r.done);
  g_assert_no_error (r.error);
  g_assert_cmpuint (r.tokens->len, ==, 1);
  return g_steal_pointer (&r.tokens);
}

static EyCertificate *
first_certificate (GPtrArray *tokens)
{
  EyToken *token = g_ptr_array_index (tokens, 0);

  g_assert_cmpstr (ey_token_get_module_name (token), ==, "libey-quirky-pkcs11.so");
  return g_ptr_array_index (ey_token_get_certificates (token), 0);
}

static void
assert_finalized_once_on_main (void)
{
  g_assert_cmpuint (quirky_finalize_calls (), ==, 1);
  g_assert_true (quirky_finalize_on_main_thread ());
  g_assert_cmpint (quirky_finalize_in_flight (), ==, 0);
}

static gpointer
unref_thread (gpointer data)
{
  GPtrArray *objects = data;

  g_ptr_array_unref (objects);
  return NULL;
}

/* The last references (manager, tokens, certificates) dropped on another thread: no
 * C_Finalize there, nor anywhere before shutdown. */
static void
last_ref_on_worker_checks (void)
{
  g_autoptr(GPtrArray) objects = g_ptr_array_new_with_free_func (g_object_unref);
  EyTokenManager *manager = quirky_manager ();
  EyTokenManager *other = quirky_manager ();
  g_autoptr(GPtrArray) tokens = list (manager);
  g_autoptr(GPtrArray) other_tokens = list (other);

  bind_quirky ();
  /* One owner per process: the second manager shares the first one's module. */
  g_assert_true (_ey_token_get_module (g_ptr_array_index (tokens, 0))
                 == _ey_token_get_module (g_ptr_array_index (other_tokens, 0)));

  g_ptr_array_add (objects, manager);
  g_ptr_array_add (objects, other);
  g_ptr_array_add (objects, g_object_ref (first_certificate (tokens)));
  for (guint i = 0; i < tokens->len; i++)
    g_ptr_array_add (objects, g_object_ref (g_ptr_array_index (tokens, i)));
  g_clear_pointer (&tokens, g_ptr_array_unref);
  g_clear_pointer (&other_tokens, g_ptr_array_unref);
  g_thread_join (g_thread_new ("unref", unref_thread, g_steal_pointer (&objects)));
  g_assert_cmpuint (quirky_finalize_calls (), ==, 0);

  ey_token_layer_shutdown ();
  assert_finalized_once_on_main ();
  g_assert_true (ey_token_layer_is_shut_down ());
  /* Once only. */
  ey_token_layer_shutdown ();
  g_assert_cmpuint (quirky_finalize_calls (), ==, 1);
}

/* After shutdown every token-layer call says "cancelled", and none reaches a module. */
static void
after_shutdown_checks (void)
{
  g_autoptr(EyTokenManager) manager = quirky_manager ();
  g_autoptr(GPtrArray) tokens = list (manager);
  g_autoptr(GBytes) data = g_bytes_new_static ("text", 4);
  g_autoptr(EyPin) pin = ey_pin_new (PIN, -1);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) readers = NULL;
  EyCardMonitorState state = EY_CARD_MONITOR_STATE_STOPPED;

  bind_quirky ();
  ey_token_layer_shutdown ();
  assert_finalized_once_on_main ();

  {
    g_auto(Result) r = { 0 };

    ey_token_manager_list_tokens_async (manager, NULL, list_cb, &r);
    token_fixture_wait (&r.done);
    g_assert_error (r.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  }
  {
    g_auto(Result) r = { 0 };

    ey_signer_sign_async (first_certificate (tokens), data, pin, 0, AYSE, NULL, sign_cb, &r);
    token_fixture_wait (&r.done);
    g_assert_error (r.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
    /* The PIN is wiped on this path too. */
    g_assert_true (ey_pin_is_wiped (pin));
  }
  {
    g_auto(Result) r = { 0 };

    ey_token_refresh_async (g_ptr_array_index (tokens, 0), NULL, refresh_cb, &r);
    token_fixture_wait (&r.done);
    g_assert_error (r.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  }
  readers = ey_card_snapshot_read (NULL, 0, &state, &error);
  g_assert_null (readers);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (quirky_finalize_calls (), ==, 1);
}

/* Lets the held call go on once the shutdown waits for it.  Should the shutdown not
 * wait, it lets it go after C_Finalize, which the quirky module records. */
static gpointer
release_when_closing_thread (gpointer data)
{
  _ey_token_layer_wait_shutdown_blocked ();
  quirky_release ();
  return NULL;
}

/* A listing is inside C_GetSlotList, its task holds the last reference to the
 * manager, and the main thread shuts down: shutdown waits for the listing, then
 * finalizes on the main thread; the listing itself completes. */
static void
shutdown_waits_for_listing_checks (void)
{
  EyTokenManager *manager = quirky_manager ();
  g_auto(Result) r = { 0 };
  GThread *releaser;

  /* Loads the module, so that its switches can be bound. */
  g_ptr_array_unref (list (manager));
  bind_quirky ();

  quirky_set_block ("C_GetSlotList");
  ey_token_manager_list_tokens_async (manager, NULL, list_cb, &r);
  g_object_unref (manager);
  quirky_wait_blocked ();

  releaser = g_thread_new ("releaser", release_when_closing_thread, NULL);
  ey_token_layer_shutdown ();
  assert_finalized_once_on_main ();
  g_thread_join (releaser);

  token_fixture_wait (&r.done);
  g_assert_no_error (r.error);
  g_assert_cmpuint (r.tokens->len, ==, 1);
}

/* The same with a signature inside C_Sign: it completes, then the module goes. */
static void
shutdown_waits_for_signing_checks (void)
{
  g_autoptr(EyTokenManager) manager = quirky_manager ();
  g_autoptr(GPtrArray) tokens = list (manager);
  g_autoptr(GBytes) data = g_bytes_new_static ("text", 4);
  g_autoptr(EyPin) pin = ey_pin_new (PIN, -1);
  g_auto(Result) r = { 0 };
  GThread *releaser;

  bind_quirky ();
  quirky_set_block ("C_Sign");
  ey_signer_sign_async (first_certificate (tokens), data, pin, 0, AYSE, NULL, sign_cb, &r);
  g_clear_pointer (&tokens, g_ptr_array_unref);
  g_clear_object (&manager);
  quirky_wait_blocked ();

  releaser = g_thread_new ("releaser", release_when_closing_thread, NULL);
  ey_token_layer_shutdown ();
  assert_finalized_once_on_main ();
  g_thread_join (releaser);

  token_fixture_wait (&r.done);
  g_assert_no_error (r.error);
  g_assert_nonnull (r.cms);
  g_assert_cmpuint (g_bytes_get_size (r.cms), >, 0);
}

static void
run_in_subprocess (gconstpointer checks)
{
  if (g_test_subprocess ())
    {
      ((void (*) (void)) checks) ();
      return;
    }
  g_test_trap_subprocess (NULL, 60 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *dir = NULL;
  int ret;

  token_fixture_take_args (&argc, &argv);
  g_test_init (&argc, &argv, NULL);

  /* The children inherit SOFTHSM2_CONF and the token. */
  if (!g_test_subprocess ())
    {
      dir = token_fixture_setup ();
      token_fixture_make_token (dir, "QUIRKY", PIN, "ayse-rsa", "01");
    }

  g_test_add_data_func ("/token-lifetime/last-ref-on-worker", last_ref_on_worker_checks,
                        run_in_subprocess);
  g_test_add_data_func ("/token-lifetime/after-shutdown", after_shutdown_checks,
                        run_in_subprocess);
  g_test_add_data_func ("/token-lifetime/shutdown-waits-for-listing",
                        shutdown_waits_for_listing_checks, run_in_subprocess);
  g_test_add_data_func ("/token-lifetime/shutdown-waits-for-signing",
                        shutdown_waits_for_signing_checks, run_in_subprocess);

  ret = g_test_run ();

  if (dir != NULL)
    token_fixture_teardown (g_steal_pointer (&dir));
  return ret;
}
