/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "ey-default-database.h"

G_BEGIN_DECLS

/* Used only inside the layer (and its tests); other layers go through
 * ey_site_client_warm_tls (). */

void          _ey_default_database_install    (void);
GTlsDatabase *_ey_default_database_get_system (void);

G_END_DECLS
