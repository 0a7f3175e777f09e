/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ey-email"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

#include "ey-email-private.h"
#include "ey-site-page.h"
#include "ey-text-private.h"

struct _EyEmail
{
  GObject    parent_instance;

  char      *full_name;
  char      *institution;
  char      *password;
  char      *sender;
  char      *link;
  char      *untrusted_link;
  GPtrArray *warnings;      /* translated strings, NULL-terminated */
  guint      raised;        /* bit per EyEmailWarning */
};

G_DEFINE_TYPE (EyEmail, ey_email, G_TYPE_OBJECT)

static void
wipe_free (char *s)
{
  if (s == NULL)
    return;
  explicit_bzero (s, strlen (s));
  g_free (s);
}

static void
ey_email_finalize (GObject *object)
{
  EyEmail *self = (EyEmail *)object;

  g_free (self->full_name);
  g_free (self->institution);
  wipe_free (self->password);
  g_free (self->sender);
  g_free (self->link);
  g_free (self->untrusted_link);
  g_ptr_array_unref (self->warnings);

  G_OBJECT_CLASS (ey_email_parent_class)->finalize (object);
}

static void
ey_email_class_init (EyEmailClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = ey_email_finalize;
}

static void
ey_email_init (EyEmail *self)
{
  self->warnings = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (self->warnings, NULL);
}

static void
warn (EyEmail        *self,
      EyEmailWarning  warning,
      char           *message)
{
  self->raised |= 1u << warning;
  /* Keep the array NULL-terminated for ey_email_get_warnings(). */
  g_ptr_array_insert (self->warnings, self->warnings->len - 1, message);
}

/* ------------------------------------------------------------------ */
/* Link and sender checks                                               */

static const char * const shorteners[] = {
  "bit.ly", "t.co", "tinyurl.com", "goo.gl", "ow.ly", "is.gd", "buff.ly", "cutt.ly",
  "rebrand.ly", "shorturl.at", "t.ly", "rb.gy", "tiny.cc", "s.id", "bit.do", "v.gd",
  "lnkd.in", "short.io", "kisa.link", "kisalink.com", "u.nu", "qr.net",
};

static gboolean
set_reason (char      **reason,
            char       *text)
{
  if (reason != NULL)
    *reason = text;
  else
    g_free (text);
  return FALSE;
}

static gboolean
is_ip_literal (const char *host)
{
  gboolean dot = FALSE;

  if (host[0] == '[')
    return TRUE;
  for (const char *p = host; *p; p++)
    {
      if (*p == '.')
        dot = TRUE;
      else if (!g_ascii_isdigit (*p) && !(p[0] == '0' && (p[1] == 'x' || p[1] == 'X')) &&
               !g_ascii_isxdigit (*p))
        return FALSE;
    }
  /* All digits (and hex) with dots, or a bare number: 3232235777, 0x7f.1 … */
  return dot || g_ascii_isdigit (host[0]);
}

