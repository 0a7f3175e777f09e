/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ey-cli-roster"

#include "config.h"

#include <stdio.h>
#include <string.h>

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "ey-cli.h"
#include "ey-identity.h"
#include "ey-roster.h"

/* eimza-yenile-cli roster SUBCOMMAND: the officer's roster, the same file and
 * the same checks as the Colleagues view. */

/* Beyond the common codes (ey-cli.h): the colleague is not on the roster
 * (show, edit, remove) or already is (add). */
#define EXIT_NOT_ON_ROSTER 6

static const EyCliExitStatus roster_exit_statuses[] = {
  { EY_CLI_EXIT_OK, N_("done") },
  { EY_CLI_EXIT_FAILED, N_("the roster file cannot be read or written") },
  { EY_CLI_EXIT_USAGE, N_("wrong command line") },
  { EY_CLI_EXIT_INVALID, N_("a value is not valid, or an import refused rows (the good ones were written)") },
  { EXIT_NOT_ON_ROSTER, N_("the colleague is not on the roster (or, for add, already is)") },
};

static char *roster_path;
static gboolean json;

static void
member (JsonBuilder *b,
        const char  *name,
        const char  *value)
{
  json_builder_set_member_name (b, name);
  if (value != NULL)
    json_builder_add_string_value (b, value);
  else
    json_builder_add_null_value (b);
}

static void
colleague_json (JsonBuilder       *b,
                const EyColleague *c)
{
  int days = 0;

  json_builder_begin_object (b);
  member (b, "identity", c->identity);
  member (b, "name", c->full_name);
  member (b, "email", c->email);
  member (b, "phone", c->phone);
  member (b, "unit", c->institution);
  member (b, "title", c->title);
  member (b, "expires", c->expires);
  json_builder_set_member_name (b, "days_left");
  if (ey_colleague_days_left (c, NULL, &days))
    json_builder_add_int_value (b, days);
  else
    json_builder_add_null_value (b);
  member (b, "status", ey_roster_status_to_string (c->status));
  member (b, "application", c->application ? ey_roster_application_to_string (c->application)
                                           : NULL);
  member (b, "reader", c->reader_type);
  member (b, "card", c->card_type);
  member (b, "order", c->order);
  json_builder_set_member_name (b, "wet");
  json_builder_begin_object (b);
  for (guint i = 0; i < EY_ROSTER_N_WET_STEPS; i++)
    member (b, ey_roster_wet_step_to_string (i), c->wet[i]);
  json_builder_end_object (b);
  member (b, "notes", c->notes);
  member (b, "changed", c->changed);
  json_builder_end_object (b);
}

static char *
days_text (const EyColleague *c)
{
  int days = 0;

  if (!ey_colleague_days_left (c, NULL, &days))
    return g_strdup ("");
  if (days < 0)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "ended %d day ago", "ended %d days ago",
                                         -days), -days);
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d day left", "%d days left", days),
                          days);
}

static void
print_table (GPtrArray *list)
{
  for (guint i = 0; i < list->len; i++)
    {
      const EyColleague *c = g_ptr_array_index (list, i);
      g_autofree char *days = days_text (c);

      g_print ("%-11s  %-28s  %-20s  %-10s  %-18s  %s\n", c->identity, c->full_name,
               c->institution ? c->institution : "", c->expires ? c->expires : "", days,
               ey_roster_status_get_label (c->status));
    }
}

