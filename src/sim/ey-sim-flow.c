/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The site's state machine: which page may be asked for now, and what each form does. */
#define G_LOG_DOMAIN "ey-sim-flow"

#include "config.h"

#include <string.h>

#include "ey-sim-captcha-private.h"
#include "ey-sim-pages-private.h"
#include "ey-sim-pdf-private.h"

typedef void (*EySimPostFunc) (EySimRequest *r);

static const EySimPage step_pages[] = {
  [EY_SIM_STEP_LOGIN] = EY_SIM_PAGE_LOGIN,
  [EY_SIM_STEP_ORDERS] = EY_SIM_PAGE_ORDERS,
  [EY_SIM_STEP_FORM] = EY_SIM_PAGE_FORM,
  [EY_SIM_STEP_SMS] = EY_SIM_PAGE_SMS,
  [EY_SIM_STEP_SMS_CODE] = EY_SIM_PAGE_SMS_CODE,
  [EY_SIM_STEP_EONAY] = EY_SIM_PAGE_EONAY,
  [EY_SIM_STEP_CONSENT] = EY_SIM_PAGE_CONSENT,
  [EY_SIM_STEP_EONAY_SIGN] = EY_SIM_PAGE_EONAY_SIGN,
  [EY_SIM_STEP_METHOD] = EY_SIM_PAGE_METHOD,
  [EY_SIM_STEP_EIMZALI] = EY_SIM_PAGE_EIMZALI,
  [EY_SIM_STEP_ISLAK] = EY_SIM_PAGE_ISLAK,
  [EY_SIM_STEP_RESULT] = EY_SIM_PAGE_RESULT,
};

EySimPage
_ey_sim_step_page (EySimStep step)
{
  return step_pages[step];
}

static void
set_step (EySimRequest *r,
          EySimStep     step)
{
  r->session->step = step;
}

/* --- the application's progress across sign-ins ------------------------------------ */

EySimApplication *
_ey_sim_application (EySimRequest *r)
{
  EySimSession *s = r->session;

  if (s->person == NULL || s->order == 0)
    return NULL;
  return ey_sim_sessions_application (r->server->sessions, s->person->identity, s->order);
}

static void
copy_form (GHashTable *to,
           GHashTable *from)
{
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_remove_all (to);
  g_hash_table_iter_init (&iter, from);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_hash_table_insert (to, key, g_strdup (value));
}

static void
set_notice (EySimSession *s,
            const char   *text)
{
  g_free (s->flash_notice);
  s->flash_notice = g_strdup (text);
}

/* Where a session whose application already arrived is sent: the result again (the
 * wet path: its PDF page), never a second submission. */
static EySimStep
arrived_step (const char *method)
{
  return g_strcmp0 (method, ey_sim_method_log_name (EY_SIM_METHOD_ISLAK)) == 0
         ? EY_SIM_STEP_ISLAK : EY_SIM_STEP_RESULT;
}

gboolean
_ey_sim_submit (EySimRequest *r,
                EySimMethod   method)
{
  EySimSession *s = r->session;
  EySimApplication *a = _ey_sim_application (r);
  const char *name = ey_sim_method_log_name (method);

  if (a && a->submitted)
    {
      /* Another session (or an earlier sign-in) already sent it. */
      g_free (s->method);
      s->method = g_strdup (a->submitted);
      set_notice (s, "Başvurunuz daha önce alınmıştır.");
      return FALSE;
    }
  g_free (s->method);
  s->method = g_strdup (name);
  if (a)
    a->submitted = g_strdup (name);
  ey_sim_log_event (r->server->log, "application-submitted", s->id, s->person->identity,
                    "method", name, NULL);
  return TRUE;
}

/* A new sign-in opened an order whose application got past the E-Onay signature:
 * continue where it stopped instead of showing the form again. */
