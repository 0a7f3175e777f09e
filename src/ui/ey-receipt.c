/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ey-receipt"

#include "config.h"

#include <glib/gi18n.h>
#include <cairo-pdf.h>
#include <pango/pangocairo.h>

#include "ey-identity.h"
#include "ey-receipt.h"
#include "ey-ui-format.h"

/* Demo receipts carry a DEMO mark: they must never pass for a real one. */
static gboolean receipt_demo;

void
ey_receipt_set_demo (gboolean demo)
{
  receipt_demo = !!demo;
}

gboolean
ey_receipt_get_demo (void)
{
  return receipt_demo;
}

static void
draw_watermark (cairo_t *cr,
                double   width,
                double   height)
{
  PangoLayout *layout;
  g_autoptr(PangoFontDescription) font = pango_font_description_from_string ("Sans Bold 96");
  int w, h;

  if (!receipt_demo)
    return;
  cairo_save (cr);
  layout = pango_cairo_create_layout (cr);
  pango_layout_set_font_description (layout, font);
  /* The UI language's one word for the demo, as everywhere else in the program. */
  pango_layout_set_text (layout, C_("watermark on demo documents", "DEMO"), -1);
  pango_layout_get_pixel_size (layout, &w, &h);
  cairo_translate (cr, width / 2, height / 2);
  cairo_rotate (cr, -G_PI / 5);
  cairo_move_to (cr, -w / 2.0, -h / 2.0);
  cairo_set_source_rgba (cr, 0.75, 0.1, 0.15, 0.25);
  pango_cairo_show_layout (cr, layout);
  g_object_unref (layout);
  cairo_restore (cr);
}

char *
ey_receipt_get_text (EySession *session)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *when = ey_ui_format_date_time (now);
  g_autofree char *masked = NULL;
  const char *identity = ey_session_get_identity (session);
  const char *path_text;
  const char *site = ey_session_get_site_message (session);

  g_return_val_if_fail (EY_IS_SESSION (session), NULL);

  /* The receipt may be printed or mailed: the identity number is masked on it. */
  masked = identity ? ey_identity_mask (identity) : g_strdup ("");
  switch (ey_session_get_path (session))
    {
    case EY_SESSION_PATH_EONAY:
      path_text = _("E-Onay application");
      break;
    case EY_SESSION_PATH_ESIGNED:
      path_text = _("E-signed application");
      break;
    case EY_SESSION_PATH_WET:
      path_text = _("Wet-signed application");
      break;
    case EY_SESSION_PATH_NONE:
    default:
      path_text = "";
      break;
    }

  return g_strdup_printf (_("Qualified e-signature certificate renewal — receipt\n\n"
                            "Applicant: %s\n"
                            "Identity number: %s\n"
                            "Institution: %s\n"
                            "Order: %s\n"
                            "Way: %s\n"
                            "Confirmed: %s\n"
                            "KamuSM said: %s\n\n"
                            "What happens next: KamuSM produces your new card and sends it by "
                            "courier to the address on the form, usually within about 10 working "
                            "days; the tracking number comes by SMS and e-mail. The new "
                            "certificate starts when the old one ends. To get the new card's "
                            "PIN you need the security word you chose on the form.\n\n"
                            "KamuSM: 444 5 576 · bilgi@kamusm.gov.tr"),
                          ey_session_get_applicant_name (session) ? ey_session_get_applicant_name (session) : "",
                          masked,
                          ey_session_get_institution (session) ? ey_session_get_institution (session) : "",
                          ey_session_get_order_id (session) ? ey_session_get_order_id (session) : "",
                          path_text, when, site ? site : "");
}

static void
draw_text (cairo_t    *cr,
           const char *text,
           double      width)
{
  PangoLayout *layout = pango_cairo_create_layout (cr);
  g_autoptr(PangoFontDescription) font = pango_font_description_from_string ("Sans 11");

  pango_layout_set_font_description (layout, font);
  pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_text (layout, text, -1);
  pango_cairo_show_layout (cr, layout);
  g_object_unref (layout);
}

gboolean
ey_receipt_save_pdf (EySession   *session,
                     const char  *path,
                     GError     **error)
{
  g_autofree char *text = NULL;
  cairo_surface_t *surface;
  cairo_t *cr;
  cairo_status_t status;
  const double width = 595, height = 842, margin = 56;   /* A4 in points */

  g_return_val_if_fail (EY_IS_SESSION (session), FALSE);

  text = ey_receipt_get_text (session);
  surface = cairo_pdf_surface_create (path, width, height);
  cr = cairo_create (surface);
  draw_watermark (cr, width, height);
  cairo_move_to (cr, margin, margin);
  draw_text (cr, text, width - 2 * margin);
  cairo_show_page (cr);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   _("The receipt could not be saved: %s"), cairo_status_to_string (status));
      return FALSE;
    }
  return TRUE;
}

static void
draw_page_cb (GtkPrintOperation *operation,
              GtkPrintContext   *context,
              int                page_nr,
              EySession         *session)
{
  g_autofree char *text = ey_receipt_get_text (session);

  draw_watermark (gtk_print_context_get_cairo_context (context),
                  gtk_print_context_get_width (context), gtk_print_context_get_height (context));
  cairo_move_to (gtk_print_context_get_cairo_context (context), 0, 0);
  draw_text (gtk_print_context_get_cairo_context (context), text,
             gtk_print_context_get_width (context));
}

void
ey_receipt_print (EySession *session,
                  GtkWindow *parent)
{
  g_autoptr(GtkPrintOperation) operation = gtk_print_operation_new ();

  g_return_if_fail (EY_IS_SESSION (session));

  gtk_print_operation_set_n_pages (operation, 1);
  g_signal_connect_object (operation, "draw-page", G_CALLBACK (draw_page_cb), session, 0);
  gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG, parent, NULL);
}
