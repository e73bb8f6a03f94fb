/* libFuzzer target: a weight list and a pairwise comparison matrix read
 * from the same input, the matrix then through the AHP eigenvector. */
#define _GNU_SOURCE
#include <math.h>
#include "fuzz_file.h"
#include "junheng/status.h"
#include "junheng/ahp.h"
#include "junheng/weightfile.h"

static void weight_list(const char *path, jh_diag *diag)
{
    jh_weight_list *l = NULL;
    if (jh_weight_list_read(path, diag, &l) == JH_OK) {
        for (size_t i = 0; i < l->n; i++)
            if (!(l->weight[i] >= 0) || !isfinite(l->weight[i]))
                abort(); /* weightfile.h: weights are >= 0 and finite */
    } else if (l) {
        abort();
    }
    jh_weight_list_free(l);
}

static void pairwise(const char *path, jh_diag *diag)
{
    jh_pairwise *p = NULL;
    if (jh_pairwise_read(path, diag, &p) == JH_OK) {
        double *w = malloc((p->n ? p->n : 1) * sizeof *w);
        jh_ahp_consistency c;
        if (!w)
            abort();
        (void)jh_ahp_weights(p->a, p->n, w, &c);
        free(w);
    } else if (p) {
        abort();
    }
    jh_pairwise_free(p);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char path[64];
    int fd = fuzz_file(data, size, path, sizeof path);
    jh_diag diag;
    jh_diag_init(&diag, 20);
    weight_list(path, &diag);
    pairwise(path, &diag);
    jh_diag_clear(&diag);
    close(fd);
    return 0;
}
