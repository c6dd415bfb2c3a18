/*
 * cmd_extract.c — `sitrep extract`: articles in, coded events out.
 *
 * A Unix filter.  Each input (a file, or standard input for "-" or none) is
 * either JSON lines, one article a line, or one plain-text article: an input
 * whose first byte after white space (and a byte-order mark) is '{' is JSON
 * lines, anything else is plain text.  For every article read, one JSON line
 * {"id": ..., "events": [...]} goes to standard output (see event_json.h),
 * also when it reports no events; --pretty prints a readable view instead.
 *
 * Bad input never stops the run: a line that cannot be read is named on
 * standard error (`sitrep: FILE:LINE: problem`) and skipped, an input that
 * cannot be opened is named and skipped, and the exit status is 1 at the end.
 * A missing "published" date is a warning: the article is extracted with
 * published unknown (NULL), so relative dates stay unresolved.  A "published"
 * that is not a date is bad input: warned about, treated as unknown, exit 1.
 * An article the extractor fails on is named and still gets its line, with
 * no events, so that output lines and input articles stay in step.
 */
#include <errno.h>
#include <math.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "commands.h"
#include "date.h"
#include "event_json.h"
#include "jsonl.h"
#include "lexicon.h"
#include "sitrep.h"

/* Articles of one input named in "no published date" warnings; the rest
 * are counted in one line at the end of the input. */
#define UNDATED_NAMED 3

typedef struct options {
    int pretty;
    int explain;
    const char *published; /* --published, already checked */
    const char *id;        /* --id */
    const char *lexicon;   /* --lexicon */
} options;

typedef struct run {
    const options *opt;
    const sr_lexicon *lex;
    sr_extractor *x;
    FILE *out;
    int color;
    int bad_input; /* some article or input could not be read */
    size_t articles;
    size_t undated; /* articles of this input without a date */
    sr_json_buf line; /* the JSON line being written */
} run;

static void help(FILE *f)
{
    fputs(
        "usage: sitrep extract [OPTIONS] [FILE...|-]\n"
        "\n"
        "Reads news articles and writes the political-violence events they\n"
        "report, one JSON line per article: {\"id\": ..., \"events\": [...]}.\n"
        "\n"
        "Input: each FILE (standard input when there is none, or for '-') is\n"
        "either JSON lines, one article a line\n"
        "  {\"id\", \"url\", \"published\", \"title\", \"text\"}  (other keys ignored)\n"
        "or, when its first character is not '{', one plain-text article.\n"
        "\n"
        "Options:\n"
        "  --pretty            a readable view per article instead of JSON, with\n"
        "                      the evidence highlighted on a terminal (set\n"
        "                      NO_COLOR to turn colour off)\n"
        "  --explain           --pretty with reasons: every evidence sentence,\n"
        "                      each figure with its source and words, the\n"
        "                      lexicon entry behind each actor\n"
        "  --published DATE    publication date (YYYY-MM-DD) of plain-text input,\n"
        "                      and of JSON lines that have none\n"
        "  --id ID             id of a plain-text article (default: the file name,\n"
        "                      'stdin' for standard input); one input only\n"
        "  --lexicon PATH      the compiled lexicon to use (default:\n"
        "                      $SITREP_LEXICON, then sitrep.lex beside the program)\n"
        "  -h, --help          this help\n"
        "  --version           the version\n"
        "\n"
        "An article without a usable \"published\" date is still extracted, with\n"
        "relative dates (\"on Sunday\") left unresolved; a warning says so.\n"
        "A JSON line without \"id\" gets FILE:LINE as its id.\n"
        "\n"
        "Exit status:\n"
        "  0  every article was read\n"
        "  1  bad input: some article or file could not be read (each one is\n"
        "     named on standard error as FILE:LINE: problem; the others were\n"
        "     still extracted), or output could not be written\n"
        "  2  usage error: unknown option, missing or invalid option argument\n",
        f);
}

