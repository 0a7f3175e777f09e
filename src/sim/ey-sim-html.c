/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ey-sim-html"

#include "config.h"

#include <string.h>

#include "ey-sim-html-private.h"

static const char style[] =
  "body{margin:0;font:14px/1.45 Arial,Helvetica,sans-serif;background:#eef1f4;color:#222}"
  "#baslik{background:#b0191e;color:#fff;padding:12px 24px;border-bottom:4px solid #7d0f13}"
  "#baslik b{font-size:20px;letter-spacing:.5px}#baslik span{display:block;font-size:12px;opacity:.9}"
  ".yol{background:#fff;border-bottom:1px solid #d5dbe1;padding:6px 24px;font-size:12px;color:#667}"
  ".yol .aktif{color:#b0191e;font-weight:bold}"
  "#icerik{max-width:760px;margin:18px auto;background:#fff;border:1px solid #d5dbe1;"
  "border-radius:4px;padding:8px 28px 24px}"
  "h1.sayfaBaslik{font-size:18px;color:#7d0f13;border-bottom:1px solid #e3e7eb;padding-bottom:8px}"
  ".hata,.err{background:#fdecea;border:1px solid #e0a09a;color:#8a1c12;padding:8px 12px;margin:10px 0}"
  ".bilgi,.info{background:#e8f1fb;border:1px solid #a9c6e8;color:#1d4c80;padding:8px 12px;margin:10px 0}"
  ".basari,.ok{background:#e9f6ec;border:1px solid #9fd3aa;color:#1f6b31;padding:10px 12px;margin:10px 0;"
  "font-weight:bold}"
  ".uyari,.warn{background:#fff7e0;border:1px solid #e8cf80;color:#6b5200;padding:8px 12px;margin:10px 0}"
  ".alanHata,.fieldErr{display:block;color:#b0191e;font-size:12px;margin:2px 0 0 210px}"
  "form .satir{margin:8px 0}form label{display:inline-block;width:200px;vertical-align:top;font-weight:bold}"
  "input[type=text],input[type=password],select,textarea{width:300px;padding:4px;border:1px solid #aab4be}"
  "input[readonly]{background:#f1f3f5;color:#555}"
  "input[type=submit],button{background:#b0191e;color:#fff;border:0;padding:7px 18px;margin:10px 8px 0 0;"
  "border-radius:3px;cursor:pointer}"
  "table{border-collapse:collapse;width:100%}th,td{border:1px solid #d5dbe1;padding:6px 8px;text-align:left}"
  "th{background:#f3f5f7}.kod{font:bold 22px monospace;letter-spacing:2px;color:#7d0f13}"
  ".metin{background:#fafbfc;border:1px solid #e3e7eb;padding:10px;font-size:13px}"
  "#altbilgi{max-width:760px;margin:0 auto 24px;font-size:12px;color:#667;text-align:center}";

static const char *crumbs[] = {
  "Giriş", "Sipariş Seçimi", "Başvuru Formu", "SMS Onayı", "E-Onay ve İmza", "Sonuç",
};

void
ey_sim_html_append_escaped (GString    *html,
                            const char *text)
{
  g_autofree char *escaped = g_markup_escape_text (text ? text : "", -1);

  g_string_append (html, escaped);
}

const char *
ey_sim_html_iconv_name (const char *charset)
{
  if (g_strcmp0 (charset, "iso-8859-9") == 0)
    return "ISO-8859-9";
  if (g_strcmp0 (charset, "windows-1254") == 0)
    return "CP1254";
  return "UTF-8";
}

GString *
ey_sim_html_begin (const EySimNames *names,
                   const char       *charset,
                   const char       *heading,
                   int               crumb)
{
  GString *html = g_string_new ("<!DOCTYPE html>\n<html lang=\"tr\">\n<head>\n");

  g_string_append_printf (html, "<meta charset=\"%s\">\n", charset ? charset : "utf-8");
  g_string_append (html, "<title>Kamu SM - Nitelikli Elektronik Sertifika Başvurusu</title>\n");
  g_string_append_printf (html, "<style>%s</style>\n</head>\n<body>\n", style);
  g_string_append (html, "<div id=\"baslik\"><b>Kamu SM</b>"
                         "<span>TÜBİTAK BİLGEM Kamu Sertifikasyon Merkezi — "
                         "Nitelikli Elektronik Sertifika Başvuru Sistemi</span></div>\n");
  g_string_append (html, "<div class=\"yol\">");
  for (int i = 0; i < (int) G_N_ELEMENTS (crumbs); i++)
    g_string_append_printf (html, "%s<span%s>%s</span>", i ? " › " : "",
                            i == crumb ? " class=\"aktif\"" : "", crumbs[i]);
  g_string_append (html, "</div>\n<div id=\"icerik\">\n<h1 class=\"sayfaBaslik\">");
  ey_sim_html_append_escaped (html, heading);
  g_string_append (html, "</h1>\n");
  return html;
}

