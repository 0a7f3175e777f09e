/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <locale.h>
#include <string.h>

#include "ey-email-private.h"

/* The guide's own example (shared/seed/yenileme-rehberi.txt), as its OCR gave it:
 * two garbled copies of the same mail plus webmail chrome. */
static const char guide_example[] =
  "ndirme@kamusm.gov.tr\n"
  "\n"
  "Kamu SM Nitelikli Elektronik Se...\n"
  "\n"
  "Sayin RAMAZAN KARADAG, Bu i...\n"
  " Sayin RAMAZAN KARADAG,\n"
  "\n"
  "Bu ileti Nitelikli Elektronik Sertifika basvurusu yapabilmeniz icin g\xC3\xA9nderilmistir.\n"
  "\n"
  "Asagidaki\n"
  "\n"
  "inke tiklayarak basvuru formu erisim parolaniz ile islemlerinizi yapabilirsiniz.\n"
  "\n"
  "IGDIR UNIVERSITESI REKTORLUGU icin kullamlacak;\n"
  "\n"
  "asvuru Formu Erisim Parolamz\n"
  "\n"
  "6@602553\n"
  "\n"
  "Ad h\n"
  " Sayin RAMAZAN KARADAG,\n"
  "\n"
  "Bu ileti Nitelikli Elektronik Sertifika basvurusu yapabilmeniz icin g\xC3\xA9nderilmistir.\n"
  "\n"
  "Asagidaki linke tiklayarak basvuru formu erisim parolaniz ile islemlerinizi yapabilirsiniz.\n"
  "\n"
  "IGDIR UNIVERSITESI REKTORLUGU icin kullamlacak;\n"
  "\n"
  "Basvuru Formu Erisim Parolaniz  : [T3MPIEE]\n"
  "\n"
  "htty\n"
  "\n"
  "Kopyala.\n"
  "\"6606602553\" kgin Google Uszerinde Arama Yap\n"
  "Yazarr..\n"
  "\n"
  "Basvuru Formu Erisim Adresiniz //basvuruk\n"
  "\n"
  "CtrlsC\n"
  "\n"
  "Ctrl+p\n";

/* A clean mail as KamuSM sends it; LINK is replaced per case. */
static const char clean_mail[] =
  "Kimden: Kamu SM <bilgilendirme@kamusm.gov.tr>\n"
  "Konu: Kamu SM Nitelikli Elektronik Sertifika Başvurusu\n"
  "\n"
  "Sayın AYŞE YILMAZ,\n"
  "\n"
  "Bu ileti Nitelikli Elektronik Sertifika başvurusu yapabilmeniz için gönderilmiştir.\n"
  "Aşağıdaki linke tıklayarak başvuru formu erişim parolanız ile işlemlerinizi yapabilirsiniz.\n"
  "\n"
  "IĞDIR ÜNİVERSİTESİ REKTÖRLÜĞÜ için kullanılacak;\n"
  "\n"
  "Başvuru Formu Erişim Parolanız : Ab3kT9qz\n"
  "Başvuru Formu Erişim Adresiniz : LINK\n";

static char *
mail_with_link (const char *link)
{
  g_autoptr(GString) s = g_string_new (clean_mail);

  g_string_replace (s, "LINK", link, 0);
  return g_string_free (g_steal_pointer (&s), FALSE);
}

static void
assert_clean_fields (EyEmail *mail)
{
  g_assert_cmpstr (ey_email_get_full_name (mail), ==, "AYŞE YILMAZ");
  g_assert_cmpstr (ey_email_get_institution (mail), ==, "IĞDIR ÜNİVERSİTESİ REKTÖRLÜĞÜ");
  g_assert_cmpstr (ey_email_get_password (mail), ==, "Ab3kT9qz");
}