/* "YYYY-MM-DD", or an ISO timestamp starting with one: a real calendar day
 * goes into out[11].  Returns 0 on success. */
static int check_date(const char *s, char out[11])
{
    int32_t days;
    if (sr_date_parse_iso(s, &days) != SR_OK)
        return -1;
    sr_date_format(days, out);
    return 0;
}

static const char *base_name(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash && slash[1] ? slash + 1 : path;
}

/* ---- the readable view -------------------------------------------------- */

#define WRAP_COLS 78

typedef struct style {
    const char *bold, *dim, *hl, *head, *off;
} style;

static const style plain_style = {"", "", "", "", ""};
static const style color_style = {"\x1b[1m", "\x1b[2m", "\x1b[1;33m", "\x1b[1;36m",
                                  "\x1b[0m"};

/* Display columns of s[0..n): one per character (lead bytes). */
static size_t columns(const char *s, size_t n)
{
    size_t c = 0;
    for (size_t i = 0; i < n; i++)
        c += ((unsigned char)s[i] & 0xC0) != 0x80;
    return c;
}

/* Prints s[0..n) word-wrapped at WRAP_COLS, lines after the first indented by
 * indent spaces, starting at column col.  Bytes of s that fall in one of the
 * marks (offsets relative to s) are highlighted. */
static void wrap_print(FILE *out, const char *s, size_t n, size_t col, size_t indent,
                       const sr_span *marks, int n_marks, const style *st)
{
    int in_mark = 0;
    size_t i = 0;
    int first_word = 1;
    while (i < n) {
        while (i < n && (s[i] == ' ' || s[i] == '\n' || s[i] == '\t' || s[i] == '\r'))
            i++;
        if (i >= n)
            break;
        size_t j = i;
        while (j < n && s[j] != ' ' && s[j] != '\n' && s[j] != '\t' && s[j] != '\r')
            j++;
        size_t w = columns(s + i, j - i);
        if (!first_word) {
            if (col + 1 + w > WRAP_COLS && col > indent) {
                if (in_mark)
                    fputs(st->off, out);
                fprintf(out, "\n%*s", (int)indent, "");
                if (in_mark)
                    fputs(st->hl, out);
                col = indent;
            } else {
                fputc(' ', out);
                col++;
            }
        }
        for (size_t k = i; k < j; k++) {
            int want = 0;
            for (int m = 0; m < n_marks; m++)
                if (k >= marks[m].start && k < marks[m].end)
                    want = 1;
            if (want != in_mark) {
                fputs(want ? st->hl : st->off, out);
                if (!want && st->bold[0])
                    fputs(st->bold, out);
                in_mark = want;
            }
            fputc(s[k], out);
        }
        /* Close a highlight that ends with the word, so that it does not
         * run over the space that follows. */
        if (in_mark) {
            int go_on = 0;
            for (int m = 0; m < n_marks; m++)
                if (j >= marks[m].start && j < marks[m].end)
                    go_on = 1;
            if (!go_on) {
                fputs(st->off, out);
                if (st->bold[0])
                    fputs(st->bold, out);
                in_mark = 0;
            }
        }
        col += w;
        first_word = 0;
        i = j;
    }
    if (in_mark) {
        fputs(st->off, out);
        if (st->bold[0])
            fputs(st->bold, out);
    }
}

static const char *or_dash(const char *s)
{
    return s && *s ? s : "-";
}

static void print_actor(FILE *out, const sr_actor_ref *a)
{
    if (!a->name[0]) {
        fputs("-", out);
        return;
    }
    fputs(a->name, out);
    if (a->inter > 0)
        fprintf(out, " (%d)", a->inter);
}

