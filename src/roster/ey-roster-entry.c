/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ey-roster-entry"

#include "config.h"

#include "ey-roster-entry-private.h"
#include "ey-roster-private.h"

struct _EyRosterEntry
{
  GObject      parent_instance;

  EyColleague *colleague;
  char        *search_key;
};

enum {
  PROP_0,
  PROP_COLLEAGUE,
  PROP_IDENTITY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (EyRosterEntry, ey_roster_entry, G_TYPE_OBJECT)

static void
ey_roster_entry_finalize (GObject *object)
{
  EyRosterEntry *self = (EyRosterEntry *)object;

  g_clear_pointer (&self->colleague, ey_colleague_free);
  g_clear_pointer (&self->search_key, g_free);

  G_OBJECT_CLASS (ey_roster_entry_parent_class)->finalize (object);
}

static void
ey_roster_entry_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  EyRosterEntry *self = EY_ROSTER_ENTRY (object);

  switch (prop_id)
    {
    case PROP_COLLEAGUE:
      g_value_set_boxed (value, self->colleague);
      break;
    case PROP_IDENTITY:
      g_value_set_string (value, ey_roster_entry_get_identity (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ey_roster_entry_class_init (EyRosterEntryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = ey_roster_entry_finalize;
  object_class->get_property = ey_roster_entry_get_property;

  properties[PROP_COLLEAGUE] =
    g_param_spec_boxed ("colleague", NULL, NULL, EY_TYPE_COLLEAGUE,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_IDENTITY] =
    g_param_spec_string ("identity", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ey_roster_entry_init (EyRosterEntry *self)
{
}

static void
update_key (EyRosterEntry *self)
{
  g_free (self->search_key);
  self->search_key = _ey_roster_search_key (self->colleague);
}

EyRosterEntry *
ey_roster_entry_new (EyColleague *colleague)
{
  EyRosterEntry *self;

  g_return_val_if_fail (colleague != NULL, NULL);

  self = g_object_new (EY_TYPE_ROSTER_ENTRY, NULL);
  self->colleague = colleague;
  update_key (self);
  return self;
}

const EyColleague *
ey_roster_entry_get_colleague (EyRosterEntry *self)
{
  g_return_val_if_fail (EY_IS_ROSTER_ENTRY (self), NULL);
  return self->colleague;
}

const char *
ey_roster_entry_get_identity (EyRosterEntry *self)
{
  g_return_val_if_fail (EY_IS_ROSTER_ENTRY (self), NULL);
  return self->colleague->identity;
}

const char *
ey_roster_entry_get_search_key (EyRosterEntry *self)
{
  g_return_val_if_fail (EY_IS_ROSTER_ENTRY (self), NULL);
  return self->search_key;
}

void
ey_roster_entry_set_colleague (EyRosterEntry *self,
                               EyColleague   *colleague)
{
  g_return_if_fail (EY_IS_ROSTER_ENTRY (self));
  g_return_if_fail (colleague != NULL);

  if (_ey_roster_colleague_equal (self->colleague, colleague) &&
      g_strcmp0 (self->colleague->changed, colleague->changed) == 0)
    {
      ey_colleague_free (colleague);
      return;
    }
  ey_colleague_free (self->colleague);
  self->colleague = colleague;
  update_key (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COLLEAGUE]);
}
