/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ey-officer-slot"

#include "config.h"

#include "ey-officer-slot.h"

struct _EyOfficerSlot
{
  GObject        parent_instance;

  EyRosterEntry *entry;
};

enum {
  PROP_0,
  PROP_ENTRY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (EyOfficerSlot, ey_officer_slot, G_TYPE_OBJECT)

static void
ey_officer_slot_finalize (GObject *object)
{
  g_clear_object (&EY_OFFICER_SLOT (object)->entry);

  G_OBJECT_CLASS (ey_officer_slot_parent_class)->finalize (object);
}

static void
ey_officer_slot_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  switch (prop_id)
    {
    case PROP_ENTRY:
      g_value_set_object (value, EY_OFFICER_SLOT (object)->entry);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ey_officer_slot_class_init (EyOfficerSlotClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = ey_officer_slot_finalize;
  object_class->get_property = ey_officer_slot_get_property;

  properties[PROP_ENTRY] =
    g_param_spec_object ("entry", NULL, NULL, EY_TYPE_ROSTER_ENTRY,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ey_officer_slot_init (EyOfficerSlot *self)
{
}

EyOfficerSlot *
_ey_officer_slot_new (EyRosterEntry *entry)
{
  EyOfficerSlot *self = g_object_new (EY_TYPE_OFFICER_SLOT, NULL);

  self->entry = entry ? g_object_ref (entry) : NULL;
  return self;
}

EyRosterEntry *
ey_officer_slot_get_entry (EyOfficerSlot *self)
{
  g_return_val_if_fail (EY_IS_OFFICER_SLOT (self), NULL);
  return self->entry;
}

void
_ey_officer_slot_set_entry (EyOfficerSlot *self,
                            EyRosterEntry *entry)
{
  g_return_if_fail (EY_IS_OFFICER_SLOT (self));

  if (g_set_object (&self->entry, entry))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ENTRY]);
}