static void
test_guide_example (void)
{
  g_autoptr(EyEmail) mail = ey_email_parse (guide_example, -1);

  g_assert_cmpstr (ey_email_get_full_name (mail), ==, "RAMAZAN KARADAG");
  g_assert_cmpstr (ey_email_get_institution (mail), ==, "IGDIR UNIVERSITESI REKTORLUGU");
  /* The line with "Parolanız :" wins over the OCR'd line without a colon. */
  g_assert_cmpstr (ey_email_get_password (mail), ==, "T3MPIEE");
  g_assert_null (ey_email_get_link (mail));
  g_assert_null (ey_email_get_untrusted_link (mail));
  g_assert_null (ey_email_get_sender (mail));
  g_assert_true (ey_email_has_warning (mail, EY_EMAIL_WARNING_NO_LINK));
  g_assert_false (ey_email_has_warning (mail, EY_EMAIL_WARNING_UNTRUSTED_LINK));
  /* Only the body was pasted: no sender line, which is said */
  g_assert_true (ey_email_has_warning (mail, EY_EMAIL_WARNING_NO_SENDER));
  g_assert_true (ey_email_is_usable (mail));
  g_assert_cmpuint (g_strv_length ((GStrv)ey_email_get_warnings (mail)), ==, 2);
}

/* No sender line, or two: flagged, never taken quietly */
static void
test_sender_lines (void)
{
  g_autofree char *clean = mail_with_link ("https://basvuru.kamusm.gov.tr/bs/login.go");
  const char *body = strchr (clean, '\n') + 1;   /* without the "Kimden:" line */
  g_autofree char *forwarded = g_strconcat ("From: Ali Veli <ali@example.org>\n"
                                            "Subject: Fwd: başvuru\n\n", clean, NULL);
  g_autofree char *twice = g_strconcat (clean, "\n", clean, NULL);
  g_autoptr(EyEmail) none = ey_email_parse (body, -1);
  g_autoptr(EyEmail) fwd = ey_email_parse (forwarded, -1);
  g_autoptr(EyEmail) both = ey_email_parse (twice, -1);
  g_autoptr(EyEmail) one = ey_email_parse (clean, -1);

  g_assert_null (ey_email_get_sender (none));
  g_assert_true (ey_email_has_warning (none, EY_EMAIL_WARNING_NO_SENDER));
  g_assert_false (ey_email_has_warning (none, EY_EMAIL_WARNING_SEVERAL_SENDERS));

  /* The first sender line is the sender: here not KamuSM */
  g_assert_cmpstr (ey_email_get_sender (fwd), ==, "ali@example.org");
  g_assert_true (ey_email_has_warning (fwd, EY_EMAIL_WARNING_SEVERAL_SENDERS));
  g_assert_true (ey_email_has_warning (fwd, EY_EMAIL_WARNING_UNTRUSTED_SENDER));
  g_assert_false (ey_email_is_usable (fwd));

  /* Two KamuSM mails pasted together: trusted sender, still flagged */
  g_assert_cmpstr (ey_email_get_sender (both), ==, EY_EMAIL_TRUSTED_SENDER);
  g_assert_true (ey_email_has_warning (both, EY_EMAIL_WARNING_SEVERAL_SENDERS));
  g_assert_false (ey_email_has_warning (both, EY_EMAIL_WARNING_NO_SENDER));

  g_assert_false (ey_email_has_warning (one, EY_EMAIL_WARNING_SEVERAL_SENDERS));
  g_assert_false (ey_email_has_warning (one, EY_EMAIL_WARNING_NO_SENDER));
}

/* 2 MB on one line around the real mail: parsed right (the time is measured by the
 * parse-email benchmark, not here) */
static void
test_big_paste (void)
{
  static const char * const units[] = { "Sayın ", "Sayın AYŞE YILMAZ ", "için kullanılacak ",
                                        "Erişim Parolanız ", "((((((((", "abcdefgh" };

  for (guint i = 0; i < G_N_ELEMENTS (units); i++)
    {
      g_autofree char *clean = mail_with_link ("https://basvuru.kamusm.gov.tr/bs/login.go");
      GString *s = g_string_new (clean);
      g_autofree char *text = NULL;
      g_autoptr(EyEmail) mail = NULL;

      g_string_append_c (s, '\n');
      while (s->len < 2 * 1024 * 1024)
        g_string_append (s, units[i]);
      g_string_append_c (s, '\n');
      text = g_string_free (s, FALSE);
      mail = ey_email_parse (text, -1);
      g_test_message ("2 MB of \"%s\"", units[i]);
      assert_clean_fields (mail);
      g_assert_cmpstr (ey_email_get_sender (mail), ==, EY_EMAIL_TRUSTED_SENDER);
    }
}

