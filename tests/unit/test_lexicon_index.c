/* test_lexicon_index.c — the phrase index of the compiled lexicon: the table
 * of phrases and their token prefixes, and the Bloom filter in front of it.
 *
 * Compiles a small data directory written here, checks that every token
 * prefix of every phrase is a prefix and only phrases have hits, that the
 * filter is consulted (a cleared filter hides every key) but never decides
 * alone (a filter of all ones changes no answer), and, on the lexicon the
 * build made from data/ ($SITREP_LEXICON), that sections start on 64-byte
 * lines and the filter turns away most keys that are not in the table. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <cmocka.h>

#include "arena.h"
#include "lexicon.h"
#include "lexicon_build.h"
#include "lexicon_format.h"
#include "sitrep.h"

static const struct {
    const char *name, *text;
} files[] = {
    {"countries.tsv", "ML\tMLI\tMali\t\tMalian|Malians\t12.65\t-8.0\n"
                      "NE\tNER\tNiger\t\tNigerien\t13.5\t2.1\n"},
    {"forces.tsv", "military\t1\tMilitary Forces of {country}\t{demonym} army\n"},
    {"actors.tsv", "Islamic State Sahel Province\t2\t\tarmed_group\tIS Sahel|Islamic State\n"
                   "JNIM\t2\t\tarmed_group\tJama'at Nusrat al-Islam wal-Muslimin\n"},
    {"admin1.tsv", "ML\t04\tMopti\tMopti Region\t14.5\t-4.2\n"},
    {"places.tsv", "2455290\tBoulkessi\tML\t04\tcity\t15.1\t-1.6\t0\t\n"},
    {"triggers.tsv", "opened fire on|attacked\tBattles\tArmed clash\t19\tattack\t2\n"},
    {"victims.tsv", "soldiers\tmilitary\n"},
    {"cues.tsv", "according to\tsource\t\n"},
    {"place_stopwords.txt", "said\n"},
};

/* Phrases as written (their keys made by sr_lexicon_make_key) and what the
 * index must say of them. */
static const struct {
    const char *text;
    int prefix; /* sr_lexicon_is_prefix */
    int phrase; /* sr_lexicon_lookup finds hits */
} keys[] = {
    {"islamic", 1, 0},
    {"islamic state", 1, 1}, /* a phrase and a prefix of a longer one */
    {"islamic state sahel", 1, 0},
    {"islamic state sahel province", 1, 1},
    {"is sahel", 1, 1},
    {"Jama'at Nusrat", 1, 0},
    {"Jama'at Nusrat al-Islam wal-Muslimin", 1, 1},
    {"malian army", 1, 1},
    {"malian", 1, 1},
    {"military forces of", 1, 0},
    {"military forces of mali", 1, 1},
    {"opened fire", 1, 0},
    {"opened fire on", 1, 1},
    {"according", 1, 0},
    {"according to", 1, 1},
    {"boulkessi", 1, 1},
    {"mopti region", 1, 1},
    {"sahel", 0, 0},
    {"state", 0, 0},
    {"fire on", 0, 0},
    {"opened fi", 0, 0}, /* not a token boundary */
    {"according to the", 0, 0},
    {"said", 0, 0},
    {"zzz", 0, 0},
};

static char root[256], lex_path[512];
static unsigned char *image;
static size_t image_n;

