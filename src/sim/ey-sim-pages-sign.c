/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The pages from the E-Onay choice to the result. */
#define G_LOG_DOMAIN "ey-sim-pages"

#include "config.h"

#include "ey-sim-html-private.h"
#include "ey-sim-pages-private.h"

GString *
_ey_sim_render_eonay (EySimRequest *r)
{
  const EySimNames *n = r->server->names;
  GString *html = _ey_sim_page_begin (r, "E-Onay Seçimi", 4);
  g_autofree char *token = _ey_sim_token (r);
  const char *name = n->field[EY_SIM_F_EONAY];

  ey_sim_html_form_begin (html, n, EY_SIM_PAGE_EONAY, token);
  g_string_append_printf (html,
    "<div class=\"satir\"><input type=\"radio\" id=\"eonayEvet\" name=\"%s\" value=\"%s\">"
    "<label for=\"eonayEvet\" style=\"width:auto\">E-Onay vermek istiyorum</label>"
    "<p>Geçerli bir nitelikli elektronik sertifikanız varsa bu seçeneği seçiniz. E-Onay "
    "verdikten sonra bu sayfayı kapatmayınız; başvuru formunuzun da E-Onaylanması "
    "gerekmektedir.</p></div>\n"
    "<div class=\"satir\"><input type=\"radio\" id=\"eonayHayir\" name=\"%s\" value=\"%s\">"
    "<label for=\"eonayHayir\" style=\"width:auto\">E-Onay vermek istemiyorum</label>"
    "<p>Sertifikanızın süresi dolmuşsa veya elektronik imzanız yoksa bu seçeneği "
    "seçiniz.</p></div>\n", name, n->eonay_yes, name, n->eonay_no);
  ey_sim_html_button (html, "devam", "Devam Et");
  g_string_append (html, "</form>\n");
  ey_sim_html_end (html);
  return html;
}

GString *
_ey_sim_render_consent (EySimRequest *r)
{
  const EySimNames *n = r->server->names;
  GString *html = _ey_sim_page_begin (r, "E-Onaylama", 4);
  g_autofree char *token = _ey_sim_token (r);

  g_string_append (html,
    "<div class=\"metin\"><p>E-Onay vermeniz durumunda, bundan sonraki sertifika "
    "başvurularınızda ıslak imzalı başvuru formu ve taahhütname gönderilmesine gerek "
    "kalmayacaktır.</p><p>Kamu SM, başvuru formu ve sertifika sahibi taahhütnamesi "
    "metinlerinde değişiklik yapabilir. Sertifika sahibi, E-Onay verdiği gün yürürlükte "
    "olan başvuru formu ve taahhütname metinlerini kabul etmiş sayılır.</p></div>\n");
  ey_sim_html_form_begin (html, n, EY_SIM_PAGE_CONSENT, token);
  g_string_append_printf (html,
    "<div class=\"satir\"><input type=\"checkbox\" id=\"kabul\" name=\"%s\" value=\"1\"> "
    "<label for=\"kabul\" style=\"width:auto\">Yukarıdaki metni okudum, anladım ve "
    "KABUL EDİYORUM.</label></div>\n", n->field[EY_SIM_F_CONSENT]);
  ey_sim_html_button (html, "devam", "Devam Et");
  g_string_append (html, "</form>\n");
  ey_sim_html_end (html);
  return html;
}

/* Pages 9 and 10b: the verification code for the (Java) signing application. */
static GString *
render_signing (EySimRequest *r,
                EySimPage     self,
                const char   *heading,
                EySimPage     next)
{
  const EySimNames *n = r->server->names;
  GString *html = _ey_sim_page_begin (r, heading, 4);
  guint left = _ey_sim_seconds_left (r->session->verify_deadline);

  if (left == 0)
    {
      g_autofree char *token = _ey_sim_token (r);

      ey_sim_html_message (html, n->cls_error, "Doğrulama kodunun süresi doldu.");
      ey_sim_html_form_begin (html, n, self, token);
      ey_sim_html_button (html, "yenile", "Yeni Kod Al");
      g_string_append (html, "</form>\n");
      ey_sim_html_end (html);
      return html;
    }
  g_string_append_printf (html,
    "<ol><li>Kamu SM e-İmza uygulamasını indirip çalıştırınız: "
    "<a href=\"%s\">KamuSM-eImza.jnlp</a> (Java 1.7 veya üstü gerekir).</li>"
    "<li>Kartınızı okuyucuya takınız.</li>"
    "<li>Aşağıdaki doğrulama kodunu uygulamaya giriniz, kartınızı seçiniz ve PIN "
    "ile imzalayınız.</li><li>İmzalama bitene kadar bu sayfayı kapatmayınız.</li></ol>\n",
    n->page[EY_SIM_PAGE_JNLP]);
  g_string_append_printf (html, "<p>Doğrulama Kodu: <span class=\"kod\" id=\"%s\">%s</span></p>\n",
                          n->id_code, r->session->verify_code);
  g_string_append_printf (html, "<p>Kalan süre : <span id=\"%s\">%u</span> saniye</p>\n",
                          n->id_remaining, left);
  g_string_append_printf (html, "<p><a id=\"%s\" href=\"%s\">İmzalama işlemini tamamladıktan "
                                "sonra devam etmek için tıklayınız</a></p>\n",
                          n->id_continue, n->page[next]);
  ey_sim_html_end (html);
  return html;
}