/* --explain: the lexicon entry an actor was coded from. */
static void explain_actor(FILE *out, const char *role, const sr_actor_ref *a,
                          const sr_lexicon *lex)
{
    if (!a->name[0])
        return;
    sr_actor_info info;
    if (a->lex_id == SR_NO_ID || !lex || sr_lexicon_actor(lex, a->lex_id, &info) != SR_OK) {
        fprintf(out, "    %-8s %s: composed, not a lexicon entry\n", role, a->name);
        return;
    }
    fprintf(out, "    %-8s %s: lexicon actor %u, inter %d, country %s, %u aliases", role,
            info.name, a->lex_id, info.inter, info.country[0] ? info.country : "-",
            info.n_aliases);
    for (uint32_t i = 0; i < info.n_aliases && i < 4; i++)
        fprintf(out, "%s%s", i == 0 ? " (" : ", ", sr_lexicon_actor_alias(lex, a->lex_id, i));
    fprintf(out, "%s\n", info.n_aliases > 4 ? ", ...)" : info.n_aliases ? ")" : "");
}

static void pretty_event(FILE *out, size_t k, const sr_event *e, const sr_doc *doc,
                         const sr_lexicon *lex, const style *st, int explain)
{
    static const char *const date_prec[] = {"unknown", "day", "week", "month"};
    static const char *const geo_prec[] = {"unknown", "town", "near a place / area",
                                           "region"};
    fprintf(out, "\n  %sEvent %zu%s  %s%s / %s%s", st->head, k + 1, st->off, st->bold,
            or_dash(e->event_type), or_dash(e->sub_event_type), st->off);
    if (e->cameo[0])
        fprintf(out, "  %s[CAMEO %s]%s", st->dim, e->cameo, st->off);
    fputc('\n', out);

    int dp = e->date_precision >= 0 && e->date_precision <= 3 ? e->date_precision : 0;
    fprintf(out, "    date     %s (precision %d: %s)\n", e->event_date[0] ? e->event_date
                                                                          : "unresolved",
            e->date_precision, date_prec[dp]);
    fputs("    actors   ", out);
    print_actor(out, &e->actor1);
    fputs("  ->  ", out);
    print_actor(out, &e->actor2);
    fputc('\n', out);

    int gp = e->geo_precision >= 0 && e->geo_precision <= 3 ? e->geo_precision : 0;
    fprintf(out, "    place    %s", or_dash(e->location));
    if (e->admin1[0] && strcmp(e->admin1, e->location) != 0)
        fprintf(out, ", %s", e->admin1);
    fprintf(out, ", %s (precision %d: %s)", or_dash(e->country), e->geo_precision,
            geo_prec[gp]);
    if (isfinite(e->latitude) && isfinite(e->longitude))
        fprintf(out, "  %.4f, %.4f", e->latitude, e->longitude);
    fputc('\n', out);

    fprintf(out, "    toll     %s%d killed%s", st->bold, e->fatalities, st->off);
    if (e->fatalities_low != e->fatalities || e->fatalities_high != e->fatalities)
        fprintf(out, " (range %d-%d)", e->fatalities_low, e->fatalities_high);
    int nf = e->n_figures < 0 ? 0 : e->n_figures > SR_MAX_FIGURES ? SR_MAX_FIGURES
                                                                   : e->n_figures;
    for (int i = 0; i < nf; i++)
        fprintf(out, "%s%s %d", i == 0 ? "; sources: " : ", ",
                sr_source_kind_name(e->figures[i].source), e->figures[i].value);
    fputc('\n', out);

    const char *status = sr_status_name(e->status);
    fprintf(out, "    status   %s", status[0] ? status : "-");
    if (e->claimed_by[0])
        fprintf(out, ", claimed by %s", e->claimed_by);
    fputc('\n', out);

    int ne = e->n_evidence < 0 ? 0 : e->n_evidence > SR_MAX_EVIDENCE ? SR_MAX_EVIDENCE
                                                                       : e->n_evidence;
    /* The view shows the first evidence sentence and those holding a figure,
     * three at most; --explain shows them all. */
    int shown = 0, hidden = 0;
    for (int i = 0; i < ne; i++) {
        const char *field, *s;
        size_t len, st_off, en_off;
        if (sr_span_resolve(doc, e->evidence[i], &field, &s, &len, &st_off, &en_off) != SR_OK)
            continue;
        /* Figures inside this sentence are highlighted. */
        sr_span marks[SR_MAX_FIGURES];
        int nm = 0;
        for (int f = 0; f < nf; f++) {
            const char *ff, *fs;
            size_t fl, fa, fb;
            if (sr_span_resolve(doc, e->figures[f].where, &ff, &fs, &fl, &fa, &fb) != SR_OK ||
                ff != field || fa < st_off || fb > en_off || fb == fa)
                continue;
            marks[nm].start = (uint32_t)(fa - st_off);
            marks[nm].end = (uint32_t)(fb - st_off);
            nm++;
        }
        if (!explain && ((shown > 0 && nm == 0) || shown >= 3)) {
            hidden++;
            continue;
        }
        fprintf(out, "    %s %s", shown == 0 ? "evidence" : "        ", st->bold);
        wrap_print(out, s, len, 13, 13, marks, nm, st);
        fprintf(out, "%s\n", st->off);
        shown++;
    }
    if (hidden > 0)
        fprintf(out, "             %s(%d more sentence%s; --explain shows all)%s\n", st->dim,
                hidden, hidden == 1 ? "" : "s", st->off);
    if (!explain)
        return;
    /* Where each figure came from, in the article's words. */
    for (int f = 0; f < nf; f++) {
        const char *ff, *fs;
        size_t fl, fa, fb;
        fprintf(out, "    %s %d from %s", f == 0 ? "figures " : "        ", e->figures[f].value,
                sr_source_kind_name(e->figures[f].source));
        if (sr_span_resolve(doc, e->figures[f].where, &ff, &fs, &fl, &fa, &fb) == SR_OK)
            fprintf(out, ": \"%.*s\" (%s bytes %zu-%zu)", (int)(fl > 60 ? 60 : fl), fs, ff,
                    fa, fb);
        fputc('\n', out);
    }
    explain_actor(out, "actor1", &e->actor1, lex);
    explain_actor(out, "actor2", &e->actor2, lex);
}

