/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

typedef struct _EyApplication EyApplication;

#define EY_TYPE_CARD_STATUS (ey_card_status_get_type ())
G_DECLARE_FINAL_TYPE (EyCardStatus, ey_card_status, EY, CARD_STATUS, GtkWidget)

GtkWidget  *ey_card_status_new             (void);
/* Follows the application's card monitor and certificate listing. */
void        ey_card_status_set_application (EyCardStatus  *self,
                                            EyApplication *application);
/* Show the state again (e.g. in a new language). */
void        ey_card_status_refresh         (EyCardStatus  *self);
const char *ey_card_status_get_title       (EyCardStatus  *self);
const char *ey_card_status_get_subtitle    (EyCardStatus  *self);

void          ey_card_status_set_sent        (EyCardStatus  *self,
                                              const char    *order);
const char   *ey_card_status_pcscd_command   (void);

G_END_DECLS
