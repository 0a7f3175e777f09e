/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ey-token"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#include <p11-kit/uri.h>

#include "ey-token.h"
#include "ey-token-private.h"
#include "ey-certificate-private.h"
#include "ey-pin-private.h"

struct _EyToken
{
  GObject       parent_instance;

  EyP11Module  *module;
  CK_SLOT_ID    slot;
  char         *label;
  char         *model;
  char         *manufacturer;
  char         *serial;
  char         *url;
  guint         min_pin_length;    /* CK_TOKEN_INFO, 0 if not reported */
  guint         max_pin_length;
  GPtrArray    *certificates;
  /* Written from worker threads, read anywhere. */
  gint          pin_flags;
  gint          removed;
  GMainContext *context;
};

enum {
  PROP_0,
  PROP_LABEL,
  PROP_MODEL,
  PROP_MANUFACTURER,
  PROP_SERIAL,
  PROP_MODULE_NAME,
  PROP_URL,
  PROP_PIN_FLAGS,
  PROP_REMOVED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (EyToken, ey_token, G_TYPE_OBJECT)

/* ---- modules ------------------------------------------------------------ */

EyP11Module *
_ey_p11_module_new (CK_FUNCTION_LIST *funcs,
                    const char       *path,
                    gboolean          registered,
                    gboolean          finalize)
{
  EyP11Module *module = g_new0 (EyP11Module, 1);

  g_atomic_ref_count_init (&module->ref_count);
  module->funcs = funcs;
  module->path = g_strdup (path);
  module->name = path ? g_path_get_basename (path) : g_strdup ("?");
  module->registered = registered;
  module->finalize = finalize;
  g_rec_mutex_init (&module->lock);
  return module;
}

EyP11Module *
_ey_p11_module_ref (EyP11Module *module)
{
  g_atomic_ref_count_inc (&module->ref_count);
  return module;
}

void
_ey_p11_module_unref (EyP11Module *module)
{
  if (!g_atomic_ref_count_dec (&module->ref_count))
    return;

  /* The registry keeps its reference until it has finalized the module. */
  g_assert (module->funcs == NULL);
  g_rec_mutex_clear (&module->lock);
  g_free (module->name);
  g_free (module->path);
  g_free (module);
}

void
_ey_p11_module_finalize (EyP11Module *module)
{
  g_rec_mutex_lock (&module->lock);
  if (module->funcs != NULL)
    {
      if (module->registered)
        p11_kit_module_finalize (module->funcs);
      else if (module->finalize)
        module->funcs->C_Finalize (NULL);
      p11_kit_module_release (module->funcs);
      module->funcs = NULL;
    }
  g_rec_mutex_unlock (&module->lock);
}

CK_RV
_ey_p11_initialize (CK_FUNCTION_LIST *funcs,
                    gboolean         *out_shared)
{
  CK_C_INITIALIZE_ARGS args;
  CK_RV rv;

  memset (&args, 0, sizeof args);
  args.flags = CKF_OS_LOCKING_OK;
  *out_shared = FALSE;

  rv = funcs->C_Initialize (&args);
  /* AKİS on Linux/macOS refuses locking arguments; it only takes NULL. */
  if (rv == CKR_ARGUMENTS_BAD || rv == CKR_CANT_LOCK)
    {
      g_debug ("C_Initialize with OS locking: %s; retrying with NULL",
               p11_kit_strerror (rv));
      rv = funcs->C_Initialize (NULL);
    }
  /* Someone else in the process (GnuTLS, another library) initialised it:
   * it is shared, and we must not finalise it under them. */
  if (rv == CKR_CRYPTOKI_ALREADY_INITIALIZED)
    {
      *out_shared = TRUE;
      rv = CKR_OK;
    }
  return rv;
}

/* ---- token -------------------------------------------------------------- */

static char *
info_string (const CK_UTF8CHAR *field,
             gsize              length)
{
  /* PKCS#11 pads with blanks, no NUL. */
  while (length > 0 && (field[length - 1] == ' ' || field[length - 1] == '\0'))
    length--;
  if (!g_utf8_validate ((const char *) field, length, NULL))
    return g_utf8_make_valid ((const char *) field, length);
  return g_strndup ((const char *) field, length);
}

static void
ey_token_finalize (GObject *object)
{
  EyToken *self = (EyToken *)object;

  g_clear_pointer (&self->module, _ey_p11_module_unref);
  g_clear_pointer (&self->label, g_free);
  g_clear_pointer (&self->model, g_free);
  g_clear_pointer (&self->manufacturer, g_free);
  g_clear_pointer (&self->serial, g_free);
  g_clear_pointer (&self->url, g_free);
  g_clear_pointer (&self->certificates, g_ptr_array_unref);
  g_clear_pointer (&self->context, g_main_context_unref);

  G_OBJECT_CLASS (ey_token_parent_class)->finalize (object);
}

static void
ey_token_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  EyToken *self = EY_TOKEN (object);

