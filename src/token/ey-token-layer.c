/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ey-token-layer"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <gio/gio.h>

#include "ey-token-layer.h"
#include "ey-token-private.h"

/*
 * The one owner of every PKCS#11 module loaded in this process, and the gate that
 * ey_token_layer_shutdown () closes.
 *
 * A module used to be finalized when its last reference went, and the last one could
 * be dropped by a GTask worker: GLib's worker may hold the last reference to a task and
 * so to its source object and data (glib#1346).  `eimza-yenile-cli cards` then ran
 * SoftHSM's C_Finalize on a worker while the main thread was already in exit (),
 * and crashed in about one run in ten.  Now references only keep the EyP11Module
 * struct alive; modules are finalized once, behind a flag, by the registry in
 * ey_token_layer_shutdown (), on the caller's (main) thread and only after every
 * worker has left the layer (gck's pattern: finalize once, behind a flag).
 */

typedef struct
{
  /* Guards the gate; never held across a PKCS#11 or PC/SC call. */
  GMutex      lock;
  GCond       cond;
  guint       in_flight;          /* workers between enter and leave */
  gboolean    closing;            /* shutdown began: nobody enters any more */
  gboolean    waiting;            /* shutdown waits for the workers inside */
  gboolean    finished;           /* shutdown finalized the modules */

  /* Serialises loading (dlopen, C_Initialize: may be slow) and guards the lists. */
  GMutex      load_lock;
  GPtrArray  *modules;            /* EyP11Module*: the owning references, load order */
  GPtrArray  *registered;         /* EyP11Module*: those p11-kit registers */
  gboolean    registered_loaded;
} Layer;

/* Static GMutex and GCond need no init. */
static Layer layer;

static void
set_shut_down_error (GError **error)
{
  g_autoptr(GCancellable) cancelled = g_cancellable_new ();

  /* GIO's own cancellation error, translated by GLib: callers already treat it as
   * "nothing to report". */
  g_cancellable_cancel (cancelled);
  g_cancellable_set_error_if_cancelled (cancelled, error);
}

gboolean
_ey_token_layer_enter (GError **error)
{
  gboolean open;

  g_mutex_lock (&layer.lock);
  open = !layer.closing;
  if (open)
    layer.in_flight++;
  g_mutex_unlock (&layer.lock);

  if (!open)
    set_shut_down_error (error);
  return open;
}

void
_ey_token_layer_leave (void)
{
  g_mutex_lock (&layer.lock);
  g_assert (layer.in_flight > 0);
  if (--layer.in_flight == 0)
    g_cond_broadcast (&layer.cond);
  g_mutex_unlock (&layer.lock);
}

void
_ey_token_layer_wait_shutdown_blocked (void)
{
  g_mutex_lock (&layer.lock);
  while (!layer.waiting && !layer.finished)
    g_cond_wait (&layer.cond, &layer.lock);
  g_mutex_unlock (&layer.lock);
}

gboolean
ey_token_layer_is_shut_down (void)
{
  gboolean closing;

  g_mutex_lock (&layer.lock);
  closing = layer.closing;
  g_mutex_unlock (&layer.lock);
  return closing;
}

void
ey_token_layer_shutdown (void)
{
  g_autoptr(GPtrArray) modules = NULL;

  g_mutex_lock (&layer.lock);
  if (layer.closing)
    {
      g_mutex_unlock (&layer.lock);
      return;
    }
  layer.closing = TRUE;
  while (layer.in_flight > 0)
    {
      layer.waiting = TRUE;
      g_cond_broadcast (&layer.cond);
      g_cond_wait (&layer.cond, &layer.lock);
    }
  layer.waiting = FALSE;
  g_mutex_unlock (&layer.lock);

  g_mutex_lock (&layer.load_lock);
  modules = g_steal_pointer (&layer.modules);
  g_clear_pointer (&layer.registered, g_ptr_array_unref);
  g_mutex_unlock (&layer.load_lock);

  /* Newest first: a module loaded later may wrap one loaded earlier. */
  for (guint i = modules != NULL ? modules->len : 0; i > 0; i--)
    _ey_p11_module_finalize (g_ptr_array_index (modules, i - 1));
  g_debug ("Finalized %u PKCS#11 module(s)", modules != NULL ? modules->len : 0);

  g_mutex_lock (&layer.lock);
  layer.finished = TRUE;
  g_cond_broadcast (&layer.cond);
  g_mutex_unlock (&layer.lock);
}

/* ---- the registry: called between _ey_token_layer_enter () and _leave () ------- */

