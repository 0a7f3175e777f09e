/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ey-vcard-tool [--reader N] [--mute] [ATR]: holds a virtual card in vpcd's reader N
 * until standard input closes or Ctrl-C (for trying the UI by hand). */
#define G_LOG_DOMAIN "ey-vcard-tool"

#include "config.h"

#include <stdio.h>
#include <glib-unix.h>

#include "ey-vcard.h"

#define AKIS_ATR "3BBA11008131FE4D55454B41452056312E30AE"

static gboolean
quit_cb (gpointer user_data)
{
  g_main_loop_quit (user_data);
  return G_SOURCE_REMOVE;
}

static gboolean
stdin_cb (int           fd,
          GIOCondition  condition,
          gpointer      user_data)
{
  char buf[256];

  if (read (fd, buf, sizeof buf) > 0)
    return G_SOURCE_CONTINUE;
  g_main_loop_quit (user_data);
  return G_SOURCE_REMOVE;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = g_option_context_new ("[ATR-HEX]");
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  g_autoptr(GError) error = NULL;
  int reader = 0;
  gboolean mute = FALSE;
  const GOptionEntry entries[] = {
    { "reader", 'r', 0, G_OPTION_ARG_INT, &reader, "vpcd reader index (0 or 1)", "N" },
    { "mute", 'm', 0, G_OPTION_ARG_NONE, &mute, "a card that never gives its ATR", NULL },
    { NULL }
  };

  g_option_context_add_main_entries (context, entries, NULL);
  g_option_context_set_summary (context, "Holds a virtual card in a vpcd reader "
                                "(default ATR: AKİS " AKIS_ATR ").");
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }
  if (reader < 0 || reader >= EY_VCARD_N_READERS)
    {
      g_printerr ("--reader must be 0 or 1\n");
      return 2;
    }

  if (!(mute ? ey_vcard_insert_mute (reader, &error)
             : ey_vcard_insert (reader, argc > 1 ? argv[1] : AKIS_ATR, &error)))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  g_print ("Card inserted in “%s”; close standard input or press Ctrl-C to remove it.\n",
           ey_vcard_reader_name (reader));

  g_unix_signal_add (SIGINT, quit_cb, loop);
  g_unix_signal_add (SIGTERM, quit_cb, loop);
  g_unix_fd_add (0, G_IO_IN | G_IO_HUP, stdin_cb, loop);
  g_main_loop_run (loop);

  ey_vcard_remove_all ();
  return 0;
}
