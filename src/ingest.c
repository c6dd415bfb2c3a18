/* ingest.c — reading sources into the event database (see ingest.h). */
#include "ingest.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>

#include <zlib.h>

#include "feed.h"
#include "hash.h"
#include "html.h"
#include "jsonl.h"
#include "lexicon.h"
#include "text.h"

#define SR_INGEST_MAX ((size_t)1 << 31)  /* 2 GB per input */
#define MAX_DEPTH 64

struct sr_ingest {
    sr_store *store;
    sr_extractor *x;
    sr_ingest_hooks hooks;
    sr_ingest_stats st;
    const sr_lexicon *lex;
    unsigned char *alias_done; /* one flag per lexicon actor: aliases stored */
    uint32_t n_actors;
    size_t batch_max;   /* documents per batch */
    size_t batch_docs;  /* documents in the open batch */
    struct timespec batch_start;
};

static double seconds_since(const struct timespec *t)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (double)(now.tv_sec - t->tv_sec) + (double)(now.tv_nsec - t->tv_nsec) / 1e9;
}

void sr_ingest_set_lexicon(sr_ingest *g, const sr_lexicon *lex)
{
    free(g->alias_done);
    g->lex = lex;
    g->n_actors = lex ? sr_lexicon_count(lex, SR_LEX_ACTOR) : 0;
    g->alias_done = g->n_actors ? calloc(g->n_actors, 1) : NULL;
}

/* Stores the lexicon aliases of an actor the first time this run sees it. */
static int note_aliases(sr_ingest *g, const sr_actor_ref *a, sr_error *err)
{
    if (!g->alias_done || a->lex_id == SR_NO_ID || a->lex_id >= g->n_actors ||
        g->alias_done[a->lex_id] || !a->name[0])
        return SR_OK;
    sr_actor_info info;
    if (sr_lexicon_actor(g->lex, a->lex_id, &info) != SR_OK)
        return SR_OK;
    /* Generic entries ("civilians", "gunmen") name no one actor. */
    if (info.kind == SR_ACTOR_CIVILIANS || info.kind == SR_ACTOR_UNIDENTIFIED ||
        info.kind == SR_ACTOR_PROTESTERS || info.kind == SR_ACTOR_RIOTERS) {
        g->alias_done[a->lex_id] = 1;
        return SR_OK;
    }
    for (uint32_t i = 0; i < info.n_aliases; i++) {
        const char *alias = sr_lexicon_actor_alias(g->lex, a->lex_id, i);
        int rc = alias ? sr_store_add_actor_alias(g->store, a->name, alias, err) : SR_OK;
        if (rc)
            return rc;
    }
    g->alias_done[a->lex_id] = 1;
    return SR_OK;
}

void sr_ingest_set_batch(sr_ingest *g, size_t docs)
{
    g->batch_max = docs ? docs : 1;
}

/* Merges the mentions of the batch's documents; on failure the whole batch
 * is undone (its documents must not stay without their events). */
static int resolve_pending(sr_ingest *g, sr_error *err)
{
    sr_resolve_stats rs = {0};
    int rc = sr_store_resolve_new(g->store, &rs, err);
    if (rc) {
        sr_store_batch_rollback(g->store);
        return rc;
    }
    g->st.events_created += rs.events_created;
    g->st.events_updated += rs.events_updated;
    g->st.events_merged += rs.events_deleted;
    return SR_OK;
}

int sr_ingest_flush(sr_ingest *g, sr_error *err)
{
    g->batch_docs = 0;
    int rc = resolve_pending(g, err);
    return rc ? rc : sr_store_batch_commit(g->store, err);
}

/* Opens a batch when none is open (and batching is on). */
static int batch_enter(sr_ingest *g, sr_error *err)
{
    if (g->batch_max <= 1 || sr_store_batch_open(g->store))
        return SR_OK;
    clock_gettime(CLOCK_MONOTONIC, &g->batch_start);
    g->batch_docs = 0;
    return sr_store_batch_begin(g->store, err);
}