static gboolean
same_file (const char *a,
           const char *b)
{
  g_autofree char *ra = NULL;
  g_autofree char *rb = NULL;

  if (a == NULL || b == NULL)
    return FALSE;
  ra = realpath (a, NULL);
  rb = realpath (b, NULL);
  return ra != NULL && rb != NULL && strcmp (ra, rb) == 0;
}

/* load_lock held. */
static EyP11Module *
find_file (const char *path)
{
  for (guint i = 0; layer.modules != NULL && i < layer.modules->len; i++)
    {
      EyP11Module *module = g_ptr_array_index (layer.modules, i);

      if (same_file (module->path, path))
        return module;
    }
  return NULL;
}

/* load_lock held. */
static void
add_module (EyP11Module *module)
{
  if (layer.modules == NULL)
    layer.modules = g_ptr_array_new_with_free_func ((GDestroyNotify) _ey_p11_module_unref);
  g_ptr_array_add (layer.modules, module);
}

/* load_lock held. */
static void
load_registered (void)
{
  CK_FUNCTION_LIST **list;

  layer.registered = g_ptr_array_new ();

  /* p11-kit's managed mode shares each module with GnuTLS and others. */
  list = p11_kit_modules_load (NULL, 0);
  if (list == NULL)
    {
      g_debug ("p11_kit_modules_load: %s", p11_kit_message ());
      return;
    }

  for (guint i = 0; list[i] != NULL; i++)
    {
      CK_FUNCTION_LIST *funcs = list[i];
      g_autofree char *filename = p11_kit_module_get_filename (funcs);
      g_autofree char *trust = p11_kit_config_option (funcs, "trust-policy");
      EyP11Module *module;
      CK_RV rv;

      /* The system trust store is not a signing card. */
      if (trust != NULL && g_ascii_strcasecmp (trust, "yes") == 0)
        {
          p11_kit_module_release (funcs);
          continue;
        }
      /* A file already loaded by path keeps its one owner and its one C_Initialize. */
      if ((module = find_file (filename)) != NULL)
        {
          p11_kit_module_release (funcs);
          g_ptr_array_add (layer.registered, module);
          continue;
        }

      rv = p11_kit_module_initialize (funcs);
      if (rv != CKR_OK)
        {
          g_debug ("Initialising %s: %s", filename, p11_kit_strerror (rv));
          p11_kit_module_release (funcs);
          continue;
        }
      module = _ey_p11_module_new (funcs, filename, TRUE, TRUE);
      add_module (module);
      g_ptr_array_add (layer.registered, module);
    }
  free (list);
}

GPtrArray *
_ey_p11_registry_get_registered (void)
{
  GPtrArray *modules = g_ptr_array_new_with_free_func ((GDestroyNotify) _ey_p11_module_unref);

  g_mutex_lock (&layer.load_lock);
  if (!layer.registered_loaded)
    {
      load_registered ();
      layer.registered_loaded = TRUE;
    }
  for (guint i = 0; layer.registered != NULL && i < layer.registered->len; i++)
    g_ptr_array_add (modules, _ey_p11_module_ref (g_ptr_array_index (layer.registered, i)));
  g_mutex_unlock (&layer.load_lock);

  return modules;
}

/* load_lock held. */
static EyP11Module *
load_unmanaged (const char *path)
{
  CK_FUNCTION_LIST *funcs;
  EyP11Module *module;
  gboolean shared = FALSE;
  CK_RV rv;

  funcs = p11_kit_module_load (path, P11_KIT_MODULE_UNMANAGED | P11_KIT_MODULE_CRITICAL);
  if (funcs == NULL)
    {
      g_debug ("Loading %s: %s", path, p11_kit_message ());
      return NULL;
    }

  rv = _ey_p11_initialize (funcs, &shared);
  if (rv != CKR_OK)
    {
      g_debug ("C_Initialize of %s: %s", path, p11_kit_strerror (rv));
      p11_kit_module_release (funcs);
      return NULL;
    }
  if (shared)
    g_debug ("%s was already initialised in this process; sharing it", path);
  module = _ey_p11_module_new (funcs, path, FALSE, !shared);
  add_module (module);
  return module;
}

EyP11Module *
_ey_p11_registry_get (const char *path)
{
  EyP11Module *module;

  g_return_val_if_fail (path != NULL, NULL);

  g_mutex_lock (&layer.load_lock);
  module = find_file (path);
  if (module == NULL)
    module = load_unmanaged (path);
  if (module != NULL)
    _ey_p11_module_ref (module);
  g_mutex_unlock (&layer.load_lock);

  return module;
}