static int
parse (GOptionContext  *context,
       int             *argc,
       char          ***argv,
       int              n_args)
{
  g_autoptr(GError) error = NULL;

  if (!g_option_context_parse (context, argc, argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return EY_CLI_EXIT_USAGE;
    }
  if (n_args >= 0 && *argc != n_args + 1)
    {
      g_autofree char *help = g_option_context_get_help (context, TRUE, NULL);

      g_printerr ("%s", help);
      return EY_CLI_EXIT_USAGE;
    }
  return EY_CLI_EXIT_OK;
}

static int
fail (GError *error)
{
  g_printerr ("%s\n", error->message);
  if (error->domain == EY_ROSTER_ERROR)
    switch (error->code)
      {
      case EY_ROSTER_ERROR_NOT_FOUND: return EXIT_NOT_ON_ROSTER;
      case EY_ROSTER_ERROR_INVALID:
      case EY_ROSTER_ERROR_CSV:
      case EY_ROSTER_ERROR_XLSX:      return EY_CLI_EXIT_INVALID;
      default:                        break;
      }
  return EY_CLI_EXIT_FAILED;
}

/* ---- list, due ---- */

static int
list_filtered (EyRoster       *roster,
               EyRosterFilter  filter,
               const char     *search,
               int             months)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) all = ey_roster_list (roster, &error);
  g_autoptr(GPtrArray) shown = g_ptr_array_new ();
  GDate limit;

  if (all == NULL)
    return fail (error);
  g_date_clear (&limit, 1);
  g_date_set_time_t (&limit, time (NULL));
  if (months > 0)
    g_date_add_months (&limit, months);
  for (guint i = 0; i < all->len; i++)
    {
      EyColleague *c = g_ptr_array_index (all, i);

      if (!ey_colleague_matches_filter (c, filter, NULL))
        continue;
      if (months > 0)
        {
          int days = 0, horizon = 0;
          GDate today;

          g_date_clear (&today, 1);
          g_date_set_time_t (&today, time (NULL));
          horizon = g_date_days_between (&today, &limit);
          if (c->status == EY_ROSTER_STATUS_DONE || !ey_colleague_days_left (c, NULL, &days) ||
              days > horizon)
            continue;
        }
      if (search != NULL && !ey_colleague_matches_search (c, search))
        continue;
      g_ptr_array_add (shown, c);
    }

  if (json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();

      json_builder_begin_array (b);
      for (guint i = 0; i < shown->len; i++)
        colleague_json (b, g_ptr_array_index (shown, i));
      json_builder_end_array (b);
      ey_cli_print_json (b);
    }
  else
    print_table (shown);
  return EY_CLI_EXIT_OK;
}

static int
run_list (EyRoster  *roster,
          int        argc,
          char     **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (_("— list the colleagues"));
  g_autofree char *search = NULL;
  g_autofree char *filter_name = NULL;
  EyRosterFilter filter = EY_ROSTER_FILTER_ALL;
  const GOptionEntry entries[] = {
    { "search", 's', 0, G_OPTION_ARG_STRING, &search,
      N_("Only those whose name, identity number or unit contains TEXT"), N_("TEXT") },
    { "filter", 'f', 0, G_OPTION_ARG_STRING, &filter_name,
      N_("all, window (renewal window open), expired, wet (waiting for the wet form), applied, done or due"),
      N_("FILTER") },
    { NULL }
  };
  int rc;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if ((rc = parse (context, &argc, &argv, 0)) != EY_CLI_EXIT_OK)
    return rc;
  if (filter_name != NULL && !ey_roster_filter_from_string (filter_name, &filter))
    {
      g_printerr (_("Unknown filter “%s”.\n"), filter_name);
      return EY_CLI_EXIT_USAGE;
    }
  return list_filtered (roster, filter, search, 0);
}

static int
run_due (EyRoster  *roster,
         int        argc,
         char     **argv)
{
  g_autoptr(GOptionContext) context =
    g_option_context_new (_("— who must renew soon (or whose certificate has ended)"));
  int months = 3;
  const GOptionEntry entries[] = {
    { "months", 'm', 0, G_OPTION_ARG_INT, &months,
      N_("How far ahead to look (default 3 months)"), N_("N") },
    { NULL }
  };
  int rc;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if ((rc = parse (context, &argc, &argv, 0)) != EY_CLI_EXIT_OK)
    return rc;
  if (months < 1 || months > 120)
    {
      g_printerr ("%s\n", _("Give between 1 and 120 months."));
      return EY_CLI_EXIT_USAGE;
    }
  return list_filtered (roster, EY_ROSTER_FILTER_ALL, NULL, months);
}

/* ---- show ---- */

