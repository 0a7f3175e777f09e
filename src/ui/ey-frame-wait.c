/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ey-frame-wait"

#include "config.h"

#include "ey-frame-wait.h"

void
ey_frame_wait_start (EyFrameWait   *wait,
                     GdkFrameClock *clock,
                     GCallback      after_paint,
                     gpointer       data)
{
  g_return_if_fail (GDK_IS_FRAME_CLOCK (clock));

  ey_frame_wait_stop (wait);
  wait->clock = g_object_ref (clock);
  wait->handler = g_signal_connect_swapped (clock, "after-paint", after_paint, data);
  ey_frame_wait_again (wait);
}

gboolean
ey_frame_wait_is_over (EyFrameWait *wait)
{
  return wait->clock && gdk_frame_clock_get_frame_counter (wait->clock) > wait->frame;
}

void
ey_frame_wait_again (EyFrameWait *wait)
{
  if (wait->clock == NULL)
    return;
  wait->frame = gdk_frame_clock_get_frame_counter (wait->clock);
  gdk_frame_clock_request_phase (wait->clock, GDK_FRAME_CLOCK_PHASE_AFTER_PAINT);
}

void
ey_frame_wait_stop (EyFrameWait *wait)
{
  /* A window that goes away disposes its frame clock, which drops its handlers. */
  if (wait->clock && wait->handler &&
      g_signal_handler_is_connected (wait->clock, wait->handler))
    g_signal_handler_disconnect (wait->clock, wait->handler);
  wait->handler = 0;
  g_clear_object (&wait->clock);
}
