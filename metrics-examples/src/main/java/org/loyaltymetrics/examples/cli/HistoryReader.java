package org.loyaltymetrics.examples.cli;

import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.loyaltymetrics.InvalidArgumentException;
import org.loyaltymetrics.data.CohortSurvivors;
import org.loyaltymetrics.data.ContractHistory;
import org.loyaltymetrics.data.OpportunityHistories;
import org.loyaltymetrics.data.OpportunityHistory;
import org.loyaltymetrics.data.PurchaseHistories;
import org.loyaltymetrics.data.PurchaseHistory;
import org.loyaltymetrics.data.SpendHistories;
import org.loyaltymetrics.data.SpendHistory;

/**
 * The one reader of the data of the predictive models, shared by {@code fit}, {@code chart} and the
 * commands to come: a CSV file with a header row (or {@code -} for standard input) of one customer,
 * or one weighted group of customers, per row.
 *
 * <ul>
 *   <li>purchase histories: {@code frequency,recency,T} or {@code x,t_x,T};</li>
 *   <li>spend: {@code frequency,monetary_value} or {@code x,zbar} (rows with frequency 0 or a mean
 *       value of 0 carry no spend data: they are kept as rows without spend, and counted);</li>
 *   <li>opportunity histories: {@code frequency,recency,periods};</li>
 *   <li>the survivors of a cohort: {@code period,alive} or {@code year,alive}, periods 0, 1, 2, ... in order.</li>
 * </ul>
 *
 * With a weights column (the number of customers of each row, an integer ≥ 1) each row counts that
 * many times. Each row becomes the library's history type; a row the library rejects stops the tool
 * with the file, line, column and value, the column being the one read for the rejected argument
 * ({@link InvalidArgumentException#argument()}), never guessed from the message.
 */
final class HistoryReader {

    /**
     * The unit given to the times of a file, which names none: the models fit and predict in the
     * file's own unit, whatever it is, and horizons are taken in it too. DAYS only labels it for the
     * library; nothing is converted.
     */
    static final ChronoUnit FILE_TIME_UNIT = ChronoUnit.DAYS;

    /**
     * The rows of a file: the weighted collection the models fit, and each row's history in file order.
     *
     * @param collection every row, identical rows merged
     * @param histories the history of each row, in file order
     * @param <C> the collection
     * @param <H> the history of one row
     */
    record Rows<C, H>(C collection, List<H> histories) {
    }

    /**
     * The spend rows of a file.
     *
     * @param collection the rows with spend data
     * @param histories the spend of each row in file order, empty for a row without spend data
     * @param withoutRepeatPurchases customers (weights) of the rows with frequency 0
     * @param withZeroValue customers (weights) of the rows with a mean value of 0
     */
    record SpendRows(SpendHistories collection, List<Optional<SpendHistory>> histories, long withoutRepeatPurchases,
            long withZeroValue) {
    }

    /** The columns taken for the customer id, in this order, when none is named. */
    static final List<String> ID_COLUMNS = List.of("customer_id", "ID", "id");

    private final CsvInput input;
    private final String weights;
    private final String model;
    private final String idOption;
    private String idColumn;
    private final List<String> ids = new ArrayList<>();
    private List<String> covariateColumns = List.of();
    private Set<String> categoricalColumns = Set.of();
    private final List<double[]> covariateNumbers = new ArrayList<>();
    private final List<String[]> covariateLevels = new ArrayList<>();

    /**
     * A reader of {@code file} that keeps no customer id unless the file has one of {@link #ID_COLUMNS}.
     *
     * @param input the file
     * @param weights the column of row weights, or null for none
     * @param model the model whose data the file holds, such as "bgnbd", for messages
     */
    HistoryReader(CsvInput input, String weights, String model) {
        this(input, weights, model, null);
    }

