/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "ey-roster.h"

G_BEGIN_DECLS

/* The lines of the "due soon" list: who must renew within 3 months (or whose
 * certificate has ended) and is not done, soonest first. (element-type utf8) */
GPtrArray *ey_officer_due_lines (EyRoster  *roster,
                                 GError   **error);
/* Prints that list with a title and the date (GtkPrintOperation). */
void       ey_officer_print_due (GtkWindow *parent,
                                 EyRoster  *roster);

/* The cover list for the envelope to KamuSM: colleagues whose wet-signed form the
 * officer has received and not yet sent. (element-type utf8) */
GPtrArray *ey_officer_cover_lines (EyRoster  *roster,
                                   GError   **error);
void       ey_officer_print_cover (GtkWindow *parent,
                                   EyRoster  *roster);

G_END_DECLS
