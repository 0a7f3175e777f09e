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

/* Who is on the wet path and has not sent the form yet (the "waiting for wet form"
 * filter), soonest end first. (element-type utf8) */
GPtrArray *ey_officer_waiting_wet      (EyRoster            *roster,
                                        GError             **error);
/*
 * Several colleagues' wet forms, one page each, then the cover list of the same
 * colleagues, in one print job.  @demo puts a DEMO mark on every page.  Ticks
 * "printed" in each one's checklist once printed.  FALSE with @error when
 * @identities is empty or names nobody in the roster.
 */
gboolean   ey_officer_print_forms      (GtkWindow           *parent,
                                        EyRoster            *roster,
                                        const char * const  *identities,
                                        gboolean             demo,
                                        GError             **error);
/* The same pages into a PDF file, without a dialog ("Save as PDF"). */
gboolean   ey_officer_export_forms_pdf (EyRoster            *roster,
                                        const char * const  *identities,
                                        gboolean             demo,
                                        const char          *path,
                                        GError             **error);

G_END_DECLS
