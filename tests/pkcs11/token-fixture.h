/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "ey-signer.h"

G_BEGIN_DECLS

/* Takes the meson-given arguments (make-token script, PKI folder, quirky module)
 * off argv before g_test_init(). */
void        token_fixture_take_args      (int        *argc,
                                          char     ***argv);

/* A temporary folder with a private softhsm2.conf; SOFTHSM2_CONF is set for the
 * process.  Call before any PKCS#11 module is loaded. */
char       *token_fixture_setup          (void);
void        token_fixture_teardown       (char       *dir);
/* tests/pkcs11/make-token DIR LABEL PIN <pki>/NAME.p8 <pki>/NAME.pem ID */
void        token_fixture_make_token     (const char *dir,
                                          const char *label,
                                          const char *pin,
                                          const char *pki_name,
                                          const char *id);
char       *token_fixture_pki_file       (const char *name);

/* Runs the main context until *done or a 30 s safety timeout (which fails). */
void        token_fixture_wait           (gboolean   *done);

/* ey_signer_sign_async () of @data with a PIN of @pin_text (NULL: none), waited for;
 * the PIN is checked wiped, whatever happened.  Returns the CMS, or NULL and @error. */
GBytes     *token_fixture_sign           (EyCertificate *cert,
                                          GBytes        *data,
                                          const char    *pin_text,
                                          EySignFlags    flags,
                                          const char    *identity,
                                          GCancellable  *cancellable,
                                          GError       **error);
/* openssl cms -verify -cades and certtool --p7-verify against the test CA;
 * returns the encapsulated content openssl printed. */
GBytes     *token_fixture_verify_cms     (GBytes     *cms);
/* The same against another CA file. */
GBytes     *token_fixture_verify_cms_with_ca (GBytes     *cms,
                                              const char *ca_file);

G_END_DECLS