static gboolean
resume_application (EySimRequest *r)
{
  EySimSession *s = r->session;
  EySimApplication *a = _ey_sim_application (r);
  EySimStep step;

  if (a == NULL || (a->submitted == NULL && !a->eonay_signed))
    return FALSE;
  if (g_hash_table_size (a->form) > 0)
    copy_form (s->form, a->form);
  s->eonay_wanted = a->eonay_signed;
  s->eonay_signed = a->eonay_signed;
  ey_sim_log_event (r->server->log, "application-resumed", s->id, s->person->identity,
                    "state", a->submitted ? "submitted" : "eonay-signed", NULL);
  if (a->submitted)
    {
      g_free (s->method);
      s->method = g_strdup (a->submitted);
      set_notice (s, "Başvurunuz daha önce alınmıştır.");
      step = arrived_step (a->submitted);
    }
  else
    {
      set_notice (s, "E-Onayınız daha önce alınmıştır. Başvurunuzu tamamlamak için "
                     "imzalama yönteminizi seçiniz.");
      step = EY_SIM_STEP_METHOD;
    }
  set_step (r, step);
  _ey_sim_redirect (r, step_pages[step], NULL);
  return TRUE;
}

static void
new_captcha (EySimRequest *r)
{
  g_autofree char *text = r->server->captcha_text ? g_strdup (r->server->captcha_text)
                                                  : ey_sim_captcha_new_text ();

  ey_sim_session_set_secret (&r->session->captcha, text);
  explicit_bzero (text, strlen (text));
  r->session->captcha_serial++;
}

static gboolean
captcha_ok (EySimRequest *r)
{
  g_autofree char *typed = g_strdup (_ey_sim_arg (r, EY_SIM_F_CAPTCHA));
  gboolean ok;

  g_strstrip (typed);
  /* ASCII-only comparison: the picture has no letters that Turkish case rules touch. */
  ok = r->session->captcha && *typed &&
       g_ascii_strcasecmp (typed, r->session->captcha) == 0;
  explicit_bzero (typed, strlen (typed));
  return ok;
}

/* Which pages a session at its step may ask for.  Going back to the order list or
 * the form is allowed until the SMS code is accepted, as the site's own links do. */
static gboolean
page_allowed (EySimSession *s,
              EySimPage     page)
{
  switch (page)
    {
    case EY_SIM_PAGE_ORDERS:
      return s->step >= EY_SIM_STEP_ORDERS && s->step <= EY_SIM_STEP_SMS_CODE;
    case EY_SIM_PAGE_FORM:
      return s->step >= EY_SIM_STEP_ORDERS && s->step <= EY_SIM_STEP_SMS_CODE;
    case EY_SIM_PAGE_SMS:
      return s->step == EY_SIM_STEP_SMS || s->step == EY_SIM_STEP_SMS_CODE;
    case EY_SIM_PAGE_PDF:
      return s->step == EY_SIM_STEP_ISLAK;
    case EY_SIM_PAGE_SIGN_DATA:
    case EY_SIM_PAGE_SIGN_UPLOAD:
      return s->step == EY_SIM_STEP_EONAY_SIGN || s->step == EY_SIM_STEP_EIMZALI;
    default:
      return step_pages[s->step] == page;
    }
}

/* --- sign-in and forgotten password ----------------------------------------------- */

