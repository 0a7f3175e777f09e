/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/*
 * The roster keeps dates as ISO 8601 ("2026-11-24", "2026-11-24T09:30:00Z"), which is
 * what its files (CSV, XLSX, the database) keep too.  Shown to the officer they look as
 * the assistant shows dates: ey_ui_format_date (), in the in-app language's format.
 */

/* A day ("2026-11-24") or a moment (…T09:30:00Z, as the local day).  Text that is no
 * date comes back as it is; NULL for NULL. (transfer full) (nullable) */
char *ey_officer_format_day  (const char *iso);
/* Forgets the days formatted so far: the in-app language (and its format) changed. */
void  ey_officer_format_forget (void);
/* A moment with its local time of day; a bare day as ey_officer_format_day ().
 * (transfer full) (nullable) */
char *ey_officer_format_time (const char *iso);

G_END_DECLS