/* Counts a finished document; commits the batch when it is full or old. */
static int batch_leave(sr_ingest *g, sr_error *err)
{
    if (!sr_store_batch_open(g->store))
        return SR_OK;
    g->batch_docs++;
    if (g->batch_docs >= g->batch_max || seconds_since(&g->batch_start) > 1.0)
        return sr_ingest_flush(g, err);
    return SR_OK;
}

int sr_ingest_new(sr_store *s, sr_extractor *x, const sr_ingest_hooks *hooks,
                  sr_ingest **out, sr_error *err)
{
    sr_ingest *g = calloc(1, sizeof *g);
    if (!g)
        return sr_error_set(err, SR_ERR_NOMEM, "out of memory");
    g->store = s;
    g->x = x;
    g->batch_max = 2048;
    if (hooks)
        g->hooks = *hooks;
    *out = g;
    return SR_OK;
}

void sr_ingest_free(sr_ingest *g)
{
    if (g) {
        sr_ingest_flush(g, NULL);
        free(g->alias_done);
    }
    free(g);
}

const sr_ingest_stats *sr_ingest_get_stats(const sr_ingest *g)
{
    return &g->st;
}

static void warn(sr_ingest *g, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

static void warn(sr_ingest *g, const char *fmt, ...)
{
    if (!g->hooks.warn)
        return;
    char msg[600];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    g->hooks.warn(g->hooks.ctx, msg);
}

static void progress(sr_ingest *g)
{
    if (g->hooks.progress)
        g->hooks.progress(g->hooks.ctx, &g->st);
}

/* An error that stops the ingest (the database or memory, not the input). */
static int fatal(int rc)
{
    return rc == SR_ERR_DB || rc == SR_ERR_LOCKED || rc == SR_ERR_NOMEM ||
           rc == SR_ERR_VERSION;
}

/* ---- one document -------------------------------------------------------------- */

/* The host of a URL without "www.", into out. */
static void outlet_from_url(const char *url, char *out, size_t cap)
{
    out[0] = '\0';
    if (!url)
        return;
    const char *p = strstr(url, "://");
    if (!p)
        return;
    p += 3;
    if (!strncmp(p, "www.", 4))
        p += 4;
    size_t n = strcspn(p, "/:?#");
    if (n >= cap)
        n = cap - 1;
    memcpy(out, p, n);
    out[n] = '\0';
}

static int blank(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!isspace((unsigned char)s[i]))
            return 0;
    return 1;
}

/* Stores, extracts and resolves one document in one transaction.  label
 * names it in messages.  fallback_date is the feed's date (or NULL). */