static void
post_login (EySimRequest *r)
{
  EySimServer *server = r->server;
  g_autofree char *identity = g_strdup (_ey_sim_arg (r, EY_SIM_F_IDENTITY));
  const char *password = _ey_sim_arg (r, EY_SIM_F_PASSWORD);
  EySimPerson *p;

  g_strstrip (identity);
  if (!captcha_ok (r))
    {
      ey_sim_log_event (server->log, "login-failed", r->session->id, identity,
                        "reason", "captcha", NULL);
      r->error = "Resimdeki yazıyı hatalı girdiniz.";
      new_captcha (r);
      _ey_sim_render (r, EY_SIM_PAGE_LOGIN);
      return;
    }
  p = ey_sim_people_lookup (server->people, identity);
  if (p == NULL || g_strcmp0 (p->password, password) != 0)
    {
      ey_sim_log_event (server->log, "login-failed", r->session->id, identity,
                        "reason", "credentials", NULL);
      r->error = "Kimlik numarası veya başvuru formu erişim parolası hatalı.";
      new_captcha (r);
      _ey_sim_render (r, EY_SIM_PAGE_LOGIN);
      return;
    }
  ey_sim_session_reset (r->session);
  r->session->person = p;
  ey_sim_log_event (server->log, "login-ok", r->session->id, p->identity, NULL);
  set_step (r, EY_SIM_STEP_ORDERS);
  _ey_sim_redirect (r, EY_SIM_PAGE_ORDERS, NULL);
}

static void
post_forgot (EySimRequest *r)
{
  g_autofree char *identity = g_strdup (_ey_sim_arg (r, EY_SIM_F_IDENTITY));
  EySimPerson *p;

  g_strstrip (identity);
  if (!captcha_ok (r))
    {
      r->error = "Resimdeki yazıyı hatalı girdiniz.";
      new_captcha (r);
      _ey_sim_render (r, EY_SIM_PAGE_FORGOT);
      return;
    }
  new_captcha (r);
  p = ey_sim_people_lookup (r->server->people, identity);
  if (p == NULL)
    {
      r->error = "Bu kimlik numarasına ait bir başvuru bulunamadı.";
      _ey_sim_render (r, EY_SIM_PAGE_FORGOT);
      return;
    }
  ey_sim_log_event (r->server->log, "password-resent", r->session->id, p->identity, NULL);
  g_free (r->session->flash_notice);
  r->session->flash_notice = g_strdup ("Başvuru formu erişim parolanız e-posta adresinize "
                                       "yeniden gönderildi.");
  _ey_sim_redirect (r, EY_SIM_PAGE_LOGIN, NULL);
}

/* --- orders and the application form ------------------------------------------------ */

static void
prefill_form (EySimRequest *r)
{
  EySimPerson *p = r->session->person;
  GHashTable *f = r->session->form;
  const char *city = _ey_sim_city_code (p->city);
  EySimApplication *a = _ey_sim_application (r);

  if (g_hash_table_size (f) > 0)
    return;
  /* What was saved at an earlier sign-in comes back. */
  if (a && g_hash_table_size (a->form) > 0)
    {
      copy_form (f, a->form);
      return;
    }
  g_hash_table_insert (f, GINT_TO_POINTER (EY_SIM_F_PHONE), g_strdup (p->phone));
  g_hash_table_insert (f, GINT_TO_POINTER (EY_SIM_F_EMAIL), g_strdup (p->email));
  g_hash_table_insert (f, GINT_TO_POINTER (EY_SIM_F_ADDRESS), g_strdup (p->address));
  g_hash_table_insert (f, GINT_TO_POINTER (EY_SIM_F_CITY), g_strdup (city ? city : ""));
  g_hash_table_insert (f, GINT_TO_POINTER (EY_SIM_F_DISTRICT), g_strdup (p->district));
  g_hash_table_insert (f, GINT_TO_POINTER (EY_SIM_F_POSTAL), g_strdup (p->postal_code));
  g_hash_table_insert (f, GINT_TO_POINTER (EY_SIM_F_TITLE), g_strdup (p->title));
}

