/* test_text.c — UTF-8 validation, folding, tokens and sentences. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "sitrep.h"
#include "text.h"

#define N_OF(a) (sizeof(a) / sizeof((a)[0]))

/* ---- UTF-8 validation ---------------------------------------------------------- */

typedef struct utf8_case {
    const char *bytes;
    size_t len; /* 0: strlen(bytes) */
    int rc;
    size_t bad;
} utf8_case;

static const utf8_case utf8_cases[] = {
    {"", 0, SR_OK, 0},
    {"plain ASCII", 0, SR_OK, 0},
    {"M\xc3\xa9naka", 0, SR_OK, 0},                  /* é */
    {"Jama\xe2\x80\x99" "at", 0, SR_OK, 0},          /* ’ */
    {"\xf0\x9f\x98\x80 emoji", 0, SR_OK, 0},         /* U+1F600 */
    {"\xef\xbf\xbd", 0, SR_OK, 0},                   /* U+FFFD itself */
    {"\xf4\x8f\xbf\xbf", 0, SR_OK, 0},               /* U+10FFFF, the last */
    {"\xed\x9f\xbf", 0, SR_OK, 0},                   /* U+D7FF, before surrogates */
    {"ab\x80" "cd", 0, SR_ERR_UTF8, 2},              /* lone continuation */
    {"ab\xc3", 0, SR_ERR_UTF8, 2},                   /* truncated at the end */
    {"ab\xc3(", 0, SR_ERR_UTF8, 2},                  /* bad continuation */
    {"\xc0\xaf", 0, SR_ERR_UTF8, 0},                 /* overlong "/" */
    {"\xc1\xbf", 0, SR_ERR_UTF8, 0},                 /* overlong */
    {"x\xe0\x80\xaf", 0, SR_ERR_UTF8, 1},            /* overlong, 3 bytes */
    {"xy\xf0\x80\x80\xaf", 0, SR_ERR_UTF8, 2},       /* overlong, 4 bytes */
    {"\xed\xa0\x80", 0, SR_ERR_UTF8, 0},             /* U+D800 surrogate */
    {"a\xed\xbf\xbf", 0, SR_ERR_UTF8, 1},            /* U+DFFF surrogate */
    {"\xf4\x90\x80\x80", 0, SR_ERR_UTF8, 0},         /* U+110000 */
    {"\xf5\x80\x80\x80", 0, SR_ERR_UTF8, 0},         /* F5 lead */
    {"\xff", 0, SR_ERR_UTF8, 0},
    {"\xfe\xff", 0, SR_ERR_UTF8, 0},
    {"ok\xe2\x80", 0, SR_ERR_UTF8, 2},               /* truncated 3-byte */
    {"ok\xf0\x9f\x98", 0, SR_ERR_UTF8, 2},           /* truncated 4-byte */
    {"nul\0here", 8, SR_ERR_UTF8, 3},                /* NUL */
    {"\0", 1, SR_ERR_UTF8, 0},
    {"\xc3\xa9\xe2\x80\x99\x80", 0, SR_ERR_UTF8, 5}, /* after two good chars */
};

static void test_utf8_validate(void **state)
{
    (void)state;
    for (size_t i = 0; i < N_OF(utf8_cases); i++) {
        const utf8_case *c = &utf8_cases[i];
        size_t len = c->len ? c->len : strlen(c->bytes);
        size_t bad = 12345;
        int rc = sr_utf8_validate(c->bytes, len, &bad);
        if (rc != c->rc || (rc != SR_OK && bad != c->bad))
            fail_msg("case %zu: rc %d bad %zu, want rc %d bad %zu", i, rc, bad, c->rc, c->bad);
        if (rc == SR_OK)
            assert_int_equal(bad, 12345); /* untouched on success */
    }
    /* a bad byte at every position of a long ASCII run (the validator reads
     * eight bytes at a time) is found at its exact offset */
    char buf[41];
    for (size_t pos = 0; pos < sizeof buf; pos++) {
        static const char bad_bytes[] = {'\0', '\x80', '\xff', '\xc3'};
        for (size_t b = 0; b < sizeof bad_bytes; b++) {
            memset(buf, 'a', sizeof buf);
            buf[pos] = bad_bytes[b];
            size_t at = 999;
            assert_int_equal(sr_utf8_validate(buf, sizeof buf, &at), SR_ERR_UTF8);
            assert_int_equal(at, pos);
        }
        memset(buf, 'a', sizeof buf);
        assert_int_equal(sr_utf8_validate(buf, pos, NULL), SR_OK);
    }
    /* a NULL offset pointer is allowed */
    assert_int_equal(sr_utf8_validate("\xff", 1, NULL), SR_ERR_UTF8);
}

