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

int jh_status_worse(int a, int b)
{
    static const int rank[JH_STATUS_COUNT] = {
        [JH_EIO] = 2, [JH_ENOTFOUND] = 3, [JH_ENOMEM] = 4,
    };
    int ra = a == JH_OK ? 0 : a < 0 || a >= JH_STATUS_COUNT || !rank[a] ? 1 : rank[a];
    int rb = b == JH_OK ? 0 : b < 0 || b >= JH_STATUS_COUNT || !rank[b] ? 1 : rank[b];
    return rb > ra ? b : a;
}
