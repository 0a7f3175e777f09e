/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "ey-application.h"
#include "ey-certificate.h"

G_BEGIN_DECLS

/*
 * ey_officer_card_type_name:
 * @only_card: whether @cert is the only card read (a reader's card is then its card)
 *
 * The card type to keep in a colleague's row, from the card database: the type of the
 * card in the reader (by its ATR) when one signing card is in a reader, else the type
 * whose PKCS#11 module holds the token, else the token's own model or label.
 * Returns: (transfer full) (nullable)
 */
char *ey_officer_card_type_name (EyApplication *application,
                                 EyCertificate *cert,
                                 gboolean       only_card);

G_END_DECLS
