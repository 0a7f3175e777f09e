/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ey-site-report"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <libxml/tree.h>

#include "ey-site-page-private.h"
#include "ey-session.h"
#include "ey-site-report-private.h"
#include "ey-text-private.h"
#include "ey-xml-private.h"
#include "ey-site-profile-private.h"
#include "ey-site-roles-private.h"

typedef struct
{
  GString    *out;
  GHashTable *secret_words;   /* folded words that must not appear */
  GHashTable *personal_words; /* those of them the caller named, not the page's inputs */
  GPtrArray  *secret_phrases; /* folded whole values */
} Report;

static gboolean
is_element (xmlNode    *node,
            const char *name)
{
  return node->type == XML_ELEMENT_NODE &&
         g_ascii_strcasecmp ((const char *) node->name, name) == 0;
}

/* The letters and digits of a folded text: "ayşe," → "ayse". */
static char *
alnum_only (const char *folded)
{
  GString *key = g_string_new (NULL);

  for (const char *p = folded; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isalnum (c))
        g_string_append_unichar (key, c);
    }
  return g_string_free (key, FALSE);
}

/* Letters and digits only, folded: "AYŞE," → "ayse". */
static char *
word_key (const char *word)
{
  g_autofree char *folded = ey_text_fold (word);

  return alnum_only (folded);
}

/* @personal: a value the caller named (the person's), not one of the page's inputs. */
static void
add_secret (Report     *r,
            const char *value,
            gboolean    personal)
{
  g_auto(GStrv) words = NULL;
  g_autofree char *normal = NULL;

  if (value == NULL || *value == '\0')
    return;
  normal = ey_text_normalize (value);
  g_ptr_array_add (r->secret_phrases, ey_text_fold (normal));
  words = g_strsplit (normal, " ", -1);
  for (guint i = 0; words[i] != NULL; i++)
    {
      char *key = word_key (words[i]);

      if (g_utf8_strlen (key, -1) < 2)
        {
          g_free (key);
          continue;
        }
      if (personal)
        g_hash_table_add (r->personal_words, g_strdup (key));
      g_hash_table_add (r->secret_words, key);
    }
}

static gboolean
has_digit (const char *s)
{
  for (; *s; s++)
    if (g_ascii_isdigit (*s))
      return TRUE;
  return FALSE;
}

/* Whether a run of letters and digits in the folded text is one of @words:
 * "goster('ayse')". */
static gboolean
has_word_of (GHashTable *words,
             const char *folded)
{
  gboolean found = FALSE;

  for (const char *p = folded; *p && !found; )
    {
      GString *run = g_string_new (NULL);

      while (*p && !g_unichar_isalnum (g_utf8_get_char (p)))
        p = g_utf8_next_char (p);
      while (*p && g_unichar_isalnum (g_utf8_get_char (p)))
        {
          g_string_append_unichar (run, g_utf8_get_char (p));
          p = g_utf8_next_char (p);
        }
      found = run->len > 0 && g_hash_table_contains (words, run->str);
      g_string_free (run, TRUE);
    }
  return found;
}

/* Whether @key (alnum_only ()) holds one of the person's words anywhere, even glued to others
 * ("LJAYŞEa": the texts of adjacent elements run together).  Words of four letters or
 * more: "Ali" would hide "Kalite" (shorter ones and the page's own input values are
 * matched as runs of letters and digits, has_word_of ()). */
static gboolean
holds_personal (Report     *r,
                const char *key)
{
  GHashTableIter iter;
  gpointer word;

  g_hash_table_iter_init (&iter, r->personal_words);
  while (g_hash_table_iter_next (&iter, &word, NULL))
    if (g_utf8_strlen (word, -1) >= 4 && strstr (key, word) != NULL)
      return TRUE;
  return FALSE;
}

/* Whether the folded text holds a whole value of six letters or more ("igdir
 * universitesi"), whatever the words around it. */
static gboolean
holds_secret_phrase (Report     *r,
                     const char *folded)
{
  for (guint i = 0; i < r->secret_phrases->len; i++)
    {
      const char *phrase = g_ptr_array_index (r->secret_phrases, i);

      if (g_utf8_strlen (phrase, -1) >= 6 && strstr (folded, phrase) != NULL)
        return TRUE;
    }
  return FALSE;
}

