/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ey-cli-sign"

#include "config.h"

#include <glib/gi18n.h>

#include "ey-cli.h"
#include "ey-cli-renew.h"

GOptionGroup *
ey_cli_renew_signer_options (Renew *r)
{
  GOptionGroup *group;
  GOptionEntry entries[] = {
    { "signature-command", 0, 0, G_OPTION_ARG_STRING, &r->signature_command,
      N_("Sign with this shell command instead of the card: it reads the data on standard "
         "input and writes DER CMS SignedData on standard output"), N_("COMMAND") },
    { NULL }
  };

  group = g_option_group_new ("signing", _("Signing:"), _("Show the signing options"), NULL, NULL);
  g_option_group_add_entries (group, entries);
  g_option_group_set_translation_domain (group, GETTEXT_PACKAGE);
  return group;
}

gboolean
ey_cli_renew_signer_check (Renew   *r,
                           GError **error)
{
  return TRUE;
}

static GBytes *
sign_with_command (Renew   *r,
                   GBytes  *data,
                   GError **error)
{
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GBytes) out = NULL;

  proc = g_subprocess_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE,
                           error, "/bin/sh", "-c", r->signature_command, NULL);
  if (proc == NULL)
    return NULL;
  if (!g_subprocess_communicate (proc, data, NULL, &out, NULL, error))
    return NULL;
  if (!g_subprocess_get_successful (proc) || out == NULL || g_bytes_get_size (out) == 0)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                           _("The signature command failed."));
      return NULL;
    }
  return g_steal_pointer (&out);
}

GBytes *
ey_cli_renew_sign (Renew   *r,
                   GBytes  *data,
                   GError **error)
{
  if (r->signature_command)
    return sign_with_command (r, data, error);
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                       _("No signer: give --signature-command."));
  return NULL;
}

void
ey_cli_renew_signer_clear (Renew *r)
{
  g_clear_pointer (&r->signature_command, g_free);
  g_clear_pointer (&r->module, g_free);
  g_clear_pointer (&r->certificate_choice, g_free);
}