static int ingest_doc(sr_ingest *g, const char *label, const sr_doc *in, const char *format,
                      const char *fallback_date, sr_error *err)
{
    g->st.seen++;
    sr_doc doc = *in;
    size_t bad;
    if (!doc.text || blank(doc.text, doc.text_len)) {
        g->st.skipped++;
        g->st.skipped_empty++;
        warn(g, "%s: empty document, skipped", label);
        return SR_OK;
    }
    if (sr_utf8_validate(doc.text, doc.text_len, &bad) != SR_OK ||
        (doc.title && sr_utf8_validate(doc.title, strlen(doc.title), &bad) != SR_OK)) {
        g->st.skipped++;
        g->st.skipped_utf8++;
        warn(g, "%s: invalid UTF-8 (byte %zu), skipped", label, bad);
        return SR_OK;
    }
    char outlet[128];
    if (!doc.outlet || !*doc.outlet) {
        outlet_from_url(doc.url, outlet, sizeof outlet);
        doc.outlet = outlet[0] ? outlet : NULL;
    }
    char day[11];
    if (doc.published && *doc.published) {
        if (sr_parse_pubdate(doc.published, day) == SR_OK)
            doc.published = day;
        else {
            warn(g, "%s: unreadable publication date '%.40s', ignored", label, doc.published);
            doc.published = NULL;
        }
    } else
        doc.published = NULL;
    int dated = 1;
    if (!doc.published) {
        doc.published = fallback_date;
        if (!fallback_date)
            dated = 0;
    }

    char hash[33];
    uint64_t sig;
    sr_doc_hashes(doc.text, doc.text_len, hash, &sig);
    sr_store_doc sd = {.doc = &doc, .format = format, .content_hash = hash, .simhash = sig};
    int rc = batch_enter(g, err);
    if (rc)
        return rc;
    rc = sr_store_begin(g->store, err);
    if (rc)
        return rc;
    int64_t id, near;
    int created;
    rc = sr_store_add_document(g->store, &sd, &id, &created, &near, err);
    if (rc)
        goto fail;
    if (!created) {
        g->st.duplicates++;
        rc = sr_store_commit(g->store, err);
        return rc ? rc : batch_leave(g, err);
    }
    size_t nev = 0;
    if (g->x) {
        const sr_event *ev = NULL;
        sr_error xe = {""};
        int xr = sr_extract(g->x, &doc, &ev, &nev, &xe);
        if (xr != SR_OK) {
            sr_store_rollback(g->store);
            if (fatal(xr))
                return sr_error_set(err, xr, "%s: %s", label, xe.msg);
            g->st.skipped++;
            g->st.skipped_extract++;
            warn(g, "%s: %s, skipped", label, xe.msg[0] ? xe.msg : sr_strerror(xr));
            return SR_OK;
        }
        if (nev && (rc = sr_store_add_mentions(g->store, id, ev, nev, err)))
            goto fail;
        for (size_t i = 0; i < nev; i++)
            if ((rc = note_aliases(g, &ev[i].actor1, err)) ||
                (rc = note_aliases(g, &ev[i].actor2, err)))
                goto fail;
    }
    /* In a batch, mentions are merged when it commits, all at once;
     * otherwise now. */
    sr_resolve_stats rs = {0};
    if (nev && !sr_store_batch_open(g->store) && (rc = sr_store_resolve(g->store, id, &rs, err)))
        goto fail;
    if ((rc = sr_store_commit(g->store, err)))
        return rc;
    g->st.stored++;
    g->st.mentions += nev;
    g->st.near_duplicates += near != 0;
    g->st.events_created += rs.events_created;
    g->st.events_updated += rs.events_updated;
    g->st.events_merged += rs.events_deleted;
    if ((rc = batch_leave(g, err)))
        return rc;
    if (!dated) {
        g->st.no_date++;
        warn(g, "%s: no publication date; stored without one (relative dates not resolved)",
             label);
    }
    return SR_OK;
fail:
    sr_store_rollback(g->store);
    return rc;
}

int sr_ingest_document(sr_ingest *g, const char *label, const sr_doc *doc, const char *format,
                       sr_error *err)
{
    int rc = ingest_doc(g, label, doc, format, NULL, err);
    progress(g);
    return rc;
}

/* ---- formats --------------------------------------------------------------------- */

static const char *extension(const char *name)
{
    if (!name)
        return "";
    const char *slash = strrchr(name, '/');
    const char *dot = strrchr(slash ? slash : name, '.');
    return dot ? dot + 1 : "";
}

/* Binary: a NUL byte, or control characters making up more than a tenth of
 * the first 8 KB.  Text in another encoding than UTF-8 is not binary (an
 * HTML page declares its charset; other text is refused later as invalid
 * UTF-8, by name). */
