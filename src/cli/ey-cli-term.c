/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ey-cli-term"

#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <limits.h>
#include <signal.h>
#include <termios.h>
#include <unistd.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <glib/gi18n.h>

#include "ey-cli.h"
#include "ey-pin.h"

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

/* A page for what is typed in secret: locked in memory (kept out of swap where
 * allowed), left out of core dumps, wiped before it is given back. */
static char *
secret_page_new (gsize *size)
{
  long page = sysconf (_SC_PAGESIZE);
  void *p;

  *size = page > 0 ? (gsize) page : 4096;
  p = mmap (NULL, *size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (p == MAP_FAILED)
    g_error ("mmap: %s", g_strerror (errno));
  (void) mlock (p, *size);            /* may fail without privileges; the wipe still happens */
  (void) madvise (p, *size, MADV_DONTDUMP);
  return p;
}

static void
secret_page_free (char  *page,
                  gsize  size)
{
  explicit_bzero (page, size);
  munlock (page, size);
  munmap (page, size);
}

/* One line from @fd with read(2), a byte at a time: no stdio buffer ever holds
 * it.  Returns the length (without the line end), or -1 at end of input with
 * nothing read; a line longer than @size - 1 is read to its end and cut. */
static gssize
read_secret_line (int    fd,
                  char  *buf,
                  gsize  size)
{
  gsize len = 0;
  gboolean any = FALSE;

  for (;;)
    {
      char c;
      ssize_t n = read (fd, &c, 1);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        break;
      any = TRUE;
      if (c == '\n')
        break;
      if (len + 1 < size)
        buf[len++] = c;
      c = 0;
    }
  if (len > 0 && buf[len - 1] == '\r')
    len--;
  buf[len] = '\0';
  return any ? (gssize) len : -1;
}

/* Echo off before the prompt appears, so nothing typed after it is echoed;
 * pending input is kept (no flush).  Returns the length read, -1 at the end. */
static gssize
prompt_secret_into (const char *question,
                    char       *buf,
                    gsize       size)
{
  struct termios old, quiet;
  gboolean tty = isatty (STDIN_FILENO) && tcgetattr (STDIN_FILENO, &old) == 0;
  gssize len;

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
  len = read_secret_line (STDIN_FILENO, buf, size);
  if (tty)
    {
      tcsetattr (STDIN_FILENO, TCSANOW, &old);
      termios_saved = 0;
    }
  else
    g_print ("\n");
  return len;
}

char *
ey_cli_prompt_secret (const char *question)
{
  gsize size;
  char *page = secret_page_new (&size);
  gssize len = prompt_secret_into (question, page, size);
  char *copy = NULL;

  if (len >= 0)
    copy = g_strdup (g_strstrip (page));
  secret_page_free (page, size);
  return copy;
}

gboolean
ey_cli_pin_is_valid (const char *pin,
                     gsize       length,
                     guint       min_length,
                     guint       max_length)
{
  if (length == 0 || length < min_length || length > max_length)
    return FALSE;
  for (gsize i = 0; i < length; i++)
    if (!g_ascii_isdigit (pin[i]))
      return FALSE;
  return TRUE;
}

EyPin *
ey_cli_prompt_pin_fd (int         fd,
                      const char *question,
                      guint       min_length,
                      guint       max_length)
{
  gsize size;
  char *page = secret_page_new (&size);
  EyPin *pin = NULL;

  if (min_length == 0 || max_length < min_length)
    {
      min_length = EY_CLI_PIN_MIN;
      max_length = EY_CLI_PIN_MAX;
    }
  max_length = MIN (max_length, size - 2);
  for (;;)
    {
      gssize len = fd == STDIN_FILENO ? prompt_secret_into (question, page, size)
                                      : read_secret_line (fd, page, size);

      if (len < 0)
        break;
      /* An empty or malformed PIN never reaches the card: it would only cost a try */
      if (ey_cli_pin_is_valid (page, len, min_length, max_length))
        {
          pin = ey_pin_new (page, len);
          break;
        }
      explicit_bzero (page, size);
      g_print (_("A PIN has %u to %u digits and nothing else. Type it again.\n"),
               min_length, max_length);
    }
  secret_page_free (page, size);
  return pin;
}

/* Terminal control: escape sequences (CSI, OSC, DCS … and two-byte ones), other
 * C0 and C1 controls but line break and tab, DEL, and the marks that reorder
 * text on screen.  Invalid UTF-8 becomes U+FFFD. */
char *
ey_cli_strip_controls (const char *text,
                       gssize      length)
{
  g_autofree char *valid = NULL;
  GString *out;
  const char *p;

  if (text == NULL)
    return NULL;
  valid = g_utf8_make_valid (text, length);
  out = g_string_sized_new (strlen (valid));
  for (p = valid; *p; )
    {
      gunichar c = g_utf8_get_char (p);
      const char *next = g_utf8_next_char (p);

      if (c == 0x1b || c == 0x9b || c == 0x9d || c == 0x90 || c == 0x9e || c == 0x9f)
        {
          gunichar kind = c;

          if (c == 0x1b)
            {
              if (*next == '\0')
                break;
              kind = g_utf8_get_char (next);
              next = g_utf8_next_char (next);
              if (kind == '[')
                kind = 0x9b;
              else if (kind == ']')
                kind = 0x9d;
              else if (kind == 'P' || kind == 'X' || kind == '^' || kind == '_')
                kind = 0x90;
              else
                {
                  /* ESC + final byte, or ESC + intermediates + final byte */
                  if (kind >= 0x20 && kind <= 0x2f)
                    {
                      while (*next >= 0x20 && *next <= 0x2f)
                        next++;
                      if (*next)
                        next++;
                    }
                  p = next;
                  continue;
                }
            }
          if (kind == 0x9b)
            {
              /* parameters and intermediates, then one final byte */
              while (*next && (guchar) *next >= 0x20 && (guchar) *next <= 0x3f)
                next++;
              while (*next && (guchar) *next >= 0x20 && (guchar) *next <= 0x2f)
                next++;
              if (*next && (guchar) *next >= 0x40 && (guchar) *next <= 0x7e)
                next++;
            }
          else
            {
              /* strings up to BEL or ST (ESC \\) */
              while (*next && *next != '\a' && !(next[0] == 0x1b && next[1] == '\\'))
                next++;
              if (*next == '\a')
                next++;
              else if (*next == 0x1b)
                next += 2;
            }
          p = next;
          continue;
        }
      if ((c < 0x20 && c != '\n' && c != '\t') || (c >= 0x7f && c <= 0x9f) ||
          (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069) ||
          c == 0x200e || c == 0x200f || c == 0x061c)
        {
          p = next;
          continue;
        }
      g_string_append_len (out, p, next - p);
      p = next;
    }
  return g_string_free (out, FALSE);
}

static void
print_stripped (const char *text,
                FILE       *stream)
{
  g_autofree char *clean = ey_cli_strip_controls (text, -1);

  fputs (clean, stream);
}

static void
print_handler (const char *text)
{
  print_stripped (text, stdout);
}

static void
printerr_handler (const char *text)
{
  print_stripped (text, stderr);
  fflush (stderr);
}

void
ey_cli_harden_process (void)
{
  struct rlimit none = { 0, 0 };

  /* No core dump while a password, SMS code or PIN may be in memory; this also
   * keeps other processes of the same user from reading ours (ptrace, /proc). */
  (void) prctl (PR_SET_DUMPABLE, 0, 0, 0, 0);
  (void) setrlimit (RLIMIT_CORE, &none);
  /* Read the terminal unbuffered: a line typed ahead must not sit in stdio's
   * buffer while the secret prompts read(2) the same descriptor, and no copy
   * of a secret is left there. */
  setvbuf (stdin, NULL, _IONBF, 0);
  /* Everything the program prints goes through g_print: text from the site
   * or the mail is shown as text, never as terminal commands. */
  g_set_print_handler (print_handler);
  g_set_printerr_handler (printerr_handler);
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
