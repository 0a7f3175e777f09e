/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "ey-core-types.h"

G_BEGIN_DECLS

/*
 * A report for IT when the site has changed: the structure of the page the
 * profile did not recognise (forms, field names and types, buttons, links,
 * headings, message texts), so that IT can write a new site profile
 * (docs/site-profile.md) without the person's data.  Nothing personal goes
 * in: no input value, cookie, query string or path parameter; every digit of
 * a text is masked, as are e-mail addresses, the words after "Sayın" and
 * every word of the values the caller names (identity number, name, phone,
 * codes …, also inside longer words) and of the page's own input values.
 * Names, ids, classes and address paths keep their words and lose runs of
 * three digits or more.  No control or bidi character the site sent gets in.
 */


/**
 * ey_site_report_build_for_session:
 * @session: the session that stopped on a page it did not know
 * @problem: (nullable): the error shown
 *
 * ey_site_report_build() on the session's unrecognised page, with the
 * session's identity number, names, institution, phone, codes and every
 * form value as the personal values to mask.
 *
 * Returns: (transfer full) (nullable): the report, or %NULL when the
 *   session has no unrecognised page
 */
char     *ey_site_report_build_for_session (EySession      *session,
                                            const char     *problem);

/**
 * ey_site_report_save:
 * @report: the report text
 * @dir: the folder to write into (created if missing)
 * @path: (out) (optional) (transfer full): the file written
 * @error: return location for a #GIOError
 *
 * Writes @report as `eimza-yenile-site-report-DATE-TIME.txt`, mode 0600.
 *
 * Returns: %TRUE on success
 */
gboolean  ey_site_report_save         (const char          *report,
                                       const char          *dir,
                                       char               **path,
                                       GError             **error);

/**
 * ey_site_report_write_file:
 * @report: the report text
 * @file: the file chosen by the person (GtkFileChooserNative)
 * @error: return location for a #GIOError
 *
 * Writes @report to @file, replacing it, mode 0600.
 */
gboolean  ey_site_report_write_file   (const char          *report,
                                       GFile               *file,
                                       GError             **error);

G_END_DECLS
