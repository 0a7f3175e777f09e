/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ey-ui-secret"

#include "config.h"

#include <sys/prctl.h>
#include <sys/resource.h>

#include "ey-ui-secret.h"

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