static int
run_show (EyRoster  *roster,
          int        argc,
          char     **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (_("ID — show one colleague and their history"));
  g_autoptr(GError) error = NULL;
  g_autoptr(EyColleague) c = NULL;
  g_autoptr(GPtrArray) history = NULL;
  g_autofree char *id = NULL;
  g_autofree char *days = NULL;
  int rc;

  if ((rc = parse (context, &argc, &argv, 1)) != EY_CLI_EXIT_OK)
    return rc;
  id = ey_identity_normalize (argv[1], NULL, NULL);
  c = ey_roster_lookup (roster, id ? id : argv[1], &error);
  if (c == NULL)
    return fail (error);
  history = ey_roster_history (roster, c->identity, &error);
  if (history == NULL)
    return fail (error);

  if (json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "colleague");
      colleague_json (b, c);
      json_builder_set_member_name (b, "history");
      json_builder_begin_array (b);
      for (guint i = 0; i < history->len; i++)
        {
          EyRosterEvent *e = g_ptr_array_index (history, i);

          json_builder_begin_object (b);
          member (b, "at", e->at);
          member (b, "field", e->field);
          member (b, "old", e->old_value);
          member (b, "new", e->new_value);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      json_builder_end_object (b);
      ey_cli_print_json (b);
      return EY_CLI_EXIT_OK;
    }

  days = days_text (c);
  g_print ("%-22s %s\n", _("Identity number:"), c->identity);
  g_print ("%-22s %s\n", _("Name:"), c->full_name);
  g_print ("%-22s %s\n", _("Institutional mail:"), c->email ? c->email : "—");
  {
    g_autofree char *phone = c->phone ? ey_phone_format (c->phone) : NULL;

    g_print ("%-22s %s\n", _("Mobile phone:"), phone ? phone : "—");
  }
  g_print ("%-22s %s\n", _("Unit:"), c->institution ? c->institution : "—");
  g_print ("%-22s %s\n", _("Title:"), c->title ? c->title : "—");
  g_print ("%-22s %s %s\n", _("Certificate ends:"), c->expires ? c->expires : "—", days);
  g_print ("%-22s %s\n", _("Status:"), ey_roster_status_get_label (c->status));
  g_print ("%-22s %s\n", _("Application:"), ey_roster_application_get_label (c->application));
  g_print ("%-22s %s\n", _("Card reader:"), c->reader_type ? c->reader_type : "—");
  g_print ("%-22s %s\n", _("Card:"), c->card_type ? c->card_type : "—");
  g_print ("%-22s %s\n", _("Application number:"), c->order ? c->order : "—");
  for (guint i = 0; i < EY_ROSTER_N_WET_STEPS; i++)
    g_print ("  [%s] %s%s%s\n", c->wet[i] ? "x" : " ", ey_roster_wet_step_get_label (i),
             c->wet[i] ? ", " : "", c->wet[i] ? c->wet[i] : "");
  if (c->notes != NULL)
    g_print ("%-22s %s\n", _("Notes:"), c->notes);
  g_print ("\n%s\n", _("History:"));
  for (guint i = 0; i < history->len; i++)
    {
      EyRosterEvent *e = g_ptr_array_index (history, i);
      g_autofree char *text = ey_roster_event_describe (e);

      g_print ("  %s  %s\n", e->at, text);
    }
  return EY_CLI_EXIT_OK;
}

/* ---- add, edit ---- */

typedef struct
{
  char *email, *phone, *unit, *title, *expires, *application, *reader, *card, *order, *notes,
       *status, *name;
  char **tick, **untick;
} Fields;

static void
fields_clear (Fields *f)
{
  g_free (f->email); g_free (f->phone); g_free (f->unit); g_free (f->title);
  g_free (f->expires); g_free (f->application); g_free (f->reader); g_free (f->card);
  g_free (f->order); g_free (f->notes); g_free (f->status); g_free (f->name);
  g_strfreev (f->tick); g_strfreev (f->untick);
}

