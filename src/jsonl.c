/* jsonl.c — articles from JSON lines (see jsonl.h). */
#include "jsonl.h"

#include <errno.h>
#include <stdlib.h>
#include <stdint.h>
#include <string.h>
#include <sys/stat.h>

#include <jansson.h>

#include "text.h"

/* A line buffer bigger than this is released after each article. */
#define LINE_KEEP ((size_t)1 << 20)

/* What holds the strings of one parsed article: jansson's values, or the
 * decoded strings of the flat-object reader. */
typedef struct doc_owner {
    json_t *root;
    char id_buf[24]; /* an integer id, printed */
    char *strs;      /* decoded strings, NUL-terminated, when root is NULL */
} doc_owner;

struct sr_jsonl_reader {
    FILE *f;
    int own_f;       /* close f on sr_jsonl_close */
    char *name;      /* label for messages */
    char *line;      /* getline buffer */
    size_t line_cap;
    size_t lineno;   /* number of the last line read */
    size_t count;    /* articles returned */
    void *owner;     /* strings of the last article */
};

int sr_jsonl_check_text(const char *s, size_t n, size_t *bad, int *nul)
{
    size_t at = 0;
    if (sr_utf8_validate(s, n, &at) == SR_OK)
        return SR_OK;
    if (bad)
        *bad = at;
    if (nul)
        *nul = at < n && s[at] == '\0';
    return SR_ERR_UTF8;
}

void sr_doc_json_free(void *owner)
{
    doc_owner *o = owner;
    if (!o)
        return;
    json_decref(o->root);
    free(o->strs);
    free(o);
}

/* Reads a key that must hold a string or null; *out NULL when absent. */
static int get_string(json_t *root, const char *key, const char **out, size_t *len,
                      sr_error *err)
{
    json_t *v = json_object_get(root, key);
    *out = NULL;
    if (len)
        *len = 0;
    if (!v || json_is_null(v))
        return SR_OK;
    if (!json_is_string(v))
        return sr_error_set(err, SR_ERR_FORMAT, "\"%s\" is not a string", key);
    *out = json_string_value(v);
    if (len)
        *len = json_string_length(v);
    return SR_OK;
}

/* ---- the flat-object reader ------------------------------------------------
 *
 * Nearly every article line is one flat object whose values are strings,
 * and jansson's lexer, which takes a function call per byte and copies each
 * string twice, was the largest part of reading.  This reader takes exactly
 * that case: an object of string or null values with plain keys, strings
 * holding no raw control character, no \u0000 and no unpaired surrogate.
 * It reads those lines as jansson would (the last of repeated keys wins)
 * and hands every other line -- other values, bad syntax, anything it is
 * unsure of -- to jansson, which reads it or names the error.  The tests
 * compare the two on the same lines (tests/unit/test_jsonl_flat.c and
 * tests/fuzz/fuzz_jsonl_flat.c). */

enum { FLAT_OK = 1, FLAT_NO = 0, FLAT_NOMEM = -1 };

