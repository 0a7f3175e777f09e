/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/**
 * EyEmail:
 *
 * What the KamuSM mail says, read from text the user pasted (plain text or
 * HTML, as copied from a webmail, with its noise).  Never fails: fields that
 * were not found are %NULL and a warning says so.  The access password is a
 * secret: it is wiped from memory when the object goes.
 */
#define EY_TYPE_EMAIL (ey_email_get_type ())
G_DECLARE_FINAL_TYPE (EyEmail, ey_email, EY, EMAIL, GObject)

/**
 * EyEmailWarning:
 *
 * Why something in the mail needs the user's attention.
 */
typedef enum
{
  EY_EMAIL_WARNING_NO_NAME,
  EY_EMAIL_WARNING_NO_INSTITUTION,
  EY_EMAIL_WARNING_NO_PASSWORD,
  EY_EMAIL_WARNING_NO_LINK,
  EY_EMAIL_WARNING_UNTRUSTED_LINK,    /* a look-alike: never used */
  EY_EMAIL_WARNING_UNTRUSTED_SENDER,  /* From: is not the site's sender */
  EY_EMAIL_WARNING_SEVERAL_PASSWORDS, /* two different passwords: the first is used */
  EY_EMAIL_WARNING_NO_SENDER,         /* no From: line: the sender is unknown */
  EY_EMAIL_WARNING_SEVERAL_SENDERS,   /* two or more From: lines (forwarded, pasted together) */
} EyEmailWarning;

/** The address KamuSM mails from. */
#define EY_EMAIL_TRUSTED_SENDER "bilgilendirme@kamusm.gov.tr"
/** The host the mail's link must have. */
#define EY_EMAIL_TRUSTED_HOST "basvuru.kamusm.gov.tr"
/** The path the mail's link must be under. */
#define EY_EMAIL_TRUSTED_PATH "/bs/"

/**
 * ey_email_parse:
 * @text: the pasted text (UTF-8; invalid bytes are replaced)
 * @length: its length in bytes, or -1 if NUL-terminated
 *
 * Reads the full name ("Sayın AD SOYAD,"), the institution ("<KURUM> için
 * kullanılacak;"), the access password ("Başvuru Formu Erişim Parolanız :
 * X"), the link and the sender.  Tolerates \r\n and \r line breaks, HTML,
 * quoted-printable soft breaks and =XX escapes, no-break and zero-width
 * spaces, webmail buttons ("Kopyala", "Ctrl+C") and Turkish letters typed
 * or OCR'd without their marks (Sayin, Parolaniz, icin).
 *
 * Returns: (transfer full): the result, never %NULL
 */
EyEmail        *ey_email_parse              (const char     *text,
                                             gssize          length);

/** ey_email_get_full_name: (nullable): "AYŞE YILMAZ". */
const char     *ey_email_get_full_name      (EyEmail        *self);
/** ey_email_get_institution: (nullable): "IĞDIR ÜNİVERSİTESİ REKTÖRLÜĞÜ". */
const char     *ey_email_get_institution    (EyEmail        *self);
/** ey_email_get_password: (nullable): the access password. Do not log it. */
const char     *ey_email_get_password       (EyEmail        *self);
/** ey_email_get_sender: (nullable): the From address if the paste has one. */
const char     *ey_email_get_sender         (EyEmail        *self);

/**
 * ey_email_get_link:
 *
 * Returns: (nullable): the mail's link, only if it is trusted (see
 *   ey_email_check_link()); %NULL otherwise
 */
const char     *ey_email_get_link           (EyEmail        *self);

/**
 * ey_email_get_untrusted_link:
 *
 * Returns: (nullable): the first link that was refused (to show the user
 *   what was refused; never to open)
 */
const char     *ey_email_get_untrusted_link (EyEmail        *self);

/** ey_email_has_warning: whether @warning was raised. */
gboolean        ey_email_has_warning        (EyEmail        *self,
                                             EyEmailWarning  warning);

/**
 * ey_email_get_warnings:
 *
 * Returns: (transfer none) (array zero-terminated=1): the translated
 *   warnings, in the order raised (possibly empty, never %NULL)
 */
const char * const *ey_email_get_warnings   (EyEmail        *self);

/**
 * ey_email_is_usable:
 *
 * Returns: %TRUE if a password was found and no link or sender was refused:
 *   enough to start the renewal (the name and institution help, the link is
 *   not needed: the client knows the site)
 */
gboolean        ey_email_is_usable          (EyEmail        *self);

G_END_DECLS