  switch (prop_id)
    {
    case PROP_LABEL:
      g_value_set_string (value, self->label);
      break;
    case PROP_MODEL:
      g_value_set_string (value, self->model);
      break;
    case PROP_MANUFACTURER:
      g_value_set_string (value, self->manufacturer);
      break;
    case PROP_SERIAL:
      g_value_set_string (value, self->serial);
      break;
    case PROP_MODULE_NAME:
      g_value_set_string (value, ey_token_get_module_name (self));
      break;
    case PROP_URL:
      g_value_set_string (value, self->url);
      break;
    case PROP_PIN_FLAGS:
      g_value_set_flags (value, ey_token_get_pin_flags (self));
      break;
    case PROP_REMOVED:
      g_value_set_boolean (value, ey_token_get_removed (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ey_token_class_init (EyTokenClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = ey_token_finalize;
  object_class->get_property = ey_token_get_property;

  properties[PROP_LABEL] = g_param_spec_string ("label", NULL, NULL, NULL, flags);
  properties[PROP_MODEL] = g_param_spec_string ("model", NULL, NULL, NULL, flags);
  properties[PROP_MANUFACTURER] = g_param_spec_string ("manufacturer", NULL, NULL, NULL, flags);
  properties[PROP_SERIAL] = g_param_spec_string ("serial", NULL, NULL, NULL, flags);
  properties[PROP_MODULE_NAME] = g_param_spec_string ("module-name", NULL, NULL, NULL, flags);
  properties[PROP_URL] = g_param_spec_string ("url", NULL, NULL, NULL, flags);
  properties[PROP_PIN_FLAGS] = g_param_spec_flags ("pin-flags", NULL, NULL,
                                                   EY_TYPE_PIN_FLAGS, 0, flags);
  properties[PROP_REMOVED] = g_param_spec_boolean ("removed", NULL, NULL, FALSE, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ey_token_init (EyToken *self)
{
  self->certificates = g_ptr_array_new_with_free_func (g_object_unref);
}

EyToken *
_ey_token_new (EyP11Module         *module,
               CK_SLOT_ID           slot,
               const CK_TOKEN_INFO *info)
{
  EyToken *self = g_object_new (EY_TYPE_TOKEN, NULL);
  P11KitUri *uri = p11_kit_uri_new ();
  CK_TOKEN_INFO *uri_info;

  self->module = _ey_p11_module_ref (module);
  self->slot = slot;
  self->label = info_string (info->label, sizeof info->label);
  self->model = info_string (info->model, sizeof info->model);
  self->manufacturer = info_string (info->manufacturerID, sizeof info->manufacturerID);
  self->serial = info_string (info->serialNumber, sizeof info->serialNumber);
  self->pin_flags = ey_pin_flags_from_ck_flags (info->flags);
  /* Only a sane range counts: some modules report 0, ~0 or 255 */
  if (info->ulMinPinLen > 0 && info->ulMinPinLen <= info->ulMaxPinLen &&
      info->ulMaxPinLen <= 256)
    {
      self->min_pin_length = info->ulMinPinLen;
      self->max_pin_length = info->ulMaxPinLen;
    }
  /* Tokens are listed in a worker thread on behalf of the thread that asked;
   * property notifications go back there. */
  self->context = g_main_context_ref_thread_default ();

  uri_info = p11_kit_uri_get_token_info (uri);
  memcpy (uri_info, info, sizeof *uri_info);
  if (p11_kit_uri_format (uri, P11_KIT_URI_FOR_TOKEN, &self->url) != P11_KIT_URI_OK)
    self->url = g_strdup ("pkcs11:");
  p11_kit_uri_free (uri);

  return self;
}

EyP11Module *
_ey_token_get_module (EyToken *self)
{
  return self->module;
}

CK_SLOT_ID
_ey_token_get_slot (EyToken *self)
{
  return self->slot;
}

void
_ey_token_add_certificate (EyToken       *self,
                           EyCertificate *certificate)
{
  g_ptr_array_add (self->certificates, g_object_ref (certificate));
}

typedef struct
{
  EyToken   *token;
  GParamSpec *pspec;
} NotifyData;

static gboolean
notify_in_context_cb (gpointer user_data)
{
  NotifyData *data = user_data;

  g_object_notify_by_pspec (G_OBJECT (data->token), data->pspec);
  g_object_unref (data->token);
  g_free (data);
  return G_SOURCE_REMOVE;
}

static void
notify_in_context (EyToken    *self,
                   GParamSpec *pspec)
{
  NotifyData *data = g_new0 (NotifyData, 1);

  data->token = g_object_ref (self);
  data->pspec = pspec;
  g_main_context_invoke (self->context, notify_in_context_cb, data);
}

void
_ey_token_update_pin_flags (EyToken    *self,
                            EyPinFlags  flags)
{
  if ((EyPinFlags) g_atomic_int_exchange (&self->pin_flags, flags) != flags)
    notify_in_context (self, properties[PROP_PIN_FLAGS]);
}

void
_ey_token_mark_removed (EyToken *self)
{
  if (!g_atomic_int_exchange (&self->removed, TRUE))
    notify_in_context (self, properties[PROP_REMOVED]);
}

CK_RV
_ey_token_read_pin_flags (EyToken    *self,
                          EyPinFlags *out_flags)
{
  CK_TOKEN_INFO info;
  CK_RV rv;

  rv = self->module->funcs->C_GetTokenInfo (self->slot, &info);
  if (rv == CKR_OK)
    {
      *out_flags = ey_pin_flags_from_ck_flags (info.flags);
      _ey_token_update_pin_flags (self, *out_flags);
    }
  else if (_ey_rv_is_removed (rv))
    _ey_token_mark_removed (self);
  return rv;
}

/* ---- reading certificates and keys ---------------------------------------- */

static GBytes *
get_attribute (CK_FUNCTION_LIST  *funcs,
               CK_SESSION_HANDLE  session,
               CK_OBJECT_HANDLE   object,
               CK_ATTRIBUTE_TYPE  type)
{
  CK_ATTRIBUTE attr = { type, NULL, 0 };
  guint8 *buffer;

  if (funcs->C_GetAttributeValue (session, object, &attr, 1) != CKR_OK
      || attr.ulValueLen == (CK_ULONG) -1)
    return NULL;
  buffer = g_malloc (attr.ulValueLen + 1);
  attr.pValue = buffer;
  if (funcs->C_GetAttributeValue (session, object, &attr, 1) != CKR_OK)
    {
      g_free (buffer);
      return NULL;
    }
  return g_bytes_new_take (buffer, attr.ulValueLen);
}

static CK_RV
find_objects (CK_FUNCTION_LIST  *funcs,
              CK_SESSION_HANDLE  session,
              CK_ATTRIBUTE      *template,
              CK_ULONG           count,
              GArray            *out)
{
  CK_OBJECT_HANDLE handles[32];
  CK_ULONG n = 0;
  CK_RV rv;

  rv = funcs->C_FindObjectsInit (session, template, count);
  if (rv != CKR_OK)
    return rv;
  do
    {
      rv = funcs->C_FindObjects (session, handles, G_N_ELEMENTS (handles), &n);
      if (rv == CKR_OK)
        g_array_append_vals (out, handles, n);
    }
  while (rv == CKR_OK && n > 0);
  funcs->C_FindObjectsFinal (session);
  return rv;
}

/* EC points come as a DER OCTET STRING on most tokens, raw on some. */
static GBytes *
unwrap_ec_point (GBytes *point)
{
  gsize len;
  const guint8 *p = g_bytes_get_data (point, &len);

  if (len > 2 && p[0] == 0x04)
    {
      gsize hdr = 2;
      gsize inner = p[1];

      if (p[1] == 0x81 && len > 3)
        {
          inner = p[2];
          hdr = 3;
        }
      else if (p[1] == 0x82 && len > 4)
        {
          inner = (p[2] << 8) | p[3];
          hdr = 4;
        }
      else if (p[1] & 0x80)
        return g_bytes_ref (point);
      if (hdr + inner == len)
        return g_bytes_new (p + hdr, inner);
    }
  return g_bytes_ref (point);
}

typedef struct
{
  GBytes *id;
  GBytes *modulus;     /* RSA, leading zeros stripped */
  GBytes *ec_point;    /* unwrapped */
  GBytes *ec_params;
} KeyInfo;

static void
key_info_free (gpointer data)
{
  KeyInfo *key = data;

  g_clear_pointer (&key->id, g_bytes_unref);
  g_clear_pointer (&key->modulus, g_bytes_unref);
  g_clear_pointer (&key->ec_point, g_bytes_unref);
  g_clear_pointer (&key->ec_params, g_bytes_unref);
  g_free (key);
}

static GPtrArray *
read_keys (CK_FUNCTION_LIST  *funcs,
           CK_SESSION_HANDLE  session,
           CK_OBJECT_CLASS    klass)
{
  CK_ATTRIBUTE template[] = { { CKA_CLASS, &klass, sizeof klass } };
  g_autoptr(GArray) handles = g_array_new (FALSE, FALSE, sizeof (CK_OBJECT_HANDLE));
  GPtrArray *keys = g_ptr_array_new_with_free_func (key_info_free);

  if (find_objects (funcs, session, template, G_N_ELEMENTS (template), handles) != CKR_OK)
    return keys;

  for (guint i = 0; i < handles->len; i++)
    {
      CK_OBJECT_HANDLE h = g_array_index (handles, CK_OBJECT_HANDLE, i);
      KeyInfo *key = g_new0 (KeyInfo, 1);
      g_autoptr(GBytes) modulus = get_attribute (funcs, session, h, CKA_MODULUS);
      g_autoptr(GBytes) point = get_attribute (funcs, session, h, CKA_EC_POINT);

      key->id = get_attribute (funcs, session, h, CKA_ID);
      if (modulus != NULL)
        key->modulus = _ey_strip_leading_zeros (g_bytes_get_data (modulus, NULL),
                                                g_bytes_get_size (modulus));
      if (point != NULL)
        key->ec_point = unwrap_ec_point (point);
      key->ec_params = get_attribute (funcs, session, h, CKA_EC_PARAMS);
      g_ptr_array_add (keys, key);
    }
  return keys;
}

typedef enum { MATCH_NONE, MATCH_ID, MATCH_KEY } KeyMatch;

/* Public key equality first: dual-key cards reuse CKA_ID. */
static KeyMatch
match_key (EyCertificate *cert,
           GBytes        *cert_id,
           KeyInfo       *key)
{
  GBytes *modulus = _ey_certificate_get_rsa_modulus (cert);
  GBytes *point = _ey_certificate_get_ec_point (cert);
  GBytes *params = _ey_certificate_get_ec_params (cert);

  if (modulus != NULL && key->modulus != NULL)
    return g_bytes_equal (modulus, key->modulus) ? MATCH_KEY : MATCH_NONE;
  if (point != NULL && key->ec_point != NULL)
    return g_bytes_equal (point, key->ec_point) ? MATCH_KEY : MATCH_NONE;
  if (params != NULL && key->ec_params != NULL && !g_bytes_equal (params, key->ec_params))
    return MATCH_NONE;
  if (cert_id != NULL && key->id != NULL && g_bytes_get_size (cert_id) > 0
      && g_bytes_equal (cert_id, key->id))
    return MATCH_ID;
  return MATCH_NONE;
}

static gboolean
decide_can_sign (EyToken       *self,
                 EyCertificate *cert,
                 GBytes        *cert_id,
                 GPtrArray     *private_keys,
                 GPtrArray     *public_keys)
{
  gboolean public_match = FALSE;

  for (guint i = 0; i < private_keys->len; i++)
    if (match_key (cert, cert_id, g_ptr_array_index (private_keys, i)) != MATCH_NONE)
      return TRUE;
  /* Visible private keys, none of them ours: this certificate has no key here. */
  if (private_keys->len > 0)
    return FALSE;

  /* Private keys are hidden until login (CKA_PRIVATE): a public key object or the
   * certificate's CKA_ID is the best evidence before the PIN is known; the real
   * match by public key happens after login, in the signer. */
  for (guint i = 0; i < public_keys->len; i++)
    if (match_key (cert, cert_id, g_ptr_array_index (public_keys, i)) == MATCH_KEY)
      public_match = TRUE;

  if (public_match)
    return TRUE;
  return public_keys->len == 0
         && (ey_token_get_pin_flags (self) & EY_PIN_LOGIN_REQUIRED)
         && cert_id != NULL && g_bytes_get_size (cert_id) > 0;
}

static char *
object_url (EyToken *self,
            GBytes  *id,
            GBytes  *label,
            CK_OBJECT_CLASS klass)
{
  g_autofree char *id_part = NULL;
  g_autofree char *class_part = NULL;
  P11KitUri *uri = p11_kit_uri_new ();
  char *object_part = NULL;
  char *result;

  /* The token part is ours; p11-kit escapes id/label/type. */
  if (id != NULL)
    {
      CK_ATTRIBUTE attr = { CKA_ID, (void *) g_bytes_get_data (id, NULL),
                            g_bytes_get_size (id) };
      p11_kit_uri_set_attribute (uri, &attr);
    }
  if (label != NULL)
    {
      CK_ATTRIBUTE attr = { CKA_LABEL, (void *) g_bytes_get_data (label, NULL),
                            g_bytes_get_size (label) };
      p11_kit_uri_set_attribute (uri, &attr);
    }
  {
    CK_ATTRIBUTE attr = { CKA_CLASS, &klass, sizeof klass };
    p11_kit_uri_set_attribute (uri, &attr);
  }
  if (p11_kit_uri_format (uri, P11_KIT_URI_FOR_OBJECT, &object_part) != P11_KIT_URI_OK)
    object_part = NULL;
  p11_kit_uri_free (uri);

  if (object_part == NULL || strlen (object_part) <= strlen ("pkcs11:"))
    result = g_strdup (self->url);
  else
    result = g_strconcat (self->url, ";", object_part + strlen ("pkcs11:"), NULL);
  free (object_part);
  return result;
}

CK_RV
_ey_token_load_certificates (EyToken  *self,
                             GError  **error)
{
  CK_FUNCTION_LIST *funcs = self->module->funcs;
  CK_OBJECT_CLASS klass = CKO_CERTIFICATE;
  CK_CERTIFICATE_TYPE type = CKC_X_509;
  CK_ATTRIBUTE template[] = {
    { CKA_CLASS, &klass, sizeof klass },
    { CKA_CERTIFICATE_TYPE, &type, sizeof type },
  };
  g_autoptr(GArray) handles = g_array_new (FALSE, FALSE, sizeof (CK_OBJECT_HANDLE));
  g_autoptr(GPtrArray) private_keys = NULL;
  g_autoptr(GPtrArray) public_keys = NULL;
  CK_SESSION_HANDLE session;
  CK_RV rv;

  rv = funcs->C_OpenSession (self->slot, CKF_SERIAL_SESSION, NULL, NULL, &session);
  if (rv != CKR_OK)
    {
      if (_ey_rv_is_removed (rv))
        _ey_token_mark_removed (self);
      g_propagate_error (error, _ey_token_error_new_rv (rv, "C_OpenSession", 0));
      return rv;
    }

  rv = find_objects (funcs, session, template, G_N_ELEMENTS (template), handles);
  if (rv != CKR_OK)
    {
      funcs->C_CloseSession (session);
      g_propagate_error (error, _ey_token_error_new_rv (rv, "C_FindObjects", 0));
      return rv;
    }

  private_keys = read_keys (funcs, session, CKO_PRIVATE_KEY);
  public_keys = read_keys (funcs, session, CKO_PUBLIC_KEY);

  for (guint i = 0; i < handles->len; i++)
    {
      CK_OBJECT_HANDLE h = g_array_index (handles, CK_OBJECT_HANDLE, i);
      g_autoptr(GBytes) value = get_attribute (funcs, session, h, CKA_VALUE);
      g_autoptr(GBytes) id = get_attribute (funcs, session, h, CKA_ID);
      g_autoptr(GBytes) label = get_attribute (funcs, session, h, CKA_LABEL);
      g_autoptr(EyCertificate) cert = NULL;
      g_autoptr(GError) local_error = NULL;
      g_autofree char *url = NULL;

      if (value == NULL)
        continue;
      cert = ey_certificate_new_from_der (value, &local_error);
      if (cert == NULL)
        {
          g_debug ("Skipping a certificate on %s: %s", self->label,
                   ey_token_error_get_detail (local_error));
          continue;
        }
      url = object_url (self, id, label, CKO_CERTIFICATE);
      _ey_certificate_set_token (cert, self, url, id,
                                 decide_can_sign (self, cert, id, private_keys, public_keys));
      _ey_token_add_certificate (self, cert);
    }

  funcs->C_CloseSession (session);
  return CKR_OK;
}

/* ---- public API ------------------------------------------------------------ */

const char *
ey_token_get_label (EyToken *self)
{
  g_return_val_if_fail (EY_IS_TOKEN (self), NULL);
  return self->label;
}

const char *
ey_token_get_model (EyToken *self)
{
  g_return_val_if_fail (EY_IS_TOKEN (self), NULL);
  return self->model;
}

const char *
ey_token_get_manufacturer (EyToken *self)
{
  g_return_val_if_fail (EY_IS_TOKEN (self), NULL);
  return self->manufacturer;
}

const char *
ey_token_get_serial (EyToken *self)
{
  g_return_val_if_fail (EY_IS_TOKEN (self), NULL);
  return self->serial;
}

const char *
ey_token_get_module_name (EyToken *self)
{
  g_return_val_if_fail (EY_IS_TOKEN (self), NULL);
  return self->module->name;
}

const char *
ey_token_get_url (EyToken *self)
{
  g_return_val_if_fail (EY_IS_TOKEN (self), NULL);
  return self->url;
}

EyPinFlags
ey_token_get_pin_flags (EyToken *self)
{
  g_return_val_if_fail (EY_IS_TOKEN (self), EY_PIN_FLAGS_NONE);
  return (EyPinFlags) g_atomic_int_get (&self->pin_flags);
}

gboolean
ey_token_get_pin_length_range (EyToken *self,
                               guint   *min_length,
                               guint   *max_length)
{
  g_return_val_if_fail (EY_IS_TOKEN (self), FALSE);

  if (self->max_pin_length == 0)
    return FALSE;
  if (min_length)
    *min_length = self->min_pin_length;
  if (max_length)
    *max_length = self->max_pin_length;
  return TRUE;
}

gboolean
ey_token_has_pin_pad (EyToken *self)
{
  return (ey_token_get_pin_flags (self) & EY_PIN_PAD) != 0;
}

gboolean
ey_token_get_removed (EyToken *self)
{
  g_return_val_if_fail (EY_IS_TOKEN (self), FALSE);
  return g_atomic_int_get (&self->removed);
}

GPtrArray *
ey_token_get_certificates (EyToken *self)
{
  g_return_val_if_fail (EY_IS_TOKEN (self), NULL);
  return self->certificates;
}

static void
refresh_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  EyToken *self = source_object;
  EyPinFlags flags = 0;
  GError *error = NULL;
  CK_RV rv;

  if (!_ey_token_layer_enter (&error))
    {
      g_task_return_error (task, error);
      return;
    }
  g_rec_mutex_lock (&self->module->lock);
  rv = _ey_token_read_pin_flags (self, &flags);
  g_rec_mutex_unlock (&self->module->lock);
  _ey_token_layer_leave ();

  if (rv != CKR_OK)
    g_task_return_error (task, _ey_token_error_new_rv (rv, "C_GetTokenInfo", 0));
  else
    g_task_return_boolean (task, TRUE);
}

void
ey_token_refresh_async (EyToken             *self,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (EY_IS_TOKEN (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, ey_token_refresh_async);
  g_task_run_in_thread (task, refresh_thread);
}

gboolean
ey_token_refresh_finish (EyToken       *self,
                         GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (EY_IS_TOKEN (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
