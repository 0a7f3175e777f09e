/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "ey-card-reader.h"

G_BEGIN_DECLS

EyCardReader *_ey_card_reader_new      (const char   *name);
/* @atr NULL: no card.  @mute: present but no ATR.  Notifies what changed. */
void          _ey_card_reader_set_card (EyCardReader *self,
                                        GBytes       *atr,
                                        EyCardType   *type,
                                        gboolean      mute);

GBytes      *ey_card_reader_get_atr_bytes      (EyCardReader *self);

G_END_DECLS