static void
get_form (EySimRequest *r)
{
  const char *number = _ey_sim_arg (r, EY_SIM_F_ORDER);
  guint64 n = 0;

  if (*number)
    {
      EySimOrder *order = NULL;

      if (g_ascii_string_to_unsigned (number, 10, 1, G_MAXUINT, &n, NULL))
        order = ey_sim_person_find_order (r->session->person, (guint) n);
      if (order == NULL)
        {
          _ey_sim_redirect (r, EY_SIM_PAGE_ORDERS, NULL);
          return;
        }
      if (r->session->order != order->number)
        {
          g_autofree char *text = g_strdup_printf ("%u", order->number);

          r->session->order = order->number;
          g_hash_table_remove_all (r->session->form);
          ey_sim_log_event (r->server->log, "order-opened", r->session->id,
                            r->session->person->identity, "order", text, NULL);
        }
    }
  else if (r->session->order == 0)
    {
      _ey_sim_redirect (r, EY_SIM_PAGE_ORDERS, NULL);
      return;
    }
  if (resume_application (r))
    return;
  prefill_form (r);
  set_step (r, EY_SIM_STEP_FORM);
  _ey_sim_render (r, EY_SIM_PAGE_FORM);
}

static gboolean
phone_valid (const char *raw)
{
  g_autoptr(GString) digits = g_string_new (NULL);
  const char *p = raw;

  for (; *p; p++)
    if (*p != ' ' && *p != '-' && *p != '(' && *p != ')')
      g_string_append_c (digits, *p);
  /* ^(\+?90|0)?5\d{9}$ */
  p = digits->str;
  if (g_str_has_prefix (p, "+90"))
    p += 3;
  else if (g_str_has_prefix (p, "90") && strlen (p) == 12)
    p += 2;
  else if (*p == '0')
    p += 1;
  if (strlen (p) != 10 || p[0] != '5')
    return FALSE;
  for (; *p; p++)
    if (!g_ascii_isdigit (*p))
      return FALSE;
  return TRUE;
}

static gboolean
email_valid (const char *s)
{
  const char *at = strchr (s, '@');

  return at && at != s && strchr (at + 1, '@') == NULL && strchr (at + 1, '.') &&
         at[1] != '.' && s[strlen (s) - 1] != '.' && strchr (s, ' ') == NULL;
}

static void
post_form (EySimRequest *r)
{
  static const EySimField kept[] = {
    EY_SIM_F_PHONE, EY_SIM_F_EMAIL, EY_SIM_F_ADDRESS, EY_SIM_F_CITY, EY_SIM_F_DISTRICT,
    EY_SIM_F_POSTAL, EY_SIM_F_TITLE,
  };
  g_autoptr(GHashTable) errors = g_hash_table_new (g_direct_hash, g_direct_equal);
  g_autoptr(GString) names = g_string_new (NULL);
  g_autofree char *address = g_strdup (_ey_sim_arg (r, EY_SIM_F_ADDRESS));
  const char *word = _ey_sim_arg (r, EY_SIM_F_WORD);

  for (guint i = 0; i < G_N_ELEMENTS (kept); i++)
    g_hash_table_insert (r->session->form, GINT_TO_POINTER (kept[i]),
                         g_strstrip (g_strdup (_ey_sim_arg (r, kept[i]))));

  if (!phone_valid (_ey_sim_arg (r, EY_SIM_F_PHONE)))
    g_hash_table_insert (errors, GINT_TO_POINTER (EY_SIM_F_PHONE), "Cep telefonu numarası geçersiz.");
  if (!email_valid (_ey_sim_arg (r, EY_SIM_F_EMAIL)))
    g_hash_table_insert (errors, GINT_TO_POINTER (EY_SIM_F_EMAIL), "E-posta adresi geçersiz.");
  if (*g_strstrip (address) == '\0')
    g_hash_table_insert (errors, GINT_TO_POINTER (EY_SIM_F_ADDRESS), "Adres boş bırakılamaz.");
  if (_ey_sim_city_name (_ey_sim_arg (r, EY_SIM_F_CITY)) == NULL)
    g_hash_table_insert (errors, GINT_TO_POINTER (EY_SIM_F_CITY), "İl seçiniz.");
  if (g_utf8_strlen (word, -1) < 6)
    g_hash_table_insert (errors, GINT_TO_POINTER (EY_SIM_F_WORD),
                         "Güvenlik sözcüğü en az 6 karakter olmalıdır.");
  else if (g_strcmp0 (word, _ey_sim_arg (r, EY_SIM_F_WORD2)) != 0)
    g_hash_table_insert (errors, GINT_TO_POINTER (EY_SIM_F_WORD2),
                         "Güvenlik sözcükleri birbirini tutmuyor.");

  if (g_hash_table_size (errors) > 0)
    {
      /* Field names in page order, so the log reads the same every time. */
      for (guint f = 0; f < EY_SIM_N_FIELDS; f++)
        if (g_hash_table_contains (errors, GINT_TO_POINTER (f)))
          g_string_append_printf (names, "%s%s", names->len ? "," : "",
                                  r->server->names->field[f]);
      ey_sim_log_event (r->server->log, "form-invalid", r->session->id,
                        r->session->person->identity, "fields", names->str, NULL);
      r->field_errors = errors;
      r->error = "Formda hatalı alanlar var. Lütfen düzeltiniz.";
      _ey_sim_render (r, EY_SIM_PAGE_FORM);
      r->field_errors = NULL;
      return;
    }
  ey_sim_log_event (r->server->log, "form-saved", r->session->id,
                    r->session->person->identity, NULL);
  {
    EySimApplication *a = _ey_sim_application (r);

    a->form_saved = TRUE;
    copy_form (a->form, r->session->form);
  }
  set_step (r, EY_SIM_STEP_SMS);
  _ey_sim_redirect (r, EY_SIM_PAGE_SMS, NULL);
}

