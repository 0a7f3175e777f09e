/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ey-officer-row"

#include "config.h"

#include <glib/gi18n.h>

#include "ey-officer-format.h"
#include "ey-officer-row.h"

#define N_COLUMNS 6
/* Below these widths fewer columns are shown: without the last change, then only
 * name, end date and status. */
#define MEDIUM 800
#define NARROW 500
#define PAD_X 6
#define PAD_Y 5

/* Shares of the width (0: hidden). */
static const double wide_share[N_COLUMNS] = { 0.21, 0.18, 0.14, 0.22, 0.13, 0.12 };
static const double medium_share[N_COLUMNS] = { 0.24, 0.19, 0.17, 0.26, 0.14, 0 };
static const double narrow_share[N_COLUMNS] = { 0.42, 0, 0, 0.38, 0.20, 0 };

struct _EyOfficerRow
{
  GtkWidget    parent_instance;

  gboolean     header;
  char        *text[N_COLUMNS];
  PangoLayout *layouts[N_COLUMNS];   /* made when drawn, dropped when the text changes */
  int          layout_width;
  int          line_height;          /* 0: not known for the current font */
};

G_DEFINE_FINAL_TYPE (EyOfficerRow, ey_officer_row, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_HEADER,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Units, statuses and dates of the last change repeat down a list: their shaped text
 * is made once and drawn by every row that shows it (per font and column width). */
static GHashTable *shared_layouts;   /* "width␟text" → PangoLayout */
static const gboolean column_repeats[N_COLUMNS] = { FALSE, TRUE, FALSE, FALSE, TRUE, TRUE };
#define MAX_SHARED_LAYOUTS 1024

static void
drop_layouts (EyOfficerRow *self)
{
  for (guint i = 0; i < N_COLUMNS; i++)
    g_clear_object (&self->layouts[i]);
}

static char *
ends_text (const EyColleague *c)
{
  g_autofree char *date = NULL;
  int days = 0;

  if (!ey_colleague_days_left (c, NULL, &days))
    return g_strdup (_("Unknown"));
  date = ey_officer_format_day (c->expires);
  if (days < 0)
    /* Translators: end date, then how long ago it ended */
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s (ended %d day ago)",
                                         "%s (ended %d days ago)", -days), date, -days);
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s (%d day left)", "%s (%d days left)",
                                       days), date, days);
}

void
ey_officer_row_set_entry (EyOfficerRow  *self,
                          EyRosterEntry *entry)
{
  const EyColleague *c;
  g_autofree char *label = NULL;

  g_return_if_fail (EY_IS_OFFICER_ROW (self));

  for (guint i = 0; i < N_COLUMNS; i++)
    g_clear_pointer (&self->text[i], g_free);
  drop_layouts (self);
  if (entry != NULL)
    {
      c = ey_roster_entry_get_colleague (entry);
      self->text[0] = g_strdup (c->full_name);
      self->text[1] = g_strdup (c->institution ? c->institution : "");
      self->text[2] = ey_colleague_mask_identity (c->identity);
      self->text[3] = ends_text (c);
      self->text[4] = g_strdup (ey_roster_status_get_label (c->status));
      self->text[5] = c->changed ? ey_officer_format_day (c->changed) : g_strdup ("");
      /* What a screen reader says for the row. */
      label = g_strjoin (", ", self->text[0], self->text[1], self->text[3], self->text[4], NULL);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                      -1);
    }
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

const char *
ey_officer_row_get_text (EyOfficerRow *self,
                         guint         column)
{
  g_return_val_if_fail (EY_IS_OFFICER_ROW (self), NULL);
  g_return_val_if_fail (column < N_COLUMNS, NULL);
  return self->text[column];
}

/* Every row measures the same line: shaping "Ağ" once per font, not once per row and
 * measure, keeps a list of thousands cheap to fill and scroll. */
static int
line_height (EyOfficerRow *self)
{
  static PangoFontDescription *cached_font;
  static double cached_resolution;
  static int cached_height;
  PangoContext *context;
  const PangoFontDescription *font;
  double resolution;

  if (self->line_height > 0)
    return self->line_height;
  context = gtk_widget_get_pango_context (GTK_WIDGET (self));
  font = pango_context_get_font_description (context);
  resolution = pango_cairo_context_get_resolution (context);
  if (cached_font == NULL || resolution != cached_resolution ||
      !pango_font_description_equal (font, cached_font))
    {
      g_autoptr(PangoLayout) layout = pango_layout_new (context);

      pango_layout_set_text (layout, "Ağ", -1);
      pango_layout_get_pixel_size (layout, NULL, &cached_height);
      /* Text shaped in the old font is no good for anyone now. */
      if (shared_layouts != NULL)
        g_hash_table_remove_all (shared_layouts);
      g_clear_pointer (&cached_font, pango_font_description_free);
      cached_font = pango_font_description_copy (font);
      cached_resolution = resolution;
    }
  self->line_height = cached_height;
  return self->line_height;
}

static void
ey_officer_row_measure (GtkWidget      *widget,
                        GtkOrientation  orientation,
                        int             for_size,
                        int            *minimum,
                        int            *natural,
                        int            *minimum_baseline,
                        int            *natural_baseline)
{
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      /* The list follows the window; a column too narrow shows "…". */
      *minimum = 200;
      *natural = 800;
    }
  else
    *minimum = *natural = line_height (EY_OFFICER_ROW (widget)) + 2 * PAD_Y;
}

