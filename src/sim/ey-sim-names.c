/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ey-sim-names"

#include "config.h"

#include "ey-sim-names-private.h"

static const EySimNames default_names = {
  .variant = "default",
  .prefix = "/bs/",
  .page = {
    [EY_SIM_PAGE_LOGIN] = "login.go",
    [EY_SIM_PAGE_CAPTCHA] = "captcha.go",
    [EY_SIM_PAGE_FORGOT] = "sifreunutma.go",
    [EY_SIM_PAGE_ORDERS] = "siparis.go",
    [EY_SIM_PAGE_FORM] = "basvuru.go",
    [EY_SIM_PAGE_SMS] = "sms.go",
    [EY_SIM_PAGE_SMS_CODE] = "smsonay.go",
    [EY_SIM_PAGE_EONAY] = "eonay.go",
    [EY_SIM_PAGE_CONSENT] = "eonaymetin.go",
    [EY_SIM_PAGE_EONAY_SIGN] = "eonayimza.go",
    [EY_SIM_PAGE_METHOD] = "imzayontemi.go",
    [EY_SIM_PAGE_EIMZALI] = "eimzali.go",
    [EY_SIM_PAGE_ISLAK] = "islak.go",
    [EY_SIM_PAGE_RESULT] = "sonuc.go",
    [EY_SIM_PAGE_LOGOUT] = "cikis.go",
    [EY_SIM_PAGE_PDF] = "basvuruformu.pdf",
    [EY_SIM_PAGE_JNLP] = "KamuSM-eImza.jnlp",
    [EY_SIM_PAGE_SIGN_DATA] = "eimza/veri.go",
    [EY_SIM_PAGE_SIGN_UPLOAD] = "eimza/imza.go",
  },
  .field = {
    [EY_SIM_F_TOKEN] = "formToken",
    [EY_SIM_F_CAPTCHA] = "guvenlikKodu",
    [EY_SIM_F_IDENTITY] = "kimlikNo",
    [EY_SIM_F_PASSWORD] = "parola",
    [EY_SIM_F_ORDER] = "siparisNo",
    [EY_SIM_F_NAME] = "ad",
    [EY_SIM_F_SURNAME] = "soyad",
    [EY_SIM_F_BIRTH] = "dogumTarihi",
    [EY_SIM_F_INSTITUTION] = "kurum",
    [EY_SIM_F_PHONE] = "cepTel",
    [EY_SIM_F_EMAIL] = "eposta",
    [EY_SIM_F_ADDRESS] = "adres",
    [EY_SIM_F_CITY] = "il",
    [EY_SIM_F_DISTRICT] = "ilce",
    [EY_SIM_F_POSTAL] = "postaKodu",
    [EY_SIM_F_WORD] = "guvenlikSozcugu",
    [EY_SIM_F_WORD2] = "guvenlikSozcuguTekrar",
    [EY_SIM_F_TITLE] = "unvan",
    [EY_SIM_F_SMS_CODE] = "smsKodu",
    [EY_SIM_F_EONAY] = "eonayTercih",
    [EY_SIM_F_CONSENT] = "kabul",
    [EY_SIM_F_METHOD] = "yontem",
    [EY_SIM_F_CODE] = "dogrulamaKodu",
    [EY_SIM_F_SIGNATURE] = "imza",
  },
  .eonay_yes = "evet",
  .eonay_no = "hayir",
  .method = { "eonayli", "eimzali", "islak" },
  .id_phone = "maskeliTelefon",
  .id_remaining = "kalanSure",
  .id_code = "dogrulamaKodu",
  .id_continue = "devamLink",
  .id_pdf = "pdfLink",
  .id_orders = "siparisler",
  .cls_error = "hata",
  .cls_info = "bilgi",
  .cls_ok = "basari",
  .cls_warn = "uyari",
  .cls_field_error = "alanHata",
  .attr_field = "data-alan",
};

/* The second profile: same flow, nothing named alike, so a client that hard-codes
 * the default names fails its test. */
