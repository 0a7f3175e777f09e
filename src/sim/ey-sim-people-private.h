/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ey-sim-people-private.h: what only the simulator asks of its applicants */
#pragma once

#include "ey-sim-people.h"

G_BEGIN_DECLS

EySimOrder  *ey_sim_person_find_order   (EySimPerson  *person,
                                         guint         number);

G_END_DECLS