static void
add_field_options (GOptionContext *context,
                   Fields         *f,
                   gboolean        edit)
{
  const GOptionEntry entries[] = {
    { "name", 0, 0, G_OPTION_ARG_STRING, &f->name, N_("Full name"), N_("NAME") },
    { "email", 0, 0, G_OPTION_ARG_STRING, &f->email, N_("Institutional mail address"), N_("MAIL") },
    { "phone", 0, 0, G_OPTION_ARG_STRING, &f->phone, N_("Mobile phone (5XX XXX XX XX)"), N_("PHONE") },
    { "unit", 0, 0, G_OPTION_ARG_STRING, &f->unit, N_("Unit or department"), N_("UNIT") },
    { "title", 0, 0, G_OPTION_ARG_STRING, &f->title, N_("Job title"), N_("TITLE") },
    { "expires", 0, 0, G_OPTION_ARG_STRING, &f->expires,
      N_("End date of the current certificate (YYYY-MM-DD or DD.MM.YYYY)"), N_("DATE") },
    { "application", 0, 0, G_OPTION_ARG_STRING, &f->application,
      N_("Application type: e-onay or wet"), N_("TYPE") },
    { "reader", 0, 0, G_OPTION_ARG_STRING, &f->reader, N_("Card reader model"), N_("READER") },
    { "card", 0, 0, G_OPTION_ARG_STRING, &f->card, N_("Card type"), N_("CARD") },
    { "order", 0, 0, G_OPTION_ARG_STRING, &f->order, N_("KamuSM application number"), N_("NUMBER") },
    { "notes", 0, 0, G_OPTION_ARG_STRING, &f->notes, N_("Notes"), N_("TEXT") },
    { "status", 0, 0, G_OPTION_ARG_STRING, &f->status,
      N_("pending, order-opened, applied or done"), N_("STATUS") },
    { "tick", 0, 0, G_OPTION_ARG_STRING_ARRAY, &f->tick,
      N_("Tick a step of the wet-form checklist: printed, signed, received, sent"), N_("STEP") },
    { "untick", 0, 0, G_OPTION_ARG_STRING_ARRAY, &f->untick,
      N_("Untick a step of the wet-form checklist"), N_("STEP") },
    { NULL }
  };

  g_option_context_add_main_entries (context, edit ? entries : entries + 1, GETTEXT_PACKAGE);
}

static gboolean
parse_step (const char      *text,
            EyRosterWetStep *step)
{
  for (guint i = 0; i < EY_ROSTER_N_WET_STEPS; i++)
    if (g_strcmp0 (text, ey_roster_wet_step_to_string (i)) == 0)
      {
        *step = i;
        return TRUE;
      }
  g_printerr (_("Unknown checklist step “%s”: use printed, signed, received or sent.\n"), text);
  return FALSE;
}

/* Fills @c from the options given; EY_CLI_EXIT_OK or a usage error. */
static int
apply_fields (Fields      *f,
              EyColleague *c)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  char **text_fields[][2] = {
    { &f->name, &c->full_name }, { &f->email, &c->email }, { &f->phone, &c->phone },
    { &f->unit, &c->institution }, { &f->title, &c->title }, { &f->reader, &c->reader_type },
    { &f->card, &c->card_type }, { &f->order, &c->order }, { &f->notes, &c->notes },
  };

  for (guint i = 0; i < G_N_ELEMENTS (text_fields); i++)
    if (*text_fields[i][0] != NULL)
      {
        g_free (*text_fields[i][1]);
        *text_fields[i][1] = g_strdup (*text_fields[i][0]);
      }
  if (f->expires != NULL)
    {
      int d, m, y;

      g_free (c->expires);
      if (sscanf (f->expires, "%2d.%2d.%4d", &d, &m, &y) == 3)
        c->expires = g_strdup_printf ("%04d-%02d-%02d", y, m, d);
      else
        c->expires = g_strdup (f->expires);
    }
  if (f->status != NULL && !ey_roster_status_from_string (f->status, &c->status))
    {
      g_printerr (_("Unknown status “%s”: use pending, order-opened, applied or done.\n"),
                  f->status);
      return EY_CLI_EXIT_USAGE;
    }
  if (f->application != NULL && !ey_roster_application_from_string (f->application,
                                                                    &c->application))
    {
      g_printerr (_("Unknown application type “%s”: use e-onay or wet.\n"), f->application);
      return EY_CLI_EXIT_USAGE;
    }
  for (guint i = 0; f->tick != NULL && f->tick[i] != NULL; i++)
    {
      EyRosterWetStep step;

      if (!parse_step (f->tick[i], &step))
        return EY_CLI_EXIT_USAGE;
      if (c->wet[step] == NULL)
        c->wet[step] = g_date_time_format (now, "%Y-%m-%d");
      if (c->application == EY_ROSTER_APPLICATION_UNKNOWN)
        c->application = EY_ROSTER_APPLICATION_WET;
    }
  for (guint i = 0; f->untick != NULL && f->untick[i] != NULL; i++)
    {
      EyRosterWetStep step;

      if (!parse_step (f->untick[i], &step))
        return EY_CLI_EXIT_USAGE;
      g_clear_pointer (&c->wet[step], g_free);
    }
  return EY_CLI_EXIT_OK;
}

