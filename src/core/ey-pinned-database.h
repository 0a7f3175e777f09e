/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define EY_TYPE_PINNED_DATABASE (ey_pinned_database_get_type ())

G_DECLARE_FINAL_TYPE (EyPinnedDatabase, ey_pinned_database, EY, PINNED_DATABASE, GTlsDatabase)

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
