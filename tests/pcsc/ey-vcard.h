/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/*
 * A virtual smart card for vsmartcard's vpcd driver (see shared test-bed notes): a TCP
 * client of 127.0.0.1:(35963 + reader_index).  Connecting is "card inserted", closing
 * is "card removed".  Each card answers in its own thread: the ATR on request, "6D00"
 * to every APDU.  vpcd's readers are "Virtual PCD 00 00" (index 0) and
 * "Virtual PCD 00 01" (index 1).  Thread-safe.
 */

#define EY_VCARD_PORT_BASE 35963
#define EY_VCARD_N_READERS 2

/* The PC/SC name of vpcd's reader @reader_index. */
const char *ey_vcard_reader_name (guint        reader_index);

/* Inserts a card presenting @atr_hex into the reader; a card already there is removed
 * first.  Returns once the TCP connection is up. */
gboolean    ey_vcard_insert      (guint        reader_index,
                                  const char  *atr_hex,
                                  GError     **error);
/* Inserts a "mute" card: present, but its power-up fails (no usable ATR), which
 * PC/SC reports as SCARD_STATE_MUTE. */
gboolean    ey_vcard_insert_mute (guint        reader_index,
                                  GError     **error);
/* Removes the card (closes the connection); no-op without a card. */
void        ey_vcard_remove      (guint        reader_index);
void        ey_vcard_remove_all  (void);

G_END_DECLS
