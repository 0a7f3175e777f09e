/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ey-site-page"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <libxml/xpath.h>

#include "ey-core-error-private.h"
#include "ey-form-private.h"
#include "ey-site-page.h"
#include "ey-site-page-private.h"
#include "ey-site-profile-private.h"
#include "ey-site-roles-private.h"
#include "ey-text-private.h"
#include "ey-xml-private.h"

struct _EySitePage
{
  GObject        parent_instance;

  EySiteProfile *profile;
  char          *url;
  char          *charset;
  htmlDocPtr     doc;
  EySitePageKind     kind;
  char          *title;
  char          *heading;
  GStrv          errors;
  GStrv          notices;
  GStrv          warnings;
  GHashTable    *field_errors;
  char          *success;
  int            timer;
  char          *masked_phone;
  char          *verification_code;
  char          *captcha_href;
  char          *links[EY_LINK_ROLE_LAST + 1];
  gboolean       markers[EY_SITE_PAGE_MARKER_LAST + 1];
  GPtrArray     *orders;
  GPtrArray     *forms;        /* EyForm, document order */
  EyForm        *form;         /* the profile's choice, or the first */
};

G_DEFINE_TYPE (EySitePage, ey_site_page, G_TYPE_OBJECT)

G_DEFINE_QUARK (ey-site-page-error-quark, ey_site_page_error)

static void
ey_order_free (EyOrder *order)
{
  g_free (order->date);
  g_free (order->institution);
  g_free (order->url);
  g_free (order->link_text);
  g_free (order);
}

static void
ey_site_page_finalize (GObject *object)
{
  EySitePage *self = (EySitePage *)object;

  g_clear_object (&self->profile);
  g_free (self->url);
  g_free (self->charset);
  g_clear_pointer (&self->doc, xmlFreeDoc);
  g_free (self->title);
  g_free (self->heading);
  g_strfreev (self->errors);
  g_strfreev (self->notices);
  g_strfreev (self->warnings);
  g_clear_pointer (&self->field_errors, g_hash_table_unref);
  g_free (self->success);
  g_free (self->masked_phone);
  g_free (self->verification_code);
  g_free (self->captcha_href);
  for (guint i = 0; i < G_N_ELEMENTS (self->links); i++)
    g_free (self->links[i]);
  g_clear_pointer (&self->orders, g_ptr_array_unref);
  g_clear_pointer (&self->forms, g_ptr_array_unref);

  G_OBJECT_CLASS (ey_site_page_parent_class)->finalize (object);
}

static void
ey_site_page_class_init (EySitePageClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = ey_site_page_finalize;
}

static void
ey_site_page_init (EySitePage *self)
{
  self->timer = -1;
  self->field_errors = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->orders = g_ptr_array_new_with_free_func ((GDestroyNotify)ey_order_free);
  self->forms = g_ptr_array_new_with_free_func (g_object_unref);
}

/* ------------------------------------------------------------------ */
/* Text                                                                 */

static gboolean
node_has_attr (xmlNode    *node,
               const char *name)
{
  return xmlHasProp (node, (const xmlChar *)name) != NULL;
}

/* ------------------------------------------------------------------ */
/* Charset                                                              */

/* Finds "charset=NAME" in @text (ASCII case-insensitive), NULL if absent. */
static char *
find_charset_param (const char *text,
                    gsize       len)
{
  static const char key[] = "charset";

  for (gsize i = 0; i + sizeof key <= len; i++)
    {
      gsize j;
      gsize start;

      if (g_ascii_strncasecmp (text + i, key, sizeof key - 1) != 0)
        continue;
      j = i + sizeof key - 1;
      while (j < len && (text[j] == ' ' || text[j] == '\t'))
        j++;
      if (j >= len || text[j] != '=')
        continue;
      j++;
      while (j < len && (text[j] == ' ' || text[j] == '\t' || text[j] == '"' || text[j] == '\''))
        j++;
      start = j;
      while (j < len && (g_ascii_isalnum (text[j]) || text[j] == '-' || text[j] == '_' ||
                         text[j] == '.' || text[j] == ':'))
        j++;
      if (j > start)
        return g_strndup (text + start, j - start);
    }
  return NULL;
}

