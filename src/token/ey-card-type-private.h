/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "ey-card-type.h"

G_BEGIN_DECLS

/* Built by the card DB loader only; the type is frozen once the DB is returned. */
EyCardType *_ey_card_type_new          (const char   *id,
                                        const char   *name,
                                        gboolean      translatable,
                                        gboolean      nes_signing,
                                        gboolean      fallback);
void        _ey_card_type_add_quirks   (EyCardType   *self,
                                        EyCardQuirks  quirks);
void        _ey_card_type_add_module   (EyCardType   *self,
                                        EyCardOs      os,
                                        const char   *module);
void        _ey_card_type_add_dir      (EyCardType   *self,
                                        EyCardOs      os,
                                        const char   *dir);
/* "init-null-args" → EY_CARD_QUIRK_INIT_NULL_ARGS; EY_CARD_QUIRK_NONE if unknown */
EyCardQuirks _ey_card_quirk_from_string (const char  *nick);

EyCardQuirks         ey_card_type_get_quirks         (EyCardType *self);

gboolean             ey_card_type_has_quirk          (EyCardType   *self,
                                                      EyCardQuirks  quirk);

/* Folders where vendors install the module on @os, searched in this order. */
const char * const  *ey_card_type_get_module_dirs    (EyCardType *self,
                                                      EyCardOs    os);

G_END_DECLS