static void
test_clean (void)
{
  static const char * const variants[] = { "\n", "\r\n", "\r" };

  for (guint i = 0; i < G_N_ELEMENTS (variants); i++)
    {
      g_autofree char *text = mail_with_link ("https://basvuru.kamusm.gov.tr/bs/login.go");
      g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
      g_autofree char *joined = g_strjoinv (variants[i], lines);
      g_autoptr(EyEmail) mail = ey_email_parse (joined, -1);

      assert_clean_fields (mail);
      g_assert_cmpstr (ey_email_get_link (mail), ==, "https://basvuru.kamusm.gov.tr/bs/login.go");
      g_assert_cmpstr (ey_email_get_sender (mail), ==, "bilgilendirme@kamusm.gov.tr");
      g_assert_null (ey_email_get_warnings (mail)[0]);
      g_assert_true (ey_email_is_usable (mail));
    }
}

static void
test_html (void)
{
  static const char html[] =
    "<html><body><div dir=\"ltr\"><p>Say&#305;n AY&#350;E&nbsp;YILMAZ,</p>"
    "<p>Bu ileti Nitelikli Elektronik Sertifika ba&#351;vurusu yapabilmeniz i&ccedil;in "
    "g&ouml;nderilmi&#351;tir.</p><p>I&#286;DIR &Uuml;N&#304;VERS&#304;TES&#304; "
    "REKT&Ouml;RL&Uuml;&#286;&Uuml; i&ccedil;in kullan&#305;lacak;</p>"
    "<table><tr><td>Ba&#351;vuru Formu Eri&#351;im Parolan&#305;z</td><td>:</td>"
    "<td><b>Ab3kT9qz</b></td></tr></table>"
    "Ba&#351;vuru Formu Eri&#351;im Adresiniz : <a href=\"https://basvuru.kamusm.gov.tr/bs/login.go\" "
    "target=\"_blank\">https://basvuru.kamusm.gov.tr/bs/login.go</a><br>"
    "<span class=\"gmail-btn\">Kopyala</span></div></body></html>";
  g_autoptr(EyEmail) mail = ey_email_parse (html, -1);

  assert_clean_fields (mail);
  g_assert_cmpstr (ey_email_get_link (mail), ==, "https://basvuru.kamusm.gov.tr/bs/login.go");
  g_assert_true (ey_email_is_usable (mail));
}

static void
test_quoted_printable (void)
{
  static const char qp[] =
    "Say=C4=B1n AY=C5=9EE YILMAZ,=0A\r\n"
    "\r\n"
    "I=C4=9EDIR =C3=9CN=C4=B0VERS=C4=B0TES=C4=B0 REKT=C3=96RL=C3=9C=C4=9E=C3=9C i=C3=A7in kul=\r\n"
    "lan=C4=B1lacak;\r\n"
    "Ba=C5=9Fvuru Formu Eri=C5=9Fim Parolan=C4=B1z : Ab3kT9qz\r\n"
    "Ba=C5=9Fvuru Formu Eri=C5=9Fim Adresiniz : https://basvuru.kamusm.gov.tr/bs/lo=\r\n"
    "gin.go\r\n";
  g_autoptr(EyEmail) mail = ey_email_parse (qp, -1);

  assert_clean_fields (mail);
  g_assert_cmpstr (ey_email_get_link (mail), ==, "https://basvuru.kamusm.gov.tr/bs/login.go");
}

static void
test_noise (void)
{
  /* Zero-width spaces, no-break spaces, a BOM, webmail buttons on the lines. */
  static const char noisy[] =
    "\xEF\xBB\xBF" "Gelen Kutusu  Yanıtla  İlet  Ctrl+C\n"
    "Sayın\xC2\xA0" "AYŞE\xE2\x80\x8B YILMAZ,\n"
    "IĞDIR ÜNİVERSİTESİ REKTÖRLÜĞÜ\n"
    "için kullanılacak;\n"
    "Başvuru Formu Erişim Parolanız :\xC2\xA0\xE2\x80\x8B" "Ab3kT9qz\xE2\x80\x8C  Kopyala\n"
    "Ctrl+C\n"
    "Başvuru Formu Erişim Adresiniz : https://basvuru.kamusm.gov.tr/bs/login.go.\n";
  g_autoptr(EyEmail) mail = ey_email_parse (noisy, -1);

  assert_clean_fields (mail);
  g_assert_cmpstr (ey_email_get_link (mail), ==, "https://basvuru.kamusm.gov.tr/bs/login.go");
  g_assert_true (ey_email_is_usable (mail));
}

