/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ey-officer-print"

#include "config.h"

#include <glib/gi18n.h>

#include "ey-officer-format.h"
#include "ey-officer-print-private.h"
#include "ey-ui-format.h"

static char *export_filename;   /* tests: print into this PDF, no dialog */

void
_ey_officer_print_set_export_filename (const char *path)
{
  g_free (export_filename);
  export_filename = g_strdup (path);
}

typedef struct
{
  GPtrArray *lines;
  char      *title;
  int        per_page;
} Job;

static void
job_free (Job *job)
{
  g_ptr_array_unref (job->lines);
  g_free (job->title);
  g_free (job);
}

GPtrArray *
ey_officer_due_lines (EyRoster  *roster,
                      GError   **error)
{
  g_autoptr(GPtrArray) list = ey_roster_list (roster, error);
  GPtrArray *lines;

  if (list == NULL)
    return NULL;
  lines = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < list->len; i++)
    {
      const EyColleague *c = g_ptr_array_index (list, i);
      g_autofree char *masked = NULL;
      g_autofree char *end = NULL;
      int days = 0;

      if (!ey_colleague_matches_filter (c, EY_ROSTER_FILTER_DUE, NULL))
        continue;
      end = ey_officer_format_day (c->expires);
      ey_colleague_days_left (c, NULL, &days);
      masked = ey_colleague_mask_identity (c->identity);
      /* Translators: a line of the printed due list: name, unit, masked identity
       * number, end date, days left, status */
      g_ptr_array_add (lines, g_strdup_printf (_("%s\t%s\t%s\t%s (%d days)\t%s"), c->full_name,
                                               c->institution ? c->institution : "",
                                               masked, end ? end : "", days,
                                               ey_roster_status_get_label (c->status)));
    }
  return lines;
}

GPtrArray *
ey_officer_cover_lines (EyRoster  *roster,
                        GError   **error)
{
  g_autoptr(GPtrArray) list = ey_roster_list (roster, error);
  GPtrArray *lines;
  guint n = 0;

  if (list == NULL)
    return NULL;
  lines = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < list->len; i++)
    {
      const EyColleague *c = g_ptr_array_index (list, i);

      /* In the officer's hands, signed, not yet sent: what goes into the envelope. */
      if (c->wet[EY_ROSTER_WET_SIGNED] == NULL || c->wet[EY_ROSTER_WET_RECEIVED] == NULL ||
          c->wet[EY_ROSTER_WET_SENT] != NULL || c->status == EY_ROSTER_STATUS_DONE)
        continue;
      /* Translators: a line of the cover list sent with the wet-signed forms: number,
       * name, identity number, unit, application number */
      g_ptr_array_add (lines, g_strdup_printf (_("%u.\t%s\t%s\t%s\t%s"), ++n, c->full_name,
                                               c->identity,
                                               c->institution ? c->institution : "",
                                               c->order ? c->order : ""));
    }
  return lines;
}

static PangoLayout *
layout_for (GtkPrintContext *context,
            const char      *text,
            double           size)
{
  PangoLayout *layout = gtk_print_context_create_pango_layout (context);
  PangoFontDescription *font = pango_font_description_from_string ("Sans");
  PangoTabArray *tabs = pango_tab_array_new (5, FALSE);
  double width = gtk_print_context_get_width (context);

  pango_font_description_set_size (font, size * PANGO_SCALE);
  pango_layout_set_font_description (layout, font);
  pango_font_description_free (font);
  for (int i = 0; i < 5; i++)
    pango_tab_array_set_tab (tabs, i, PANGO_TAB_LEFT, (int)(width * (0.30 + 0.16 * i) * PANGO_SCALE));
  pango_layout_set_tabs (layout, tabs);
  pango_tab_array_free (tabs);
  pango_layout_set_width (layout, (int)(width * PANGO_SCALE));
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  pango_layout_set_text (layout, text, -1);
  return layout;
}

static void
begin_print_cb (GtkPrintOperation *op,
                GtkPrintContext   *context,
                Job               *job)
{
  double height = gtk_print_context_get_height (context);

  job->per_page = MAX (1, (int)((height - 60) / 16));
  gtk_print_operation_set_n_pages (op, MAX (1, ((int)job->lines->len + job->per_page - 1) /
                                               job->per_page));
}

