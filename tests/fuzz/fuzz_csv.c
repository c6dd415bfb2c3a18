/* fuzz_csv.c — the RFC 4180 reader and the UCDP and ACLED row mappings on arbitrary
 * bytes: never a crash, progress on every record, line numbers that grow. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "csv.h"
#include "ucdp.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    sr_csv_reader *r;
    if (sr_csv_open((const char *)data, size, &r, NULL) != SR_OK)
        return 0;
    char **f;
    size_t nf, line, last = 0, records = 0;
    char *header[64];
    size_t nh = 0;
    while (sr_csv_next(r, &f, &nf, &line, NULL) == SR_OK) {
        if (line < last || nf == 0 || ++records > size + 1)
            abort();
        last = line;
        if (records == 1) {
            for (size_t i = 0; i < nf && nh < 64; i++)
                header[nh++] = strdup(f[i]);
            continue;
        }
        sr_event ev;
        char id[64], notes[256];
        if (nh && sr_ucdp_row(header, nh, f, nf, NULL, &ev, id, sizeof id, notes, sizeof notes,
                              NULL) == SR_OK) {
            if (ev.fatalities_low > ev.fatalities || ev.fatalities_high < ev.fatalities)
                abort();
        }
        if (nh && sr_acled_row(header, nh, f, nf, NULL, &ev, id, sizeof id, notes, sizeof notes,
                               NULL) == SR_OK) {
            if (strlen(ev.event_date) != 10)
                abort();
        }
    }
    for (size_t i = 0; i < nh; i++)
        free(header[i]);
    sr_csv_close(r);
    return 0;
}
