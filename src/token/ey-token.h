/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "ey-certificate.h"
#include "ey-pin.h"

G_BEGIN_DECLS

#define EY_TYPE_TOKEN (ey_token_get_type ())
G_DECLARE_FINAL_TYPE (EyToken, ey_token, EY, TOKEN, GObject)

/*
 * One token (card) in one slot of one PKCS#11 module, as listed by
 * ey_token_manager_list_tokens_async().  Properties (read-only, notified on the
 * main context): "label", "model", "manufacturer", "serial", "module-name",
 * "url", "pin-flags" (EyPinFlags, refreshed by ey_token_refresh_async() and after
 * every login attempt), "removed".
 */
const char *ey_token_get_label         (EyToken *self);
const char *ey_token_get_model         (EyToken *self);
const char *ey_token_get_manufacturer  (EyToken *self);
const char *ey_token_get_serial        (EyToken *self);
/* File name of the PKCS#11 module (e.g. "libakisp11.so"). */
const char *ey_token_get_module_name   (EyToken *self);
/* "pkcs11:model=…;manufacturer=…;serial=…;token=…" */
const char *ey_token_get_url           (EyToken *self);
EyPinFlags  ey_token_get_pin_flags     (EyToken *self);
gboolean    ey_token_has_pin_pad       (EyToken *self);
/* The PIN length range CK_TOKEN_INFO reports; FALSE when it reports none that is sane. */
gboolean    ey_token_get_pin_length_range (EyToken *self,
                                           guint   *min_length,
                                           guint   *max_length);
/* TRUE once a call saw CKR_DEVICE_REMOVED / CKR_TOKEN_NOT_PRESENT. */
gboolean    ey_token_get_removed       (EyToken *self);

/* (element-type EyCertificate) (transfer none): certificates read at listing time. */
GPtrArray  *ey_token_get_certificates  (EyToken *self);

/* Re-reads CK_TOKEN_INFO (PIN flags) in a thread, e.g. before asking for the PIN. */
void        ey_token_refresh_async     (EyToken             *self,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data);
gboolean    ey_token_refresh_finish    (EyToken             *self,
                                        GAsyncResult        *result,
                                        GError             **error);

G_END_DECLS
