/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define EY_TYPE_DEFAULT_DATABASE (ey_default_database_get_type ())

G_DECLARE_FINAL_TYPE (EyDefaultDatabase, ey_default_database, EY, DEFAULT_DATABASE, GTlsDatabase)

G_END_DECLS
