/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "ey-certificate.h"
#include "ey-site-profile.h"

G_BEGIN_DECLS

/* Small text helpers shared by the pages (no type of their own). */
char *ey_ui_format_date               (GDateTime     *date);
/* The same day, then the local time of day: "04.12.2026 17:05". */
char *ey_ui_format_date_time          (GDateTime     *date);
/* "Valid until 12.03.2027 (60 days left). Renewal is possible now." */
char *ey_ui_describe_certificate      (EyCertificate *certificate);
/* Why @certificate cannot sign this application, or NULL when it can. */
char *ey_ui_certificate_refusal       (EyCertificate *certificate,
                                       const char    *identity);

/* The site profile's explanation of one of the site's known Turkish messages, in the UI's
 * language, where that is not Turkish; NULL otherwise. */
const char *ey_ui_explain_site_message (EySiteProfile *profile,
                                        const char    *site_text);

/* Whether the site's masked phone ("50*****9", "53*******67") may be @typed: its shown
 * digits begin and end the number as typed (spaces, a leading 0 or +90 aside).  FALSE
 * when either is missing or the mask shows no digit. */
gboolean    ey_ui_phone_matches_mask   (const char *typed,
                                        const char *masked);

/* The order's number as people quote it (from the session's order id). */
char       *ey_ui_order_number         (const char *order_id);

G_END_DECLS
