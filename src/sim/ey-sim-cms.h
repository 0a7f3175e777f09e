/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ey-sim-cms.h: verification of uploaded CAdES-BES signatures (the token tests check their signatures with it) */
#pragma once

#include <glib.h>
#include <gnutls/x509.h>

G_BEGIN_DECLS

typedef enum
{
  EY_SIM_CMS_OK,
  EY_SIM_CMS_BAD_SIGNATURE,    /* IMZA_GECERSIZ */
  EY_SIM_CMS_CERT_NOT_VALID,   /* SERTIFIKA_GECERSIZ */
  EY_SIM_CMS_UNTRUSTED,        /* SERTIFIKA_GUVENILMEZ */
  EY_SIM_CMS_WRONG_PERSON,     /* KIMLIK_UYUSMUYOR */
  EY_SIM_CMS_MISSING_ATTR,     /* IMZA_OZNITELIK_EKSIK */
} EySimCmsResult;

/* Checks, in this order: DER CMS SignedData; encapsulated content equals @content;
 * signed attributes content-type, message-digest, signing-time and
 * signing-certificate-v2 (matching the signer's SHA-256) present; signature valid;
 * signer certificate valid at @now; chains to @trust; subject serialNumber equals
 * @identity.  @detail (may be NULL) receives an English line for the log. */
EySimCmsResult  ey_sim_cms_verify         (GBytes                  *signature,
                                           GBytes                  *content,
                                           gnutls_x509_trust_list_t trust,
                                           const char              *identity,
                                           gint64                   now,
                                           char                   **detail);

G_END_DECLS
