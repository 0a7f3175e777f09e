/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "ey-doctor.h"

G_BEGIN_DECLS

/* Files the checks look at; tests point them elsewhere to model a machine that
 * lacks them. */
typedef enum
{
  EY_DOCTOR_PATH_PCSCD,        /* /usr/sbin/pcscd */
  EY_DOCTOR_PATH_CCID_DRIVER,  /* /usr/lib/pcsc/drivers/ifd-ccid.bundle */
  EY_DOCTOR_PATH_CA_BUNDLE,    /* /etc/ssl/certs/ca-certificates.crt */
  EY_DOCTOR_N_PATHS
} EyDoctorPath;

void _ey_doctor_set_path (EyDoctor     *self,
                          EyDoctorPath  which,
                          const char   *path);

/* The moment the renewal window is measured from (default: the real time of the run). */
void _ey_doctor_set_now  (EyDoctor     *self,
                          GDateTime    *now);

G_END_DECLS
