/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ey-cli-term"

#include "config.h"

#include <stdio.h>
#include <string.h>
#include <limits.h>
#include <signal.h>
#include <termios.h>
#include <unistd.h>
#include <glib/gi18n.h>

#include "ey-cli.h"

/* The terminal as it was before a secret prompt, and the private folder
 * to remove, for the Ctrl+C / hang-up handler */
static struct termios saved_termios;
static volatile sig_atomic_t termios_saved;
static char cleanup_dir[PATH_MAX];
static char cleanup_file[PATH_MAX];
static char interrupt_text[1024];
static volatile sig_atomic_t interrupt_text_set;

static void
restore_and_exit (int signum)
{
  /* only async-signal-safe calls here */
  if (termios_saved)
    tcsetattr (STDIN_FILENO, TCSANOW, &saved_termios);
  if (cleanup_file[0])
    unlink (cleanup_file);
  if (cleanup_dir[0])
    rmdir (cleanup_dir);
  if (interrupt_text_set)
    {
      ssize_t unused = write (STDOUT_FILENO, interrupt_text, strlen (interrupt_text));
      (void) unused;
    }
  _exit (EY_CLI_EXIT_CANCELLED);
}

void
ey_cli_on_interrupt_remove (const char *dir,
                            const char *file)
{
  struct sigaction sa = { 0 };

  g_strlcpy (cleanup_dir, dir ? dir : "", sizeof cleanup_dir);
  g_strlcpy (cleanup_file, file ? file : "", sizeof cleanup_file);
  sa.sa_handler = restore_and_exit;
  sigaction (SIGINT, &sa, NULL);
  sigaction (SIGTERM, &sa, NULL);
  sigaction (SIGHUP, &sa, NULL);
}

void
ey_cli_on_interrupt_say (const char *text)
{
  interrupt_text_set = 0;
  if (text == NULL)
    return;
  g_snprintf (interrupt_text, sizeof interrupt_text, "\n%s\n", text);
  interrupt_text_set = 1;
}

static char *
read_line (void)
{
  GString *line = g_string_new (NULL);
  int c;

  fflush (stdout);
  while ((c = getchar ()) != EOF && c != '\n')
    g_string_append_c (line, (char) c);
  if (c == EOF && line->len == 0)
    {
      g_string_free (line, TRUE);
      return NULL;
    }
  if (line->len > 0 && line->str[line->len - 1] == '\r')
    g_string_truncate (line, line->len - 1);
  return g_string_free (line, FALSE);
}

char *
ey_cli_prompt (const char *question,
               const char *default_value)
{
  char *line;

  if (default_value && *default_value)
    g_print ("%s [%s]: ", question, default_value);
  else
    g_print ("%s: ", question);
  line = read_line ();
  if (line == NULL)
    return NULL;
  g_strstrip (line);
  if (*line == '\0' && default_value)
    {
      g_free (line);
      return g_strdup (default_value);
    }
  return line;
}

char *
ey_cli_prompt_secret (const char *question)
{
  struct termios old, quiet;
  gboolean tty = isatty (STDIN_FILENO) && tcgetattr (STDIN_FILENO, &old) == 0;
  GString *line;
  int c;

  /* Echo goes off before the prompt appears, so nothing typed after the
   * prompt can be echoed; pending input is kept (no flush) */
  if (tty)
    {
      struct sigaction sa = { 0 };

      saved_termios = old;
      termios_saved = 1;
      sa.sa_handler = restore_and_exit;
      sigaction (SIGINT, &sa, NULL);
      sigaction (SIGTERM, &sa, NULL);
      sigaction (SIGHUP, &sa, NULL);
      quiet = old;
      quiet.c_lflag &= ~(ECHO);
      quiet.c_lflag |= ECHONL;
      tcsetattr (STDIN_FILENO, TCSANOW, &quiet);
    }
  g_print ("%s: ", question);
  fflush (stdout);
  /* Read char by char into a buffer we wipe: no stdio line copies kept */
  line = g_string_sized_new (64);
  while ((c = getchar ()) != EOF && c != '\n')
    g_string_append_c (line, (char) c);
  if (tty)
    {
      tcsetattr (STDIN_FILENO, TCSANOW, &old);
      termios_saved = 0;
    }
  else
    g_print ("\n");
  if (c == EOF && line->len == 0)
    {
      explicit_bzero (line->str, line->allocated_len);
      g_string_free (line, TRUE);
      return NULL;
    }
  if (line->len > 0 && line->str[line->len - 1] == '\r')
    line->str[--line->len] = '\0';
  {
    char *copy = g_strdup (g_strstrip (line->str));

    explicit_bzero (line->str, line->allocated_len);
    g_string_free (line, TRUE);
    return copy;
  }
}

void
ey_cli_secret_free (char *secret)
{
  if (secret == NULL)
    return;
  explicit_bzero (secret, strlen (secret));
  g_free (secret);
}

int
ey_cli_ask_yes_no (const char *question,
                   gboolean    def)
{
  for (;;)
    {
      g_autofree char *answer = NULL;

      g_print ("%s %s ", question, def ? _("[Y/n]") : _("[y/N]"));
      answer = read_line ();
      if (answer == NULL)
        return -1;
      g_strstrip (answer);
      if (*answer == '\0')
        return def;
      /* Both languages; byte-wise, never by locale */
      if (g_ascii_strcasecmp (answer, "y") == 0 || g_ascii_strcasecmp (answer, "yes") == 0 ||
          g_ascii_strcasecmp (answer, "e") == 0 || g_ascii_strcasecmp (answer, "evet") == 0 ||
          g_strcmp0 (answer, _("y")) == 0)
        return TRUE;
      if (g_ascii_strcasecmp (answer, "n") == 0 || g_ascii_strcasecmp (answer, "no") == 0 ||
          g_ascii_strcasecmp (answer, "h") == 0 || g_ascii_strcasecmp (answer, "hayir") == 0 ||
          g_strcmp0 (answer, "hayır") == 0 || g_strcmp0 (answer, _("n")) == 0)
        return FALSE;
      g_print ("%s\n", _("Please answer y or n."));
    }
}

void
ey_cli_store_result_cb (GObject      *object,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  GAsyncResult **slot = user_data;

  *slot = g_object_ref (result);
}

GAsyncResult *
ey_cli_wait (GAsyncResult **result)
{
  while (*result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *result;
}
