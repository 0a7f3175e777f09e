/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ey-card-type"

#include "config.h"

#include <glib/gi18n.h>

#include "ey-card-type-private.h"

#define N_OS 3

struct _EyCardType
{
  GObject       parent_instance;

  char         *id;
  char         *name;
  EyCardQuirks  quirks;
  GPtrArray    *modules[N_OS];   /* NULL-terminated arrays of char * */
  GPtrArray    *dirs[N_OS];
  guint         translatable : 1;
  guint         nes_signing : 1;
  guint         fallback : 1;
};

G_DEFINE_FINAL_TYPE (EyCardType, ey_card_type, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_NES_SIGNING,
  PROP_FALLBACK,
  PROP_QUIRKS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Names in cards.xml marked translatable="true"; listed here so xgettext sees them. */
static const char * const translatable_names[] G_GNUC_UNUSED = {
  N_("T.C. Identity Card"),
  N_("Unknown card (OpenSC)"),
};

static void
ey_card_type_finalize (GObject *object)
{
  EyCardType *self = (EyCardType *) object;

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->name, g_free);
  for (guint i = 0; i < N_OS; i++)
    {
      g_clear_pointer (&self->modules[i], g_ptr_array_unref);
      g_clear_pointer (&self->dirs[i], g_ptr_array_unref);
    }

  G_OBJECT_CLASS (ey_card_type_parent_class)->finalize (object);
}

