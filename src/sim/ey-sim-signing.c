/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The signing contract: verification codes, the bytes to sign, the upload. */
#define G_LOG_DOMAIN "ey-sim-signing"

#include "config.h"

#include <string.h>
#include <time.h>

#include "ey-sim-cms-private.h"
#include "ey-sim-server-private.h"

#define CODE_DIGITS 15

static const char consent_text[] =
  "Kamu SM sistemleri üzerinden güvenilir bir şekilde başvuru yapabilmek için E-Onay "
  "veriyorum. E-Onay verdiğim gün yürürlükte olan başvuru formu ve sertifika sahibi "
  "taahhütnamesi metinlerini kabul ediyorum.";

static const char commitment_text[] =
  "Başvuru formunda verdiğim bilgilerin doğru olduğunu, sertifikamı 5070 sayılı "
  "Elektronik İmza Kanunu ve ilgili mevzuata uygun olarak kullanacağımı, imza "
  "oluşturma verimin güvenliğini sağlayacağımı taahhüt ederim.";

void
_ey_sim_new_verification (EySimRequest *r,
                          const char   *purpose)
{
  EySimSession *s = r->session;
  char *old_purpose = s->purpose;

  g_free (s->verify_code);
  s->verify_code = ey_sim_random_digits (CODE_DIGITS);
  s->verify_deadline = g_get_monotonic_time () + (gint64) r->server->code_ttl * G_USEC_PER_SEC;
  s->purpose = g_strdup (purpose);
  g_free (old_purpose);
  g_clear_pointer (&s->issued, g_bytes_unref);
}

static void
respond_json (EySimRequest *r,
              JsonBuilder  *builder)
{
  g_autoptr(JsonNode) root = json_builder_get_root (builder);
  char *text = json_to_string (root, FALSE);
  g_autoptr(GBytes) body = g_bytes_new_take (text, strlen (text));

  _ey_sim_respond_bytes (r, SOUP_STATUS_OK, "application/json", body);
}

void
_ey_sim_sign_refuse (EySimRequest *r,
                     const char   *code,
                     const char   *message)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "sonuc");
  json_builder_add_string_value (b, "hata");
  json_builder_set_member_name (b, "kod");
  json_builder_add_string_value (b, code);
  json_builder_set_member_name (b, "mesaj");
  json_builder_add_string_value (b, message);
  json_builder_end_object (b);
  respond_json (r, b);
}

/* A refusal the state log records as signature-refused (the code refusals). */
void
_ey_sim_sign_refuse_logged (EySimRequest *r,
                            const char   *code,
                            const char   *message,
                            const char   *detail)
{
  EySimSession *s = r->session;

  ey_sim_log_event (r->server->log, "signature-refused", s->id,
                    s->person ? s->person->identity : NULL,
                    "reason", code, "detail", detail, NULL);
  _ey_sim_sign_refuse (r, code, message);
}

/* KOD_HATALI / KOD_SURESI_DOLDU, or TRUE when the posted code is the live one. */
static gboolean
check_code (EySimRequest *r)
{
  EySimSession *s = r->session;
  g_autofree char *code = g_strstrip (g_strdup (_ey_sim_arg (r, EY_SIM_F_CODE)));

  if (s->verify_code == NULL || strcmp (code, s->verify_code) != 0)
    {
      _ey_sim_sign_refuse_logged (r, "KOD_HATALI", "Doğrulama kodu hatalı.",
                                  "unknown or spent verification code");
      return FALSE;
    }
  if (_ey_sim_seconds_left (s->verify_deadline) == 0)
    {
      _ey_sim_sign_refuse_logged (r, "KOD_SURESI_DOLDU", "Doğrulama kodunun süresi doldu.",
                                  "verification code expired");
      return FALSE;
    }
  return TRUE;
}

/* The honest text with @name, @identity and @code. */
static GString *
sign_text (EySimRequest *r,
           gboolean      eonay,
           const char   *name,
           const char   *identity,
           const char   *code)
{
  EySimSession *s = r->session;
  EySimPerson *p = s->person;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *when = g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
  GString *text = g_string_new (eonay ? "KamuSM E-Onay\n" : "KamuSM Başvuru Formu ve Taahhütname\n");

  g_string_append_printf (text, "Ad Soyad: %s\nKimlik No: %s\n", name, identity);
  if (!eonay)
    g_string_append_printf (text, "Sipariş No: %u\nKurum: %s\n", s->order, p->institution);
  g_string_append_printf (text, "Doğrulama Kodu: %s\nZaman: %s\nMetin: %s\n", code,
                          when, eonay ? consent_text : commitment_text);
  return text;
}

/* --hostile-veri: what a compromised or misbehaving site might ask the card to sign.
 * The client must refuse every one of these before it asks for the PIN. */
