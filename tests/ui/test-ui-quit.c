/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Quitting the real window while the card is signing (issue 9), 30 times, each in a
 * fresh process that then exits as the application does: no crash.  The demo token is
 * reached through the quirky PKCS#11 wrapper, which holds C_Sign until the shutdown
 * waits for it, and records C_Finalize: once, on the main thread, with no call left
 * inside the module.  The card monitor's thread is joined as well. */
#define G_LOG_DOMAIN "test-ui-quit"

#include "config.h"

#include <dlfcn.h>
#include <string.h>

#include <glib/gi18n.h>

#include "ui-driver.h"
#include "ey-card-monitor-private.h"
#include "ey-demo-token.h"
#include "ey-pin-entry.h"
#include "ey-token-layer.h"
#include "ey-token-manager.h"
#include "ey-token-private.h"

#define AYSE_ID   "12345678950"
#define AYSE_NAME "AYŞE YILMAZ"
#define AYSE_PASS "Ab3kT9qz"
#define RUNS      30

static const char *quirky_path;
static unsigned int (*quirky_finalize_calls) (void);
static int          (*quirky_finalize_on_main_thread) (void);
static int          (*quirky_finalize_in_flight) (void);
static void         (*quirky_set_block) (const char *);
static void         (*quirky_wait_blocked) (void);
static void         (*quirky_release) (void);

static void
bind_quirky (void)
{
  /* The same handle the token manager gets when it loads the module. */
  void *handle = dlopen (quirky_path, RTLD_NOW | RTLD_LOCAL);

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

/* The happy path from the welcome page to the signing page (E-Onay). */
static void
go_to_signing (UiDriver *driver)
{
  g_autofree char *code = ui_walk_to_sms_code (driver, AYSE_NAME, AYSE_PASS, AYSE_ID);

  g_assert_nonnull (code);
  g_assert_true (ui_walk_sms_to_signing (driver, code));
}

/* The question a window asks before it closes, if any. */
static GtkWindow *
find_dialog (UiDriver *driver)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (gtk_window_get_transient_for (window) == GTK_WINDOW (driver->window))
        return window;
    }
  return NULL;
}

static gint sign_held;

static gboolean
is_set (gpointer data)
{
  return g_atomic_int_get ((gint *) data) != 0;
}

/* The card, so to speak: tells the window when C_Sign is held, and lets it go once the
 * shutdown waits for it.  Should the shutdown not wait, it lets it go after
 * C_Finalize, which the quirky module records. */
static gpointer
card_thread (gpointer data)
{
  quirky_wait_blocked ();
  g_atomic_int_set (&sign_held, 1);
  g_main_context_wakeup (NULL);
  _ey_token_layer_wait_shutdown_blocked ();
  quirky_release ();
  return NULL;
}

static void
quit_while_signing (void)
{
  EyTokenManager *manager = ey_token_manager_get_default ();
  UiDriver *driver;
  GtkWindow *guard;
  GThread *card;

  /* Only the quirky wrapper (around SoftHSM and the demo token). */
  ey_token_manager_set_use_registered (manager, FALSE);
  ey_token_manager_add_module (manager, quirky_path);
  bind_quirky ();
  driver = ui_driver_new ();
  g_assert_true (ui_wait_certificates (driver));
  go_to_signing (driver);
  gtk_editable_set_text (GTK_EDITABLE (ey_pin_entry_get_entry (
    EY_PIN_ENTRY (ui_child (driver, "signing", "pin_entry")))), EY_DEMO_PIN);
  g_assert_true (ui_spin_until (ui_can_sign, driver, 20000));

  /* Sign: the text comes from the site, then the worker is held inside C_Sign. */
  quirky_set_block ("C_Sign");
  card = g_thread_new ("card", card_thread, NULL);
  ui_next (driver);
  g_assert_true (ui_spin_until (is_set, &sign_held, 20000));
  g_assert_cmpuint (quirky_finalize_calls (), ==, 0);

  /* Quit as with Ctrl+Q.  The renewal is past the mail and nothing is signed yet, so
   * the window asks whether to stop it (the close guard) and stays until answered; the
   * person quitting says Discard and Close, and every window is gone.  Then
   * GApplication's shutdown, which ui_driver_free () runs as g_application_run ()
   * would. */
  g_action_group_activate_action (G_ACTION_GROUP (driver->app), "quit", NULL);
  guard = find_dialog (driver);
  g_assert_nonnull (guard);
  g_assert_true (ADW_IS_MESSAGE_DIALOG (guard));
  g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (guard)), ==,
                   _("Stop this renewal?"));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (driver->window)));
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (guard), "close");
  g_assert_null (gtk_application_get_windows (GTK_APPLICATION (driver->app)));
  ui_driver_free (driver);
  g_thread_join (card);

  g_assert_true (ey_token_layer_is_shut_down ());
  g_assert_cmpuint (quirky_finalize_calls (), ==, 1);
  g_assert_true (quirky_finalize_on_main_thread ());
  g_assert_cmpint (quirky_finalize_in_flight (), ==, 0);
  g_assert_cmpuint (_ey_card_monitor_count_threads (), ==, 0);
  /* The process now ends through exit (), module destructors and all. */
}

static void
test_quit_while_signing (void)
{
  /* EY_UI_QUIT_RUNS: more (or fewer) runs by hand; the suite runs RUNS. */
  const char *env = g_getenv ("EY_UI_QUIT_RUNS");
  guint runs = env != NULL ? (guint) g_ascii_strtoull (env, NULL, 10) : RUNS;
  gint64 start = g_get_monotonic_time ();
  guint crashed = 0;

  if (g_test_subprocess ())
    {
      quit_while_signing ();
      return;
    }

  for (guint i = 0; i < runs; i++)
    {
      g_test_trap_subprocess (NULL, 120 * G_USEC_PER_SEC,
                              G_TEST_SUBPROCESS_INHERIT_STDERR);
      if (!g_test_trap_has_passed ())
        {
          crashed++;
          g_test_message ("run %u failed", i + 1);
        }
    }
  g_test_message ("quit while signing × %u: %u failed or crashed, %.1f s", runs, crashed,
                  (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC);
  g_assert_cmpuint (crashed, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  /* test-ui-quit QUIRKY_MODULE: the children find it in the environment, as
   * g_test_trap_subprocess () passes no positional arguments on. */
  for (int i = 1; i < argc; i++)
    if (g_str_has_suffix (argv[i], ".so"))
      {
        g_setenv ("EY_QUIRKY_MODULE", argv[i], TRUE);
        ui_driver_drop_args (&argc, argv, i, 1);
        break;
      }
  quirky_path = g_getenv ("EY_QUIRKY_MODULE");
  if (quirky_path == NULL)
    {
      g_print ("Bail out! usage: test-ui-quit QUIRKY_MODULE\n");
      return 1;
    }

  ey_application_init_i18n ();
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/ui-quit/while-signing", test_quit_while_signing);
  return g_test_run ();
}
