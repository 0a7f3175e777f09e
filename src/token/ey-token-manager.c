/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ey-token-manager"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "ey-card-type.h"
#include "ey-token-manager.h"
#include "ey-token-private.h"

struct _EyTokenManager
{
  GObject     parent_instance;

  /* Guards everything below; taken only in worker threads for long. */
  GMutex      lock;
  gboolean    use_registered;
  gboolean    registered_loaded;
  GPtrArray  *extra_names;     /* char*: asked for, not yet tried */
  GPtrArray  *modules;         /* EyP11Module*: references; the registry owns them */
  /* The last listing.  Certificates refer to their token weakly (the token owns
   * them), so the manager keeps the tokens of the cards still present alive: a
   * caller may keep only certificates.  An unchanged card keeps its objects across
   * listings. */
  GPtrArray  *live_tokens;
};

G_DEFINE_FINAL_TYPE (EyTokenManager, ey_token_manager, G_TYPE_OBJECT)

/* Only drops references: modules are finalized by ey_token_layer_shutdown () alone,
 * so this may run on a GTask worker that held the last reference (glib#1346). */
static void
ey_token_manager_finalize (GObject *object)
{
  EyTokenManager *self = (EyTokenManager *)object;

  g_clear_pointer (&self->extra_names, g_ptr_array_unref);
  g_clear_pointer (&self->live_tokens, g_ptr_array_unref);
  g_clear_pointer (&self->modules, g_ptr_array_unref);
  g_mutex_clear (&self->lock);

  G_OBJECT_CLASS (ey_token_manager_parent_class)->finalize (object);
}

static void
ey_token_manager_class_init (EyTokenManagerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = ey_token_manager_finalize;
}

static void
ey_token_manager_init (EyTokenManager *self)
{
  g_mutex_init (&self->lock);
  self->use_registered = TRUE;
  self->extra_names = g_ptr_array_new_with_free_func (g_free);
  self->modules = g_ptr_array_new_with_free_func ((GDestroyNotify) _ey_p11_module_unref);
  self->live_tokens = g_ptr_array_new_with_free_func (g_object_unref);
}

EyTokenManager *
ey_token_manager_new (void)
{
  return g_object_new (EY_TYPE_TOKEN_MANAGER, NULL);
}

EyTokenManager *
ey_token_manager_get_default (void)
{
  static EyTokenManager *instance;

  if (g_once_init_enter (&instance))
    g_once_init_leave (&instance, ey_token_manager_new ());
  return instance;
}

void
ey_token_manager_set_use_registered (EyTokenManager *self,
                                     gboolean        use_registered)
{
  g_return_if_fail (EY_IS_TOKEN_MANAGER (self));

  g_mutex_lock (&self->lock);
  self->use_registered = !!use_registered;
  g_mutex_unlock (&self->lock);
}

void
ey_token_manager_add_module (EyTokenManager *self,
                             const char     *name_or_path)
{
  g_return_if_fail (EY_IS_TOKEN_MANAGER (self));
  g_return_if_fail (name_or_path != NULL);

  g_mutex_lock (&self->lock);
  g_ptr_array_add (self->extra_names, g_strdup (name_or_path));
  g_mutex_unlock (&self->lock);
}

gboolean
ey_token_manager_add_card_type (EyTokenManager *self,
                                EyCardType     *card_type)
{
  g_autofree char *path = NULL;

  g_return_val_if_fail (EY_IS_TOKEN_MANAGER (self), FALSE);
  g_return_val_if_fail (EY_IS_CARD_TYPE (card_type), FALSE);

  path = ey_card_type_find_module (card_type);
  if (path == NULL)
    {
      g_debug ("No module installed for card type %s", ey_card_type_get_id (card_type));
      return FALSE;
    }
  ey_token_manager_add_module (self, path);
  return TRUE;
}

