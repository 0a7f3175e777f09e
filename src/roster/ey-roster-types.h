/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The roster layer's object types, declared ahead: a header that only names
 * one in a signature includes this instead of the header that defines it. */

typedef struct _EyRoster EyRoster;
typedef struct _EyRosterEntry EyRosterEntry;
typedef struct _EyRosterModel EyRosterModel;

G_END_DECLS
