/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "ey-core-types.h"

G_BEGIN_DECLS

/**
 * EySignData:
 *
 * The answer of the site's sign-data call (`eimza/veri.go`) once it has been
 * checked against what the site profile says the E-Onay text (purpose
 * "eonay") or the form and commitment (purpose "form") look like: its declared
 * type, its size, no control characters but line breaks, and the applicant's
 * identity number, name and the page's verification code in it.  Only an
 * #EySignData may reach the card: what the card signs is what the person saw.
 * Anything else fails with %EY_CORE_ERROR_NOT_SIGN_TEXT.
 *
 * Immutable and reference counted (a boxed type).
 */
typedef struct _EySignData EySignData;

#define EY_TYPE_SIGN_DATA (ey_sign_data_get_type ())

/* What the text must name, as the profile lists them in <sign-data><contains what=…/> */
typedef enum
{
  EY_SIGN_DATA_PART_IDENTITY          = 1 << 0,
  EY_SIGN_DATA_PART_NAME              = 1 << 1,
  EY_SIGN_DATA_PART_VERIFICATION_CODE = 1 << 2,
} EySignDataParts;

/* A profile's <sign-data purpose="…"> element (read by ey-site-profile.c). */
typedef struct
{
  char            *media_type;   /* "text/plain", lower case */
  char            *charset;      /* "UTF-8" (the only one accepted) */
  gsize            max_bytes;
  EySignDataParts  contains;
} EySignDataRule;

/* The applicant the text must name (any may be NULL when not known) */
typedef struct
{
  const char *identity;
  const char *name;
  const char *verification_code;
} EySignDataApplicant;

GType           ey_sign_data_get_type        (void) G_GNUC_CONST;

EySignData     *ey_sign_data_ref             (EySignData                *self);
void            ey_sign_data_unref           (EySignData                *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EySignData, ey_sign_data_unref)

G_END_DECLS
