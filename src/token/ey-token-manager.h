/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "ey-token.h"
#include "ey-token-types.h"

G_BEGIN_DECLS

#define EY_TYPE_TOKEN_MANAGER (ey_token_manager_get_type ())
G_DECLARE_FINAL_TYPE (EyTokenManager, ey_token_manager, EY, TOKEN_MANAGER, GObject)

/*
 * PKCS#11 modules, slots and tokens.  Modules are those registered with p11-kit
 * (loaded and initialised through p11-kit, shared with GnuTLS and others in the
 * process) plus extra modules named with ey_token_manager_add_module() (the card
 * DB's module for the inserted card), loaded unmanaged when they are not
 * registered.  Modules are loaded on first use, in a worker thread; every
 * PKCS#11 call runs in a GTask thread, serialised per module.  Each module file is
 * loaded once per process, whichever manager asks, and finalized only by
 * ey_token_layer_shutdown () (ey-token-layer.h).
 */
EyTokenManager *ey_token_manager_new                 (void);
/* The process-wide manager (modules are process-wide too). */
EyTokenManager *ey_token_manager_get_default         (void);

/* Whether to use the modules registered with p11-kit (default TRUE). */
void            ey_token_manager_set_use_registered  (EyTokenManager      *self,
                                                      gboolean             use_registered);
/**
 * ey_token_manager_add_module:
 * @name_or_path: an absolute path, or a file name such as "libakisp11.so" or
 *   "akisp11" that is looked for in the usual places (/usr/lib, /usr/local/lib,
 *   /opt/Akia, the multiarch and pkcs11 folders)
 *
 * Adds a module to try at the next listing.  Silently ignored at listing time when
 * it is not found or when p11-kit already registers the same file.
 */
void            ey_token_manager_add_module          (EyTokenManager      *self,
                                                      const char          *name_or_path);
/**
 * ey_token_manager_add_card_type:
 * @card_type: the card DB's type for the inserted card (ey_card_db_lookup())
 *
 * Adds the first installed module the card DB names for this card type (e.g.
 * libakisp11.so for AKİS).  Its quirks need no flags: the manager always falls back
 * to C_Initialize(NULL), signs in the login session and matches keys by public key.
 *
 * Returns: TRUE if an installed module was found (it is loaded at the next listing,
 *   unless p11-kit already registers the same file).
 */
gboolean        ey_token_manager_add_card_type       (EyTokenManager      *self,
                                                      EyCardType          *card_type);
/* The path @name_or_path resolves to, or NULL when it is not installed. */
char           *ey_token_manager_find_module_path    (const char          *name_or_path);

/**
 * ey_token_manager_list_tokens_async:
 *
 * Lists the tokens present in all modules, each with its certificates read.
 * Finish returns (element-type EyToken) (transfer full) a GPtrArray, possibly
 * empty; an error only when no module at all could be loaded.
 */
void            ey_token_manager_list_tokens_async   (EyTokenManager      *self,
                                                      GCancellable        *cancellable,
                                                      GAsyncReadyCallback  callback,
                                                      gpointer             user_data);
GPtrArray      *ey_token_manager_list_tokens_finish  (EyTokenManager      *self,
                                                      GAsyncResult        *result,
                                                      GError             **error);
/* Blocking variant: worker threads, tests, benchmarks only. */
GPtrArray      *ey_token_manager_list_tokens         (EyTokenManager      *self,
                                                      GCancellable        *cancellable,
                                                      GError             **error);

/* Every certificate of @tokens in one array (element-type EyCertificate) (transfer
 * full), for ey_certificate_pick_signing(). */
GPtrArray      *ey_token_manager_collect_certificates (GPtrArray          *tokens);

G_END_DECLS