gboolean
ey_email_check_link (const char  *url,
                     char       **reason)
{
  g_autofree char *authority = NULL;
  g_autofree char *host = NULL;
  const char *rest;
  const char *path;
  const char *colon;
  gsize auth_len;

  if (reason != NULL)
    *reason = NULL;
  if (url == NULL || *url == '\0')
    return set_reason (reason, g_strdup (_("The link is empty.")));

  for (const char *p = url; *p; p++)
    if ((guchar)*p <= ' ' || *p == 0x7f || *p == '\\')
      return set_reason (reason, g_strdup (_("The link contains spaces, control characters "
                                             "or backslashes, a trick to hide where it "
                                             "leads.")));

  if (g_ascii_strncasecmp (url, "http://", 7) == 0)
    return set_reason (reason, g_strdup (_("The link is not encrypted (http instead of "
                                           "https); the real site always uses https.")));
  if (g_ascii_strncasecmp (url, "https://", 8) != 0)
    return set_reason (reason, g_strdup (_("The link does not start with https://.")));

  rest = url + 8;
  auth_len = strcspn (rest, "/?#");
  authority = g_strndup (rest, auth_len);
  path = rest + auth_len;

  if (strchr (authority, '@') != NULL)
    return set_reason (reason, g_strdup (_("The link hides its real destination behind a "
                                           "user name (user@host).")));
  if (strchr (authority, '%') != NULL)
    return set_reason (reason, g_strdup (_("The link's host name is percent-encoded, a trick "
                                           "to hide where it leads.")));
  for (const char *p = authority; *p; p++)
    if ((guchar)*p >= 0x80)
      return set_reason (reason, g_strdup (_("The link's host name contains letters from "
                                             "other alphabets (such as Cyrillic letters or "
                                             "a dotless ı) that imitate the real site.")));

  colon = strrchr (authority, ':');
  if (colon != NULL && authority[0] != '[')
    {
      if (strcmp (colon + 1, "443") != 0)
        return set_reason (reason, g_strdup_printf (_("The link uses an unusual port (%s)."),
                                                    colon + 1));
      host = g_ascii_strdown (authority, colon - authority);
    }
  else
    host = g_ascii_strdown (authority, -1);

  if (*host == '\0')
    return set_reason (reason, g_strdup (_("The link has no host name.")));
  if (g_str_has_prefix (host, "xn--") || strstr (host, ".xn--") != NULL)
    return set_reason (reason, g_strdup_printf (_("The link's host “%s” is an international "
                                                  "(punycode) name that can imitate the real "
                                                  "site."), host));
  if (is_ip_literal (host))
    return set_reason (reason, g_strdup_printf (_("The link leads to a bare IP address (%s), "
                                                  "not to the KamuSM site."), host));
  for (guint i = 0; i < G_N_ELEMENTS (shorteners); i++)
    if (strcmp (host, shorteners[i]) == 0)
      return set_reason (reason, g_strdup_printf (_("The link is shortened (%s); it hides "
                                                    "where it leads."), host));

  if (strcmp (host, EY_EMAIL_TRUSTED_HOST) != 0)
    {
      if (strstr (host, "kamusm") != NULL || strstr (host, "basvuru") != NULL)
        return set_reason (reason, g_strdup_printf (_("The link leads to “%s”, a look-alike "
                                                      "of the real site %s."),
                                                    host, EY_EMAIL_TRUSTED_HOST));
      return set_reason (reason, g_strdup_printf (_("The link leads to another site (%s), "
                                                    "not to %s."), host, EY_EMAIL_TRUSTED_HOST));
    }

  /* Paths are case-sensitive and must not climb out of /bs/. */
  if (!g_str_has_prefix (path, EY_EMAIL_TRUSTED_PATH) || strstr (path, "/..") != NULL ||
      strstr (path, "/./") != NULL)
    return set_reason (reason, g_strdup_printf (_("The link is not under %s on the KamuSM "
                                                  "site."), EY_EMAIL_TRUSTED_PATH));
  return TRUE;
}

static char *
extract_address (const char *text)
{
  const char *lt = strchr (text, '<');
  const char *at;
  const char *start;
  const char *end;

  if (lt != NULL && strchr (lt, '>') != NULL)
    return g_strstrip (g_strndup (lt + 1, strchr (lt, '>') - lt - 1));
  at = strchr (text, '@');
  if (at == NULL)
    return NULL;
  for (start = at; start > text && !g_ascii_isspace (start[-1]) && start[-1] != ':' &&
       start[-1] != '"' && start[-1] != '('; start--)
    ;
  for (end = at; *end && !g_ascii_isspace (*end) && *end != ')' && *end != '"'; end++)
    ;
  return g_strndup (start, end - start);
}

gboolean
ey_email_check_sender (const char *address)
{
  g_autofree char *addr = NULL;

  if (address == NULL)
    return FALSE;
  addr = extract_address (address);
  return addr != NULL && g_ascii_strcasecmp (addr, EY_EMAIL_TRUSTED_SENDER) == 0;
}

/* ------------------------------------------------------------------ */
/* Cleaning the paste                                                   */