/* ---- folding ------------------------------------------------------------------------ */

typedef struct fold_case {
    const char *in, *out;
} fold_case;

static const fold_case fold_cases[] = {
    {"", ""},
    {"Menaka", "menaka"},
    {"M\xc3\xa9naka", "menaka"},                         /* precomposed é */
    {"Me\xcc\x81naka", "menaka"},                        /* e + combining acute */
    {"Jama'at", "jamaat"},
    {"Jama\xe2\x80\x99" "at", "jamaat"},                 /* ’ */
    {"Jama\xca\xbc" "at", "jamaat"},                     /* ʼ */
    {"Jama\xe2\x80\x98" "at", "jamaat"},                 /* ‘ */
    {"Jama`at", "jamaat"},
    {"Jamaat", "jamaat"},
    {"JAMA'AT NUSRAT AL-ISLAM", "jamaat nusrat al-islam"},
    {"  many \t spaces\n\n here  ", "many spaces here"},
    {"\xc2\xa0no-break\xc2\xa0space\xe2\x80\x83", "no-break space"}, /* NBSP, em space */
    {"'quoted'", "'quoted'"},                            /* not inside a word */
    {"\xe2\x80\x98quoted\xe2\x80\x99", "'quoted'"},
    {"soldiers' base", "soldiers' base"},
    {"it ' s", "it ' s"},
    {"\xe2\x80\x9cHello\xe2\x80\x9d", "\"hello\""},      /* “ ” */
    {"\xc2\xab" "Bonjour\xc2\xbb", "\"bonjour\""},       /* « » */
    {"Stra\xc3\x9f" "e", "strasse"},                     /* ß */
    {"\xef\xac\x81ve", "five"},                          /* ﬁ ligature */
    {"\xef\xbc\xa1\xef\xbc\xa2\xef\xbc\xa3", "abc"},     /* fullwidth ABC */
    {"\xc3\x89TAT", "etat"},
    {"S\xc3\xa9gou-Ni\xc3\xb3no", "segou-niono"},
    {"Tillab\xc3\xa9ri", "tillaberi"},
    {"\xce\x91\xce\xb8\xce\xae\xce\xbd\xce\xb1", "\xce\xb1\xce\xb8\xce\xb7\xce\xbd\xce\xb1"},
    {"so\xc2\xad" "ft", "soft"},                         /* soft hyphen ignored */
    {"zero\xe2\x80\x8dwidth", "zerowidth"},              /* ZWJ ignored */
    {"ctl\x01\x02" "chars", "ctl chars"},
    {"a\r\nb", "a b"},
    {"O'Brien's", "obriens"},
    {"1,300 and 6.3", "1,300 and 6.3"},
    {"\xe2\x80\x94 dash", "- dash"},                      /* em dash lumps to "-" */
    {"\xe2\x80\x93", "-"},                               /* en dash lumps to "-" */
    {"caf\xc3\xa9 \xe2\x80\x99 ", "cafe '"},
    {"S'\xd6\x93ss", "sss"},                              /* ' before a mark */
    {"a\xc5\x89", "an"},                                   /* ŉ = ʼn */
    {"\xc5\x89", "'n"},
    {"a\xcb\x88" "b", "ab"},                               /* ˈ lumps to ' */
    {"s'\xe2\xbd\xab", "s\xe7\x9a\xbf"},                  /* Kangxi radical: a letter */
    {"\xd8\xa7\xd9\x84\xd8\xb4\xd8\xa8\xd8\xa7\xd8\xa8", "\xd8\xa7\xd9\x84\xd8\xb4\xd8\xa8\xd8\xa7\xd8\xa8"},
};

static void test_fold(void **state)
{
    (void)state;
    char buf[256];
    for (size_t i = 0; i < N_OF(fold_cases); i++) {
        const fold_case *c = &fold_cases[i];
        size_t n = sr_fold(c->in, strlen(c->in), buf, sizeof buf);
        if (strcmp(buf, c->out) != 0 || n != strlen(c->out))
            fail_msg("fold case %zu: \"%s\" gave \"%s\" (%zu), want \"%s\"", i, c->in, buf, n,
                     c->out);
    }
}

static void test_fold_idempotent(void **state)
{
    (void)state;
    char once[256], twice[256];
    for (size_t i = 0; i < N_OF(fold_cases); i++) {
        size_t n1 = sr_fold(fold_cases[i].in, strlen(fold_cases[i].in), once, sizeof once);
        size_t n2 = sr_fold(once, n1, twice, sizeof twice);
        assert_int_equal(n1, n2);
        assert_string_equal(once, twice);
    }
}

