/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ey-cli-pending"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "ey-cli.h"
#include "ey-recovery.h"

/* The notes of applications signed but not confirmed (see ey-recovery.h):
 * `pending list` shows them, `pending forget ID` removes one after saying
 * what that costs. Neither touches the site. */

static const char *
path_label (const char *nick)
{
  if (g_strcmp0 (nick, "esigned") == 0)
    return _("E-İmzalı");
  return _("E-Onay");
}

static void
print_json (const char *mode,
            GPtrArray  *notes)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "mode");
  json_builder_add_string_value (b, mode);
  json_builder_set_member_name (b, "pending");
  json_builder_begin_array (b);
  for (guint i = 0; i < notes->len; i++)
    {
      EyRecovery *note = g_ptr_array_index (notes, i);
      g_autofree char *id = ey_recovery_get_id (note);
      g_autofree char *created = g_date_time_format_iso8601 (ey_recovery_get_created (note));

      /* No identity number: the note holds only its keyed hash, which stays in the file */
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "id");
      json_builder_add_string_value (b, id);
      json_builder_set_member_name (b, "name");
      json_builder_add_string_value (b, ey_recovery_get_display_name (note));
      json_builder_set_member_name (b, "order");
      json_builder_add_string_value (b, ey_recovery_get_order_id (note));
      json_builder_set_member_name (b, "path");
      json_builder_add_string_value (b, ey_recovery_get_path_nick (note));
      json_builder_set_member_name (b, "signed");
      json_builder_add_string_value (b, created);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
  ey_cli_print_json (b);
}

static void
print_text (gboolean   demo,
            GPtrArray *notes)
{
  if (notes->len == 0)
    {
      g_print ("%s\n", demo ? _("No pending application of the demo or simulator.")
                            : _("No pending application."));
      return;
    }
  g_print ("%s\n\n", _("Signed, but NOT yet at KamuSM (the next “eimza-yenile-cli renew” or "
                       "e-İmza Yenile finishes each after that person signs in):"));
  for (guint i = 0; i < notes->len; i++)
    {
      EyRecovery *note = g_ptr_array_index (notes, i);
      g_autofree char *id = ey_recovery_get_id (note);
      g_autofree char *when = g_date_time_format (ey_recovery_get_created (note), "%Y-%m-%d %H:%M");
      const char *name = ey_recovery_get_display_name (note);

      g_print ("  %s\n", id);
      /* TRANSLATORS: NAME, signed on DATE UTC, PATH (E-Onay or E-İmzalı) */
      g_print ("    ");
      g_print (_("%s, signed on %s UTC, %s"), *name ? name : "?", when,
               path_label (ey_recovery_get_path_nick (note)));
      g_print ("\n");
    }
}

static EyRecovery *
find_note (GPtrArray  *notes,
           const char *id)
{
  for (guint i = 0; i < notes->len; i++)
    {
      EyRecovery *note = g_ptr_array_index (notes, i);
      g_autofree char *its = ey_recovery_get_id (note);

      if (g_strcmp0 (its, id) == 0)
        return note;
    }
  return NULL;
}

static int
forget (GPtrArray  *notes,
        const char *id,
        gboolean    yes)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *question = NULL;
  EyRecovery *note = find_note (notes, id);
  const char *name;

  if (note == NULL)
    {
      g_printerr (_("There is no pending application “%s”. See “eimza-yenile-cli pending list”.\n"),
                  id);
      return EY_CLI_EXIT_USAGE;
    }
  name = ey_recovery_get_display_name (note);
  if (!yes)
    {
      int answer;

      g_print (_("The application of %s has NOT reached KamuSM. Forgetting it means this program "
                 "will no longer finish it: you will have to sign in, go through the form and the "
                 "SMS code, and sign again with your card.\n"), *name ? name : "?");
      answer = ey_cli_ask_yes_no (_("Forget it?"), FALSE);
      if (answer != TRUE)
        {
          g_print ("%s\n", _("Kept. Nothing was forgotten."));
          return EY_CLI_EXIT_CANCELLED;
        }
    }
  if (!ey_recovery_clear (ey_recovery_get_file (note), &error))
    {
      g_printerr ("%s\n", error->message);
      return EY_CLI_EXIT_FAILED;
    }
  g_print (_("Forgotten: the application of %s will not be finished by this program.\n"),
           *name ? name : "?");
  return EY_CLI_EXIT_OK;
}

int
ey_cli_pending (int    argc,
                char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) notes = NULL;
  g_autofree char *dir = NULL;
  gboolean json = FALSE, demo = FALSE, yes = FALSE;
  const char *sub;
  const GOptionEntry entries[] = {
    { "demo", 0, 0, G_OPTION_ARG_NONE, &demo,
      N_("The applications of the demo and the simulator (“renew --site-url”), not the real site's"),
      NULL },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("list: print them as JSON"), NULL },
    { "yes", 'y', 0, G_OPTION_ARG_NONE, &yes, N_("forget: do not ask for a confirmation"), NULL },
    { NULL }
  };

  context = g_option_context_new (_("list | forget ID — applications signed but not yet at KamuSM"));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_description (context,
    _("Exit status: 0 done (also when nothing is pending); 1 the note could not be removed; "
      "2 wrong command line or no pending application with that ID; 130 the confirmation was "
      "answered no (or the input ended): nothing was forgotten. See docs/cli.md."));
  if (!g_option_context_parse (context, &argc, &argv, &error) || argc < 2)
    {
      g_printerr ("%s\n", error ? error->message : _("Say “list” or “forget ID”."));
      return EY_CLI_EXIT_USAGE;
    }
  sub = argv[1];
  if (!((strcmp (sub, "list") == 0 && argc == 2) || (strcmp (sub, "forget") == 0 && argc == 3)))
    {
      g_printerr ("%s\n", _("Say “list” or “forget ID”."));
      return EY_CLI_EXIT_USAGE;
    }

  dir = ey_recovery_default_dir (demo ? "demo" : "real");
  if (!demo && !ey_recovery_migrate_legacy (dir, &error))
    {
      g_debug ("old pending note not moved: %s", error->message);
      g_clear_error (&error);
    }
  notes = ey_recovery_list (dir);
  if (strcmp (sub, "forget") == 0)
    return forget (notes, argv[2], yes);
  if (json)
    print_json (demo ? "demo" : "real", notes);
  else
    print_text (demo, notes);
  return EY_CLI_EXIT_OK;
}
