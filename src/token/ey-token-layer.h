/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * ey_token_layer_shutdown:
 *
 * Ends the token layer for this process: waits until every token-layer worker
 * (token listing, token refresh, signing, PC/SC snapshot) has left its PKCS#11 or
 * PC/SC calls, then finalizes each PKCS#11 module this process loaded, once, on the
 * calling thread, and unloads it.
 *
 * Call it on the main thread before the process exits (the CLI after its command,
 * the GUI in GApplication::shutdown), after stopping any EyCardMonitor.  Modules are
 * never finalized anywhere else: dropping the last reference to a token manager, a
 * token or a certificate, on whatever thread, never calls into a module.  Without
 * this call modules stay initialized until exit, where a vendor module's C_Finalize
 * racing exit() on a worker thread used to crash.
 *
 * Later token-layer calls fail with G_IO_ERROR_CANCELLED.  Calling it again does
 * nothing.
 */
void     ey_token_layer_shutdown      (void);

/* TRUE once ey_token_layer_shutdown() has begun. */
gboolean ey_token_layer_is_shut_down  (void);

G_END_DECLS