static void
test_next_line_password (void)
{
  static const char text[] =
    "Sayın JOHN SMITH,\n"
    "ORTA DOĞU TEKNİK ÜNİVERSİTESİ için kullanılacak;\n"
    "Başvuru Formu Erişim Parolanız :\n"
    "\n"
    "  Jd8sK3pv  \n";
  g_autoptr(EyEmail) mail = ey_email_parse (text, -1);

  g_assert_cmpstr (ey_email_get_full_name (mail), ==, "JOHN SMITH");
  g_assert_cmpstr (ey_email_get_institution (mail), ==, "ORTA DOĞU TEKNİK ÜNİVERSİTESİ");
  g_assert_cmpstr (ey_email_get_password (mail), ==, "Jd8sK3pv");
}

typedef struct
{
  const char *what;
  const char *link;
} Hostile;

static const Hostile hostile_links[] = {
  { "extra labels", "https://basvuru.kamusm.gov.tr.evil.com/bs/login.go" },
  { "other TLD", "https://basvuru.kamusm.gov.tr.co/bs/login.go" },
  { "other domain", "https://basvuru.kamusm.com.tr/bs/login.go" },
  { "hyphen look-alike", "https://basvuru-kamusm.gov.tr/bs/login.go" },
  { "punycode", "https://xn--basvur-2wa.kamusm.gov.tr/bs/login.go" },
  { "Cyrillic a", "https://b\xD0\xB0svuru.kamusm.gov.tr/bs/login.go" },
  { "dotless i", "https://basvuru.kamusm.gov.tr\xC4\xB1/bs/login.go" },
  { "plain http", "http://basvuru.kamusm.gov.tr/bs/login.go" },
  { "user@host", "https://basvuru.kamusm.gov.tr@evil.example/bs/login.go" },
  { "shortener bit.ly", "https://bit.ly/3kamusm" },
  { "shortener t.co", "https://t.co/AbCdEf" },
  { "shortener tinyurl", "https://tinyurl.com/kamusm-bs" },
  { "IP address", "https://185.12.64.7/bs/login.go" },
  { "percent-encoded host", "https://basvuru%2Ekamusm.gov.tr/bs/login.go" },
  { "backslash", "https://evil.example\\@basvuru.kamusm.gov.tr/bs/login.go" },
  { "other port", "https://basvuru.kamusm.gov.tr:8443/bs/login.go" },
  { "outside /bs/", "https://basvuru.kamusm.gov.tr/giris/login.go" },
  { "climbing out of /bs/", "https://basvuru.kamusm.gov.tr/bs/../phish/login.go" },
  { "hxxp", "hxxps://basvuru.kamusm.gov.tr/bs/login.go" },
};

static void
test_hostile_mail (gconstpointer data)
{
  const Hostile *h = data;
  g_autofree char *text = mail_with_link (h->link);
  g_autoptr(EyEmail) mail = ey_email_parse (text, -1);
  const char * const *warnings = ey_email_get_warnings (mail);

  g_test_message ("%s: %s", h->what, warnings[0] ? warnings[0] : "(none)");
  /* Everything else is read, but the link is never used and the mail is not usable. */
  assert_clean_fields (mail);
  g_assert_null (ey_email_get_link (mail));
  g_assert_nonnull (ey_email_get_untrusted_link (mail));
  g_assert_true (ey_email_has_warning (mail, EY_EMAIL_WARNING_UNTRUSTED_LINK));
  g_assert_nonnull (warnings[0]);
  g_assert_false (ey_email_is_usable (mail));
}