    /**
     * A reader of {@code file} that keeps each row's customer id from {@code idColumn}.
     *
     * @param input the file
     * @param weights the column of row weights, or null for none
     * @param model the model whose data the file holds, such as "bgnbd", for messages
     * @param idColumn the column of the customer ids ({@code --id-column}), or null for the first of
     *     {@link #ID_COLUMNS} the file has, if any
     */
    HistoryReader(CsvInput input, String weights, String model, String idColumn) {
        this.input = input;
        this.weights = weights;
        this.model = model;
        this.idOption = idColumn;
    }

    /**
     * Makes {@link #purchaseHistories(ChronoUnit, boolean)} read each row's covariates too: numbers, or
     * for the {@code categorical} ones the cell as it is (a level).
     *
     * @param columns the covariate columns, in the order of the model's covariates
     * @param categorical those of {@code columns} that are categories
     * @return this reader
     */
    HistoryReader readingCovariates(List<String> columns, Collection<String> categorical) {
        this.covariateColumns = List.copyOf(columns);
        this.categoricalColumns = Set.copyOf(categorical);
        return this;
    }

    /**
     * Each row's numeric covariates in file order (the columns of {@link #readingCovariates}; a
     * categorical column's entry is 0).
     */
    List<double[]> covariateNumbers() {
        return Collections.unmodifiableList(covariateNumbers);
    }

    /** Each row's levels of the categorical covariates in file order (null for a numeric column). */
    List<String[]> covariateLevels() {
        return Collections.unmodifiableList(covariateLevels);
    }

    private void keepCovariates(CsvInput.Row row) {
        if (covariateColumns.isEmpty()) {
            return;
        }
        double[] numbers = new double[covariateColumns.size()];
        String[] levels = new String[covariateColumns.size()];
        for (int j = 0; j < numbers.length; j++) {
            String column = covariateColumns.get(j);
            String cell = row.get(column);
            if (categoricalColumns.contains(column)) {
                if (cell.isBlank()) {
                    throw row.error(column, cell, "is not a level of the categorical covariate (a blank cell)");
                }
                levels[j] = cell;
            } else {
                try {
                    numbers[j] = InputSyntax.number(cell);
                } catch (InputSyntax.Invalid e) {
                    throw row.error(column, cell, e.reason() + "; give --categorical " + column
                            + " if it is a category");
                }
            }
        }
        covariateNumbers.add(numbers);
        covariateLevels.add(levels);
    }

    /** The file's name for messages ("standard input" for -). */
    String name() {
        return input.name();
    }

    /** The column the customer ids were read from, or null if the file has none. */
    String idColumn() {
        return idColumn;
    }

    /** The customer id of each row read, in file order; empty if the file has no id column. */
    List<String> ids() {
        return Collections.unmodifiableList(ids);
    }

    private void keepId(CsvInput.Row row) {
        if (idColumn != null) {
            ids.add(row.get(idColumn));
        }
    }

    /** The purchase histories of the file, their times in {@code unit}. */
    Rows<PurchaseHistories, PurchaseHistory> purchaseHistories(ChronoUnit unit) {
        return purchaseHistories(unit, false).purchases();
    }

    /**
     * The purchase histories and the spend of a file with both (columns {@code frequency,recency,T,
     * monetary_value} or {@code x,t_x,T,zbar}), read in one pass (standard input cannot be read twice).
     *
     * @param purchases the purchase histories
     * @param spend the spend of the repeat customers, and every row's in file order
     */
    record PurchasesAndSpend(Rows<PurchaseHistories, PurchaseHistory> purchases, SpendRows spend) {
    }

    /** The purchase histories of the file, their times in {@code unit}, and with {@code withSpend} their spend. */
    PurchasesAndSpend purchaseHistories(ChronoUnit unit, boolean withSpend) {
        PurchaseHistories.Accumulator accumulator = PurchaseHistories.accumulator(unit);
        List<PurchaseHistory> histories = new ArrayList<>();
        SpendReader spend = withSpend ? new SpendReader(true) : null;
        eachPurchaseHistory(unit, spend, (id, history, spending, weight, row) -> {
            keepId(row);
            keepCovariates(row);
            add(row, weight, () -> accumulator.add(history, weight));
            histories.add(history);
        });
        return new PurchasesAndSpend(new Rows<>(accumulator.snapshot(), Collections.unmodifiableList(histories)),
                spend == null ? null : spend.rows());
    }

