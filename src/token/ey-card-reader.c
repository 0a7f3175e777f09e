/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ey-card-reader"

#include "config.h"

#include <glib/gi18n.h>

#include "ey-card-db-private.h"
#include "ey-card-reader-private.h"

struct _EyCardReader
{
  GObject     parent_instance;

  char       *name;
  GBytes     *atr;
  char       *atr_hex;
  char       *status;
  EyCardType *card_type;
  gboolean    has_card;
  gboolean    mute;
};

G_DEFINE_FINAL_TYPE (EyCardReader, ey_card_reader, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_NAME,
  PROP_HAS_CARD,
  PROP_MUTE,
  PROP_ATR,
  PROP_ATR_BYTES,
  PROP_CARD_TYPE,
  PROP_CARD_TYPE_NAME,
  PROP_STATUS,
  PROP_HINT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
ey_card_reader_finalize (GObject *object)
{
  EyCardReader *self = (EyCardReader *) object;

  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->atr, g_bytes_unref);
  g_clear_pointer (&self->atr_hex, g_free);
  g_clear_pointer (&self->status, g_free);
  g_clear_object (&self->card_type);

  G_OBJECT_CLASS (ey_card_reader_parent_class)->finalize (object);
}

static void
ey_card_reader_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  EyCardReader *self = EY_CARD_READER (object);

  switch (prop_id)
    {
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_HAS_CARD:
      g_value_set_boolean (value, self->has_card);
      break;
    case PROP_MUTE:
      g_value_set_boolean (value, self->mute);
      break;
    case PROP_ATR:
      g_value_set_string (value, self->atr_hex);
      break;
    case PROP_ATR_BYTES:
      g_value_set_boxed (value, self->atr);
      break;
    case PROP_CARD_TYPE:
      g_value_set_object (value, self->card_type);
      break;
    case PROP_CARD_TYPE_NAME:
      g_value_set_string (value, ey_card_reader_get_card_type_name (self));
      break;
    case PROP_STATUS:
      g_value_set_string (value, ey_card_reader_get_status (self));
      break;
    case PROP_HINT:
      g_value_set_string (value, ey_card_reader_get_hint (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ey_card_reader_class_init (EyCardReaderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = ey_card_reader_finalize;
  object_class->get_property = ey_card_reader_get_property;

  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, flags);
  properties[PROP_HAS_CARD] = g_param_spec_boolean ("has-card", NULL, NULL, FALSE, flags);
  properties[PROP_MUTE] = g_param_spec_boolean ("mute", NULL, NULL, FALSE, flags);
  properties[PROP_ATR] = g_param_spec_string ("atr", NULL, NULL, NULL, flags);
  properties[PROP_ATR_BYTES] = g_param_spec_boxed ("atr-bytes", NULL, NULL, G_TYPE_BYTES, flags);
  properties[PROP_CARD_TYPE] = g_param_spec_object ("card-type", NULL, NULL,
                                                    EY_TYPE_CARD_TYPE, flags);
  properties[PROP_CARD_TYPE_NAME] = g_param_spec_string ("card-type-name", NULL, NULL, NULL,
                                                         flags);
  properties[PROP_STATUS] = g_param_spec_string ("status", NULL, NULL, NULL, flags);
  properties[PROP_HINT] = g_param_spec_string ("hint", NULL, NULL, NULL, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
update_status (EyCardReader *self)
{
  g_autofree char *status = NULL;

  if (self->mute)
    status = g_strdup (_("The card does not respond"));
  else if (!self->has_card)
    status = g_strdup (_("No card"));
  else if (self->card_type != NULL && ey_card_type_is_fallback (self->card_type))
    status = g_strdup (_("Unknown card"));
  else if (self->card_type != NULL)
    /* Translators: %s is a card type such as "AKİS" or "SafeNet eToken" */
    status = g_strdup_printf (_("%s card"), ey_card_type_get_name (self->card_type));
  else
    status = g_strdup (_("Card"));

  if (g_strcmp0 (status, self->status) != 0)
    {
      g_free (self->status);
      self->status = g_steal_pointer (&status);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATUS]);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HINT]);
    }
}

