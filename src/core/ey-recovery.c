/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ey-recovery"

#include "config.h"

#include <errno.h>
#include <string.h>
#include <sys/random.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "ey-core-error-private.h"
#include "ey-recovery.h"

#define GROUP "pending"
#define KEY_FILE "recovery.key"
#define KEY_BYTES 32

struct _EyRecovery
{
  gatomicrefcount  ref_count;
  char            *identity;       /* in memory only, until saved */
  char            *identity_hmac;  /* hex HMAC-SHA-256, key in recovery.key beside */
  char            *salt;           /* older notes: hex */
  char            *identity_hash;  /* older notes: hex SHA-256 of salt + identity */
  char            *display_name;
  char            *order_id;
  char            *path_nick;
  char            *file;           /* where it was loaded from or saved to */
  GDateTime       *created;
};

static GError *
recovery_error (const char *what,
                const char *file,
                GError     *cause)
{
  g_debug ("recovery %s %s: %s", what, file, cause ? cause->message : "?");
  g_clear_error (&cause);
  return ey_core_error_new (EY_CORE_ERROR_RECOVERY);
}

static GError *
errno_error (void)
{
  int saved = errno;

  return g_error_new_literal (G_FILE_ERROR, g_file_error_from_errno (saved), g_strerror (saved));
}

/* Older notes only: a salt stored beside the hash protects nothing (the
 * number is found in seconds), which is why new notes use a keyed hash. */
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

/* The per-user key of the notes in @dir: random, in its own file (0600),
 * so that a note copied alone does not give the identity number away.
 * NULL when there is none and @create is FALSE. */
static GBytes *
load_key (const char  *dir,
          gboolean     create,
          GError     **error)
{
  g_autofree char *file = g_build_filename (dir, KEY_FILE, NULL);
  g_autofree char *data = NULL;
  guchar key[KEY_BYTES];
  gsize len = 0;
  GBytes *bytes;

  if (g_file_get_contents (file, &data, &len, NULL) && len == KEY_BYTES)
    {
      bytes = g_bytes_new (data, len);
      explicit_bzero (data, len);
      return bytes;
    }
  if (!create)
    return NULL;
  if (getrandom (key, sizeof key, 0) != (ssize_t) sizeof key)
    {
      g_propagate_error (error, errno_error ());
      return NULL;
    }
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      g_propagate_error (error, errno_error ());
      explicit_bzero (key, sizeof key);
      return NULL;
    }
  if (!g_file_set_contents_full (file, (const char *) key, sizeof key,
                                 G_FILE_SET_CONTENTS_CONSISTENT | G_FILE_SET_CONTENTS_DURABLE,
                                 0600, error))
    {
      explicit_bzero (key, sizeof key);
      return NULL;
    }
  bytes = g_bytes_new (key, sizeof key);
  explicit_bzero (key, sizeof key);
  return bytes;
}