static int setup_all(void **state)
{
    (void)state;
    const char *t = getenv("TMPDIR");
    snprintf(root, sizeof root, "%s/test_lexicon_index.XXXXXX", t && *t ? t : "/tmp");
    if (!mkdtemp(root))
        return -1;
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
        char path[600];
        snprintf(path, sizeof path, "%s/%s", root, files[i].name);
        FILE *f = fopen(path, "wb");
        if (!f)
            return -1;
        fputs(files[i].text, f);
        fclose(f);
    }
    snprintf(lex_path, sizeof lex_path, "%s/index.lex", root);
    sr_error err = {{0}};
    if (sr_lexicon_build(root, lex_path, NULL, &err) != SR_OK) {
        fprintf(stderr, "build failed: %s\n", err.msg);
        return -1;
    }
    FILE *f = fopen(lex_path, "rb");
    if (!f)
        return -1;
    fseek(f, 0, SEEK_END);
    image_n = (size_t)ftell(f);
    fseek(f, 0, SEEK_SET);
    image = malloc(image_n); /* malloc aligns as the reader needs */
    size_t got = image ? fread(image, 1, image_n, f) : 0;
    fclose(f);
    return got == image_n ? 0 : -1;
}

static int teardown_all(void **state)
{
    (void)state;
    free(image);
    char cmd[600];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", root);
    return system(cmd) == 0 ? 0 : -1;
}

/* Checks every row of keys against lex; with expect_found 0, that no key is
 * found at all. */
static void check_keys(const sr_lexicon *lex, int expect_found)
{
    sr_arena a;
    sr_arena_init(&a);
    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
        char *k;
        size_t n;
        assert_int_equal(sr_lexicon_make_key(&a, keys[i].text, strlen(keys[i].text), &k, &n,
                                             NULL),
                         SR_OK);
        const sr_lex_hit *h = NULL;
        int prefix = sr_lexicon_is_prefix(lex, k, n);
        int phrase = sr_lexicon_lookup(lex, k, n, &h) > 0;
        int want_prefix = expect_found && keys[i].prefix;
        int want_phrase = expect_found && keys[i].phrase;
        if (prefix != want_prefix || phrase != want_phrase)
            fail_msg("'%s': prefix %d phrase %d, want %d %d", k, prefix, phrase, want_prefix,
                     want_phrase);
    }
    sr_arena_free(&a);
}

static lexf_header header_of(const unsigned char *img)
{
    lexf_header h;
    memcpy(&h, img, sizeof h);
    return h;
}

static void test_keys(void **state)
{
    (void)state;
    sr_lexicon *lex = NULL;
    sr_error err = {{0}};
    assert_int_equal(sr_lexicon_open(lex_path, &lex, &err), SR_OK);
    check_keys(lex, 1);
    sr_lexicon_close(lex);
}

static void test_filter_consulted(void **state)
{
    (void)state;
    lexf_header h = header_of(image);
    assert_true(h.sec_size[SR_LEXF_BLOOM] >= SR_LEXF_BLOOM_BLOCK);
    unsigned char *copy = malloc(image_n);
    assert_non_null(copy);
    sr_lexicon *lex = NULL;
    sr_error err = {{0}};

    /* a cleared filter: every key is turned away before the table */
    memcpy(copy, image, image_n);
    memset(copy + h.sec_off[SR_LEXF_BLOOM], 0, (size_t)h.sec_size[SR_LEXF_BLOOM]);
    assert_int_equal(sr_lexicon_open_mem(copy, image_n, &lex, &err), SR_OK);
    check_keys(lex, 0);
    sr_lexicon_close(lex);

    /* a filter of all ones lets every key through: the table decides */
    memcpy(copy, image, image_n);
    memset(copy + h.sec_off[SR_LEXF_BLOOM], 0xff, (size_t)h.sec_size[SR_LEXF_BLOOM]);
    assert_int_equal(sr_lexicon_open_mem(copy, image_n, &lex, &err), SR_OK);
    check_keys(lex, 1);
    sr_lexicon_close(lex);

    /* no filter at all (an empty section) is allowed and means the same */
    memcpy(copy, image, image_n);
    lexf_header nh = h;
    nh.sec_size[SR_LEXF_BLOOM] = 0;
    memcpy(copy, &nh, sizeof nh);
    assert_int_equal(sr_lexicon_open_mem(copy, image_n, &lex, &err), SR_OK);
    check_keys(lex, 1);
    sr_lexicon_close(lex);

    /* a filter that is not a power of two of blocks is refused */
    if (h.sec_size[SR_LEXF_BLOOM] == SR_LEXF_BLOOM_BLOCK &&
        h.sec_off[SR_LEXF_BLOOM] + 3 * SR_LEXF_BLOOM_BLOCK <= image_n) {
        nh = h;
        nh.sec_size[SR_LEXF_BLOOM] = 3 * SR_LEXF_BLOOM_BLOCK;
        memcpy(copy, image, image_n);
        memcpy(copy, &nh, sizeof nh);
        lex = NULL;
        assert_int_equal(sr_lexicon_open_mem(copy, image_n, &lex, &err), SR_ERR_FORMAT);
        assert_null(lex);
    }
    free(copy);
}

