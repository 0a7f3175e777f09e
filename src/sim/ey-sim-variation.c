/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kamusm-sim"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "ey-sim-server.h"
#include "ey-sim-variation-private.h"

static const struct { const char *name; guint flag; } names[] = {
  { "upper", EY_SIM_VARIATION_UPPER },
  { "nbsp", EY_SIM_VARIATION_NBSP },
  { "ascii-fold", EY_SIM_VARIATION_ASCII_FOLD },
  { "noise", EY_SIM_VARIATION_NOISE },
  { "wrap", EY_SIM_VARIATION_WRAP },
  { "extra-forms", EY_SIM_VARIATION_EXTRA_FORMS },
  { "all", EY_SIM_VARIATION_ALL },
  { "none", 0 },
};

gboolean
ey_sim_variation_parse (const char  *spec,
                        guint       *flags,
                        GError     **error)
{
  g_auto(GStrv) parts = g_strsplit (spec ? spec : "", ",", -1);

  *flags = 0;
  for (guint i = 0; parts[i] != NULL; i++)
    {
      const char *part = g_strstrip (parts[i]);
      gboolean known = FALSE;

      if (*part == '\0')
        continue;
      for (guint n = 0; n < G_N_ELEMENTS (names) && !known; n++)
        if (strcmp (part, names[n].name) == 0)
          {
            *flags |= names[n].flag;
            known = TRUE;
          }
      if (!known)
        {
          g_set_error (error, EY_SIM_ERROR, EY_SIM_ERROR_INVALID,
                       _("Unknown variation “%s”; use upper, nbsp, ascii-fold, noise, wrap, "
                         "extra-forms or all"), part);
          return FALSE;
        }
    }
  return TRUE;
}

/* Turkish upper case without the locale: i → İ, ı → I. */
static gunichar
upper_tr (gunichar c)
{
  if (c == 'i')
    return 0x0130;
  if (c == 0x0131)
    return 'I';
  if (c < 0x80)
    return g_ascii_toupper ((char) c);
  return g_unichar_toupper (c);
}

static gunichar
ascii_fold (gunichar c)
{
  switch (c)
    {
    case 0x00E7: return 'c';
    case 0x00C7: return 'C';
    case 0x011F: return 'g';
    case 0x011E: return 'G';
    case 0x0131: return 'i';
    case 0x0130: return 'I';
    case 0x00F6: return 'o';
    case 0x00D6: return 'O';
    case 0x015F: return 's';
    case 0x015E: return 'S';
    case 0x00FC: return 'u';
    case 0x00DC: return 'U';
    default:     return c;
    }
}

/* Text between tags (or an attribute value): entities stay as they are. */
static void
rewrite_text (GString    *out,
              const char *text,
              gsize       len,
              guint       flags,
              gboolean    in_attribute)
{
  const char *end = text + len;
  guint spaces = 0;

  for (const char *p = text; p < end; )
    {
      gunichar c;

      if (*p == '&')
        {
          const char *semi = memchr (p, ';', end - p);

          if (semi != NULL && semi - p < 12)
            {
              g_string_append_len (out, p, semi + 1 - p);
              p = semi + 1;
              continue;
            }
        }
      c = g_utf8_get_char (p);
      p = g_utf8_next_char (p);
      if (flags & EY_SIM_VARIATION_ASCII_FOLD)
        c = ascii_fold (c);
      if (flags & EY_SIM_VARIATION_UPPER)
        c = upper_tr (c);
      if (c == ' ' && (flags & EY_SIM_VARIATION_NBSP))
        {
          /* Three kinds in turn: an entity, a doubled space, a narrow no-break space. */
          switch (spaces++ % 3)
            {
            case 0: g_string_append (out, in_attribute ? "&#160;" : "&nbsp;"); break;
            case 1: g_string_append (out, "  "); break;
            /* As a reference: windows-1254 and ISO-8859-9 have no U+202F. */
            default: g_string_append (out, "&#8239;"); break;
            }
          continue;
        }
      g_string_append_unichar (out, c);
    }
}

/* A submit button's value is its label: rewritten like text. */
static void
rewrite_tag (GString    *out,
             const char *tag,
             gsize       len,
             guint       flags)
{
  g_autofree char *copy = g_strndup (tag, len);
  const char *value;
  const char *close;

  if (g_ascii_strncasecmp (copy, "<input", 6) != 0 || strstr (copy, "type=\"submit\"") == NULL ||
      (value = strstr (copy, "value=\"")) == NULL ||
      (close = strchr (value + 7, '"')) == NULL)
    {
      g_string_append_len (out, tag, len);
      return;
    }
  g_string_append_len (out, copy, value + 7 - copy);
  rewrite_text (out, value + 7, close - (value + 7), flags, TRUE);
  g_string_append (out, close);
}

static const char *
skip_raw (const char *p,
          const char *name)
{
  g_autofree char *end_tag = g_strconcat ("</", name, NULL);
  const char *end = strstr (p, end_tag);

  return end != NULL ? end : p + strlen (p);
}

