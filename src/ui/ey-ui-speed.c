/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ey-ui-speed"

#include "config.h"

#include <malloc.h>
#include <string.h>

#include <gio/gio.h>
#include <gtk/gtk.h>

#include "ey-site-client.h"
#include "ey-ui-speed.h"

typedef void (*MeasureFunc) (GtkWidget      *widget,
                             GtkOrientation  orientation,
                             int             for_size,
                             int            *minimum,
                             int            *natural,
                             int            *minimum_baseline,
                             int            *natural_baseline);

static MeasureFunc label_measure;

/* Most of a page change was measuring wrapping text (ui-page-change, callgrind): a
 * horizontal box (AdwActionRow's header, AdwPreferencesGroup's header, a check button)
 * asks its children for their width at a given height, and GTK 4.8 answers that for a
 * vertical box of wrapping labels (a row's title and subtitle) by searching over widths,
 * one Pango layout of the whole text per probe, about twenty probes; a label alone
 * answers it by a binary search of its own.  Every container of ours is height-for-width,
 * so neither answer changes what is shown: GtkBoxLayout distributes the width from its
 * children's unconstrained requests when it measures its height for a width, and gives
 * out the same at allocation with these answers.  Vertical boxes and labels answer the
 * width at a given height with their unconstrained width then, one cached measure. */
static void
label_measure_cb (GtkWidget      *widget,
                  GtkOrientation  orientation,
                  int             for_size,
                  int            *minimum,
                  int            *natural,
                  int            *minimum_baseline,
                  int            *natural_baseline)
{
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    for_size = -1;
  label_measure (widget, orientation, for_size, minimum, natural, minimum_baseline,
                 natural_baseline);
}

typedef void (*LayoutMeasureFunc) (GtkLayoutManager *manager,
                                   GtkWidget        *widget,
                                   GtkOrientation    orientation,
                                   int               for_size,
                                   int              *minimum,
                                   int              *natural,
                                   int              *minimum_baseline,
                                   int              *natural_baseline);

static LayoutMeasureFunc box_measure;

static void
box_measure_cb (GtkLayoutManager *manager,
                GtkWidget        *widget,
                GtkOrientation    orientation,
                int               for_size,
                int              *minimum,
                int              *natural,
                int              *minimum_baseline,
                int              *natural_baseline)
{
  if (orientation == GTK_ORIENTATION_HORIZONTAL &&
      gtk_orientable_get_orientation (GTK_ORIENTABLE (manager)) == GTK_ORIENTATION_VERTICAL)
    for_size = -1;
  box_measure (manager, widget, orientation, for_size, minimum, natural, minimum_baseline,
               natural_baseline);
}

void
ey_ui_speed_install_label_widths (void)
{
  static gsize installed;

  if (g_once_init_enter (&installed))
    {
      GtkWidgetClass *label_class = g_type_class_ref (GTK_TYPE_LABEL);
      GtkLayoutManagerClass *box_class;

      label_measure = label_class->measure;
      label_class->measure = label_measure_cb;
      box_class = g_type_class_ref (GTK_TYPE_BOX_LAYOUT);
      box_measure = box_class->measure;
      box_class->measure = box_measure_cb;
      g_once_init_leave (&installed, 1);
    }
}

static void
warm_tls_thread (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  ey_site_client_warm_tls ();
  g_task_return_boolean (task, TRUE);
}

/* Real mode's first request reads the system's trust store (GnuTLS decodes the whole CA
 * bundle) on the thread that asks for it: the main thread, at the first page that talks
 * to the site (a third of the mail page's change, callgrind).  Read here in a worker at
 * startup instead; the TLS backend keeps it under its own lock. */
void
ey_ui_speed_warm_tls (void)
{
  g_autoptr(GTask) task = g_task_new (NULL, NULL, NULL, NULL);

  g_task_set_source_tag (task, ey_ui_speed_warm_tls);
  g_task_run_in_thread (task, warm_tls_thread);
}

static GPtrArray *warm_icons;

static gboolean
warm_icon_cb (gpointer user_data)
{
  GtkIconTheme *theme = gtk_icon_theme_get_for_display (gdk_display_get_default ());
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  GtkIconPaintable *icon;

  /* As GtkSpinner's CSS image looks it up (no flags, no direction), so that it finds
   * this one in the theme's cache, loaded: kept for the program's life. */
  icon = gtk_icon_theme_lookup_icon (theme, "process-working-symbolic", NULL, 16, 1,
                                     GTK_TEXT_DIR_NONE, 0);
  gdk_paintable_snapshot (GDK_PAINTABLE (icon), snapshot, 16, 16);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  g_ptr_array_add (warm_icons, icon);
  return G_SOURCE_REMOVE;
}

/* The spinner's icon is the only SVG the pages show (librsvg renders it, a fifth of the
 * mail page's change, callgrind): the first busy page would load it.  Loaded when the
 * program is idle after startup instead. */
void
ey_ui_speed_warm_icons (void)
{
  if (warm_icons != NULL || gdk_display_get_default () == NULL)
    return;
  warm_icons = g_ptr_array_new_with_free_func (g_object_unref);
  g_idle_add_full (G_PRIORITY_LOW, warm_icon_cb, NULL, NULL);
}