static void
draw_page_cb (GtkPrintOperation *op,
              GtkPrintContext   *context,
              int                page,
              Job               *job)
{
  cairo_t *cr = gtk_print_context_get_cairo_context (context);
  g_autoptr(PangoLayout) title = layout_for (context, job->title, 14);
  double y = 40;

  cairo_move_to (cr, 0, 0);
  pango_cairo_show_layout (cr, title);
  if (job->lines->len == 0)
    {
      g_autoptr(PangoLayout) none = layout_for (context, _("Nobody is due."), 10);

      cairo_move_to (cr, 0, y);
      pango_cairo_show_layout (cr, none);
      return;
    }
  for (int i = page * job->per_page; i < (int)job->lines->len && i < (page + 1) * job->per_page; i++)
    {
      g_autoptr(PangoLayout) line = layout_for (context, g_ptr_array_index (job->lines, i), 9);

      cairo_move_to (cr, 0, y);
      pango_cairo_show_layout (cr, line);
      y += 16;
    }
}

static void
print_lines (GtkWindow  *parent,
             GPtrArray  *lines,
             const char *title,
             const char *job_name)
{
  GtkPrintOperation *op = gtk_print_operation_new ();
  g_autoptr(GError) error = NULL;
  Job *job = g_new0 (Job, 1);

  job->lines = lines;
  job->title = g_strdup (title);
  gtk_print_operation_set_job_name (op, job_name);
  g_signal_connect (op, "begin-print", G_CALLBACK (begin_print_cb), job);
  g_signal_connect (op, "draw-page", G_CALLBACK (draw_page_cb), job);
  g_object_set_data_full (G_OBJECT (op), "ey-job", job, (GDestroyNotify)job_free);
  /* The dialog must not block the main loop: the operation lives until "done". */
  gtk_print_operation_set_allow_async (op, TRUE);
  g_signal_connect (op, "done", G_CALLBACK (g_object_unref), NULL);
  if (gtk_print_operation_run (op, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG, parent, &error) ==
      GTK_PRINT_OPERATION_RESULT_ERROR)
    g_warning ("Printing failed: %s", error->message);
}

void
ey_officer_print_due (GtkWindow *parent,
                      EyRoster  *roster)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *date = ey_ui_format_date (now);
  g_autofree char *title = NULL;
  GPtrArray *lines = ey_officer_due_lines (roster, NULL);

  if (lines == NULL)
    lines = g_ptr_array_new_with_free_func (g_free);
  /* Translators: the title of the printed list; %s is today's date */
  title = g_strdup_printf (_("Due for renewal in the next 3 months — %s"), date);
  print_lines (parent, lines, title, _("Due for renewal"));
}

void
ey_officer_print_cover (GtkWindow *parent,
                        EyRoster  *roster)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *date = ey_ui_format_date (now);
  g_autofree char *title = NULL;
  GPtrArray *lines = ey_officer_cover_lines (roster, NULL);

  if (lines == NULL)
    lines = g_ptr_array_new_with_free_func (g_free);
  /* Translators: the title of the cover list sent to KamuSM with the signed forms */
  title = g_strdup_printf (_("Wet-signed application forms sent to KamuSM — %s"), date);
  print_lines (parent, lines, title, _("Cover list"));
}

/* ---- several colleagues' wet forms and the cover list, one job ---- */

typedef struct
{
  GPtrArray *colleagues;   /* EyColleague */
  GPtrArray *cover;        /* utf8 */
  char      *date;
  gboolean   demo;
  int        per_page;
} FormsJob;

static void
forms_job_free (FormsJob *job)
{
  g_ptr_array_unref (job->colleagues);
  g_ptr_array_unref (job->cover);
  g_free (job->date);
  g_free (job);
}

GPtrArray *
ey_officer_waiting_wet (EyRoster  *roster,
                        GError   **error)
{
  g_autoptr(GPtrArray) list = ey_roster_list (roster, error);
  GPtrArray *identities;

  if (list == NULL)
    return NULL;
  identities = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < list->len; i++)
    {
      const EyColleague *c = g_ptr_array_index (list, i);

      if (ey_colleague_matches_filter (c, EY_ROSTER_FILTER_WAITING_WET, NULL))
        g_ptr_array_add (identities, g_strdup (c->identity));
    }
  return identities;
}

/* Wrapped text, as wide as the page. */
static double
show_text (GtkPrintContext *context,
           double           y,
           const char      *text,
           double           size,
           gboolean         bold)
{
  cairo_t *cr = gtk_print_context_get_cairo_context (context);
  g_autoptr(PangoLayout) layout = layout_for (context, text, size);
  int height = 0;

  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_NONE);
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  if (bold)
    {
      PangoFontDescription *font = pango_font_description_copy (pango_layout_get_font_description (layout));

      pango_font_description_set_weight (font, PANGO_WEIGHT_BOLD);
      pango_layout_set_font_description (layout, font);
      pango_font_description_free (font);
    }
  cairo_move_to (cr, 0, y);
  pango_cairo_show_layout (cr, layout);
  pango_layout_get_pixel_size (layout, NULL, &height);
  return y + height;
}