static int
run_add (EyRoster  *roster,
         int        argc,
         char     **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (_("ID NAME — add a colleague"));
  g_autoptr(GError) error = NULL;
  g_autoptr(EyColleague) c = ey_colleague_new ();
  g_autoptr(EyColleague) existing = NULL;
  g_autofree char *id = NULL;
  Fields f = { 0 };
  int rc;

  add_field_options (context, &f, FALSE);
  if ((rc = parse (context, &argc, &argv, 2)) != EY_CLI_EXIT_OK)
    goto out;
  id = ey_identity_normalize (argv[1], NULL, &error);
  if (id == NULL)
    {
      g_printerr ("%s\n", error->message);
      rc = EY_CLI_EXIT_INVALID;
      goto out;
    }
  existing = ey_roster_lookup (roster, id, NULL);
  if (existing != NULL)
    {
      g_printerr (_("%s is already on the roster; change it with “roster edit”.\n"), id);
      rc = EXIT_NOT_ON_ROSTER;
      goto out;
    }
  c->identity = g_strdup (id);
  c->full_name = g_strdup (argv[2]);
  if ((rc = apply_fields (&f, c)) != EY_CLI_EXIT_OK)
    goto out;
  if (!ey_roster_save (roster, c, &error))
    rc = fail (error);
  else
    g_print (_("%s is on the roster.\n"), id);
out:
  fields_clear (&f);
  return rc;
}

static int
run_edit (EyRoster  *roster,
          int        argc,
          char     **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (_("ID — change a colleague"));
  g_autoptr(GError) error = NULL;
  g_autoptr(EyColleague) c = NULL;
  g_autofree char *id = NULL;
  Fields f = { 0 };
  int rc;

  add_field_options (context, &f, TRUE);
  if ((rc = parse (context, &argc, &argv, 1)) != EY_CLI_EXIT_OK)
    goto out;
  id = ey_identity_normalize (argv[1], NULL, NULL);
  c = ey_roster_lookup (roster, id ? id : argv[1], &error);
  if (c == NULL)
    {
      rc = fail (error);
      goto out;
    }
  if ((rc = apply_fields (&f, c)) != EY_CLI_EXIT_OK)
    goto out;
  if (!ey_roster_save (roster, c, &error))
    rc = fail (error);
  else
    g_print (_("%s is changed.\n"), c->identity);
out:
  fields_clear (&f);
  return rc;
}

/* ---- remove, prune ---- */

static int
run_remove (EyRoster  *roster,
            int        argc,
            char     **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (_("ID — remove a colleague and their history"));
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  int rc;

  if ((rc = parse (context, &argc, &argv, 1)) != EY_CLI_EXIT_OK)
    return rc;
  id = ey_identity_normalize (argv[1], NULL, NULL);
  if (!ey_roster_remove (roster, id ? id : argv[1], &error))
    return fail (error);
  g_print (_("%s is removed from the roster.\n"), id ? id : argv[1]);
  return EY_CLI_EXIT_OK;
}

