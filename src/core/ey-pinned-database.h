/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define EY_TYPE_PINNED_DATABASE (ey_pinned_database_get_type ())

G_DECLARE_FINAL_TYPE (EyPinnedDatabase, ey_pinned_database, EY, PINNED_DATABASE, GTlsDatabase)

G_END_DECLS
