/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ey-draft"

#include "config.h"

#include <glib/gstdio.h>

#include "ey-draft.h"

#define GROUP "renewal"

char *
ey_draft_default_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "eimza-yenile", "renewal-draft.ini", NULL);
}

gboolean
ey_draft_save (EySession   *session,
               const char  *path,
               GError     **error)
{
  g_autoptr(GKeyFile) file = g_key_file_new ();
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *data = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *when = g_date_time_format_iso8601 (now);
  const char *values[][2] = {
    { "identity", ey_session_get_identity (session) },
    { "applicant-name", ey_session_get_applicant_name (session) },
    { "institution", ey_session_get_institution (session) },
    { "step", ey_session_step_to_string (ey_session_get_step (session)) },
    { "kept", when },
  };
  gsize length;

  g_return_val_if_fail (EY_IS_SESSION (session), FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    if (values[i][1] && *values[i][1])
      g_key_file_set_string (file, GROUP, values[i][0], values[i][1]);
  data = g_key_file_to_data (file, &length, NULL);
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved), "%s: %s", dir,
                   g_strerror (saved));
      return FALSE;
    }
  return g_file_set_contents_full (path, data, length, G_FILE_SET_CONTENTS_CONSISTENT, 0600, error);
}

char *
ey_draft_restore (EySession  *session,
                  const char *path)
{
  g_autoptr(GKeyFile) file = g_key_file_new ();
  g_autofree char *identity = NULL;
  g_autofree char *name = NULL;
  g_autofree char *institution = NULL;

  g_return_val_if_fail (EY_IS_SESSION (session), NULL);

  if (!g_key_file_load_from_file (file, path, G_KEY_FILE_NONE, NULL))
    return NULL;
  identity = g_key_file_get_string (file, GROUP, "identity", NULL);
  name = g_key_file_get_string (file, GROUP, "applicant-name", NULL);
  institution = g_key_file_get_string (file, GROUP, "institution", NULL);
  /* Used once: the renewal now lives in the session again. */
  g_unlink (path);
  if (identity == NULL && name == NULL)
    return NULL;
  if (identity)
    ey_session_set_identity (session, identity);
  if (name)
    ey_session_set_applicant_name (session, name);
  if (institution)
    ey_session_set_institution (session, institution);
  return g_strdup (name ? name : identity);
}
