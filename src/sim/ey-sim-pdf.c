/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ey-sim-pdf"

#include "config.h"

#include <cairo.h>
#include <cairo-pdf.h>

#include "ey-sim-cairo-private.h"
#include "ey-sim-names-private.h"
#include "ey-sim-pdf-private.h"
#include "ey-sim-people.h"

#define PAGE_W 595.0
#define PAGE_H 842.0
#define MARGIN 50.0

static const char commitment[] =
  "Kamu Sertifikasyon Merkezi'nden (Kamu SM) talep ettiğim nitelikli elektronik "
  "sertifikaya ilişkin olarak; başvuru formunda verdiğim bilgilerin doğru olduğunu, "
  "sertifikamı 5070 sayılı Elektronik İmza Kanunu ve ilgili mevzuata uygun olarak "
  "kullanacağımı, imza oluşturma verime (özel anahtarıma) ve kartımın PIN bilgisine "
  "başkalarının erişmesini engelleyeceğimi, kartımın kaybolması, çalınması veya imza "
  "oluşturma verimin güvenliğinden şüphe etmem durumunda sertifikamın iptali için Kamu "
  "SM'ye derhal başvuracağımı, sertifikamı yalnızca sertifikada belirtilen kullanım "
  "sınırları içinde kullanacağımı, Kamu SM Sertifika İlkeleri ve Sertifika Uygulama "
  "Esasları'nı okuduğumu ve kabul ettiğimi taahhüt ederim.";

static const char *
value (GHashTable *form,
       EySimField  field,
       const char *fallback)
{
  const char *v = g_hash_table_lookup (form, GINT_TO_POINTER (field));

  return (v && *v) ? v : fallback;
}

/* Greedy word wrap with the toy text API; returns the y below the paragraph. */
static double
draw_paragraph (cairo_t    *cr,
                const char *text,
                double      x,
                double      y,
                double      width,
                double      line_height)
{
  g_auto(GStrv) words = g_strsplit (text, " ", -1);
  g_autoptr(GString) line = g_string_new (NULL);

  for (guint i = 0; words[i]; i++)
    {
      g_autofree char *candidate = line->len ? g_strconcat (line->str, " ", words[i], NULL)
                                             : g_strdup (words[i]);
      cairo_text_extents_t ext;

      cairo_text_extents (cr, candidate, &ext);
      if (ext.x_advance > width && line->len)
        {
          cairo_move_to (cr, x, y);
          cairo_show_text (cr, line->str);
          y += line_height;
          g_string_assign (line, words[i]);
        }
      else
        g_string_assign (line, candidate);
    }
  if (line->len)
    {
      cairo_move_to (cr, x, y);
      cairo_show_text (cr, line->str);
      y += line_height;
    }
  return y;
}