/* With the cairo renderer GDK paints each frame into a new image the size of what
 * changed, often the whole window (2.7 MB at 1000 x 700), and frees it after.  glibc
 * maps each block that large afresh (its dynamic threshold only reaches the size of the
 * last one freed, and a block of that size is mapped again), so the kernel hands out
 * and zeroes some 700 new pages per frame: half of the sign-in page's first frame was
 * page faults (ui-page-change, perf: memset in gdk_surface_create_similar_surface).
 * Fixed thresholds keep such blocks in the heap and reuse them; what is freed is still
 * overwritten (ey-secure-heap.c) and the heap gives back what lies above 64 MB free. */
static gboolean
prefault_heap_cb (gpointer user_data)
{
  /* Two window-sized frames' worth, touched once and kept by the heap */
  gsize size = 8 * 1024 * 1024;
  char *block = g_malloc (size);

  memset (block, 0, size);
  g_free (block);
  return G_SOURCE_REMOVE;
}

void
ey_ui_speed_keep_frame_buffers (void)
{
  mallopt (M_MMAP_THRESHOLD, 32 * 1024 * 1024);
  mallopt (M_TRIM_THRESHOLD, 64 * 1024 * 1024);
  g_idle_add_full (G_PRIORITY_LOW, prefault_heap_cb, NULL, NULL);
}

#ifdef GDK_WINDOWING_X11
#include <gdk/x11/gdkx.h>
#endif
#if defined (GDK_WINDOWING_X11) && defined (CAIRO_HAS_XLIB_SURFACE)
#define KEEP_SHM_POOL 1
#include <cairo-xlib.h>

/* Under GTK's cairo renderer on X11 a frame is drawn into an image and handed to the X
 * server through one of cairo-xlib's shared-memory pools (cairo 1.16,
 * cairo-xlib-surface-shm.c).  A frame larger than the pool's biggest block gets a new
 * pool (a new segment, an attach with an XSync round trip, every page faulted in afresh),
 * and cairo drops a pool once nothing in it is in use: whole-window frames after a run of
 * small ones paid for all of it (ui-page-change, the mail and sign-in pages' first
 * frames: 550 page faults, 8 ms of system time, paint 13-16 ms against 4 ms).  One small
 * image kept for the program's life keeps a pool made for the monitor's size; the blocks
 * cairo hands out for frames up to half of it are touched once here.  Resident shared
 * memory: 13 MB at 1280 x 1024 (the monitor-sized image cairo clears, and at most 8 MB of
 * blocks), held instead of faulted in and given back frame after frame. */
#define SHM_PREFAULT_MAX (4 * 1024 * 1024)

static cairo_surface_t *shm_keeper;

static gboolean
keep_shm_pool_cb (gpointer user_data)
{
  g_autoptr(GtkWidget) window = user_data;
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (window));
  GdkDisplay *display = gtk_widget_get_display (window);
  GskRenderer *renderer = gtk_native_get_renderer (GTK_NATIVE (window));
  g_autoptr(GPtrArray) pieces = NULL;
  GdkMonitor *monitor;
  GdkRectangle geometry;
  cairo_surface_t *xlib, *frame;
  Display *xdisplay;
  int scale;

  if (shm_keeper || surface == NULL || !GDK_IS_X11_DISPLAY (display) ||
      !GSK_IS_CAIRO_RENDERER (renderer))
    return G_SOURCE_REMOVE;
  monitor = gdk_display_get_monitor_at_surface (display, surface);
  if (monitor == NULL)
    return G_SOURCE_REMOVE;
  gdk_monitor_get_geometry (monitor, &geometry);
  scale = gdk_surface_get_scale_factor (surface);
  xdisplay = gdk_x11_display_get_xdisplay (display);
  xlib = cairo_xlib_surface_create (xdisplay, GDK_SURFACE_XID (surface),
                                    DefaultVisual (xdisplay, DefaultScreen (xdisplay)), 1, 1);
  /* A pool sized for a whole-monitor frame; the keeper comes out of the block beside it,
   * which cairo splits, and whose halves, quarters... the smaller frames then take. */
  frame = cairo_surface_create_similar_image (xlib, CAIRO_FORMAT_ARGB32,
                                              geometry.width * scale, geometry.height * scale);
  shm_keeper = cairo_surface_create_similar_image (xlib, CAIRO_FORMAT_ARGB32, 32, 32);
  pieces = g_ptr_array_new_with_free_func ((GDestroyNotify) cairo_surface_destroy);
  /* Held together, each takes its own block; cairo clears an image it takes from a pool,
   * which touches its pages */
  for (gsize size = SHM_PREFAULT_MAX; size >= 16 * 1024; size /= 2)
    g_ptr_array_add (pieces, cairo_surface_create_similar_image (xlib, CAIRO_FORMAT_ARGB32,
                                                                 1024, size / 4096));
  g_clear_pointer (&pieces, g_ptr_array_unref);
  cairo_surface_destroy (frame);
  cairo_surface_destroy (xlib);
  return G_SOURCE_REMOVE;
}

static void
on_map_cb (GtkWidget *window)
{
  if (shm_keeper == NULL)
    g_idle_add_full (G_PRIORITY_LOW, keep_shm_pool_cb, g_object_ref (window), NULL);
}
#endif

void
ey_ui_speed_keep_shm_pool (GtkWidget *window)
{
#ifdef KEEP_SHM_POOL
  g_signal_connect (window, "map", G_CALLBACK (on_map_cb), NULL);
#endif
}