static void pretty_article(FILE *out, const char *id, const sr_doc *doc,
                           const sr_event *ev, size_t n, const sr_lexicon *lex, int color,
                           int explain)
{
    const style *st = color ? &color_style : &plain_style;
    fprintf(out, "%s== %s%s", st->head, id, st->off);
    if (doc->published)
        fprintf(out, "  %s(published %s)%s", st->dim, doc->published, st->off);
    fputc('\n', out);
    if (doc->title && doc->title[0]) {
        fputs(st->bold, out);
        wrap_print(out, doc->title, strlen(doc->title), 0, 0, NULL, 0, &plain_style);
        fprintf(out, "%s\n", st->off);
    }
    if (n == 0)
        fprintf(out, "  %s(no events)%s\n", st->dim, st->off);
    for (size_t k = 0; k < n; k++)
        pretty_event(out, k, &ev[k], doc, lex, st, explain);
    fputc('\n', out);
}

/* Extracts one article and writes its line (or pretty view).  where names it
 * in messages ("FILE" or "FILE:LINE"); default_id is used when doc has none. */
static void do_article(run *r, sr_doc *doc, const char *where, const char *default_id)
{
    char pub[11];
    const char *id = doc->id ? doc->id : default_id;
    int warned = 0;
    if (doc->published) {
        if (check_date(doc->published, pub) == 0) {
            doc->published = pub;
        } else {
            fprintf(stderr,
                    "sitrep: %s: \"published\" is not a date (YYYY-MM-DD): '%.40s'; "
                    "relative dates left unresolved\n",
                    where, doc->published);
            doc->published = NULL;
            r->bad_input = 1;
            warned = 1;
        }
    }
    if (!doc->published && r->opt->published)
        doc->published = r->opt->published;
    else if (!doc->published && !warned && r->undated++ < UNDATED_NAMED)
        fprintf(stderr,
                "sitrep: %s: warning: no \"published\" date; relative dates left "
                "unresolved\n",
                where);

    const sr_event *ev = NULL;
    size_t n = 0;
    sr_error err = {{0}};
    if (doc->text_len >= SR_TITLE_OFFSET) {
        fprintf(stderr, "sitrep: %s: article too large (%zu bytes; the limit is 2 GB)\n",
                where, doc->text_len);
        r->bad_input = 1;
        return;
    }
    int rc = sr_extract(r->x, doc, &ev, &n, &err);
    if (rc != SR_OK) {
        fprintf(stderr, "sitrep: %s: extraction failed: %s\n", where,
                err.msg[0] ? err.msg : sr_strerror(rc));
        r->bad_input = 1;
        ev = NULL;
        n = 0;
    }
    r->articles++;
    if (r->opt->pretty) {
        pretty_article(r->out, id, doc, ev, n, r->lex, r->color, r->opt->explain);
        return;
    }
    /* One line into a reused buffer and one write. */
    rc = sr_article_json_line(&r->line, id, doc, ev, n, r->lex, &err);
    if (rc != SR_OK) {
        fprintf(stderr, "sitrep: %s: %s\n", where, err.msg);
        r->bad_input = 1;
        return;
    }
    fwrite(r->line.data, 1, r->line.len, r->out);
}