GString *
_ey_sim_render_eonay_sign (EySimRequest *r)
{
  return render_signing (r, EY_SIM_PAGE_EONAY_SIGN, "E-Onaylama", EY_SIM_PAGE_METHOD);
}

GString *
_ey_sim_render_eimzali (EySimRequest *r)
{
  return render_signing (r, EY_SIM_PAGE_EIMZALI, "E-İmzalı Başvuru", EY_SIM_PAGE_RESULT);
}

static void
method_button (GString    *html,
               const char *name,
               const char *value,
               const char *label,
               const char *text)
{
  g_string_append (html, "<div class=\"satir\">");
  g_string_append_printf (html, "<button type=\"submit\" name=\"%s\" value=\"%s\">", name, value);
  ey_sim_html_append_escaped (html, label);
  g_string_append (html, "</button> ");
  ey_sim_html_append_escaped (html, text);
  g_string_append (html, "</div>\n");
}

GString *
_ey_sim_render_method (EySimRequest *r)
{
  const EySimNames *n = r->server->names;
  GString *html = _ey_sim_page_begin (r, "Başvuru Formu ve Sertifika Sahibi Taahhütnamesi "
                                         "İmzalama Yönteminin Belirlenmesi", 4);
  g_autofree char *token = _ey_sim_token (r);
  const char *name = n->field[EY_SIM_F_METHOD];

  g_string_append (html, "<p>Başvuru formunuzu ve sertifika sahibi taahhütnamesini "
                         "imzalama yönteminizi seçiniz.</p>\n");
  ey_sim_html_form_begin (html, n, EY_SIM_PAGE_METHOD, token);
  /* A <button> carries the method value and shows its own label, so the form needs
   * no JavaScript. */
  if (r->session->eonay_signed)
    method_button (html, name, n->method[EY_SIM_METHOD_EONAYLI], "E-Onaylı Başvuru",
                   "E-Onayınız etkin olduğu için başka bir işlem gerekmez.");
  if (r->session->person->certificate_valid)
    method_button (html, name, n->method[EY_SIM_METHOD_EIMZALI], "E-İmzalı Başvuru",
                   "Başvuru formunu ve taahhütnameyi geçerli e-imzanızla imzalayınız.");
  method_button (html, name, n->method[EY_SIM_METHOD_ISLAK], "Islak İmzalı Başvuru",
                 "Başvuru formunu yazdırıp mavi kalemle imzalayınız.");
  g_string_append (html, "</form>\n");
  ey_sim_html_end (html);
  return html;
}

GString *
_ey_sim_render_islak (EySimRequest *r)
{
  const EySimNames *n = r->server->names;
  GString *html = _ey_sim_page_begin (r, "Islak İmzalı Başvuru", 4);

  g_string_append_printf (html,
    "<p><a id=\"%s\" href=\"%s\">Başvuru formunu ve taahhütnameyi indirmek için "
    "tıklayınız (PDF)</a></p>\n<ol><li>Formu yazdırınız.</li><li>Mavi kalemle "
    "imzalayınız.</li><li>İmzalı formu kurumunuzun e-imza (EBYS) sorumlusuna teslim "
    "ediniz; sorumlu formu Kamu SM'ye iletecektir.</li></ol>\n",
    n->id_pdf, n->page[EY_SIM_PAGE_PDF]);
  if (r->session->method)
    ey_sim_html_message (html, n->cls_info, "Başvuru formunuz oluşturuldu. İmzalı formun "
                                            "Kamu SM'ye ulaşmasıyla başvurunuz işleme "
                                            "alınacaktır.");
  ey_sim_html_end (html);
  return html;
}

GString *
_ey_sim_render_result (EySimRequest *r)
{
  const EySimNames *n = r->server->names;
  GString *html = _ey_sim_page_begin (r, "E-Onaylama Sonucu", 5);

  if (g_strcmp0 (r->session->method, "eimzali") == 0)
    ey_sim_html_message (html, n->cls_ok, "Başvuru formu E-İmza ile imzalandı. Başvuru "
                                          "formunuz sistemimize ulaştı.");
  else
    ey_sim_html_message (html, n->cls_ok, "Başvuru formu E-Onaylama işlemi başarıyla "
                                          "tamamlandı. Başvuru formunuz sistemimize ulaştı.");
  g_string_append (html, "<p>Yeni kartınız hazırlandığında beyan ettiğiniz adrese kargo ile "
                         "gönderilecektir. Kargo takip numarası SMS ve e-posta ile "
                         "bildirilecektir.</p>\n");
  g_string_append_printf (html, "<p><a href=\"%s\">Çıkış</a></p>\n", n->page[EY_SIM_PAGE_LOGOUT]);
  ey_sim_html_end (html);
  return html;
}
