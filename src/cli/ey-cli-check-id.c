/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ey-cli-check-id"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "ey-cli.h"
#include "ey-identity.h"

int
ey_cli_check_id (int    argc,
                 char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *normalized = NULL;
  gboolean json = FALSE;
  EyIdentityKind kind = EY_IDENTITY_KIND_INVALID;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print the result as JSON"), NULL },
    { NULL }
  };

  context = g_option_context_new (_("ID — check a T.C. Kimlik No or passport number"));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error) || argc != 2)
    {
      g_printerr ("%s\n", error ? error->message : _("Give exactly one identity number."));
      return EY_CLI_EXIT_USAGE;
    }

  normalized = ey_identity_normalize (argv[1], &kind, &error);
  if (json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "valid");
      json_builder_add_boolean_value (b, normalized != NULL);
      json_builder_set_member_name (b, "kind");
      json_builder_add_string_value (b, kind == EY_IDENTITY_KIND_TCKN ? "tckn"
                                        : kind == EY_IDENTITY_KIND_PASSPORT ? "passport" : "invalid");
      json_builder_set_member_name (b, "normalized");
      if (normalized)
        json_builder_add_string_value (b, normalized);
      else
        json_builder_add_null_value (b);
      json_builder_set_member_name (b, "error");
      if (error)
        json_builder_add_string_value (b, error->message);
      else
        json_builder_add_null_value (b);
      json_builder_end_object (b);
      ey_cli_print_json (b);
    }
  else if (normalized)
    g_print (kind == EY_IDENTITY_KIND_TCKN ? _("%s is a valid T.C. Kimlik No.\n")
                                           : _("%s is a plausible passport number.\n"),
             normalized);
  else
    g_print ("%s\n", error->message);

  return normalized ? EY_CLI_EXIT_OK : EY_CLI_EXIT_INVALID;
}
