/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "ey-card-db.h"

G_BEGIN_DECLS

/* Used only inside the layer (and its tests); other layers go through
 * ey-card-db.h. */

/* The built-in DB, or $EY_CARD_DB if set. */
EyCardDb    *ey_card_db_new_default   (GError     **error);

EyCardDb    *ey_card_db_new_from_file (const char  *path,
                                       GError     **error);

EyCardDb    *ey_card_db_new_from_data (const char  *data,
                                       gssize       length,
                                       GError     **error);

/* The card type for @atr (raw ATR bytes).  Exact ATR/mask entries win over generic
 * patterns (ASCII text in the ATR, historical-byte patterns); an unknown ATR gives
 * the fallback type (OpenSC).  Never NULL.  transfer none: valid as long as @self. */
EyCardType  *ey_card_db_lookup        (EyCardDb   *self,
                                       GBytes     *atr);

/* Same, with the ATR as hex ("3B BA 11…" or "3bba11…"; spaces and colons ignored).
 * NULL if @atr_hex is not hex. */
EyCardType  *ey_card_db_lookup_hex    (EyCardDb   *self,
                                       const char *atr_hex);

EyCardType  *ey_card_db_get_fallback  (EyCardDb   *self);

/* A type by id ("akis", "safenet", "opensc"…), or NULL. transfer none */
EyCardType  *ey_card_db_get_type_by_id (EyCardDb   *self,
                                        const char *id);

/* Helpers shared by the monitor and the tests. */
char        *ey_card_atr_to_hex       (GBytes     *atr);   /* upper case, no spaces */

GBytes      *ey_card_atr_from_hex     (const char *hex);   /* NULL if not hex */

G_END_DECLS
