/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/*
 * Keeping the security word: the new card's PIN and a PIN unlock at KamuSM's NES
 * Bireysel site ask for it long after the renewal, so the person can print it or put
 * it in the desktop keyring.  Only ever on their request; every copy made here is
 * wiped when it is no longer needed.
 */
gboolean            ey_security_word_keyring_available   (void);
void                ey_security_word_store_async          (const char          *word,
                                                           GCancellable        *cancellable,
                                                           GAsyncReadyCallback  callback,
                                                           gpointer             user_data);
gboolean            ey_security_word_store_finish         (GAsyncResult        *result,
                                                           GError             **error);
char               *ey_security_word_lookup_sync          (GCancellable        *cancellable,
                                                           GError             **error);
/* A one-page print of the word; run it with a dialog, or export it to a PDF file. */
GtkPrintOperation  *ey_security_word_print_operation_new  (const char          *word);

G_END_DECLS
