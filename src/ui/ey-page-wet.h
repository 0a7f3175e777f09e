/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "ey-step-page.h"

G_BEGIN_DECLS

#define EY_TYPE_PAGE_WET (ey_page_wet_get_type ())
G_DECLARE_FINAL_TYPE (EyPageWet, ey_page_wet, EY, PAGE_WET, EyStepPage)

G_END_DECLS
