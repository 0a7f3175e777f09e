/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ey-ui-secret"

#include "config.h"

#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>

#include "ey-ui-secret.h"

static GtkEntryBuffer *
buffer_of (GtkWidget *editable)
{
  GtkEditable *delegate = GTK_EDITABLE (editable);

  if (GTK_IS_ENTRY (editable))
    return gtk_entry_get_buffer (GTK_ENTRY (editable));
  while (delegate != NULL && !GTK_IS_TEXT (delegate))
    delegate = gtk_editable_get_delegate (delegate);
  return delegate ? gtk_text_get_buffer (GTK_TEXT (delegate)) : NULL;
}

void
ey_ui_secret_wipe (GtkWidget *editable)
{
  GtkEntryBuffer *buffer;
  char *text;
  gsize bytes;

  g_return_if_fail (GTK_IS_EDITABLE (editable));

  buffer = buffer_of (editable);
  if (buffer == NULL || (bytes = gtk_entry_buffer_get_bytes (buffer)) == 0)
    return;
  /* Both of GTK 4.8's buffers hand out their own storage, and deleting text only
   * moves the bytes after it (here the NUL) down: the secret stays behind the NUL
   * until it is wiped in place.  Deleting does not reallocate. */
  text = (char *) gtk_entry_buffer_get_text (buffer);
  gtk_entry_buffer_delete_text (buffer, 0, -1);
  explicit_bzero (text, bytes);
}

void
ey_ui_secure_editable (GtkWidget *editable)
{
  GtkEditable *delegate;
  g_autoptr(GtkEntryBuffer) buffer = NULL;

  g_return_if_fail (GTK_IS_EDITABLE (editable));

  if (GTK_IS_ENTRY (editable))
    {
      buffer = gtk_password_entry_buffer_new ();
      gtk_entry_set_buffer (GTK_ENTRY (editable), buffer);
      return;
    }
  /* An entry row edits through its GtkText */
  delegate = GTK_EDITABLE (editable);
  while (delegate != NULL && !GTK_IS_TEXT (delegate))
    delegate = gtk_editable_get_delegate (delegate);
  g_return_if_fail (delegate != NULL);
  buffer = gtk_password_entry_buffer_new ();
  gtk_text_set_buffer (GTK_TEXT (delegate), buffer);
}

void
ey_ui_harden_process (void)
{
  struct rlimit none = { 0, 0 };

  (void) prctl (PR_SET_DUMPABLE, 0, 0, 0, 0);
  (void) setrlimit (RLIMIT_CORE, &none);
}
