/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ey-test-common"

#include "config.h"

#include <signal.h>
#include <sys/prctl.h>

#include <glib/gstdio.h>

#include "ey-test-common.h"

static gboolean
timeout_cb (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
}

gboolean
ey_test_spin_until (EyTestCondition condition,
                    gpointer        data,
                    guint           timeout_ms)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add (timeout_ms, timeout_cb, &timed_out);

  while (!condition (data) && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  if (!timed_out)
    g_source_remove (id);
  /* The condition may have come with the same iteration as the timeout. */
  return !timed_out || condition (data);
}

void
ey_test_wait_flag (const gboolean *flag,
                   guint           timeout_s,
                   const char     *what)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add_seconds (timeout_s, timeout_cb, &timed_out);

  while (!*flag && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  if (!*flag)
    g_error ("%s: not within %u s", what ? what : "waiting", timeout_s);
  if (!timed_out)
    g_source_remove (id);
}

GAsyncResult *
ey_test_wait_result (GAsyncResult **result,
                     guint          timeout_s)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add_seconds (timeout_s, timeout_cb, &timed_out);

  while (*result == NULL && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  if (*result == NULL)
    g_error ("operation did not finish within %u s", timeout_s);
  if (!timed_out)
    g_source_remove (id);
  return *result;
}

void
ey_test_store_result_cb (GObject      *source,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  GAsyncResult **slot = user_data;

  g_assert_null (*slot);
  *slot = g_object_ref (result);
}

void
ey_test_remove_tree (const char *path)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  if (g_file_test (path, G_FILE_TEST_IS_SYMLINK) || !g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_unlink (path);
      return;
    }
  dir = g_dir_open (path, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      ey_test_remove_tree (child);
    }
  g_rmdir (path);
}

const char *
ey_test_pki_file (const char *name)
{
  const char *pki = g_getenv ("EY_TEST_PKI_DIR");
  const char *root = g_getenv ("EY_BUILD_ROOT");
  g_autofree char *path = NULL;

  /* tests/fixtures/meson.build makes the PKI there (test_pki_dir). */
  if (pki != NULL)
    path = g_build_filename (pki, name, NULL);
  else if (root != NULL)
    path = g_build_filename (root, "tests", "fixtures", name, NULL);
  else
    g_error ("neither EY_TEST_PKI_DIR nor EY_BUILD_ROOT is set (run through meson test)");
  return g_intern_string (path);
}

void
ey_test_make_token (const char *script,
                    const char *dir,
                    const char *pki_dir,
                    const char *label,
                    const char *pin,
                    const char *pki_name,
                    const char *id)
{
  g_autofree char *p8_name = g_strconcat (pki_name, ".p8", NULL);
  g_autofree char *pem_name = g_strconcat (pki_name, ".pem", NULL);
  g_autofree char *p8 = pki_dir ? g_build_filename (pki_dir, p8_name, NULL)
                                : g_strdup (ey_test_pki_file (p8_name));
  g_autofree char *pem = pki_dir ? g_build_filename (pki_dir, pem_name, NULL)
                                 : g_strdup (ey_test_pki_file (pem_name));
  const char *argv[] = { script, dir, label, pin, p8, pem, id, NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  int status = 0;

  g_assert_nonnull (script);
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL,
                NULL, &err, &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("make-token %s %s failed: %s", label, pki_name, err);
}

static void
die_with_parent (gpointer user_data)
{
  /* A failed assertion must not leave the simulator running */
  prctl (PR_SET_PDEATHSIG, SIGKILL);
}

GSubprocess *
ey_test_sim_spawn (GSubprocessLauncher *launcher,
                   const char *const   *argv,
                   char               **url,
                   char               **cert)
{
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GDataInputStream) out = NULL;
  g_autoptr(GError) error = NULL;

  *url = *cert = NULL;
  g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);
  process = g_subprocess_launcher_spawnv (launcher, argv, &error);
  g_assert_no_error (error);
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (process));
  while (*cert == NULL)
    {
      g_autofree char *line = g_data_input_stream_read_line_utf8 (out, NULL, NULL, &error);

      g_assert_no_error (error);
      g_assert_nonnull (line);
      if (g_str_has_prefix (line, "URL "))
        *url = g_strdup (line + 4);
      else if (g_str_has_prefix (line, "CERT "))
        *cert = g_strdup (line + 5);
    }
  g_assert_nonnull (*url);
  return g_steal_pointer (&process);
}

void
ey_test_sim_stop_process (GSubprocess *process)
{
  g_subprocess_send_signal (process, SIGTERM);
  g_subprocess_wait (process, NULL, NULL);
}

char *
ey_test_pdf_text (const char *path)
{
  const char *argv[] = { "pdftotext", "-layout", path, "-", NULL };
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL,
                               G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL,
                               &out, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return g_steal_pointer (&out);
}

static int
compare_double (gconstpointer a,
                gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

void
ey_test_median_worst (GArray *values,
                      double *median,
                      double *worst)
{
  g_autoptr(GArray) sorted = g_array_copy (values);
  guint n = sorted->len;

  g_assert_cmpuint (n, >, 0);
  g_array_sort (sorted, compare_double);
  *median = n % 2 ? g_array_index (sorted, double, n / 2)
                  : (g_array_index (sorted, double, n / 2 - 1) +
                     g_array_index (sorted, double, n / 2)) / 2;
  *worst = g_array_index (sorted, double, n - 1);
}