static int
hex_value (char c)
{
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'A' && c <= 'F')
    return c - 'A' + 10;
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  return -1;
}

static gboolean
looks_quoted_printable (const char *text)
{
  return strstr (text, "=\n") != NULL || strstr (text, "=\r\n") != NULL ||
         strstr (text, "=3D") != NULL || strstr (text, "=C4=") != NULL ||
         strstr (text, "=C5=") != NULL || strstr (text, "=C3=") != NULL;
}

static char *
decode_quoted_printable (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p; p++)
    {
      if (p[0] == '=' && p[1] == '\r' && p[2] == '\n')
        p += 2;
      else if (p[0] == '=' && (p[1] == '\n' || p[1] == '\r'))
        p += 1;
      else if (p[0] == '=' && hex_value (p[1]) >= 0 && hex_value (p[2]) >= 0)
        {
          g_string_append_c (out, (char)(hex_value (p[1]) * 16 + hex_value (p[2])));
          p += 2;
        }
      else
        g_string_append_c (out, *p);
    }

  if (!g_utf8_validate (out->str, out->len, NULL))
    {
      /* A Turkish mail in Latin-5. */
      char *converted = g_convert (out->str, out->len, "UTF-8", "ISO-8859-9", NULL, NULL, NULL);

      if (converted != NULL)
        {
          g_string_free (out, TRUE);
          return converted;
        }
    }
  return g_string_free (out, FALSE);
}

static gboolean
looks_html (const char *text)
{
  static const char * const tags[] = { "<html", "<body", "<br", "<p>", "<p ", "<div", "<a ",
                                       "<table", "<span", "<td", "</" };

  for (guint i = 0; i < G_N_ELEMENTS (tags); i++)
    for (const char *p = strchr (text, '<'); p != NULL; p = strchr (p + 1, '<'))
      if (g_ascii_strncasecmp (p, tags[i], strlen (tags[i])) == 0)
        return TRUE;
  return FALSE;
}

static gboolean
is_block (xmlNode *node)
{
  static const char * const blocks[] = { "p", "div", "br", "tr", "li", "h1", "h2", "h3", "h4",
                                         "table", "blockquote", "pre", "hr", "ul",
                                         "ol", "section", "article", "header", "footer" };

  for (guint i = 0; i < G_N_ELEMENTS (blocks); i++)
    if (g_ascii_strcasecmp ((const char *)node->name, blocks[i]) == 0)
      return TRUE;
  return FALSE;
}

static void
html_walk (xmlNode   *node,
           GString   *text,
           GPtrArray *hrefs)
{
  for (xmlNode *n = node; n != NULL; n = n->next)
    {
      if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE)
        {
          g_string_append (text, (const char *)n->content);
          continue;
        }
      if (n->type != XML_ELEMENT_NODE)
        continue;
      if (g_ascii_strcasecmp ((const char *)n->name, "script") == 0 ||
          g_ascii_strcasecmp ((const char *)n->name, "style") == 0 ||
          g_ascii_strcasecmp ((const char *)n->name, "head") == 0)
        continue;
      if (g_ascii_strcasecmp ((const char *)n->name, "a") == 0)
        {
          xmlChar *href = xmlGetProp (n, (const xmlChar *)"href");

          if (href != NULL)
            g_ptr_array_add (hrefs, g_strstrip (g_strdup ((const char *)href)));
          xmlFree (href);
        }
      if (is_block (n))
        g_string_append_c (text, '\n');
      html_walk (n->children, text, hrefs);
      if (is_block (n))
        g_string_append_c (text, '\n');
      else if (g_ascii_strcasecmp ((const char *)n->name, "td") == 0 ||
               g_ascii_strcasecmp ((const char *)n->name, "th") == 0)
        g_string_append_c (text, ' ');   /* cells of a row stay on one line */
    }
}

static void
silent_error (void       *data,
              xmlErrorPtr err)
{
}

