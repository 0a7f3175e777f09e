/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "ey-step-page.h"

G_BEGIN_DECLS

#define EY_TYPE_PAGE_FORGOT (ey_page_forgot_get_type ())
G_DECLARE_FINAL_TYPE (EyPageForgot, ey_page_forgot, EY, PAGE_FORGOT, EyStepPage)

G_END_DECLS
