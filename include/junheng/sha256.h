/* junheng — SHA-256 (FIPS 180-4), for the manifest of a run: which input
 * files produced which outputs. */
#ifndef JUNHENG_SHA256_H
#define JUNHENG_SHA256_H

#include <stddef.h>
#include <stdint.h>

typedef struct jh_sha256 {
    uint32_t h[8];          /* chaining state */
    uint64_t bytes;         /* message length so far */
    unsigned char buf[64];  /* partial block */
    size_t fill;            /* bytes in buf */
} jh_sha256;

void jh_sha256_init(jh_sha256 *c);
void jh_sha256_update(jh_sha256 *c, const void *data, size_t len);
/* Writes the digest as 64 lowercase hex digits and a NUL into hex[65]. */
void jh_sha256_hex(jh_sha256 *c, char hex[65]);

/* Digest of a whole file into hex[65], and its size; 0, or -1 when the
 * file cannot be read. */
int jh_sha256_file(const char *path, char hex[65], unsigned long long *size);

#endif