static void
sign_data_hostile (EySimRequest *r,
                   gboolean      eonay)
{
  EySimSession *s = r->session;
  EySimPerson *p = s->person;
  const char *mode = r->server->hostile_veri;
  g_autofree char *name = g_strdup_printf ("%s %s", p->name, p->surname);
  const char *type = "text/plain; charset=UTF-8";
  GString *body;

  if (g_str_equal (mode, "pdf"))
    {
      /* Names the right person and code: only its type and bytes give it away */
      body = g_string_new ("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj << /Type /Catalog >> endobj\n");
      g_string_append_printf (body, "BT (BORÇ SENEDİ: %s %s 1.000.000 TL %s) ET\n", name,
                              p->identity, s->verify_code);
      g_string_append (body, "%%EOF\n");
      type = "application/pdf";
    }
  else if (g_str_equal (mode, "other-name"))
    body = sign_text (r, eonay, "MEHMET DEMİR", p->identity, s->verify_code);
  else if (g_str_equal (mode, "other-id"))
    body = sign_text (r, eonay, name, g_str_equal (p->identity, "10000000146") ? "23456789138"
                                                                                : "10000000146",
                      s->verify_code);
  else if (g_str_equal (mode, "other-code"))
    {
      g_autofree char *other = NULL;

      do
        {
          g_free (other);
          other = ey_sim_random_digits (CODE_DIGITS);
        }
      while (g_str_equal (other, s->verify_code));
      body = sign_text (r, eonay, name, p->identity, other);
    }
  else if (g_str_equal (mode, "error-json"))
    {
      body = g_string_new (NULL);
      g_string_append_printf (body, "{\"sonuc\":\"hata\",\"kod\":\"SUNUCU_HATASI\","
                              "\"mesaj\":\"%s %s %s: sunucu hatası\"}", name, p->identity,
                              s->verify_code);
      type = "application/json";
    }
  else if (g_str_equal (mode, "huge"))
    {
      body = sign_text (r, eonay, name, p->identity, s->verify_code);
      while (body->len < 10 * 1024 * 1024)
        g_string_append (body, eonay ? consent_text : commitment_text);
      g_string_append_c (body, '\n');
    }
  else /* control */
    {
      body = sign_text (r, eonay, name, p->identity, s->verify_code);
      /* Clears the terminal and hides what follows; a right-to-left override */
      g_string_append (body, "\x1b[2J\x1b[1;1H\x1b]0;tamam\x07\x1b[8mBORÇ SENEDİ 1.000.000 TL\x1b[0m\n"
                             "\xe2\x80\xae LT 000.000.1\n");
    }
  ey_sim_log_event (r->server->log, "sign-data-hostile", s->id, p->identity,
                    "mode", mode, NULL);
  {
    g_autoptr(GBytes) bytes = g_string_free_to_bytes (body);

    _ey_sim_respond_bytes (r, SOUP_STATUS_OK, type, bytes);
  }
}

void
_ey_sim_sign_data (EySimRequest *r)
{
  EySimSession *s = r->session;
  EySimPerson *p = s->person;
  gboolean eonay = g_strcmp0 (s->purpose, "form") != 0;
  GString *text;

  if (!check_code (r))
    return;
  if (r->server->hostile_veri != NULL)
    {
      sign_data_hostile (r, eonay);
      return;
    }
  {
    g_autofree char *name = g_strdup_printf ("%s %s", p->name, p->surname);

    text = sign_text (r, eonay, name, p->identity, s->verify_code);
  }

  g_clear_pointer (&s->issued, g_bytes_unref);
  s->issued = g_string_free_to_bytes (text);
  ey_sim_log_event (r->server->log, "sign-data-issued", s->id, p->identity,
                    "purpose", eonay ? "eonay" : "form", NULL);
  _ey_sim_respond_bytes (r, SOUP_STATUS_OK, "text/plain; charset=UTF-8", s->issued);
}

void
_ey_sim_sign_upload (EySimRequest *r)
{
  EySimSession *s = r->session;
  const char *identity = s->person->identity;
  const char *b64 = _ey_sim_arg (r, EY_SIM_F_SIGNATURE);
  g_autoptr(GBytes) der = NULL;
  g_autoptr(GBytes) empty = g_bytes_new_static ("", 0);
  g_autofree char *detail = NULL;
  g_autoptr(JsonBuilder) b = NULL;
  EySimCmsResult result;
  gsize len = 0;
  guchar *raw;

  if (!check_code (r))
    return;
  raw = g_base64_decode (b64, &len);
  der = g_bytes_new_take (raw, len);
  result = ey_sim_cms_verify (der, s->issued ? s->issued : empty, r->server->trust,
                              identity, (gint64) time (NULL), &detail);
  g_debug ("signature from %s: %s", identity, detail);
  if (result != EY_SIM_CMS_OK)
    {
      ey_sim_log_event (r->server->log, "signature-refused", s->id, identity,
                        "reason", ey_sim_cms_result_code (result), "detail", detail, NULL);
      _ey_sim_sign_refuse (r, ey_sim_cms_result_code (result),
                           ey_sim_cms_result_message (result));
      return;
    }

  ey_sim_log_event (r->server->log, "signature-accepted", s->id, identity,
                    "purpose", s->purpose, NULL);
  /* The code is spent: the same signature cannot be sent twice. */
  g_clear_pointer (&s->verify_code, g_free);
  g_clear_pointer (&s->issued, g_bytes_unref);
  if (g_strcmp0 (s->purpose, "form") == 0)
    {
      /* Arrived already (another session sent it): the result again, not twice. */
      _ey_sim_submit (r, EY_SIM_METHOD_EIMZALI);
      s->step = EY_SIM_STEP_RESULT;
    }
  else
    {
      EySimApplication *a = _ey_sim_application (r);

      /* Kept past this session: see EySimApplication. */
      if (a)
        a->eonay_signed = TRUE;
      s->eonay_signed = TRUE;
      s->step = EY_SIM_STEP_METHOD;
    }

  b = json_builder_new ();
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "sonuc");
  json_builder_add_string_value (b, "tamam");
  json_builder_end_object (b);
  respond_json (r, b);
}
