/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The signing contract: verification codes, the bytes to sign, the upload. */
#define G_LOG_DOMAIN "ey-sim-signing"

#include "config.h"

#include <string.h>
#include <time.h>

#include "ey-sim-cms.h"
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

void
_ey_sim_sign_data (EySimRequest *r)
{
  EySimSession *s = r->session;
  EySimPerson *p = s->person;
  gboolean eonay = g_strcmp0 (s->purpose, "form") != 0;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *when = g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
  GString *text;

  if (!check_code (r))
    return;
  text = g_string_new (eonay ? "KamuSM E-Onay\n" : "KamuSM Başvuru Formu ve Taahhütname\n");
  g_string_append_printf (text, "Ad Soyad: %s %s\nKimlik No: %s\n", p->name, p->surname,
                          p->identity);
  if (!eonay)
    g_string_append_printf (text, "Sipariş No: %u\nKurum: %s\n", s->order, p->institution);
  g_string_append_printf (text, "Doğrulama Kodu: %s\nZaman: %s\nMetin: %s\n", s->verify_code,
                          when, eonay ? consent_text : commitment_text);

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
