/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ey-cli-doctor"

#include "config.h"

#include <stdio.h>

#include <json-glib/json-glib.h>

#include <glib/gi18n.h>

#include "ey-cli.h"
#include "ey-doctor.h"

static void
print_json (GListModel *findings)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  guint n = g_list_model_get_n_items (findings);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "status");
  json_builder_add_string_value (builder,
                                 ey_doctor_status_to_string (ey_doctor_worst_status (findings)));
  json_builder_set_member_name (builder, "findings");
  json_builder_begin_array (builder);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(EyDoctorFinding) finding = g_list_model_get_item (findings, i);
      const char *detail = ey_doctor_finding_get_detail (finding);
      const char *fix = ey_doctor_finding_get_fix (finding);
      EyDoctorStatus status = ey_doctor_finding_get_status (finding);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "id");
      json_builder_add_string_value (builder, ey_doctor_finding_get_id (finding));
      json_builder_set_member_name (builder, "status");
      json_builder_add_string_value (builder, ey_doctor_status_to_string (status));
      json_builder_set_member_name (builder, "summary");
      json_builder_add_string_value (builder, ey_doctor_finding_get_summary (finding));
      json_builder_set_member_name (builder, "detail");
      if (detail != NULL)
        json_builder_add_string_value (builder, detail);
      else
        json_builder_add_null_value (builder);
      json_builder_set_member_name (builder, "fix");
      if (fix != NULL)
        json_builder_add_string_value (builder, fix);
      else
        json_builder_add_null_value (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  ey_cli_print_json (builder);
}

static void
print_text (GListModel *findings)
{
  guint n = g_list_model_get_n_items (findings);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(EyDoctorFinding) finding = g_list_model_get_item (findings, i);
      const char *detail = ey_doctor_finding_get_detail (finding);
      const char *fix = ey_doctor_finding_get_fix (finding);
      const char *mark;

      switch (ey_doctor_finding_get_status (finding))
        {
        case EY_DOCTOR_STATUS_OK:
          mark = "✓";
          break;
        case EY_DOCTOR_STATUS_WARN:
          mark = "!";
          break;
        case EY_DOCTOR_STATUS_FAIL:
        default:
          mark = "✗";
          break;
        }

      g_print ("%s %s\n", mark, ey_doctor_finding_get_summary (finding));
      if (detail != NULL && ey_doctor_finding_get_status (finding) != EY_DOCTOR_STATUS_OK)
        g_print ("    %s\n", detail);
      if (fix != NULL)
        /* Translators: shown before the command that fixes a problem. */
        g_print ("    %s $ %s\n", _("Fix:"), fix);
    }

  switch (ey_doctor_worst_status (findings))
    {
    case EY_DOCTOR_STATUS_OK:
      g_print ("\n%s\n", _("This computer is ready for the renewal."));
      break;
    case EY_DOCTOR_STATUS_WARN:
      g_print ("\n%s\n", _("This computer can be used for the renewal; see the notes above."));
      break;
    case EY_DOCTOR_STATUS_FAIL:
    default:
      g_print ("\n%s\n", _("Fix the problems marked ✗ before the renewal."));
      break;
    }
}

int
ey_cli_doctor (int    argc,
               char **argv)
{
  g_autoptr(EyDoctor) doctor = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GListModel) findings = NULL;
  g_autoptr(GError) error = NULL;
  gboolean json = FALSE;

  if (!ey_cli_parse_json_only (&argc, &argv,
                               _("Checks that this computer is ready to renew an e-signature "
                                 "certificate: smart card service, card reader, card driver, "
                                 "certificate and secure connections. Exits with 1 when a "
                                 "check fails."),
                               N_("Print the findings as JSON"), &json))
    return EY_CLI_EXIT_USAGE;

  /* The checks run in a worker thread; PC/SC and PKCS#11 calls may block. */
  doctor = ey_doctor_new ();
  ey_doctor_run_async (doctor, NULL, ey_cli_store_result_cb, &result);
  findings = ey_doctor_run_finish (doctor, ey_cli_wait (&result), &error);
  if (findings == NULL)
    {
      g_printerr ("%s\n", error->message);
      return EY_CLI_EXIT_FAILED;
    }

  if (json)
    print_json (findings);
  else
    print_text (findings);

  return ey_doctor_worst_status (findings) == EY_DOCTOR_STATUS_FAIL ? EY_CLI_EXIT_FAILED
                                                                    : EY_CLI_EXIT_OK;
}
