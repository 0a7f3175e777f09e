/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "ey-session.h"

G_BEGIN_DECLS

/* A renewal kept when the window closed mid-way, to go on at the next start: who and
 * for which institution, never a secret (no password, SMS code, PIN or security
 * word).  The identity number is personal: the file is the user's alone (0600).
 * Separate from the recovery record of signed-but-unconfirmed applications. */
char      *ey_draft_default_path  (void);
gboolean   ey_draft_save          (EySession   *session,
                                   const char  *path,
                                   GError     **error);
/* Puts a kept renewal's facts into @session and removes the draft; returns the
 * applicant's name (or identity) to mention, or NULL when there was none. */
char      *ey_draft_restore       (EySession   *session,
                                   const char  *path);

G_END_DECLS
