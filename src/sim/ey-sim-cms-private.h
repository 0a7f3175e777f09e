/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ey-sim-cms-private.h: how the simulated site words a refusal (internal) */
#pragma once

#include "ey-sim-cms.h"

G_BEGIN_DECLS

const char     *ey_sim_cms_result_code    (EySimCmsResult          result);
const char     *ey_sim_cms_result_message (EySimCmsResult          result);

G_END_DECLS