/* The shipped lexicon: sections on 64-byte lines, and a filter that lets
 * through few of the keys the table does not hold. */
static void test_shipped(void **state)
{
    (void)state;
    const char *path = getenv("SITREP_LEXICON");
    if (!path || !*path)
        skip();
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    lexf_header h;
    assert_int_equal(fread(&h, sizeof h, 1, f), 1);
    for (int i = 0; i < SR_LEXF__SECTIONS; i++)
        if (h.sec_off[i] % 64 != 0)
            fail_msg("section %d at offset %llu, not on a 64-byte line", i,
                     (unsigned long long)h.sec_off[i]);
    size_t blocks = (size_t)(h.sec_size[SR_LEXF_BLOOM] / SR_LEXF_BLOOM_BLOCK);
    assert_true(blocks >= 1);
    uint64_t *bloom = malloc((size_t)h.sec_size[SR_LEXF_BLOOM]);
    assert_non_null(bloom);
    assert_int_equal(fseek(f, (long)h.sec_off[SR_LEXF_BLOOM], SEEK_SET), 0);
    assert_int_equal(fread(bloom, SR_LEXF_BLOOM_BLOCK, blocks, f), blocks);
    fclose(f);

    sr_lexicon *lex = NULL;
    sr_error err = {{0}};
    assert_int_equal(sr_lexicon_open(path, &lex, &err), SR_OK);
    /* invented words: count those the table lacks and the filter passes */
    size_t absent = 0, passed = 0;
    for (unsigned i = 0; i < 20000; i++) {
        char k[32];
        int n = snprintf(k, sizeof k, "qx%uzv", i * 2654435761u);
        if (sr_lexicon_is_prefix(lex, k, (size_t)n))
            continue;
        absent++;
        uint32_t hv = sr_lexf_hash_final(sr_lexf_hash_more(SR_LEXF_HASH_INIT, k, (size_t)n));
        const uint64_t *blk = bloom + (size_t)sr_lexf_bloom_block(hv, (uint32_t)(blocks - 1)) *
                                          (SR_LEXF_BLOOM_BLOCK / 8);
        int all = 1;
        for (unsigned b = 0; b < SR_LEXF_BLOOM_K; b++) {
            uint32_t bit = sr_lexf_bloom_bit(hv, b);
            all &= (int)((blk[bit >> 6] >> (bit & 63u)) & 1u);
        }
        passed += (size_t)all;
    }
    assert_true(absent > 19000);
    if (passed * 100 > absent * 5)
        fail_msg("the filter passes %zu of %zu absent keys (more than 5%%)", passed, absent);
    /* and known phrases pass it */
    static const char *const known[] = {"mali", "jnim", "niger", "northern"};
    for (size_t i = 0; i < sizeof known / sizeof known[0]; i++)
        assert_true(sr_lexicon_is_prefix(lex, known[i], strlen(known[i])));
    sr_lexicon_close(lex);
    free(bloom);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_keys),
        cmocka_unit_test(test_filter_consulted),
        cmocka_unit_test(test_shipped),
    };
    return cmocka_run_group_tests(tests, setup_all, teardown_all);
}
