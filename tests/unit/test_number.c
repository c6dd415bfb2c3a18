/* test_number.c — casualty figures: digits, words, modifiers, vague words, non-counts. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "number.h"
#include "sitrep.h"

#define N_OF(a) (sizeof(a) / sizeof((a)[0]))

enum {
    EX = SR_NUM_EXACT,
    AL = SR_NUM_ATLEAST,
    AB = SR_NUM_ABOUT,
    UP = SR_NUM_UPTO,
    VG = SR_NUM_VAGUE,
    RG = SR_NUM_RANGE,
    WD = SR_NUM_WORDS,
    MANY = SR_NUM_MANY,
    PT = SR_NUM_PART,
};

/* The text is tokenized; the parse starts at token `at`. */
typedef struct num_case {
    const char *text;
    size_t at;
    size_t used; /* tokens consumed; 0 = no number */
    int low, best, high;
    unsigned flags;
} num_case;

static const num_case num_cases[] = {
    /* digits */
    {"killed 21 soldiers", 1, 1, 21, 21, 21, EX},
    {"1,300 people died", 0, 1, 1300, 1300, 1300, EX},
    {"1,300,000 displaced", 0, 1, 1300000, 1300000, 1300000, EX},
    {"2,000 people", 0, 1, 2000, 2000, 2000, EX},
    {"0 deaths", 0, 1, 0, 0, 0, EX},
    {"1.5 million people", 0, 2, 1500000, 1500000, 1500000, EX},
    {"3 thousand people", 0, 2, 3000, 3000, 3000, EX},
    /* words */
    {"twenty-one dead", 0, 2, 21, 21, 21, EX | WD},
    {"twenty one dead", 0, 2, 21, 21, 21, EX | WD},
    {"Thirty-four people", 0, 2, 34, 34, 34, EX | WD},
    {"one hundred and thirty-two", 0, 5, 132, 132, 132, EX | WD},
    {"a hundred people", 0, 2, 100, 100, 100, EX | WD},
    {"two thousand five hundred", 0, 4, 2500, 2500, 2500, EX | WD},
    {"eleven soldiers", 0, 1, 11, 11, 11, EX | WD},
    {"Seven killed", 0, 1, 7, 7, 7, EX | WD},
    {"FIFTEEN killed", 0, 1, 15, 15, 15, EX | WD},
    {"ninety nine", 0, 2, 99, 99, 99, EX | WD},
    {"three dozen", 0, 2, 36, 36, 36, EX | WD},
    {"ten thousand", 0, 2, 10000, 10000, 10000, EX | WD},
    {"one two", 0, 1, 1, 1, 1, EX | WD},
    {"one hundred one hundred", 0, 3, 101, 101, 101, EX | WD},
    {"one hundred one thousand", 0, 4, 101000, 101000, 101000, EX | WD},
    {"one thousand one thousand", 0, 3, 1001, 1001, 1001, EX | WD},
    {"two million three thousand four hundred and five", 0, 8, 2003405, 2003405, 2003405,
     EX | WD},
    {"a thousand million", 0, 2, 1000, 1000, 1000, EX | WD},
    /* modifiers */
    {"at least 23", 0, 3, 23, 23, 23, AL},
    {"At least 23", 0, 3, 23, 23, 23, AL},
    {"more than 30", 0, 3, 30, 30, 30, AL},
    {"over 50", 0, 2, 50, 50, 50, AL},
    {"no fewer than 60", 0, 4, 60, 60, 60, AL},
    {"no less than 61", 0, 4, 61, 61, 61, AL},
    {"at least 1,300", 0, 3, 1300, 1300, 1300, AL},
    {"at least twenty-one", 0, 4, 21, 21, 21, AL | WD},
    {"about 40", 0, 2, 40, 40, 40, AB},
    {"around 7", 0, 2, 7, 7, 7, AB},
    {"some sixty", 0, 2, 60, 60, 60, AB | WD},
    {"some 60 people", 0, 2, 60, 60, 60, AB},
    {"roughly 9", 0, 2, 9, 9, 9, AB},
    {"nearly 10", 0, 2, 10, 10, 10, AB},
    {"almost 11", 0, 2, 11, 11, 11, AB},
    {"close to eighty", 0, 3, 80, 80, 80, AB | WD},
    {"approximately 12", 0, 2, 12, 12, 12, AB},
    {"an estimated 200", 0, 3, 200, 200, 200, AB},
    {"about a hundred", 0, 3, 100, 100, 100, AB | WD},
    {"up to 100", 0, 3, 100, 100, 100, UP},
    {"as many as 100", 0, 4, 100, 100, 100, UP},
    {"a total of 14", 0, 4, 14, 14, 14, EX},
    {"30-odd soldiers", 0, 2, 30, 30, 30, AB},
    {"some 30-odd soldiers", 0, 3, 30, 30, 30, AB},
    {"thirty-odd soldiers", 0, 2, 30, 30, 30, AB | WD},
    /* ranges */
    {"between 300 and 500", 0, 4, 300, 300, 500, RG},
    {"between twenty and thirty", 0, 4, 20, 20, 30, RG | WD},
    {"300 to 500", 0, 3, 300, 300, 500, RG},
    {"300-500", 0, 2, 300, 300, 500, RG},
    {"300 - 500", 0, 3, 300, 300, 500, RG},
    {"300\xe2\x80\x93" "500", 0, 3, 300, 300, 500, RG},
    {"two or three", 0, 3, 2, 2, 3, RG | WD},
    {"about 20 to 30", 0, 4, 20, 20, 30, RG | AB},
    {"500 to 300", 0, 1, 500, 500, 500, EX}, /* not a range backwards */
    /* vague words */
    {"a dozen", 0, 2, 12, 12, 12, VG | WD},
    {"dozens of people", 0, 2, 12, 12, 12, VG | WD},
    {"dozens", 0, 1, 12, 12, 12, VG | WD},
    {"several dozen", 0, 2, 12, 12, 12, VG | WD},
    {"a few dozen", 0, 3, 12, 12, 12, VG | WD},
    {"more than a dozen", 0, 4, 12, 12, 12, VG | WD | AL},
    {"tens of civilians", 0, 2, 10, 10, 10, VG | WD},
    {"hundreds of people", 0, 2, 100, 100, 100, VG | WD},
    {"several hundred", 0, 2, 100, 100, 100, VG | WD},
    {"thousands", 0, 1, 1000, 1000, 1000, VG | WD},
    {"tens of thousands", 0, 3, 10000, 10000, 10000, VG | WD},
    {"several", 0, 1, 3, 3, 3, VG | WD},
    {"several people", 0, 1, 3, 3, 3, VG | WD},
    {"a few", 0, 2, 3, 3, 3, VG | WD},
    {"some people", 0, 1, 3, 3, 3, VG | WD},
    {"a handful of", 0, 3, 3, 3, 3, VG | WD},
    {"many people", 0, 1, 0, 0, 0, MANY | VG | WD},
    {"scores of", 0, 2, 0, 0, 0, MANY | VG | WD},
    {"numerous", 0, 1, 0, 0, 0, MANY | VG | WD},
    {"heavy casualties", 0, 2, 0, 0, 0, MANY | VG | WD},
    {"a number of", 0, 3, 0, 0, 0, MANY | VG | WD},
    /* not counts */
    {"in 2012 the", 1, 0, 0, 0, 0, 0},
    {"since 2012,", 1, 0, 0, 0, 0, 0},
    {"2012", 0, 0, 0, 0, 0, 0},
    {"at 2 p.m.", 1, 0, 0, 0, 0, 0},
    {"at 2 pm", 1, 0, 0, 0, 0, 0},
    {"at 10.15", 1, 0, 0, 0, 0, 0},
    {"10:15", 0, 0, 0, 0, 0, 0},
    {"1530 GMT", 0, 0, 0, 0, 0, 0},
    {"6.3", 0, 0, 0, 0, 0, 0},
    {"54.28 per cent", 0, 0, 0, 0, 0, 0},
    {"54 per cent", 0, 0, 0, 0, 0, 0},
    {"15%", 0, 0, 0, 0, 0, 0},
    {"935 million dollars", 0, 0, 0, 0, 0, 0},
    {"$5", 1, 0, 0, 0, 0, 0},
    {"5 billion", 0, 0, 0, 0, 0, 0},
    {"one of the deadliest", 0, 0, 0, 0, 0, 0},
    {"On 3 March", 1, 0, 0, 0, 0, 0},
    {"May 24", 1, 0, 0, 0, 0, 0},
    {"2025-06-02", 0, 0, 0, 0, 0, 0},
    {"12/05/2025", 0, 0, 0, 0, 0, 0},
    {"a 25-year-old man", 1, 0, 0, 0, 0, 0},
    {"50 km north", 0, 0, 0, 0, 0, 0},
    {"three days", 0, 0, 0, 0, 0, 0},
    {"No. 5", 2, 0, 0, 0, 0, 0},
    {"21st", 0, 0, 0, 0, 0, 0},
    {"third", 0, 0, 0, 0, 0, 0},
    {"some of the", 0, 0, 0, 0, 0, 0},
    {"several of them", 0, 0, 0, 0, 0, 0},
    {"few people", 0, 0, 0, 0, 0, 0},
    {"over the weekend", 0, 0, 0, 0, 0, 0},
    {"about the attack", 0, 0, 0, 0, 0, 0},
    {"at least", 0, 0, 0, 0, 0, 0},
    {"between the two", 0, 0, 0, 0, 0, 0},
    {"a man", 0, 0, 0, 0, 0, 0},
    {"the army", 0, 0, 0, 0, 0, 0},
    {"99999999999 people", 0, 0, 0, 0, 0, 0},
    {"the 2015 peace agreement", 1, 0, 0, 0, 0, 0},
    {"killed 2000 people", 1, 1, 2000, 2000, 2000, EX},
    {"more than 2000 people", 0, 3, 2000, 2000, 2000, AL},
    {"a four-wheel-drive vehicle", 1, 0, 0, 0, 0, 0},
    {"a two-day visit", 1, 0, 0, 0, 0, 0},
    {"from 12 to 14 December", 1, 0, 0, 0, 0, 0},
    {"23-30 May", 0, 0, 0, 0, 0, 0},
    {"4 and 5 June", 0, 0, 0, 0, 0, 0},
    {"09:14", 2, 0, 0, 0, 0, 0},
    {"a few kilometres away", 0, 0, 0, 0, 0, 0},
    {"several hours", 0, 0, 0, 0, 0, 0},
    {"turned on one another", 2, 0, 0, 0, 0, 0},
    {"Nandy Som\xc3\xa9-Diallo", 1, 0, 0, 0, 0, 0},
    {"a many-sided war", 1, 0, 0, 0, 0, 0},
    {"against COVID-19 today", 2, 0, 0, 0, 0, 0},
    {"Su-25 jets", 1, 0, 0, 0, 0, 0},
    {"children aged 12", 2, 0, 0, 0, 0, 0},
    {"children aged between 12 and 14", 2, 0, 0, 0, 0, 0},
    {"children aged between 12 and 14", 3, 0, 0, 0, 0, 0},
    {"children aged between 12 and 14", 5, 0, 0, 0, 0, 0},
    {"pupils aged 12 to 16", 2, 0, 0, 0, 0, 0},
    {"pupils aged 12 to 16", 4, 0, 0, 0, 0, 0},
    {"around three in the morning", 1, 0, 0, 0, 0, 0},
    {"at ten at night", 1, 0, 0, 0, 0, 0},
    {"three in the village", 0, 1, 3, 3, 3, EX | WD},
    {"no one was hurt", 1, 0, 0, 0, 0, 0},
    {"No one was hurt", 1, 0, 0, 0, 0, 0},
    {"not one survived", 1, 0, 0, 0, 0, 0},
    {"one was killed", 0, 1, 1, 1, 1, EX | WD},
    {"Some soldiers", 0, 1, 3, 3, 3, VG | WD},
    /* parts of a group */
    {"eleven of them children", 0, 1, 11, 11, 11, EX | WD | PT},
    {"20 of the dead", 0, 1, 20, 20, 20, EX | PT},
    {"at least 15 of whom", 0, 3, 15, 15, 15, AL | PT},
    {"two of his guards", 0, 1, 2, 2, 2, EX | WD | PT},
    {"20 of 30", 0, 1, 20, 20, 20, EX},
};