static int looks_binary(const char *buf, size_t n)
{
    size_t k = n < 8192 ? n : 8192, ctl = 0;
    if (memchr(buf, '\0', k))
        return 1;
    for (size_t i = 0; i < k; i++) {
        unsigned char c = (unsigned char)buf[i];
        ctl += (c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f') || c == 0x7f;
    }
    return ctl * 10 > k;
}

/* Case-insensitive search in the first lim bytes. */
static int has_tag(const char *buf, size_t n, const char *tag, size_t lim)
{
    size_t k = n < lim ? n : lim, t = strlen(tag);
    for (size_t i = 0; i + t <= k; i++)
        if (strncasecmp(buf + i, tag, t) == 0)
            return 1;
    return 0;
}

const char *sr_ingest_detect(const char *name, const char *buf, size_t n)
{
    if (looks_binary(buf, n))
        return "binary";
    size_t i = 0;
    if (n >= 3 && (unsigned char)buf[0] == 0xEF && (unsigned char)buf[1] == 0xBB &&
        (unsigned char)buf[2] == 0xBF)
        i = 3;
    while (i < n && isspace((unsigned char)buf[i]))
        i++;
    const char *ext = extension(name);
    if (!strcasecmp(ext, "rss") || !strcasecmp(ext, "atom") || !strcasecmp(ext, "xml"))
        return "rss";
    if (!strcasecmp(ext, "jsonl") || !strcasecmp(ext, "ndjson") || !strcasecmp(ext, "json"))
        return "jsonl";
    if (i < n && buf[i] == '{')
        return "jsonl";
    if (i < n && buf[i] == '<') {
        if (has_tag(buf + i, n - i, "<rss", 4096) || has_tag(buf + i, n - i, "<feed", 4096) ||
            has_tag(buf + i, n - i, "<rdf:rdf", 4096))
            return "rss";
        if (!strncasecmp(buf + i, "<?xml", 5) && !has_tag(buf + i, n - i, "<html", 4096))
            return "rss";
        return "html";
    }
    if (!strcasecmp(ext, "html") || !strcasecmp(ext, "htm"))
        return "html";
    return "text";
}

static int ingest_jsonl(sr_ingest *g, const char *name, const char *buf, size_t n,
                        sr_error *err)
{
    size_t lineno = 0;
    const char *p = buf, *end = buf + n;
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        const char *le = nl ? nl : end;
        lineno++;
        size_t len = (size_t)(le - p);
        g->st.bytes_done += len + (nl != NULL);
        if (!blank(p, len)) {
            sr_doc doc;
            void *owner = NULL;
            sr_error je = {""};
            int rc = sr_doc_from_json(p, len, &doc, &owner, &je);
            char label[400];
            if (rc == SR_OK) {
                snprintf(label, sizeof label, "%s:%zu (%s)", name, lineno,
                         doc.id ? doc.id : "no id");
                rc = ingest_doc(g, label, &doc, "jsonl", NULL, err);
                sr_doc_json_free(owner);
                if (rc)
                    return rc;
            } else {
                sr_doc_json_free(owner);
                if (fatal(rc))
                    return sr_error_set(err, rc, "%s:%zu: %s", name, lineno, je.msg);
                g->st.seen++;
                g->st.skipped++;
                if (rc == SR_ERR_UTF8)
                    g->st.skipped_utf8++;
                else
                    g->st.skipped_format++;
                warn(g, "%s:%zu: %s, skipped", name, lineno,
                     je.msg[0] ? je.msg : sr_strerror(rc));
            }
            progress(g);
        }
        p = nl ? nl + 1 : end;
    }
    return SR_OK;
}

static int ingest_feed(sr_ingest *g, const char *name, const char *buf, size_t n,
                       sr_error *err)
{
    sr_feed *f = NULL;
    sr_error fe = {""};
    int rc = sr_feed_parse(buf, n, &f, &fe);
    if (rc) {
        if (fatal(rc))
            return sr_error_set(err, rc, "%s: %s", name, fe.msg);
        g->st.skipped++;
        g->st.skipped_format++;
        warn(g, "%s: %s, skipped", name, fe.msg);
        return SR_OK;
    }
    if (f->n_items == 0)
        warn(g, "%s: feed has no items", name);
    for (size_t i = 0; i < f->n_items && !rc; i++) {
        sr_feed_item *it = &f->items[i];
        sr_doc doc = {.id = it->id ? it->id : it->link,
                      .url = it->link,
                      .outlet = NULL,
                      .title = it->title,
                      .published = it->published,
                      .text = it->text,
                      .text_len = it->text_len};
        char label[600];
        snprintf(label, sizeof label, "%s: item %zu (%.200s)", name, i + 1,
                 it->title ? it->title : it->link ? it->link : "untitled");
        rc = ingest_doc(g, label, &doc, f->atom ? "atom" : "rss", f->published, err);
        progress(g);
    }
    sr_feed_free(f);
    return rc;
}

