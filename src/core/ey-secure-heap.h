/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * ey_secure_heap_init:
 * @argv: the program's argument vector, %NULL-terminated
 *
 * Makes freed heap memory forget what it held: glibc overwrites every chunk
 * it frees (M_PERTURB), its per-thread cache, which would skip that, is off,
 * and GLib's slices come from malloc.  The cache can only be turned off when
 * the process starts, so the first call starts the program again (same
 * arguments, same process id); the environment its children see is restored.
 * Under AddressSanitizer its allocator fills freed chunks instead; under
 * valgrind only M_PERTURB is set (valgrind's allocator ignores it).
 *
 * Call it first in main(), before any thread starts.
 */
void     ey_secure_heap_init        (char **argv);

/**
 * ey_secure_heap_get_active:
 *
 * Returns: whether every freed chunk is overwritten (the restart happened, or
 *   AddressSanitizer's allocator fills them)
 */
gboolean ey_secure_heap_get_active  (void);

G_END_DECLS