static void
test_check_link (void)
{
  static const char * const trusted[] = {
    "https://basvuru.kamusm.gov.tr/bs/login.go",
    "HTTPS://BASVURU.KAMUSM.GOV.TR/bs/login.go",
    "https://basvuru.kamusm.gov.tr:443/bs/",
    "https://basvuru.kamusm.gov.tr/bs/basvuru.go?siparisNo=12#x",
  };
  static const char * const refused[] = {
    "", "basvuru.kamusm.gov.tr/bs/login.go", "ftp://basvuru.kamusm.gov.tr/bs/",
    "https://basvuru.kamusm.gov.tr/BS/login.go", "https://basvuru.kamusm.gov.tr",
    "https://basvuru.kamusm.gov.tr./bs/", "https://[::1]/bs/", "https://0x7f000001/bs/",
    "https://basvuru.kamusm.gov.tr/bs/ login.go", "https://:443/bs/",
    "javascript:alert(1)//https://basvuru.kamusm.gov.tr/bs/",
  };

  for (guint i = 0; i < G_N_ELEMENTS (trusted); i++)
    {
      g_autofree char *reason = NULL;

      g_test_message ("%s", trusted[i]);
      g_assert_true (ey_email_check_link (trusted[i], &reason));
      g_assert_null (reason);
    }
  for (guint i = 0; i < G_N_ELEMENTS (hostile_links); i++)
    {
      g_autofree char *reason = NULL;

      g_assert_false (ey_email_check_link (hostile_links[i].link, &reason));
      g_assert_nonnull (reason);
    }
  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autofree char *reason = NULL;

      g_test_message ("%s", refused[i]);
      g_assert_false (ey_email_check_link (refused[i], &reason));
      g_assert_nonnull (reason);
    }
}

static void
test_html_href_trick (void)
{
  /* The shown text is the real address; the link behind it is not. */
  static const char html[] =
    "<p>Sayın AYŞE YILMAZ,</p><p>IĞDIR ÜNİVERSİTESİ REKTÖRLÜĞÜ için kullanılacak;</p>"
    "<p>Başvuru Formu Erişim Parolanız : Ab3kT9qz</p>"
    "<p><a href=\"https://kamusm-basvuru.example.net/bs/login.go\">"
    "https://basvuru.kamusm.gov.tr/bs/login.go</a></p>";
  g_autoptr(EyEmail) mail = ey_email_parse (html, -1);

  assert_clean_fields (mail);
  g_assert_true (ey_email_has_warning (mail, EY_EMAIL_WARNING_UNTRUSTED_LINK));
  g_assert_cmpstr (ey_email_get_untrusted_link (mail), ==,
                   "https://kamusm-basvuru.example.net/bs/login.go");
  g_assert_false (ey_email_is_usable (mail));
}

static void
test_sender (void)
{
  static const char * const bad_senders[] = {
    "From: Kamu SM <bilgilendirme@kamusm-gov.tr>\n",
    "Kimden: bilgilendirme@kamusm.gov.tr.evil.example\n",
    "Gönderen: \"bilgilendirme@kamusm.gov.tr\" <destek@kamusm.info>\n",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad_senders); i++)
    {
      g_autofree char *body = mail_with_link ("https://basvuru.kamusm.gov.tr/bs/login.go");
      g_autofree char *text = g_strconcat (bad_senders[i], strchr (body, '\n') + 1, NULL);
      g_autoptr(EyEmail) mail = ey_email_parse (text, -1);

      g_test_message ("%s", bad_senders[i]);
      assert_clean_fields (mail);
      g_assert_true (ey_email_has_warning (mail, EY_EMAIL_WARNING_UNTRUSTED_SENDER));
      g_assert_false (ey_email_is_usable (mail));
    }
  g_assert_true (ey_email_check_sender ("Kamu SM <BILGILENDIRME@kamusm.gov.tr>"));
  g_assert_false (ey_email_check_sender ("bilgilendirme@kamusm.gov.tr.evil.example"));
}

static void
test_several_passwords (void)
{
  g_autofree char *a = mail_with_link ("https://basvuru.kamusm.gov.tr/bs/login.go");
  g_autoptr(GString) b = g_string_new (a);
  g_autofree char *text = NULL;
  g_autoptr(EyEmail) mail = NULL;

  g_string_replace (b, "Ab3kT9qz", "Zz9yY8xx", 0);
  text = g_strconcat (a, "\n> ", b->str, NULL);
  mail = ey_email_parse (text, -1);
  g_assert_cmpstr (ey_email_get_password (mail), ==, "Ab3kT9qz");
  g_assert_true (ey_email_has_warning (mail, EY_EMAIL_WARNING_SEVERAL_PASSWORDS));
}