static int ingest_html(sr_ingest *g, const char *name, const char *buf, size_t n,
                       sr_error *err)
{
    sr_html_page page;
    sr_error he = {""};
    int rc = sr_html_extract(buf, n, &page, &he);
    if (rc) {
        sr_html_page_free(&page);
        if (fatal(rc))
            return sr_error_set(err, rc, "%s: %s", name, he.msg);
        g->st.seen++;
        g->st.skipped++;
        if (rc == SR_ERR_EMPTY)
            g->st.skipped_empty++;
        else
            g->st.skipped_format++;
        warn(g, "%s: %s, skipped", name, he.msg);
        return SR_OK;
    }
    sr_doc doc = {.id = name, .url = page.url, .outlet = page.site, .title = page.title,
                  .published = page.published, .text = page.text, .text_len = page.text_len};
    rc = ingest_doc(g, name, &doc, "html", NULL, err);
    sr_html_page_free(&page);
    progress(g);
    return rc;
}

/* Plain text: a "Date:" or "Published:" line among the first lines gives the
 * publication day. */
static int ingest_text(sr_ingest *g, const char *name, const char *buf, size_t n,
                       sr_error *err)
{
    char day[11] = "";
    const char *p = buf, *end = buf + (n < 4096 ? n : 4096);
    for (int line = 0; line < 8 && p < end; line++) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        size_t len = nl ? (size_t)(nl - p) : (size_t)(end - p);
        char l[128];
        if (len < sizeof l) {
            memcpy(l, p, len);
            l[len] = '\0';
            const char *v = NULL;
            if (!strncasecmp(l, "date:", 5))
                v = l + 5;
            else if (!strncasecmp(l, "published:", 10))
                v = l + 10;
            if (v && sr_parse_pubdate(v, day) != SR_OK)
                day[0] = '\0';
            if (day[0])
                break;
        }
        if (!nl)
            break;
        p = nl + 1;
    }
    sr_doc doc = {.id = name, .published = day[0] ? day : NULL, .text = buf, .text_len = n};
    int rc = ingest_doc(g, name, &doc, "text", NULL, err);
    progress(g);
    return rc;
}

int sr_gunzip(const char *buf, size_t n, size_t max, char **out, size_t *out_len,
              sr_error *err)
{
    *out = NULL;
    *out_len = 0;
    z_stream z;
    memset(&z, 0, sizeof z);
    if (inflateInit2(&z, 16 + MAX_WBITS) != Z_OK)
        return sr_error_set(err, SR_ERR_NOMEM, "cannot start gzip decompression");
    size_t cap = n * 4 + 4096, len = 0;
    if (cap > max)
        cap = max;
    char *o = malloc(cap ? cap : 1);
    if (!o) {
        inflateEnd(&z);
        return sr_error_set(err, SR_ERR_NOMEM, "out of memory");
    }
    z.next_in = (Bytef *)(uintptr_t)buf;
    int rc = SR_OK, zr = Z_OK;
    size_t left = n;
    for (;;) {
        if (z.avail_in == 0 && left) {
            uInt chunk = left > 0x40000000u ? 0x40000000u : (uInt)left;
            z.avail_in = chunk;
            left -= chunk;
        }
        if (len == cap) {
            if (cap >= max) {
                rc = sr_error_set(err, SR_ERR_TOOBIG, "decompresses to more than %zu bytes", max);
                break;
            }
            cap = cap * 2 > max ? max : cap * 2;
            char *no = realloc(o, cap);
            if (!no) {
                rc = sr_error_set(err, SR_ERR_NOMEM, "out of memory");
                break;
            }
            o = no;
        }
        size_t room = cap - len;
        z.next_out = (Bytef *)o + len;
        z.avail_out = room > 0x40000000u ? 0x40000000u : (uInt)room;
        uInt before = z.avail_out;
        zr = inflate(&z, Z_NO_FLUSH);
        len += before - z.avail_out;
        if (zr == Z_STREAM_END) {
            /* Another member may follow (concatenated gzip). */
            if (z.avail_in == 0 && left == 0)
                break;
            if (inflateReset(&z) != Z_OK) {
                rc = sr_error_set(err, SR_ERR_FORMAT, "corrupt gzip stream");
                break;
            }
            continue;
        }
        if (zr == Z_BUF_ERROR && z.avail_in == 0 && left == 0) {
            rc = sr_error_set(err, SR_ERR_FORMAT, "truncated gzip stream");
            break;
        }
        if (zr != Z_OK && zr != Z_BUF_ERROR) {
            rc = sr_error_set(err, SR_ERR_FORMAT, "corrupt gzip stream (%s)",
                              z.msg ? z.msg : "inflate failed");
            break;
        }
    }
    inflateEnd(&z);
    if (rc) {
        free(o);
        return rc;
    }
    *out = o;
    *out_len = len;
    return SR_OK;
}