static char *
html_to_text (const char *html,
              GPtrArray  *hrefs)
{
  htmlParserCtxtPtr ctxt = htmlNewParserCtxt ();
  htmlDocPtr doc;
  GString *text = g_string_new (NULL);
  xmlStructuredErrorFunc saved_handler;
  void *saved_context;

  /* Quiet for this parse only: another handler may be installed. */
  saved_handler = xmlStructuredError;
  saved_context = xmlStructuredErrorContext;
  xmlSetStructuredErrorFunc (NULL, silent_error);
  doc = htmlCtxtReadMemory (ctxt, html, strlen (html), "mail.html", "UTF-8",
                            HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
                            HTML_PARSE_NONET);
  xmlSetStructuredErrorFunc (saved_context, saved_handler);
  htmlFreeParserCtxt (ctxt);
  if (doc != NULL)
    {
      html_walk (xmlDocGetRootElement (doc), text, hrefs);
      xmlFreeDoc (doc);
    }
  return g_string_free (text, FALSE);
}

/* ------------------------------------------------------------------ */
/* Folding: Turkish letters to ASCII, ASCII lower case, with a map back */

typedef struct
{
  char   *folded;   /* ASCII-ish lower case */
  GArray *offsets;  /* guint: byte offset in the original for each folded byte (+1 end) */
} Folded;

static void
folded_clear (Folded *f)
{
  /* The folded line may be the one with the password. */
  wipe_free (f->folded);
  g_array_unref (f->offsets);
}

/* The shared fold (ey-text.h), kept to one byte per character so the map
 * back to the original stays simple: anything else non-ASCII is "?". */
static char
fold_char (gunichar c)
{
  gunichar f = ey_text_fold_unichar (c);

  return f < 0x80 ? (char) f : '?';
}

static void
fold (const char *line,
      Folded     *f)
{
  GString *out = g_string_new (NULL);

  f->offsets = g_array_new (FALSE, FALSE, sizeof (guint));
  for (const char *p = line; *p; p = g_utf8_next_char (p))
    {
      guint off = p - line;

      char fc = fold_char (g_utf8_get_char (p));

      /* Combining marks and zero-width characters are dropped. */
      if (fc == '\0')
        continue;
      g_string_append_c (out, fc);
      g_array_append_val (f->offsets, off);
    }
  {
    guint end = strlen (line);

    g_array_append_val (f->offsets, end);
  }
  f->folded = g_string_free (out, FALSE);
}

static const char *
orig_at (const char   *line,
         const Folded *f,
         gsize         folded_index)
{
  return line + g_array_index (f->offsets, guint, folded_index);
}

/* ------------------------------------------------------------------ */
/* Extraction                                                           */

static const char * const noise_words[] = {
  "kopyala", "kopyala.", "copy", "ctrl+c", "ctrlsc", "ctrl+p", "ctrl+v", "yazdir", "yanitla",
  "ilet", "reply", "forward",
};

static gboolean
is_noise (const char *token)
{
  g_autofree char *lower = g_ascii_strdown (token, -1);

  for (guint i = 0; i < G_N_ELEMENTS (noise_words); i++)
    if (strcmp (lower, noise_words[i]) == 0)
      return TRUE;
  return FALSE;
}

/* The first whitespace-separated token, without enclosing brackets or quotes. */
static char *
first_token (const char *text)
{
  static const char openers[] = "[(<\"'{";
  static const char closers[] = "])>\"'}";
  g_autofree char *copy = g_strstrip (g_strdup (text));
  const char *start = copy;
  gsize len;
  gsize tlen;
  char *token;

  /* "Parolanız" / ":" / "X" split over table cells or lines. */
  while (*start == ':' || *start == ' ')
    start++;
  len = strcspn (start, " \t");
  token = g_strndup (start, len);
  tlen = strlen (token);

  while (tlen >= 2 && strchr (openers, token[0]) != NULL &&
         strchr (closers, token[tlen - 1]) != NULL)
    {
      memmove (token, token + 1, tlen - 2);
      tlen -= 2;
      token[tlen] = '\0';
    }
  /* "“Ab3kT9qz”" in typographic quotes. */
  if (g_str_has_prefix (token, "“") && g_str_has_suffix (token, "”") && tlen > 6)
    {
      memmove (token, token + 3, tlen - 6);
      token[tlen - 6] = '\0';
    }
  if (*token == '\0' || is_noise (token))
    {
      g_free (token);
      return NULL;
    }
  return token;
}