static double
show_demo_mark (GtkPrintContext *context,
                FormsJob        *job,
                double           y)
{
  /* Paper from the demo must never pass for a real form. */
  if (!job->demo)
    return y;
  return show_text (context, y, _("DEMO — not valid at KamuSM. Practice only."), 14, TRUE) + 8;
}

static void
forms_begin_print_cb (GtkPrintOperation *op,
                      GtkPrintContext   *context,
                      FormsJob          *job)
{
  double height = gtk_print_context_get_height (context);
  int cover_pages;

  job->per_page = MAX (1, (int)((height - 120) / 16));
  cover_pages = MAX (1, ((int)job->cover->len + job->per_page - 1) / job->per_page);
  gtk_print_operation_set_n_pages (op, (int)job->colleagues->len + cover_pages);
}

static void
draw_form (GtkPrintContext   *context,
           FormsJob          *job,
           const EyColleague *c)
{
  cairo_t *cr = gtk_print_context_get_cairo_context (context);
  double width = gtk_print_context_get_width (context);
  g_autofree char *end = ey_officer_format_day (c->expires);
  struct { const char *label; const char *value; } fields[] = {
    { N_("Name"), c->full_name },
    { N_("Identity number"), c->identity },
    { N_("Title"), c->title },
    { N_("Unit"), c->institution },
    { N_("Mail"), c->email },
    { N_("Mobile phone"), c->phone },
    { N_("Order number"), c->order },
    { N_("Certificate ends"), end },
  };
  double y = show_demo_mark (context, job, 0);

  y = show_text (context, y, _("Qualified e-signature certificate renewal — application form "
                               "for a wet signature"), 14, TRUE) + 12;
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      /* Translators: a line of a colleague's printed form: field name and value */
      g_autofree char *line = g_strdup_printf (_("%s:\t%s"), _(fields[i].label),
                                               fields[i].value && *fields[i].value
                                               ? fields[i].value : "—");

      y = show_text (context, y, line, 10, FALSE) + 4;
    }
  y += 12;
  y = show_text (context, y, _("I apply for the renewal of my qualified electronic certificate "
                               "with the details above. Sign with a blue pen and give this "
                               "form to your e-signature officer, who sends it to KamuSM."),
                 10, FALSE) + 24;
  y = show_text (context, y, _("Date and signature (blue pen):"), 10, FALSE) + 8;
  cairo_set_line_width (cr, 1);
  cairo_rectangle (cr, 0, y, width * 0.6, 80);
  cairo_stroke (cr);
  y += 96;
  /* Translators: at the foot of a printed form; %s is the date it was printed */
  {
    g_autofree char *foot = g_strdup_printf (_("Printed by the e-signature officer on %s."),
                                             job->date);

    show_text (context, y, foot, 8, FALSE);
  }
}

static void
forms_draw_page_cb (GtkPrintOperation *op,
                    GtkPrintContext   *context,
                    int                page,
                    FormsJob          *job)
{
  g_autofree char *title = NULL;
  double y;
  int first;

  if (page < (int)job->colleagues->len)
    {
      draw_form (context, job, g_ptr_array_index (job->colleagues, page));
      return;
    }
  first = (page - (int)job->colleagues->len) * job->per_page;
  y = show_demo_mark (context, job, 0);
  /* Translators: the title of the cover list sent to KamuSM with the signed forms */
  title = g_strdup_printf (_("Wet-signed application forms sent to KamuSM — %s"), job->date);
  y = show_text (context, y, title, 14, TRUE) + 12;
  for (int i = first; i < (int)job->cover->len && i < first + job->per_page; i++)
    {
      cairo_t *cr = gtk_print_context_get_cairo_context (context);
      g_autoptr(PangoLayout) line = layout_for (context, g_ptr_array_index (job->cover, i), 9);

      cairo_move_to (cr, 0, y);
      pango_cairo_show_layout (cr, line);
      y += 16;
    }
}