static void
ey_card_reader_init (EyCardReader *self)
{
  self->status = g_strdup (_("No card"));
}

EyCardReader *
_ey_card_reader_new (const char *name)
{
  EyCardReader *self = g_object_new (EY_TYPE_CARD_READER, NULL);

  self->name = g_strdup (name);
  return self;
}

void
_ey_card_reader_set_card (EyCardReader *self,
                          GBytes       *atr,
                          EyCardType   *type,
                          gboolean      mute)
{
  gboolean has_card = atr != NULL || mute;

  g_return_if_fail (EY_IS_CARD_READER (self));

  /* A mute card has neither ATR nor type: keep those empty. */
  if (mute)
    {
      atr = NULL;
      type = NULL;
    }

  g_object_freeze_notify (G_OBJECT (self));

  if (!(self->atr == atr || (self->atr != NULL && atr != NULL && g_bytes_equal (self->atr, atr))))
    {
      g_clear_pointer (&self->atr, g_bytes_unref);
      g_clear_pointer (&self->atr_hex, g_free);
      if (atr != NULL)
        {
          self->atr = g_bytes_ref (atr);
          self->atr_hex = ey_card_atr_to_hex (atr);
        }
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ATR]);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ATR_BYTES]);
    }

  if (g_set_object (&self->card_type, type))
    {
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CARD_TYPE]);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CARD_TYPE_NAME]);
    }

  if (self->has_card != has_card)
    {
      self->has_card = has_card;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HAS_CARD]);
    }

  if (self->mute != !!mute)
    {
      self->mute = !!mute;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MUTE]);
    }

  update_status (self);

  g_object_thaw_notify (G_OBJECT (self));
}

const char *
ey_card_reader_get_name (EyCardReader *self)
{
  g_return_val_if_fail (EY_IS_CARD_READER (self), NULL);
  return self->name;
}

gboolean
ey_card_reader_get_has_card (EyCardReader *self)
{
  g_return_val_if_fail (EY_IS_CARD_READER (self), FALSE);
  return self->has_card;
}

gboolean
ey_card_reader_get_mute (EyCardReader *self)
{
  g_return_val_if_fail (EY_IS_CARD_READER (self), FALSE);
  return self->mute;
}

const char *
ey_card_reader_get_atr (EyCardReader *self)
{
  g_return_val_if_fail (EY_IS_CARD_READER (self), NULL);
  return self->atr_hex;
}

GBytes *
ey_card_reader_get_atr_bytes (EyCardReader *self)
{
  g_return_val_if_fail (EY_IS_CARD_READER (self), NULL);
  return self->atr;
}

EyCardType *
ey_card_reader_get_card_type (EyCardReader *self)
{
  g_return_val_if_fail (EY_IS_CARD_READER (self), NULL);
  return self->card_type;
}

const char *
ey_card_reader_get_card_type_name (EyCardReader *self)
{
  g_return_val_if_fail (EY_IS_CARD_READER (self), NULL);
  return self->card_type != NULL ? ey_card_type_get_name (self->card_type) : NULL;
}

const char *
ey_card_reader_get_status (EyCardReader *self)
{
  g_return_val_if_fail (EY_IS_CARD_READER (self), NULL);
  return self->status;
}

const char *
ey_card_reader_get_hint (EyCardReader *self)
{
  g_return_val_if_fail (EY_IS_CARD_READER (self), NULL);

  if (self->mute)
    return _("Take the card out and insert it again, chip first and facing up. If it still "
             "does not respond, try another reader.");
  if (!self->has_card)
    return _("Insert your e-signature card into the reader.");
  if (self->card_type != NULL && ey_card_type_is_fallback (self->card_type))
    return _("If this is your e-signature card, install the PKCS#11 module from its "
             "vendor; until then OpenSC is tried.");
  if (self->card_type != NULL && !ey_card_type_is_nes_signing (self->card_type))
    return _("This card cannot make e-signatures. Insert your e-signature card.");
  return "";
}
