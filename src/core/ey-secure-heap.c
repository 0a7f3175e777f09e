/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ey-secure-heap"

#include "config.h"

#include <malloc.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ey-secure-heap.h"

/*
 * Our own buffers that held a secret are wiped before they are freed, but the
 * libraries copy secrets through buffers they free as they are: GIO's
 * g_output_stream_splice_async () sends every form body (access password, SMS
 * code, security word) through an 8 KiB buffer; GtkTextView lays the pasted
 * mail's lines out in Pango layouts; the clipboard hands the mail over through GIO
 * streams.  Wiping after free is the allocator's job, for all of them at once.
 *
 * glibc 2.36 (malloc/malloc.c) calls free_perturb () in _int_free () only, after
 * the tcache path has returned: chunks up to 1032 bytes (PINs, passwords and
 * codes in GStrings, GValues, layouts) would keep their bytes.  The tcache can
 * only be turned off by GLIBC_TUNABLES, read when the process starts: hence the
 * restart.  GLib 2.74's slices have magazines of their own: G_SLICE=always-malloc.
 *
 * Cost, measured on the shared 2-core test machine (Debian 12, medians): the
 * restart loads the libraries twice, +51 ms CPU (+67 ms wall) at each start of the
 * GUI (--help 54 -> 105 ms CPU), +38 ms CPU for the CLI (39 -> 77 ms).  The
 * allocator itself: a page change's label layouts take about 5% more CPU
 * (ey-ui-page-benchmark, e.g. form 16.8 -> 17.8 ms), whole page changes and the
 * first frame stay within the machine's noise, peak memory +0.2 MB (121.1 MB).
 */

#define TUNABLE        "glibc.malloc.tcache_count=0"
#define MARK           "EY_SECURE_HEAP"            /* only across the restart */
#define SAVED_TUNABLES "EY_SECURE_HEAP_TUNABLES"   /* the caller's values, for our children */
#define SAVED_SLICE    "EY_SECURE_HEAP_SLICE"
/* Freed memory becomes 0xff, new memory 0x00 (its complement): neither looks like text */
#define FREE_FILL      0xff

#if defined(__SANITIZE_ADDRESS__)
# define EY_SANITIZED 1
#elif defined(__has_feature)
# if __has_feature(address_sanitizer) || __has_feature(memory_sanitizer)
#  define EY_SANITIZED 1
# endif
#endif

#ifdef EY_SANITIZED
/* The sanitizer's allocator keeps freed chunks in quarantine: have it fill them
 * (the environment's ASAN_OPTIONS still come on top). */
const char *__asan_default_options (void);

const char *
__asan_default_options (void)
{
  return "max_free_fill_size=2147483647:free_fill_byte=255";
}
#endif

static gboolean active;

static void
save (const char *name,
      const char *saved_name)
{
  const char *value = getenv (name);

  if (value)
    setenv (saved_name, value, TRUE);
  else
    unsetenv (saved_name);
}

static void
restore (const char *name,
         const char *saved_name)
{
  const char *value = getenv (saved_name);

  if (value)
    setenv (name, value, TRUE);
  else
    unsetenv (name);
  unsetenv (saved_name);
}

/* A sanitizer's or valgrind's allocator ignores both (and valgrind's
 * /proc/self/exe is the tool) */
static gboolean
foreign_allocator (void)
{
#ifdef EY_SANITIZED
  return TRUE;
#else
  const char *preload = getenv ("LD_PRELOAD");

  return preload && strstr (preload, "vgpreload") != NULL;
#endif
}

void
ey_secure_heap_init (char **argv)
{
  const char *tunables;
  g_autofree char *with_tunable = NULL;

  g_return_if_fail (argv != NULL && argv[0] != NULL);

  /* Whatever follows: chunks that bypass the tcache are overwritten from now on */
  mallopt (M_PERTURB, FREE_FILL);
  if (foreign_allocator ())
    {
#ifdef EY_SANITIZED
      active = TRUE;   /* __asan_default_options () */
#endif
      return;
    }

  if (getenv (MARK))
    {
      tunables = getenv ("GLIBC_TUNABLES");
      active = tunables && strstr (tunables, TUNABLE) != NULL;
      /* GLib reads G_SLICE at its first slice, which may not have come yet */
      g_slice_free1 (16, g_slice_alloc (16));
      /* What we start (the browser, the demo's simulator) gets the usual allocator */
      restore ("GLIBC_TUNABLES", SAVED_TUNABLES);
      restore ("G_SLICE", SAVED_SLICE);
      unsetenv (MARK);
      return;
    }

  tunables = getenv ("GLIBC_TUNABLES");
  with_tunable = tunables && *tunables ? g_strconcat (tunables, ":", TUNABLE, NULL)
                                       : g_strdup (TUNABLE);
  save ("GLIBC_TUNABLES", SAVED_TUNABLES);
  save ("G_SLICE", SAVED_SLICE);
  setenv ("GLIBC_TUNABLES", with_tunable, TRUE);
  setenv ("G_SLICE", "always-malloc", TRUE);
  setenv (MARK, "1", TRUE);
  execv ("/proc/self/exe", argv);

  /* No restart (no /proc?): go on with what M_PERTURB alone gives */
  restore ("GLIBC_TUNABLES", SAVED_TUNABLES);
  restore ("G_SLICE", SAVED_SLICE);
  unsetenv (MARK);
}

gboolean
ey_secure_heap_get_active (void)
{
  return active;
}
