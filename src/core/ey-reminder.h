/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/**
 * EyReminderStage:
 * @EY_REMINDER_STAGE_NONE: nothing is due
 * @EY_REMINDER_STAGE_WINDOW_OPEN: the renewal window is open (three months before the end)
 * @EY_REMINDER_STAGE_ONE_MONTH: one month or less is left
 * @EY_REMINDER_STAGE_ONE_WEEK: one week or less is left
 *
 * The reminders a certificate gets, in the order they come; each is sent once.
 */
typedef enum
{
  EY_REMINDER_STAGE_NONE = 0,
  EY_REMINDER_STAGE_WINDOW_OPEN = 1,
  EY_REMINDER_STAGE_ONE_MONTH = 2,
  EY_REMINDER_STAGE_ONE_WEEK = 3,
} EyReminderStage;

/**
 * EyReminderSeen:
 *
 * What seeing a certificate meant for the remembered one.
 */
typedef enum
{
  EY_REMINDER_SEEN_IGNORED,    /* not a newer certificate of the remembered holder */
  EY_REMINDER_SEEN_FIRST,      /* nothing was remembered: this one is now */
  EY_REMINDER_SEEN_SAME,       /* the remembered certificate */
  EY_REMINDER_SEEN_NEW_CARD,   /* a newer one for the same holder; the old one still runs */
  EY_REMINDER_SEEN_MOVED,      /* the old one has ended: the newer one is remembered now */
} EyReminderSeen;

#define EY_TYPE_REMINDER (ey_reminder_get_type ())

G_DECLARE_FINAL_TYPE (EyReminder, ey_reminder, EY, REMINDER, GObject)

EyReminder      *ey_reminder_new                 (GSettings  *settings);
EyReminder      *ey_reminder_new_default         (void);
gboolean         ey_reminder_is_available        (EyReminder *self);
GSettings       *ey_reminder_get_settings        (EyReminder *self);
gboolean         ey_reminder_get_enabled         (EyReminder *self);
void             ey_reminder_set_enabled         (EyReminder *self,
                                                  gboolean    enabled);
char            *ey_reminder_dup_holder          (EyReminder *self);
GDateTime       *ey_reminder_dup_not_after       (EyReminder *self);
EyReminderSeen   ey_reminder_certificate_seen    (EyReminder *self,
                                                  const char *holder,
                                                  GDateTime  *not_after,
                                                  GDateTime  *now);
EyReminderStage  ey_reminder_due                 (EyReminder *self,
                                                  GDateTime  *now);
void             ey_reminder_mark_sent           (EyReminder *self,
                                                  EyReminderStage stage);
GDateTime       *ey_reminder_now                 (void);

/**
 * EyReminderApplication:
 * @time: when the application reached KamuSM (or the wet form was made)
 * @path: "eonay", "esigned" or "wet"
 * @order: (nullable): the order it was made for, as the site named it
 * @institution: (nullable): the institution that opened the order
 *
 * The last application, for "My Renewal".  Nothing secret and no identity number.
 */
typedef struct
{
  GDateTime *time;
  char      *path;
  char      *order;
  char      *institution;
} EyReminderApplication;

void             ey_reminder_application_free    (EyReminderApplication *application);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (EyReminderApplication, ey_reminder_application_free)

void             ey_reminder_record_application  (EyReminder *self,
                                                  const EyReminderApplication *application);
EyReminderApplication *ey_reminder_get_application (EyReminder *self);
GDateTime       *ey_reminder_add_working_days    (GDateTime  *from,
                                                  guint       days);
char            *ey_reminder_format_date         (GDateTime  *date);
char            *ey_reminder_describe_new_card   (GDateTime  *not_before);
const char      *ey_reminder_describe_new_pin    (void);

G_END_DECLS
