/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ey-cli-parse-email"

#include "config.h"

#include <stdio.h>
#include <string.h>
#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "ey-cli.h"
#include "ey-email.h"

static void
add_string (JsonBuilder *b,
            const char  *name,
            const char  *value)
{
  json_builder_set_member_name (b, name);
  if (value)
    json_builder_add_string_value (b, value);
  else
    json_builder_add_null_value (b);
}

static GString *
read_stdin (void)
{
  GString *text = g_string_new (NULL);
  char buf[4096];
  size_t n;

  while ((n = fread (buf, 1, sizeof buf, stdin)) > 0)
    g_string_append_len (text, buf, n);
  /* the pasted mail holds the access password */
  explicit_bzero (buf, sizeof buf);
  return text;
}

int
ey_cli_parse_email (int    argc,
                    char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(EyEmail) mail = NULL;
  const char * const *warnings;
  const char *password;
  gboolean json = FALSE;
  GString *text;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print the result as JSON"), NULL },
    { NULL }
  };

  context = g_option_context_new (_("— read a pasted KamuSM mail from standard input"));
  g_option_context_set_description (context,
    _("The access password is a secret: it is never printed, only whether it was found."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error) || argc != 1)
    {
      g_printerr ("%s\n", error ? error->message : _("This command takes no arguments."));
      return EY_CLI_EXIT_USAGE;
    }

  text = read_stdin ();
  mail = ey_email_parse (text->str, text->len);
  explicit_bzero (text->str, text->allocated_len);
  g_string_free (text, TRUE);

  warnings = ey_email_get_warnings (mail);
  password = ey_email_get_password (mail);

  if (json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();

      json_builder_begin_object (b);
      add_string (b, "name", ey_email_get_full_name (mail));
      add_string (b, "institution", ey_email_get_institution (mail));
      json_builder_set_member_name (b, "password_found");
      json_builder_add_boolean_value (b, password != NULL);
      json_builder_set_member_name (b, "password_length");
      json_builder_add_int_value (b, password ? (gint64) g_utf8_strlen (password, -1) : 0);
      add_string (b, "link", ey_email_get_link (mail));
      add_string (b, "untrusted_link", ey_email_get_untrusted_link (mail));
      add_string (b, "sender", ey_email_get_sender (mail));
      json_builder_set_member_name (b, "usable");
      json_builder_add_boolean_value (b, ey_email_is_usable (mail));
      json_builder_set_member_name (b, "warnings");
      json_builder_begin_array (b);
      for (guint i = 0; warnings[i]; i++)
        json_builder_add_string_value (b, warnings[i]);
      json_builder_end_array (b);
      json_builder_end_object (b);
      ey_cli_print_json (b);
    }
  else
    {
      const char *none = _("(not found)");

      g_print ("%-14s %s\n", _("Name:"), ey_email_get_full_name (mail) ? ey_email_get_full_name (mail) : none);
      g_print ("%-14s %s\n", _("Institution:"),
               ey_email_get_institution (mail) ? ey_email_get_institution (mail) : none);
      if (password)
        {
          g_autofree char *found = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                                 "found (%d character, not shown)",
                                                                 "found (%d characters, not shown)",
                                                                 g_utf8_strlen (password, -1)),
                                                    (int) g_utf8_strlen (password, -1));
          g_print ("%-14s %s\n", _("Password:"), found);
        }
      else
        g_print ("%-14s %s\n", _("Password:"), none);
      g_print ("%-14s %s\n", _("Link:"), ey_email_get_link (mail) ? ey_email_get_link (mail) : none);
      for (guint i = 0; warnings[i]; i++)
        g_print ("%s %s\n", _("Warning:"), warnings[i]);
      g_print ("%s\n", ey_email_is_usable (mail)
               ? _("The mail can be used to renew.")
               : _("The mail cannot be used to renew."));
    }

  return ey_email_is_usable (mail) ? EY_CLI_EXIT_OK : EY_CLI_EXIT_INVALID;
}
