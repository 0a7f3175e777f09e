/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "ey-doctor-enums.h"

G_BEGIN_DECLS

/**
 * EyDoctorStatus:
 * @EY_DOCTOR_STATUS_OK: the check passed
 * @EY_DOCTOR_STATUS_WARN: the renewal may still work, but something needs attention
 * @EY_DOCTOR_STATUS_FAIL: the renewal cannot work until this is fixed
 *
 * Ordered by severity, so the worst of several findings is the largest value.
 */
typedef enum
{
  EY_DOCTOR_STATUS_OK,
  EY_DOCTOR_STATUS_WARN,
  EY_DOCTOR_STATUS_FAIL,
} EyDoctorStatus;

/* "ok", "warn" or "fail": stable, for --json and scripts; never translated. */
const char *ey_doctor_status_to_string (EyDoctorStatus status);

#define EY_TYPE_DOCTOR_FINDING (ey_doctor_finding_get_type ())
G_DECLARE_FINAL_TYPE (EyDoctorFinding, ey_doctor_finding, EY, DOCTOR_FINDING, GObject)

/* Read-only properties (all bindable from a .ui list item): "id", "status",
 * "summary", "detail", "fix". */
EyDoctorFinding *ey_doctor_finding_new        (const char      *id,
                                               EyDoctorStatus   status,
                                               const char      *summary,
                                               const char      *detail,
                                               const char      *fix);
const char      *ey_doctor_finding_get_id      (EyDoctorFinding *self);
EyDoctorStatus   ey_doctor_finding_get_status  (EyDoctorFinding *self);
const char      *ey_doctor_finding_get_summary (EyDoctorFinding *self);
const char      *ey_doctor_finding_get_detail  (EyDoctorFinding *self);
const char      *ey_doctor_finding_get_fix     (EyDoctorFinding *self);

G_END_DECLS