static int
run_prune (EyRoster  *roster,
           int        argc,
           char     **argv)
{
  g_autoptr(GOptionContext) context =
    g_option_context_new (_("— remove colleagues who have been done for more than N months"));
  g_autoptr(GError) error = NULL;
  int months = 6;
  int removed;
  const GOptionEntry entries[] = {
    { "months", 'm', 0, G_OPTION_ARG_INT, &months, N_("N (default 6)"), N_("N") },
    { NULL }
  };
  int rc;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if ((rc = parse (context, &argc, &argv, 0)) != EY_CLI_EXIT_OK)
    return rc;
  if (months < 0)
    return EY_CLI_EXIT_USAGE;
  removed = ey_roster_remove_done_before (roster, months, &error);
  if (removed < 0)
    return fail (error);
  g_print (g_dngettext (GETTEXT_PACKAGE, "%d colleague removed.\n", "%d colleagues removed.\n",
                        removed), removed);
  return EY_CLI_EXIT_OK;
}

/* ---- import, export ---- */

static const char *
action_name (EyRosterImportAction action)
{
  switch (action)
    {
    case EY_ROSTER_IMPORT_ADD:       return "add";
    case EY_ROSTER_IMPORT_UPDATE:    return "update";
    case EY_ROSTER_IMPORT_UNCHANGED: return "unchanged";
    case EY_ROSTER_IMPORT_REFUSE:
    default:                         return "refuse";
    }
}

static const char *
action_label (EyRosterImportAction action)
{
  switch (action)
    {
    case EY_ROSTER_IMPORT_ADD:       return _("add");
    case EY_ROSTER_IMPORT_UPDATE:    return _("update");
    case EY_ROSTER_IMPORT_UNCHANGED: return _("unchanged");
    case EY_ROSTER_IMPORT_REFUSE:
    default:                         return _("refused");
    }
}

static int
run_import (EyRoster  *roster,
            int        argc,
            char     **argv)
{
  g_autoptr(GOptionContext) context =
    g_option_context_new (_("FILE — import colleagues from a CSV or XLSX file"));
  g_autoptr(GError) error = NULL;
  g_autoptr(EyRosterImport) import = NULL;
  g_autofree char *data = NULL;
  gsize length = 0;
  gboolean dry_run = FALSE;
  guint added = 0, updated = 0;
  const GOptionEntry entries[] = {
    { "dry-run", 'n', 0, G_OPTION_ARG_NONE, &dry_run,
      N_("Only show what would be added, updated or refused"), NULL },
    { NULL }
  };
  int rc;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if ((rc = parse (context, &argc, &argv, 1)) != EY_CLI_EXIT_OK)
    return rc;
  if (!g_file_get_contents (argv[1], &data, &length, &error))
    return fail (error);
  import = ey_roster_preview_bytes (roster, data, length, &error);
  if (import == NULL)
    return fail (error);
  if (!dry_run && !ey_roster_apply_import (roster, import, &added, &updated, &error))
    return fail (error);

  if (json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "written");
      json_builder_add_boolean_value (b, !dry_run);
      json_builder_set_member_name (b, "add");
      json_builder_add_int_value (b, import->n_add);
      json_builder_set_member_name (b, "update");
      json_builder_add_int_value (b, import->n_update);
      json_builder_set_member_name (b, "unchanged");
      json_builder_add_int_value (b, import->n_unchanged);
      json_builder_set_member_name (b, "refused");
      json_builder_add_int_value (b, import->n_refused);
      json_builder_set_member_name (b, "rows");
      json_builder_begin_array (b);
      for (guint i = 0; i < import->rows->len; i++)
        {
          EyRosterImportRow *row = g_ptr_array_index (import->rows, i);

          json_builder_begin_object (b);
          json_builder_set_member_name (b, "line");
          json_builder_add_int_value (b, row->line);
          member (b, "action", action_name (row->action));
          member (b, "identity", row->colleague ? row->colleague->identity : row->identity);
          member (b, "name", row->colleague ? row->colleague->full_name : row->full_name);
          member (b, "reason", row->reason);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      json_builder_end_object (b);
      ey_cli_print_json (b);
    }
  else
    {
      for (guint i = 0; i < import->rows->len; i++)
        {
          EyRosterImportRow *row = g_ptr_array_index (import->rows, i);

          /* Translators: a line of the import preview: line number, action, identity, name */
          g_print (_("line %u: %-9s %s %s"), row->line, action_label (row->action),
                   row->identity ? row->identity : "", row->full_name ? row->full_name : "");
          if (row->reason != NULL)
            g_print (" — %s", row->reason);
          g_print ("\n");
        }
      g_print (_("%u to add, %u to update, %u unchanged, %u refused.\n"), import->n_add,
               import->n_update, import->n_unchanged, import->n_refused);
      if (dry_run)
        g_print ("%s\n", _("Nothing was written (--dry-run)."));
      else
        g_print (_("Written: %u added, %u updated.\n"), added, updated);
    }
  return import->n_refused > 0 ? EY_CLI_EXIT_INVALID : EY_CLI_EXIT_OK;
}

