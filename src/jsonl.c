/* jsonl.c — articles from JSON lines (see jsonl.h). */
#include "jsonl.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <jansson.h>

#include "text.h"

/* A line buffer bigger than this is released after each article. */
#define LINE_KEEP ((size_t)1 << 20)

/* What holds the strings of one parsed article. */
typedef struct doc_owner {
    json_t *root;
    char id_buf[24]; /* an integer id, printed */
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

int sr_doc_from_json(const char *line, size_t len, sr_doc *doc, void **owner,
                     sr_error *err)
{
    json_error_t jerr;
    *owner = NULL;
    memset(doc, 0, sizeof *doc);
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