static double
draw_row (cairo_t    *cr,
          double      y,
          const char *label,
          const char *text)
{
  cairo_set_line_width (cr, 0.5);
  cairo_rectangle (cr, MARGIN, y - 13, PAGE_W - 2 * MARGIN, 20);
  cairo_stroke (cr);
  cairo_select_font_face (cr, "DejaVu Sans", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_BOLD);
  cairo_move_to (cr, MARGIN + 6, y + 1);
  cairo_show_text (cr, label);
  cairo_select_font_face (cr, "DejaVu Sans", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
  cairo_move_to (cr, MARGIN + 170, y + 1);
  cairo_show_text (cr, text);
  return y + 20;
}

static double
draw_heading (cairo_t    *cr,
              double      y,
              const char *text)
{
  cairo_set_source_rgb (cr, 0.80, 0.10, 0.10);
  cairo_select_font_face (cr, "DejaVu Sans", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_BOLD);
  cairo_set_font_size (cr, 11);
  cairo_move_to (cr, MARGIN, y);
  cairo_show_text (cr, text);
  cairo_set_source_rgb (cr, 0, 0, 0);
  cairo_set_font_size (cr, 9.5);
  return y + 22;
}

void
ey_sim_pdf_draw (cairo_t           *cr,
                 const EySimPerson *p,
                 GHashTable        *form,
                 guint              order)
{
  g_autofree char *order_text = g_strdup_printf ("%u", order);
  g_autofree char *place = g_strdup_printf ("%s / %s", value (form, EY_SIM_F_DISTRICT, ""),
                                            value (form, EY_SIM_F_CITY, ""));
  double y = MARGIN + 10;

  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_set_source_rgb (cr, 0, 0, 0);
  cairo_select_font_face (cr, "DejaVu Sans", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_BOLD);
  cairo_set_font_size (cr, 9);
  cairo_move_to (cr, MARGIN, y);
  cairo_show_text (cr, "TÜBİTAK BİLGEM — KAMU SERTİFİKASYON MERKEZİ");
  y += 24;
  cairo_set_font_size (cr, 14);
  cairo_move_to (cr, MARGIN, y);
  cairo_show_text (cr, "NİTELİKLİ ELEKTRONİK SERTİFİKA BAŞVURU FORMU");
  y += 30;

  y = draw_heading (cr, y, "1. Başvuru Sahibinin Bilgileri");
  y = draw_row (cr, y, "Adı", p->name);
  y = draw_row (cr, y, "Soyadı", p->surname);
  y = draw_row (cr, y, "T.C. Kimlik No / Pasaport", p->identity);
  y = draw_row (cr, y, "Doğum Tarihi", p->birth_date);
  y = draw_row (cr, y, "Kurumu", p->institution);
  y = draw_row (cr, y, "Unvanı", value (form, EY_SIM_F_TITLE, "-"));
  y = draw_row (cr, y, "Sipariş No", order_text);
  y += 12;
  y = draw_heading (cr, y, "2. İletişim ve Teslimat Bilgileri");
  y = draw_row (cr, y, "Cep Telefonu", value (form, EY_SIM_F_PHONE, p->phone));
  y = draw_row (cr, y, "E-posta", value (form, EY_SIM_F_EMAIL, p->email));
  y = draw_row (cr, y, "Teslimat Adresi", value (form, EY_SIM_F_ADDRESS, p->address));
  y = draw_row (cr, y, "İlçe / İl", place);
  y = draw_row (cr, y, "Posta Kodu", value (form, EY_SIM_F_POSTAL, "-"));
  y += 12;
  y = draw_heading (cr, y, "3. Sertifika Sahibi Taahhütnamesi");
  cairo_select_font_face (cr, "DejaVu Sans", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
  y = draw_paragraph (cr, commitment, MARGIN, y, PAGE_W - 2 * MARGIN, 14);
  y += 20;

  /* The box the applicant signs with a blue pen. */
  cairo_set_line_width (cr, 1);
  cairo_rectangle (cr, PAGE_W - MARGIN - 220, y, 220, 110);
  cairo_stroke (cr);
  cairo_select_font_face (cr, "DejaVu Sans", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_BOLD);
  cairo_move_to (cr, PAGE_W - MARGIN - 212, y + 18);
  cairo_show_text (cr, "Başvuru Sahibinin");
  cairo_select_font_face (cr, "DejaVu Sans", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
  cairo_move_to (cr, PAGE_W - MARGIN - 212, y + 38);
  cairo_show_text (cr, "Adı Soyadı: ");
  cairo_show_text (cr, p->name);
  cairo_show_text (cr, " ");
  cairo_show_text (cr, p->surname);
  cairo_move_to (cr, PAGE_W - MARGIN - 212, y + 58);
  cairo_show_text (cr, "Tarih:");
  cairo_move_to (cr, PAGE_W - MARGIN - 212, y + 78);
  cairo_show_text (cr, "İmza (mavi kalem):");

  cairo_set_font_size (cr, 8);
  draw_paragraph (cr, "İmzalı formu kurumunuzun e-imza sorumlusuna teslim ediniz. Kamu "
                  "Sertifikasyon Merkezi, TÜBİTAK Gebze Yerleşkesi, İdari Bina, P.K. 74, "
                  "41470 Gebze/KOCAELİ. Çağrı Merkezi: 444 5 576",
                  MARGIN, PAGE_H - MARGIN, PAGE_W - 2 * MARGIN, 11);
}

/* Across the middle of the page, over everything, in light red: readable on paper and as
 * text (level, so that text tools read the words whole). */
static void
draw_demo_mark (cairo_t *cr)
{
  static const char *lines[] = { "TANITIM", "DEMO" };
  cairo_text_extents_t ext;

  cairo_save (cr);
  cairo_translate (cr, PAGE_W / 2, PAGE_H / 2 - 60);
  cairo_select_font_face (cr, "DejaVu Sans", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_BOLD);
  cairo_set_font_size (cr, 88);
  cairo_set_source_rgba (cr, 0.85, 0.10, 0.10, 0.25);
  for (guint i = 0; i < G_N_ELEMENTS (lines); i++)
    {
      cairo_text_extents (cr, lines[i], &ext);
      cairo_move_to (cr, -ext.x_advance / 2, i * 96.0);
      cairo_show_text (cr, lines[i]);
    }
  cairo_set_font_size (cr, 11);
  cairo_set_source_rgba (cr, 0.85, 0.10, 0.10, 0.8);
  {
    const char *note = "Tanıtım belgesidir; KamuSM'ye teslim edilmez. Demo only: do not hand in.";

    cairo_text_extents (cr, note, &ext);
    cairo_move_to (cr, -ext.x_advance / 2, 130);
    cairo_show_text (cr, note);
  }
  cairo_restore (cr);
}

GBytes *
ey_sim_pdf_render (const EySimPerson *p,
                   GHashTable        *form,
                   guint              order,
                   gboolean           demo)
{
  GByteArray *pdf = g_byte_array_new ();
  cairo_surface_t *surface = cairo_pdf_surface_create_for_stream (_ey_sim_cairo_append, pdf, PAGE_W, PAGE_H);
  cairo_t *cr = cairo_create (surface);

  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE,
                                  "Nitelikli Elektronik Sertifika Başvuru Formu");
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "kamusm-sim");
  ey_sim_pdf_draw (cr, p, form, order);
  if (demo)
    draw_demo_mark (cr);
  cairo_show_page (cr);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  cairo_surface_destroy (surface);
  return g_byte_array_free_to_bytes (pdf);
}
