/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "ey-step-page.h"

G_BEGIN_DECLS

#define EY_TYPE_PAGE_EONAY (ey_page_eonay_get_type ())
G_DECLARE_FINAL_TYPE (EyPageEonay, ey_page_eonay, EY, PAGE_EONAY, EyStepPage)

G_END_DECLS