static char *
hmac_identity (GBytes     *key,
               const char *purpose,
               const char *identity)
{
  g_autofree char *text = g_strconcat (purpose, ":", identity, NULL);
  gsize len;
  const guchar *k = g_bytes_get_data (key, &len);

  return g_compute_hmac_for_string (G_CHECKSUM_SHA256, k, len, text, -1);
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

  g_return_val_if_fail (identity != NULL, NULL);

  self = recovery_alloc ();
  /* hashed with the key of the directory it is saved in */
  self->identity = g_strdup (identity);
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
  if (self->identity)
    explicit_bzero (self->identity, strlen (self->identity));
  g_free (self->identity);
  g_free (self->identity_hmac);
  g_free (self->salt);
  g_free (self->identity_hash);
  g_free (self->display_name);
  g_free (self->order_id);
  g_free (self->path_nick);
  g_free (self->file);
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

const char *
ey_recovery_get_file (const EyRecovery *self)
{
  return self->file;
}

gboolean
ey_recovery_matches (const EyRecovery *self,
                     const char       *identity)
{
  g_autofree char *hash = NULL;

  g_return_val_if_fail (self != NULL, FALSE);

  if (identity == NULL)
    return FALSE;
  if (self->identity)
    return g_strcmp0 (self->identity, identity) == 0;
  if (self->identity_hmac && self->file)
    {
      g_autofree char *dir = g_path_get_dirname (self->file);
      g_autoptr(GBytes) key = load_key (dir, FALSE, NULL);

      if (key == NULL)
        return FALSE;
      hash = hmac_identity (key, "identity", identity);
      return g_strcmp0 (hash, self->identity_hmac) == 0;
    }
  if (self->salt && self->identity_hash)
    {
      hash = hash_identity (self->salt, identity);
      return g_strcmp0 (hash, self->identity_hash) == 0;
    }
  return FALSE;
}

char *
ey_recovery_default_path (void)
{
  return g_build_filename (g_get_user_state_dir (), PACKAGE_NAME,
                           "pending-application.ini", NULL);
}

gboolean
ey_recovery_migrate_legacy (const char  *dir,
                            GError     **error)
{
  g_autofree char *old = ey_recovery_default_path ();
  g_autofree char *name = NULL;
  g_autofree char *file = NULL;
  g_autoptr(EyRecovery) note = NULL;
  GError *local = NULL;

  g_return_val_if_fail (dir != NULL, FALSE);

  note = ey_recovery_load (old, &local);
  if (note == NULL)
    {
      if (local)
        g_propagate_error (error, local);
      return local == NULL;
    }
  /* The same name each time: a crash between the save and the removal only
   * migrates the same note again, never a second copy */
  name = g_strdup_printf ("legacy-%.16s.ini",
                          note->identity_hmac ? note->identity_hmac : note->identity_hash);
  file = g_build_filename (dir, name, NULL);
  if (!ey_recovery_save (note, file, error))
    return FALSE;
  g_debug ("moved the old pending note into %s", dir);
  return ey_recovery_clear (old, error);
}

char *
ey_recovery_get_id (const EyRecovery *self)
{
  g_autofree char *base = NULL;

  g_return_val_if_fail (self != NULL, NULL);

  if (self->file == NULL)
    return NULL;
  base = g_path_get_basename (self->file);
  if (g_str_has_suffix (base, ".ini"))
    base[strlen (base) - 4] = '\0';
  return g_steal_pointer (&base);
}

char *
ey_recovery_default_dir (const char *mode)
{
  g_autofree char *name = NULL;

  g_return_val_if_fail (g_strcmp0 (mode, "real") == 0 || g_strcmp0 (mode, "demo") == 0, NULL);

  name = g_strconcat ("pending-", mode, NULL);
  return g_build_filename (g_get_user_state_dir (), PACKAGE_NAME, name, NULL);
}

char *
ey_recovery_path_for (const char  *dir,
                      const char  *identity,
                      GError     **error)
{
  g_autoptr(GBytes) key = NULL;
  g_autofree char *hash = NULL;
  g_autofree char *name = NULL;
  GError *local = NULL;

  g_return_val_if_fail (dir != NULL && identity != NULL, NULL);

  key = load_key (dir, TRUE, &local);
  if (key == NULL)
    {
      g_propagate_error (error, recovery_error ("key", dir, local));
      return NULL;
    }
  hash = hmac_identity (key, "file", identity);
  name = g_strdup_printf ("%.16s.ini", hash);
  return g_build_filename (dir, name, NULL);
}

static gint
older_first (gconstpointer a,
             gconstpointer b)
{
  const EyRecovery *ra = *(EyRecovery * const *) a;
  const EyRecovery *rb = *(EyRecovery * const *) b;

  return g_date_time_compare (ra->created, rb->created);
}

GPtrArray *
ey_recovery_list (const char *dir)
{
  GPtrArray *notes = g_ptr_array_new_with_free_func ((GDestroyNotify) ey_recovery_unref);
  g_autoptr(GDir) d = NULL;
  const char *name;

  g_return_val_if_fail (dir != NULL, notes);

  d = g_dir_open (dir, 0, NULL);
  if (d == NULL)
    return notes;
  while ((name = g_dir_read_name (d)))
    {
      g_autofree char *file = NULL;
      g_autoptr(GError) error = NULL;
      EyRecovery *note;

      if (!g_str_has_suffix (name, ".ini"))
        continue;
      file = g_build_filename (dir, name, NULL);
      note = ey_recovery_load (file, &error);
      if (note)
        g_ptr_array_add (notes, note);
      else if (error)
        g_debug ("skipping %s: %s", name, error->message);
    }
  g_ptr_array_sort (notes, older_first);
  return notes;
}

gboolean
ey_recovery_save (const EyRecovery  *self,
                  const char        *file,
                  GError           **error)
{
  EyRecovery *mutable = (EyRecovery *) self;   /* the file and hash are caches */
  g_autoptr(GKeyFile) kf = g_key_file_new ();
  g_autofree char *dir = NULL;
  g_autofree char *data = NULL;
  g_autofree char *created = NULL;
  GError *local = NULL;
  gsize len;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (file != NULL, FALSE);

  dir = g_path_get_dirname (file);
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      g_propagate_error (error, recovery_error ("mkdir", dir, errno_error ()));
      return FALSE;
    }
  if (self->identity)
    {
      g_autoptr(GBytes) key = load_key (dir, TRUE, &local);

      if (key == NULL)
        {
          g_propagate_error (error, recovery_error ("key", dir, local));
          return FALSE;
        }
      g_free (mutable->identity_hmac);
      mutable->identity_hmac = hmac_identity (key, "identity", self->identity);
    }

  created = g_date_time_format_iso8601 (self->created);
  if (self->identity_hmac)
    g_key_file_set_string (kf, GROUP, "identity-hmac", self->identity_hmac);
  else
    {
      g_key_file_set_string (kf, GROUP, "salt", self->salt);
      g_key_file_set_string (kf, GROUP, "identity-hash", self->identity_hash);
    }
  g_key_file_set_string (kf, GROUP, "name", self->display_name);
  g_key_file_set_string (kf, GROUP, "order", self->order_id);
  g_key_file_set_string (kf, GROUP, "path", self->path_nick);
  g_key_file_set_string (kf, GROUP, "created", created);
  data = g_key_file_to_data (kf, &len, NULL);

  /* 0600 from the start: the temporary file is never world-readable */
  if (!g_file_set_contents_full (file, data, len,
                                 G_FILE_SET_CONTENTS_CONSISTENT |
                                 G_FILE_SET_CONTENTS_DURABLE,
                                 0600, &local))
    {
      g_propagate_error (error, recovery_error ("write", file, local));
      return FALSE;
    }
  g_free (mutable->file);
  mutable->file = g_strdup (file);
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
  self->identity_hmac = g_key_file_get_string (kf, GROUP, "identity-hmac", NULL);
  self->salt = g_key_file_get_string (kf, GROUP, "salt", NULL);
  self->identity_hash = g_key_file_get_string (kf, GROUP, "identity-hash", NULL);
  self->display_name = g_key_file_get_string (kf, GROUP, "name", NULL);
  self->order_id = g_key_file_get_string (kf, GROUP, "order", NULL);
  self->path_nick = g_key_file_get_string (kf, GROUP, "path", NULL);
  created = g_key_file_get_string (kf, GROUP, "created", NULL);
  if (created)
    self->created = g_date_time_new_from_iso8601 (created, NULL);
  if ((self->identity_hmac == NULL && (self->salt == NULL || self->identity_hash == NULL)) ||
      self->path_nick == NULL || self->created == NULL)
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
  self->file = g_strdup (file);
  return g_steal_pointer (&self);
}

gboolean
ey_recovery_clear (const char  *file,
                   GError     **error)
{
  g_return_val_if_fail (file != NULL, FALSE);

  if (g_unlink (file) != 0 && errno != ENOENT)
    {
      g_propagate_error (error, recovery_error ("unlink", file, errno_error ()));
      return FALSE;
    }
  return TRUE;
}
