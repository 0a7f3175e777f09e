/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ey-sim-pages"

#include "config.h"

#include "ey-sim-html-private.h"
#include "ey-sim-pages-private.h"

/* Plate order: the option values are the plate codes, as on Turkish government forms. */
static const char *cities[] = {
  "ADANA", "ADIYAMAN", "AFYONKARAHİSAR", "AĞRI", "AMASYA", "ANKARA", "ANTALYA", "ARTVİN",
  "AYDIN", "BALIKESİR", "BİLECİK", "BİNGÖL", "BİTLİS", "BOLU", "BURDUR", "BURSA",
  "ÇANAKKALE", "ÇANKIRI", "ÇORUM", "DENİZLİ", "DİYARBAKIR", "EDİRNE", "ELAZIĞ", "ERZİNCAN",
  "ERZURUM", "ESKİŞEHİR", "GAZİANTEP", "GİRESUN", "GÜMÜŞHANE", "HAKKARİ", "HATAY",
  "ISPARTA", "MERSİN", "İSTANBUL", "İZMİR", "KARS", "KASTAMONU", "KAYSERİ", "KIRKLARELİ",
  "KIRŞEHİR", "KOCAELİ", "KONYA", "KÜTAHYA", "MALATYA", "MANİSA", "KAHRAMANMARAŞ",
  "MARDİN", "MUĞLA", "MUŞ", "NEVŞEHİR", "NİĞDE", "ORDU", "RİZE", "SAKARYA", "SAMSUN",
  "SİİRT", "SİNOP", "SİVAS", "TEKİRDAĞ", "TOKAT", "TRABZON", "TUNCELİ", "ŞANLIURFA",
  "UŞAK", "VAN", "YOZGAT", "ZONGULDAK", "AKSARAY", "BAYBURT", "KARAMAN", "KIRIKKALE",
  "BATMAN", "ŞIRNAK", "BARTIN", "ARDAHAN", "IĞDIR", "YALOVA", "KARABÜK", "KİLİS",
  "OSMANİYE", "DÜZCE",
};

static const char *titles[] = {
  "Profesör", "Doçent", "Doktor Öğretim Üyesi", "Öğretim Görevlisi", "Okutman",
  "Araştırma Görevlisi", "Şube Müdürü", "Memur", "Uzman", "Mühendis",
};

const char *
_ey_sim_city_name (const char *code)
{
  guint64 n = 0;

  if (code == NULL || !g_ascii_string_to_unsigned (code, 10, 1, G_N_ELEMENTS (cities), &n, NULL))
    return NULL;
  return cities[n - 1];
}

const char *
_ey_sim_city_code (const char *name)
{
  static char codes[G_N_ELEMENTS (cities)][3];

  for (guint i = 0; i < G_N_ELEMENTS (cities); i++)
    if (g_strcmp0 (cities[i], name) == 0)
      {
        g_snprintf (codes[i], sizeof codes[i], "%02u", i + 1);
        return codes[i];
      }
  return NULL;
}

char *
_ey_sim_token (EySimRequest *r)
{
  return ey_sim_session_new_token (r->session);
}

GString *
_ey_sim_page_begin (EySimRequest *r,
                    const char   *heading,
                    int           crumb)
{
  const EySimNames *n = r->server->names;
  GString *html = ey_sim_html_begin (n, r->server->charset, heading, crumb);

  if (r->session && r->session->flash_error)
    {
      ey_sim_html_message (html, n->cls_error, r->session->flash_error);
      g_clear_pointer (&r->session->flash_error, g_free);
    }
  if (r->session && r->session->flash_notice)
    {
      ey_sim_html_message (html, n->cls_info, r->session->flash_notice);
      g_clear_pointer (&r->session->flash_notice, g_free);
    }
  if (r->error)
    ey_sim_html_message (html, n->cls_error, r->error);
  if (r->notice)
    ey_sim_html_message (html, n->cls_info, r->notice);
  return html;
}

