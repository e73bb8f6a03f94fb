/* junheng — status codes shared by every library function.
 *
 * Library functions never exit or print: they return one of these codes and
 * the caller (the CLI) decides what to say and which exit code to use. */
#ifndef JUNHENG_STATUS_H
#define JUNHENG_STATUS_H

#ifdef __cplusplus
extern "C" {
#endif

typedef enum jh_status {
    JH_OK = 0,       /* success */
    JH_EEMPTY,       /* no observations (n == 0) */
    JH_ENONFINITE,   /* a value is NaN or infinite */
    JH_ENEGATIVE,    /* a value is negative where the index needs x >= 0 */
    JH_EZEROMEAN,    /* the (weighted) mean is zero: the index divides by it */
    JH_EZERO,        /* a value is zero where the index takes its log or inverse */
    JH_EWEIGHT,      /* a weight is zero, negative or not finite */
    JH_EINVAL,       /* an argument is out of range (NULL pointer, bad parameter) */
    JH_ENOMEM,       /* out of memory */
    JH_EPARSE,       /* input text could not be parsed */
    JH_EIO,          /* read or write failed */
    JH_ENOTFOUND,    /* a named thing (file, column, index) does not exist */
    JH_EDUP,         /* a duplicate key */
    JH_ERANGE,       /* the result is finite but beyond a double (|r| > 1.8e308) */
    JH_STATUS_COUNT  /* number of codes; not a status */
} jh_status;

/* A short lowercase description of status s, e.g. "a value is zero".
 * Returns a static string: do not free. */
const char *jh_strerror(int s);

/* The worse of two statuses, for a step that goes on after a failure and
 * reports the worst one: out of memory, then a thing not found (a file
 * that cannot be opened), then a read error, then any other failure, then
 * JH_OK. */
int jh_status_worse(int a, int b);

#ifdef __cplusplus
}
#endif
#endif