int sr_ingest_buffer(sr_ingest *g, const char *name, const char *buf, size_t n,
                     sr_error *err)
{
    g->st.inputs++;
    size_t raw_len = n;
    char *plain = NULL;
    size_t plain_len = 0;
    uint64_t start = g->st.bytes_done;
    if (n >= 2 && (unsigned char)buf[0] == 0x1f && (unsigned char)buf[1] == 0x8b) {
        sr_error ze = {""};
        int rc = sr_gunzip(buf, n, SR_INGEST_MAX, &plain, &plain_len, &ze);
        if (rc) {
            if (rc == SR_ERR_NOMEM)
                return sr_error_set(err, rc, "%s: %s", name, ze.msg);
            g->st.skipped++;
            g->st.skipped_format++;
            g->st.bytes_done = start + n;
            warn(g, "%s: %s, skipped", name, ze.msg);
            progress(g);
            return SR_OK;
        }
        buf = plain;
        n = plain_len;
    }
    int rc = SR_OK;
    const char *fmt = sr_ingest_detect(name, buf, n);
    if (n == 0 || blank(buf, n)) {
        g->st.skipped++;
        g->st.skipped_empty++;
        warn(g, "%s: empty input, skipped", name);
    } else if (!strcmp(fmt, "binary")) {
        g->st.skipped++;
        g->st.skipped_binary++;
        warn(g, "%s: binary file, skipped", name);
    } else if (!strcmp(fmt, "jsonl"))
        rc = ingest_jsonl(g, name, buf, n, err);
    else if (!strcmp(fmt, "rss"))
        rc = ingest_feed(g, name, buf, n, err);
    else if (!strcmp(fmt, "html"))
        rc = ingest_html(g, name, buf, n, err);
    else
        rc = ingest_text(g, name, buf, n, err);
    free(plain);
    g->st.bytes_done = start + raw_len;
    return rc;
}

int sr_read_stream(FILE *f, size_t max, char **out, size_t *len)
{
    size_t cap = 1 << 16, n = 0;
    char *buf = malloc(cap);
    if (!buf)
        return SR_ERR_NOMEM;
    size_t got;
    while ((got = fread(buf + n, 1, cap - n, f)) > 0) {
        n += got;
        if (n == cap) {
            if (cap >= max || cap > SIZE_MAX / 2) {
                free(buf);
                return SR_ERR_TOOBIG;
            }
            char *nb = realloc(buf, cap * 2);
            if (!nb) {
                free(buf);
                return SR_ERR_NOMEM;
            }
            buf = nb;
            cap *= 2;
        }
    }
    if (ferror(f)) {
        free(buf);
        return SR_ERR_IO;
    }
    *out = buf;
    *len = n;
    return SR_OK;
}