static void
field_error (EySimRequest *r,
             GString      *html,
             EySimField    field)
{
  const char *text = r->field_errors ? g_hash_table_lookup (r->field_errors,
                                                            GINT_TO_POINTER (field)) : NULL;

  if (text)
    ey_sim_html_field_error (html, r->server->names, field, text);
}

static GString *
render_login (EySimRequest *r)
{
  const EySimNames *n = r->server->names;
  GString *html = _ey_sim_page_begin (r, "Kullanıcı Girişi", 0);
  g_autofree char *token = _ey_sim_token (r);

  g_string_append (html, "<p>Nitelikli elektronik sertifika başvurunuz için kurumunuzun "
                         "açtığı siparişe ait <b>Başvuru Formu Erişim Parolası</b> "
                         "e-posta adresinize gönderilmiştir.</p>\n");
  ey_sim_html_form_begin (html, n, EY_SIM_PAGE_LOGIN, token);
  g_string_append_printf (html, "<div class=\"satir\"><label>Resimdeki Yazı</label>"
                                "<img id=\"guvenlikResmi\" src=\"%s?t=%u\" width=\"180\" "
                                "height=\"60\" alt=\"Güvenlik resmi\"></div>\n",
                          n->page[EY_SIM_PAGE_CAPTCHA], r->session->captcha_serial);
  ey_sim_html_input (html, "Resimdeki yazıyı giriniz", n->field[EY_SIM_F_CAPTCHA], "",
                     "text", FALSE);
  ey_sim_html_input (html, "Kimlik No", n->field[EY_SIM_F_IDENTITY], "", "text", FALSE);
  ey_sim_html_input (html, "Başvuru Formu Erişim Parolası", n->field[EY_SIM_F_PASSWORD], "",
                     "password", FALSE);
  ey_sim_html_button (html, "giris", "Giriş");
  g_string_append (html, "</form>\n");
  g_string_append_printf (html, "<p><a href=\"%s\">Başvuru Formu Erişim Parolamı "
                                "Bilmiyorum</a></p>\n", n->page[EY_SIM_PAGE_FORGOT]);
  g_string_append (html, "<p>Yabancı uyruklu başvuru sahipleri Kimlik No alanına pasaport "
                         "numaralarını yazmalıdır. Sorularınız için Çağrı Merkezi: "
                         "444 5 576, bilgi@kamusm.gov.tr</p>\n");
  ey_sim_html_end (html);
  return html;
}

static GString *
render_forgot (EySimRequest *r)
{
  const EySimNames *n = r->server->names;
  GString *html = _ey_sim_page_begin (r, "Parolamı Bilmiyorum", 0);
  g_autofree char *token = _ey_sim_token (r);

  g_string_append (html, "<p>Kimlik numaranızı ve resimdeki yazıyı giriniz. Başvuru formu "
                         "erişim parolanız kayıtlı e-posta adresinize yeniden "
                         "gönderilecektir.</p>\n");
  ey_sim_html_form_begin (html, n, EY_SIM_PAGE_FORGOT, token);
  ey_sim_html_input (html, "Kimlik No", n->field[EY_SIM_F_IDENTITY], "", "text", FALSE);
  g_string_append_printf (html, "<div class=\"satir\"><label>Resimdeki Yazı</label>"
                                "<img src=\"%s?t=%u\" width=\"180\" height=\"60\" "
                                "alt=\"Güvenlik resmi\"></div>\n",
                          n->page[EY_SIM_PAGE_CAPTCHA], r->session->captcha_serial);
  ey_sim_html_input (html, "Resimdeki yazıyı giriniz", n->field[EY_SIM_F_CAPTCHA], "",
                     "text", FALSE);
  ey_sim_html_button (html, "gonder", "Gönder");
  g_string_append_printf (html, "</form>\n<p><a href=\"%s\">Giriş sayfasına dön</a></p>\n",
                          n->page[EY_SIM_PAGE_LOGIN]);
  ey_sim_html_end (html);
  return html;
}