    /** Receives one row of purchase histories. */
    interface HistorySink {
        /**
         * One row: its customer id (null without an id column), history, spend (null without spend data
         * or when spend is not read), weight, and the row itself for messages.
         */
        void accept(String id, PurchaseHistory history, SpendHistory spend, long weight, CsvInput.Row row);
    }

    /**
     * Passes each row's purchase history (times in {@code unit}) and, with {@code withSpend}, its spend to
     * {@code sink}, keeping nothing: the reader of a table of any length.
     */
    void eachPurchaseHistory(ChronoUnit unit, boolean withSpend, HistorySink sink) {
        eachPurchaseHistory(unit, withSpend ? new SpendReader(false) : null, sink);
    }

    private void eachPurchaseHistory(ChronoUnit unit, SpendReader spend, HistorySink sink) {
        String[][] names = new String[1][];
        input.read(header -> names[0] = spend != null
                ? columns(header, new String[] {"frequency", "recency", "T", "monetary_value"},
                        new String[] {"x", "t_x", "T", "zbar"})
                : columns(header, new String[] {"frequency", "recency", "T"}, new String[] {"x", "t_x", "T"}), row -> {
                    String[] c = names[0];
                    long x = integer(row, c[0]);
                    double recency = number(row, c[1]);
                    double age = number(row, c[2]);
                    long weight = weight(row);
                    Map<String, String> columns = Map.of("frequency", c[0], "recency", c[1], "age", c[2]);
                    PurchaseHistory history = build(row, columns, () -> PurchaseHistory.of(x, recency, age, unit));
                    SpendHistory spending = spend == null ? null : spend.read(row, c[0], c[3], weight).orElse(null);
                    sink.accept(idColumn == null ? null : row.get(idColumn), history, spending, weight, row);
                });
    }

    /** The spend of the file's repeat customers, and every row in file order. */
    SpendRows spendHistories() {
        SpendReader spend = new SpendReader(true);
        String[][] names = new String[1][];
        input.read(header -> names[0] = columns(header, new String[] {"frequency", "monetary_value"},
                new String[] {"x", "zbar"}), row -> {
                    spend.read(row, names[0][0], names[0][1], weight(row));
                    keepId(row);
                    keepCovariates(row);
                });
        return spend.rows();
    }

    /**
     * Reads the spend of each row: rows with frequency 0 or a mean value of 0 carry no spend data and
     * are counted; with {@code keep}, every row's spend is kept (else only the counts).
     */
    private final class SpendReader {
        private final boolean keep;
        private final SpendHistories.Accumulator accumulator = SpendHistories.accumulator();
        private final List<Optional<SpendHistory>> histories = new ArrayList<>();
        private final long[] skipped = new long[2];

        SpendReader(boolean keep) {
            this.keep = keep;
        }

        /** The row's spend, kept with the others, or empty (counted) for a row without spend data. */
        Optional<SpendHistory> read(CsvInput.Row row, String frequencyColumn, String meanColumn, long weight) {
            long x = integer(row, frequencyColumn);
            double mean = number(row, meanColumn);
            if (x < 0) {
                throw row.error(frequencyColumn, row.get(frequencyColumn), "is not a frequency (an integer >= 0)");
            }
            if (mean < 0) {
                throw row.error(meanColumn, row.get(meanColumn), "is not a mean transaction value (a number >= 0)");
            }
            if (x == 0 || mean == 0) {
                int kind = x == 0 ? 0 : 1;
                add(row, weight, () -> skipped[kind] = Math.addExact(skipped[kind], weight));
                if (keep) {
                    histories.add(Optional.empty());
                }
                return Optional.empty();
            }
            SpendHistory spend = build(row, Map.of("frequency", frequencyColumn, "meanSpend", meanColumn),
                    () -> SpendHistory.of(x, mean));
            if (keep) {
                add(row, weight, () -> accumulator.add(spend, weight));
                histories.add(Optional.of(spend));
            }
            return Optional.of(spend);
        }

