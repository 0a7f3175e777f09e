/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Page changes within a frame (no type of their own). */
void ey_ui_speed_install_label_widths (void);
void ey_ui_speed_warm_tls             (void);
void ey_ui_speed_warm_icons           (void);
void ey_ui_speed_keep_frame_buffers   (void);
void ey_ui_speed_keep_shm_pool        (GtkWidget *window);

G_END_DECLS
