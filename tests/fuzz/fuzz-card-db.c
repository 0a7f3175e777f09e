/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "fuzz-card-db"

#include "config.h"

#include "fuzz-common.h"
#include "ey-card-db-private.h"
#include "ey-card-type-private.h"

/* The card database loader (ey-card-db.c): a cards.xml, as $EY_CARD_DB can name one,
 * then lookups of a few real ATRs in it. */

static const char *atrs[] = {
  "3BBA13008131865D0064057B0203318090007D",   /* AKİS */
  "3BFF9600008131FE4380318065B0846566FB12017882900085",
  "3B8F8001804F0CA0000003060300030000000068",   /* PC/SC part 3 storage card */
  "3B",
  "",
};

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(EyCardDb) db = NULL;
  GListModel *types;

  fuzz_init_once ();
  db = ey_card_db_new_from_data ((const char *)data, size, NULL);
  if (db == NULL)
    return 0;

  g_assert (ey_card_db_get_fallback (db) != NULL);
  for (guint i = 0; i < G_N_ELEMENTS (atrs); i++)
    (void)ey_card_db_lookup_hex (db, atrs[i]);

  types = ey_card_db_get_types (db);
  for (guint i = 0; i < g_list_model_get_n_items (types); i++)
    {
      g_autoptr(EyCardType) type = g_list_model_get_item (types, i);

      g_strfreev (ey_card_type_dup_module_paths (type));
      (void)ey_card_type_get_id (type);
      (void)ey_card_type_get_name (type);
      (void)ey_card_type_get_quirks (type);
      (void)ey_card_type_get_modules (type, EY_CARD_OS_WINDOWS);
      (void)ey_card_type_get_module_dirs (type, EY_CARD_OS_MACOS);
      (void)ey_card_db_get_type_by_id (db, ey_card_type_get_id (type));
    }
  return 0;
}
