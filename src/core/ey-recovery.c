/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ey-recovery"

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "ey-core-error.h"
#include "ey-recovery.h"

#define GROUP "pending"

struct _EyRecovery
{
  gatomicrefcount  ref_count;
  char            *salt;           /* hex */
  char            *identity_hash;  /* hex SHA-256 of salt + identity */
  char            *display_name;
  char            *order_id;
  char            *path_nick;
  GDateTime       *created;
};

static char *
hash_identity (const char *salt,
               const char *identity)
{
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);

  g_checksum_update (sum, (const guchar *) salt, -1);
  g_checksum_update (sum, (const guchar *) ":", 1);
  g_checksum_update (sum, (const guchar *) identity, -1);
  return g_strdup (g_checksum_get_string (sum));
}

static EyRecovery *
recovery_alloc (void)
{
  EyRecovery *self = g_new0 (EyRecovery, 1);

  g_atomic_ref_count_init (&self->ref_count);
  return self;
}

EyRecovery *
ey_recovery_new (const char *identity,
                 const char *display_name,
                 const char *order_id,
                 const char *path_nick)
{
  EyRecovery *self;
  GString *salt;

  g_return_val_if_fail (identity != NULL, NULL);

  self = recovery_alloc ();
  salt = g_string_new (NULL);
  for (guint i = 0; i < 4; i++)
    g_string_append_printf (salt, "%08x", g_random_int ());
  self->salt = g_string_free (salt, FALSE);
  self->identity_hash = hash_identity (self->salt, identity);
  self->display_name = g_strdup (display_name ? display_name : "");
  self->order_id = g_strdup (order_id ? order_id : "");
  self->path_nick = g_strdup (path_nick ? path_nick : "eonay");
  self->created = g_date_time_new_now_utc ();
  return self;
}

EyRecovery *
ey_recovery_ref (EyRecovery *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
ey_recovery_unref (EyRecovery *self)
{
  g_return_if_fail (self != NULL);
  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;
  g_free (self->salt);
  g_free (self->identity_hash);
  g_free (self->display_name);
  g_free (self->order_id);
  g_free (self->path_nick);
  g_clear_pointer (&self->created, g_date_time_unref);
  g_free (self);
}

const char *
ey_recovery_get_display_name (const EyRecovery *self)
{
  return self->display_name;
}

const char *
ey_recovery_get_order_id (const EyRecovery *self)
{
  return self->order_id;
}

const char *
ey_recovery_get_path_nick (const EyRecovery *self)
{
  return self->path_nick;
}

GDateTime *
ey_recovery_get_created (const EyRecovery *self)
{
  return self->created;
}

gboolean
ey_recovery_matches (const EyRecovery *self,
                     const char       *identity)
{
  g_autofree char *hash = NULL;

  g_return_val_if_fail (self != NULL, FALSE);
  if (identity == NULL)
    return FALSE;
  hash = hash_identity (self->salt, identity);
  return g_strcmp0 (hash, self->identity_hash) == 0;
}

char *
ey_recovery_default_path (void)
{
  return g_build_filename (g_get_user_state_dir (), PACKAGE_NAME,
                           "pending-application.ini", NULL);
}

static GError *
recovery_error (const char *what,
                const char *file,
                GError     *cause)
{
  g_debug ("recovery %s %s: %s", what, file, cause ? cause->message : "?");
  g_clear_error (&cause);
  return ey_core_error_new (EY_CORE_ERROR_RECOVERY);
}

gboolean
ey_recovery_save (const EyRecovery  *self,
                  const char        *file,
                  GError           **error)
{
  g_autoptr(GKeyFile) kf = g_key_file_new ();
  g_autofree char *dir = NULL;
  g_autofree char *data = NULL;
  g_autofree char *created = NULL;
  GError *local = NULL;
  gsize len;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (file != NULL, FALSE);

  created = g_date_time_format_iso8601 (self->created);
  g_key_file_set_string (kf, GROUP, "salt", self->salt);
  g_key_file_set_string (kf, GROUP, "identity-hash", self->identity_hash);
  g_key_file_set_string (kf, GROUP, "name", self->display_name);
  g_key_file_set_string (kf, GROUP, "order", self->order_id);
  g_key_file_set_string (kf, GROUP, "path", self->path_nick);
  g_key_file_set_string (kf, GROUP, "created", created);
  data = g_key_file_to_data (kf, &len, NULL);

  dir = g_path_get_dirname (file);
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;
      g_propagate_error (error, recovery_error ("mkdir", dir,
                         g_error_new_literal (G_FILE_ERROR, g_file_error_from_errno (saved),
                                              g_strerror (saved))));
      return FALSE;
    }

  /* 0600 from the start: the temporary file is never world-readable */
  if (!g_file_set_contents_full (file, data, len,
                                 G_FILE_SET_CONTENTS_CONSISTENT |
                                 G_FILE_SET_CONTENTS_DURABLE,
                                 0600, &local))
    {
      g_propagate_error (error, recovery_error ("write", file, local));
      return FALSE;
    }
  return TRUE;
}

EyRecovery *
ey_recovery_load (const char  *file,
                  GError     **error)
{
  g_autoptr(GKeyFile) kf = g_key_file_new ();
  g_autoptr(EyRecovery) self = NULL;
  g_autofree char *created = NULL;
  GError *local = NULL;

  g_return_val_if_fail (file != NULL, NULL);

  if (!g_key_file_load_from_file (kf, file, G_KEY_FILE_NONE, &local))
    {
      if (g_error_matches (local, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        {
          g_clear_error (&local);
          return NULL;
        }
      g_propagate_error (error, recovery_error ("read", file, local));
      return NULL;
    }

  self = recovery_alloc ();
  self->salt = g_key_file_get_string (kf, GROUP, "salt", NULL);
  self->identity_hash = g_key_file_get_string (kf, GROUP, "identity-hash", NULL);
  self->display_name = g_key_file_get_string (kf, GROUP, "name", NULL);
  self->order_id = g_key_file_get_string (kf, GROUP, "order", NULL);
  self->path_nick = g_key_file_get_string (kf, GROUP, "path", NULL);
  created = g_key_file_get_string (kf, GROUP, "created", NULL);
  if (created)
    self->created = g_date_time_new_from_iso8601 (created, NULL);

  if (!self->salt || !self->identity_hash || !self->path_nick || !self->created)
    {
      g_propagate_error (error, recovery_error ("parse", file,
                         g_error_new_literal (G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_NOT_FOUND,
                                              "incomplete")));
      return NULL;
    }
  if (!self->display_name)
    self->display_name = g_strdup ("");
  if (!self->order_id)
    self->order_id = g_strdup ("");
  return g_steal_pointer (&self);
}

gboolean
ey_recovery_clear (const char  *file,
                   GError     **error)
{
  g_return_val_if_fail (file != NULL, FALSE);

  if (g_unlink (file) != 0 && errno != ENOENT)
    {
      int saved = errno;
      g_propagate_error (error, recovery_error ("unlink", file,
                         g_error_new_literal (G_FILE_ERROR, g_file_error_from_errno (saved),
                                              g_strerror (saved))));
      return FALSE;
    }
  return TRUE;
}