static void test_fold_truncates(void **state)
{
    (void)state;
    char buf[8];
    memset(buf, 'X', sizeof buf);
    size_t n = sr_fold("ABCDEFGHIJ", 10, buf, 5);
    assert_int_equal(n, 10);
    assert_string_equal(buf, "abcd");
    assert_int_equal(buf[5], 'X'); /* nothing written past cap */
    n = sr_fold("ABC", 3, NULL, 0);
    assert_int_equal(n, 3);
    n = sr_fold("ABC", 3, buf, 1);
    assert_int_equal(n, 3);
    assert_string_equal(buf, "");
    /* a stray byte (invalid input) cannot make it read or write out of bounds */
    n = sr_fold("a\xe2", 2, buf, sizeof buf);
    assert_string_equal(buf, "a\xef\xbf\xbd");
    assert_int_equal(n, 4);
}

/* ---- tokens ------------------------------------------------------------------------- */

/* The folded tokens joined by single spaces. */
static char *joined_folds(const sr_tokens *t, char *buf, size_t cap)
{
    size_t w = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < t->n; i++) {
        int k = snprintf(buf + w, cap - w, "%s%s", i ? " " : "", sr_tok_fold(t, i));
        if (k < 0 || (size_t)k >= cap - w)
            break;
        w += (size_t)k;
    }
    return buf;
}

/* Invariants that hold for any input. */
static void check_invariants(const char *text, size_t n, const sr_tokens *t)
{
    uint32_t prev_end = 0;
    for (size_t i = 0; i < t->n; i++) {
        const sr_token *k = &t->tok[i];
        assert_true(k->start < k->end);
        assert_true(k->end <= n);
        assert_true(k->start >= prev_end);
        prev_end = k->end;
        assert_true(k->fold + k->fold_len < t->fold_len);
        assert_int_equal(strlen(sr_tok_fold(t, i)), k->fold_len);
        assert_true(k->sent < t->n_sent);
        const sr_sentence *s = &t->sent[k->sent];
        assert_true(i >= s->tok_begin && i < s->tok_end);
        assert_int_equal(!!(k->flags & SR_TOK_SENT), i == s->tok_begin);
        /* no token holds white space */
        for (uint32_t b = k->start; b < k->end; b++)
            assert_true(text[b] != ' ' && text[b] != '\n');
    }
    /* sentences tile the tokens in order */
    size_t next = 0;
    for (size_t s = 0; s < t->n_sent; s++) {
        assert_int_equal(t->sent[s].tok_begin, next);
        assert_true(t->sent[s].tok_end > t->sent[s].tok_begin);
        next = t->sent[s].tok_end;
        assert_int_equal(t->sent[s].start, t->tok[t->sent[s].tok_begin].start);
        assert_int_equal(t->sent[s].end, t->tok[t->sent[s].tok_end - 1].end);
    }
    assert_int_equal(next, t->n);
}

typedef struct tok_case {
    const char *text;
    const char *folds; /* folded tokens joined by spaces */
} tok_case;

static const tok_case tok_cases[] = {
    {"", ""},
    {"   \n\n  ", ""},
    {"Hello, world.", "hello , world ."},
    {"Bobo-Dioulasso", "bobo dioulasso"},
    {"JNIM's fighters", "jnim 's fighters"},
    {"JNIM\xe2\x80\x99s fighters", "jnim 's fighters"},
    {"the soldiers' base", "the soldiers ' base"},
    {"Jama\xe2\x80\x99" "at Nusrat al-Islam", "jamaat nusrat al islam"},
    {"O'Brien said", "obrien said"},
    {"1,300 people", "1,300 people"},
    {"1,300,000 people", "1,300,000 people"},
    {"6.3 magnitude", "6.3 magnitude"},
    {"at 10.15 on", "at 10.15 on"},
    {"5.30 a.m. local", "5.30 am local"},
    {"the U.N. mission", "the un mission"},
    {"U.S.-backed", "us - backed"},
    {"1,2,3", "1 , 2 , 3"},
    {"12,34", "12 , 34"},
    {"in 2012.", "in 2012 ."},
    {"wait... what", "wait ... what"},
    {"wait\xe2\x80\xa6 what", "wait ... what"},
    {"\xe2\x80\x9cWe fled,\xe2\x80\x9d she said", "\" we fled , \" she said"},
    {"'Allahu Akbar'", "' allahu akbar '"},
    {"M\xc3\xa9naka region", "menaka region"},
    {"twenty-one", "twenty one"},
    {"21st", "21st"},
    {"M23 rebels", "m23 rebels"},
    {"F-16 jets", "f 16 jets"},
    {"-5 degrees", "- 5 degrees"},
    {"a -- b", "a - - b"},
    {"x\xe2\x80\x93y", "x - y"},
    {"(JNIM)", "( jnim )"},
    {"e-mail: a@b.com", "e mail : a @ b . com"},
    {"$5 or \xe2\x82\xac" "10", "$ 5 or \xe2\x82\xac 10"},
    {"50%", "50 %"},
    {"soft\xc2\xadhyphen", "softhyphen"},
    {"dont't", "dontt"},
    {"rock'n'roll", "rocknroll"},
    {"it's", "it 's"},
    {"21\xc2\xa0soldiers\tdied", "21 soldiers died"},
    {"a\r\nb", "a b"},
    {"\xef\xbb\xbf" "BOM first", "bom first"}, /* a byte-order mark is ignorable */
    {"x\xe2\x80\x8by", "xy"},              /* zero-width space inside a word */
    {"Al-Qa\xe2\x80\x99ida\xe2\x80\x99s", "al qaida 's"},
    {"a \xcc\x81 b", "a  b"}, /* a lone combining accent: an empty fold */
};

