/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "ey-step-page.h"

G_BEGIN_DECLS

/* Shown instead of the step's page when the site showed a page the profile does
 * not know: says so, keeps everything typed (the step's page is only hidden),
 * offers to try again and to save a report for IT (ey-site-report.h). */
#define EY_TYPE_PAGE_SITE_CHANGED (ey_page_site_changed_get_type ())
G_DECLARE_FINAL_TYPE (EyPageSiteChanged, ey_page_site_changed, EY, PAGE_SITE_CHANGED, EyStepPage)

/* Writes the report for IT to @file (what the save dialog does; tests call it). */
gboolean ey_page_site_changed_save_report (EyPageSiteChanged  *self,
                                           GFile              *file,
                                           GError            **error);

G_END_DECLS
