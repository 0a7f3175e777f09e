/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "ey-reminder.h"

G_BEGIN_DECLS

#define EY_TYPE_MY_RENEWAL_WINDOW (ey_my_renewal_window_get_type ())
G_DECLARE_FINAL_TYPE (EyMyRenewalWindow, ey_my_renewal_window, EY, MY_RENEWAL_WINDOW, AdwWindow)

/* "My Renewal": the last application and what comes after it, from @reminder. */
EyMyRenewalWindow *ey_my_renewal_window_new (GtkWindow  *parent,
                                             EyReminder *reminder);

G_END_DECLS
