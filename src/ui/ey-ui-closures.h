/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Makes the closures every template may use known to @widget_class's templates:
 * has_text_cb (a string is neither NULL nor empty) and invert_boolean_cb. */
void ey_ui_closures_bind (GtkWidgetClass *widget_class);

G_END_DECLS
