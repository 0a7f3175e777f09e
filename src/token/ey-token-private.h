/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <p11-kit/p11-kit.h>
#include <p11-kit/pkcs11.h>

#include "ey-certificate.h"
#include "ey-token.h"
#include "ey-token-error.h"

G_BEGIN_DECLS

/* A loaded PKCS#11 module, owned by the registry (ey-token-layer.c) and referenced
 * by managers and tokens.  A reference keeps only this struct alive: the module is
 * finalized by ey_token_layer_shutdown () alone, so the last unref may happen on any
 * thread. */
typedef struct
{
  gatomicrefcount    ref_count;
  /* NULL once finalized; used only between _ey_token_layer_enter () and _leave (). */
  CK_FUNCTION_LIST  *funcs;
  char              *name;          /* file name, for the UI and logs */
  char              *path;
  gboolean           registered;    /* loaded through p11-kit's registry */
  gboolean           finalize;      /* we initialised it and must C_Finalize */
  /* Serialises every call into the module: unmanaged modules initialised with
   * NULL args promise no thread safety, and a card does one thing at a time. */
  GRecMutex          lock;
} EyP11Module;

EyP11Module *_ey_p11_module_new        (CK_FUNCTION_LIST *funcs,
                                        const char       *path,
                                        gboolean          registered,
                                        gboolean          finalize);
EyP11Module *_ey_p11_module_ref        (EyP11Module      *module);
void         _ey_p11_module_unref      (EyP11Module      *module);
/* C_Finalize (or p11-kit's) and unload, once; only ey_token_layer_shutdown () calls it. */
void         _ey_p11_module_finalize   (EyP11Module      *module);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (EyP11Module, _ey_p11_module_unref)

/* ey-token-layer.c: every PKCS#11 or PC/SC call of a worker runs between enter and
 * leave, so that ey_token_layer_shutdown () can wait for it.  Enter fails with
 * G_IO_ERROR_CANCELLED once shutdown began; leave only after a successful enter. */
gboolean     _ey_token_layer_enter     (GError          **error);
void         _ey_token_layer_leave     (void);
/* Tests: blocks until ey_token_layer_shutdown () waits for a worker inside the layer,
 * or has finished (it had none to wait for, or did not wait). */
void         _ey_token_layer_wait_shutdown_blocked (void);
/* The registry, between enter and leave.  The modules p11-kit registers, loaded once
 * per process (transfer full, element-type EyP11Module). */
GPtrArray   *_ey_p11_registry_get_registered (void);
/* The module in the file @path, loaded unmanaged once per process, or the one
 * already loaded from that file (registered or not); NULL when it cannot be loaded
 * or initialised.  transfer full */
EyP11Module *_ey_p11_registry_get      (const char       *path);

/* Initialises an unmanaged module: OS locking first, NULL args when the module
 * says CKR_ARGUMENTS_BAD; *out_shared is TRUE on CKR_CRYPTOKI_ALREADY_INITIALIZED. */
CK_RV        _ey_p11_initialize        (CK_FUNCTION_LIST *funcs,
                                        gboolean         *out_shared);

/* Error helpers: @what is the PKCS#11 function name for the detail text. */
GError      *_ey_token_error_new_rv    (CK_RV             rv,
                                        const char       *what,
                                        EyPinFlags        pin_flags);
GError      *_ey_token_error_new       (int               code,
                                        const char       *detail,
                                        const char       *message);
void         _ey_token_error_set_pin_flags (GError        *error,
                                            EyPinFlags     pin_flags);
gboolean     _ey_rv_is_removed         (CK_RV             rv);

/* ey-token.c */
EyToken     *_ey_token_new             (EyP11Module        *module,
                                        CK_SLOT_ID          slot,
                                        const CK_TOKEN_INFO *info);
EyP11Module *_ey_token_get_module      (EyToken          *self);
CK_SLOT_ID   _ey_token_get_slot        (EyToken          *self);
void         _ey_token_add_certificate (EyToken          *self,
                                        EyCertificate    *certificate);
/* Thread-safe: notifies on the main context. */
void         _ey_token_update_pin_flags (EyToken         *self,
                                         EyPinFlags       flags);
void         _ey_token_mark_removed    (EyToken          *self);
/* Reads C_GetTokenInfo into flags; call with the module lock held. */
CK_RV        _ey_token_read_pin_flags  (EyToken          *self,
                                        EyPinFlags       *out_flags);
/* Reads the certificates and matches them to keys (lock held, worker thread). */
CK_RV        _ey_token_load_certificates (EyToken        *self,
                                          GError        **error);

/* ey-certificate.c */
void         _ey_certificate_set_token (EyCertificate    *self,
                                        EyToken          *token,
                                        const char       *url,
                                        GBytes           *ck_id,
                                        gboolean          can_sign);
GBytes      *_ey_certificate_get_ck_id (EyCertificate    *self);
/* Public-key material for key matching: RSA modulus (unsigned, no leading zero)
 * or EC point (uncompressed octets) and EC params (DER OID). */
GBytes      *_ey_certificate_get_rsa_modulus (EyCertificate *self);
GBytes      *_ey_certificate_get_ec_point    (EyCertificate *self);
GBytes      *_ey_certificate_get_ec_params   (EyCertificate *self);

/* Hex without separators, uppercase. */
char        *_ey_hex_encode            (const guint8     *data,
                                        gsize             length,
                                        const char       *separator);
/* Strips leading zero bytes of a big-endian unsigned integer. */
GBytes      *_ey_strip_leading_zeros   (const guint8     *data,
                                        gsize             length);

G_END_DECLS