/* The text as IT may see it: digits masked, personal words replaced. */
static char *
mask (Report     *r,
      const char *text)
{
  g_autofree char *normal = ey_text_normalize (text);
  g_auto(GStrv) words = g_strsplit (normal, " ", -1);
  GString *out = g_string_new (NULL);
  guint after_salutation = 0;

  for (guint i = 0; words[i] != NULL; i++)
    {
      g_autofree char *folded = ey_text_fold (words[i]);
      g_autofree char *key = alnum_only (folded);

      if (out->len > 0)
        g_string_append_c (out, ' ');
      if (after_salutation > 0)
        {
          after_salutation--;
          g_string_append (out, "[…]");
          continue;
        }
      if (strchr (words[i], '@') != NULL)
        g_string_append (out, "[e-mail]");
      else if (*key != '\0' && (g_hash_table_contains (r->secret_words, key) ||
                                 /* glued to markup or punctuation: "AYŞE<b>" */
                                 has_word_of (r->secret_words, folded) ||
                                 holds_personal (r, key)))
        g_string_append (out, "[…]");
      else if (has_digit (words[i]))
        {
          for (const char *p = words[i]; *p; p++)
            g_string_append_c (out, g_ascii_isdigit (*p) ? '#' : *p);
        }
      else
        g_string_append (out, words[i]);
      /* "Sayın Ayşe Yılmaz": whatever follows the salutation is a name. */
      if (strcmp (key, "sayin") == 0)
        after_salutation = 3;
    }
  /* A value split over words ("IĞDIR ÜNİVERSİTESİ") is caught word by word;
   * a last check on the whole, so nothing slips through in another spacing. */
  {
    g_autofree char *folded = ey_text_fold (out->str);

    if (holds_secret_phrase (r, folded))
      {
        g_string_free (out, TRUE);
        return g_strdup ("[…]");
      }
  }
  return g_string_free (out, FALSE);
}

/* A name, id, class or type from the page: the site's own words, shown as they are, but
 * a site may name them after the person or number them after the order
 * ("satir_12345678950"): the person's words make it "[…]", and runs of three digits or
 * more are masked.  (Not the page's input values: "giris" may be both a button's name
 * and a hidden field's value.) */
static char *
identifier (Report     *r,
            const char *text)
{
  g_autofree char *folded = NULL;
  g_autofree char *key = NULL;
  GString *out;

  if (text == NULL)
    return NULL;
  folded = ey_text_fold (text);
  key = alnum_only (folded);
  if (holds_personal (r, key) || has_word_of (r->personal_words, folded))
    return g_strdup ("[…]");
  out = g_string_new (NULL);
  for (const char *p = text; *p; )
    {
      gsize digits = strspn (p, "0123456789");

      if (digits >= 3)
        for (gsize k = 0; k < digits; k++)
          g_string_append_c (out, '#');
      else if (digits > 0)
        g_string_append_len (out, p, (gssize) digits);
      else
        {
          g_string_append_c (out, *p);
          digits = 1;
        }
      p += digits;
    }
  return g_string_free (out, FALSE);
}

static char *
attr_identifier (Report     *r,
                 xmlNode    *node,
                 const char *name)
{
  g_autofree char *value = _ey_xml_attr (node, name);

  return identifier (r, value);
}

/* One path segment: a personal word or value goes whole; otherwise it is masked as an
 * identifier is, so "basvuru2" stays (IT needs it to write a profile) and an identity,
 * order or phone number does not. */
static void
append_segment (Report     *r,
                GString    *out,
                const char *segment)
{
  g_autofree char *folded = ey_text_fold (segment);

  if (strchr (segment, '@') != NULL)
    {
      g_string_append (out, "[e-mail]");
      return;
    }
  /* Each run of letters and digits on its own too: "goster('AYŞE')". */
  if (has_word_of (r->secret_words, folded) || holds_secret_phrase (r, folded))
    {
      g_string_append (out, "[…]");
      return;
    }
  {
    g_autofree char *masked = identifier (r, segment);

    g_string_append (out, masked);
  }
}

/* A URL or path as IT may see it.  The query and fragment go (they carry tokens);
 * the origin stays, for it is the site's address and not the person's, less any
 * user name in it; each path segment is masked (append_segment()), for a site may
 * put an identity number or an order number in its paths ("/basvuru/12345678950/"). */
