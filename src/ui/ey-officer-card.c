/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ey-officer-card"

#include "config.h"

#include <glib/gi18n.h>

#include "ey-card-db.h"
#include "ey-card-monitor.h"
#include "ey-card-reader.h"
#include "ey-card-type.h"
#include "ey-officer-card.h"
#include "ey-token.h"

/* The card type whose module file is the one the token came through. */
static EyCardType *
type_for_module (const char *module)
{
  GListModel *types = ey_card_db_get_types (ey_card_db_get_default ());
  g_autofree char *base = NULL;

  if (module == NULL || *module == '\0')
    return NULL;
  base = g_path_get_basename (module);
  for (guint i = 0; i < g_list_model_get_n_items (types); i++)
    {
      g_autoptr(EyCardType) type = g_list_model_get_item (types, i);
      const char * const *modules = ey_card_type_get_modules (type, EY_CARD_OS_CURRENT);

      if (ey_card_type_is_fallback (type))
        continue;
      for (guint j = 0; modules[j] != NULL; j++)
        {
          g_autofree char *candidate = g_path_get_basename (modules[j]);

          if (g_strcmp0 (candidate, base) == 0)
            return type;
        }
    }
  return NULL;
}

char *
ey_officer_card_type_name (EyApplication *application,
                           EyCertificate *cert,
                           gboolean       only_card)
{
  EyCardMonitor *monitor = application ? ey_application_get_card_monitor (application) : NULL;
  EyToken *token = ey_certificate_get_token (cert);
  EyCardType *type = NULL;
  const char *model;

  /* A reader's ATR names the card; with several cards read it cannot say whose. */
  if (only_card && monitor != NULL && ey_card_monitor_is_running (monitor))
    {
      EyCardReader *reader = ey_card_monitor_find_signing_card (monitor);

      if (reader != NULL && ey_card_reader_get_card_type (reader) != NULL &&
          !ey_card_type_is_fallback (ey_card_reader_get_card_type (reader)))
        return g_strdup (ey_card_reader_get_card_type_name (reader));
    }
  if (token == NULL)
    return NULL;
  type = type_for_module (ey_token_get_module_name (token));
  if (type != NULL)
    return g_strdup (ey_card_type_get_name (type));
  model = ey_token_get_model (token);
  return g_strdup (model && *model ? model : ey_token_get_label (token));
}