/* --- SMS --------------------------------------------------------------------------- */

static void
post_sms (EySimRequest *r)
{
  _ey_sim_send_sms (r);
  set_step (r, EY_SIM_STEP_SMS_CODE);
  _ey_sim_redirect (r, EY_SIM_PAGE_SMS_CODE, NULL);
}

static void
post_sms_code (EySimRequest *r)
{
  EySimSession *s = r->session;
  const char *identity = s->person->identity;
  g_autofree char *typed = NULL;

  if (*_ey_sim_raw_arg (r, "yeniKod"))
    {
      _ey_sim_send_sms (r);
      g_free (s->flash_notice);
      s->flash_notice = g_strdup ("Yeni SMS onay kodu gönderildi.");
      _ey_sim_redirect (r, EY_SIM_PAGE_SMS_CODE, NULL);
      return;
    }
  typed = g_strstrip (g_strdup (_ey_sim_arg (r, EY_SIM_F_SMS_CODE)));
  if (s->sms_code == NULL || _ey_sim_seconds_left (s->sms_deadline) == 0)
    {
      ey_sim_log_event (r->server->log, "sms-failed", s->id, identity, "reason", "expired", NULL);
      r->error = "SMS onay kodunun süresi doldu. Yeni kod gönderiniz.";
    }
  else if (strcmp (typed, s->sms_code) != 0)
    {
      ey_sim_log_event (r->server->log, "sms-failed", s->id, identity, "reason", "wrong", NULL);
      r->error = "SMS onay kodu hatalı.";
    }
  explicit_bzero (typed, strlen (typed));
  if (r->error)
    {
      _ey_sim_render (r, EY_SIM_PAGE_SMS_CODE);
      return;
    }
  ey_sim_session_set_secret (&s->sms_code, NULL);
  ey_sim_log_event (r->server->log, "sms-ok", s->id, identity, NULL);
  _ey_sim_application (r)->sms_ok = TRUE;
  set_step (r, EY_SIM_STEP_EONAY);
  _ey_sim_redirect (r, EY_SIM_PAGE_EONAY, NULL);
}

/* --- E-Onay, consent, method -------------------------------------------------------- */

