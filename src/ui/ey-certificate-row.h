/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "ey-certificate.h"

G_BEGIN_DECLS

#define EY_TYPE_CERTIFICATE_ROW (ey_certificate_row_get_type ())
G_DECLARE_FINAL_TYPE (EyCertificateRow, ey_certificate_row, EY, CERTIFICATE_ROW, AdwActionRow)

/* A certificate to choose: holder, issuer, validity; refused certificates stay listed,
 * insensitive, with the reason. @group: a row whose radio button this one joins. */
GtkWidget     *ey_certificate_row_new             (EyCertificate    *certificate,
                                                   const char       *identity,
                                                   EyCertificateRow *group);
EyCertificate *ey_certificate_row_get_certificate (EyCertificateRow *self);
gboolean       ey_certificate_row_get_usable      (EyCertificateRow *self);
gboolean       ey_certificate_row_get_selected    (EyCertificateRow *self);
void           ey_certificate_row_set_selected    (EyCertificateRow *self,
                                                   gboolean          selected);
GtkCheckButton *ey_certificate_row_get_check      (EyCertificateRow *self);

G_END_DECLS
