/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The core layer's object and boxed types, declared ahead: a header that only
 * names one in a signature includes this instead of the header that defines it,
 * so the layer's headers do not pull each other in. */

typedef struct _EyEmail EyEmail;
typedef struct _EyForm EyForm;
typedef struct _EyFormData EyFormData;
typedef struct _EyDefaultDatabase EyDefaultDatabase;
typedef struct _EyPinnedDatabase EyPinnedDatabase;
typedef struct _EyRecovery EyRecovery;
typedef struct _EyReminder EyReminder;
typedef struct _EySession EySession;
typedef struct _EySignData EySignData;
typedef struct _EySiteClient EySiteClient;
typedef struct _EySitePage EySitePage;
typedef struct _EySiteProfile EySiteProfile;

G_END_DECLS
