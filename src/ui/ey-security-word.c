/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ey-security-word"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#ifdef HAVE_LIBSECRET
# include <libsecret/secret.h>
#endif

#include "ey-security-word.h"

static void
wipe_free (gpointer data)
{
  char *text = data;

  if (text)
    {
      explicit_bzero (text, strlen (text));
      g_free (text);
    }
}

#ifdef HAVE_LIBSECRET
static const SecretSchema *
security_word_schema (void)
{
  /* No attributes: they are stored unencrypted, and an identity number is personal
   * data.  Without them a second store replaces the first, one word per user. */
  static const SecretSchema schema = {
    "io.github.eimzayenile.EimzaYenile.SecurityWord", SECRET_SCHEMA_NONE,
    {
      { NULL, 0 },
    }
  };
  return &schema;
}

static void
store_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  if (!secret_password_store_finish (result, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}
#endif

gboolean
ey_security_word_keyring_available (void)
{
#ifdef HAVE_LIBSECRET
  return TRUE;
#else
  return FALSE;
#endif
}

void
ey_security_word_store_async (const char          *word,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (word != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, ey_security_word_store_async);
#ifdef HAVE_LIBSECRET
  /* libsecret copies the word into its own secure memory before this returns. */
  secret_password_store (security_word_schema (), SECRET_COLLECTION_DEFAULT,
                         _("e-Signature renewal security word"), word, cancellable,
                         store_cb, g_steal_pointer (&task), NULL);
#else
  g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                           _("This build has no keyring support."));
#endif
}

gboolean
ey_security_word_store_finish (GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * ey_security_word_lookup_sync:
 *
 * Returns: (transfer full) (nullable): the stored word in non-pageable memory; free it
 * with secret_password_free() (it wipes).  Blocks on D-Bus: for tests and tools only.
 */
char *
ey_security_word_lookup_sync (GCancellable  *cancellable,
                              GError       **error)
{
#ifdef HAVE_LIBSECRET
  return secret_password_lookup_sync (security_word_schema (), cancellable, error, NULL);
#else
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                       _("This build has no keyring support."));
  return NULL;
#endif
}

static void
draw_page_cb (GtkPrintOperation *operation,
              GtkPrintContext   *context,
              int                page_nr,
              gpointer           user_data)
{
  const char *word = g_object_get_data (G_OBJECT (operation), "ey-security-word");
  cairo_t *cr = gtk_print_context_get_cairo_context (context);
  g_autoptr(PangoLayout) layout = gtk_print_context_create_pango_layout (context);
  g_autoptr(PangoFontDescription) font = pango_font_description_from_string ("Sans 12");
  char *text;

  text = g_strdup_printf (_("e-Signature renewal — security word\n\nSecurity word: %s\n\n"
                            "Keep this paper safe. KamuSM's \"NES Bireysel\" site asks for this "
                            "word to give you the PIN of your new card and to unlock a locked "
                            "PIN."), word ? word : "");
  pango_layout_set_font_description (layout, font);
  pango_layout_set_width (layout, (int) (gtk_print_context_get_width (context) * PANGO_SCALE));
  pango_layout_set_text (layout, text, -1);
  cairo_move_to (cr, 0, 0);
  pango_cairo_show_layout (cr, layout);
  wipe_free (text);
}

GtkPrintOperation *
ey_security_word_print_operation_new (const char *word)
{
  GtkPrintOperation *operation;

  g_return_val_if_fail (word != NULL, NULL);

  operation = gtk_print_operation_new ();
  gtk_print_operation_set_n_pages (operation, 1);
  /* The operation's copy goes with it, wiped. */
  g_object_set_data_full (G_OBJECT (operation), "ey-security-word", g_strdup (word), wipe_free);
  g_signal_connect (operation, "draw-page", G_CALLBACK (draw_page_cb), NULL);
  return operation;
}
