/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ey-sim-names-private.h: paths, field names, ids and classes of the two site variants */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  EY_SIM_PAGE_LOGIN,
  EY_SIM_PAGE_CAPTCHA,
  EY_SIM_PAGE_FORGOT,
  EY_SIM_PAGE_ORDERS,
  EY_SIM_PAGE_FORM,
  EY_SIM_PAGE_SMS,
  EY_SIM_PAGE_SMS_CODE,
  EY_SIM_PAGE_EONAY,
  EY_SIM_PAGE_CONSENT,
  EY_SIM_PAGE_EONAY_SIGN,
  EY_SIM_PAGE_METHOD,
  EY_SIM_PAGE_EIMZALI,
  EY_SIM_PAGE_ISLAK,
  EY_SIM_PAGE_RESULT,
  EY_SIM_PAGE_LOGOUT,
  EY_SIM_PAGE_PDF,
  EY_SIM_PAGE_JNLP,
  EY_SIM_PAGE_SIGN_DATA,
  EY_SIM_PAGE_SIGN_UPLOAD,
  EY_SIM_N_PAGES
} EySimPage;

typedef enum
{
  EY_SIM_F_TOKEN,
  EY_SIM_F_CAPTCHA,
  EY_SIM_F_IDENTITY,
  EY_SIM_F_PASSWORD,
  EY_SIM_F_ORDER,
  EY_SIM_F_NAME,
  EY_SIM_F_SURNAME,
  EY_SIM_F_BIRTH,
  EY_SIM_F_INSTITUTION,
  EY_SIM_F_PHONE,
  EY_SIM_F_EMAIL,
  EY_SIM_F_ADDRESS,
  EY_SIM_F_CITY,
  EY_SIM_F_DISTRICT,
  EY_SIM_F_POSTAL,
  EY_SIM_F_WORD,
  EY_SIM_F_WORD2,
  EY_SIM_F_TITLE,
  EY_SIM_F_SMS_CODE,
  EY_SIM_F_EONAY,
  EY_SIM_F_CONSENT,
  EY_SIM_F_METHOD,
  EY_SIM_F_CODE,
  EY_SIM_F_SIGNATURE,
  EY_SIM_N_FIELDS
} EySimField;

typedef enum
{
  EY_SIM_METHOD_EONAYLI,
  EY_SIM_METHOD_EIMZALI,
  EY_SIM_METHOD_ISLAK,
  EY_SIM_N_METHODS
} EySimMethod;

typedef struct
{
  const char *variant;
  const char *prefix;                     /* "/bs/" */
  const char *page[EY_SIM_N_PAGES];
  const char *field[EY_SIM_N_FIELDS];
  const char *eonay_yes, *eonay_no;
  const char *method[EY_SIM_N_METHODS];
  const char *id_phone, *id_remaining, *id_code, *id_continue, *id_pdf, *id_orders;
  const char *cls_error, *cls_info, *cls_ok, *cls_warn, *cls_field_error, *attr_field;
} EySimNames;

/* NULL for an unknown variant */
const EySimNames *ey_sim_names_get         (const char       *variant);
/* The page whose path is @rel (relative to the prefix), or EY_SIM_N_PAGES. */
EySimPage         ey_sim_names_find_page   (const EySimNames *names,
                                            const char       *rel);
/* The internal method names used in the log: "eonayli", "eimzali", "islak". */
const char       *ey_sim_method_log_name   (EySimMethod       method);

G_END_DECLS
