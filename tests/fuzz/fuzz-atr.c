/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "fuzz-atr"

#include "config.h"

#include "fuzz-common.h"
#include "ey-card-db-private.h"

/* ATR parsing: the bytes a reader reports for a card, looked up in the built-in card
 * database (exact entries, masks, historical-byte and text patterns), and the same
 * input read as hex the way the CLI and $EY_CARD_DB entries spell ATRs. */

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GBytes) atr = g_bytes_new (data, size);
  g_autoptr(GBytes) parsed = NULL;
  g_autofree char *hex = NULL;
  g_autofree char *text = NULL;
  EyCardDb *db;

  fuzz_init_once ();
  db = ey_card_db_get_default ();

  g_assert (ey_card_db_lookup (db, atr) != NULL);
  hex = ey_card_atr_to_hex (atr);
  g_assert (hex != NULL);

  /* Round trip: what we print reads back as the same bytes (an empty ATR is no ATR:
   * "" is refused as hex). */
  parsed = ey_card_atr_from_hex (hex);
  g_assert (size == 0 ? parsed == NULL : parsed != NULL && g_bytes_equal (parsed, atr));
  g_clear_pointer (&parsed, g_bytes_unref);

  text = fuzz_strndup (data, size);
  parsed = ey_card_atr_from_hex (text);
  (void)ey_card_db_lookup_hex (db, text);
  return 0;
}
