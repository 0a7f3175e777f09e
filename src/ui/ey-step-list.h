/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define EY_TYPE_STEP_LIST (ey_step_list_get_type ())
G_DECLARE_FINAL_TYPE (EyStepList, ey_step_list, EY, STEP_LIST, GtkWidget)

GtkWidget *ey_step_list_new         (void);
void       ey_step_list_set_steps   (EyStepList         *self,
                                     const char * const *titles);
void       ey_step_list_set_current (EyStepList         *self,
                                     int                 current);
int        ey_step_list_get_current (EyStepList         *self);
guint      ey_step_list_get_n_steps (EyStepList         *self);
const char *ey_step_list_get_state_name (EyStepList *self,
                                         int         index);

G_END_DECLS