static void
post_eonay (EySimRequest *r)
{
  const EySimNames *n = r->server->names;
  const char *choice = _ey_sim_arg (r, EY_SIM_F_EONAY);
  gboolean yes = g_strcmp0 (choice, n->eonay_yes) == 0;

  if (!yes && g_strcmp0 (choice, n->eonay_no) != 0)
    {
      r->error = "Lütfen bir seçim yapınız.";
      _ey_sim_render (r, EY_SIM_PAGE_EONAY);
      return;
    }
  r->session->eonay_wanted = yes;
  ey_sim_log_event (r->server->log, "eonay-choice", r->session->id,
                    r->session->person->identity, "choice", yes ? "evet" : "hayir", NULL);
  set_step (r, yes ? EY_SIM_STEP_CONSENT : EY_SIM_STEP_METHOD);
  _ey_sim_redirect (r, yes ? EY_SIM_PAGE_CONSENT : EY_SIM_PAGE_METHOD, NULL);
}

static void
post_consent (EySimRequest *r)
{
  if (g_strcmp0 (_ey_sim_arg (r, EY_SIM_F_CONSENT), "1") != 0)
    {
      r->error = "Devam etmek için metni kabul etmelisiniz.";
      _ey_sim_render (r, EY_SIM_PAGE_CONSENT);
      return;
    }
  ey_sim_log_event (r->server->log, "consent-accepted", r->session->id,
                    r->session->person->identity, NULL);
  _ey_sim_new_verification (r, "eonay");
  set_step (r, EY_SIM_STEP_EONAY_SIGN);
  _ey_sim_redirect (r, EY_SIM_PAGE_EONAY_SIGN, NULL);
}

static void
post_renew_code (EySimRequest *r)
{
  _ey_sim_new_verification (r, r->session->purpose ? r->session->purpose : "eonay");
  _ey_sim_redirect (r, r->page, NULL);
}

static void
post_method (EySimRequest *r)
{
  const EySimNames *n = r->server->names;
  const char *value = _ey_sim_arg (r, EY_SIM_F_METHOD);
  EySimSession *s = r->session;
  EySimApplication *a = _ey_sim_application (r);
  int method = -1;

  /* Sent already (from another session): show the result again, never twice. */
  if (a && a->submitted)
    {
      _ey_sim_submit (r, EY_SIM_METHOD_EONAYLI);
      set_step (r, arrived_step (a->submitted));
      _ey_sim_redirect (r, step_pages[s->step], NULL);
      return;
    }
  for (int i = 0; i < EY_SIM_N_METHODS; i++)
    if (g_strcmp0 (value, n->method[i]) == 0)
      method = i;
  /* A method the page did not offer is refused like a missing choice. */
  if (method < 0 ||
      (method == EY_SIM_METHOD_EONAYLI && !s->eonay_signed) ||
      (method == EY_SIM_METHOD_EIMZALI && !s->person->certificate_valid))
    {
      r->error = "Lütfen bir seçim yapınız.";
      _ey_sim_render (r, EY_SIM_PAGE_METHOD);
      return;
    }
  ey_sim_log_event (r->server->log, "method-chosen", s->id, s->person->identity,
                    "method", ey_sim_method_log_name (method), NULL);
  if (a)
    {
      g_free (a->method_chosen);
      a->method_chosen = g_strdup (ey_sim_method_log_name (method));
    }
  switch (method)
    {
    case EY_SIM_METHOD_EONAYLI:
      _ey_sim_submit (r, EY_SIM_METHOD_EONAYLI);
      set_step (r, EY_SIM_STEP_RESULT);
      _ey_sim_redirect (r, EY_SIM_PAGE_RESULT, NULL);
      break;
    case EY_SIM_METHOD_EIMZALI:
      _ey_sim_new_verification (r, "form");
      set_step (r, EY_SIM_STEP_EIMZALI);
      _ey_sim_redirect (r, EY_SIM_PAGE_EIMZALI, NULL);
      break;
    default:
      set_step (r, EY_SIM_STEP_ISLAK);
      _ey_sim_redirect (r, EY_SIM_PAGE_ISLAK, NULL);
      break;
    }
}

