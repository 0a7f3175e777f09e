/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "ey-step-page.h"

G_BEGIN_DECLS

#define EY_TYPE_PAGE_ORDER (ey_page_order_get_type ())
G_DECLARE_FINAL_TYPE (EyPageOrder, ey_page_order, EY, PAGE_ORDER, EyStepPage)

G_END_DECLS