static void test_tokens(void **state)
{
    (void)state;
    char buf[1024];
    for (size_t i = 0; i < N_OF(tok_cases); i++) {
        const tok_case *c = &tok_cases[i];
        sr_arena a;
        sr_arena_init(&a);
        sr_tokens t;
        size_t n = strlen(c->text);
        assert_int_equal(sr_tokenize(&a, c->text, n, &t), SR_OK);
        check_invariants(c->text, n, &t);
        joined_folds(&t, buf, sizeof buf);
        if (strcmp(buf, c->folds) != 0)
            fail_msg("tok case %zu: \"%s\" gave \"%s\", want \"%s\"", i, c->text, buf, c->folds);
        sr_arena_free(&a);
    }
}

/* Flags of one token: all of want set, none of deny set. */
typedef struct flag_case {
    const char *text;
    size_t tok;
    unsigned want, deny;
} flag_case;

static const flag_case flag_cases[] = {
    {"Malian army", 0, SR_TOK_WORD | SR_TOK_CAP | SR_TOK_SENT | SR_TOK_PARA,
     SR_TOK_UPPER | SR_TOK_SPACE},
    {"Malian army", 1, SR_TOK_WORD | SR_TOK_SPACE, SR_TOK_CAP | SR_TOK_SENT | SR_TOK_PARA},
    {"the JNIM group", 1, SR_TOK_WORD | SR_TOK_CAP | SR_TOK_UPPER, 0},
    {"the FAMa said", 1, SR_TOK_WORD | SR_TOK_CAP, SR_TOK_UPPER},
    {"\xc3\x89tat", 0, SR_TOK_CAP, SR_TOK_UPPER},
    {"\xc3\xa9tat", 0, SR_TOK_WORD, SR_TOK_CAP},
    {"Bobo-Dioulasso", 1, SR_TOK_WORD | SR_TOK_CAP | SR_TOK_HYPHEN, SR_TOK_SPACE},
    {"Bobo - Dioulasso", 1, SR_TOK_PUNCT | SR_TOK_SPACE, SR_TOK_HYPHEN},
    {"Bobo - Dioulasso", 2, SR_TOK_WORD | SR_TOK_SPACE, SR_TOK_HYPHEN},
    {"21 killed", 0, SR_TOK_NUM, SR_TOK_WORD},
    {"1,300 killed", 0, SR_TOK_NUM, SR_TOK_WORD},
    {"21st", 0, SR_TOK_WORD, SR_TOK_NUM},
    {"JNIM's", 1, SR_TOK_POSS, SR_TOK_WORD | SR_TOK_PUNCT | SR_TOK_SPACE},
    {"soldiers' base", 1, SR_TOK_POSS, SR_TOK_WORD | SR_TOK_QUOTE},
    {"\"Yes\"", 0, SR_TOK_PUNCT | SR_TOK_QUOTE, 0},
    {"\xe2\x80\x9cYes\xe2\x80\x9d", 2, SR_TOK_PUNCT | SR_TOK_QUOTE, 0},
    {"\xc2\xabOui\xc2\xbb", 0, SR_TOK_QUOTE, 0},
    {"a\nb", 1, SR_TOK_PARA | SR_TOK_SPACE, 0},
    {"a b", 1, SR_TOK_SPACE, SR_TOK_PARA},
    {"The U.N. said", 1, SR_TOK_WORD | SR_TOK_CAP | SR_TOK_UPPER, SR_TOK_PUNCT},
    {"a\r\nb", 1, SR_TOK_PARA, 0},
    {"a\r\n\r\nb", 1, SR_TOK_PARA | SR_TOK_SENT, 0},
    {"wait...", 1, SR_TOK_PUNCT, SR_TOK_QUOTE},
    {"Sahel Wire", 0, SR_TOK_PARA | SR_TOK_SENT, 0},
};