static const EySimNames alt_names = {
  .variant = "alt",
  .prefix = "/basvuru2/",
  .page = {
    [EY_SIM_PAGE_LOGIN] = "giris.do",
    [EY_SIM_PAGE_CAPTCHA] = "resim.do",
    [EY_SIM_PAGE_FORGOT] = "parola-unuttum.do",
    [EY_SIM_PAGE_ORDERS] = "siparisler.do",
    [EY_SIM_PAGE_FORM] = "form.do",
    [EY_SIM_PAGE_SMS] = "sms-gonder.do",
    [EY_SIM_PAGE_SMS_CODE] = "sms-kod.do",
    [EY_SIM_PAGE_EONAY] = "onay-tercih.do",
    [EY_SIM_PAGE_CONSENT] = "onay-metin.do",
    [EY_SIM_PAGE_EONAY_SIGN] = "onay-imza.do",
    [EY_SIM_PAGE_METHOD] = "yontem.do",
    [EY_SIM_PAGE_EIMZALI] = "eimzali.do",
    [EY_SIM_PAGE_ISLAK] = "islak.do",
    [EY_SIM_PAGE_RESULT] = "sonuc.do",
    [EY_SIM_PAGE_LOGOUT] = "cikis.do",
    [EY_SIM_PAGE_PDF] = "basvuruformu.pdf",
    [EY_SIM_PAGE_JNLP] = "KamuSM-eImza.jnlp",
    [EY_SIM_PAGE_SIGN_DATA] = "imza/veri.do",
    [EY_SIM_PAGE_SIGN_UPLOAD] = "imza/imza.do",
  },
  .field = {
    [EY_SIM_F_TOKEN] = "formToken",
    [EY_SIM_F_CAPTCHA] = "f_resim",
    [EY_SIM_F_IDENTITY] = "f_tckn",
    [EY_SIM_F_PASSWORD] = "f_sifre",
    [EY_SIM_F_ORDER] = "f_siparis",
    [EY_SIM_F_NAME] = "f_ad",
    [EY_SIM_F_SURNAME] = "f_soyad",
    [EY_SIM_F_BIRTH] = "f_dogum",
    [EY_SIM_F_INSTITUTION] = "f_kurum",
    [EY_SIM_F_PHONE] = "f_gsm",
    [EY_SIM_F_EMAIL] = "f_mail",
    [EY_SIM_F_ADDRESS] = "f_adres",
    [EY_SIM_F_CITY] = "f_il",
    [EY_SIM_F_DISTRICT] = "f_ilce",
    [EY_SIM_F_POSTAL] = "f_pk",
    [EY_SIM_F_WORD] = "f_sozcuk",
    [EY_SIM_F_WORD2] = "f_sozcuk2",
    [EY_SIM_F_TITLE] = "f_unvan",
    [EY_SIM_F_SMS_CODE] = "f_smskod",
    [EY_SIM_F_EONAY] = "f_tercih",
    [EY_SIM_F_CONSENT] = "f_kabul",
    [EY_SIM_F_METHOD] = "f_yontem",
    [EY_SIM_F_CODE] = "f_kod",
    [EY_SIM_F_SIGNATURE] = "f_imza",
  },
  .eonay_yes = "E",
  .eonay_no = "H",
  .method = { "1", "2", "3" },
  .id_phone = "xTel",
  .id_remaining = "xKalan",
  .id_code = "xKod",
  .id_continue = "xDevam",
  .id_pdf = "xPdf",
  .id_orders = "xOrders",
  .cls_error = "err",
  .cls_info = "info",
  .cls_ok = "ok",
  .cls_warn = "warn",
  .cls_field_error = "fieldErr",
  .attr_field = "data-field",
};

const EySimNames *
ey_sim_names_get (const char *variant)
{
  if (variant == NULL || g_strcmp0 (variant, "default") == 0)
    return &default_names;
  if (g_strcmp0 (variant, "alt") == 0)
    return &alt_names;
  return NULL;
}

EySimPage
ey_sim_names_find_page (const EySimNames *names,
                        const char       *rel)
{
  for (guint i = 0; i < EY_SIM_N_PAGES; i++)
    if (g_strcmp0 (names->page[i], rel) == 0)
      return (EySimPage) i;
  return EY_SIM_N_PAGES;
}

const char *
ey_sim_method_log_name (EySimMethod method)
{
  return default_names.method[method];
}
