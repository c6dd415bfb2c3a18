/* error.c — status codes, messages and the small enums of the public API. */
#include "sitrep.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

const char *sr_strerror(int rc)
{
    switch (rc) {
    case SR_OK: return "success";
    case SR_ERR_NOMEM: return "out of memory";
    case SR_ERR_IO: return "input/output error";
    case SR_ERR_FORMAT: return "malformed input";
    case SR_ERR_UTF8: return "invalid UTF-8";
    case SR_ERR_ARG: return "invalid argument";
    case SR_ERR_NOTFOUND: return "not found";
    case SR_ERR_DB: return "database error";
    case SR_ERR_LOCKED: return "database is locked";
    case SR_ERR_VERSION: return "unsupported version";
    case SR_ERR_EMPTY: return "empty input";
    case SR_ERR_TOOBIG: return "input too large";
    default: return "unknown error";
    }
}

int sr_error_set(sr_error *err, int rc, const char *fmt, ...)
{
    if (err) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(err->msg, sizeof err->msg, fmt, ap);
        va_end(ap);
    }
    return rc;
}

static const char *const status_names[] = {"", "claimed", "reported", "confirmed", "disputed"};

const char *sr_status_name(sr_status s)
{
    if ((unsigned)s >= sizeof status_names / sizeof status_names[0])
        return "";
    return status_names[s];
}

sr_status sr_status_parse(const char *name)
{
    for (size_t i = 1; i < sizeof status_names / sizeof status_names[0]; i++)
        if (name && strcmp(name, status_names[i]) == 0)
            return (sr_status)i;
    return SR_STATUS_NONE;
}

static const char *const source_names[] = {
    "unknown", "perpetrator", "authority", "target", "security",
    "local", "media", "medical", "international",
};

const char *sr_source_kind_name(sr_source_kind k)
{
    if ((unsigned)k >= sizeof source_names / sizeof source_names[0])
        return "unknown";
    return source_names[k];
}