static char *
address (Report     *r,
         const char *href)
{
  g_autofree char *bare = NULL;
  g_auto(GStrv) segments = NULL;
  GString *out = g_string_new (NULL);
  const char *path;
  const char *scheme_end;
  gsize end;

  if (href == NULL)
    return g_string_free (out, FALSE);
  end = strcspn (href, "?#");
  bare = g_strndup (href, end);
  path = bare;
  scheme_end = strstr (bare, "://");
  if (scheme_end != NULL && scheme_end == bare + strspn (bare, "abcdefghijklmnopqrstuvwxyz"
                                                                "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
                                                                "0123456789+.-"))
    {
      const char *authority = scheme_end + 3;
      const char *authority_end = authority + strcspn (authority, "/");
      const char *at = memchr (authority, '@', (gsize) (authority_end - authority));

      g_string_append_len (out, bare, authority - bare);
      if (at != NULL)
        {
          g_string_append (out, "[…]@");
          authority = at + 1;
        }
      g_string_append_len (out, authority, authority_end - authority);
      path = authority_end;
    }

  segments = g_strsplit (path, "/", -1);
  for (guint i = 0; segments[i] != NULL; i++)
    {
      /* Path parameters (";jsessionid=…") are a session, as a cookie is. */
      char *params = strchr (segments[i], ';');
      g_autofree char *text = NULL;

      if (params != NULL)
        *params = '\0';
      text = g_uri_unescape_string (segments[i], NULL);
      if (i > 0)
        g_string_append_c (out, '/');
      /* Not one readable word: nothing of it is shown. */
      if (text == NULL || !g_utf8_validate (text, -1, NULL) || strchr (text, ' ') != NULL)
        g_string_append (out, "[…]");
      else if (*text != '\0')
        append_segment (r, out, text);
      if (params != NULL)
        g_string_append (out, ";…");
    }
  if (href[end] != '\0')
    g_string_append (out, "?…");
  return g_string_free (out, FALSE);
}

static void
line (Report     *r,
      guint       depth,
      const char *format,
      ...) G_GNUC_PRINTF (3, 4);

static void
line (Report     *r,
      guint       depth,
      const char *format,
      ...)
{
  va_list args;
  g_autofree char *text = NULL;
  g_autofree char *valid = NULL;

  for (guint i = 0; i < depth; i++)
    g_string_append (r->out, "  ");
  va_start (args, format);
  text = g_strdup_vprintf (format, args);
  va_end (args);
  /* IT reads the report in a terminal or an editor: nothing the site sent may move the
   * cursor, set a title, or turn the text around (ESC, C1, U+202E …). */
  valid = g_utf8_make_valid (text, -1);
  for (const char *p = valid; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      GUnicodeType type = g_unichar_type (c);

      if (type == G_UNICODE_CONTROL || type == G_UNICODE_FORMAT ||
          type == G_UNICODE_LINE_SEPARATOR || type == G_UNICODE_PARAGRAPH_SEPARATOR)
        g_string_append_unichar (r->out, 0xFFFD);
      else
        g_string_append_unichar (r->out, c);
    }
  g_string_append_c (r->out, '\n');
}

