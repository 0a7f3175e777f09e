/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ey-officer-print"

#include "config.h"

#include <glib/gi18n.h>

#include "ey-officer-print.h"

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
      int days = 0;

      if (!ey_colleague_matches_filter (c, EY_ROSTER_FILTER_DUE, NULL))
        continue;
      ey_colleague_days_left (c, NULL, &days);
      masked = ey_colleague_mask_identity (c->identity);
      /* Translators: a line of the printed due list: name, unit, masked identity
       * number, end date, days left, status */
      g_ptr_array_add (lines, g_strdup_printf (_("%s\t%s\t%s\t%s (%d days)\t%s"), c->full_name,
                                               c->institution ? c->institution : "",
                                               masked, c->expires, days,
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
  g_autofree char *date = g_date_time_format (now, "%d.%m.%Y");
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
  g_autofree char *date = g_date_time_format (now, "%d.%m.%Y");
  g_autofree char *title = NULL;
  GPtrArray *lines = ey_officer_cover_lines (roster, NULL);

  if (lines == NULL)
    lines = g_ptr_array_new_with_free_func (g_free);
  /* Translators: the title of the cover list sent to KamuSM with the signed forms */
  title = g_strdup_printf (_("Wet-signed application forms sent to KamuSM — %s"), date);
  print_lines (parent, lines, title, _("Cover list"));
}
