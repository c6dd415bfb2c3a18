/* cmd_analyze.c — not written yet. */
#include <stdio.h>

#include "commands.h"

int cmd_trend(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    fprintf(stderr, "sitrep trend: not implemented yet\n");
    return EXIT_INPUT;
}

int cmd_rank(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    fprintf(stderr, "sitrep rank: not implemented yet\n");
    return EXIT_INPUT;
}

int cmd_alerts(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    fprintf(stderr, "sitrep alerts: not implemented yet\n");
    return EXIT_INPUT;
}

int cmd_forecast(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    fprintf(stderr, "sitrep forecast: not implemented yet\n");
    return EXIT_INPUT;
}

int cmd_backtest(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    fprintf(stderr, "sitrep backtest: not implemented yet\n");
    return EXIT_INPUT;
}

int cmd_report(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    fprintf(stderr, "sitrep report: not implemented yet\n");
    return EXIT_INPUT;
}