/* --- documents --------------------------------------------------------------------- */

static void
get_pdf (EySimRequest *r)
{
  EySimSession *s = r->session;
  g_autoptr(GHashTable) form = g_hash_table_new (g_direct_hash, g_direct_equal);
  g_autoptr(GBytes) pdf = NULL;
  GHashTableIter iter;
  gpointer key, value;

  /* The PDF shows the province by name, the form keeps its plate code. */
  g_hash_table_iter_init (&iter, s->form);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_hash_table_insert (form, key, value);
  g_hash_table_insert (form, GINT_TO_POINTER (EY_SIM_F_CITY),
                       (gpointer) _ey_sim_city_name (g_hash_table_lookup (s->form,
                                                     GINT_TO_POINTER (EY_SIM_F_CITY))));
  pdf = ey_sim_pdf_render (s->person, form, s->order, r->server->demo);
  ey_sim_log_event (r->server->log, "pdf-downloaded", s->id, s->person->identity, NULL);
  if (s->method == NULL)
    _ey_sim_submit (r, EY_SIM_METHOD_ISLAK);
  soup_message_headers_replace (soup_server_message_get_response_headers (r->msg),
                                "Content-Disposition",
                                "attachment; filename=\"basvuruformu.pdf\"");
  _ey_sim_respond_bytes (r, SOUP_STATUS_OK, "application/pdf", pdf);
}

static void
get_captcha (EySimRequest *r)
{
  g_autoptr(GBytes) png = NULL;

  if (r->session->captcha == NULL)
    new_captcha (r);
  png = ey_sim_captcha_render (r->session->captcha);
  soup_message_headers_replace (soup_server_message_get_response_headers (r->msg),
                                "Cache-Control", "no-store");
  _ey_sim_respond_bytes (r, SOUP_STATUS_OK, "image/png", png);
}

