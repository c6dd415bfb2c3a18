/* csv.c — comma-separated values, RFC 4180 (see csv.h). */
#include "csv.h"

#include <stdlib.h>
#include <string.h>

#define MAX_FIELDS 4096

struct sr_csv_reader {
    const char *buf;
    size_t n, pos;
    size_t line;     /* current line number (1-based) */
    char *text;      /* field bytes of the current record, NUL-separated */
    size_t text_cap;
    size_t *starts;  /* offsets of the fields in text */
    char **fields;
    size_t field_cap;
};

int sr_csv_open(const char *buf, size_t n, sr_csv_reader **out, sr_error *err)
{
    sr_csv_reader *r = calloc(1, sizeof *r);
    if (!r)
        return sr_error_set(err, SR_ERR_NOMEM, "out of memory");
    r->buf = buf;
    r->n = n;
    r->line = 1;
    /* Skip a UTF-8 byte-order mark. */
    if (n >= 3 && (unsigned char)buf[0] == 0xEF && (unsigned char)buf[1] == 0xBB &&
        (unsigned char)buf[2] == 0xBF)
        r->pos = 3;
    *out = r;
    return SR_OK;
}

void sr_csv_close(sr_csv_reader *r)
{
    if (!r)
        return;
    free(r->text);
    free(r->starts);
    free(r->fields);
    free(r);
}

static int put(sr_csv_reader *r, size_t *len, char c)
{
    if (*len + 1 >= r->text_cap) {
        size_t cap = r->text_cap ? r->text_cap * 2 : 1024;
        char *t = realloc(r->text, cap);
        if (!t)
            return SR_ERR_NOMEM;
        r->text = t;
        r->text_cap = cap;
    }
    r->text[(*len)++] = c;
    return SR_OK;
}

static int start_field(sr_csv_reader *r, size_t nf, size_t len)
{
    if (nf >= MAX_FIELDS)
        return SR_ERR_TOOBIG;
    if (nf >= r->field_cap) {
        size_t cap = r->field_cap ? r->field_cap * 2 : 64;
        size_t *s = realloc(r->starts, cap * sizeof *s);
        if (!s)
            return SR_ERR_NOMEM;
        r->starts = s;
        char **f = realloc(r->fields, cap * sizeof *f);
        if (!f)
            return SR_ERR_NOMEM;
        r->fields = f;
        r->field_cap = cap;
    }
    r->starts[nf] = len;
    return SR_OK;
}

int sr_csv_next(sr_csv_reader *r, char ***fields, size_t *nfields, size_t *line,
                sr_error *err)
{
    *nfields = 0;
    if (r->pos >= r->n)
        return SR_ERR_EMPTY;
    size_t len = 0, nf = 0, begin_line = r->line;
    int rc = start_field(r, nf++, len);
    int quoted = 0, done = 0;
    while (!rc && !done) {
        if (r->pos >= r->n) {
            if (quoted)
                return sr_error_set(err, SR_ERR_FORMAT,
                                    "line %zu: quoted field not closed before the end",
                                    begin_line);
            break;
        }
        char c = r->buf[r->pos++];
        if (quoted) {
            if (c == '"') {
                if (r->pos < r->n && r->buf[r->pos] == '"') {
                    r->pos++;
                    rc = put(r, &len, '"');
                } else
                    quoted = 0;
            } else {
                if (c == '\n')
                    r->line++;
                rc = put(r, &len, c);
            }
            continue;
        }
        switch (c) {
        case '"':
            quoted = 1;
            break;
        case ',':
            rc = put(r, &len, '\0');
            if (!rc)
                rc = start_field(r, nf++, len);
            break;
        case '\r':
            if (r->pos < r->n && r->buf[r->pos] == '\n')
                r->pos++;
            r->line++;
            done = 1;
            break;
        case '\n':
            r->line++;
            done = 1;
            break;
        default:
            rc = put(r, &len, c);
        }
    }
    if (!rc)
        rc = put(r, &len, '\0');
    if (rc == SR_ERR_TOOBIG)
        return sr_error_set(err, rc, "line %zu: more than %d fields", begin_line, MAX_FIELDS);
    if (rc)
        return sr_error_set(err, rc, "out of memory");
    for (size_t i = 0; i < nf; i++)
        r->fields[i] = r->text + r->starts[i];
    *fields = r->fields;
    *nfields = nf;
    if (line)
        *line = begin_line;
    return SR_OK;
}

void sr_csv_field(FILE *f, const char *s)
{
    if (!s)
        s = "";
    if (!strpbrk(s, ",\"\r\n")) {
        fputs(s, f);
        return;
    }
    fputc('"', f);
    for (; *s; s++) {
        if (*s == '"')
            fputc('"', f);
        fputc(*s, f);
    }
    fputc('"', f);
}

void sr_tsv_field(FILE *f, const char *s)
{
    if (!s)
        return;
    for (; *s; s++)
        fputc(*s == '\t' || *s == '\n' || *s == '\r' ? ' ' : *s, f);
}