static void test_numbers(void **state)
{
    (void)state;
    for (size_t i = 0; i < N_OF(num_cases); i++) {
        const num_case *c = &num_cases[i];
        sr_arena a;
        sr_arena_init(&a);
        sr_tokens t;
        assert_int_equal(sr_tokenize(&a, c->text, strlen(c->text), &t), SR_OK);
        sr_number nu;
        memset(&nu, 0x55, sizeof nu);
        size_t used = sr_number_parse(&t, c->text, c->at, &nu);
        if (used != c->used)
            fail_msg("number case %zu \"%s\": used %zu, want %zu (best %d)", i, c->text, used,
                     c->used, nu.best);
        if (used) {
            if (nu.low != c->low || nu.best != c->best || nu.high != c->high ||
                nu.flags != c->flags)
                fail_msg("number case %zu \"%s\": %d/%d/%d flags %#x, want %d/%d/%d %#x", i,
                         c->text, nu.low, nu.best, nu.high, nu.flags, c->low, c->best, c->high,
                         c->flags);
            assert_int_equal(nu.tok_begin, c->at);
            assert_int_equal(nu.tok_end, c->at + used);
        } else {
            assert_int_equal(nu.best, 0);
            assert_int_equal(nu.flags, 0);
        }
        sr_arena_free(&a);
    }
}