static PangoLayout *
make_layout (EyOfficerRow *self,
             guint         column,
             int           width)
{
  g_autofree char *key = NULL;
  PangoLayout *layout;

  if (!self->header && column_repeats[column])
    {
      if (shared_layouts == NULL)
        shared_layouts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
      key = g_strdup_printf ("%d\x1f%s", width, self->text[column]);
      layout = g_hash_table_lookup (shared_layouts, key);
      if (layout != NULL)
        return g_object_ref (layout);
    }
  layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), self->text[column]);
  pango_layout_set_width (layout, width * PANGO_SCALE);
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  pango_layout_set_single_paragraph_mode (layout, TRUE);
  if (self->header)
    {
      PangoAttrList *attrs = pango_attr_list_new ();

      pango_attr_list_insert (attrs, pango_attr_weight_new (PANGO_WEIGHT_BOLD));
      pango_layout_set_attributes (layout, attrs);
      pango_attr_list_unref (attrs);
    }
  if (key != NULL)
    {
      if (g_hash_table_size (shared_layouts) >= MAX_SHARED_LAYOUTS)
        g_hash_table_remove_all (shared_layouts);
      g_hash_table_insert (shared_layouts, g_steal_pointer (&key), g_object_ref (layout));
    }
  return layout;
}

static void
ey_officer_row_snapshot (GtkWidget   *widget,
                         GtkSnapshot *snapshot)
{
  EyOfficerRow *self = EY_OFFICER_ROW (widget);
  int width = gtk_widget_get_width (widget);
  const double *share = width < NARROW ? narrow_share : width < MEDIUM ? medium_share : wide_share;
  GdkRGBA color;
  double x = 0;

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &color);
  G_GNUC_END_IGNORE_DEPRECATIONS
  if (self->header)
    color.alpha *= 0.55;
  if (width != self->layout_width)
    drop_layouts (self);
  self->layout_width = width;

  for (guint i = 0; i < N_COLUMNS; i++)
    {
      int column_width = (int)(share[i] * width);

      if (column_width <= 0 || self->text[i] == NULL)
        continue;
      if (self->layouts[i] == NULL)
        self->layouts[i] = make_layout (self, i, MAX (column_width - 2 * PAD_X, 1));
      gtk_snapshot_save (snapshot);
      gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT ((float)(x + PAD_X), PAD_Y));
      gtk_snapshot_append_layout (snapshot, self->layouts[i], &color);
      gtk_snapshot_restore (snapshot);
      x += column_width;
    }
}

static void
ey_officer_row_finalize (GObject *object)
{
  EyOfficerRow *self = EY_OFFICER_ROW (object);

  drop_layouts (self);
  for (guint i = 0; i < N_COLUMNS; i++)
    g_free (self->text[i]);

  G_OBJECT_CLASS (ey_officer_row_parent_class)->finalize (object);
}

static void
ey_officer_row_css_changed (GtkWidget         *widget,
                            GtkCssStyleChange *change)
{
  GTK_WIDGET_CLASS (ey_officer_row_parent_class)->css_changed (widget, change);
  /* A new font (or a new scale) means new layouts. */
  drop_layouts (EY_OFFICER_ROW (widget));
  EY_OFFICER_ROW (widget)->line_height = 0;
  gtk_widget_queue_resize (widget);
}

/* The column titles, in the language in use now. */
static void
show_titles (EyOfficerRow *self)
{
  static const char * const titles[N_COLUMNS] = {
    N_("Name"), N_("Unit"), N_("Identity number"), N_("Certificate ends"), N_("Status"),
    N_("Last change"),
  };

  for (guint i = 0; i < N_COLUMNS; i++)
    {
      g_free (self->text[i]);
      self->text[i] = g_strdup (_(titles[i]));
    }
  drop_layouts (self);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Colleagues"), -1);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
ey_officer_row_retranslate (EyOfficerRow *self)
{
  g_return_if_fail (EY_IS_OFFICER_ROW (self));

  if (self->header)
    show_titles (self);
}

static void
ey_officer_row_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  switch (prop_id)
    {
    case PROP_HEADER:
      g_value_set_boolean (value, EY_OFFICER_ROW (object)->header);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ey_officer_row_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  EyOfficerRow *self = EY_OFFICER_ROW (object);

  switch (prop_id)
    {
    case PROP_HEADER:
      self->header = g_value_get_boolean (value);
      if (self->header)
        show_titles (self);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ey_officer_row_class_init (EyOfficerRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = ey_officer_row_finalize;
  object_class->get_property = ey_officer_row_get_property;
  object_class->set_property = ey_officer_row_set_property;

  /* The column titles instead of a colleague (set in a template). */
  properties[PROP_HEADER] =
    g_param_spec_boolean ("header", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  widget_class->measure = ey_officer_row_measure;
  widget_class->snapshot = ey_officer_row_snapshot;
  widget_class->css_changed = ey_officer_row_css_changed;
  gtk_widget_class_set_css_name (widget_class, "officer-row");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
ey_officer_row_init (EyOfficerRow *self)
{
}

GtkWidget *
ey_officer_row_new (gboolean header)
{
  return g_object_new (EY_TYPE_OFFICER_ROW, "header", header, NULL);
}
