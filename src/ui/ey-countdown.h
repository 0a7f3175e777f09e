/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define EY_TYPE_COUNTDOWN (ey_countdown_get_type ())
G_DECLARE_FINAL_TYPE (EyCountdown, ey_countdown, EY, COUNTDOWN, GtkWidget)

GtkWidget *ey_countdown_new          (void);
void       ey_countdown_start        (EyCountdown *self,
                                      gint64       deadline_us,
                                      int          total_seconds);
void       ey_countdown_stop         (EyCountdown *self);
int        ey_countdown_get_seconds_left (EyCountdown *self);
gboolean   ey_countdown_get_expired  (EyCountdown *self);
void       ey_countdown_set_expired_text (EyCountdown *self,
                                          const char  *text);

G_END_DECLS
