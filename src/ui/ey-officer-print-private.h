/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "ey-officer-print.h"

G_BEGIN_DECLS

/*
 * Tests: ey_officer_print_forms () runs its print operation as an export into @path
 * (a PDF) instead of showing the print dialog, so what would reach the printer can be
 * read back without one.  NULL: the dialog again.
 */
void _ey_officer_print_set_export_filename (const char *path);

G_END_DECLS
