/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "ey-site-report.h"

G_BEGIN_DECLS

/* Used only inside the layer (and its tests); other layers go through
 * ey-site-report.h. */

/**
 * ey_site_report_build:
 * @page: the page the site showed
 * @problem: (nullable): what went wrong (the error message shown)
 * @personal: (nullable) (array zero-terminated=1): values that must not
 *   appear (the session's identity number, applicant name, phone, e-mail,
 *   institution, verification code …); compared loosely (ey-text.h)
 *
 * Returns: (transfer full): the report, UTF-8 plain text
 */
char     *ey_site_report_build        (EySitePage              *page,
                                       const char          *problem,
                                       const char * const  *personal);

G_END_DECLS
