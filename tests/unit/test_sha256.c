/* SHA-256 against the FIPS 180-4 example vectors (NIST CSRC, "Example
 * Algorithms", SHA256.pdf) and sha256sum. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>
#include "junheng/sha256.h"

static void digest(const char *msg, size_t len, char hex[65])
{
    jh_sha256 c;
    jh_sha256_init(&c);
    jh_sha256_update(&c, msg, len);
    jh_sha256_hex(&c, hex);
}

static void test_empty(void **state)
{
    char hex[65];
    (void)state;
    digest("", 0, hex);
    assert_string_equal(hex, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

static void test_abc(void **state)
{
    char hex[65];
    (void)state;
    digest("abc", 3, hex);
    assert_string_equal(hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

/* Two blocks: 448 bits of message leave no room for the length. */
static void test_two_blocks(void **state)
{
    const char *m = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
    char hex[65];
    (void)state;
    digest(m, strlen(m), hex);
    assert_string_equal(hex, "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
}

/* Fed in pieces of every size from 1 to 9, the same digest as at once. */
static void test_pieces(void **state)
{
    char whole[65], parts[65], msg[1000];
    (void)state;
    for (size_t i = 0; i < sizeof msg; i++)
        msg[i] = (char)('a' + i % 26);
    digest(msg, sizeof msg, whole);
    for (size_t step = 1; step < 10; step++) {
        jh_sha256 c;
        jh_sha256_init(&c);
        for (size_t i = 0; i < sizeof msg; i += step)
            jh_sha256_update(&c, msg + i, i + step <= sizeof msg ? step : sizeof msg - i);
        jh_sha256_hex(&c, parts);
        assert_string_equal(parts, whole);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_empty),
        cmocka_unit_test(test_abc),
        cmocka_unit_test(test_two_blocks),
        cmocka_unit_test(test_pieces),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