char *
ey_token_manager_find_module_path (const char *name_or_path)
{
  /* Where vendor packages put their modules (AKİS: /usr/lib, /usr/local/lib, /opt/Akia). */
  static const char * const dirs[] = {
    "/usr/lib", "/usr/local/lib", "/usr/lib64", "/lib", "/opt/Akia", "/opt/akis",
#ifdef __x86_64__
    "/usr/lib/x86_64-linux-gnu", "/usr/lib/x86_64-linux-gnu/pkcs11",
    "/usr/lib/x86_64-linux-gnu/softhsm",
#endif
#ifdef __aarch64__
    "/usr/lib/aarch64-linux-gnu", "/usr/lib/aarch64-linux-gnu/pkcs11",
#endif
    "/usr/lib/pkcs11", "/usr/local/lib/pkcs11",
  };
  g_autofree char *file = NULL;

  g_return_val_if_fail (name_or_path != NULL, NULL);

  if (strchr (name_or_path, '/') != NULL)
    {
      g_autofree char *path = g_canonicalize_filename (name_or_path, NULL);

      return g_file_test (path, G_FILE_TEST_IS_REGULAR) ? g_steal_pointer (&path) : NULL;
    }

  /* The card DB names modules without extension ("akisp11") or with one. */
  if (g_str_has_suffix (name_or_path, ".so") || strstr (name_or_path, ".so.") != NULL)
    file = g_strdup (name_or_path);
  else if (g_str_has_prefix (name_or_path, "lib"))
    file = g_strconcat (name_or_path, ".so", NULL);
  else
    file = g_strconcat ("lib", name_or_path, ".so", NULL);

  for (guint i = 0; i < G_N_ELEMENTS (dirs); i++)
    {
      g_autofree char *path = g_build_filename (dirs[i], file, NULL);

      if (g_file_test (path, G_FILE_TEST_IS_REGULAR))
        return g_steal_pointer (&path);
    }
  /* Some modules are named without the lib prefix (opensc-pkcs11.so). */
  if (g_str_has_prefix (file, "lib") && !g_str_has_prefix (name_or_path, "lib"))
    {
      g_autofree char *bare = g_strdup (file + 3);

      for (guint i = 0; i < G_N_ELEMENTS (dirs); i++)
        {
          g_autofree char *path = g_build_filename (dirs[i], bare, NULL);

          if (g_file_test (path, G_FILE_TEST_IS_REGULAR))
            return g_steal_pointer (&path);
        }
    }
  return NULL;
}

static gboolean
have_module (EyTokenManager *self,
             EyP11Module    *module)
{
  return g_ptr_array_find (self->modules, module, NULL);
}

/* Called with self->lock held, in a worker thread, inside the layer's gate.  The
 * registry loads each file once per process and owns it; the manager only keeps
 * references to the modules it lists. */
static void
load_modules_locked (EyTokenManager *self)
{
  if (self->use_registered && !self->registered_loaded)
    {
      g_autoptr(GPtrArray) registered = _ey_p11_registry_get_registered ();

      for (guint i = 0; i < registered->len; i++)
        if (!have_module (self, g_ptr_array_index (registered, i)))
          g_ptr_array_add (self->modules,
                           _ey_p11_module_ref (g_ptr_array_index (registered, i)));
      self->registered_loaded = TRUE;
    }

  while (self->extra_names->len > 0)
    {
      g_autofree char *name = g_ptr_array_steal_index (self->extra_names, 0);
      g_autofree char *path = ey_token_manager_find_module_path (name);
      g_autoptr(EyP11Module) module = NULL;

      if (path == NULL)
        {
          g_debug ("Module %s is not installed", name);
          continue;
        }
      module = _ey_p11_registry_get (path);
      if (module != NULL && !have_module (self, module))
        g_ptr_array_add (self->modules, g_steal_pointer (&module));
    }
}

static void
list_slot (EyP11Module *module,
           CK_SLOT_ID   slot,
           GPtrArray   *tokens)
{
  g_autoptr(EyToken) token = NULL;
  g_autoptr(GError) error = NULL;
  CK_TOKEN_INFO info;
  CK_RV rv;

  rv = module->funcs->C_GetTokenInfo (slot, &info);
  if (rv != CKR_OK)
    {
      g_debug ("C_GetTokenInfo on %s slot %lu: %s", module->name, (gulong) slot,
               p11_kit_strerror (rv));
      return;
    }
  /* An uninitialised token has nothing to sign with. */
  if (!(info.flags & CKF_TOKEN_INITIALIZED))
    return;

  token = _ey_token_new (module, slot, &info);
  if (_ey_token_load_certificates (token, &error) != CKR_OK)
    {
      g_debug ("Reading certificates of %s: %s", ey_token_get_label (token),
               ey_token_error_get_detail (error));
      return;
    }
  g_ptr_array_add (tokens, g_steal_pointer (&token));
}

static gboolean
same_token (EyToken *a,
            EyToken *b)
{
  GPtrArray *ca = ey_token_get_certificates (a);
  GPtrArray *cb = ey_token_get_certificates (b);

  if (_ey_token_get_module (a) != _ey_token_get_module (b)
      || _ey_token_get_slot (a) != _ey_token_get_slot (b)
      || ey_token_get_removed (a)
      || g_strcmp0 (ey_token_get_serial (a), ey_token_get_serial (b)) != 0
      || g_strcmp0 (ey_token_get_label (a), ey_token_get_label (b)) != 0
      || ca->len != cb->len)
    return FALSE;
  for (guint i = 0; i < ca->len; i++)
    if (g_strcmp0 (ey_certificate_get_fingerprint (g_ptr_array_index (ca, i)),
                   ey_certificate_get_fingerprint (g_ptr_array_index (cb, i))) != 0
        || ey_certificate_can_sign (g_ptr_array_index (ca, i))
           != ey_certificate_can_sign (g_ptr_array_index (cb, i)))
      return FALSE;
  return TRUE;
}