static void
describe_control (Report  *r,
                  xmlNode *node,
                  guint    depth)
{
  g_autofree char *type = attr_identifier (r, node, "type");
  g_autofree char *name = attr_identifier (r, node, "name");
  g_autofree char *id = attr_identifier (r, node, "id");
  g_autofree char *value = _ey_xml_attr (node, "value");
  g_autofree char *kind = NULL;
  g_autofree char *label = NULL;
  gboolean is_button;
  GString *flags = g_string_new (NULL);

  if (is_element (node, "select"))
    {
      guint n = 0;

      for (xmlNode *o = node->children; o != NULL; o = o->next)
        if (is_element (o, "option"))
          n++;
        else if (is_element (o, "optgroup"))
          for (xmlNode *oo = o->children; oo != NULL; oo = oo->next)
            n += is_element (oo, "option");
      kind = g_strdup_printf ("select (%u options)", n);
    }
  else if (is_element (node, "textarea"))
    kind = g_strdup ("textarea");
  else if (is_element (node, "button"))
    kind = g_strdup_printf ("button type=%s", type ? type : "submit");
  else
    kind = g_strdup_printf ("input type=%s", type ? type : "text");

  is_button = is_element (node, "button") ||
              (type != NULL && (g_ascii_strcasecmp (type, "submit") == 0 ||
                                g_ascii_strcasecmp (type, "button") == 0));
  if (is_element (node, "button"))
    {
      g_autofree char *text = _ey_xml_text (node);

      label = mask (r, text);
    }
  else if (is_button && value != NULL)
    label = mask (r, value);

  for (const char * const *f = (const char * const[]) { "readonly", "disabled", "required",
                                                        "checked", "selected", NULL };
       *f != NULL; f++)
    if (xmlHasProp (node, (const xmlChar *) *f))
      g_string_append_printf (flags, " %s", *f);
  /* Radio and check box values are the site's constants, not what was typed. */
  if (type != NULL && (g_ascii_strcasecmp (type, "radio") == 0 ||
                       g_ascii_strcasecmp (type, "checkbox") == 0) && value != NULL)
    {
      g_autofree char *masked = mask (r, value);

      g_string_append_printf (flags, " value=“%s”", masked);
    }
  else if (!is_button && value != NULL && *value != '\0')
    g_string_append (flags, " (value removed)");

  line (r, depth, "%s name=“%s”%s%s%s%s%s%s", kind, name ? name : "",
        id ? " id=“" : "", id ? id : "", id ? "”" : "",
        label ? " label=“" : "", label ? label : "", label ? "”" : "");
  if (flags->len > 0)
    line (r, depth + 1, "%s", flags->str + 1);
  g_string_free (flags, TRUE);
}

static char *
classes_of (Report  *r,
            xmlNode *node)
{
  g_autofree char *cls = _ey_xml_attr (node, "class");
  g_autofree char *id = attr_identifier (r, node, "id");
  g_autofree char *tag = identifier (r, (const char *) node->name);
  GString *s = g_string_new (tag);

  if (id != NULL)
    g_string_append_printf (s, "#%s", id);
  if (cls != NULL)
    {
      g_autofree char *norm = ey_text_normalize (cls);
      g_auto(GStrv) parts = g_strsplit (norm, " ", -1);

      for (guint i = 0; parts[i] != NULL; i++)
        if (*parts[i] != '\0')
          {
            g_autofree char *part = identifier (r, parts[i]);

            g_string_append_printf (s, ".%s", part);
          }
    }
  return g_string_free (s, FALSE);
}

