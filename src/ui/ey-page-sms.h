/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "ey-step-page.h"

G_BEGIN_DECLS

#define EY_TYPE_PAGE_SMS (ey_page_sms_get_type ())
G_DECLARE_FINAL_TYPE (EyPageSms, ey_page_sms, EY, PAGE_SMS, EyStepPage)

G_END_DECLS
