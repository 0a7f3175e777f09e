/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "ey-step-page.h"

G_BEGIN_DECLS

#define EY_TYPE_PAGE_FORM (ey_page_form_get_type ())
G_DECLARE_FINAL_TYPE (EyPageForm, ey_page_form, EY, PAGE_FORM, EyStepPage)

G_END_DECLS