static void
get_jnlp (EySimRequest *r)
{
  static const char jnlp[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<jnlp spec=\"1.7+\" codebase=\"https://basvuru.kamusm.gov.tr/bs/\" href=\"KamuSM-eImza.jnlp\">\n"
    "  <information><title>Kamu SM e-İmza</title><vendor>Kamu SM</vendor></information>\n"
    "  <!-- kamusm-sim: the Java application is not simulated; sign with e-İmza Yenile. -->\n"
    "</jnlp>\n";
  g_autoptr(GBytes) body = g_bytes_new_static (jnlp, sizeof jnlp - 1);

  _ey_sim_respond_bytes (r, SOUP_STATUS_OK, "application/x-java-jnlp-file", body);
}

/* --- dispatch ------------------------------------------------------------------------ */

static void
get_login (EySimRequest *r)
{
  /* Opening the sign-in page ends whatever the session was doing, as on the site. */
  ey_sim_session_reset (r->session);
  new_captcha (r);
  _ey_sim_render (r, EY_SIM_PAGE_LOGIN);
}

static void
get_forgot (EySimRequest *r)
{
  new_captcha (r);
  _ey_sim_render (r, EY_SIM_PAGE_FORGOT);
}

static void
get_logout (EySimRequest *r)
{
  ey_sim_session_reset (r->session);
  g_free (r->session->flash_notice);
  r->session->flash_notice = g_strdup ("Oturumunuz kapatıldı.");
  _ey_sim_redirect (r, EY_SIM_PAGE_LOGIN, NULL);
}

static void
get_orders (EySimRequest *r)
{
  set_step (r, EY_SIM_STEP_ORDERS);
  _ey_sim_render (r, EY_SIM_PAGE_ORDERS);
}

static void
get_sms (EySimRequest *r)
{
  set_step (r, EY_SIM_STEP_SMS);
  _ey_sim_render (r, EY_SIM_PAGE_SMS);
}

static void
get_plain (EySimRequest *r)
{
  _ey_sim_render (r, r->page);
}

typedef struct
{
  gboolean      public;   /* no signed-in session needed */
  EySimPostFunc get;
  EySimPostFunc post;
} Route;

static const Route routes[EY_SIM_N_PAGES] = {
  [EY_SIM_PAGE_LOGIN] = { TRUE, get_login, post_login },
  [EY_SIM_PAGE_CAPTCHA] = { TRUE, get_captcha, NULL },
  [EY_SIM_PAGE_FORGOT] = { TRUE, get_forgot, post_forgot },
  [EY_SIM_PAGE_LOGOUT] = { TRUE, get_logout, NULL },
  [EY_SIM_PAGE_JNLP] = { TRUE, get_jnlp, NULL },
  [EY_SIM_PAGE_ORDERS] = { FALSE, get_orders, NULL },
  [EY_SIM_PAGE_FORM] = { FALSE, get_form, post_form },
  [EY_SIM_PAGE_SMS] = { FALSE, get_sms, post_sms },
  [EY_SIM_PAGE_SMS_CODE] = { FALSE, get_plain, post_sms_code },
  [EY_SIM_PAGE_EONAY] = { FALSE, get_plain, post_eonay },
  [EY_SIM_PAGE_CONSENT] = { FALSE, get_plain, post_consent },
  [EY_SIM_PAGE_EONAY_SIGN] = { FALSE, get_plain, post_renew_code },
  [EY_SIM_PAGE_METHOD] = { FALSE, get_plain, post_method },
  [EY_SIM_PAGE_EIMZALI] = { FALSE, get_plain, post_renew_code },
  [EY_SIM_PAGE_ISLAK] = { FALSE, get_plain, NULL },
  [EY_SIM_PAGE_RESULT] = { FALSE, get_plain, NULL },
  [EY_SIM_PAGE_PDF] = { FALSE, get_pdf, NULL },
  [EY_SIM_PAGE_SIGN_DATA] = { FALSE, NULL, _ey_sim_sign_data },
  [EY_SIM_PAGE_SIGN_UPLOAD] = { FALSE, NULL, _ey_sim_sign_upload },
};

static gboolean
is_api (EySimPage page)
{
  return page == EY_SIM_PAGE_SIGN_DATA || page == EY_SIM_PAGE_SIGN_UPLOAD;
}

void
_ey_sim_flow_handle (EySimRequest *r)
{
  const Route *route = &routes[r->page];
  EySimSession *s = r->session;
  EySimPostFunc func = r->post ? route->post : route->get;

  if (func == NULL)
    {
      soup_server_message_set_status (r->msg, SOUP_STATUS_METHOD_NOT_ALLOWED, NULL);
      return;
    }
  /* A used or unknown token: the page of the current state, with the notice. */
  if (r->post && !is_api (r->page) &&
      !ey_sim_session_take_token (s, _ey_sim_arg (r, EY_SIM_F_TOKEN)))
    {
      EySimPage current = step_pages[s->step];

      if (current == EY_SIM_PAGE_LOGIN && r->page == EY_SIM_PAGE_FORGOT)
        current = EY_SIM_PAGE_FORGOT;
      r->error = "Bu form daha önce gönderildi.";
      if (current == EY_SIM_PAGE_LOGIN || current == EY_SIM_PAGE_FORGOT)
        new_captcha (r);
      _ey_sim_render (r, current);
      return;
    }
  if (!route->public && !page_allowed (s, r->page))
    {
      if (is_api (r->page))
        {
          _ey_sim_sign_refuse_logged (r, "KOD_HATALI", "Doğrulama kodu geçersiz.",
                                      "no signing page open in this session");
          return;
        }
      /* Out of order: back to where the session is (the real site does the same). */
      _ey_sim_redirect (r, step_pages[s->step], NULL);
      return;
    }
  func (r);
}
