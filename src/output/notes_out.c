/* The notes table of decompose and urban-rural (notes.h): the columns of
 * `junheng indices --notes`. */
#include "junheng/notes.h"
#include "junheng/output.h"

void jh_write_notes(FILE *f, const jh_dataset *d, const jh_notes *n, int csv)
{
    fputs("indicator,year,stratum,index,action,count,reason\n", f);
    for (size_t i = 0; i < n->n; i++) {
        const jh_note *r = &n->note[i];
        jh_csv_text(f, d->indicators.str[r->indicator], JH_CSV_FIRST | csv);
        fprintf(f, ",%d,%s,", d->years[r->year], r->stratum);
        fputs(r->index, f);
        fprintf(f, ",%s,%zu", r->action, r->count);
        jh_csv_text(f, r->reason, csv);
        putc('\n', f);
    }
}
