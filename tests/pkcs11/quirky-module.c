/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A PKCS#11 module for tests that wraps SoftHSM2 and behaves like the cards in the
 * field: C_Initialize refuses locking arguments (AKİS), login holds only for the
 * session that logged in (AKİS, SafeSign), three wrong PINs lock the PIN with
 * COUNT_LOW / FINAL_TRY / LOCKED reported on the way, an optional PIN pad, and a
 * switch that pulls the card out.  For the lifetime tests it also records how
 * C_Finalize was called (how often, on which thread, with how many calls still
 * inside the module) and can hold C_Sign or C_GetSlotList until released.  The test
 * drives it through the ey_quirky_* functions (dlsym on the same handle). */
#define _GNU_SOURCE

#include <dlfcn.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <p11-kit/pkcs11.h>

#define EXPORT __attribute__((visibility ("default")))

static CK_FUNCTION_LIST  wrapped;
static CK_FUNCTION_LIST *target;
static void             *target_handle;

static unsigned int      login_calls;
static unsigned int      init_with_args_refused;
static unsigned int      failures;
static int               locked;
static int               removed;
static CK_RV             sign_fault;   /* card pulled between C_Login and C_Sign */
static char              pad_pin[32];
static CK_SESSION_HANDLE logged_in_session = CK_INVALID_HANDLE;
static unsigned int      sign_calls;   /* every C_Sign that reached the module */

/* Lifetime: guarded by @lock (calls come from any thread). */
static pthread_mutex_t   lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t    cond = PTHREAD_COND_INITIALIZER;
static int               in_flight;          /* calls inside the module now */
static unsigned int      finalize_calls;
static int               finalize_on_main;   /* the last C_Finalize ran on the main thread */
static int               finalize_in_flight; /* calls that were inside at that moment */
static char              block_name[32];     /* "C_Sign", "C_GetSlotList" or "" */
static int               blocked;            /* a call is held now */
static int               released;

EXPORT unsigned int ey_quirky_login_calls (void);
EXPORT unsigned int ey_quirky_init_with_args_refused (void);
EXPORT void         ey_quirky_reset (void);
EXPORT void         ey_quirky_set_removed (int value);
EXPORT void         ey_quirky_set_sign_fault (unsigned long rv);
EXPORT void         ey_quirky_set_pin_pad (const char *pin);
EXPORT unsigned int ey_quirky_finalize_calls (void);
EXPORT int          ey_quirky_finalize_on_main_thread (void);
EXPORT int          ey_quirky_finalize_in_flight (void);
EXPORT void         ey_quirky_set_block (const char *function);
EXPORT int          ey_quirky_blocked (void);
EXPORT void         ey_quirky_wait_blocked (void);
EXPORT void         ey_quirky_release (void);
EXPORT unsigned int ey_quirky_sign_calls (void);
EXPORT CK_RV        C_GetFunctionList (CK_FUNCTION_LIST_PTR_PTR list);

unsigned int
ey_quirky_finalize_calls (void)
{
  unsigned int n;

  pthread_mutex_lock (&lock);
  n = finalize_calls;
  pthread_mutex_unlock (&lock);
  return n;
}

int
ey_quirky_finalize_on_main_thread (void)
{
  int v;

  pthread_mutex_lock (&lock);
  v = finalize_on_main;
  pthread_mutex_unlock (&lock);
  return v;
}

int
ey_quirky_finalize_in_flight (void)
{
  int v;

  pthread_mutex_lock (&lock);
  v = finalize_in_flight;
  pthread_mutex_unlock (&lock);
  return v;
}

/* The next call to @function (NULL: none) waits inside the module until
 * ey_quirky_release (). */
void
ey_quirky_set_block (const char *function)
{
  pthread_mutex_lock (&lock);
  strncpy (block_name, function ? function : "", sizeof block_name - 1);
  released = 0;
  pthread_mutex_unlock (&lock);
}

int
ey_quirky_blocked (void)
{
  int v;

  pthread_mutex_lock (&lock);
  v = blocked;
  pthread_mutex_unlock (&lock);
  return v;
}