static void
rewrite_texts (GString *html,
               guint    flags)
{
  GString *out = g_string_sized_new (html->len + html->len / 4);
  const char *p = html->str;

  while (*p)
    {
      const char *lt = strchr (p, '<');
      const char *gt;

      if (lt == NULL)
        lt = p + strlen (p);
      rewrite_text (out, p, lt - p, flags, FALSE);
      if (*lt == '\0')
        break;
      if (strncmp (lt, "<!--", 4) == 0)
        {
          const char *end = strstr (lt, "-->");

          gt = end != NULL ? end + 2 : lt + strlen (lt) - 1;
        }
      else
        {
          gt = strchr (lt, '>');
          if (gt == NULL)
            gt = lt + strlen (lt) - 1;
        }
      rewrite_tag (out, lt, gt + 1 - lt, flags);
      p = gt + 1;
      /* Scripts, styles and a textarea's text (a value) are not rewritten. */
      for (const char * const *raw = (const char * const[]) { "script", "style", "textarea", NULL };
           *raw != NULL; raw++)
        if (g_ascii_strncasecmp (lt + 1, *raw, strlen (*raw)) == 0)
          {
            const char *end = skip_raw (p, *raw);

            g_string_append_len (out, p, end - p);
            p = end;
            break;
          }
    }
  g_string_assign (html, out->str);
  g_string_free (out, TRUE);
}

static void
replace_all (GString    *html,
             const char *from,
             const char *to)
{
  g_string_replace (html, from, to, 0);
}

/* Writes @text after the ">" that ends each tag beginning with @start. */
static void
insert_after_tag (GString    *html,
                  const char *start,
                  const char *text)
{
  GString *out = g_string_new (NULL);
  const char *p = html->str;
  const char *hit;

  while ((hit = strstr (p, start)) != NULL)
    {
      const char *gt = strchr (hit + strlen (start), '>');

      if (gt == NULL)
        break;
      g_string_append_len (out, p, gt + 1 - p);
      g_string_append (out, text);
      p = gt + 1;
    }
  g_string_append (out, p);
  g_string_assign (html, out->str);
  g_string_free (out, TRUE);
}

void
ey_sim_variation_apply (GString *html,
                        guint    flags)
{
  if (flags & (EY_SIM_VARIATION_UPPER | EY_SIM_VARIATION_NBSP | EY_SIM_VARIATION_ASCII_FOLD))
    rewrite_texts (html, flags);

  if (flags & EY_SIM_VARIATION_WRAP)
    {
      replace_all (html, "<form", "<div class=\"kutu\"><fieldset><legend>Form</legend><form");
      replace_all (html, "</form>", "</form></fieldset></div>");
      replace_all (html, "<input", "<span class=\"alan\"><input");
      /* Every input ends with ">" and the next tag: close the span after it. */
      insert_after_tag (html, "<span class=\"alan\"><input", "</span>");
      g_string_replace (html, "<body>", "<body>\n<table class=\"yerlesim\"><tr><td class=\"orta\"><div class=\"ic\">", 1);
      g_string_replace (html, "</body>", "</div></td></tr></table>\n</body>", 1);
    }

  if (flags & EY_SIM_VARIATION_EXTRA_FORMS)
    {
      g_string_replace (html, "<body>",
                        "<body>\n<form action=\"ara.go\" method=\"get\"><input type=\"text\" name=\"aranan\" value=\"\">"
                        "<input type=\"submit\" name=\"ara\" value=\"Ara\"></form>\n"
                        "<input type=\"hidden\" name=\"sayfaKimligi\" value=\"p-42\">\n", 1);
      g_string_replace (html, "</body>",
                        "<form action=\"geribildirim.go\" method=\"post\"><textarea name=\"gorus\"></textarea>"
                        "<button type=\"submit\" name=\"gonderGorus\">Görüş Gönder</button></form>\n</body>", 1);
      /* Frameworks add their own hidden fields to every form. */
      insert_after_tag (html, "<form", "<input type=\"hidden\" name=\"__izleme\" value=\"x9\">");
    }

  if (flags & EY_SIM_VARIATION_NOISE)
    {
      g_string_replace (html, "</head>",
                        "<style>/* <h1>Gizli</h1> */ .hata { color: red }</style>\n</head>", 1);
      g_string_replace (html, "<body>",
                        "<body>\n<!-- <h1>Eski Başlık</h1> <input name=\"parola\"> <div class=\"hata\">x</div> -->\n"
                        "<script>var s = \"<form action='sahte.go'><input name='smsKodu'></form>\";"
                        " if (1 < 2) { document.title = \"</h1>\"; }</script>\n"
                        "<noscript><p>JavaScript kapalı.</p></noscript>\n", 1);
      replace_all (html, "</div>\n", "</div>\n<!-- ayraç -->\n");
    }
}
