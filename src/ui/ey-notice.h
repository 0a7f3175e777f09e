/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define EY_TYPE_NOTICE (ey_notice_get_type ())
G_DECLARE_FINAL_TYPE (EyNotice, ey_notice, EY, NOTICE, GtkWidget)

/* Called once if the person presses the notice's button, then @data is freed. */
typedef void (*EyNoticeFunc) (gpointer data);

/*
 * A short message over the bottom of a window (a GtkOverlay's overlay child), with an
 * optional button ("Undo"), gone after @timeout_s seconds or when closed.  A new message
 * replaces the one shown.  Used instead of libadwaita 1.2's AdwToastOverlay, which frees a
 * toast dismissed before its 300 ms show animation ends and crashes at that animation's
 * end (ui-officer: Undo clicked at once).
 */
GtkWidget *ey_notice_new      (void);
void       ey_notice_show     (EyNotice       *self,
                               const char     *text,
                               guint           timeout_s,
                               const char     *button_label,
                               EyNoticeFunc    on_button,
                               gpointer        data,
                               GDestroyNotify  destroy);
void       ey_notice_dismiss  (EyNotice       *self);
/* The text shown, or NULL when no notice is up. */
const char *ey_notice_get_text (EyNotice      *self);

G_END_DECLS
