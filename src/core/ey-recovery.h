/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * EyRecovery:
 *
 * The note left on disk between "the site accepted the signature" and
 * "the site confirmed the application", so that a crash or a closed window
 * in between is finished on the next start. It holds no secret: a salted
 * hash of the identity number (to recognise the person again), the display
 * name, the order, the path and when it was written.
 * File: $XDG_STATE_HOME/eimza-yenile/pending-application.ini, mode 0600.
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

/* Default file; a directory is created with mode 0700 on save. */
char       *ey_recovery_default_path   (void);

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
