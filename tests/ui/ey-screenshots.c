/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ey-screenshots"

#include "config.h"

#include <string.h>

#include "ui-driver.h"
#include "ey-officer-window.h"
#include "ey-pin-entry.h"
#include "ey-sim-server.h"

/* Renders every page of the renewal, in Turkish and English, at 1000×700 and 360 px
 * wide, by walking the real window against the in-process simulator.
 * Usage: ey-screenshots OUTPUT-DIR (run by build-aux/screenshots under Xvfb). */

static const char *outdir;
static int width, height;
static const char *language;
static int counter;

/* One application for the whole run: SoftHSM is loaded once per process, so the demo
 * token (and the CA the simulator trusts) must stay the same throughout. */
static UiDriver *driver;

static void shoot_window (GtkWidget *window, const char *what);

static gboolean
transition_over (gpointer data)
{
  return !gtk_stack_get_transition_running (GTK_STACK (data));
}

static void
shoot (UiDriver   *d,
       const char *what)
{
  GObject *stack = gtk_widget_get_template_child (GTK_WIDGET (d->window), EY_TYPE_WINDOW, "stack");

  g_assert (d == driver);
  /* A page that went on by itself may still be fading in. */
  ui_spin_until (transition_over, stack, 5000);
  shoot_window (GTK_WIDGET (driver->window), what);
}

static void
shoot_window (GtkWidget  *window,
              const char *what)
{
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GtkSnapshot) snapshot = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *name = NULL;
  g_autofree char *path = NULL;
  GskRenderer *renderer;
  int w, h;

  /* Two frames: the first after a page switch still has the crossfade in it. */
  ui_spin_for (400);
  w = gtk_widget_get_width (window);
  h = gtk_widget_get_height (window);
  paintable = gtk_widget_paintable_new (window);
  renderer = gtk_native_get_renderer (GTK_NATIVE (window));
  /* A page that went on by itself may be between two frames: try a few frames later. */
  for (guint attempt = 0; texture == NULL && attempt < 10; attempt++)
    {
      if (attempt > 0)
        ui_spin_for (100);
      snapshot = gtk_snapshot_new ();
      gdk_paintable_snapshot (paintable, snapshot, w, h);
      g_clear_pointer (&node, gsk_render_node_unref);
      node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
      if (node != NULL)
        texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, w, h));
    }
  name = g_strdup_printf ("%s-%d-%02d-%s.png", language, width, ++counter, what);
  path = g_build_filename (outdir, name, NULL);
  if (texture == NULL)
    g_error ("Nothing rendered for %s (%dx%d, renderer %s)", name, w, h,
             renderer ? G_OBJECT_TYPE_NAME (renderer) : "none");
  if (!gdk_texture_save_to_png (texture, path))
    g_error ("Cannot write %s", path);
  g_print ("%s (%dx%d)\n", path, w, h);
}


static void
start (void)
{
  /* The site remembers a submitted application; each walk starts from a new order. */
  ey_sim_server_forget_applications (driver->sim);
  ey_application_set_language (driver->app, language);
  ui_driver_new_window (driver, width, height);
  ui_wait_certificates (driver);
}

static void
walk_eonay (void)
{
  g_autofree char *code = NULL;
  GtkWidget *pin;

  shoot (driver, "welcome");
  ui_next (driver);
  ui_wait_page (driver, "mail");
  ui_paste_mail (driver, "AYŞE YILMAZ", "Ab3kT9qz");
  shoot (driver, "mail");
  /* Error states: no network first (the site never answers). */
  ey_sim_server_set_fault (driver->sim, EY_SIM_FAULT_DROP, "login.go", 0);
  ui_next (driver);
  ui_wait_idle (driver);
  shoot (driver, "mail-no-network");
  ey_sim_server_clear_faults (driver->sim);
  ui_next (driver);
  ui_wait_page (driver, "sign-in");
  ui_set_text (driver, "sign-in", "identity_row", "12345678950");
  shoot (driver, "sign-in");
  ui_sign_in (driver, "12345678950", "WRONG");
  shoot (driver, "sign-in-wrong-captcha");
  ui_sign_in (driver, "12345678950", UI_DRIVER_CAPTCHA);
  if (g_strcmp0 (ey_window_get_visible_page_name (driver->window), "order") == 0)
    {
      shoot (driver, "order");
      ui_next (driver);
    }
  ui_wait_page (driver, "form");
  ui_fill_form (driver);
  shoot (driver, "form");
  ui_next (driver);
  /* The SMS goes out by itself once the form is accepted: the code page, the phone as
   * typed beside the site's mask. */
  ui_wait_page (driver, "sms");
  ui_wait_idle (driver);
  shoot (driver, "sms-sent");
  code = ui_sms_code (driver, "12345678950");
  ui_set_text (driver, "sms", "code_row", "000000");
  ui_wait_idle (driver);
  shoot (driver, "sms-wrong-code");
  /* A complete code is sent at once: shown while it is typed. */
  {
    g_autofree char *part = g_strndup (code ? code : "", 5);

    ui_set_text (driver, "sms", "code_row", part);
    shoot (driver, "sms-code");
  }
  ui_set_text (driver, "sms", "code_row", code ? code : "");
  ui_wait_page (driver, "eonay");
  shoot (driver, "eonay");
  ui_next (driver);
  ui_wait_page (driver, "consent");
  gtk_check_button_set_active (GTK_CHECK_BUTTON (ui_child (driver, "consent", "accept_check")), TRUE);
  shoot (driver, "consent");
  ui_next (driver);
  ui_wait_page (driver, "signing");
  pin = ui_child (driver, "signing", "pin_entry");
  gtk_editable_set_text (GTK_EDITABLE (ey_pin_entry_get_entry (EY_PIN_ENTRY (pin))), "123456");
  shoot (driver, "signing");
  ui_next (driver);
  ui_wait_page (driver, "done");
  shoot (driver, "done");
}

