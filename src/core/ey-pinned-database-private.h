/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "ey-pinned-database.h"

G_BEGIN_DECLS

/* Used only inside the layer (and its tests); other layers go through
 * ey-pinned-database.h. */

/**
 * ey_pinned_database_new:
 * @certificate: the one server certificate to accept
 *
 * A TLS database that trusts exactly @certificate and nothing else, not even
 * what the system trusts: for the simulator and the demo, whose certificate
 * is made at start and handed over in memory.
 */
GTlsDatabase *ey_pinned_database_new (GTlsCertificate *certificate);

G_END_DECLS
