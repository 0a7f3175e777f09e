/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "ey-step-page.h"

G_BEGIN_DECLS

#define EY_TYPE_PAGE_SUBMIT (ey_page_submit_get_type ())
G_DECLARE_FINAL_TYPE (EyPageSubmit, ey_page_submit, EY, PAGE_SUBMIT, EyStepPage)

G_END_DECLS