static int ingest_file(sr_ingest *g, const char *path, sr_error *err)
{
    FILE *f = strcmp(path, "-") ? fopen(path, "rb") : stdin;
    const char *name = strcmp(path, "-") ? path : "<stdin>";
    if (!f) {
        g->st.skipped++;
        g->st.skipped_io++;
        warn(g, "%s: cannot open: %s", path, strerror(errno));
        return SR_OK;
    }
    char *buf = NULL;
    size_t n = 0;
    int rc = sr_read_stream(f, SR_INGEST_MAX, &buf, &n);
    if (f != stdin)
        fclose(f);
    if (rc == SR_ERR_NOMEM)
        return sr_error_set(err, rc, "%s: out of memory", name);
    if (rc) {
        g->st.skipped++;
        g->st.skipped_io++;
        warn(g, "%s: %s, skipped", name, rc == SR_ERR_TOOBIG ? "larger than 2 GB" : "read error");
        return SR_OK;
    }
    uint64_t start = g->st.bytes_done;
    rc = sr_ingest_buffer(g, name, buf, n, err);
    g->st.bytes_done = start + n;
    progress(g);
    free(buf);
    return rc;
}

static int visible(const struct dirent *d)
{
    return d->d_name[0] != '.';
}

static int ingest_dir(sr_ingest *g, const char *path, int depth, sr_error *err)
{
    if (depth > MAX_DEPTH) {
        warn(g, "%s: folders nested too deep, skipped", path);
        return SR_OK;
    }
    struct dirent **names = NULL;
    int k = scandir(path, &names, visible, alphasort);
    if (k < 0) {
        g->st.skipped++;
        g->st.skipped_io++;
        warn(g, "%s: cannot read folder: %s", path, strerror(errno));
        return SR_OK;
    }
    int rc = SR_OK;
    for (int i = 0; i < k; i++) {
        if (!rc) {
            size_t len = strlen(path) + strlen(names[i]->d_name) + 2;
            char *child = malloc(len);
            if (!child)
                rc = sr_error_set(err, SR_ERR_NOMEM, "out of memory");
            else {
                snprintf(child, len, "%s%s%s", path,
                         path[strlen(path) - 1] == '/' ? "" : "/", names[i]->d_name);
                struct stat sb;
                if (stat(child, &sb) == 0 && S_ISDIR(sb.st_mode))
                    rc = ingest_dir(g, child, depth + 1, err);
                else if (stat(child, &sb) == 0 && S_ISREG(sb.st_mode))
                    rc = ingest_file(g, child, err);
                free(child);
            }
        }
        free(names[i]);
    }
    free(names);
    return rc;
}

int sr_ingest_path(sr_ingest *g, const char *path, sr_error *err)
{
    int rc;
    struct stat sb;
    if (!strcmp(path, "-"))
        rc = ingest_file(g, path, err);
    else if (stat(path, &sb) != 0) {
        g->st.skipped++;
        g->st.skipped_io++;
        warn(g, "%s: %s", path, strerror(errno));
        rc = SR_OK;
    } else if (S_ISDIR(sb.st_mode))
        rc = ingest_dir(g, path, 0, err);
    else
        rc = ingest_file(g, path, err);
    sr_error ferr = {""};
    int frc = sr_ingest_flush(g, &ferr);
    if (!rc && frc)
        rc = sr_error_set(err, frc, "%s", ferr.msg);
    return rc;
}

static uint64_t measure(const char *path, int depth)
{
    struct stat sb;
    if (depth > MAX_DEPTH || stat(path, &sb) != 0)
        return 0;
    if (!S_ISDIR(sb.st_mode))
        return S_ISREG(sb.st_mode) ? (uint64_t)sb.st_size : 0;
    struct dirent **names = NULL;
    int k = scandir(path, &names, visible, NULL);
    uint64_t total = 0;
    for (int i = 0; i < k; i++) {
        size_t len = strlen(path) + strlen(names[i]->d_name) + 2;
        char *child = malloc(len);
        if (child) {
            snprintf(child, len, "%s/%s", path, names[i]->d_name);
            total += measure(child, depth + 1);
            free(child);
        }
        free(names[i]);
    }
    free(names);
    return total;
}

uint64_t sr_ingest_measure(const char *path)
{
    return strcmp(path, "-") ? measure(path, 0) : 0;
}
