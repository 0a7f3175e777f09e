/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "ey-doctor-finding.h"

G_BEGIN_DECLS

/* Finding ids, in the order ey_doctor_run_async() reports them.  Stable strings:
 * the CLI's --json output and the UI's icons key on them. */
#define EY_DOCTOR_CHECK_PCSCD_INSTALLED "pcscd-installed"
#define EY_DOCTOR_CHECK_PCSCD_RUNNING   "pcscd-running"
#define EY_DOCTOR_CHECK_CCID_DRIVER     "ccid-driver"
#define EY_DOCTOR_CHECK_READER          "reader"
#define EY_DOCTOR_CHECK_CARD            "card"
#define EY_DOCTOR_CHECK_PKCS11_MODULE   "pkcs11-module"
#define EY_DOCTOR_CHECK_P11KIT          "p11-kit"
#define EY_DOCTOR_CHECK_CERTIFICATE     "certificate"
#define EY_DOCTOR_CHECK_TLS_TRUST       "tls-trust"
#define EY_DOCTOR_CHECK_TLS_BACKEND     "tls-backend"
#define EY_DOCTOR_CHECK_SITE_PROFILE    "site-profile"

#define EY_TYPE_DOCTOR (ey_doctor_get_type ())
G_DECLARE_FINAL_TYPE (EyDoctor, ey_doctor, EY, DOCTOR, GObject)

/**
 * ey_doctor_new:
 *
 * The first-run checks: is this machine ready to renew a certificate with a card?
 * Each run is independent; one EyDoctor may run again (e.g. after the user fixed
 * something).
 */
EyDoctor       *ey_doctor_new         (void);

/**
 * ey_doctor_run_async:
 *
 * Runs every check in a worker thread (PC/SC and PKCS#11 calls block) and
 * completes on the caller's thread-default main context.
 */
void            ey_doctor_run_async   (EyDoctor            *self,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data);

/**
 * ey_doctor_run_finish:
 *
 * Returns: (transfer full): a #GListModel of #EyDoctorFinding, one per check id
 * above, in that order; %NULL only when cancelled.
 */
GListModel     *ey_doctor_run_finish  (EyDoctor            *self,
                                       GAsyncResult        *result,
                                       GError             **error);

/* The worst status in @findings (OK for an empty list). */
EyDoctorStatus  ey_doctor_worst_status (GListModel         *findings);

G_END_DECLS