static void
test_garbage (void)
{
  static const char * const texts[] = {
    "", "merhaba", "\xFF\xFE\x00\x41", "<html><body></body></html>", "=\n=\n=41",
    "Sayın ,\nParolanız :", "Başvuru formu erişim parolanız ile işlemlerinizi yapabilirsiniz.\nANKARA\n",
  };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autoptr(EyEmail) mail = ey_email_parse (texts[i], i == 2 ? 4 : -1);

      g_assert_null (ey_email_get_password (mail));
      g_assert_null (ey_email_get_full_name (mail));
      g_assert_true (ey_email_has_warning (mail, EY_EMAIL_WARNING_NO_PASSWORD));
      g_assert_true (ey_email_has_warning (mail, EY_EMAIL_WARNING_NO_NAME));
      g_assert_false (ey_email_is_usable (mail));
    }
}

static void
test_benign_kamusm_links (void)
{
  /* KamuSM's own home page next to the real link is not a look-alike. */
  g_autofree char *text = mail_with_link ("https://basvuru.kamusm.gov.tr/bs/login.go\n"
                                          "Bilgi: https://www.kamusm.gov.tr/ bilgi@kamusm.gov.tr");
  g_autoptr(EyEmail) mail = ey_email_parse (text, -1);

  g_assert_cmpstr (ey_email_get_link (mail), ==, "https://basvuru.kamusm.gov.tr/bs/login.go");
  g_assert_null (ey_email_get_warnings (mail)[0]);
  g_assert_true (ey_email_is_usable (mail));
}

/* Cut and corrupted pastes: never a crash or a warning. */
static void
test_robustness (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (90);
  g_autofree char *clean = mail_with_link ("https://basvuru.kamusm.gov.tr/bs/login.go");
  const char *sources[] = { guide_example, clean,
                            "<p>Say&#305;n A B,</p><a href=\"https://x\">=C4=B1</a>=\r\n" };

  for (guint s = 0; s < G_N_ELEMENTS (sources); s++)
    for (guint round = 0; round < 200; round++)
      {
        gsize len = strlen (sources[s]);
        g_autofree char *copy = g_strdup (sources[s]);
        gsize cut = g_rand_int_range (rand, 0, (gint32)len + 1);
        g_autoptr(EyEmail) mail = NULL;

        for (guint k = 0; k < round % 8 && cut > 0; k++)
          copy[g_rand_int_range (rand, 0, (gint32)cut)] = (char)g_rand_int_range (rand, 1, 256);
        mail = ey_email_parse (copy, cut);
        g_assert_nonnull (ey_email_get_warnings (mail));
        if (ey_email_get_link (mail) != NULL)
          g_assert_true (ey_email_check_link (ey_email_get_link (mail), NULL));
      }
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/email/guide-example", test_guide_example);
  g_test_add_func ("/email/clean", test_clean);
  g_test_add_func ("/email/html", test_html);
  g_test_add_func ("/email/quoted-printable", test_quoted_printable);
  g_test_add_func ("/email/noise", test_noise);
  g_test_add_func ("/email/next-line-password", test_next_line_password);
  g_test_add_func ("/email/check-link", test_check_link);
  g_test_add_func ("/email/html-href-trick", test_html_href_trick);
  g_test_add_func ("/email/sender", test_sender);
  g_test_add_func ("/email/several-passwords", test_several_passwords);
  g_test_add_func ("/email/garbage", test_garbage);
  g_test_add_func ("/email/benign-kamusm-links", test_benign_kamusm_links);
  g_test_add_func ("/email/robustness", test_robustness);
  g_test_add_func ("/email/sender-lines", test_sender_lines);
  g_test_add_func ("/email/big-paste", test_big_paste);
  for (guint i = 0; i < G_N_ELEMENTS (hostile_links); i++)
    {
      g_autofree char *path = g_strdup_printf ("/email/hostile/%u", i);

      g_test_add_data_func (path, &hostile_links[i], test_hostile_mail);
    }
  return g_test_run ();
}