static GtkPrintOperation *
forms_operation_new (EyRoster            *roster,
                     const char * const  *identities,
                     gboolean             demo,
                     GError             **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  GtkPrintOperation *op;
  FormsJob *job;

  if (identities == NULL || identities[0] == NULL)
    {
      g_set_error_literal (error, EY_ROSTER_ERROR, EY_ROSTER_ERROR_NOT_FOUND,
                           _("Nobody is waiting for a wet-signed form."));
      return NULL;
    }
  job = g_new0 (FormsJob, 1);
  job->colleagues = g_ptr_array_new_with_free_func ((GDestroyNotify)ey_colleague_free);
  job->cover = g_ptr_array_new_with_free_func (g_free);
  job->date = ey_ui_format_date (now);
  job->demo = demo;
  for (guint i = 0; identities[i] != NULL; i++)
    {
      EyColleague *c = ey_roster_lookup (roster, identities[i], error);

      if (c == NULL)
        {
          forms_job_free (job);
          return NULL;
        }
      g_ptr_array_add (job->colleagues, c);
      /* Translators: a line of the cover list sent with the wet-signed forms: number,
       * name, identity number, unit, application number */
      g_ptr_array_add (job->cover, g_strdup_printf (_("%u.\t%s\t%s\t%s\t%s"), i + 1, c->full_name,
                                                    c->identity,
                                                    c->institution ? c->institution : "",
                                                    c->order ? c->order : ""));
    }
  op = gtk_print_operation_new ();
  gtk_print_operation_set_job_name (op, _("Application forms"));
  gtk_print_operation_set_unit (op, GTK_UNIT_POINTS);
  g_signal_connect (op, "begin-print", G_CALLBACK (forms_begin_print_cb), job);
  g_signal_connect (op, "draw-page", G_CALLBACK (forms_draw_page_cb), job);
  g_object_set_data_full (G_OBJECT (op), "ey-forms-job", job, (GDestroyNotify)forms_job_free);
  return op;
}

/* The checklist's first box: the forms are on paper (or in a PDF to print). */
static void
mark_printed (EyRoster           *roster,
              const char * const *identities)
{
  for (guint i = 0; identities[i] != NULL; i++)
    {
      g_autoptr(EyColleague) c = ey_roster_lookup (roster, identities[i], NULL);
      g_autoptr(GError) error = NULL;

      if (c != NULL && c->wet[EY_ROSTER_WET_PRINTED] == NULL &&
          !ey_roster_set_wet_step (roster, identities[i], EY_ROSTER_WET_PRINTED, TRUE, &error))
        g_warning ("%s", error->message);
    }
}

gboolean
ey_officer_export_forms_pdf (EyRoster            *roster,
                             const char * const  *identities,
                             gboolean             demo,
                             const char          *path,
                             GError             **error)
{
  g_autoptr(GtkPrintOperation) op = NULL;

  g_return_val_if_fail (EY_IS_ROSTER (roster), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  op = forms_operation_new (roster, identities, demo, error);
  if (op == NULL)
    return FALSE;
  gtk_print_operation_set_export_filename (op, path);
  if (gtk_print_operation_run (op, GTK_PRINT_OPERATION_ACTION_EXPORT, NULL, error) ==
      GTK_PRINT_OPERATION_RESULT_ERROR)
    return FALSE;
  mark_printed (roster, identities);
  return TRUE;
}

typedef struct
{
  EyRoster  *roster;
  GStrv      identities;
} FormsDone;

static void
forms_done_free (FormsDone *done)
{
  g_object_unref (done->roster);
  g_strfreev (done->identities);
  g_free (done);
}

static void
forms_done_cb (GtkPrintOperation       *op,
               GtkPrintOperationResult  result,
               FormsDone               *done)
{
  if (result == GTK_PRINT_OPERATION_RESULT_APPLY)
    mark_printed (done->roster, (const char * const *)done->identities);
  g_object_unref (op);
}

gboolean
ey_officer_print_forms (GtkWindow           *parent,
                        EyRoster            *roster,
                        const char * const  *identities,
                        gboolean             demo,
                        GError             **error)
{
  GtkPrintOperation *op;
  FormsDone *done;

  g_return_val_if_fail (EY_IS_ROSTER (roster), FALSE);

  /* The same operation and pages, exported where a test can read them. */
  if (export_filename != NULL)
    return ey_officer_export_forms_pdf (roster, identities, demo, export_filename, error);
  op = forms_operation_new (roster, identities, demo, error);
  if (op == NULL)
    return FALSE;
  done = g_new0 (FormsDone, 1);
  done->roster = g_object_ref (roster);
  done->identities = g_strdupv ((char **)identities);
  g_object_set_data_full (G_OBJECT (op), "ey-forms-done", done, (GDestroyNotify)forms_done_free);
  /* The dialog offers "Print to File" (PDF) too; it must not block the main loop. */
  gtk_print_operation_set_allow_async (op, TRUE);
  g_signal_connect (op, "done", G_CALLBACK (forms_done_cb), done);
  if (gtk_print_operation_run (op, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG, parent, error) ==
      GTK_PRINT_OPERATION_RESULT_ERROR)
    return FALSE;
  return TRUE;
}
