/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define EY_TYPE_REMINDER_APP (ey_reminder_app_get_type ())
G_DECLARE_FINAL_TYPE (EyReminderApp, ey_reminder_app, EY, REMINDER_APP, GApplication)

/*
 * `eimza-yenile --check-renewal`, run at login from the autostart entry: sends the
 * renewal reminder that is due, if any, and waits a while for the person to act on it.
 * It needs no display, and exits at once when nothing is due.
 */
int  ey_reminder_app_run (int    argc,
                          char **argv);

G_END_DECLS
