/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "ey-card-type.h"

G_BEGIN_DECLS

#define EY_TYPE_CARD_READER (ey_card_reader_get_type ())
G_DECLARE_FINAL_TYPE (EyCardReader, ey_card_reader, EY, CARD_READER, GObject)

/*
 * One PC/SC reader as the card monitor sees it.  Items of
 * ey_card_monitor_get_readers (); changed only on the monitor's main context, so the
 * UI may bind to the properties (all read-only, notified on change):
 *   "name"            const char *   PC/SC reader name
 *   "has-card"        gboolean       a card is present (also when it is mute)
 *   "mute"            gboolean       a card is present but does not answer (bad contact,
 *                                    inserted upside down, broken)
 *   "atr"             const char *   ATR as upper-case hex, NULL without a card
 *   "atr-bytes"       GBytes *       the same as raw bytes
 *   "card-type"       EyCardType *   NULL without a card (or a mute one)
 *   "card-type-name"  const char *   ey_card_type_get_name (card-type), NULL without
 *   "status"          const char *   translated one-liner: "No card", "AKİS card",
 *                                    "The card does not respond"
 *   "hint"            const char *   translated: what to do next ("" when nothing)
 */
const char  *ey_card_reader_get_name           (EyCardReader *self);
gboolean     ey_card_reader_get_has_card       (EyCardReader *self);
gboolean     ey_card_reader_get_mute           (EyCardReader *self);
const char  *ey_card_reader_get_atr            (EyCardReader *self);
EyCardType  *ey_card_reader_get_card_type      (EyCardReader *self);
const char  *ey_card_reader_get_card_type_name (EyCardReader *self);
const char  *ey_card_reader_get_status         (EyCardReader *self);
const char  *ey_card_reader_get_hint           (EyCardReader *self);

G_END_DECLS