/* Reads the rest of f after prefix[0..plen) into one buffer. */
static int slurp(FILE *f, const char *prefix, size_t plen, char **buf, size_t *len)
{
    size_t cap = plen + 65536, n = plen;
    char *b = malloc(cap);
    if (!b)
        return SR_ERR_NOMEM;
    memcpy(b, prefix, plen);
    for (;;) {
        if (cap - n < 4096) {
            char *nb = cap > SIZE_MAX / 2 ? NULL : realloc(b, cap * 2);
            if (!nb) {
                free(b);
                return SR_ERR_NOMEM;
            }
            b = nb;
            cap *= 2;
        }
        size_t got = fread(b + n, 1, cap - n, f);
        n += got;
        if (got == 0) {
            if (ferror(f)) {
                free(b);
                return SR_ERR_IO;
            }
            break;
        }
    }
    *buf = b;
    *len = n;
    return SR_OK;
}

static void do_plain(run *r, FILE *f, const char *name, const char *prefix, size_t plen)
{
    char *text;
    size_t len;
    int rc = slurp(f, prefix, plen, &text, &len);
    if (rc != SR_OK) {
        fprintf(stderr, "sitrep: %s: %s\n", name,
                rc == SR_ERR_IO ? strerror(errno) : sr_strerror(rc));
        r->bad_input = 1;
        return;
    }
    size_t bad;
    int nul;
    if (sr_jsonl_check_text(text, len, &bad, &nul) != SR_OK) {
        size_t line = 1;
        for (size_t i = 0; i < bad; i++)
            line += text[i] == '\n';
        if (nul)
            fprintf(stderr, "sitrep: %s:%zu: NUL byte at byte %zu of the file\n", name,
                    line, bad + 1);
        else
            fprintf(stderr, "sitrep: %s:%zu: invalid UTF-8 at byte %zu of the file (0x%02X)\n",
                    name, line, bad + 1, (unsigned)(unsigned char)text[bad]);
        r->bad_input = 1;
        free(text);
        return;
    }
    sr_doc doc = {0};
    doc.id = r->opt->id;
    doc.text = text;
    doc.text_len = len;
    do_article(r, &doc, name, strcmp(name, "stdin") == 0 ? "stdin" : base_name(name));
    free(text);
}