        SpendRows rows() {
            return new SpendRows(accumulator.snapshot(), Collections.unmodifiableList(histories), skipped[0],
                    skipped[1]);
        }
    }

    /** The opportunity histories of the file. */
    Rows<OpportunityHistories, OpportunityHistory> opportunityHistories() {
        OpportunityHistories.Accumulator accumulator = OpportunityHistories.accumulator();
        List<OpportunityHistory> histories = new ArrayList<>();
        String[][] names = new String[1][];
        input.read(header -> names[0] = columns(header, new String[] {"frequency", "recency", "periods"}), row -> {
            String[] c = names[0];
            long x = integer(row, c[0]);
            long recency = integer(row, c[1]);
            long periods = integer(row, c[2]);
            long weight = weight(row);
            OpportunityHistory history = build(row, Map.of("frequency", c[0], "recency", c[1], "opportunities", c[2]),
                    () -> OpportunityHistory.of(x, recency, periods));
            add(row, weight, () -> accumulator.add(history, weight));
            histories.add(history);
            keepId(row);
            keepCovariates(row);
        });
        return new Rows<>(accumulator.snapshot(), Collections.unmodifiableList(histories));
    }

    /**
     * The contract history of each customer of the file, one per row in file order: columns {@code
     * periods,lost}, the periods observed and whether the last of them ended the contract (1, true or yes;
     * 0, false or no), as the individual sBG with covariates takes them.
     */
    List<ContractHistory> contractHistories() {
        List<ContractHistory> histories = new ArrayList<>();
        String[][] names = new String[1][];
        input.read(header -> names[0] = columns(header, new String[] {"periods", "lost"}), row -> {
            String[] c = names[0];
            long periods = integer(row, c[0]);
            boolean lost = switch (row.get(c[1]).toLowerCase(java.util.Locale.ROOT)) {
                case "1", "true", "yes" -> true;
                case "0", "false", "no" -> false;
                default -> throw row.error(c[1], row.get(c[1]), "must be 1, true or yes (the contract ended) or 0, "
                        + "false or no (still active)");
            };
            if (periods < (lost ? 1 : 0)) {
                throw row.error(c[0], row.get(c[0]), lost ? "is not the period of loss (an integer >= 1)"
                        : "is not a number of periods survived (an integer >= 0)");
            }
            histories.add(lost ? ContractHistory.lostIn(periods) : ContractHistory.activeAfter(periods));
            keepId(row);
            keepCovariates(row);
        });
        return Collections.unmodifiableList(histories);
    }

    /** The survivors of the cohort of the file (one row per period 0, 1, 2, ... in order; no weights). */
    CohortSurvivors survivors() {
        List<Long> alive = new ArrayList<>();
        String[][] names = new String[1][];
        input.read(header -> names[0] = columns(header, new String[] {"period", "alive"},
                new String[] {"year", "alive"}), row -> {
                    String[] c = names[0];
                    long period = integer(row, c[0]);
                    if (period != alive.size()) {
                        throw row.error(c[0], row.get(c[0]), "is not the next period " + alive.size()
                                + " (periods must run 0, 1, 2, ... in order)");
                    }
                    long count = integer(row, c[1]);
                    if (alive.isEmpty() ? count < 1 : count < 0 || count > alive.get(alive.size() - 1)) {
                        throw row.error(c[1], row.get(c[1]), alive.isEmpty() ? "is not a cohort size (an integer >= 1)"
                                : "is not a number of survivors in 0.." + alive.get(alive.size() - 1));
                    }
                    alive.add(count);
                });
        if (alive.size() < 2) {
            throw new InputException(input.name() + ": " + model + " needs at least periods 0 and 1, had "
                    + alive.size() + " rows");
        }
        return CohortSurvivors.of(alive.stream().mapToLong(Long::longValue).toArray());
    }

