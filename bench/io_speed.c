/*
 * io_speed.c — the cost of `sitrep extract` without the extraction: read and
 * check every JSON line, parse it, and write an empty {"id", "events"} line
 * into memory.  Separates the reader's and writer's share of the run from the
 * extractor's.
 *
 *   bench_io_speed CORPUS.jsonl
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "event_json.h"
#include "jsonl.h"

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: bench_io_speed CORPUS.jsonl\n");
        return 2;
    }
    struct stat st;
    if (stat(argv[1], &st) != 0) {
        perror(argv[1]);
        return 1;
    }
    sr_jsonl_reader *r;
    sr_error err;
    if (sr_jsonl_open(argv[1], &r, &err) != SR_OK) {
        fprintf(stderr, "bench_io_speed: %s\n", err.msg);
        return 1;
    }
    double t0 = now_s();
    size_t articles = 0, bad = 0, out_bytes = 0;
    sr_json_buf out = {0};
    for (;;) {
        sr_doc doc;
        size_t line;
        int rc = sr_jsonl_next(r, &doc, &line, &err);
        if (rc == SR_ERR_EMPTY)
            break;
        if (rc != SR_OK) {
            bad++;
            if (rc == SR_ERR_IO || rc == SR_ERR_NOMEM)
                break;
            continue;
        }
        if (sr_article_json_line(&out, doc.id ? doc.id : "x", &doc, NULL, 0, NULL, &err) !=
            SR_OK)
            return 1;
        out_bytes += out.len;
        articles++;
    }
    double dt = now_s() - t0;
    sr_jsonl_close(r);
    sr_json_buf_free(&out);
    if (dt <= 0)
        dt = 1e-9;
    printf("read, check, parse and write without extraction: %zu articles (%zu bad lines) "
           "in %.2f s: %.0f articles/s, %.1f MB/s (%zu bytes out)\n",
           articles, bad, dt, (double)articles / dt, (double)st.st_size / 1e6 / dt, out_bytes);
    return 0;
}