static void test_flags(void **state)
{
    (void)state;
    for (size_t i = 0; i < N_OF(flag_cases); i++) {
        const flag_case *c = &flag_cases[i];
        sr_arena a;
        sr_arena_init(&a);
        sr_tokens t;
        assert_int_equal(sr_tokenize(&a, c->text, strlen(c->text), &t), SR_OK);
        if (c->tok >= t.n)
            fail_msg("flag case %zu: only %zu tokens", i, t.n);
        unsigned f = t.tok[c->tok].flags;
        if ((f & c->want) != c->want || (f & c->deny) != 0)
            fail_msg("flag case %zu (\"%s\" token %zu): flags %#x, want %#x, deny %#x", i,
                     c->text, c->tok, f, c->want, c->deny);
        sr_arena_free(&a);
    }
}

static void test_offsets(void **state)
{
    (void)state;
    const char *text = "  M\xc3\xa9naka: JNIM\xe2\x80\x99s raid.";
    sr_arena a;
    sr_arena_init(&a);
    sr_tokens t;
    assert_int_equal(sr_tokenize(&a, text, strlen(text), &t), SR_OK);
    assert_int_equal(t.n, 6);
    /* "Ménaka" is bytes 2..9 of the original, not of the folded text */
    assert_int_equal(t.tok[0].start, 2);
    assert_int_equal(t.tok[0].end, 9);
    assert_string_equal(sr_tok_fold(&t, 0), "menaka");
    assert_int_equal(t.tok[2].start, 11);
    assert_int_equal(t.tok[2].end, 15);
    assert_int_equal(t.tok[3].start, 15);
    assert_int_equal(t.tok[3].end, 19); /* ’ is three bytes, then s */
    assert_string_equal(sr_tok_fold(&t, 3), "'s");
    sr_arena_free(&a);
}

/* ---- sentences ------------------------------------------------------------------------ */

typedef struct sent_case {
    const char *text;
    const char *sents; /* the sentences' text joined by " | " */
} sent_case;

static const sent_case sent_cases[] = {
    {"One. Two! Three? Four", "One. | Two! | Three? | Four"},
    {"The U.N. said so. It was late.", "The U.N. said so. | It was late."},
    {"He left the U.S. The army stayed.", "He left the U.S. | The army stayed."},
    {"U.S. forces left. U.S. Army units stayed.",
     "U.S. forces left. | U.S. Army units stayed."},
    {"Dr. Diallo and Gen. Traor\xc3\xa9 met Lt. Col. Maj. Keita.",
     "Dr. Diallo and Gen. Traor\xc3\xa9 met Lt. Col. Maj. Keita."},
    {"Mr. Ba and St. Louis. Then more.", "Mr. Ba and St. Louis. | Then more."},
    {"Resolution No. 2423 passed. Good.", "Resolution No. 2423 passed. | Good."},
    {"Attack on Jan. 12 in Gao. Next.", "Attack on Jan. 12 in Gao. | Next."},
    {"J. Smith reported it. Next.", "J. Smith reported it. | Next."},
    {"The quake was 6.3 strong. Next.", "The quake was 6.3 strong. | Next."},
    {"1,300 died. Next.", "1,300 died. | Next."},
    {"at 10.15 the attack began. Next.", "at 10.15 the attack began. | Next."},
    {"At 5.30 a.m. the attack began.", "At 5.30 a.m. the attack began."},
    {"It began at 5.30 a.m. The army fled.", "It began at 5.30 a.m. | The army fled."},
    {"We waited... and then they came.", "We waited... and then they came."},
    {"We waited\xe2\x80\xa6 They came.", "We waited\xe2\x80\xa6 They came."},
    {"He said: \"We fled.\" The army came.", "He said: \"We fled.\" | The army came."},
    {"\xe2\x80\x9cWe fled.\xe2\x80\x9d The army came.",
     "\xe2\x80\x9cWe fled.\xe2\x80\x9d | The army came."},
    {"(It was late.) Then dawn.", "(It was late.) | Then dawn."},
    {"Visit example.com today. Next.", "Visit example.com today. | Next."},
    {"Mali: attack kills 21\nGao, June 2 - Gunmen attacked.",
     "Mali: attack kills 21 | Gao, June 2 - Gunmen attacked."},
    {"Headline\n\nBody one. Body two.", "Headline | Body one. | Body two."},
    {"first line ends,\nsecond line continues.", "first line ends,\nsecond line continues."},
    {"a wrapped line\nthat goes on.", "a wrapped line\nthat goes on."},
    {"the end of a line\n\nthat goes on after a blank.",
     "the end of a line | that goes on after a blank."},
    {"no full stop at the end", "no full stop at the end"},
    {"Gunmen killed 5 etc. in Gao. Next.", "Gunmen killed 5 etc. in Gao. | Next."},
    {"Strange.lower case after a stop. ok", "Strange.lower case after a stop. ok"},
    {"What?! Really.", "What?! | Really."},
    {"\"Why?\" he asked.", "\"Why?\" he asked."},
    {"Line one.\r\n\r\nLine two.", "Line one. | Line two."},
    {"Points:\n1. The army left.\n2. The rebels came.",
     "Points: | 1. The army left. | 2. The rebels came."},
    {"They killed 21. The army fled.", "They killed 21. | The army fled."},
    {"Title here\r\nBody starts here.", "Title here | Body starts here."},
    {"Title here\rBody starts here.", "Title here | Body starts here."},
    {"Title here\xe2\x80\xa8" "Body starts here.", "Title here | Body starts here."},
    {"Title here\n \t\nBody.", "Title here | Body."},
    {"\n\nLeading blank lines. Two.", "Leading blank lines. | Two."},
    {"Gao\xc2\xa0(Mali). Next.", "Gao\xc2\xa0(Mali). | Next."},
    {"Sen. Ba spoke. Gov. Ly spoke.", "Sen. Ba spoke. | Gov. Ly spoke."},
    {"He cited Art. 5 of the law. Next.", "He cited Art. 5 of the law. | Next."},
    {"In Dec. the army left. Next.", "In Dec. the army left. | Next."},
    {"Fighting resumed in Jan. The army fled.", "Fighting resumed in Jan. | The army fled."},
};

