/*
 * lexicon_scan.c — throughput of the longest-match lexicon scan alone.
 *
 *   bench_lexicon_scan CORPUS.jsonl [ROUNDS] [LEXICON]
 *
 * Reads the articles of a JSON-lines corpus (as `sitrep extract` does),
 * tokenizes each once, then times ROUNDS (default 3) passes of
 * sr_lexicon_scan() over all of them, and separately the prefix and phrase
 * probes of the scan's first step (one per token).  Prints MB/s of article
 * text and the number of matches, so that two lexicon builds can be compared
 * on the same input: the matches must agree.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "arena.h"
#include "jsonl.h"
#include "lexicon.h"
#include "text.h"

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
    if (argc < 2 || argc > 4) {
        fprintf(stderr, "usage: bench_lexicon_scan CORPUS.jsonl [ROUNDS] [LEXICON]\n");
        return 2;
    }
    int rounds = argc > 2 ? atoi(argv[2]) : 3;
    if (rounds < 1)
        rounds = 1;
    sr_error err = {{0}};
    sr_lexicon *lex = NULL;
    if (sr_lexicon_open(argc > 3 ? argv[3] : NULL, &lex, &err) != SR_OK) {
        fprintf(stderr, "bench_lexicon_scan: %s\n", err.msg);
        return 1;
    }
    sr_jsonl_reader *r;
    if (sr_jsonl_open(argv[1], &r, &err) != SR_OK) {
        fprintf(stderr, "bench_lexicon_scan: %s\n", err.msg);
        sr_lexicon_close(lex);
        return 1;
    }
    /* every article's tokens, kept in one arena for all rounds */
    sr_arena keep;
    sr_arena_init(&keep);
    sr_tokens *docs = NULL;
    size_t n_docs = 0, cap = 0, bytes = 0, tokens = 0;
    int status = 0;
    for (;;) {
        sr_doc doc;
        int rc = sr_jsonl_next(r, &doc, NULL, &err);
        if (rc == SR_ERR_EMPTY)
            break;
        if (rc != SR_OK)
            continue;
        if (n_docs == cap) {
            cap = cap ? cap * 2 : 1024;
            sr_tokens *g = realloc(docs, cap * sizeof *g);
            if (!g) {
                status = 1;
                break;
            }
            docs = g;
        }
        char *text = sr_arena_alloc(&keep, doc.text_len + 1);
        if (!text) {
            status = 1;
            break;
        }
        memcpy(text, doc.text, doc.text_len);
        text[doc.text_len] = '\0';
        if (sr_tokenize(&keep, text, doc.text_len, &docs[n_docs]) != SR_OK) {
            status = 1;
            break;
        }
        bytes += doc.text_len;
        tokens += docs[n_docs].n;
        n_docs++;
    }
    sr_jsonl_close(r);
    if (status) {
        fprintf(stderr, "bench_lexicon_scan: out of memory\n");
        goto out;
    }
    double mb = (double)bytes / 1e6;
    printf("%zu articles, %.1f MB of text, %zu tokens\n", n_docs, mb, tokens);

    sr_arena a;
    sr_arena_init(&a);
    size_t matches = 0;
    double best = 1e30;
    for (int round = 0; round < rounds; round++) {
        matches = 0;
        double t0 = now_s();
        for (size_t d = 0; d < n_docs; d++) {
            sr_match *m;
            size_t nm;
            if (sr_lexicon_scan(lex, &docs[d], &a, &m, &nm) != SR_OK) {
                status = 1;
                break;
            }
            matches += nm;
            sr_arena_reset(&a);
        }
        double t = now_s() - t0;
        best = t < best ? t : best;
    }
    printf("scan:        %8.1f MB/s, %6.1f ns/token (best of %d; %zu matches)\n", mb / best,
           best * 1e9 / (double)(tokens ? tokens : 1), rounds, matches);

    /* the one-token probes alone: is_prefix and lookup on each token */
    size_t prefixes = 0, phrases = 0;
    double t0 = now_s();
    for (size_t d = 0; d < n_docs; d++)
        for (size_t i = 0; i < docs[d].n; i++) {
            const sr_token *tk = &docs[d].tok[i];
            if (!tk->fold_len)
                continue;
            const char *k = sr_tok_fold(&docs[d], i);
            if (sr_lexicon_is_prefix(lex, k, tk->fold_len)) {
                prefixes++;
                const sr_lex_hit *h;
                phrases += sr_lexicon_lookup(lex, k, tk->fold_len, &h) > 0;
            }
        }
    double t = now_s() - t0;
    printf("token probe: %8.1f MB/s, %6.1f ns/token (%zu prefixes, %zu phrases)\n", mb / t,
           t * 1e9 / (double)(tokens ? tokens : 1), prefixes, phrases);
    sr_arena_free(&a);
out:
    free(docs);
    sr_arena_free(&keep);
    sr_lexicon_close(lex);
    return status;
}
