/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The simulator's types, declared ahead: a header that only names one in a
 * signature includes this instead of the header that defines it. */

typedef struct _EySimServer EySimServer;
typedef struct _EySimPeople EySimPeople;
typedef struct _EySimPerson EySimPerson;
typedef struct _EySimOrder EySimOrder;

G_END_DECLS
