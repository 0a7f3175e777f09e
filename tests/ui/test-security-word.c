/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Keeping the security word: printed (exported to a PDF through the same print
 * operation the Print button runs) and stored in a real gnome-keyring on a private
 * D-Bus session (meson runs --keyring under dbus-run-session: libsecret keeps its bus
 * connection for the life of the process, which GTestDBus cannot wait out). */
#define G_LOG_DOMAIN "test-security-word"

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <gtk/gtk.h>

#include "ey-security-word.h"
#include "ey-test-common.h"


#define WORD "mavi-kalem-42"

static char *pdftotext;
static char *keyring_daemon;

static void
test_print_to_file (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("ey-word-XXXXXX", &error);
  g_autofree char *pdf = g_build_filename (dir, "word.pdf", NULL);
  g_autoptr(GtkPrintOperation) operation = ey_security_word_print_operation_new (WORD);
  g_autofree char *text = NULL;
  GtkPrintOperationResult result;

  g_assert_no_error (error);
  gtk_print_operation_set_export_filename (operation, pdf);
  result = gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_EXPORT, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (result, ==, GTK_PRINT_OPERATION_RESULT_APPLY);
  g_assert_true (g_file_test (pdf, G_FILE_TEST_IS_REGULAR));

  g_assert_nonnull (pdftotext);
    {
      const char *argv[] = { pdftotext, pdf, "-", NULL };
      int status = 0;

      g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &text,
                    NULL, &status, &error);
      g_assert_no_error (error);
      g_assert_nonnull (strstr (text, WORD));
      g_assert_nonnull (strstr (text, "NES Bireysel"));
    }
  /* The page holds the word: nothing of it stays behind the test. */
  g_unlink (pdf);
  ey_test_remove_tree (dir);
}

typedef struct
{
  gboolean done;
  gboolean ok;
  GError  *error;
} Wait;

static void
store_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  Wait *wait = user_data;

  wait->ok = ey_security_word_store_finish (result, &wait->error);
  wait->done = TRUE;
}

static void
owner_appeared_cb (GDBusConnection *connection,
                   const char      *name,
                   const char      *owner,
                   gpointer         user_data)
{
  *(gboolean *) user_data = TRUE;
}

static void
test_keyring (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("ey-keyring-XXXXXX", &error);
  g_autofree char *data = g_build_filename (dir, "data", NULL);
  g_autofree char *run = g_build_filename (dir, "run", NULL);
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) daemon = NULL;
  g_autoptr(GOutputStream) input = NULL;
  gboolean appeared = FALSE;
  guint watch;
  Wait wait = { FALSE, FALSE, NULL };
  char *stored;

  /* build-aux/deps installs it: a missing daemon is a failure, not a skip. */
  g_assert_nonnull (keyring_daemon);
  g_assert_no_error (error);
  g_assert_cmpint (g_mkdir_with_parents (data, 0700), ==, 0);
  g_assert_cmpint (g_mkdir_with_parents (run, 0700), ==, 0);

  /* A fresh login keyring, made and unlocked with the password on standard input,
   * becomes the default collection without any prompt. */
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE |
                                        G_SUBPROCESS_FLAGS_STDOUT_SILENCE |
                                        G_SUBPROCESS_FLAGS_STDERR_SILENCE);
  g_subprocess_launcher_setenv (launcher, "XDG_DATA_HOME", data, TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_RUNTIME_DIR", run, TRUE);
  daemon = g_subprocess_launcher_spawn (launcher, &error, keyring_daemon, "--foreground",
                                        "--unlock", "--components=secrets", NULL);
  g_assert_no_error (error);
  input = g_object_ref (g_subprocess_get_stdin_pipe (daemon));
  g_output_stream_write_all (input, "test-password", 13, NULL, NULL, &error);
  g_assert_no_error (error);
  g_output_stream_close (input, NULL, &error);
  g_assert_no_error (error);

  watch = g_bus_watch_name (G_BUS_TYPE_SESSION, "org.freedesktop.secrets",
                            G_BUS_NAME_WATCHER_FLAGS_NONE, owner_appeared_cb, NULL,
                            &appeared, NULL);
  ey_test_wait_flag (&appeared, 30, "the keyring daemon on the bus");
  g_bus_unwatch_name (watch);

  ey_security_word_store_async (WORD, NULL, store_cb, &wait);
  ey_test_wait_flag (&wait.done, 30, "storing the word");
  g_assert_no_error (wait.error);
  g_assert_true (wait.ok);

  stored = ey_security_word_lookup_sync (NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (stored, ==, WORD);
  explicit_bzero (stored, strlen (stored));
  g_free (stored);

  g_subprocess_send_signal (daemon, SIGTERM);
  g_subprocess_wait (daemon, NULL, NULL);
  ey_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  gboolean keyring = FALSE;

  for (int i = 1; i < argc; i++)
    if (g_str_equal (argv[i], "--keyring"))
      keyring = TRUE;
  g_test_init (&argc, &argv, NULL);
  pdftotext = g_find_program_in_path ("pdftotext");
  keyring_daemon = g_find_program_in_path ("gnome-keyring-daemon");

  if (keyring)
    g_test_add_func ("/security-word/keyring", test_keyring);
  else
    {
      gtk_init ();
      g_test_add_func ("/security-word/print-to-file", test_print_to_file);
    }
  return g_test_run ();
}