/* The longest name valid_name() takes, and a space either side */
#define NAME_REACH 102

static gboolean
valid_name (const char *name)
{
  guint words = 1;

  if (name == NULL || *name == '\0' || strlen (name) > 100)
    return FALSE;
  for (const char *p = name; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == ' ')
        words++;
      else if (!g_unichar_isalpha (c) && c != '.' && c != '\'' && c != '-')
        return FALSE;
    }
  return words >= 2 && words <= 6;
}

static void
find_name (EyEmail   *self,
           GPtrArray *lines)
{
  for (guint i = 0; i < lines->len && self->full_name == NULL; i++)
    {
      const char *line = g_ptr_array_index (lines, i);
      Folded f;
      const char *hit;

      const char *line_end = line + strlen (line);

      fold (line, &f);
      for (hit = strstr (f.folded, "sayin "); hit != NULL; hit = strstr (hit + 1, "sayin "))
        {
          gsize idx = hit - f.folded;
          const char *start;
          const char *comma;
          gsize rest;
          g_autofree char *name = NULL;

          if (idx > 0 && g_ascii_isalpha (f.folded[idx - 1]))
            continue;
          start = orig_at (line, &f, idx + 6);
          /* Only as far as a name can reach (valid_name: 100 bytes): a line of
           * many "Sayın" stays linear, not a scan to the line's end per hit. */
          rest = line_end - start;
          comma = memchr (start, ',', MIN (rest, NAME_REACH));
          if (comma == NULL && rest > NAME_REACH)
            continue;
          name = comma ? g_strndup (start, comma - start) : g_strndup (start, rest);
          g_strstrip (name);
          /* "Sayın AD SOYAD, Bu i..." from a webmail list: the comma ends the name. */
          if (valid_name (name))
            {
              self->full_name = g_steal_pointer (&name);
              break;
            }
        }
      folded_clear (&f);
    }
}

static void
find_institution (EyEmail   *self,
                  GPtrArray *lines)
{
  for (guint i = 0; i < lines->len && self->institution == NULL; i++)
    {
      const char *line = g_ptr_array_index (lines, i);
      Folded f;
      const char *hit;

      fold (line, &f);
      hit = strstr (f.folded, "icin kull");
      if (hit != NULL)
        {
          gsize idx = hit - f.folded;
          g_autofree char *before = g_strndup (line, orig_at (line, &f, idx) - line);

          g_strstrip (before);
          /* The institution may stand alone on the line above. */
          if (*before == '\0' && i > 0)
            {
              g_free (before);
              before = g_strstrip (g_strdup (g_ptr_array_index (lines, i - 1)));
            }
          if (*before != '\0' && g_utf8_strlen (before, -1) <= 200)
            self->institution = g_steal_pointer (&before);
        }
      folded_clear (&f);
    }
}