static void
walk_wet (void)
{
  g_autofree char *code = NULL;

  ui_walk_to_sign_in (driver, "FATMA KAYA", "Fq4nR8ty");
  ui_sign_in (driver, "34567891238", UI_DRIVER_CAPTCHA);
  ui_walk_to_sms_sent (driver);
  code = ui_sms_code (driver, "34567891238");
  ui_set_text (driver, "sms", "code_row", code ? code : "");
  ui_next (driver);
  ui_wait_page (driver, "eonay");
  ui_next (driver);
  ui_wait_page (driver, "wet");
  ui_wait_idle (driver);
  shoot (driver, "wet");
}

/* Officer mode: the Colleagues window over the demo's sample roster, its details. */
static void
walk_officer (void)
{
  EyOfficerWindow *officer = ey_officer_mode_present (driver->app);

  gtk_window_set_default_size (GTK_WINDOW (officer), width, height);
  ey_officer_window_select (officer, NULL);
  /* Let a fold of the list and details finish its slide. */
  ui_spin_for (800);
  shoot_window (GTK_WIDGET (officer), "colleagues");
  ey_officer_window_select (officer, "34567891238");
  shoot_window (GTK_WIDGET (officer), "colleague");

  /* The import preview: what a list would add, update or refuse, and why. */
  {
    static const char csv[] =
      "Kimlik No;Ad Soyad;Birim;Cep Telefonu\n"
      "34567891238;FATMA KAYA;Personel Daire Başkanlığı;05439876500\n"
      "91234567872;KEMAL YURT;Hukuk Müşavirliği;05091234567\n"
      "12345678951;SELİN AK;Kütüphane;05091234568\n";
    GtkWindow *dialog = ey_officer_window_preview_import (officer, csv, strlen (csv));

    gtk_window_set_default_size (dialog, MIN (width, 640), MIN (height, 600));
    ui_spin_for (400);
    shoot_window (GTK_WIDGET (dialog), "colleague-import");
    gtk_window_destroy (dialog);
  }

  /* Two colleagues ticked for printing: the check boxes and the bar under the list. */
  ey_officer_window_select (officer, NULL);
  gtk_widget_activate_action (GTK_WIDGET (officer), "officer.back", NULL);
  ey_officer_window_set_marked (officer, "34567891238", TRUE);
  ey_officer_window_set_marked (officer, "12345678950", TRUE);
  ui_spin_for (400);
  shoot_window (GTK_WIDGET (officer), "colleagues-marked");
  gtk_widget_activate_action (GTK_WIDGET (officer), "officer.unmark-all", NULL);
  gtk_window_destroy (GTK_WINDOW (officer));
}

int
main (int   argc,
      char *argv[])
{
  static const int sizes[][2] = { { 1000, 700 }, { 360, 720 } };
  static const char *languages[] = { "en", "tr" };

  if (argc != 2)
    {
      g_printerr ("usage: %s OUTPUT-DIR\n", argv[0]);
      return 2;
    }
  outdir = argv[1];
  ey_application_init_i18n ();
  gtk_init ();
  adw_init ();
  driver = ui_driver_new ();

  for (guint l = 0; l < G_N_ELEMENTS (languages); l++)
    for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
      {
        language = languages[l];
        width = sizes[s][0];
        height = sizes[s][1];
        counter = 0;
        /* EY_SCREENSHOTS=officer: only the officer's screens (numbered after the rest). */
        if (g_strcmp0 (g_getenv ("EY_SCREENSHOTS"), "officer") == 0)
          {
            counter = 13;
            ey_application_set_language (driver->app, language);
          }
        else
          {
            start ();
            walk_eonay ();
            start ();
            walk_wet ();
          }
        walk_officer ();
      }
  ui_driver_free (driver);
  return 0;
}
