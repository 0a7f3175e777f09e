/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Gives an entry row (AdwPasswordEntryRow, AdwEntryRow) or entry a
 * GtkPasswordEntryBuffer: the typed secret lives in locked memory that is wiped
 * when freed, instead of GtkEntryBuffer's plain heap copy that outlives a clear. */
void ey_ui_secure_editable  (GtkWidget *editable);
/* Empties an entry or entry row and wipes the bytes the text was in (a plain
 * clear leaves them behind in the buffer's storage). */
void ey_ui_secret_wipe      (GtkWidget *editable);
/* No core dump and no ptrace by other processes of the user while secrets are in
 * memory: called at application start-up. */
void ey_ui_harden_process   (void);

G_END_DECLS
