/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * EyRecovery:
 *
 * The note left on disk between "the site accepted the signature" and
 * "the site confirmed the application", so that a crash or a closed window
 * in between is finished on the next start. It holds the display name, the
 * order, the path, when it was written, and a keyed hash of the identity
 * number (HMAC-SHA-256) to recognise the person again.
 *
 * What the hash protects, honestly: the key is random and kept in another
 * file (recovery.key, mode 0600, in the same directory), so the note alone
 * (copied, attached to a bug report) does not give the number away. Anyone
 * who can read both files, i.e. the user's account, can still find the
 * number by trying all 10^10 candidates; the note is not meant to hide it
 * from that account.
 *
 * Notes are kept per mode ("real", "demo": never shown to the other) and
 * per person: one file per identity in $XDG_STATE_HOME/eimza-yenile/
 * pending-<mode>/, mode 0600 (ey_recovery_default_dir, ey_recovery_path_for).
 */
typedef struct _EyRecovery EyRecovery;

EyRecovery *ey_recovery_new            (const char        *identity,
                                        const char        *display_name,
                                        const char        *order_id,
                                        const char        *path_nick);  /* "eonay", "esigned" */
EyRecovery *ey_recovery_ref            (EyRecovery        *self);
void        ey_recovery_unref          (EyRecovery        *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (EyRecovery, ey_recovery_unref)

const char *ey_recovery_get_display_name (const EyRecovery *self);
const char *ey_recovery_get_order_id     (const EyRecovery *self);
const char *ey_recovery_get_path_nick    (const EyRecovery *self);
GDateTime  *ey_recovery_get_created      (const EyRecovery *self);
/* Whether @identity is the person the record was written for. */
gboolean    ey_recovery_matches        (const EyRecovery  *self,
                                        const char        *identity);

/* The old single file (before notes were kept per mode and person); only
 * read, by ey_recovery_migrate_legacy(). */
char       *ey_recovery_default_path   (void);
/* Moves the note of ey_recovery_default_path(), if there is one, into @dir
 * (the real mode's: the old file did not say which mode wrote it, and a
 * real application must not be lost) as a note of its own, then removes the
 * old file. The old note has no identity number to name its file with, so
 * it keeps its salted hash and a "legacy-" name; the session finds it after
 * the person signs in. An old file that cannot be read is left alone
 * (FALSE and @error). TRUE when there was nothing to move. */
gboolean    ey_recovery_migrate_legacy (const char        *dir,
                                        GError           **error);
/* The note file's name without ".ini": what `eimza-yenile-cli pending`
 * calls its ID (no identity number in it). NULL if it has no file. */
char       *ey_recovery_get_id         (const EyRecovery  *self);

/* The directory of @mode's notes ("real" or "demo"); created with mode 0700
 * on save. */
char       *ey_recovery_default_dir    (const char        *mode);
/* The note file of the person @identity in @dir (a keyed name: the file
 * name does not show the number either). NULL if the key cannot be made. */
char       *ey_recovery_path_for       (const char        *dir,
                                        const char        *identity,
                                        GError           **error);
/* Every note in @dir, oldest first (unreadable ones are skipped with a
 * debug message). Never NULL. */
GPtrArray  *ey_recovery_list           (const char        *dir);
/* The file the note was loaded from or saved to, or NULL. */
const char *ey_recovery_get_file       (const EyRecovery  *self);

/* Writes atomically with mode 0600. */
gboolean    ey_recovery_save           (const EyRecovery  *self,
                                        const char        *file,
                                        GError           **error);
/* NULL and no error when there is no record. */
EyRecovery *ey_recovery_load           (const char        *file,
                                        GError           **error);
/* The application was confirmed: remove the record. No error if absent. */
gboolean    ey_recovery_clear          (const char        *file,
                                        GError           **error);

G_END_DECLS