static void test_bounds(void **state)
{
    (void)state;
    sr_arena a;
    sr_arena_init(&a);
    sr_tokens t;
    const char *text = "at least";
    assert_int_equal(sr_tokenize(&a, text, strlen(text), &t), SR_OK);
    sr_number nu;
    /* past the end, and a modifier cut off by the end of the text */
    assert_int_equal(sr_number_parse(&t, text, t.n, &nu), 0);
    assert_int_equal(sr_number_parse(&t, text, t.n + 5, &nu), 0);
    assert_int_equal(sr_number_parse(&t, text, 1, &nu), 0);
    assert_int_equal(sr_tokenize(&a, "", 0, &t), SR_OK);
    assert_int_equal(sr_number_parse(&t, "", 0, &nu), 0);
    sr_arena_free(&a);
}

/* Every figure in a sentence, read left to right as an extractor does. */
static void test_scan_sentence(void **state)
{
    (void)state;
    const char *text = "Gunmen killed at least 23 villagers and wounded 12 others in 2024 "
                       "at 5 p.m., while dozens of soldiers fled; one of the attackers died.";
    static const int want[] = {23, 12, 12};
    sr_arena a;
    sr_arena_init(&a);
    sr_tokens t;
    assert_int_equal(sr_tokenize(&a, text, strlen(text), &t), SR_OK);
    size_t found = 0;
    for (size_t i = 0; i < t.n;) {
        sr_number nu;
        size_t used = sr_number_parse(&t, text, i, &nu);
        if (used) {
            assert_true(found < N_OF(want));
            assert_int_equal(nu.best, want[found]);
            found++;
            i += used;
        } else {
            i++;
        }
    }
    assert_int_equal(found, N_OF(want));
    sr_arena_free(&a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_numbers),
        cmocka_unit_test(test_bounds),
        cmocka_unit_test(test_scan_sentence),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
