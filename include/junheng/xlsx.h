/* junheng — tables.xlsx: the run's CSV tables as one workbook for people
 * who live in Excel or WPS. */
#ifndef JUNHENG_XLSX_H
#define JUNHENG_XLSX_H

#include <stddef.h>
#include "junheng/study.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Writes the workbook path with one sheet per CSV table (csv[i], sheet
 * name[i], at most 31 bytes): a header row in lang ("zh" or "en"), the
 * machine names in a second row, both frozen; beside an indicator, region,
 * index or domain code its name from the study's catalogs; numbers as
 * numbers with the decimals jh_format_human gives them (by the row's
 * indicator unit); text as text, never a formula.  study may be NULL
 * (codes only).  created (seconds since 1970) is the workbook's date, also
 * of the entries of its zip: a fixed date gives byte-identical workbooks
 * for the same tables.  Returns 0, or an exit code of sysexits.h after a message
 * "junheng: PATH: why" on stderr (66 a table unreadable, 73 the workbook
 * cannot be created, 74 it cannot be written; nothing left at path). */
int jh_xlsx_tables(const char *path, const char *const *csv, const char *const *name, size_t n,
                   const jh_study *study, const char *lang, long long created);

#ifdef __cplusplus
}
#endif
#endif