static int is_ws(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static int hex4(const unsigned char *p, uint32_t *out)
{
    uint32_t v = 0;
    for (int i = 0; i < 4; i++) {
        unsigned char c = p[i];
        uint32_t d;
        if (c >= '0' && c <= '9')
            d = (uint32_t)(c - '0');
        else if (c >= 'a' && c <= 'f')
            d = (uint32_t)(c - 'a' + 10);
        else if (c >= 'A' && c <= 'F')
            d = (uint32_t)(c - 'A' + 10);
        else
            return 0;
        v = v * 16 + d;
    }
    *out = v;
    return 1;
}

const unsigned char sr_json_special[256] = {
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    ['"'] = 1, ['\\'] = 1,
};

/* Decodes the string whose opening quote is at s[*pos] into out (advanced
 * past the string and its NUL); *pos moves past the closing quote.  FLAT_NO
 * for anything jansson should judge. */
static int flat_string(const unsigned char *s, size_t n, size_t *pos, char **out,
                       size_t *len)
{
    size_t i = *pos + 1;
    char *o = *out;
    for (;;) {
        size_t run = i;
        while (i < n && !sr_json_special[s[i]])
            i++;
        memcpy(o, s + run, i - run);
        o += i - run;
        if (i >= n || s[i] < 0x20)
            return FLAT_NO;
        if (s[i] == '"')
            break;
        /* a backslash escape */
        if (i + 1 >= n)
            return FLAT_NO;
        unsigned char e = s[i + 1];
        i += 2;
        switch (e) {
        case '"': *o++ = '"'; break;
        case '\\': *o++ = '\\'; break;
        case '/': *o++ = '/'; break;
        case 'b': *o++ = '\b'; break;
        case 'f': *o++ = '\f'; break;
        case 'n': *o++ = '\n'; break;
        case 'r': *o++ = '\r'; break;
        case 't': *o++ = '\t'; break;
        case 'u': {
            uint32_t cp, lo;
            if (i + 4 > n || !hex4(s + i, &cp))
                return FLAT_NO;
            i += 4;
            if (cp == 0 || (cp >= 0xDC00 && cp <= 0xDFFF))
                return FLAT_NO;
            if (cp >= 0xD800 && cp <= 0xDBFF) {
                if (i + 6 > n || s[i] != '\\' || s[i + 1] != 'u' || !hex4(s + i + 2, &lo) ||
                    lo < 0xDC00 || lo > 0xDFFF)
                    return FLAT_NO;
                i += 6;
                cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
            }
            /* at most four bytes for the six or twelve read */
            if (cp < 0x80) {
                *o++ = (char)cp;
            } else if (cp < 0x800) {
                *o++ = (char)(0xC0 | (cp >> 6));
                *o++ = (char)(0x80 | (cp & 0x3F));
            } else if (cp < 0x10000) {
                *o++ = (char)(0xE0 | (cp >> 12));
                *o++ = (char)(0x80 | ((cp >> 6) & 0x3F));
                *o++ = (char)(0x80 | (cp & 0x3F));
            } else {
                *o++ = (char)(0xF0 | (cp >> 18));
                *o++ = (char)(0x80 | ((cp >> 12) & 0x3F));
                *o++ = (char)(0x80 | ((cp >> 6) & 0x3F));
                *o++ = (char)(0x80 | (cp & 0x3F));
            }
            break;
        }
        default: return FLAT_NO;
        }
    }
    *len = (size_t)(o - *out);
    *o++ = '\0';
    *out = o;
    *pos = i + 1;
    return FLAT_OK;
}

/* The keys the reader keeps, and where each goes. */
enum { K_ID, K_URL, K_OUTLET, K_TITLE, K_PUBLISHED, K_TEXT, K__N };
static const char *const flat_keys[K__N] = {"id", "url", "outlet", "title", "published",
                                            "text"};

/* Reads line[0..len) when it is a flat object of strings (see above). */
static int flat_object(const char *line, size_t len, sr_doc *doc, doc_owner **owner)
{
    const unsigned char *s = (const unsigned char *)line;
    size_t i = 0;
    while (i < len && is_ws(s[i]))
        i++;
    if (i >= len || s[i] != '{')
        return FLAT_NO;
    i++;
    /* decoded strings never outgrow their quoted form */
    char *strs = malloc(len + 1);
    if (!strs)
        return FLAT_NOMEM;
    char *o = strs;
    const char *val[K__N] = {0};
    size_t val_len[K__N] = {0};
    int first = 1;
    for (;;) {
        while (i < len && is_ws(s[i]))
            i++;
        if (i < len && s[i] == '}' && first) {
            i++;
            break;
        }
        if (i >= len || s[i] != '"')
            goto no;
        /* a plain key: no escapes */
        size_t kb = i + 1, ke = kb;
        while (ke < len && s[ke] != '"' && s[ke] != '\\' && s[ke] >= 0x20)
            ke++;
        if (ke >= len || s[ke] != '"')
            goto no;
        int k = K__N;
        for (int q = 0; q < K__N; q++)
            if (strlen(flat_keys[q]) == ke - kb && memcmp(flat_keys[q], s + kb, ke - kb) == 0)
                k = q;
        i = ke + 1;
        while (i < len && is_ws(s[i]))
            i++;
        if (i >= len || s[i] != ':')
            goto no;
        i++;
        while (i < len && is_ws(s[i]))
            i++;
        if (i < len && s[i] == '"') {
            char *at = o;
            size_t n;
            if (flat_string(s, len, &i, &o, &n) != FLAT_OK)
                goto no;
            if (k < K__N) {
                val[k] = at;
                val_len[k] = n;
            }
        } else if (len - i >= 4 && memcmp(s + i, "null", 4) == 0) {
            i += 4;
            if (k < K__N)
                val[k] = NULL;
        } else {
            goto no; /* numbers, literals, arrays, objects: jansson */
        }
        first = 0;
        while (i < len && is_ws(s[i]))
            i++;
        if (i < len && s[i] == ',') {
            i++;
            continue;
        }
        if (i < len && s[i] == '}') {
            i++;
            break;
        }
        goto no;
    }
    while (i < len && is_ws(s[i]))
        i++;
    if (i != len || (!val[K_TEXT] && !val[K_TITLE]))
        goto no; /* trailing bytes, or the error jansson's path names */
    doc_owner *ow = calloc(1, sizeof *ow);
    if (!ow) {
        free(strs);
        return FLAT_NOMEM;
    }
    ow->strs = strs;
    doc->id = val[K_ID];
    doc->url = val[K_URL];
    doc->outlet = val[K_OUTLET];
    doc->title = val[K_TITLE];
    doc->published = val[K_PUBLISHED];
    doc->text = val[K_TEXT] ? val[K_TEXT] : "";
    doc->text_len = val[K_TEXT] ? val_len[K_TEXT] : 0;
    *owner = ow;
    return FLAT_OK;
no:
    free(strs);
    return FLAT_NO;
}

int sr_doc_from_json(const char *line, size_t len, sr_doc *doc, void **owner,
                     sr_error *err)
{
    json_error_t jerr;
    *owner = NULL;
    memset(doc, 0, sizeof *doc);
    doc_owner *flat = NULL;
    int fr = flat_object(line, len, doc, &flat);
    if (fr == FLAT_OK) {
        *owner = flat;
        return SR_OK;
    }
    if (fr == FLAT_NOMEM)
        return sr_error_set(err, SR_ERR_NOMEM, "out of memory");
    json_t *root = json_loadb(line, len, JSON_DECODE_ANY, &jerr);
    if (!root)
        return sr_error_set(err, SR_ERR_FORMAT, "invalid JSON at byte %d: %s",
                            jerr.position, jerr.text);
    if (!json_is_object(root)) {
        json_decref(root);
        return sr_error_set(err, SR_ERR_FORMAT, "not a JSON object");
    }
    doc_owner *o = calloc(1, sizeof *o);
    if (!o) {
        json_decref(root);
        return sr_error_set(err, SR_ERR_NOMEM, "out of memory");
    }
    o->root = root;

    int rc;
    json_t *id = json_object_get(root, "id");
    if (id && json_is_integer(id)) {
        snprintf(o->id_buf, sizeof o->id_buf, "%" JSON_INTEGER_FORMAT,
                 json_integer_value(id));
        doc->id = o->id_buf;
    } else if ((rc = get_string(root, "id", &doc->id, NULL, err)) != SR_OK) {
        sr_error_set(err, rc, "\"id\" is not a string or an integer");
        goto fail;
    }
    size_t text_len = 0;
    if ((rc = get_string(root, "url", &doc->url, NULL, err)) != SR_OK ||
        (rc = get_string(root, "outlet", &doc->outlet, NULL, err)) != SR_OK ||
        (rc = get_string(root, "title", &doc->title, NULL, err)) != SR_OK ||
        (rc = get_string(root, "published", &doc->published, NULL, err)) != SR_OK ||
        (rc = get_string(root, "text", &doc->text, &text_len, err)) != SR_OK)
        goto fail;
    if (!doc->text && !doc->title) {
        rc = sr_error_set(err, SR_ERR_FORMAT, "no \"text\" and no \"title\"");
        goto fail;
    }
    if (!doc->text)
        doc->text = "";
    doc->text_len = text_len;
    *owner = o;
    return SR_OK;

fail:
    sr_doc_json_free(o);
    memset(doc, 0, sizeof *doc);
    return rc;
}

static int reader_new(FILE *f, int own_f, const char *name, size_t lines_before,
                      sr_jsonl_reader **out, sr_error *err)
{
    sr_jsonl_reader *r = calloc(1, sizeof *r);
    char *nm = strdup(name ? name : "-");
    if (!r || !nm) {
        free(r);
        free(nm);
        return sr_error_set(err, SR_ERR_NOMEM, "out of memory");
    }
    r->f = f;
    r->own_f = own_f;
    r->name = nm;
    r->lineno = lines_before;
    *out = r;
    return SR_OK;
}

int sr_jsonl_open(const char *path, sr_jsonl_reader **out, sr_error *err)
{
    *out = NULL;
    if (!path || strcmp(path, "-") == 0)
        return reader_new(stdin, 0, "-", 0, out, err);
    FILE *f = fopen(path, "rb");
    if (!f)
        return sr_error_set(err, SR_ERR_IO, "%s: %s", path, strerror(errno));
    struct stat st;
    if (fstat(fileno(f), &st) == 0 && S_ISDIR(st.st_mode)) {
        fclose(f);
        return sr_error_set(err, SR_ERR_IO, "%s: is a directory", path);
    }
    int rc = reader_new(f, 1, path, 0, out, err);
    if (rc != SR_OK)
        fclose(f);
    return rc;
}

int sr_jsonl_from_stream(FILE *f, const char *name, size_t lines_before,
                         sr_jsonl_reader **out, sr_error *err)
{
    *out = NULL;
    if (!f)
        return sr_error_set(err, SR_ERR_ARG, "no stream");
    return reader_new(f, 0, name, lines_before, out, err);
}

static int is_blank(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r' && s[i] != '\n')
            return 0;
    return 1;
}

int sr_jsonl_next(sr_jsonl_reader *r, sr_doc *doc, size_t *lineno, sr_error *err)
{
    sr_doc_json_free(r->owner);
    r->owner = NULL;
    memset(doc, 0, sizeof *doc);
    for (;;) {
        errno = 0;
        ssize_t got = getline(&r->line, &r->line_cap, r->f);
        if (got < 0) {
            if (ferror(r->f)) {
                int e = errno;
                clearerr(r->f);
                if (e == ENOMEM)
                    return sr_error_set(err, SR_ERR_NOMEM, "%s:%zu: out of memory",
                                        r->name, r->lineno + 1);
                return sr_error_set(err, SR_ERR_IO, "%s:%zu: %s", r->name,
                                    r->lineno + 1, strerror(e ? e : EIO));
            }
            return SR_ERR_EMPTY;
        }
        r->lineno++;
        if (lineno)
            *lineno = r->lineno;
        const char *s = r->line;
        size_t n = (size_t)got;
        /* A byte-order mark may open the input. */
        if (r->lineno == 1 && n >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0) {
            s += 3;
            n -= 3;
        }
        while (n > 0 && (s[n - 1] == '\n' || s[n - 1] == '\r'))
            n--;
        size_t bad;
        int nul;
        if (sr_jsonl_check_text(s, n, &bad, &nul) != SR_OK) {
            if (nul)
                return sr_error_set(err, SR_ERR_UTF8, "%s:%zu: NUL byte at byte %zu",
                                    r->name, r->lineno, bad + 1);
            return sr_error_set(err, SR_ERR_UTF8,
                                "%s:%zu: invalid UTF-8 at byte %zu (0x%02X)", r->name,
                                r->lineno, bad + 1, (unsigned)(unsigned char)s[bad]);
        }
        if (is_blank(s, n))
            continue;
        sr_error e;
        int rc = sr_doc_from_json(s, n, doc, &r->owner, &e);
        if (rc != SR_OK)
            return sr_error_set(err, rc, "%s:%zu: %s", r->name, r->lineno, e.msg);
        /* The parsed strings no longer need the line: give back a big
         * buffer now rather than hold it while the article is worked on. */
        if (r->line_cap > LINE_KEEP) {
            free(r->line);
            r->line = NULL;
            r->line_cap = 0;
        }
        r->count++;
        return SR_OK;
    }
}

size_t sr_jsonl_count(const sr_jsonl_reader *r)
{
    return r->count;
}

void sr_jsonl_close(sr_jsonl_reader *r)
{
    if (!r)
        return;
    sr_doc_json_free(r->owner);
    if (r->own_f && r->f)
        fclose(r->f);
    free(r->line);
    free(r->name);
    free(r);
}
