/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define EY_TYPE_PIN_ENTRY (ey_pin_entry_get_type ())
G_DECLARE_FINAL_TYPE (EyPinEntry, ey_pin_entry, EY, PIN_ENTRY, GtkWidget)

GtkWidget  *ey_pin_entry_new            (void);
const char *ey_pin_entry_get_pin        (EyPinEntry *self);
void        ey_pin_entry_clear          (EyPinEntry *self);
void        ey_pin_entry_set_tries_left (EyPinEntry *self,
                                         int         tries_left);
int         ey_pin_entry_get_tries_left (EyPinEntry *self);
void        ey_pin_entry_set_pinpad     (EyPinEntry *self,
                                         gboolean    pinpad);
gboolean    ey_pin_entry_get_pinpad     (EyPinEntry *self);
void        ey_pin_entry_set_error      (EyPinEntry *self,
                                         const char *message);
GtkEntry   *ey_pin_entry_get_entry      (EyPinEntry *self);

G_END_DECLS