static void do_jsonl(run *r, FILE *f, const char *name, size_t lines_before)
{
    sr_jsonl_reader *rd;
    sr_error err;
    if (sr_jsonl_from_stream(f, name, lines_before, &rd, &err) != SR_OK) {
        fprintf(stderr, "sitrep: %s: %s\n", name, err.msg);
        r->bad_input = 1;
        return;
    }
    for (;;) {
        sr_doc doc;
        size_t line = 0;
        int rc = sr_jsonl_next(rd, &doc, &line, &err);
        if (rc == SR_ERR_EMPTY)
            break;
        if (rc == SR_ERR_FORMAT || rc == SR_ERR_UTF8) {
            fprintf(stderr, "sitrep: %s (line skipped)\n", err.msg);
            r->bad_input = 1;
            continue;
        }
        if (rc != SR_OK) {
            fprintf(stderr, "sitrep: %s\n", err.msg);
            r->bad_input = 1;
            break;
        }
        char where[512];
        snprintf(where, sizeof where, "%s:%zu", name, line);
        do_article(r, &doc, where, where);
    }
    sr_jsonl_close(rd);
    if (r->undated > UNDATED_NAMED)
        fprintf(stderr,
                "sitrep: %s: warning: %zu more articles without a \"published\" date\n",
                name, r->undated - UNDATED_NAMED);
    r->undated = 0;
}

/* The bytes read while looking for the first character of an input. */
typedef struct prefix {
    char *b;
    size_t n, cap;
} prefix;

static int prefix_add(prefix *p, int c)
{
    if (p->n == p->cap) {
        size_t cap = p->cap ? p->cap * 2 : 256;
        char *nb = realloc(p->b, cap);
        if (!nb)
            return 0;
        p->b = nb;
        p->cap = cap;
    }
    p->b[p->n++] = (char)c;
    return 1;
}

/* Opens one input, tells JSON lines from plain text, and reads it. */
static void do_input(run *r, const char *path)
{
    r->undated = 0;
    int is_stdin = strcmp(path, "-") == 0;
    const char *name = is_stdin ? "stdin" : path;
    FILE *f = is_stdin ? stdin : fopen(path, "rb");
    if (!f) {
        fprintf(stderr, "sitrep: %s: %s\n", path, strerror(errno));
        r->bad_input = 1;
        return;
    }
    struct stat st;
    if (fstat(fileno(f), &st) == 0 && S_ISDIR(st.st_mode)) {
        fprintf(stderr, "sitrep: %s: is a directory\n", path);
        r->bad_input = 1;
        if (!is_stdin)
            fclose(f);
        return;
    }
    /* Skip a byte-order mark and white space; keep what was read, in case the
     * input is plain text and those bytes belong to it. */
    prefix pre = {0};
    size_t lines = 0;
    int c, first = 1, plain = 0, ok = 1;
    for (;;) {
        c = getc(f);
        if (c == EOF)
            break;
        if (first && c == 0xEF) {
            int c2 = getc(f), c3 = c2 == EOF ? EOF : getc(f);
            if (c2 == 0xBB && c3 == 0xBF) {
                first = 0;
                continue;
            }
            ok &= prefix_add(&pre, c);
            if (c2 != EOF)
                ok &= prefix_add(&pre, c2);
            if (c3 != EOF)
                ok &= prefix_add(&pre, c3);
            plain = 1;
            break;
        }
        first = 0;
        if (c == '{')
            break;
        ok &= prefix_add(&pre, c);
        if (c != ' ' && c != '\t' && c != '\r' && c != '\n') {
            plain = 1;
            break;
        }
        lines += c == '\n';
    }
    if (!ok) {
        fprintf(stderr, "sitrep: %s: out of memory\n", name);
        r->bad_input = 1;
    } else if (plain) {
        do_plain(r, f, name, pre.b, pre.n);
    } else if (c == EOF && ferror(f)) {
        fprintf(stderr, "sitrep: %s: %s\n", name, strerror(errno));
        r->bad_input = 1;
    } else if (c == EOF) {
        fprintf(stderr, "sitrep: %s: empty input (no article)\n", name);
        r->bad_input = 1;
    } else {
        ungetc(c, f);
        do_jsonl(r, f, name, lines);
    }
    free(pre.b);
    if (!is_stdin)
        fclose(f);
}

enum { OPT_PRETTY = 256, OPT_EXPLAIN, OPT_PUBLISHED, OPT_ID, OPT_LEXICON, OPT_VERSION };