static char *
canonical_charset (const char *name)
{
  static const struct { const char *alias; const char *canonical; } aliases[] = {
    { "utf-8", "UTF-8" }, { "utf8", "UTF-8" }, { "unicode-1-1-utf-8", "UTF-8" },
    { "iso-8859-9", "ISO-8859-9" }, { "iso8859-9", "ISO-8859-9" },
    { "iso_8859-9", "ISO-8859-9" }, { "latin5", "ISO-8859-9" }, { "l5", "ISO-8859-9" },
    { "iso-ir-148", "ISO-8859-9" }, { "csisolatin5", "ISO-8859-9" },
    { "windows-1254", "WINDOWS-1254" }, { "cp1254", "WINDOWS-1254" },
    { "x-cp1254", "WINDOWS-1254" },
    /* As browsers do: these labels mean windows-1252. */
    { "iso-8859-1", "WINDOWS-1252" }, { "latin1", "WINDOWS-1252" },
    { "us-ascii", "WINDOWS-1252" }, { "ascii", "WINDOWS-1252" },
    { "windows-1252", "WINDOWS-1252" }, { "cp1252", "WINDOWS-1252" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (aliases); i++)
    if (g_ascii_strcasecmp (name, aliases[i].alias) == 0)
      return g_strdup (aliases[i].canonical);
  return g_ascii_strup (name, -1);
}

static char *
sniff_charset (const char *data,
               gsize       len,
               const char *content_type)
{
  g_autofree char *declared = NULL;
  gsize head = MIN (len, 4096);

  if (len >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    return g_strdup ("UTF-8");
  if (content_type != NULL)
    declared = find_charset_param (content_type, strlen (content_type));
  if (declared == NULL)
    {
      /* Only a meta tag counts, not "charset=" in a script or text. */
      for (gsize i = 0; i + 5 < head; i++)
        if (g_ascii_strncasecmp (data + i, "<meta", 5) == 0)
          {
            const char *end = memchr (data + i, '>', head - i);
            gsize tag_len = end ? (gsize)(end - (data + i)) : head - i;

            declared = find_charset_param (data + i, tag_len);
            if (declared != NULL)
              break;
          }
    }
  if (declared == NULL)
    return g_strdup (g_utf8_validate (data, len, NULL) ? "UTF-8" : "WINDOWS-1254");
  return canonical_charset (declared);
}

/* ------------------------------------------------------------------ */
/* XPath                                                                */

typedef struct
{
  EySitePage             *page;
  xmlXPathContextPtr  ctx;
} Reader;

static xmlXPathObjectPtr
eval (Reader  *rd,
      EyXPath *xp,
      xmlNode *context)
{
  if (xp == NULL)
    return NULL;
  rd->ctx->node = context != NULL ? context : xmlDocGetRootElement (rd->page->doc);
  return xmlXPathCompiledEval (xp->compiled, rd->ctx);
}

static gboolean
eval_bool (Reader  *rd,
           EyXPath *xp)
{
  xmlXPathObjectPtr obj = eval (rd, xp, NULL);
  gboolean ret;

  if (obj == NULL)
    return FALSE;
  ret = xmlXPathCastToBoolean (obj) != 0;
  xmlXPathFreeObject (obj);
  return ret;
}

static char *
object_node_string (xmlNode *node)
{
  if (node->type == XML_ATTRIBUTE_NODE || node->type == XML_TEXT_NODE)
    {
      xmlChar *content = xmlNodeGetContent (node);
      /* Attribute values (hrefs) are kept as they are, only trimmed. */
      char *ret = g_strstrip (g_strdup (content ? (const char *)content : ""));

      xmlFree (content);
      if (node->type == XML_TEXT_NODE)
        {
          char *norm = ey_text_normalize (ret);

          g_free (ret);
          return norm;
        }
      return ret;
    }
  return _ey_xml_text (node);
}

/* Each node's text (element) or value (attribute), or the string value. */
static GPtrArray *
eval_strings (Reader  *rd,
              EyXPath *xp,
              xmlNode *context)
{
  xmlXPathObjectPtr obj = eval (rd, xp, context);
  GPtrArray *ret = g_ptr_array_new_with_free_func (g_free);

  if (obj == NULL)
    return ret;
  if (obj->type == XPATH_NODESET)
    {
      for (int i = 0; obj->nodesetval != NULL && i < obj->nodesetval->nodeNr; i++)
        g_ptr_array_add (ret, object_node_string (obj->nodesetval->nodeTab[i]));
    }
  else
    {
      xmlChar *s = xmlXPathCastToString (obj);

      g_ptr_array_add (ret, ey_text_normalize ((const char *)s));
      xmlFree (s);
    }
  xmlXPathFreeObject (obj);
  return ret;
}

static char *
eval_first (Reader  *rd,
            EyXPath *xp,
            xmlNode *context)
{
  g_autoptr(GPtrArray) all = eval_strings (rd, xp, context);

  for (guint i = 0; i < all->len; i++)
    if (*(char *)g_ptr_array_index (all, i) != '\0')
      return g_strdup (g_ptr_array_index (all, i));
  return NULL;
}

static GStrv
eval_strv (Reader  *rd,
           EyXPath *xp)
{
  g_autoptr(GPtrArray) all = eval_strings (rd, xp, NULL);
  GPtrArray *ret = g_ptr_array_new ();

  for (guint i = 0; i < all->len; i++)
    if (*(char *)g_ptr_array_index (all, i) != '\0')
      g_ptr_array_add (ret, g_strdup (g_ptr_array_index (all, i)));
  g_ptr_array_add (ret, NULL);
  return (GStrv)g_ptr_array_free (ret, FALSE);
}

static xmlNode *
eval_first_element (Reader  *rd,
                    EyXPath *xp,
                    xmlNode *context)
{
  xmlXPathObjectPtr obj = eval (rd, xp, context);
  xmlNode *ret = NULL;

  if (obj == NULL)
    return NULL;
  if (obj->type == XPATH_NODESET && obj->nodesetval != NULL)
    for (int i = 0; i < obj->nodesetval->nodeNr && ret == NULL; i++)
      if (obj->nodesetval->nodeTab[i]->type == XML_ELEMENT_NODE)
        ret = obj->nodesetval->nodeTab[i];
  xmlXPathFreeObject (obj);
  return ret;
}

/* ------------------------------------------------------------------ */
/* Forms                                                                */

static gboolean
name_is (xmlNode    *node,
         const char *name)
{
  return node->type == XML_ELEMENT_NODE &&
         g_ascii_strcasecmp ((const char *)node->name, name) == 0;
}

static void
collect_controls (xmlNode   *node,
                  GPtrArray *out)
{
  for (xmlNode *child = node->children; child != NULL; child = child->next)
    {
      if (child->type != XML_ELEMENT_NODE)
        continue;
      if (name_is (child, "input") || name_is (child, "button") ||
          name_is (child, "select") || name_is (child, "textarea"))
        g_ptr_array_add (out, child);
      /* A nested form is invalid HTML; its controls stay with the outer one. */
      if (!name_is (child, "select") && !name_is (child, "textarea"))
        collect_controls (child, out);
    }
}

static void
collect_forms (xmlNode   *node,
               GPtrArray *out)
{
  for (xmlNode *child = node->children; child != NULL; child = child->next)
    {
      if (child->type != XML_ELEMENT_NODE)
        continue;
      if (name_is (child, "form"))
        g_ptr_array_add (out, child);
      else
        collect_forms (child, out);
    }
}

static void
collect_labels (xmlNode    *node,
                GHashTable *by_for)
{
  for (xmlNode *child = node->children; child != NULL; child = child->next)
    {
      if (child->type != XML_ELEMENT_NODE)
        continue;
      if (name_is (child, "label"))
        {
          char *target = _ey_xml_attr (child, "for");

          if (target != NULL && !g_hash_table_contains (by_for, target))
            g_hash_table_insert (by_for, target, _ey_xml_text (child));
          else
            g_free (target);
        }
      collect_labels (child, by_for);
    }
}

static EyFormControlType
control_type (xmlNode *node)
{
  g_autofree char *type = NULL;

  if (name_is (node, "select"))
    return EY_FORM_CONTROL_SELECT;
  if (name_is (node, "textarea"))
    return EY_FORM_CONTROL_TEXTAREA;

  type = _ey_xml_attr (node, "type");
  if (type != NULL)
    g_strstrip (type);
  if (name_is (node, "button"))
    return type == NULL || g_ascii_strcasecmp (type, "submit") == 0
           ? EY_FORM_CONTROL_SUBMIT : EY_FORM_CONTROL_OTHER;

  if (type == NULL || *type == '\0')
    return EY_FORM_CONTROL_TEXT;
  if (g_ascii_strcasecmp (type, "hidden") == 0)
    return EY_FORM_CONTROL_HIDDEN;
  if (g_ascii_strcasecmp (type, "password") == 0)
    return EY_FORM_CONTROL_PASSWORD;
  if (g_ascii_strcasecmp (type, "radio") == 0)
    return EY_FORM_CONTROL_RADIO;
  if (g_ascii_strcasecmp (type, "checkbox") == 0)
    return EY_FORM_CONTROL_CHECKBOX;
  if (g_ascii_strcasecmp (type, "submit") == 0)
    return EY_FORM_CONTROL_SUBMIT;
  if (g_ascii_strcasecmp (type, "text") == 0 || g_ascii_strcasecmp (type, "tel") == 0 ||
      g_ascii_strcasecmp (type, "email") == 0 || g_ascii_strcasecmp (type, "number") == 0 ||
      g_ascii_strcasecmp (type, "date") == 0 || g_ascii_strcasecmp (type, "search") == 0 ||
      g_ascii_strcasecmp (type, "url") == 0)
    return EY_FORM_CONTROL_TEXT;
  return EY_FORM_CONTROL_OTHER;
}

static EyFormControl *
read_control (xmlNode    *node,
              GHashTable *labels)
{
  g_autofree char *name = _ey_xml_attr (node, "name");
  g_autofree char *maxlength = NULL;
  EyFormControl *c;

  if (name == NULL || *name == '\0')
    return NULL;

  c = g_new0 (EyFormControl, 1);
  c->type = control_type (node);
  c->name = g_steal_pointer (&name);
  c->id = _ey_xml_attr (node, "id");
  c->checked = node_has_attr (node, "checked");
  c->readonly = node_has_attr (node, "readonly");
  c->disabled = node_has_attr (node, "disabled");
  c->required = node_has_attr (node, "required");
  c->maxlength = -1;
  maxlength = _ey_xml_attr (node, "maxlength");
  if (maxlength != NULL)
    {
      guint64 v;

      if (g_ascii_string_to_unsigned (g_strstrip (maxlength), 10, 0, G_MAXINT, &v, NULL))
        c->maxlength = v;
    }

  switch (c->type)
    {
    case EY_FORM_CONTROL_SELECT:
      {
        const EyFormOption *selected = NULL;

        c->options = g_ptr_array_new_with_free_func ((GDestroyNotify)_ey_form_option_free);
        /* Options may sit in optgroups. */
        for (xmlNode *o = node->children; o != NULL; o = o->next)
          {
            GPtrArray *level = g_ptr_array_new ();

            if (name_is (o, "optgroup"))
              for (xmlNode *oo = o->children; oo != NULL; oo = oo->next)
                g_ptr_array_add (level, oo);
            else
              g_ptr_array_add (level, o);

            for (guint i = 0; i < level->len; i++)
              {
                xmlNode *on = g_ptr_array_index (level, i);
                EyFormOption *opt;
                char *value;

                if (!name_is (on, "option"))
                  continue;
                opt = g_new0 (EyFormOption, 1);
                opt->label = _ey_xml_text (on);
                value = _ey_xml_attr (on, "value");
                opt->value = value != NULL ? value : g_strdup (opt->label);
                opt->selected = node_has_attr (on, "selected");
                if (opt->selected && selected == NULL)
                  selected = opt;
                g_ptr_array_add (c->options, opt);
              }
            g_ptr_array_unref (level);
          }
        if (selected == NULL && c->options->len > 0)
          selected = g_ptr_array_index (c->options, 0);
        c->value = g_strdup (selected ? selected->value : "");
      }
      break;

    case EY_FORM_CONTROL_TEXTAREA:
      {
        xmlChar *content = xmlNodeGetContent (node);
        const char *text = content ? (const char *)content : "";

        /* As in HTML, one newline right after <textarea> is not content. */
        if (text[0] == '\r' && text[1] == '\n')
          text += 2;
        else if (text[0] == '\n')
          text += 1;
        c->value = g_strdup (text);
        xmlFree (content);
      }
      break;

    case EY_FORM_CONTROL_RADIO:
    case EY_FORM_CONTROL_CHECKBOX:
      c->value = _ey_xml_attr (node, "value");
      if (c->value == NULL)
        c->value = g_strdup ("on");
      break;

    case EY_FORM_CONTROL_SUBMIT:
      c->value = _ey_xml_attr (node, "value");
      if (name_is (node, "button"))
        c->label = _ey_xml_text (node);
      else if (c->value != NULL)
        c->label = ey_text_normalize (c->value);
      if (c->value == NULL)
        c->value = g_strdup ("");
      break;

    case EY_FORM_CONTROL_HIDDEN:
    case EY_FORM_CONTROL_TEXT:
    case EY_FORM_CONTROL_PASSWORD:
    case EY_FORM_CONTROL_OTHER:
    default:
      c->value = _ey_xml_attr (node, "value");
      if (c->value == NULL)
        c->value = g_strdup ("");
      break;
    }

  if (c->label == NULL)
    {
      if (c->id != NULL && g_hash_table_contains (labels, c->id))
        c->label = g_strdup (g_hash_table_lookup (labels, c->id));
      else
        for (xmlNode *up = node->parent; up != NULL; up = up->parent)
          if (name_is (up, "label"))
            {
              c->label = _ey_xml_text (up);
              break;
            }
    }
  return c;
}

static EyForm *
read_form (EySitePage     *self,
           xmlNode    *form_node,
           GHashTable *labels)
{
  g_autoptr(GPtrArray) nodes = g_ptr_array_new ();
  GPtrArray *controls = g_ptr_array_new_with_free_func ((GDestroyNotify)_ey_form_control_free);
  g_autofree char *action = _ey_xml_attr (form_node, "action");
  g_autofree char *method = _ey_xml_attr (form_node, "method");
  g_autofree char *resolved = NULL;

  collect_controls (form_node, nodes);
  for (guint i = 0; i < nodes->len; i++)
    {
      EyFormControl *c = read_control (g_ptr_array_index (nodes, i), labels);

      if (c != NULL)
        g_ptr_array_add (controls, c);
    }

  /* An empty action posts back to the page itself. */
  if (action == NULL || *g_strstrip (action) == '\0')
    resolved = g_strdup (self->url);
  else
    resolved = g_uri_resolve_relative (self->url, action, G_URI_FLAGS_ENCODED, NULL);
  if (method != NULL)
    g_strstrip (method);

  return _ey_form_new (resolved != NULL ? resolved : self->url,
                       method != NULL && g_ascii_strcasecmp (method, "get") == 0 ? "GET" : "POST",
                       self->charset, controls);
}

/* ------------------------------------------------------------------ */
/* Reading a page                                                       */

#define SLOT(pp, common, field) ((pp) != NULL && (pp)->field != NULL ? (pp)->field : (common)->field)

static int
parse_seconds (const char *text)
{
  gint64 v = 0;
  gboolean any = FALSE;

  if (text == NULL)
    return -1;
  for (const char *p = text; *p; p++)
    {
      if (*p >= '0' && *p <= '9')
        {
          any = TRUE;
          v = v * 10 + (*p - '0');
          if (v > G_MAXINT / 10)
            return -1;
        }
      else if (any)
        break;
    }
  return any ? (int)v : -1;
}

static gboolean
form_has_name (EyForm     *form,
               const char *name)
{
  if (name == NULL)
    return FALSE;
  for (guint i = 0; i < ey_form_get_n_controls (form); i++)
    if (strcmp (ey_form_get_control (form, i)->name, name) == 0)
      return TRUE;
  return FALSE;
}

static gboolean
form_has_page_control (EyForm              *form,
                       const EyProfilePage *pp)
{
  for (guint i = 0; i <= EY_FIELD_ROLE_LAST; i++)
    if (i != EY_FIELD_ROLE_FORM_TOKEN && form_has_name (form, pp->fields[i]))
      return TRUE;
  for (guint i = 0; i <= EY_BUTTON_ROLE_LAST; i++)
    if (form_has_name (form, pp->buttons[i].name))
      return TRUE;
  for (guint i = 0; i <= EY_CHOICE_ROLE_LAST; i++)
    if (form_has_name (form, pp->choices[i].name))
      return TRUE;
  return FALSE;
}

static void
recognise_page (EySitePage *self)
{
  const EyProfilePage *common = _ey_site_profile_get_common (self->profile);
  const EyProfilePage * const *pages;
  const EyProfilePage *pp = NULL;
  g_autoptr(GHashTable) labels = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GPtrArray) form_nodes = g_ptr_array_new ();
  xmlNode *root = xmlDocGetRootElement (self->doc);
  xmlNode *chosen_form;
  guint n_pages;
  Reader rd;

  rd.page = self;
  rd.ctx = xmlXPathNewContext (self->doc);
  _ey_site_profile_register_xpath (rd.ctx);

  pages = _ey_site_profile_get_pages (self->profile, &n_pages);
  for (guint i = 0; i < n_pages; i++)
    if (eval_bool (&rd, pages[i]->recognise))
      {
        pp = pages[i];
        self->kind = pp->kind;
        break;
      }

  {
    static EyXPath *title_xp, *h1_xp;

    /* Fixed, profile-independent reads: the title and the first h1. */
    if (g_once_init_enter (&title_xp))
      {
        EyXPath *xp = g_new0 (EyXPath, 1);

        xp->compiled = xmlXPathCompile ((const xmlChar *)"//title");
        g_once_init_leave (&title_xp, xp);
      }
    if (g_once_init_enter (&h1_xp))
      {
        EyXPath *xp = g_new0 (EyXPath, 1);

        xp->compiled = xmlXPathCompile ((const xmlChar *)"//h1");
        g_once_init_leave (&h1_xp, xp);
      }
    self->title = eval_first (&rd, title_xp, NULL);
    self->heading = eval_first (&rd, SLOT (pp, common, heading), NULL);
    if (self->heading == NULL)
      self->heading = eval_first (&rd, h1_xp, NULL);
  }

  self->errors = eval_strv (&rd, SLOT (pp, common, errors));
  self->notices = eval_strv (&rd, SLOT (pp, common, notices));
  self->warnings = eval_strv (&rd, SLOT (pp, common, warnings));
  self->success = eval_first (&rd, SLOT (pp, common, success), NULL);

  {
    EyXPath *fe = SLOT (pp, common, field_errors);
    const char *attr = pp != NULL && pp->field_errors != NULL ? pp->field_attribute
                                                               : common->field_attribute;
    xmlXPathObjectPtr obj = eval (&rd, fe, NULL);

    if (obj != NULL && obj->type == XPATH_NODESET && obj->nodesetval != NULL)
      for (int i = 0; i < obj->nodesetval->nodeNr; i++)
        {
          xmlNode *n = obj->nodesetval->nodeTab[i];
          char *field = n->type == XML_ELEMENT_NODE ? _ey_xml_attr (n, attr) : NULL;

          if (field != NULL && !g_hash_table_contains (self->field_errors, field))
            g_hash_table_insert (self->field_errors, field, _ey_xml_text (n));
          else
            g_free (field);
        }
    if (obj != NULL)
      xmlXPathFreeObject (obj);
  }

  {
    g_autofree char *t = eval_first (&rd, SLOT (pp, common, timer), NULL);

    self->timer = parse_seconds (t);
  }
  self->masked_phone = eval_first (&rd, SLOT (pp, common, masked_phone), NULL);
  self->verification_code = eval_first (&rd, SLOT (pp, common, verification_code), NULL);
  self->captcha_href = eval_first (&rd, SLOT (pp, common, captcha), NULL);

  for (guint i = 0; i <= EY_LINK_ROLE_LAST; i++)
    self->links[i] = eval_first (&rd, SLOT (pp, common, links[i]), NULL);
  for (guint i = 0; i <= EY_SITE_PAGE_MARKER_LAST; i++)
    self->markers[i] = eval_bool (&rd, SLOT (pp, common, markers[i]));

  if (pp != NULL && pp->order_rows != NULL)
    {
      xmlXPathObjectPtr obj = eval (&rd, pp->order_rows, NULL);

      if (obj != NULL && obj->type == XPATH_NODESET && obj->nodesetval != NULL)
        for (int i = 0; i < obj->nodesetval->nodeNr; i++)
          {
            xmlNode *row = obj->nodesetval->nodeTab[i];
            xmlNode *link = eval_first_element (&rd, pp->order_link, row);
            EyOrder *order = g_new0 (EyOrder, 1);

            order->date = eval_first (&rd, pp->order_date, row);
            order->institution = eval_first (&rd, pp->order_institution, row);
            if (link != NULL)
              {
                g_autofree char *href = _ey_xml_attr (link, "href");

                order->link_text = _ey_xml_text (link);
                if (href != NULL)
                  order->url = ey_site_profile_resolve (self->profile, self->url, href, NULL);
              }
            for (guint k = 0; pp->order_kinds != NULL && k < pp->order_kinds->len; k++)
              {
                const EyOrderKindText *okt = g_ptr_array_index (pp->order_kinds, k);

                if (order->link_text != NULL && ey_text_equal_loose (order->link_text, okt->text))
                  order->kind = okt->kind;
              }
            g_ptr_array_add (self->orders, order);
          }
      if (obj != NULL)
        xmlXPathFreeObject (obj);
    }

  if (root != NULL)
    {
      collect_labels (root, labels);
      collect_forms (root, form_nodes);
    }
  chosen_form = eval_first_element (&rd, SLOT (pp, common, form), NULL);
  for (guint i = 0; i < form_nodes->len; i++)
    {
      xmlNode *fn = g_ptr_array_index (form_nodes, i);
      EyForm *form = read_form (self, fn, labels);

      g_ptr_array_add (self->forms, form);
      if (fn == chosen_form)
        self->form = form;
    }
  /* Without a form XPath of its own, the page's form is the one holding a
   * control the profile names for this page (a search box or a language
   * switch may come first); the common fallback only when none does. */
  if (pp != NULL && pp->form == NULL)
    for (guint i = 0; i < self->forms->len; i++)
      if (form_has_page_control (g_ptr_array_index (self->forms, i), pp))
        {
          self->form = g_ptr_array_index (self->forms, i);
          break;
        }
  if (self->form == NULL && self->forms->len > 0)
    self->form = g_ptr_array_index (self->forms, 0);

  xmlXPathFreeContext (rd.ctx);
}

static void
silent_error (void       *data,
              xmlErrorPtr err)
{
}

EySitePage *
ey_site_page_new (EySiteProfile *profile,
             GBytes        *body,
             const char    *content_type,
             const char    *url,
             GError       **error)
{
  g_autoptr(EySitePage) self = NULL;
  g_autoptr(GError) conv_error = NULL;
  g_autofree char *utf8 = NULL;
  const char *data;
  gsize len;
  gsize utf8_len;
  htmlParserCtxtPtr ctxt;
  xmlStructuredErrorFunc saved_handler;
  void *saved_context;

  g_return_val_if_fail (EY_IS_SITE_PROFILE (profile), NULL);
  g_return_val_if_fail (body != NULL, NULL);
  g_return_val_if_fail (url != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  data = g_bytes_get_data (body, &len);
  if (data == NULL || len == 0)
    {
      g_set_error (error, EY_SITE_PAGE_ERROR, EY_SITE_PAGE_ERROR_PARSE,
                   _("The site sent an empty page."));
      return NULL;
    }

  self = g_object_new (EY_TYPE_SITE_PAGE, NULL);
  self->profile = g_object_ref (profile);
  self->url = g_strdup (url);
  self->charset = sniff_charset (data, len, content_type);

  /* Decode ourselves, so the parser sees UTF-8 whatever the page declares. */
  if (strcmp (self->charset, "UTF-8") == 0)
    {
      if (len >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
        {
          data += 3;
          len -= 3;
        }
      utf8 = g_utf8_make_valid (data, len);
      utf8_len = strlen (utf8);
    }
  else
    {
      utf8 = g_convert (data, len, "UTF-8", self->charset, NULL, &utf8_len, &conv_error);
      if (utf8 == NULL)
        {
          g_set_error (error, EY_SITE_PAGE_ERROR, EY_SITE_PAGE_ERROR_CHARSET,
                       _("The site sent a page in a character set that cannot be read (%s)."),
                       self->charset);
          return NULL;
        }
    }

  ctxt = htmlNewParserCtxt ();
  /* Quiet for this parse only: another handler may be installed. */
  saved_handler = xmlStructuredError;
  saved_context = xmlStructuredErrorContext;
  xmlSetStructuredErrorFunc (NULL, silent_error);
  self->doc = htmlCtxtReadMemory (ctxt, utf8, (int)utf8_len, url, "UTF-8",
                                  HTML_PARSE_RECOVER | HTML_PARSE_NOERROR |
                                  HTML_PARSE_NOWARNING | HTML_PARSE_NONET);
  xmlSetStructuredErrorFunc (saved_context, saved_handler);
  htmlFreeParserCtxt (ctxt);
  explicit_bzero (utf8, utf8_len);

  if (self->doc == NULL || xmlDocGetRootElement (self->doc) == NULL)
    {
      g_set_error (error, EY_SITE_PAGE_ERROR, EY_SITE_PAGE_ERROR_PARSE,
                   _("The site sent something that is not a web page."));
      return NULL;
    }

  recognise_page (self);
  g_debug ("%s: page “%s” (%s)", url, ey_site_page_kind_to_string (self->kind), self->charset);
  return g_steal_pointer (&self);
}

/* ------------------------------------------------------------------ */
/* Accessors                                                            */

EySiteProfile *
ey_site_page_get_profile (EySitePage *self)
{
  g_return_val_if_fail (EY_IS_SITE_PAGE (self), NULL);
  return self->profile;
}

const char *
ey_site_page_get_url (EySitePage *self)
{
  g_return_val_if_fail (EY_IS_SITE_PAGE (self), NULL);
  return self->url;
}

const char *
ey_site_page_get_charset (EySitePage *self)
{
  g_return_val_if_fail (EY_IS_SITE_PAGE (self), NULL);
  return self->charset;
}

EySitePageKind
ey_site_page_get_kind (EySitePage *self)
{
  g_return_val_if_fail (EY_IS_SITE_PAGE (self), EY_SITE_PAGE_KIND_UNKNOWN);
  return self->kind;
}

const char *
ey_site_page_get_title (EySitePage *self)
{
  g_return_val_if_fail (EY_IS_SITE_PAGE (self), NULL);
  return self->title;
}

const char *
ey_site_page_get_heading (EySitePage *self)
{
  g_return_val_if_fail (EY_IS_SITE_PAGE (self), NULL);
  return self->heading;
}

char *
ey_site_page_describe (EySitePage *self)
{
  g_autoptr(GUri) uri = NULL;

  g_return_val_if_fail (EY_IS_SITE_PAGE (self), NULL);

  if (self->kind != EY_SITE_PAGE_KIND_UNKNOWN)
    return g_strdup (ey_site_page_kind_get_label (self->kind));
  if (self->heading != NULL)
    return g_strdup_printf ("“%s”", self->heading);
  if (self->title != NULL)
    return g_strdup_printf ("“%s”", self->title);
  uri = g_uri_parse (self->url, G_URI_FLAGS_ENCODED, NULL);
  return g_strdup (uri != NULL ? g_uri_get_path (uri) : self->url);
}

gboolean
ey_site_page_expect_one_of (EySitePage           *self,
                       const EySitePageKind *expected,
                       gsize             n_expected,
                       GError          **error)
{
  g_autoptr(GString) names = NULL;
  g_autofree char *got = NULL;
  const char *said;

  g_return_val_if_fail (EY_IS_SITE_PAGE (self), FALSE);
  g_return_val_if_fail (expected != NULL || n_expected == 0, FALSE);

  for (gsize i = 0; i < n_expected; i++)
    if (self->kind == expected[i] && self->kind != EY_SITE_PAGE_KIND_UNKNOWN)
      return TRUE;

  names = g_string_new (NULL);
  for (gsize i = 0; i < n_expected; i++)
    {
      if (i > 0)
        /* Translators: separator in a list of page names */
        g_string_append (names, _(" or "));
      g_string_append_printf (names, "“%s”", ey_site_page_kind_get_label (expected[i]));
    }
  got = ey_site_page_describe (self);
  said = ey_site_page_get_message (self);
  if (said != NULL)
    g_set_error (error, EY_SITE_PAGE_ERROR, EY_SITE_PAGE_ERROR_UNEXPECTED,
                 /* Translators: expected page(s), the page that came, the site's message */
                 _("The site should have shown the page %s but showed %s instead. "
                   "The site said: “%s”"), names->str, got, said);
  else
    g_set_error (error, EY_SITE_PAGE_ERROR, EY_SITE_PAGE_ERROR_UNEXPECTED,
                 _("The site should have shown the page %s but showed %s instead."),
                 names->str, got);
  return FALSE;
}

GError *
ey_site_page_new_mismatch_error (EySitePage       *self,
                            const char   *expected,
                            const GError *reason)
{
  g_autofree char *got = NULL;

  g_return_val_if_fail (EY_IS_SITE_PAGE (self), NULL);

  got = ey_site_page_describe (self);
  if (reason != NULL)
    g_debug ("page %s does not do: %s", got, reason->message);

  if (self->kind == EY_SITE_PAGE_KIND_UNKNOWN)
    return g_error_new (EY_CORE_ERROR, EY_CORE_ERROR_UNEXPECTED_PAGE,
                        /* Translators: %s are page names; the first a list ("Sign-in or Orders") */
                        _("The KamuSM site showed a page this program does not know, so the site "
                          "has probably changed (expected: %s; the site showed: %s)."),
                        expected != NULL ? expected : "?", got);

  if (expected != NULL && strstr (expected, ey_site_page_kind_get_label (self->kind)) != NULL)
    {
      const char *what = NULL;

      if (reason != NULL && reason->domain == EY_SITE_PAGE_ERROR)
        switch (reason->code)
          {
          case EY_SITE_PAGE_ERROR_NO_BUTTON:
            what = _("a button it needs is missing");
            break;
          case EY_SITE_PAGE_ERROR_NO_FORM:
            what = _("its form is missing");
            break;
          case EY_SITE_PAGE_ERROR_NO_LINK:
            what = _("a link it needs is missing");
            break;
          default:
            break;
          }
      if (what == NULL)
        what = _("it is not laid out as this program knows it");
      return g_error_new (EY_CORE_ERROR, EY_CORE_ERROR_UNEXPECTED_PAGE,
                          /* Translators: a page name, then what is wrong with it */
                          _("The KamuSM site showed the page %s, but %s, so the site has "
                            "probably changed."), got, what);
    }

  return ey_core_error_new_unexpected (expected, got);
}

gboolean
ey_site_page_expect (EySitePage     *self,
                EySitePageKind  expected,
                GError    **error)
{
  return ey_site_page_expect_one_of (self, &expected, 1, error);
}

const char * const *
ey_site_page_get_errors (EySitePage *self)
{
  g_return_val_if_fail (EY_IS_SITE_PAGE (self), NULL);
  return (const char * const *)self->errors;
}

const char * const *
ey_site_page_get_notices (EySitePage *self)
{
  g_return_val_if_fail (EY_IS_SITE_PAGE (self), NULL);
  return (const char * const *)self->notices;
}

const char * const *
ey_site_page_get_warnings (EySitePage *self)
{
  g_return_val_if_fail (EY_IS_SITE_PAGE (self), NULL);
  return (const char * const *)self->warnings;
}

const char *
ey_site_page_get_message (EySitePage *self)
{
  g_return_val_if_fail (EY_IS_SITE_PAGE (self), NULL);

  if (self->errors[0] != NULL)
    return self->errors[0];
  if (self->warnings[0] != NULL)
    return self->warnings[0];
  return self->notices[0];
}

GHashTable *
ey_site_page_get_field_errors (EySitePage *self)
{
  g_return_val_if_fail (EY_IS_SITE_PAGE (self), NULL);
  return self->field_errors;
}

const char *
ey_site_page_get_field_error (EySitePage      *self,
                         EyFieldRole  role)
{
  const char *name;

  g_return_val_if_fail (EY_IS_SITE_PAGE (self), NULL);

  name = ey_site_profile_get_field_name (self->profile, self->kind, role);
  return name != NULL ? g_hash_table_lookup (self->field_errors, name) : NULL;
}

gboolean
ey_site_page_has_marker (EySitePage       *self,
                    EySitePageMarker  marker)
{
  g_return_val_if_fail (EY_IS_SITE_PAGE (self), FALSE);
  g_return_val_if_fail (marker <= EY_SITE_PAGE_MARKER_LAST, FALSE);
  return self->markers[marker];
}

const char *
ey_site_page_get_success_text (EySitePage *self)
{
  g_return_val_if_fail (EY_IS_SITE_PAGE (self), NULL);
  return self->success;
}

int
ey_site_page_get_timer_seconds (EySitePage *self)
{
  g_return_val_if_fail (EY_IS_SITE_PAGE (self), -1);
  return self->timer;
}

const char *
ey_site_page_get_masked_phone (EySitePage *self)
{
  g_return_val_if_fail (EY_IS_SITE_PAGE (self), NULL);
  return self->masked_phone;
}

const char *
ey_site_page_get_verification_code (EySitePage *self)
{
  g_return_val_if_fail (EY_IS_SITE_PAGE (self), NULL);
  return self->verification_code;
}

char *
ey_site_page_get_captcha_url (EySitePage *self)
{
  g_return_val_if_fail (EY_IS_SITE_PAGE (self), NULL);

  if (self->captcha_href == NULL)
    return NULL;
  return ey_site_profile_resolve (self->profile, self->url, self->captcha_href, NULL);
}

char *
ey_site_page_get_link_url (EySitePage      *self,
                      EyLinkRole   role,
                      GError     **error)
{
  g_return_val_if_fail (EY_IS_SITE_PAGE (self), NULL);
  g_return_val_if_fail (role <= EY_LINK_ROLE_LAST, NULL);

  if (self->links[role] == NULL)
    {
      g_set_error (error, EY_SITE_PAGE_ERROR, EY_SITE_PAGE_ERROR_NO_LINK,
                   _("The page %s has no “%s” link."),
                   ey_site_page_kind_get_label (self->kind),
                   ey_site_role_to_string (EY_TYPE_LINK_ROLE, role));
      return NULL;
    }
  return ey_site_profile_resolve (self->profile, self->url, self->links[role], error);
}

GPtrArray *
ey_site_page_get_orders (EySitePage *self)
{
  g_return_val_if_fail (EY_IS_SITE_PAGE (self), NULL);
  return self->orders;
}

EyForm *
ey_site_page_get_form (EySitePage *self)
{
  g_return_val_if_fail (EY_IS_SITE_PAGE (self), NULL);
  return self->form;
}

static const EyFormControl *
lookup_in_form (EyForm     *form,
                const char *name,
                const char *value)
{
  const EyFormControl *disabled = NULL;

  /* An enabled control wins over a disabled one of the same name and value. */
  for (guint i = 0; i < ey_form_get_n_controls (form); i++)
    {
      const EyFormControl *c = ey_form_get_control (form, i);

      /* The name identifies a control; a button's value is its visible
       * label, which the site may write in another case or spacing. */
      if (strcmp (c->name, name) != 0 ||
          (value != NULL && strcmp (c->value, value) != 0 &&
           !ey_text_equal_loose (c->value, value) &&
           (c->label == NULL || !ey_text_equal_loose (c->label, value))))
        continue;
      if (!c->disabled)
        return c;
      if (disabled == NULL)
        disabled = c;
    }
  return disabled;
}

/* The form holding @name (and @value when given): the page's form first. */
static EyForm *
find_form_with (EySitePage               *self,
                const char           *name,
                const char           *value,
                const EyFormControl **control)
{
  const EyFormControl *c;

  if (self->form != NULL && (c = lookup_in_form (self->form, name, value)) != NULL)
    {
      if (control)
        *control = c;
      return self->form;
    }
  for (guint i = 0; i < self->forms->len; i++)
    {
      EyForm *form = g_ptr_array_index (self->forms, i);

      if ((c = lookup_in_form (form, name, value)) != NULL)
        {
          if (control)
            *control = c;
          return form;
        }
    }
  return NULL;
}

const EyFormControl *
ey_site_page_lookup_field (EySitePage      *self,
                      EyFieldRole  role)
{
  const EyFormControl *control = NULL;
  const char *name;

  g_return_val_if_fail (EY_IS_SITE_PAGE (self), NULL);

  name = ey_site_profile_get_field_name (self->profile, self->kind, role);
  if (name == NULL)
    return NULL;
  find_form_with (self, name, NULL, &control);
  return control;
}

const char *
ey_site_page_get_field_value (EySitePage      *self,
                         EyFieldRole  role)
{
  const EyFormControl *control = ey_site_page_lookup_field (self, role);

  return control != NULL ? control->value : NULL;
}

/* Whether another button role of this page has the same control name: then
 * the value is what tells them apart and cannot be ignored. */
static gboolean
button_name_is_shared (EySitePage       *self,
                       EyButtonRole  button,
                       const char   *name)
{
  for (guint i = 0; i <= EY_BUTTON_ROLE_LAST; i++)
    {
      const char *other_name;
      const char *other_value;

      if (i != button &&
          ey_site_profile_get_button (self->profile, self->kind, i, &other_name, &other_value) &&
          strcmp (other_name, name) == 0)
        return TRUE;
    }
  return FALSE;
}

/* The button for @button: by name and (loosely) value; when the label
 * changed beyond that, by name alone if the name is the button's only
 * identity on this page and one enabled submit carries it. */
static EyForm *
find_button (EySitePage               *self,
             EyButtonRole          button,
             const EyFormControl **control)
{
  const char *name;
  const char *value;
  const EyFormControl *c = NULL;
  EyForm *form;

  if (!ey_site_profile_get_button (self->profile, self->kind, button, &name, &value))
    return NULL;
  form = find_form_with (self, name, value, &c);
  if (form != NULL && c->type == EY_FORM_CONTROL_SUBMIT && !c->disabled)
    {
      *control = c;
      return form;
    }
  if (value == NULL || button_name_is_shared (self, button, name))
    return NULL;

  form = find_form_with (self, name, NULL, &c);
  if (form == NULL || c->type != EY_FORM_CONTROL_SUBMIT || c->disabled)
    return NULL;
  for (guint i = 0; i < ey_form_get_n_controls (form); i++)
    {
      const EyFormControl *other = ey_form_get_control (form, i);

      if (other != c && other->type == EY_FORM_CONTROL_SUBMIT && !other->disabled &&
          strcmp (other->name, name) == 0)
        return NULL;
    }
  g_debug ("button “%s” found by its name; its label is not “%s”", name, value);
  *control = c;
  return form;
}

gboolean
ey_site_page_has_button (EySitePage       *self,
                    EyButtonRole  button)
{
  const EyFormControl *control = NULL;

  g_return_val_if_fail (EY_IS_SITE_PAGE (self), FALSE);

  return find_button (self, button, &control) != NULL;
}

gboolean
ey_site_page_has_choice (EySitePage       *self,
                    EyChoiceRole  choice)
{
  const char *name;
  const char *value;
  const EyFormControl *control = NULL;

  g_return_val_if_fail (EY_IS_SITE_PAGE (self), FALSE);

  if (!ey_site_profile_get_choice (self->profile, self->kind, choice, &name, &value))
    return FALSE;
  return find_form_with (self, name, value, &control) != NULL && !control->disabled;
}

EyFormData *
ey_site_page_new_submission (EySitePage        *self,
                        EyButtonRole   button,
                        GError       **error)
{
  const EyFormControl *control = NULL;
  EyForm *form;
  EyFormData *data;

  g_return_val_if_fail (EY_IS_SITE_PAGE (self), NULL);

  if (self->forms->len == 0)
    {
      g_set_error (error, EY_SITE_PAGE_ERROR, EY_SITE_PAGE_ERROR_NO_FORM,
                   _("The page %s has no form to send."), ey_site_page_kind_get_label (self->kind));
      return NULL;
    }
  if ((form = find_button (self, button, &control)) == NULL)
    {
      g_set_error (error, EY_SITE_PAGE_ERROR, EY_SITE_PAGE_ERROR_NO_BUTTON,
                   _("The page %s has no “%s” button."), ey_site_page_kind_get_label (self->kind),
                   ey_site_role_to_string (EY_TYPE_BUTTON_ROLE, button));
      return NULL;
    }

  data = ey_form_data_new_from_form (form, control->name, control->value);
  ey_form_data_set_roles (data, self->profile, self->kind, 0);
  return data;
}

char *
ey_site_page_get_text (EySitePage *self)
{
  xmlNode *root;

  g_return_val_if_fail (EY_IS_SITE_PAGE (self), NULL);

  root = xmlDocGetRootElement (self->doc);
  for (xmlNode *n = root ? root->children : NULL; n != NULL; n = n->next)
    if (name_is (n, "body"))
      return _ey_xml_text (n);
  return _ey_xml_text (root);
}

xmlDoc *
_ey_site_page_get_doc (EySitePage *self)
{
  g_return_val_if_fail (EY_IS_SITE_PAGE (self), NULL);
  return self->doc;
}