static int
run_export (EyRoster  *roster,
            int        argc,
            char     **argv)
{
  g_autoptr(GOptionContext) context =
    g_option_context_new (_("FILE — export the roster as CSV or XLSX (“-”: CSV on standard output)"));
  g_autoptr(GError) error = NULL;
  g_autofree char *format = NULL;
  g_autofree char *separator = NULL;
  char sep;
  const GOptionEntry entries[] = {
    { "format", 0, 0, G_OPTION_ARG_STRING, &format,
      N_("csv or xlsx (default: from the file name)"), N_("FORMAT") },
    { "separator", 0, 0, G_OPTION_ARG_STRING, &separator,
      N_("CSV separator: “;” (default, as Excel in Turkish expects) or “,”"), N_("CHAR") },
    { NULL }
  };
  gboolean xlsx;
  int rc;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if ((rc = parse (context, &argc, &argv, 1)) != EY_CLI_EXIT_OK)
    return rc;
  if (format != NULL && strcmp (format, "csv") != 0 && strcmp (format, "xlsx") != 0)
    {
      g_printerr (_("Unknown format “%s”: use csv or xlsx.\n"), format);
      return EY_CLI_EXIT_USAGE;
    }
  if (separator != NULL && strcmp (separator, ";") != 0 && strcmp (separator, ",") != 0)
    {
      g_printerr ("%s\n", _("The separator is “;” or “,”."));
      return EY_CLI_EXIT_USAGE;
    }
  sep = separator ? separator[0] : ';';
  xlsx = format ? strcmp (format, "xlsx") == 0 : g_str_has_suffix (argv[1], ".xlsx");
  if (strcmp (argv[1], "-") == 0)
    {
      g_autofree char *csv = NULL;

      if (xlsx)
        {
          g_printerr ("%s\n", _("XLSX goes to a file, not to standard output."));
          return EY_CLI_EXIT_USAGE;
        }
      csv = ey_roster_export_csv (roster, sep, &error);
      if (csv == NULL)
        return fail (error);
      fputs (csv, stdout);
      return EY_CLI_EXIT_OK;
    }
  if (xlsx ? !ey_roster_export_xlsx_file (roster, argv[1], &error)
           : !ey_roster_export_csv_file (roster, argv[1], sep, &error))
    return fail (error);
  g_printerr (_("Written to %s (readable only by you: it holds identity numbers).\n"), argv[1]);
  return EY_CLI_EXIT_OK;
}