static const struct option long_opts[] = {
    {"pretty", no_argument, NULL, OPT_PRETTY},
    {"explain", no_argument, NULL, OPT_EXPLAIN},
    {"published", required_argument, NULL, OPT_PUBLISHED},
    {"id", required_argument, NULL, OPT_ID},
    {"lexicon", required_argument, NULL, OPT_LEXICON},
    {"help", no_argument, NULL, 'h'},
    {"version", no_argument, NULL, OPT_VERSION},
    {NULL, 0, NULL, 0},
};

int cmd_extract(int argc, char **argv)
{
    options opt = {0};
    char pub[11];
    opterr = 0;
    optind = 1;
    int c;
    while ((c = getopt_long(argc, argv, ":h", long_opts, NULL)) != -1) {
        switch (c) {
        case OPT_PRETTY: opt.pretty = 1; break;
        case OPT_EXPLAIN: opt.explain = 1; break;
        case OPT_ID: opt.id = optarg; break;
        case OPT_LEXICON: opt.lexicon = optarg; break;
        case OPT_PUBLISHED:
            if (check_date(optarg, pub) != 0) {
                fprintf(stderr, "sitrep extract: --published: '%s' is not a date "
                                "(YYYY-MM-DD)\n", optarg);
                return EXIT_USAGE;
            }
            opt.published = pub;
            break;
        case 'h': help(stdout); return EXIT_OK;
        case OPT_VERSION: printf("sitrep %s\n", SITREP_VERSION); return EXIT_OK;
        case ':':
            fprintf(stderr, "sitrep extract: %s needs an argument (see 'sitrep extract "
                            "--help')\n", argv[optind - 1]);
            return EXIT_USAGE;
        default:
            fprintf(stderr, "sitrep extract: unknown option '%s' (see 'sitrep extract "
                            "--help')\n", argv[optind - 1]);
            return EXIT_USAGE;
        }
    }
    int n_inputs = argc - optind;
    if (opt.id && n_inputs > 1) {
        fprintf(stderr, "sitrep extract: --id names one article; %d inputs given\n",
                n_inputs);
        return EXIT_USAGE;
    }
    if (opt.explain && !opt.pretty)
        opt.pretty = 1;

    sr_lexicon *lex = NULL;
    sr_error err = {{0}};
    int rc = sr_lexicon_open(opt.lexicon, &lex, &err);
    if (rc != SR_OK) {
        fprintf(stderr, "sitrep: lexicon: %s\n", err.msg[0] ? err.msg : sr_strerror(rc));
        return EXIT_INPUT;
    }
    sr_extractor *x = NULL;
    rc = sr_extractor_new(lex, &x, &err);
    if (rc != SR_OK) {
        fprintf(stderr, "sitrep: %s\n", err.msg[0] ? err.msg : sr_strerror(rc));
        sr_lexicon_close(lex);
        return EXIT_INPUT;
    }

    static char outbuf[1 << 16];
    setvbuf(stdout, outbuf, _IOFBF, sizeof outbuf);
    const char *no_color = getenv("NO_COLOR");
    run r = {
        .opt = &opt,
        .lex = lex,
        .x = x,
        .out = stdout,
        .color = opt.pretty && isatty(STDOUT_FILENO) && !no_color,
    };
    if (n_inputs == 0 && isatty(STDIN_FILENO))
        fprintf(stderr, "sitrep extract: reading an article from the terminal (end it with "
                        "Ctrl-D; see --help)\n");
    if (n_inputs == 0)
        do_input(&r, "-");
    for (int i = optind; i < argc; i++)
        do_input(&r, argv[i]);

    int status = r.bad_input ? EXIT_INPUT : EXIT_OK;
    if (fflush(stdout) != 0 || ferror(stdout)) {
        fprintf(stderr, "sitrep: standard output: %s\n", strerror(errno));
        status = EXIT_INPUT;
    }
    sr_json_buf_free(&r.line);
    sr_extractor_free(x);
    sr_lexicon_close(lex);
    return status;
}