static void
ey_card_type_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  EyCardType *self = EY_CARD_TYPE (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;
    case PROP_NAME:
      g_value_set_string (value, ey_card_type_get_name (self));
      break;
    case PROP_NES_SIGNING:
      g_value_set_boolean (value, self->nes_signing);
      break;
    case PROP_FALLBACK:
      g_value_set_boolean (value, self->fallback);
      break;
    case PROP_QUIRKS:
      g_value_set_flags (value, self->quirks);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ey_card_type_class_init (EyCardTypeClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = ey_card_type_finalize;
  object_class->get_property = ey_card_type_get_property;

  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_NES_SIGNING] =
    g_param_spec_boolean ("nes-signing", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_FALLBACK] =
    g_param_spec_boolean ("fallback", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_QUIRKS] =
    g_param_spec_flags ("quirks", NULL, NULL, EY_TYPE_CARD_QUIRKS, EY_CARD_QUIRK_NONE,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static GPtrArray *
new_strv_array (void)
{
  GPtrArray *array = g_ptr_array_new_with_free_func (g_free);

  g_ptr_array_add (array, NULL);
  return array;
}

static void
ey_card_type_init (EyCardType *self)
{
  for (guint i = 0; i < N_OS; i++)
    {
      self->modules[i] = new_strv_array ();
      self->dirs[i] = new_strv_array ();
    }
}

EyCardType *
_ey_card_type_new (const char *id,
                   const char *name,
                   gboolean    translatable,
                   gboolean    nes_signing,
                   gboolean    fallback)
{
  EyCardType *self;

  g_return_val_if_fail (id != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);

  self = g_object_new (EY_TYPE_CARD_TYPE, NULL);
  self->id = g_strdup (id);
  self->name = g_strdup (name);
  self->translatable = !!translatable;
  self->nes_signing = !!nes_signing;
  self->fallback = !!fallback;

  return self;
}

void
_ey_card_type_add_quirks (EyCardType   *self,
                          EyCardQuirks  quirks)
{
  self->quirks |= quirks;
}

/* Keep the trailing NULL so the array doubles as a strv. */
static void
strv_array_append (GPtrArray  *array,
                   const char *value)
{
  g_ptr_array_insert (array, array->len - 1, g_strdup (value));
}

void
_ey_card_type_add_module (EyCardType *self,
                          EyCardOs    os,
                          const char *module)
{
  g_return_if_fail ((guint) os < N_OS);
  strv_array_append (self->modules[os], module);
}

void
_ey_card_type_add_dir (EyCardType *self,
                       EyCardOs    os,
                       const char *dir)
{
  g_return_if_fail ((guint) os < N_OS);
  strv_array_append (self->dirs[os], dir);
}

EyCardQuirks
_ey_card_quirk_from_string (const char *nick)
{
  g_autoptr(GFlagsClass) klass = g_type_class_ref (EY_TYPE_CARD_QUIRKS);
  GFlagsValue *value = g_flags_get_value_by_nick (klass, nick);

  return value != NULL ? (EyCardQuirks) value->value : EY_CARD_QUIRK_NONE;
}

const char *
ey_card_type_get_id (EyCardType *self)
{
  g_return_val_if_fail (EY_IS_CARD_TYPE (self), NULL);
  return self->id;
}

const char *
ey_card_type_get_name (EyCardType *self)
{
  g_return_val_if_fail (EY_IS_CARD_TYPE (self), NULL);
  return self->translatable ? _(self->name) : self->name;
}

gboolean
ey_card_type_is_nes_signing (EyCardType *self)
{
  g_return_val_if_fail (EY_IS_CARD_TYPE (self), FALSE);
  return self->nes_signing;
}

gboolean
ey_card_type_is_fallback (EyCardType *self)
{
  g_return_val_if_fail (EY_IS_CARD_TYPE (self), FALSE);
  return self->fallback;
}

EyCardQuirks
ey_card_type_get_quirks (EyCardType *self)
{
  g_return_val_if_fail (EY_IS_CARD_TYPE (self), EY_CARD_QUIRK_NONE);
  return self->quirks;
}

gboolean
ey_card_type_has_quirk (EyCardType   *self,
                        EyCardQuirks  quirk)
{
  g_return_val_if_fail (EY_IS_CARD_TYPE (self), FALSE);
  return quirk != EY_CARD_QUIRK_NONE && (self->quirks & quirk) == quirk;
}

const char * const *
ey_card_type_get_modules (EyCardType *self,
                          EyCardOs    os)
{
  g_return_val_if_fail (EY_IS_CARD_TYPE (self), NULL);
  g_return_val_if_fail ((guint) os < N_OS, NULL);
  return (const char * const *) self->modules[os]->pdata;
}

const char * const *
ey_card_type_get_module_dirs (EyCardType *self,
                              EyCardOs    os)
{
  g_return_val_if_fail (EY_IS_CARD_TYPE (self), NULL);
  g_return_val_if_fail ((guint) os < N_OS, NULL);
  return (const char * const *) self->dirs[os]->pdata;
}

char **
ey_card_type_dup_module_paths (EyCardType *self)
{
  const char * const *modules;
  const char * const *dirs;
  GPtrArray *paths;

  g_return_val_if_fail (EY_IS_CARD_TYPE (self), NULL);

  modules = ey_card_type_get_modules (self, EY_CARD_OS_CURRENT);
  dirs = ey_card_type_get_module_dirs (self, EY_CARD_OS_CURRENT);
  paths = g_ptr_array_new ();

  /* A vendor that names an absolute path means exactly that file: try it first. */
  for (guint m = 0; modules[m] != NULL; m++)
    if (g_path_is_absolute (modules[m]))
      g_ptr_array_add (paths, g_strdup (modules[m]));

  for (guint d = 0; dirs[d] != NULL; d++)
    for (guint m = 0; modules[m] != NULL; m++)
      if (!g_path_is_absolute (modules[m]))
        g_ptr_array_add (paths, g_build_filename (dirs[d], modules[m], NULL));

  g_ptr_array_add (paths, NULL);
  return (char **) g_ptr_array_free (paths, FALSE);
}

char *
ey_card_type_find_module (EyCardType *self)
{
  g_auto(GStrv) paths = NULL;

  g_return_val_if_fail (EY_IS_CARD_TYPE (self), NULL);

  paths = ey_card_type_dup_module_paths (self);
  for (guint i = 0; paths[i] != NULL; i++)
    if (g_file_test (paths[i], G_FILE_TEST_IS_REGULAR))
      return g_strdup (paths[i]);

  return NULL;
}
