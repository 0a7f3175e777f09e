/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "ey-signer.h"

G_BEGIN_DECLS

/* Used only inside the layer (and its tests); other layers go through
 * ey-signer.h. */

/* Blocking variant: worker threads, tests and benchmarks only. */
GBytes *ey_signer_sign        (EyCertificate       *certificate,
                               GBytes              *data,
                               EyPin               *pin,
                               EySignFlags          flags,
                               const char          *expected_identity,
                               GCancellable        *cancellable,
                               GError             **error);

G_END_DECLS