static void
find_password (EyEmail   *self,
               GPtrArray *lines)
{
  g_autoptr(GPtrArray) strong = g_ptr_array_new_with_free_func ((GDestroyNotify)wipe_free);
  g_autoptr(GPtrArray) weak = g_ptr_array_new_with_free_func ((GDestroyNotify)wipe_free);

  for (guint i = 0; i < lines->len; i++)
    {
      const char *line = g_ptr_array_index (lines, i);
      Folded f;
      const char *hit;

      fold (line, &f);
      hit = strstr (f.folded, "erisim parola");
      if (hit != NULL && strstr (hit, "adres") == NULL)
        {
          const char *label_end = hit + strlen ("erisim parola");
          const char *colon;

          while (g_ascii_isalpha (*label_end) || *label_end == '?')
            label_end++;
          colon = strchr (label_end, ':');
          if (colon != NULL)
            {
              const char *value = orig_at (line, &f, colon + 1 - f.folded);
              char *token = first_token (value);

              if (token != NULL)
                g_ptr_array_add (strong, token);
              else if (i + 1 < lines->len)
                {
                  /* "Parolanız :" with the value on the next line. */
                  token = first_token (g_ptr_array_index (lines, i + 1));
                  if (token != NULL)
                    g_ptr_array_add (strong, token);
                }
            }
          else
            {
              /* Only a line that ends with the label, never the sentence
               * "… erişim parolanız ile işlemlerinizi …". */
              const char *p = label_end;

              while (*p == ' ')
                p++;
              if (*p == '\0')
                for (guint j = i + 1; j < lines->len && j <= i + 2; j++)
                  {
                    char *token = first_token (g_ptr_array_index (lines, j));

                    if (token != NULL)
                      {
                        g_ptr_array_add (weak, token);
                        break;
                      }
                  }
            }
        }
      folded_clear (&f);
    }

  if (strong->len > 0)
    {
      self->password = g_strdup (g_ptr_array_index (strong, 0));
      for (guint i = 1; i < strong->len; i++)
        if (strcmp (g_ptr_array_index (strong, i), self->password) != 0)
          {
            warn (self, EY_EMAIL_WARNING_SEVERAL_PASSWORDS,
                  g_strdup (_("The text contains more than one access password; the first "
                              "one is used. If signing in fails, paste only the newest "
                              "mail.")));
            break;
          }
    }
  else if (weak->len > 0)
    self->password = g_strdup (g_ptr_array_index (weak, 0));
}

static gboolean
is_url_char (char c)
{
  return (guchar)c > ' ' && c != '"' && c != '<' && c != '>' && c != '\'' && c != 0x7f;
}

static void
consider_link (EyEmail    *self,
               const char *candidate)
{
  g_autofree char *url = g_strdup (candidate);
  g_autofree char *reason = NULL;
  gsize len = strlen (url);

  /* Sentence punctuation after a link is not part of it. */
  while (len > 0 && strchr (".,;:!?)]}»", url[len - 1]) != NULL)
    url[--len] = '\0';
  if (len == 0)
    return;

  if (ey_email_check_link (url, &reason))
    {
      if (self->link == NULL)
        self->link = g_steal_pointer (&url);
      return;
    }

  {
    /* Other pages of KamuSM itself (https, the real domain) are harmless. */
    g_autofree char *host = NULL;

    if (g_ascii_strncasecmp (url, "https://", 8) == 0)
      {
        gsize n = strcspn (url + 8, "/?#");

        host = g_ascii_strdown (url + 8, n);
        if (strcmp (host, "kamusm.gov.tr") == 0 || strcmp (host, "www.kamusm.gov.tr") == 0)
          return;
      }
  }

  if (self->untrusted_link == NULL)
    self->untrusted_link = g_strdup (url);
  warn (self, EY_EMAIL_WARNING_UNTRUSTED_LINK,
        /* Translators: %s is the link, then the reason it was refused */
        g_strdup_printf (_("The link “%s” was not used: %s"), url, reason));
}

