/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "ey-card-type.h"

G_BEGIN_DECLS

#define EY_CARD_DB_ERROR (ey_card_db_error_quark ())
GQuark ey_card_db_error_quark (void);

typedef enum
{
  EY_CARD_DB_ERROR_PARSE,       /* not well-formed XML */
  EY_CARD_DB_ERROR_INVALID,     /* well-formed but not a card DB (bad hex, missing name…) */
  EY_CARD_DB_ERROR_NO_FALLBACK, /* no <card fallback="true"> for unknown ATRs */
} EyCardDbError;

#define EY_TYPE_CARD_DB (ey_card_db_get_type ())
G_DECLARE_FINAL_TYPE (EyCardDb, ey_card_db, EY, CARD_DB, GObject)

/*
 * The card database: ATR → EyCardType (name, PKCS#11 modules per OS, quirks).
 * Source: data/cards/cards.xml, compiled into the token library as the resource
 * /io/github/eimzayenile/EimzaYenile/token/cards.xml; the environment variable
 * EY_CARD_DB names a file that replaces it.  Immutable after loading: lookups are
 * thread-safe.
 */

/* The built-in DB, or $EY_CARD_DB if set. */
EyCardDb    *ey_card_db_new_default   (GError     **error);
/* A process-wide shared instance of ey_card_db_new_default ().  If $EY_CARD_DB cannot
 * be loaded it warns and uses the built-in DB, so it never returns NULL. transfer none */
EyCardDb    *ey_card_db_get_default   (void);
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
/* All types, in file order (GListModel of EyCardType). transfer none */
GListModel  *ey_card_db_get_types     (EyCardDb   *self);

/* Helpers shared by the monitor and the tests. */
char        *ey_card_atr_to_hex       (GBytes     *atr);   /* upper case, no spaces */
GBytes      *ey_card_atr_from_hex     (const char *hex);   /* NULL if not hex */

G_END_DECLS
