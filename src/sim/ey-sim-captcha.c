/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ey-sim-captcha"

#include "config.h"

#include <math.h>
#include <cairo.h>

#include "ey-sim-captcha-private.h"
#include "ey-sim-cairo-private.h"

#define WIDTH 180
#define HEIGHT 60

/* No 0/O, 1/I/L: the real site's pictures avoid them too, and tests type the text. */
static const char alphabet[] = "ABCDEFGHJKMNPRSTUVWXYZ23456789";

char *
ey_sim_captcha_new_text (void)
{
  char *text = g_malloc (6);

  for (guint i = 0; i < 5; i++)
    text[i] = alphabet[g_random_int_range (0, sizeof alphabet - 1)];
  text[5] = '\0';
  return text;
}

static void
draw_noise (cairo_t *cr,
            GRand   *rand)
{
  for (guint i = 0; i < 7; i++)
    {
      cairo_set_source_rgba (cr, g_rand_double (rand) * 0.6, g_rand_double (rand) * 0.6,
                             g_rand_double (rand) * 0.6, 0.7);
      cairo_set_line_width (cr, 1 + g_rand_double (rand) * 1.5);
      cairo_move_to (cr, g_rand_double_range (rand, 0, WIDTH), g_rand_double_range (rand, 0, HEIGHT));
      cairo_curve_to (cr,
                      g_rand_double_range (rand, 0, WIDTH), g_rand_double_range (rand, 0, HEIGHT),
                      g_rand_double_range (rand, 0, WIDTH), g_rand_double_range (rand, 0, HEIGHT),
                      g_rand_double_range (rand, 0, WIDTH), g_rand_double_range (rand, 0, HEIGHT));
      cairo_stroke (cr);
    }
  for (guint i = 0; i < 350; i++)
    {
      cairo_set_source_rgba (cr, g_rand_double (rand), g_rand_double (rand),
                             g_rand_double (rand), 0.8);
      cairo_rectangle (cr, g_rand_double_range (rand, 0, WIDTH),
                       g_rand_double_range (rand, 0, HEIGHT), 1.5, 1.5);
      cairo_fill (cr);
    }
}

GBytes *
ey_sim_captcha_render (const char *text)
{
  g_autoptr(GRand) rand = g_rand_new ();
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, WIDTH, HEIGHT);
  cairo_t *cr = cairo_create (surface);
  GByteArray *png = g_byte_array_new ();
  double x = 14;

  cairo_set_source_rgb (cr, 0.93, 0.95, 0.97);
  cairo_paint (cr);
  cairo_select_font_face (cr, "DejaVu Sans", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_BOLD);

  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      char glyph[8] = { 0 };
      cairo_text_extents_t ext;

      g_unichar_to_utf8 (g_utf8_get_char (p), glyph);
      cairo_save (cr);
      cairo_set_font_size (cr, g_rand_double_range (rand, 26, 34));
      cairo_text_extents (cr, glyph, &ext);
      cairo_translate (cr, x, HEIGHT / 2.0 + g_rand_double_range (rand, 4, 14));
      cairo_rotate (cr, g_rand_double_range (rand, -0.45, 0.45));
      /* A shear per glyph: enough distortion to look like a CAPTCHA, little enough
       * that a person reads it at once. */
      {
        cairo_matrix_t shear;

        cairo_matrix_init (&shear, 1, 0, g_rand_double_range (rand, -0.3, 0.3), 1, 0, 0);
        cairo_transform (cr, &shear);
      }
      cairo_set_source_rgb (cr, g_rand_double_range (rand, 0, 0.35),
                            g_rand_double_range (rand, 0, 0.35),
                            g_rand_double_range (rand, 0.2, 0.55));
      cairo_move_to (cr, 0, 0);
      cairo_show_text (cr, glyph);
      cairo_restore (cr);
      x += ext.x_advance + g_rand_double_range (rand, 2, 7);
    }
  draw_noise (cr, rand);

  cairo_destroy (cr);
  cairo_surface_write_to_png_stream (surface, _ey_sim_cairo_append, png);
  cairo_surface_destroy (surface);
  return g_byte_array_free_to_bytes (png);
}