static void
walk (Report  *r,
      xmlNode *node,
      guint    depth)
{
  for (xmlNode *n = node->children; n != NULL; n = n->next)
    {
      if (n->type != XML_ELEMENT_NODE)
        continue;
      if (is_element (n, "script") || is_element (n, "style") || is_element (n, "noscript") ||
          is_element (n, "template"))
        continue;

      if (g_ascii_strncasecmp ((const char *) n->name, "h", 1) == 0 && n->name[1] >= '1' &&
          n->name[1] <= '6' && n->name[2] == '\0')
        {
          g_autofree char *text = _ey_xml_text (n);
          g_autofree char *masked = mask (r, text);

          line (r, depth, "heading %s: “%s”", (const char *) n->name, masked);
          continue;
        }
      if (is_element (n, "form"))
        {
          g_autofree char *action = _ey_xml_attr (n, "action");
          g_autofree char *method = attr_identifier (r, n, "method");
          g_autofree char *id = attr_identifier (r, n, "id");
          g_autofree char *act = address (r, action);

          line (r, depth, "form action=“%s” method=%s%s%s", act, method ? method : "get",
                id ? " id=" : "", id ? id : "");
          walk (r, n, depth + 1);
          continue;
        }
      if (is_element (n, "input") || is_element (n, "select") || is_element (n, "textarea") ||
          is_element (n, "button"))
        {
          describe_control (r, n, depth);
          continue;
        }
      if (is_element (n, "label") || is_element (n, "legend") || is_element (n, "th"))
        {
          g_autofree char *text = _ey_xml_text (n);
          g_autofree char *masked = mask (r, text);
          g_autofree char *target = attr_identifier (r, n, "for");

          line (r, depth, "%s%s%s: “%s”", (const char *) n->name, target ? " for=" : "",
                target ? target : "", masked);
          walk (r, n, depth + 1);
          continue;
        }
      if (is_element (n, "a"))
        {
          g_autofree char *href = _ey_xml_attr (n, "href");
          g_autofree char *path = address (r, href);
          g_autofree char *text = _ey_xml_text (n);
          g_autofree char *masked = mask (r, text);
          g_autofree char *what = classes_of (r, n);

          line (r, depth, "link %s href=“%s”: “%s”", what, path, masked);
          continue;
        }
      if (is_element (n, "img"))
        {
          g_autofree char *src = _ey_xml_attr (n, "src");
          g_autofree char *path = address (r, src);

          line (r, depth, "image src=“%s”", path);
          continue;
        }
      if (is_element (n, "tr"))
        {
          g_autofree char *what = classes_of (r, n);
          guint cells = 0;

          /* Rows are data (orders, names): their shape only. */
          for (xmlNode *c = n->children; c != NULL; c = c->next)
            cells += is_element (c, "td");
          if (cells > 0)
            {
              line (r, depth, "row %s: %u cells", what, cells);
              for (xmlNode *c = n->children; c != NULL; c = c->next)
                if (is_element (c, "td"))
                  {
                    g_autofree char *cell = classes_of (r, c);

                    line (r, depth + 1, "%s", cell);
                    walk (r, c, depth + 2);
                  }
              continue;
            }
        }

      {
        g_autofree char *cls = _ey_xml_attr (n, "class");
        g_autofree char *id = _ey_xml_attr (n, "id");

        /* Elements that carry a class or id may be messages, timers or
         * codes: name them with a short masked text. */
        if ((cls != NULL || id != NULL) && !is_element (n, "body") && !is_element (n, "html"))
          {
            g_autofree char *what = classes_of (r, n);
            g_autofree char *text = _ey_xml_text (n);
            g_autofree char *masked = NULL;

            if (g_utf8_strlen (text, -1) > 200)
              {
                g_autofree char *head = g_utf8_substring (text, 0, 200);

                masked = mask (r, head);
                line (r, depth, "%s: “%s…”", what, masked);
              }
            else
              {
                masked = mask (r, text);
                line (r, depth, "%s: “%s”", what, masked);
              }
            walk (r, n, depth + 1);
            continue;
          }
      }
      walk (r, n, depth);
    }
}

static void
collect_input_values (Report  *r,
                      xmlNode *node)
{
  for (xmlNode *n = node->children; n != NULL; n = n->next)
    {
      if (n->type != XML_ELEMENT_NODE)
        continue;
      if (is_element (n, "input"))
        {
          g_autofree char *type = _ey_xml_attr (n, "type");
          g_autofree char *value = _ey_xml_attr (n, "value");

          if (type == NULL || (g_ascii_strcasecmp (type, "submit") != 0 &&
                               g_ascii_strcasecmp (type, "radio") != 0 &&
                               g_ascii_strcasecmp (type, "checkbox") != 0 &&
                               g_ascii_strcasecmp (type, "button") != 0))
            add_secret (r, value, FALSE);
        }
      else if (is_element (n, "textarea"))
        {
          g_autofree char *text = _ey_xml_text (n);

          add_secret (r, text, FALSE);
        }
      collect_input_values (r, n);
    }
}

char *
ey_site_report_build (EySitePage             *page,
                      const char         *problem,
                      const char * const *personal)
{
  Report r;
  EySiteProfile *profile;
  xmlDoc *doc;
  xmlNode *root;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *stamp = g_date_time_format (now, "%Y-%m-%d %H:%M UTC");
  g_autofree char *url = NULL;

  g_return_val_if_fail (EY_IS_SITE_PAGE (page), NULL);

  r.out = g_string_new (NULL);
  r.secret_words = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  r.secret_phrases = g_ptr_array_new_with_free_func (g_free);
  r.personal_words = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; personal != NULL && personal[i] != NULL; i++)
    add_secret (&r, personal[i], TRUE);
  doc = _ey_site_page_get_doc (page);
  root = xmlDocGetRootElement (doc);
  if (root != NULL)
    collect_input_values (&r, root);

  profile = ey_site_page_get_profile (page);
  url = address (&r, ey_site_page_get_url (page));
  line (&r, 0, "e-İmza Yenile %s: report for IT about a page the site profile did not match", PACKAGE_VERSION);
  line (&r, 0, "Written: %s. Personal data removed: input values, cookies, query strings, digits, names.", stamp);
  line (&r, 0, "How to use it: docs/site-profile.md (Writing a profile from a report).");
  line (&r, 0, "%s", "");
  line (&r, 0, "Profile: %s version %u (%s)", ey_site_profile_get_id (profile),
        ey_site_profile_get_version (profile), ey_site_profile_get_origin (profile));
  line (&r, 0, "Page URL: %s", url);
  line (&r, 0, "Charset: %s", ey_site_page_get_charset (page));
  line (&r, 0, "Recognised as: %s", ey_site_page_kind_to_string (ey_site_page_get_kind (page)));
  if (problem != NULL)
    {
      g_autofree char *masked = mask (&r, problem);

      line (&r, 0, "Problem: %s", masked);
    }
  if (ey_site_page_get_title (page) != NULL)
    {
      g_autofree char *masked = mask (&r, ey_site_page_get_title (page));

      line (&r, 0, "Title: “%s”", masked);
    }
  line (&r, 0, "%s", "");
  line (&r, 0, "Structure:");
  if (root != NULL)
    walk (&r, root, 1);

  g_hash_table_unref (r.secret_words);
  g_hash_table_unref (r.personal_words);
  g_ptr_array_unref (r.secret_phrases);
  return g_string_free (r.out, FALSE);
}

