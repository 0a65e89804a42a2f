package org.loyaltymetrics.examples.cli;

import picocli.CommandLine.Option;

/** The {@code --format table|json} option shared by every command that prints results. */
final class OutputFormat {

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table",
            description = "table or json (default: ${DEFAULT-VALUE}).", converter = FormatConverter.class)
    Printer.Format format;

    /** Whether JSON was asked for. */
    boolean json() {
        return format == Printer.Format.JSON;
    }
}
