package org.loyaltymetrics.table;

/**
 * A result that is naturally a table (a cohort grid, a series of periods, a model's fit report):
 * its {@code toString()} stays one line, and {@link #toTable()} gives the grid, for
 * {@link Table#toText()}, {@link Table#toCsv()} or {@link Table#toMarkdown()}.
 */
public interface Tabular {

    /** This result as a table. */
    Table toTable();
}
