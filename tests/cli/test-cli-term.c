/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The CLI's terminal helpers: the PIN prompt (read(2), digits only, the token's
 * length range), terminal controls stripped from what is printed, and a process
 * that writes no core dump. */
#define G_LOG_DOMAIN "test-cli-term"

#include "config.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/prctl.h>
#include <sys/resource.h>

#include "ey-cli.h"
#include "ey-pin.h"

static void
test_pin_valid (void)
{
  g_assert_true (ey_cli_pin_is_valid ("1234", 4, 4, 16));
  g_assert_true (ey_cli_pin_is_valid ("1234567890123456", 16, 4, 16));
  g_assert_false (ey_cli_pin_is_valid ("", 0, 0, 16));
  g_assert_false (ey_cli_pin_is_valid ("123", 3, 4, 16));
  g_assert_false (ey_cli_pin_is_valid ("12345678901234567", 17, 4, 16));
  g_assert_false (ey_cli_pin_is_valid ("12a4", 4, 4, 16));
  g_assert_false (ey_cli_pin_is_valid ("12 4", 4, 4, 16));
  g_assert_false (ey_cli_pin_is_valid ("١٢٣٤", strlen ("١٢٣٤"), 4, 16));  /* Arabic-Indic digits */
  g_assert_false (ey_cli_pin_is_valid ("12\0004", 4, 4, 16));
}

/* @input through a pipe to ey_cli_prompt_pin_fd() */
static EyPin *
prompt (const char *input,
        guint       min_length,
        guint       max_length)
{
  int fds[2];
  EyPin *pin;

  g_assert_no_errno (pipe (fds));
  g_assert_cmpint (write (fds[1], input, strlen (input)), ==, (gssize) strlen (input));
  close (fds[1]);
  pin = ey_cli_prompt_pin_fd (fds[0], "PIN", min_length, max_length);
  close (fds[0]);
  return pin;
}

static void
assert_pin (EyPin      *pin,
            const char *expected)
{
  gsize len;
  const guint8 *data;

  g_assert_nonnull (pin);
  data = ey_pin_get_data (pin, &len);
  g_assert_cmpmem (data, len, expected, strlen (expected));
  ey_pin_unref (pin);
}

static GString *said;

static void
collect (const char *text)
{
  g_string_append (said, text);
}

static void
test_pin_prompt (void)
{
  GPrintFunc old = g_set_print_handler (collect);

  said = g_string_new (NULL);
  /* Empty, not digits, too long: asked again; the default range is 4–16 */
  assert_pin (prompt ("\n12ab\n12345678901234567\n123\n4321\nlater\n", 0, 0), "4321");
  /* The token's range */
  assert_pin (prompt ("4321\n654321\n", 6, 8), "654321");
  assert_pin (prompt ("123456789\n12345678\r\n", 6, 8), "12345678");
  /* End of input: nothing */
  g_assert_null (prompt ("", 4, 16));
  g_assert_null (prompt ("\nabc\n", 4, 16));
  /* A nonsense range falls back to 4–16 */
  assert_pin (prompt ("123\n1234\n", 9, 2), "1234");
  g_set_print_handler (old);
  /* Each refusal was said; no PIN was echoed */
  g_assert_nonnull (strstr (said->str, "A PIN has 6 to 8 digits"));
  g_assert_null (strstr (said->str, "1234"));
  g_string_free (said, TRUE);
}

static void
assert_stripped (const char *in,
                 const char *out)
{
  g_autofree char *got = ey_cli_strip_controls (in, -1);

  g_assert_cmpstr (got, ==, out);
}

static void
test_strip (void)
{
  assert_stripped ("Kurum: A&B <b>Ltd</b>\n\tİkinci satır", "Kurum: A&B <b>Ltd</b>\n\tİkinci satır");
  assert_stripped ("a\x1b[2J\x1b[1;1Hb", "ab");                     /* CSI */
  assert_stripped ("a\x1b]0;title\x07" "b", "ab");                  /* OSC, BEL */
  assert_stripped ("a\x1b]8;;http://x\x1b\\link\x1b]8;;\x1b\\b", "alinkb");  /* OSC 8, ST */
  assert_stripped ("a\x1bPq#0;2;0;0;0\x1b\\b", "ab");               /* DCS */
  assert_stripped ("a\x1b" "cb", "ab");                             /* RIS */
  assert_stripped ("a\x1b(0b", "ab");                               /* charset switch */
  assert_stripped ("a\xc2\x9b" "31mb", "ab");                       /* C1 CSI */
  assert_stripped ("a\r\bb\x7f\x01", "ab");                         /* C0, DEL */
  assert_stripped ("a\xe2\x80\xae" "cba", "acba");                  /* RLO */
  assert_stripped ("a\xffz", "a\xef\xbf\xbdz");                     /* invalid UTF-8 */
  assert_stripped ("trailing\x1b", "trailing");
}

static void
test_harden (void)
{
  struct rlimit core;
  int fds[2];
  int saved;
  char buf[64] = { 0 };
  gssize n;

  ey_cli_harden_process ();
  g_assert_cmpint (prctl (PR_GET_DUMPABLE, 0, 0, 0, 0), ==, 0);
  g_assert_no_errno (getrlimit (RLIMIT_CORE, &core));
  g_assert_cmpuint (core.rlim_cur, ==, 0);

  /* g_print strips terminal controls from then on */
  g_assert_no_errno (pipe (fds));
  fflush (stdout);
  saved = dup (STDOUT_FILENO);
  dup2 (fds[1], STDOUT_FILENO);
  g_print ("Kurum: %s\n", "X\x1b[8mgizli\x1b[0m Y");
  fflush (stdout);
  dup2 (saved, STDOUT_FILENO);
  close (saved);
  close (fds[1]);
  n = read (fds[0], buf, sizeof buf - 1);
  close (fds[0]);
  g_assert_cmpint (n, >, 0);
  g_assert_cmpstr (buf, ==, "Kurum: Xgizli Y\n");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cli/term/pin-valid", test_pin_valid);
  g_test_add_func ("/cli/term/pin-prompt", test_pin_prompt);
  g_test_add_func ("/cli/term/strip", test_strip);
  g_test_add_func ("/cli/term/harden", test_harden);
  return g_test_run ();
}