static GString *
render_orders (EySimRequest *r)
{
  const EySimNames *n = r->server->names;
  EySimPerson *p = r->session->person;
  GString *html = _ey_sim_page_begin (r, "Sipariş Formu Seçimi", 1);

  g_string_append (html, "<p>Sayın ");
  ey_sim_html_append_escaped (html, p->name);
  g_string_append_c (html, ' ');
  ey_sim_html_append_escaped (html, p->surname);
  g_string_append (html, ", adınıza açılmış sertifika siparişleri aşağıdadır.</p>\n");
  if (p->orders->len == 0)
    {
      ey_sim_html_message (html, n->cls_warn,
                           "Adınıza açılmış bir sertifika siparişi bulunmamaktadır. "
                           "Kurumunuzun e-imza sorumlusuna başvurunuz.");
    }
  else
    {
      g_string_append_printf (html, "<table id=\"%s\">\n<tr><th>Sipariş Kayıt Tarihi</th>"
                                    "<th>Sipariş Talebinde Bulunan Kurum</th>"
                                    "<th>Başvuru Linki</th></tr>\n", n->id_orders);
      for (guint i = 0; i < p->orders->len; i++)
        {
          EySimOrder *o = g_ptr_array_index (p->orders, i);

          g_string_append (html, "<tr class=\"siparis\"><td class=\"tarih\">");
          ey_sim_html_append_escaped (html, o->date);
          g_string_append (html, "</td><td class=\"kurum\">");
          ey_sim_html_append_escaped (html, o->institution);
          g_string_append_printf (html, "</td><td class=\"link\"><a href=\"%s?%s=%u\">%s</a>"
                                        "</td></tr>\n",
                                  n->page[EY_SIM_PAGE_FORM], n->field[EY_SIM_F_ORDER],
                                  o->number, o->renewal ? "Yenileme Başvurusu" : "Yeni Başvuru");
        }
      g_string_append (html, "</table>\n");
    }
  g_string_append_printf (html, "<p><a href=\"%s\">Çıkış</a></p>\n", n->page[EY_SIM_PAGE_LOGOUT]);
  ey_sim_html_end (html);
  return html;
}

static const char *
form_value (EySimRequest *r,
            EySimField    field)
{
  const char *v = g_hash_table_lookup (r->session->form, GINT_TO_POINTER (field));

  return v ? v : "";
}

static void
select_field (EySimRequest *r,
              GString      *html,
              const char   *label,
              EySimField    field,
              const char   *const *options,
              guint         n_options,
              gboolean      codes)
{
  const char *name = r->server->names->field[field];
  const char *current = form_value (r, field);

  g_string_append_printf (html, "<div class=\"satir\"><label for=\"%s\">%s</label>"
                                "<select id=\"%s\" name=\"%s\">\n<option value=\"\">Seçiniz</option>\n",
                          name, label, name, name);
  for (guint i = 0; i < n_options; i++)
    {
      g_autofree char *value = codes ? g_strdup_printf ("%02u", i + 1) : g_strdup (options[i]);

      g_string_append (html, "<option value=\"");
      ey_sim_html_append_escaped (html, value);
      g_string_append_printf (html, "\"%s>", g_strcmp0 (value, current) == 0 ? " selected" : "");
      ey_sim_html_append_escaped (html, options[i]);
      g_string_append (html, "</option>\n");
    }
  g_string_append (html, "</select></div>\n");
  field_error (r, html, field);
}

static void
text_field (EySimRequest *r,
            GString      *html,
            const char   *label,
            EySimField    field,
            const char   *type)
{
  ey_sim_html_input (html, label, r->server->names->field[field], form_value (r, field), type,
                     FALSE);
  field_error (r, html, field);
}