static GPtrArray *
list_tokens_entered (EyTokenManager  *self,
                     GCancellable    *cancellable,
                     GError         **error)
{
  g_autoptr(GPtrArray) tokens = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) modules = NULL;

  g_mutex_lock (&self->lock);
  load_modules_locked (self);
  modules = g_ptr_array_new_with_free_func ((GDestroyNotify) _ey_p11_module_unref);
  for (guint i = 0; i < self->modules->len; i++)
    g_ptr_array_add (modules, _ey_p11_module_ref (g_ptr_array_index (self->modules, i)));
  g_mutex_unlock (&self->lock);

  if (modules->len == 0)
    {
      g_propagate_error (error,
                         _ey_token_error_new (EY_TOKEN_ERROR_NO_MODULE,
                                              "no PKCS#11 module could be loaded",
                                              _("No smart card software (PKCS#11 module) "
                                                "was found. Install your card’s driver "
                                                "package, e.g. AKİS for KamuSM cards.")));
      return NULL;
    }

  for (guint i = 0; i < modules->len; i++)
    {
      EyP11Module *module = g_ptr_array_index (modules, i);
      CK_SLOT_ID slots[64];
      CK_ULONG n = G_N_ELEMENTS (slots);
      CK_RV rv;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return NULL;

      g_rec_mutex_lock (&module->lock);
      rv = module->funcs->C_GetSlotList (CK_TRUE, slots, &n);
      if (rv == CKR_OK)
        for (CK_ULONG s = 0; s < n; s++)
          list_slot (module, slots[s], tokens);
      else
        g_debug ("C_GetSlotList on %s: %s", module->name, p11_kit_strerror (rv));
      g_rec_mutex_unlock (&module->lock);
    }

  /* Reuse the objects of cards that did not change; drop the ones that went. */
  g_mutex_lock (&self->lock);
  for (guint i = 0; i < tokens->len; i++)
    for (guint j = 0; j < self->live_tokens->len; j++)
      {
        EyToken *old = g_ptr_array_index (self->live_tokens, j);
        EyToken *fresh = g_ptr_array_index (tokens, i);

        if (same_token (old, fresh))
          {
            _ey_token_update_pin_flags (old, ey_token_get_pin_flags (fresh));
            g_ptr_array_index (tokens, i) = g_object_ref (old);
            g_object_unref (fresh);
            break;
          }
      }
  g_ptr_array_set_size (self->live_tokens, 0);
  for (guint i = 0; i < tokens->len; i++)
    g_ptr_array_add (self->live_tokens, g_object_ref (g_ptr_array_index (tokens, i)));
  g_mutex_unlock (&self->lock);

  return g_steal_pointer (&tokens);
}

GPtrArray *
ey_token_manager_list_tokens (EyTokenManager  *self,
                              GCancellable    *cancellable,
                              GError         **error)
{
  GPtrArray *tokens;

  g_return_val_if_fail (EY_IS_TOKEN_MANAGER (self), NULL);

  /* Until the process shuts the layer down, the modules stay loaded. */
  if (!_ey_token_layer_enter (error))
    return NULL;
  tokens = list_tokens_entered (self, cancellable, error);
  _ey_token_layer_leave ();
  return tokens;
}

static void
list_tokens_thread (GTask        *task,
                    gpointer      source_object,
                    gpointer      task_data,
                    GCancellable *cancellable)
{
  GError *error = NULL;
  GPtrArray *tokens;

  tokens = ey_token_manager_list_tokens (source_object, cancellable, &error);
  if (tokens == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, tokens, (GDestroyNotify) g_ptr_array_unref);
}

void
ey_token_manager_list_tokens_async (EyTokenManager      *self,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (EY_IS_TOKEN_MANAGER (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, ey_token_manager_list_tokens_async);
  g_task_run_in_thread (task, list_tokens_thread);
}

GPtrArray *
ey_token_manager_list_tokens_finish (EyTokenManager  *self,
                                     GAsyncResult    *result,
                                     GError         **error)
{
  g_return_val_if_fail (EY_IS_TOKEN_MANAGER (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

GPtrArray *
ey_token_manager_collect_certificates (GPtrArray *tokens)
{
  GPtrArray *all = g_ptr_array_new_with_free_func (g_object_unref);

  g_return_val_if_fail (tokens != NULL, all);

  for (guint i = 0; i < tokens->len; i++)
    {
      GPtrArray *certs = ey_token_get_certificates (g_ptr_array_index (tokens, i));

      for (guint j = 0; j < certs->len; j++)
        g_ptr_array_add (all, g_object_ref (g_ptr_array_index (certs, j)));
    }
  return all;
}
