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

/* A process-wide shared instance of ey_card_db_new_default ().  If $EY_CARD_DB cannot
 * be loaded it warns and uses the built-in DB, so it never returns NULL. transfer none */
EyCardDb    *ey_card_db_get_default   (void);

/* All types, in file order (GListModel of EyCardType). transfer none */
GListModel  *ey_card_db_get_types     (EyCardDb   *self);

G_END_DECLS