static GString *
render_form (EySimRequest *r)
{
  const EySimNames *n = r->server->names;
  EySimPerson *p = r->session->person;
  GString *html = _ey_sim_page_begin (r, "Nitelikli Elektronik Sertifika Başvurusu", 2);
  g_autofree char *token = _ey_sim_token (r);
  g_autofree char *order = g_strdup_printf ("%u", r->session->order);

  g_string_append (html, "<p>Kimlik bilgileriniz nüfus kayıtlarından alınmıştır. İletişim "
                         "ve teslimat bilgilerinizi kontrol ediniz. Yeni kartınız bu adrese "
                         "gönderilecektir.</p>\n");
  ey_sim_html_form_begin (html, n, EY_SIM_PAGE_FORM, token);
  ey_sim_html_hidden (html, n->field[EY_SIM_F_ORDER], order);
  g_string_append (html, "<fieldset><legend>Kimlik Bilgileri</legend>\n");
  ey_sim_html_input (html, "Adı", n->field[EY_SIM_F_NAME], p->name, "text", TRUE);
  ey_sim_html_input (html, "Soyadı", n->field[EY_SIM_F_SURNAME], p->surname, "text", TRUE);
  ey_sim_html_input (html, "Kimlik No", n->field[EY_SIM_F_IDENTITY], p->identity, "text", TRUE);
  ey_sim_html_input (html, "Doğum Tarihi", n->field[EY_SIM_F_BIRTH], p->birth_date, "text", TRUE);
  ey_sim_html_input (html, "Kurum", n->field[EY_SIM_F_INSTITUTION], p->institution, "text", TRUE);
  select_field (r, html, "Unvan", EY_SIM_F_TITLE, titles, G_N_ELEMENTS (titles), FALSE);
  g_string_append (html, "</fieldset>\n<fieldset><legend>İletişim ve Teslimat Bilgileri"
                         "</legend>\n");
  text_field (r, html, "Cep Telefonu", EY_SIM_F_PHONE, "text");
  text_field (r, html, "E-posta", EY_SIM_F_EMAIL, "text");
  text_field (r, html, "Teslimat Adresi", EY_SIM_F_ADDRESS, "text");
  select_field (r, html, "İl", EY_SIM_F_CITY, cities, G_N_ELEMENTS (cities), TRUE);
  text_field (r, html, "İlçe", EY_SIM_F_DISTRICT, "text");
  text_field (r, html, "Posta Kodu", EY_SIM_F_POSTAL, "text");
  g_string_append (html, "</fieldset>\n<fieldset><legend>Güvenlik Sözcüğü</legend>\n"
                         "<p>Güvenlik sözcüğü, yeni kartınızın PIN bilgisini almak ve "
                         "kilitlenen kartınızı açmak için sorulacaktır. Unutmayınız.</p>\n");
  /* The security word is never echoed back into the page. */
  ey_sim_html_input (html, "Güvenlik Sözcüğü", n->field[EY_SIM_F_WORD], "", "password", FALSE);
  field_error (r, html, EY_SIM_F_WORD);
  ey_sim_html_input (html, "Güvenlik Sözcüğü (Tekrar)", n->field[EY_SIM_F_WORD2], "",
                     "password", FALSE);
  field_error (r, html, EY_SIM_F_WORD2);
  g_string_append (html, "</fieldset>\n");
  ey_sim_html_button (html, "onayla", "Formu Onayla");
  g_string_append (html, "</form>\n");
  ey_sim_html_end (html);
  return html;
}

