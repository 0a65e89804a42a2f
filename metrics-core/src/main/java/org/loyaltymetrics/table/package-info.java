/**
 * Printing in one place: {@link org.loyaltymetrics.table.Table}, text cells in aligned columns that
 * render as plain text, CSV or Markdown, and {@link org.loyaltymetrics.table.Tabular}, implemented by
 * every result that is a grid. Value types print one line in {@code toString()}; their tables come
 * from {@code toTable()}, which the command line, the demo report and notebooks share.
 */
package org.loyaltymetrics.table;
