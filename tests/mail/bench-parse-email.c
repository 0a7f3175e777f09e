/* SPDX-License-Identifier: GPL-3.0-or-later */
/* How long ey_email_parse() takes on big pastes (2 MB, mostly on one line) of the
 * shapes that used to make it quadratic.  A benchmark, not a test: it prints the
 * times (meson benchmark). */
#define G_LOG_DOMAIN "bench-parse-email"

#include "config.h"

#include <string.h>

#include "ey-email.h"

#define SIZE (2 * 1024 * 1024)

static char *
repeat (const char *head,
        const char *unit,
        const char *tail)
{
  GString *s = g_string_new (head);

  while (s->len < SIZE)
    g_string_append (s, unit);
  g_string_append (s, tail);
  return g_string_free (s, FALSE);
}

int
main (int   argc,
      char *argv[])
{
  static const struct { const char *name, *head, *unit, *tail; } cases[] = {
    { "letters", "", "abcdefghij", "" },
    { "spaces", "x", "          ", "y" },
    { "sayin", "", "Sayın ", "" },
    { "sayin-no-comma", "", "Sayın AYŞE YILMAZ ", "" },
    { "password-labels", "", "Erişim Parolanız ", ": Ab3kT9qz" },
    { "kullanim", "", "için kullanılacak ", "" },
    { "links", "", "https://a.b/ ", "" },
    { "brackets", "", "((((((((((", "" },
    { "kamusm-hosts", "", "kamusm.x", "" },
    { "tags", "", "<div>", "" },
    { "lt", "", "<<<<<<<<<<", "" },
    { "qp", "=C4=B0", "=3D=3D", "" },
    { "from", "", "From: x@y.z ", "" },
  };
  double total = 0;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = repeat (cases[i].head, cases[i].unit, cases[i].tail);
      gint64 start = g_get_monotonic_time ();
      g_autoptr(EyEmail) email = ey_email_parse (text, -1);
      double s = (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;

      g_assert_nonnull (email);
      total += s;
      g_print ("%-16s %8.3f s\n", cases[i].name, s);
    }
  g_print ("%-16s %8.3f s\n", "total", total);
  return 0;
}