static GString *
render_sms (EySimRequest *r)
{
  const EySimNames *n = r->server->names;
  GString *html = _ey_sim_page_begin (r, "SMS Gönderimi", 3);
  g_autofree char *token = _ey_sim_token (r);
  g_autofree char *masked = _ey_sim_mask_phone (form_value (r, EY_SIM_F_PHONE));

  g_string_append_printf (html, "<p>Başvurunuzu onaylamak için <span id=\"%s\">%s</span> "
                                "numaralı cep telefonunuza ücretsiz bir SMS onay kodu "
                                "gönderilecektir.</p>\n", n->id_phone, masked);
  ey_sim_html_message (html, n->cls_warn, "Cep telefonu numaranız hatalı ise devam etmeyiniz; "
                                          "forma geri dönerek numaranızı düzeltiniz.");
  g_string_append_printf (html, "<p><a href=\"%s?%s=%u\">Forma geri dönmek için "
                                "tıklayınız</a></p>\n", n->page[EY_SIM_PAGE_FORM],
                          n->field[EY_SIM_F_ORDER], r->session->order);
  ey_sim_html_form_begin (html, n, EY_SIM_PAGE_SMS, token);
  ey_sim_html_button (html, "gonder", "Gönder");
  g_string_append (html, "</form>\n");
  ey_sim_html_end (html);
  return html;
}

static GString *
render_sms_code (EySimRequest *r)
{
  const EySimNames *n = r->server->names;
  GString *html = _ey_sim_page_begin (r, "SMS Onay Kodu", 3);
  g_autofree char *token = _ey_sim_token (r);

  g_string_append (html, "<p>Cep telefonunuza gelen SMS Onay Kodunu Giriniz.</p>\n");
  g_string_append_printf (html, "<p>Kalan Süre: <span id=\"%s\">%u</span> Saniye</p>\n",
                          n->id_remaining, _ey_sim_seconds_left (r->session->sms_deadline));
  ey_sim_html_form_begin (html, n, EY_SIM_PAGE_SMS_CODE, token);
  ey_sim_html_input (html, "SMS Onay Kodu", n->field[EY_SIM_F_SMS_CODE], "", "text", FALSE);
  ey_sim_html_button (html, "tamam", "Tamam");
  ey_sim_html_button (html, "yeniKod", "Yeni Kod Gönder");
  g_string_append (html, "</form>\n");
  ey_sim_html_end (html);
  return html;
}

void
_ey_sim_render_special (EySimRequest *r,
                        guint         status,
                        const char   *heading,
                        const char   *text)
{
  GString *html = ey_sim_html_begin (r->server->names, r->server->charset, heading, -1);

  g_string_append (html, "<p>");
  ey_sim_html_append_escaped (html, text);
  g_string_append (html, "</p>\n");
  ey_sim_html_end (html);
  _ey_sim_respond_html (r, status, html);
}

static const EySimRenderFunc renderers[EY_SIM_N_PAGES] = {
  [EY_SIM_PAGE_LOGIN] = render_login,
  [EY_SIM_PAGE_FORGOT] = render_forgot,
  [EY_SIM_PAGE_ORDERS] = render_orders,
  [EY_SIM_PAGE_FORM] = render_form,
  [EY_SIM_PAGE_SMS] = render_sms,
  [EY_SIM_PAGE_SMS_CODE] = render_sms_code,
  [EY_SIM_PAGE_EONAY] = _ey_sim_render_eonay,
  [EY_SIM_PAGE_CONSENT] = _ey_sim_render_consent,
  [EY_SIM_PAGE_EONAY_SIGN] = _ey_sim_render_eonay_sign,
  [EY_SIM_PAGE_METHOD] = _ey_sim_render_method,
  [EY_SIM_PAGE_EIMZALI] = _ey_sim_render_eimzali,
  [EY_SIM_PAGE_ISLAK] = _ey_sim_render_islak,
  [EY_SIM_PAGE_RESULT] = _ey_sim_render_result,
};

void
_ey_sim_render (EySimRequest *r,
                EySimPage     page)
{
  g_assert (renderers[page] != NULL);
  _ey_sim_respond_html (r, SOUP_STATUS_OK, renderers[page] (r));
}
