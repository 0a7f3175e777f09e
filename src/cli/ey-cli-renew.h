/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "ey-session.h"
#include "ey-site-profile.h"

G_BEGIN_DECLS

/* State of one `renew` run, shared by ey-cli-renew.c and the signer part
 * (ey-cli-sign.c). */
typedef struct
{
  EySiteProfile   *profile;
  EySiteClient    *client;
  EySession       *session;
  char            *tmpdir;          /* private (0700): the CAPTCHA picture */
  char            *identity;
  char            *password;        /* secret */
  char            *sms_code;        /* secret */
  char            *captcha_text;
  char            *choice;          /* the order chosen */
  char            *pdf_out;
  char            *report_dir;      /* --report-dir: where a report for IT goes */
  GBytes          *cms;
  EySessionMethod  method;
  gboolean         wet;
  gboolean         form_asked;

  /* signer (ey-cli-sign.c) */
  char            *module;
  char            *certificate_choice;
  gpointer         signer_state;
} Renew;

GOptionGroup *ey_cli_renew_signer_options (Renew   *r);
gboolean      ey_cli_renew_signer_check   (Renew   *r,
                                           GError **error);
/* Signs @data (the site's text) and returns DER CMS, asking what it needs
 * (certificate, PIN) on the terminal. */
GBytes       *ey_cli_renew_sign           (Renew   *r,
                                           GBytes  *data,
                                           GError **error);
void          ey_cli_renew_signer_clear   (Renew   *r);

G_END_DECLS
