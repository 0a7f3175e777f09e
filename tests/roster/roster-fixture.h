/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "ey-roster.h"
#include "ey-roster-private.h"

/* A roster in a fresh private folder, removed afterwards. */
typedef struct
{
  char     *dir;
  char     *path;
  EyRoster *roster;
} Fixture;

void fixture_set_up    (Fixture       *f,
                        gconstpointer  data);
void fixture_tear_down (Fixture       *f,
                        gconstpointer  data);
void fixture_add       (Fixture       *f,
                        const char    *identity,
                        const char    *name,
                        const char    *expires);
guint file_mode        (const char    *path);
