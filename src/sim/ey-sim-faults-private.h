/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ey-sim-faults-private.h: fault switches (internal) */
#pragma once

#include "ey-sim-server.h"

G_BEGIN_DECLS

typedef struct _EySimFaults EySimFaults;

EySimFaults    *ey_sim_faults_new            (void);
void            ey_sim_faults_free           (EySimFaults    *faults);
void            ey_sim_faults_add            (EySimFaults    *faults,
                                              EySimFaultKind  kind,
                                              const char     *page,
                                              guint           count);
void            ey_sim_faults_clear          (EySimFaults    *faults);
/* The fault that hits a request for @page (relative path), using up one of its hits. */
EySimFaultKind  ey_sim_faults_take           (EySimFaults    *faults,
                                              const char     *page);
const char     *ey_sim_fault_kind_to_string  (EySimFaultKind  kind);
EySimFaultKind  ey_sim_fault_kind_from_string (const char    *name);
gboolean        ey_sim_fault_parse_spec      (const char     *spec,
                                              EySimFaultKind *kind,
                                              char          **page,
                                              guint          *count,
                                              GError        **error);

G_END_DECLS