void
ey_quirky_wait_blocked (void)
{
  pthread_mutex_lock (&lock);
  while (!blocked)
    pthread_cond_wait (&cond, &lock);
  pthread_mutex_unlock (&lock);
}

void
ey_quirky_release (void)
{
  pthread_mutex_lock (&lock);
  released = 1;
  block_name[0] = '\0';
  pthread_cond_broadcast (&cond);
  pthread_mutex_unlock (&lock);
}

static void
enter (const char *function)
{
  pthread_mutex_lock (&lock);
  in_flight++;
  if (strcmp (block_name, function) == 0)
    {
      blocked = 1;
      pthread_cond_broadcast (&cond);
      while (!released)
        pthread_cond_wait (&cond, &lock);
      blocked = 0;
    }
  pthread_mutex_unlock (&lock);
}

static void
leave (void)
{
  pthread_mutex_lock (&lock);
  in_flight--;
  pthread_mutex_unlock (&lock);
}

unsigned int
ey_quirky_login_calls (void)
{
  return login_calls;
}

unsigned int
ey_quirky_init_with_args_refused (void)
{
  return init_with_args_refused;
}

void
ey_quirky_reset (void)
{
  login_calls = 0;
  failures = 0;
  locked = 0;
  removed = 0;
  sign_fault = CKR_OK;
  pad_pin[0] = '\0';
}

void
ey_quirky_set_removed (int value)
{
  removed = value;
}

/* Only C_Sign fails (with @rv; CKR_OK clears it): login and C_SignInit still work. */
void
ey_quirky_set_sign_fault (unsigned long rv)
{
  sign_fault = rv;
}

unsigned int
ey_quirky_sign_calls (void)
{
  return __atomic_load_n (&sign_calls, __ATOMIC_SEQ_CST);
}

void
ey_quirky_set_pin_pad (const char *pin)
{
  strncpy (pad_pin, pin ? pin : "", sizeof pad_pin - 1);
}

static CK_RV
quirky_initialize (CK_VOID_PTR args)
{
  /* AKİS on Linux: only C_Initialize(NULL) works. */
  if (args != NULL)
    {
      init_with_args_refused++;
      return CKR_ARGUMENTS_BAD;
    }
  return target->C_Initialize (NULL);
}

static CK_RV
quirky_finalize (CK_VOID_PTR reserved)
{
  pthread_mutex_lock (&lock);
  finalize_calls++;
  finalize_on_main = gettid () == getpid ();
  finalize_in_flight = in_flight;
  pthread_mutex_unlock (&lock);
  return target->C_Finalize (reserved);
}

static CK_RV
quirky_get_slot_list (CK_BBOOL present, CK_SLOT_ID_PTR list, CK_ULONG_PTR count)
{
  CK_RV rv;

  enter ("C_GetSlotList");
  rv = target->C_GetSlotList (present, list, count);
  leave ();
  return rv;
}

static CK_RV
quirky_get_token_info (CK_SLOT_ID slot, CK_TOKEN_INFO_PTR info)
{
  CK_RV rv;

  if (removed)
    return CKR_DEVICE_REMOVED;
  rv = target->C_GetTokenInfo (slot, info);
  if (rv != CKR_OK)
    return rv;
  info->flags &= ~(CKF_USER_PIN_COUNT_LOW | CKF_USER_PIN_FINAL_TRY | CKF_USER_PIN_LOCKED);
  if (locked)
    info->flags |= CKF_USER_PIN_LOCKED;
  else if (failures == 2)
    info->flags |= CKF_USER_PIN_COUNT_LOW | CKF_USER_PIN_FINAL_TRY;
  else if (failures == 1)
    info->flags |= CKF_USER_PIN_COUNT_LOW;
  if (pad_pin[0] != '\0')
    info->flags |= CKF_PROTECTED_AUTHENTICATION_PATH;
  return CKR_OK;
}

static CK_RV
quirky_open_session (CK_SLOT_ID slot, CK_FLAGS flags, CK_VOID_PTR app,
                     CK_NOTIFY notify, CK_SESSION_HANDLE_PTR session)
{
  if (removed)
    return CKR_DEVICE_REMOVED;
  return target->C_OpenSession (slot, flags, app, notify, session);
}