static void
find_links (EyEmail    *self,
            const char *text,
            GPtrArray  *hrefs)
{
  for (guint i = 0; i < hrefs->len; i++)
    {
      const char *href = g_ptr_array_index (hrefs, i);

      if (g_ascii_strncasecmp (href, "mailto:", 7) == 0 || *href == '#')
        continue;
      consider_link (self, href);
    }

  for (const char *p = text; *p; p++)
    {
      gsize n;
      g_autofree char *token = NULL;

      if (p > text && is_url_char (p[-1]) && p[-1] != '(' && p[-1] != '[')
        continue;
      n = 0;
      while (is_url_char (p[n]))
        n++;
      if (n < 8)
        continue;
      token = g_strndup (p, n);
      /* Shown links (not hrefs) sometimes carry a backslash or a space trick; we
       * only take tokens up to whitespace, which is what a click would open. */
      if (g_ascii_strncasecmp (token, "http://", 7) == 0 ||
          g_ascii_strncasecmp (token, "https://", 8) == 0 ||
          g_ascii_strncasecmp (token, "hxxp", 4) == 0)
        consider_link (self, token);
      else if (g_ascii_strncasecmp (token, "www.", 4) == 0 ||
               (strstr (token, "kamusm") != NULL && strchr (token, '.') != NULL &&
                strchr (token, '@') == NULL))
        {
          g_autofree char *lower = g_ascii_strdown (token, -1);

          /* A bare host: only a look-alike is worth a warning. */
          if (!g_str_has_prefix (lower, EY_EMAIL_TRUSTED_HOST "/") &&
              strcmp (lower, EY_EMAIL_TRUSTED_HOST) != 0 &&
              !g_str_has_prefix (lower, "www.kamusm.gov.tr") &&
              !g_str_has_prefix (lower, "kamusm.gov.tr"))
            {
              g_autofree char *as_url = g_strconcat ("https://", token, NULL);

              consider_link (self, as_url);
            }
        }
      p += n - 1;
    }
}

static void
find_sender (EyEmail   *self,
             GPtrArray *lines)
{
  static const char * const headers[] = { "from:", "kimden:", "gonderen:", "gonderici:" };
  guint senders = 0;

  /* Every sender line counts: the first names the sender; none, or more than one
   * (a forwarded or pasted-together mail), is said rather than trusted quietly. */
  for (guint i = 0; i < lines->len; i++)
    {
      const char *line = g_ptr_array_index (lines, i);
      Folded f;

      fold (line, &f);
      for (guint h = 0; h < G_N_ELEMENTS (headers); h++)
        if (g_str_has_prefix (f.folded, headers[h]))
          {
            const char *value = orig_at (line, &f, strlen (headers[h]));
            char *address = extract_address (value);

            if (address == NULL && i + 1 < lines->len)
              address = extract_address (g_ptr_array_index (lines, i + 1));
            if (address != NULL)
              {
                senders++;
                if (self->sender == NULL)
                  self->sender = address;
                else
                  g_free (address);
              }
            break;
          }
      folded_clear (&f);
    }
  if (senders == 0)
    warn (self, EY_EMAIL_WARNING_NO_SENDER,
          g_strdup_printf (_("The text has no sender line (“From:”), so it cannot be told "
                             "whether KamuSM (%s) sent it. Use it only if you received it "
                             "from KamuSM."), EY_EMAIL_TRUSTED_SENDER));
  else if (senders > 1)
    warn (self, EY_EMAIL_WARNING_SEVERAL_SENDERS,
          g_strdup (_("The text has more than one sender line (“From:”): it may be a "
                      "forwarded mail or several mails. Paste only the mail from KamuSM.")));
}