static const struct
{
  const char *name;
  const char *synopsis;
  const char *summary;
  int       (*run) (EyRoster *roster, int argc, char **argv);
} subcommands[] = {
  { "list", "[--search TEXT] [--filter FILTER]", N_("List the colleagues"), run_list },
  { "show", "ID", N_("Show one colleague, the wet-form checklist and the history"), run_show },
  { "add", "ID NAME [FIELD…]", N_("Add a colleague"), run_add },
  { "edit", "ID [FIELD…]", N_("Change a colleague (fields, status, checklist)"), run_edit },
  { "remove", "ID", N_("Remove a colleague and their history"), run_remove },
  { "import", "[--dry-run] FILE", N_("Import a CSV or XLSX file, showing each row's fate"), run_import },
  { "export", "FILE", N_("Export the roster as CSV or XLSX"), run_export },
  { "due", "[--months N]", N_("Who must renew in the next months (or already ended)"), run_due },
  { "prune", "[--months N]", N_("Remove colleagues done for more than N months"), run_prune },
};

static void
print_roster_help (void)
{
  g_autofree char *path = ey_roster_get_default_path ();

  g_print (_("Usage: %s roster [--roster FILE] [--json] SUBCOMMAND [OPTION…]\n"), "eimza-yenile-cli");
  g_print ("\n%s\n\n", _("The officer's roster of colleagues and their renewals."));
  for (guint i = 0; i < G_N_ELEMENTS (subcommands); i++)
    {
      /* Pad by characters, not bytes: "…" is three bytes. */
      int pad = 36 - (int)g_utf8_strlen (subcommands[i].synopsis, -1);

      g_print ("  %-8s %s%*s %s\n", subcommands[i].name, subcommands[i].synopsis, MAX (pad, 0), "",
               _(subcommands[i].summary));
    }
  g_print ("\n");
  g_print (_("The roster is %s (readable only by you). It never holds a password, SMS code, PIN or security word.\n"),
           path);
  ey_cli_print_exit_statuses (roster_exit_statuses, G_N_ELEMENTS (roster_exit_statuses));
}

int
ey_cli_roster (int    argc,
               char **argv)
{
  g_autoptr(EyRoster) roster = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  int first = 1;

  roster_path = NULL;
  json = FALSE;
  /* --roster and --json may come before or after the subcommand. */
  for (int i = 1; i < argc; i++)
    {
      if (strcmp (argv[i], "--json") == 0)
        json = TRUE;
      else if (strcmp (argv[i], "--roster") == 0 && i + 1 < argc)
        roster_path = argv[++i];
      else if (g_str_has_prefix (argv[i], "--roster="))
        roster_path = argv[i] + strlen ("--roster=");
    }
  {
    /* Rebuild argv without --json / --roster X. */
    GPtrArray *rest = g_ptr_array_new ();

    for (int i = 0; i < argc; i++)
      {
        if (strcmp (argv[i], "--json") == 0 || g_str_has_prefix (argv[i], "--roster="))
          continue;
        if (strcmp (argv[i], "--roster") == 0 && i + 1 < argc)
          {
            i++;
            continue;
          }
        g_ptr_array_add (rest, argv[i]);
      }
    argc = rest->len;
    for (int i = 0; i < argc; i++)
      argv[i] = g_ptr_array_index (rest, i);
    argv[argc] = NULL;
    g_ptr_array_free (rest, TRUE);
  }

  if (argc <= first || strcmp (argv[first], "--help") == 0 || strcmp (argv[first], "-h") == 0 ||
      strcmp (argv[first], "help") == 0)
    {
      print_roster_help ();
      return argc <= first ? EY_CLI_EXIT_USAGE : EY_CLI_EXIT_OK;
    }

  for (guint i = 0; i < G_N_ELEMENTS (subcommands); i++)
    if (strcmp (argv[first], subcommands[i].name) == 0)
      {
        g_autofree char *prog = g_strdup_printf ("roster %s", subcommands[i].name);

        path = roster_path ? g_strdup (roster_path) : ey_roster_get_default_path ();
        roster = ey_roster_open (path, &error);
        if (roster == NULL)
          {
            g_printerr ("%s\n", error->message);
            return EY_CLI_EXIT_FAILED;
          }
        g_set_prgname (prog);
        return subcommands[i].run (roster, argc - first, argv + first);
      }
  g_printerr (_("Unknown roster command “%s”.\n"), argv[first]);
  print_roster_help ();
  return EY_CLI_EXIT_USAGE;
}