static void join_sentences(const char *text, const sr_tokens *t, char *buf, size_t cap)
{
    size_t w = 0;
    buf[0] = '\0';
    for (size_t s = 0; s < t->n_sent; s++) {
        int k = snprintf(buf + w, cap - w, "%s%.*s", s ? " | " : "",
                         (int)(t->sent[s].end - t->sent[s].start), text + t->sent[s].start);
        if (k < 0 || (size_t)k >= cap - w)
            break;
        w += (size_t)k;
    }
}

static void test_sentences(void **state)
{
    (void)state;
    char buf[1024];
    for (size_t i = 0; i < N_OF(sent_cases); i++) {
        const sent_case *c = &sent_cases[i];
        sr_arena a;
        sr_arena_init(&a);
        sr_tokens t;
        size_t n = strlen(c->text);
        assert_int_equal(sr_tokenize(&a, c->text, n, &t), SR_OK);
        check_invariants(c->text, n, &t);
        join_sentences(c->text, &t, buf, sizeof buf);
        if (strcmp(buf, c->sents) != 0)
            fail_msg("sentence case %zu:\n  got  \"%s\"\n  want \"%s\"", i, buf, c->sents);
        sr_arena_free(&a);
    }
}

/* ---- odd input -------------------------------------------------------------------------- */

static void test_long_word(void **state)
{
    (void)state;
    size_t n = 5000;
    char *text = malloc(n);
    assert_non_null(text);
    memset(text, 'A', n);
    sr_arena a;
    sr_arena_init(&a);
    sr_tokens t;
    assert_int_equal(sr_tokenize(&a, text, n, &t), SR_OK);
    check_invariants(text, n, &t);
    assert_int_equal(t.n, 5); /* cut every 1024 bytes */
    assert_int_equal(t.tok[0].end, 1024);
    assert_int_equal(t.tok[0].fold_len, 1024);
    free(text);
    sr_arena_free(&a);
}

/* Words of ASCII letters and digits (the tokenizer's fast path): the folded
 * form is the lower case of the bytes, and the case flags follow the first
 * letter and the set of letters, whatever the mix of digits and letters. */
typedef struct ascii_case {
    const char *text;
    size_t tok;
    const char *fold;
    unsigned want, deny;
} ascii_case;