void
ey_sim_html_end (GString *html)
{
  g_string_append (html, "</div>\n<div id=\"altbilgi\">Kamu SM Çağrı Merkezi: 444 5 576 · "
                         "bilgi@kamusm.gov.tr · TÜBİTAK Gebze Yerleşkesi, 41470 Gebze/KOCAELİ"
                         "</div>\n</body>\n</html>\n");
}

void
ey_sim_html_message (GString    *html,
                     const char *cls,
                     const char *text)
{
  g_string_append_printf (html, "<div class=\"%s\">", cls);
  ey_sim_html_append_escaped (html, text);
  g_string_append (html, "</div>\n");
}

void
ey_sim_html_field_error (GString          *html,
                         const EySimNames *names,
                         EySimField        field,
                         const char       *text)
{
  g_string_append_printf (html, "<span class=\"%s\" %s=\"%s\">", names->cls_field_error,
                          names->attr_field, names->field[field]);
  ey_sim_html_append_escaped (html, text);
  g_string_append (html, "</span>\n");
}

void
ey_sim_html_form_begin (GString          *html,
                        const EySimNames *names,
                        EySimPage         action,
                        const char       *token)
{
  g_string_append_printf (html, "<form method=\"post\" action=\"%s\">\n", names->page[action]);
  ey_sim_html_hidden (html, names->field[EY_SIM_F_TOKEN], token);
}

void
ey_sim_html_hidden (GString    *html,
                    const char *name,
                    const char *value)
{
  g_string_append_printf (html, "<input type=\"hidden\" name=\"%s\" value=\"", name);
  ey_sim_html_append_escaped (html, value);
  g_string_append (html, "\">\n");
}

void
ey_sim_html_input (GString    *html,
                   const char *label,
                   const char *name,
                   const char *value,
                   const char *type,
                   gboolean    readonly)
{
  g_string_append_printf (html, "<div class=\"satir\"><label for=\"%s\">", name);
  ey_sim_html_append_escaped (html, label);
  g_string_append_printf (html, "</label><input type=\"%s\" id=\"%s\" name=\"%s\" value=\"",
                          type, name, name);
  ey_sim_html_append_escaped (html, value);
  g_string_append_printf (html, "\"%s></div>\n", readonly ? " readonly" : "");
}

void
ey_sim_html_button (GString    *html,
                    const char *name,
                    const char *value)
{
  g_string_append_printf (html, "<input type=\"submit\" name=\"%s\" value=\"", name);
  ey_sim_html_append_escaped (html, value);
  g_string_append (html, "\">\n");
}

GBytes *
ey_sim_html_encode (GString    *html,
                    const char *charset)
{
  const char *to = ey_sim_html_iconv_name (charset);
  gsize len = 0;
  char *out;

  if (g_strcmp0 (to, "UTF-8") == 0)
    return g_bytes_new (html->str, html->len);
  /* Every character on our pages exists in both Turkish code pages; "?" keeps a
   * stray one from breaking the page. */
  out = g_convert_with_fallback (html->str, html->len, to, "UTF-8", "?", NULL, &len, NULL);
  if (out == NULL)
    return g_bytes_new (html->str, html->len);
  return g_bytes_new_take (out, len);
}

char *
ey_sim_html_decode (const char *raw,
                    const char *charset)
{
  const char *from = ey_sim_html_iconv_name (charset);

  if (raw == NULL)
    return NULL;
  if (g_strcmp0 (from, "UTF-8") == 0)
    return g_utf8_validate (raw, -1, NULL) ? g_strdup (raw) : NULL;
  return g_convert (raw, -1, "UTF-8", from, NULL, NULL, NULL);
}
