/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ey-sim-cert-private.h: the simulator's TLS certificate (internal) */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* A fresh self-signed ECDSA P-256 certificate for 127.0.0.1 and localhost; PEM. */
gboolean ey_sim_cert_generate    (char      **cert_pem,
                                  char      **key_pem,
                                  GError    **error);
/* "sha256:AB:CD:…" of the first certificate in @cert_pem */
char    *ey_sim_cert_fingerprint (const char *cert_pem,
                                  GError    **error);

G_END_DECLS