static CK_RV
quirky_login (CK_SESSION_HANDLE session, CK_USER_TYPE user, CK_UTF8CHAR_PTR pin,
              CK_ULONG pin_len)
{
  CK_RV rv;

  login_calls++;
  if (removed)
    return CKR_DEVICE_REMOVED;
  if (locked)
    return CKR_PIN_LOCKED;
  if (pin == NULL)
    {
      if (pad_pin[0] == '\0')
        return CKR_ARGUMENTS_BAD;
      pin = (CK_UTF8CHAR_PTR) pad_pin;
      pin_len = strlen (pad_pin);
    }

  rv = target->C_Login (session, user, pin, pin_len);
  if (rv == CKR_PIN_INCORRECT)
    {
      if (++failures >= 3)
        locked = 1;
    }
  else if (rv == CKR_OK || rv == CKR_USER_ALREADY_LOGGED_IN)
    {
      failures = 0;
      logged_in_session = session;
    }
  return rv;
}

static CK_RV
quirky_logout (CK_SESSION_HANDLE session)
{
  logged_in_session = CK_INVALID_HANDLE;
  return target->C_Logout (session);
}

static CK_RV
quirky_sign_init (CK_SESSION_HANDLE session, CK_MECHANISM_PTR mech, CK_OBJECT_HANDLE key)
{
  if (removed)
    return CKR_DEVICE_REMOVED;
  /* Login is per session on these cards. */
  if (session != logged_in_session)
    return CKR_USER_NOT_LOGGED_IN;
  return target->C_SignInit (session, mech, key);
}

static CK_RV
quirky_sign (CK_SESSION_HANDLE session, CK_BYTE_PTR data, CK_ULONG len,
             CK_BYTE_PTR sig, CK_ULONG_PTR sig_len)
{
  CK_RV rv;

  __atomic_add_fetch (&sign_calls, 1, __ATOMIC_SEQ_CST);
  if (removed)
    return CKR_DEVICE_REMOVED;
  if (sign_fault != CKR_OK)
    return sign_fault;
  enter ("C_Sign");
  rv = target->C_Sign (session, data, len, sig, sig_len);
  leave ();
  return rv;
}

CK_RV
C_GetFunctionList (CK_FUNCTION_LIST_PTR_PTR list)
{
  static const char * const paths[] = {
    "/usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so",
    "/usr/lib/aarch64-linux-gnu/softhsm/libsofthsm2.so",
    "/usr/lib/softhsm/libsofthsm2.so",
    "/usr/lib64/pkcs11/libsofthsm2.so",
  };
  CK_RV (*get_list) (CK_FUNCTION_LIST_PTR_PTR);
  CK_RV rv;

  if (target == NULL)
    {
      const char *env = getenv ("EY_QUIRKY_TARGET");

      if (env != NULL)
        target_handle = dlopen (env, RTLD_NOW | RTLD_LOCAL);
      for (unsigned i = 0; target_handle == NULL && i < sizeof paths / sizeof paths[0]; i++)
        target_handle = dlopen (paths[i], RTLD_NOW | RTLD_LOCAL);
      if (target_handle == NULL)
        return CKR_GENERAL_ERROR;
      get_list = (CK_RV (*) (CK_FUNCTION_LIST_PTR_PTR)) dlsym (target_handle,
                                                               "C_GetFunctionList");
      if (get_list == NULL)
        return CKR_GENERAL_ERROR;
      rv = get_list (&target);
      if (rv != CKR_OK)
        return rv;

      wrapped = *target;
      wrapped.C_Initialize = quirky_initialize;
      wrapped.C_Finalize = quirky_finalize;
      wrapped.C_GetSlotList = quirky_get_slot_list;
      wrapped.C_GetTokenInfo = quirky_get_token_info;
      wrapped.C_OpenSession = quirky_open_session;
      wrapped.C_Login = quirky_login;
      wrapped.C_Logout = quirky_logout;
      wrapped.C_SignInit = quirky_sign_init;
      wrapped.C_Sign = quirky_sign;
    }

  *list = &wrapped;
  return CKR_OK;
}
