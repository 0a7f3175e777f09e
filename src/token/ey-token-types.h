/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The token layer's object and boxed types, declared ahead: a header that only
 * names one in a signature includes this instead of the header that defines it,
 * so the layer's headers do not pull each other in. */

typedef struct _EyCardDb EyCardDb;
typedef struct _EyCardMonitor EyCardMonitor;
typedef struct _EyCardReader EyCardReader;
typedef struct _EyCardType EyCardType;
typedef struct _EyCertificate EyCertificate;
typedef struct _EyDemoToken EyDemoToken;
typedef struct _EyPin EyPin;
typedef struct _EyToken EyToken;
typedef struct _EyTokenManager EyTokenManager;

G_END_DECLS