EyEmail *
ey_email_parse (const char *text,
                gssize      length)
{
  g_autoptr(EyEmail) self = g_object_new (EY_TYPE_EMAIL, NULL);
  g_autoptr(GPtrArray) hrefs = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func ((GDestroyNotify)wipe_free);
  g_autofree char *work = NULL;
  g_auto(GStrv) raw_lines = NULL;

  if (text == NULL)
    text = "";
  work = g_utf8_make_valid (text, length);

  /* Line breaks first: \r\n and lone \r become \n. */
  {
    GString *s = g_string_new (NULL);

    for (const char *p = work; *p; p++)
      {
        if (p[0] == '\r')
          {
            g_string_append_c (s, '\n');
            if (p[1] == '\n')
              p++;
          }
        else
          g_string_append_c (s, *p);
      }
    wipe_free (work);
    work = g_string_free (s, FALSE);
  }

  if (looks_quoted_printable (work))
    {
      char *decoded = decode_quoted_printable (work);

      wipe_free (work);
      work = decoded;
    }
  if (looks_html (work))
    {
      char *plain = html_to_text (work, hrefs);

      wipe_free (work);
      work = plain;
    }

  raw_lines = g_strsplit (work, "\n", -1);
  for (guint i = 0; raw_lines[i] != NULL; i++)
    {
      char *norm = ey_text_normalize (raw_lines[i]);

      explicit_bzero (raw_lines[i], strlen (raw_lines[i]));
      if (*norm == '\0')
        g_free (norm);
      else
        g_ptr_array_add (lines, norm);
    }

  find_sender (self, lines);
  find_name (self, lines);
  find_institution (self, lines);
  find_password (self, lines);
  {
    g_autofree char *joined = NULL;
    GString *s = g_string_new (NULL);

    for (guint i = 0; i < lines->len; i++)
      {
        g_string_append (s, g_ptr_array_index (lines, i));
        g_string_append_c (s, '\n');
      }
    joined = g_string_free (s, FALSE);
    find_links (self, joined, hrefs);
    explicit_bzero (joined, strlen (joined));
  }
  wipe_free (g_steal_pointer (&work));

  if (self->sender != NULL && !ey_email_check_sender (self->sender))
    warn (self, EY_EMAIL_WARNING_UNTRUSTED_SENDER,
          g_strdup_printf (_("The mail comes from “%s”, not from %s. Do not use it unless "
                             "your institution's e-signature officer confirms it."),
                           self->sender, EY_EMAIL_TRUSTED_SENDER));
  if (self->full_name == NULL)
    warn (self, EY_EMAIL_WARNING_NO_NAME,
          g_strdup (_("The applicant's name (“Sayın …,”) was not found.")));
  if (self->institution == NULL)
    warn (self, EY_EMAIL_WARNING_NO_INSTITUTION,
          g_strdup (_("The institution (“… için kullanılacak;”) was not found.")));
  if (self->password == NULL)
    warn (self, EY_EMAIL_WARNING_NO_PASSWORD,
          g_strdup (_("The access password (“Başvuru Formu Erişim Parolanız : …”) was not "
                      "found. Paste the whole mail, or type the password yourself.")));
  if (self->link == NULL && self->untrusted_link == NULL)
    warn (self, EY_EMAIL_WARNING_NO_LINK,
          g_strdup (_("The mail's link was not found; the program goes to the KamuSM site by "
                      "itself.")));
  return g_steal_pointer (&self);
}

const char *
ey_email_get_full_name (EyEmail *self)
{
  g_return_val_if_fail (EY_IS_EMAIL (self), NULL);
  return self->full_name;
}

const char *
ey_email_get_institution (EyEmail *self)
{
  g_return_val_if_fail (EY_IS_EMAIL (self), NULL);
  return self->institution;
}

const char *
ey_email_get_password (EyEmail *self)
{
  g_return_val_if_fail (EY_IS_EMAIL (self), NULL);
  return self->password;
}

const char *
ey_email_get_sender (EyEmail *self)
{
  g_return_val_if_fail (EY_IS_EMAIL (self), NULL);
  return self->sender;
}

const char *
ey_email_get_link (EyEmail *self)
{
  g_return_val_if_fail (EY_IS_EMAIL (self), NULL);
  return self->link;
}

const char *
ey_email_get_untrusted_link (EyEmail *self)
{
  g_return_val_if_fail (EY_IS_EMAIL (self), NULL);
  return self->untrusted_link;
}

gboolean
ey_email_has_warning (EyEmail        *self,
                      EyEmailWarning  warning)
{
  g_return_val_if_fail (EY_IS_EMAIL (self), FALSE);
  return (self->raised & (1u << warning)) != 0;
}

const char * const *
ey_email_get_warnings (EyEmail *self)
{
  g_return_val_if_fail (EY_IS_EMAIL (self), NULL);
  return (const char * const *)self->warnings->pdata;
}

gboolean
ey_email_is_usable (EyEmail *self)
{
  g_return_val_if_fail (EY_IS_EMAIL (self), FALSE);
  return self->password != NULL &&
         !ey_email_has_warning (self, EY_EMAIL_WARNING_UNTRUSTED_LINK) &&
         !ey_email_has_warning (self, EY_EMAIL_WARNING_UNTRUSTED_SENDER);
}
