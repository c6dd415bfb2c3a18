/* main.c — the sitrep command: dispatches to one subcommand. */
#include <stdio.h>
#include <string.h>

#include "commands.h"

typedef struct command {
    const char *name;
    int (*run)(int argc, char **argv);
    const char *summary;
} command;

static const command commands[] = {
    {"extract", cmd_extract, "code the events reported in articles (JSON lines out)"},
    {"ingest", cmd_ingest, "store documents and their events in the database"},
    {"events", cmd_events, "query and export stored events"},
    {"show", cmd_show, "one event with its sources and evidence"},
    {"import", cmd_import, "load event history (UCDP GED CSV)"},
    {"trend", cmd_trend, "events and fatalities by day, week or month"},
    {"rank", cmd_rank, "how a day, week or event ranks over a period"},
    {"alerts", cmd_alerts, "surge, threat and emerging-actor alerts"},
    {"forecast", cmd_forecast, "next months' events and fatalities by region"},
    {"backtest", cmd_backtest, "evaluate forecasts on history"},
    {"report", cmd_report, "the situation report (Markdown, HTML)"},
};

static void usage(FILE *out)
{
    fprintf(out, "usage: sitrep COMMAND [OPTIONS] [ARGS]\n\n"
                 "sitrep turns news reports about political violence into a sourced,\n"
                 "de-duplicated, geolocated event database.\n\ncommands:\n");
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        fprintf(out, "  %-10s %s\n", commands[i].name, commands[i].summary);
    fprintf(out, "\n'sitrep COMMAND --help' describes a command's options.\n"
                 "exit status: 0 success, 1 bad input or failure, 2 usage error.\n");
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        usage(stderr);
        return EXIT_USAGE;
    }
    if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 ||
        strcmp(argv[1], "help") == 0) {
        usage(stdout);
        return EXIT_OK;
    }
    if (strcmp(argv[1], "--version") == 0) {
        printf("sitrep %s\n", SITREP_VERSION);
        return EXIT_OK;
    }
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        if (strcmp(argv[1], commands[i].name) == 0)
            return commands[i].run(argc - 1, argv + 1);
    fprintf(stderr, "sitrep: unknown command '%s' (see 'sitrep --help')\n", argv[1]);
    return EXIT_USAGE;
}
