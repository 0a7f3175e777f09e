/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "ey-ui-closures.h"

/* A template's <closure> calls its function with the template's own widget first,
 * whatever its type, so one function serves every template. */

static gboolean
has_text_cb (gpointer    self,
             const char *text)
{
  return text != NULL && *text != '\0';
}

static gboolean
invert_boolean_cb (gpointer self,
                   gboolean value)
{
  return !value;
}

void
ey_ui_closures_bind (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_callback (widget_class, has_text_cb);
  gtk_widget_class_bind_template_callback (widget_class, invert_boolean_cb);
}
