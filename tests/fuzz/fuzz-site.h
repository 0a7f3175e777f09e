/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* The harnesses that read site pages (page, form): both built-in site profiles, the
 * default and the alternative, loaded once. */

#include "fuzz-common.h"
#include "ey-site-profile-private.h"

static EySiteProfile *fuzz_site_profiles[2];

static inline void
fuzz_site_init (void)
{
  fuzz_init_once ();
  if (fuzz_site_profiles[0] != NULL)
    return;
  fuzz_site_profiles[0] = ey_site_profile_new_default (NULL);
  fuzz_site_profiles[1] = ey_site_profile_new_from_resource (EY_SITE_PROFILE_ALT_RESOURCE, NULL);
  g_assert (fuzz_site_profiles[0] != NULL && fuzz_site_profiles[1] != NULL);
}
