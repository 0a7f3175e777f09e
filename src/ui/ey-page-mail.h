/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "ey-step-page.h"

G_BEGIN_DECLS

#define EY_TYPE_PAGE_MAIL (ey_page_mail_get_type ())
G_DECLARE_FINAL_TYPE (EyPageMail, ey_page_mail, EY, PAGE_MAIL, EyStepPage)

G_END_DECLS
