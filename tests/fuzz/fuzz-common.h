/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* Shared by every harness in tests/fuzz: libFuzzer's entry point and the set-up that
 * makes a GLib warning or critical a crash, so a parser that complains about input it
 * should only refuse is found too. */

#include <glib.h>
#include <locale.h>
#include <signal.h>
#include <stdlib.h>
#include <stdint.h>
#include <stddef.h>

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

/* A fatal GLib message ends in G_BREAKPOINT (SIGTRAP), which libFuzzer does not
 * catch: turn it into an abort so the input is saved as a crash. */
static void
fuzz_trap_to_abort (int sig)
{
  abort ();
}

static inline void
fuzz_init_once (void)
{
  static gsize done = 0;

  if (g_once_init_enter (&done))
    {
      /* LC_ALL=tr_TR.UTF-8 in the environment fuzzes the Turkish case rules too. */
      setlocale (LC_ALL, "");
      g_log_set_always_fatal (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
      signal (SIGTRAP, fuzz_trap_to_abort);
      g_once_init_leave (&done, 1);
    }
}

/* A NUL-terminated copy of the input, for the APIs that take a C string. */
static inline char *
fuzz_strndup (const uint8_t *data,
              size_t         size)
{
  return size == 0 ? g_strdup ("") : g_strndup ((const char *)data, size);
}