char *
ey_site_report_build_for_session (EySession  *session,
                                  const char *problem)
{
  g_autoptr(GPtrArray) personal = g_ptr_array_new ();
  EySitePage *page;
  GPtrArray *form;

  g_return_val_if_fail (EY_IS_SESSION (session), NULL);

  page = ey_session_get_unrecognised_page (session);
  if (page == NULL)
    return NULL;
  g_ptr_array_add (personal, (gpointer) ey_session_get_identity (session));
  g_ptr_array_add (personal, (gpointer) ey_session_get_applicant_name (session));
  g_ptr_array_add (personal, (gpointer) ey_session_get_institution (session));
  g_ptr_array_add (personal, (gpointer) ey_session_get_masked_phone (session));
  g_ptr_array_add (personal, (gpointer) ey_session_get_verification_code (session));
  g_ptr_array_add (personal, (gpointer) ey_session_get_order_id (session));
  form = ey_session_get_form (session);
  for (guint i = 0; form != NULL && i < form->len; i++)
    {
      const EySessionField *field = g_ptr_array_index (form, i);

      /* The security word is never on a page, and no copy of it is made here. */
      if (!field->secret)
        g_ptr_array_add (personal, field->value);
    }
  /* NULLs (values the session does not have) would end the list early. */
  for (guint i = personal->len; i > 0; i--)
    if (g_ptr_array_index (personal, i - 1) == NULL)
      g_ptr_array_remove_index (personal, i - 1);
  g_ptr_array_add (personal, NULL);
  return ey_site_report_build (page, problem, (const char * const *) personal->pdata);
}

gboolean
ey_site_report_write_file (const char  *report,
                           GFile       *file,
                           GError     **error)
{
  g_autofree char *path = g_file_get_path (file);
  g_autoptr(GFileOutputStream) out = NULL;

  g_return_val_if_fail (report != NULL, FALSE);

  out = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_PRIVATE | G_FILE_CREATE_REPLACE_DESTINATION,
                        NULL, error);
  if (out == NULL)
    return FALSE;
  if (!g_output_stream_write_all (G_OUTPUT_STREAM (out), report, strlen (report), NULL, NULL, error) ||
      !g_output_stream_close (G_OUTPUT_STREAM (out), NULL, error))
    return FALSE;
  if (path != NULL)
    g_chmod (path, 0600);
  return TRUE;
}

gboolean
ey_site_report_save (const char  *report,
                     const char  *dir,
                     char       **path,
                     GError     **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%d-%H%M%S");
  g_autofree char *name = g_strdup_printf ("eimza-yenile-site-report-%s.txt", stamp);
  g_autofree char *full = g_build_filename (dir, name, NULL);
  g_autoptr(GFile) file = NULL;

  g_return_val_if_fail (report != NULL, FALSE);
  g_return_val_if_fail (dir != NULL, FALSE);

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("Cannot create the folder “%s”: %s"), dir, g_strerror (saved));
      return FALSE;
    }
  file = g_file_new_for_path (full);
  if (!ey_site_report_write_file (report, file, error))
    return FALSE;
  if (path != NULL)
    *path = g_steal_pointer (&full);
  return TRUE;
}