static const ascii_case ascii_cases[] = {
    {"McDonald said", 0, "mcdonald", SR_TOK_WORD | SR_TOK_CAP, SR_TOK_UPPER | SR_TOK_NUM},
    {"3G masts", 0, "3g", SR_TOK_WORD | SR_TOK_CAP | SR_TOK_UPPER, SR_TOK_NUM},
    {"9mm rounds", 0, "9mm", SR_TOK_WORD, SR_TOK_CAP | SR_TOK_UPPER | SR_TOK_NUM},
    {"2025 was", 0, "2025", SR_TOK_NUM, SR_TOK_WORD | SR_TOK_CAP},
    {"G5 Sahel", 0, "g5", SR_TOK_WORD | SR_TOK_CAP | SR_TOK_UPPER, SR_TOK_NUM},
    {"x", 0, "x", SR_TOK_WORD, SR_TOK_CAP | SR_TOK_UPPER},
    {"Z", 0, "z", SR_TOK_WORD | SR_TOK_CAP | SR_TOK_UPPER, 0},
    {"ab@cd", 2, "cd", SR_TOK_WORD, SR_TOK_SPACE},
    {"AbC[dEf]", 2, "def", SR_TOK_WORD, SR_TOK_CAP | SR_TOK_UPPER},
    {"zz{ZZ", 2, "zz", SR_TOK_WORD | SR_TOK_CAP | SR_TOK_UPPER, 0},
    {"the 12th", 1, "12th", SR_TOK_WORD | SR_TOK_SPACE, SR_TOK_CAP | SR_TOK_NUM},
    {"x 1,300 y", 1, "1,300", SR_TOK_NUM, SR_TOK_WORD},
    {"x 6.3 y", 1, "6.3", SR_TOK_NUM, SR_TOK_WORD},
    {"Tuesday\xc3\xa9 x", 0, "tuesdaye", SR_TOK_WORD | SR_TOK_CAP, SR_TOK_UPPER},
    {"O'Brien", 0, "obrien", SR_TOK_WORD | SR_TOK_CAP, SR_TOK_UPPER},
};

static void test_ascii_words(void **state)
{
    (void)state;
    for (size_t i = 0; i < N_OF(ascii_cases); i++) {
        const ascii_case *c = &ascii_cases[i];
        sr_arena a;
        sr_arena_init(&a);
        sr_tokens t;
        size_t n = strlen(c->text);
        assert_int_equal(sr_tokenize(&a, c->text, n, &t), SR_OK);
        check_invariants(c->text, n, &t);
        if (c->tok >= t.n)
            fail_msg("ascii case %zu: only %zu tokens", i, t.n);
        unsigned f = t.tok[c->tok].flags;
        if (strcmp(sr_tok_fold(&t, c->tok), c->fold) != 0 || (f & c->want) != c->want ||
            (f & c->deny) != 0)
            fail_msg("ascii case %zu (\"%s\" token %zu): \"%s\" flags %#x, want \"%s\" %#x", i,
                     c->text, c->tok, sr_tok_fold(&t, c->tok), f, c->fold, c->want);
        sr_arena_free(&a);
    }
}

/* Words of 1023, 1024 and 1025 bytes at the end of a short text and inside
 * a longer one: one token below the cut, then pieces of 1024 bytes; the
 * folded forms are the lower case of every piece. */
static void test_word_cut(void **state)
{
    (void)state;
    static const size_t lens[] = {1, 1023, 1024, 1025, 2048, 2049};
    for (size_t li = 0; li < N_OF(lens); li++) {
        for (int tail = 0; tail < 2; tail++) {
            size_t len = lens[li], n = len + (tail ? 4 : 0);
            char *text = malloc(n + 1);
            assert_non_null(text);
            for (size_t k = 0; k < len; k++)
                text[k] = "Ab3"[k % 3];
            if (tail)
                memcpy(text + len, " end", 4);
            text[n] = '\0';
            sr_arena a;
            sr_arena_init(&a);
            sr_tokens t;
            assert_int_equal(sr_tokenize(&a, text, n, &t), SR_OK);
            check_invariants(text, n, &t);
            size_t pieces = (len + 1023) / 1024;
            assert_int_equal(t.n, pieces + (size_t)tail);
            for (size_t k = 0; k < pieces; k++) {
                const sr_token *tk = &t.tok[k];
                assert_int_equal(tk->start, k * 1024);
                assert_int_equal(tk->end, k + 1 == pieces ? len : (k + 1) * 1024);
                assert_int_equal(tk->fold_len, tk->end - tk->start);
                const char *f = sr_tok_fold(&t, k);
                for (size_t r = tk->start; r < tk->end; r++)
                    assert_int_equal(f[r - tk->start], "ab3"[r % 3]);
            }
            free(text);
            sr_arena_free(&a);
        }
    }
}

/* Random text over letters, digits, spaces and the characters that end or
 * extend a word: every token of ASCII letters and digits alone folds to
 * the lower case of its bytes and carries the case flags its letters give,
 * wherever it falls against eight-byte boundaries. */
