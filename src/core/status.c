#include "junheng/status.h"

const char *jh_strerror(int s)
{
    static const char *const text[JH_STATUS_COUNT] = {
        [JH_OK] = "success",
        [JH_EEMPTY] = "no observations",
        [JH_ENONFINITE] = "a value is not finite",
        [JH_ENEGATIVE] = "a value is negative",
        [JH_EZEROMEAN] = "the mean is zero",
        [JH_EZERO] = "a value is zero, where the index takes its log or inverse",
        [JH_EWEIGHT] = "a weight is zero, negative or not finite",
        [JH_EINVAL] = "invalid argument",
        [JH_ENOMEM] = "out of memory",
        [JH_EPARSE] = "cannot parse input",
        [JH_EIO] = "input/output error",
        [JH_ENOTFOUND] = "not found",
        [JH_EDUP] = "duplicate",
        [JH_ERANGE] = "the result exceeds the largest double, 1.8e308",
    };
    if (s < 0 || s >= JH_STATUS_COUNT)
        return "unknown status";
    return text[s];
}
