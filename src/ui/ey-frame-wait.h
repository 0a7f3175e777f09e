/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/*
 * A wait for a frame of a window's clock after the one it began in: its callback runs at
 * each after-paint until stopped, and asks ey_frame_wait_is_over () whether that frame
 * counts (GLib may run a handler connected during an emission in that same emission).
 * Not a type: a member of the object that waits, stopped in its dispose.
 */
typedef struct
{
  GdkFrameClock *clock;
  gulong         handler;
  gint64         frame;   /* the clock's frame counter when the wait began */
} EyFrameWait;

void     ey_frame_wait_start   (EyFrameWait   *wait,
                                GdkFrameClock *clock,
                                GCallback      after_paint,
                                gpointer       data);
gboolean ey_frame_wait_is_over (EyFrameWait   *wait);
/* Counts from the present frame again, and asks the clock for the next one. */
void     ey_frame_wait_again   (EyFrameWait   *wait);
void     ey_frame_wait_stop    (EyFrameWait   *wait);

G_END_DECLS