static void test_ascii_random(void **state)
{
    (void)state;
    static const char *const pieces[] = {
        "a", "Z", "q", "K", "0", "7", " ", " ", "  ", ".", ",", "'", "-", "\n",
        "\xc3\xa9", "\xe2\x80\x99", "Ab", "xyz", "QRS", "123", "U.N.", "1,300", "6.3",
    };
    unsigned seed = 2024;
    char text[600];
    for (int round = 0; round < 2000; round++) {
        size_t n = 0;
        while (n < 500) {
            seed = seed * 1103515245u + 12345u;
            const char *pc = pieces[(seed >> 16) % N_OF(pieces)];
            size_t l = strlen(pc);
            memcpy(text + n, pc, l);
            n += l;
        }
        text[n] = '\0';
        sr_arena a;
        sr_arena_init(&a);
        sr_tokens t;
        assert_int_equal(sr_tokenize(&a, text, n, &t), SR_OK);
        check_invariants(text, n, &t);
        for (size_t k = 0; k < t.n; k++) {
            const sr_token *tk = &t.tok[k];
            int up = 0, low = 0, plain = 1, first = 0;
            for (uint32_t r = tk->start; r < tk->end && plain; r++) {
                char c = text[r];
                if (c >= 'A' && c <= 'Z')
                    up = 1, first = first ? first : 1;
                else if (c >= 'a' && c <= 'z')
                    low = 1, first = first ? first : 2;
                else if (c < '0' || c > '9')
                    plain = 0;
            }
            if (!plain)
                continue;
            const char *f = sr_tok_fold(&t, k);
            assert_int_equal(tk->fold_len, tk->end - tk->start);
            for (uint32_t r = tk->start; r < tk->end; r++) {
                char c = text[r];
                assert_int_equal(f[r - tk->start], c >= 'A' && c <= 'Z' ? c + 32 : c);
            }
            unsigned want = up || low ? SR_TOK_WORD : SR_TOK_NUM;
            if (first == 1)
                want |= SR_TOK_CAP;
            if (up && !low)
                want |= SR_TOK_UPPER;
            unsigned mask = SR_TOK_WORD | SR_TOK_NUM | SR_TOK_CAP | SR_TOK_UPPER;
            if ((tk->flags & mask) != want)
                fail_msg("round %d token %zu \"%s\": flags %#x, want %#x", round, k, f,
                         tk->flags & mask, want);
        }
        sr_arena_free(&a);
    }
}

static void test_many_tokens(void **state)
{
    (void)state;
    /* more tokens than the first estimate of the token array; forces growth */
    size_t n = 200000;
    char *text = malloc(n);
    assert_non_null(text);
    for (size_t i = 0; i < n; i++)
        text[i] = i % 3 == 2 ? '\n' : ",.!"[i % 3];
    sr_arena a;
    sr_arena_init(&a);
    sr_tokens t;
    assert_int_equal(sr_tokenize(&a, text, n, &t), SR_OK);
    check_invariants(text, n, &t);
    assert_int_equal(t.n, n / 3 * 2 + (n % 3 > 0) + (n % 3 > 1));
    free(text);
    sr_arena_free(&a);
}

static void test_expanding_fold(void **state)
{
    (void)state;
    /* U+FDFA folds to 18 code points: the fold buffer must grow */
    size_t reps = 3000;
    char *text = malloc(reps * 4);
    assert_non_null(text);
    for (size_t i = 0; i < reps; i++)
        memcpy(text + i * 4, "\xef\xb7\xba ", 4);
    sr_arena a;
    sr_arena_init(&a);
    sr_tokens t;
    assert_int_equal(sr_tokenize(&a, text, reps * 4, &t), SR_OK);
    check_invariants(text, reps * 4, &t);
    assert_true(t.n >= reps);
    assert_true(t.fold_len > reps * 20);
    free(text);
    sr_arena_free(&a);
}

static void test_reuse_arena(void **state)
{
    (void)state;
    sr_arena a;
    sr_arena_init(&a);
    for (int round = 0; round < 3; round++) {
        sr_tokens t;
        const char *text = "One sentence. Another one.";
        assert_int_equal(sr_tokenize(&a, text, strlen(text), &t), SR_OK);
        assert_int_equal(t.n, 6);
        assert_int_equal(t.n_sent, 2);
        sr_arena_reset(&a);
    }
    sr_arena_free(&a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_utf8_validate), cmocka_unit_test(test_fold),
        cmocka_unit_test(test_fold_idempotent),
        cmocka_unit_test(test_fold_truncates), cmocka_unit_test(test_tokens),
        cmocka_unit_test(test_flags),         cmocka_unit_test(test_offsets),
        cmocka_unit_test(test_sentences),     cmocka_unit_test(test_long_word),
        cmocka_unit_test(test_many_tokens),   cmocka_unit_test(test_expanding_fold),
        cmocka_unit_test(test_reuse_arena),   cmocka_unit_test(test_ascii_words),
        cmocka_unit_test(test_word_cut),      cmocka_unit_test(test_ascii_random),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