    /**
     * Builds a row's value with the library, reporting a rejection at the column read for the rejected
     * argument ({@code columnsByArgument} maps the library's argument names to the file's columns).
     */
    private <T> T build(CsvInput.Row row, Map<String, String> columnsByArgument, Supplier<T> build) {
        try {
            return build.get();
        } catch (InvalidArgumentException e) {
            String column = columnsByArgument.get(e.argument());
            if (column == null) {
                throw new InputException(input.name() + ":" + row.line() + ": is not valid: " + e.getMessage());
            }
            throw row.error(column, row.get(column), "is not valid: " + e.getMessage());
        }
    }

    /**
     * The first set of column names the header has, checking the weights column too; without a header
     * row, the positions 1, 2, ... of the first set's columns, in its order.
     */
    private String[] columns(List<String> header, String[]... alternatives) {
        if (idOption != null) {
            if (!header.contains(idOption)) {
                throw input.headerError("column '" + idOption + "' (--id-column) not found; the columns are " + header);
            }
            idColumn = idOption;
        } else if (input.hasHeader()) {
            idColumn = ID_COLUMNS.stream().filter(header::contains).findFirst().orElse(null);
        }
        for (String column : covariateColumns) {
            if (!header.contains(column)) {
                throw input.headerError("column '" + column + "' (--covariates) not found; the columns are " + header);
            }
        }
        if (!input.hasHeader()) {
            int needed = alternatives[0].length;
            if (header.size() < needed) {
                throw input.headerError(model + " needs " + needed + " columns, " + String.join(",", alternatives[0])
                        + " in this order (--no-header); the first record has " + header.size());
            }
            if (weights != null && !header.contains(weights)) {
                throw input.headerError("column '" + weights + "' (--weights) not found; without a header the columns "
                        + "are named by position, 1.." + header.size());
            }
            String[] positions = new String[needed];
            for (int i = 0; i < needed; i++) {
                positions[i] = Integer.toString(i + 1);
            }
            return positions;
        }
        for (String[] names : alternatives) {
            if (header.containsAll(List.of(names))) {
                if (weights != null && !header.contains(weights)) {
                    throw input.headerError("column '" + weights + "' (--weights) not found; the columns are " + header);
                }
                return names;
            }
        }
        StringBuilder wanted = new StringBuilder();
        for (String[] names : alternatives) {
            wanted.append(wanted.length() == 0 ? "" : " or ").append(String.join(",", names));
        }
        throw input.headerError(model + " needs the columns " + wanted + "; the columns are " + header);
    }

    private long weight(CsvInput.Row row) {
        if (weights == null) {
            return 1;
        }
        String value = row.get(weights);
        long weight;
        try {
            weight = InputSyntax.wholeNumber(value, Long.MIN_VALUE, Long.MAX_VALUE);
        } catch (InputSyntax.Invalid e) {
            throw row.error(weights, value, "is not a weight (an integer >= 1)");
        }
        if (weight < 1) {
            throw row.error(weights, value, "is not a weight (an integer >= 1)");
        }
        return weight;
    }

    /**
     * The cell as an integer: digits, or a plain decimal with nothing but zeros after the point (such
     * as "3.0", as files written from floating-point columns hold counts); see {@link InputSyntax}.
     */
    private static long integer(CsvInput.Row row, String column) {
        return row.getWholeNumber(column, Long.MIN_VALUE, Long.MAX_VALUE);
    }

    /** The cell as a plain decimal number ({@link InputSyntax#number}). */
    private static double number(CsvInput.Row row, String column) {
        return row.getNumber(column);
    }

    /**
     * Adds a row's weight to a collection, reporting a total number of customers that overflows a
     * long at the row's weight column.
     */
    private void add(CsvInput.Row row, long weight, Runnable add) {
        try {
            add.run();
        } catch (ArithmeticException overflow) {
            if (weights == null) { // one customer a row: not reached before the rows are counted in trillions
                throw new InputException(input.name() + ":" + row.line() + ": the number of customers is more than "
                        + Long.MAX_VALUE + " (the largest count)");
            }
            throw row.error(weights, row.get(weights), "makes the number of customers more than " + Long.MAX_VALUE
                    + " (the largest count), with the weights of the rows before it");
        }
    }
}
