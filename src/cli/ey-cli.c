/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ey-cli"

#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <string.h>
#include <glib/gi18n.h>

#include "ey-cli.h"
#include "ey-token-layer.h"

/* The commands, one file each (ey-cli-NAME.c). Add a row to add one. */
static const EyCliCommand commands[] = {
  { "parse-email", "[--json] < MAIL",
    N_("Read a pasted KamuSM mail from standard input and show what it says"),
    ey_cli_parse_email },
  { "check-id", "[--json] ID",
    N_("Check a T.C. Kimlik No or passport number"),
    ey_cli_check_id },
  { "renew", "[OPTION…]",
    N_("Renew the e-signature certificate at the KamuSM site, step by step"),
    ey_cli_renew },
  { "doctor", "[--json]",
    N_("Check that this computer is ready for the renewal"),
    ey_cli_doctor },
  { "cards", "[--json]",
    N_("List card readers, cards, tokens and certificates"),
    ey_cli_cards },
  { "roster", "SUBCOMMAND [--json]",
    N_("The officer's roster: list, show, add, edit, remove, import, export, due"),
    ey_cli_roster },
  { "pending", "list|forget ID",
    N_("Applications signed but not yet at KamuSM: list them, or forget one"),
    ey_cli_pending },
};

static const EyCliExitStatus exit_statuses[] = {
  { EY_CLI_EXIT_OK, N_("done: the site confirmed the application, or the input is valid") },
  { EY_CLI_EXIT_FAILED, N_("an unexpected failure") },
  { EY_CLI_EXIT_USAGE, N_("wrong command line") },
  { EY_CLI_EXIT_INVALID, N_("the mail or the identity number is not valid") },
  { EY_CLI_EXIT_SITE, N_("the site, the network or the secure connection failed; nothing was submitted") },
  { EY_CLI_EXIT_NOT_SUBMITTED, N_("the renewal cannot go on (no open order, signature refused …)") },
  { EY_CLI_EXIT_CANCELLED, N_("stopped by the user (Ctrl+C or end of input)") },
};

static void
print_help (void)
{
  g_print (_("Usage: %s COMMAND [OPTION…]\n"), "eimza-yenile-cli");
  g_print ("\n%s\n\n", _("Renews a qualified e-signature certificate at KamuSM from the terminal."));
  g_print ("%s\n", _("Commands:"));
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    g_print ("  %-12s %-18s %s\n", commands[i].name, commands[i].synopsis, _(commands[i].summary));
  g_print ("\n%s\n", _("Run “eimza-yenile-cli COMMAND --help” for the options of a command."));
  ey_cli_print_exit_statuses (exit_statuses, G_N_ELEMENTS (exit_statuses));
  g_print ("%s\n", _("“pending forget” exits 2 when no pending application has that ID, and 130 "
                     "when its confirmation is answered no (nothing is forgotten)."));
}

void
ey_cli_print_exit_statuses (const EyCliExitStatus *statuses,
                            gsize                  n_statuses)
{
  int width = 0;

  for (gsize i = 0; i < n_statuses; i++)
    width = MAX (width, snprintf (NULL, 0, "%d", statuses[i].code));
  g_print ("\n%s\n", _("Exit status:"));
  for (gsize i = 0; i < n_statuses; i++)
    g_print ("  %-*d  %s\n", width, statuses[i].code, _(statuses[i].text));
}

int
ey_cli_main (int    argc,
             char **argv)
{
  ey_cli_harden_process ();
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  if (argc < 2 || strcmp (argv[1], "--help") == 0 || strcmp (argv[1], "-h") == 0 ||
      strcmp (argv[1], "help") == 0)
    {
      print_help ();
      return argc < 2 ? EY_CLI_EXIT_USAGE : EY_CLI_EXIT_OK;
    }
  if (strcmp (argv[1], "--version") == 0)
    {
      g_print ("eimza-yenile-cli %s\n", PACKAGE_VERSION);
      return EY_CLI_EXIT_OK;
    }

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (strcmp (argv[1], commands[i].name) == 0)
      {
        int status = commands[i].run (argc - 1, argv + 1);

        /* Every command: PKCS#11 modules are finalized here, on the main thread once the
         * workers have let go, never by a worker racing exit (). */
        ey_token_layer_shutdown ();
        return status;
      }

  g_printerr (_("Unknown command “%s”.\n"), argv[1]);
  print_help ();
  return EY_CLI_EXIT_USAGE;
}

void
ey_cli_print_json (JsonBuilder *builder)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = json_builder_get_root (builder);
  g_autofree char *text = NULL;

  json_generator_set_pretty (generator, TRUE);
  json_generator_set_root (generator, root);
  text = json_generator_to_data (generator, NULL);
  fputs (text, stdout);
  fputc ('\n', stdout);
  fflush (stdout);
}

gboolean
ey_cli_parse_json_only (int         *argc,
                        char      ***argv,
                        const char  *summary,
                        const char  *json_help,
                        gboolean    *json)
{
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(GError) error = NULL;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, json, json_help, NULL },
    { NULL }
  };

  g_option_context_set_summary (context, summary);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, argc, argv, &error) || *argc != 1)
    {
      g_printerr ("%s\n", error ? error->message : _("This command takes no arguments."));
      return FALSE;
    }
  return TRUE;
}
