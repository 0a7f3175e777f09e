/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ey-doctor-finding"

#include "config.h"

#include <glib/gi18n.h>

#include "ey-doctor-finding.h"

struct _EyDoctorFinding
{
  GObject         parent_instance;

  char           *id;
  EyDoctorStatus  status;
  char           *summary;
  char           *detail;
  char           *fix;
};

G_DEFINE_FINAL_TYPE (EyDoctorFinding, ey_doctor_finding, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_STATUS,
  PROP_SUMMARY,
  PROP_DETAIL,
  PROP_FIX,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

const char *
ey_doctor_status_to_string (EyDoctorStatus status)
{
  switch (status)
    {
    case EY_DOCTOR_STATUS_OK:
      return "ok";
    case EY_DOCTOR_STATUS_WARN:
      return "warn";
    case EY_DOCTOR_STATUS_FAIL:
      return "fail";
    default:
      g_return_val_if_reached ("fail");
    }
}

static void
ey_doctor_finding_finalize (GObject *object)
{
  EyDoctorFinding *self = EY_DOCTOR_FINDING (object);

  g_free (self->id);
  g_free (self->summary);
  g_free (self->detail);
  g_free (self->fix);

  G_OBJECT_CLASS (ey_doctor_finding_parent_class)->finalize (object);
}

static void
ey_doctor_finding_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  EyDoctorFinding *self = EY_DOCTOR_FINDING (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;
    case PROP_STATUS:
      g_value_set_enum (value, self->status);
      break;
    case PROP_SUMMARY:
      g_value_set_string (value, self->summary);
      break;
    case PROP_DETAIL:
      g_value_set_string (value, self->detail);
      break;
    case PROP_FIX:
      g_value_set_string (value, self->fix);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ey_doctor_finding_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  EyDoctorFinding *self = EY_DOCTOR_FINDING (object);

  switch (prop_id)
    {
    case PROP_ID:
      self->id = g_value_dup_string (value);
      break;
    case PROP_STATUS:
      self->status = g_value_get_enum (value);
      break;
    case PROP_SUMMARY:
      self->summary = g_value_dup_string (value);
      break;
    case PROP_DETAIL:
      self->detail = g_value_dup_string (value);
      break;
    case PROP_FIX:
      self->fix = g_value_dup_string (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ey_doctor_finding_class_init (EyDoctorFindingClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY
                      | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = ey_doctor_finding_finalize;
  object_class->get_property = ey_doctor_finding_get_property;
  object_class->set_property = ey_doctor_finding_set_property;

  properties[PROP_ID] = g_param_spec_string ("id", NULL, NULL, NULL, flags);
  properties[PROP_STATUS] = g_param_spec_enum ("status", NULL, NULL,
                                               EY_TYPE_DOCTOR_STATUS,
                                               EY_DOCTOR_STATUS_OK, flags);
  properties[PROP_SUMMARY] = g_param_spec_string ("summary", NULL, NULL, NULL, flags);
  properties[PROP_DETAIL] = g_param_spec_string ("detail", NULL, NULL, NULL, flags);
  properties[PROP_FIX] = g_param_spec_string ("fix", NULL, NULL, NULL, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ey_doctor_finding_init (EyDoctorFinding *self)
{
}

EyDoctorFinding *
ey_doctor_finding_new (const char     *id,
                       EyDoctorStatus  status,
                       const char     *summary,
                       const char     *detail,
                       const char     *fix)
{
  g_return_val_if_fail (id != NULL, NULL);
  g_return_val_if_fail (summary != NULL, NULL);

  return g_object_new (EY_TYPE_DOCTOR_FINDING,
                       "id", id,
                       "status", status,
                       "summary", summary,
                       "detail", detail,
                       "fix", fix,
                       NULL);
}

const char *
ey_doctor_finding_get_id (EyDoctorFinding *self)
{
  g_return_val_if_fail (EY_IS_DOCTOR_FINDING (self), NULL);
  return self->id;
}

EyDoctorStatus
ey_doctor_finding_get_status (EyDoctorFinding *self)
{
  g_return_val_if_fail (EY_IS_DOCTOR_FINDING (self), EY_DOCTOR_STATUS_FAIL);
  return self->status;
}

const char *
ey_doctor_finding_get_summary (EyDoctorFinding *self)
{
  g_return_val_if_fail (EY_IS_DOCTOR_FINDING (self), NULL);
  return self->summary;
}

const char *
ey_doctor_finding_get_detail (EyDoctorFinding *self)
{
  g_return_val_if_fail (EY_IS_DOCTOR_FINDING (self), NULL);
  return self->detail;
}

const char *
ey_doctor_finding_get_fix (EyDoctorFinding *self)
{
  g_return_val_if_fail (EY_IS_DOCTOR_FINDING (self), NULL);
  return self->fix;
}
