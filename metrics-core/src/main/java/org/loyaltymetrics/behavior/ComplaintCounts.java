package org.loyaltymetrics.behavior;

import java.util.Arrays;
import java.util.function.ToIntFunction;
import java.util.stream.Collector;
import org.loyaltymetrics.UndefinedResultException;
import org.loyaltymetrics.internal.Checks;
import org.loyaltymetrics.internal.Formatting;

/**
 * Customer complaints counted per severity level (article 003: track the number and severity of
 * complaints over time): the number of complaints, the severity-weighted count Σ w<sub>s</sub> ·
 * n<sub>s</sub> under {@link SeverityWeights}, and the mean severity weight. Related to a customer base
 * with {@link #per(long)}, they become a {@link ComplaintRate} per 1,000 customers.
 *
 * <p>This class is immutable and thread-safe.
 */
public final class ComplaintCounts {

    private final SeverityWeights weights;
    private final long[] counts;
    private final long total;

    ComplaintCounts(SeverityWeights weights, long[] counts) {
        this.weights = weights;
        this.counts = counts;
        this.total = Checks.sum(counts, "complaints");
    }

    /**
     * The complaints counted per severity level 1..n under {@code weights}.
     *
     * @throws IllegalArgumentException if there is not one count per level, or a count is negative
     */
    public static ComplaintCounts ofCounts(SeverityWeights weights, long... countsPerSeverity) {
        Checks.notNull(weights, "weights");
        Checks.notNull(countsPerSeverity, "countsPerSeverity");
        if (countsPerSeverity.length != weights.levels()) {
            throw new IllegalArgumentException("countsPerSeverity must have one count per severity level ("
                    + weights.levels() + "), had " + countsPerSeverity.length);
        }
        for (int i = 0; i < countsPerSeverity.length; i++) {
            Checks.count(countsPerSeverity[i], "count of severity " + (i + 1));
        }
        return new ComplaintCounts(weights, countsPerSeverity.clone());
    }

    /**
     * The counts of complaints of the given severities.
     *
     * @throws IllegalArgumentException if a severity is not a level of {@code weights}
     */
    public static ComplaintCounts of(SeverityWeights weights, int... severities) {
        Checks.notNull(weights, "weights");
        long[] counts = new long[weights.levels()];
        for (int severity : Checks.notNull(severities, "severities")) {
            counts[weights.checkSeverity(severity) - 1]++;
        }
        return new ComplaintCounts(weights, counts);
    }

    /** A collector of complaints whose severity {@code severityOf} reads. */
    public static <T> Collector<T, ?, ComplaintCounts> collector(SeverityWeights weights,
            ToIntFunction<? super T> severityOf) {
        Checks.notNull(weights, "weights");
        Checks.notNull(severityOf, "severityOf");
        return Collector.of(() -> new long[weights.levels()],
                (counts, t) -> counts[weights.checkSeverity(severityOf.applyAsInt(t)) - 1]++,
                (a, b) -> add(a, b), counts -> new ComplaintCounts(weights, counts), Collector.Characteristics.UNORDERED);
    }

    static long[] add(long[] into, long[] from) {
        for (int i = 0; i < into.length; i++) {
            into[i] = Checks.addCounts(into[i], from[i], "complaints");
        }
        return into;
    }

    /** The severity weights. */
    public SeverityWeights weights() {
        return weights;
    }

    /** The number of complaints. */
    public long complaints() {
        return total;
    }

    /** Whether there are no complaints. */
    public boolean isEmpty() {
        return total == 0;
    }

    /** The number of complaints of {@code severity}. */
    public long count(int severity) {
        return counts[weights.checkSeverity(severity) - 1];
    }

    /** The counts per severity level, mildest first (a copy). */
    public long[] counts() {
        return counts.clone();
    }

    /** The severity-weighted count, Σ weight(s) × count(s). */
    public double weightedComplaints() {
        double sum = 0;
        for (int i = 0; i < counts.length; i++) {
            sum += weights.weight(i + 1) * counts[i];
        }
        return sum;
    }

    /**
     * The mean severity weight of a complaint, weightedComplaints() / complaints().
     *
     * @throws UndefinedResultException if there are no complaints
     */
    public double meanSeverity() {
        if (total == 0) {
            throw new UndefinedResultException("the mean severity is undefined: no complaints");
        }
        return weightedComplaints() / total;
    }

    /**
     * These complaints related to a base of {@code customers} customers.
     *
     * @throws IllegalArgumentException if customers is negative
     */
    public ComplaintRate per(long customers) {
        return new ComplaintRate(this, Checks.count(customers, "customers"));
    }

    /**
     * The complaints of both: counts added level by level.
     *
     * @throws IllegalArgumentException if the weights differ
     */
    public ComplaintCounts plus(ComplaintCounts other) {
        checkSameWeights(other);
        return new ComplaintCounts(weights, add(counts.clone(), other.counts));
    }

    void checkSameWeights(ComplaintCounts other) {
        Checks.notNull(other, "other");
        if (!other.weights.equals(weights)) {
            throw new IllegalArgumentException("other must have the " + weights + ", had " + other.weights);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ComplaintCounts && ((ComplaintCounts) o).weights.equals(weights)
                && Arrays.equals(((ComplaintCounts) o).counts, counts);
    }

    @Override
    public int hashCode() {
        return 31 * weights.hashCode() + Arrays.hashCode(counts);
    }

    /** Reads, e.g., {@code "12 complaints {1: 7, 2: 4, 3: 1}, severity-weighted 18.0000"}. */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder().append(total).append(total == 1 ? " complaint {" : " complaints {");
        for (int i = 0; i < counts.length; i++) {
            text.append(i == 0 ? "" : ", ").append(i + 1).append(": ").append(counts[i]);
        }
        return text.append("}, severity-weighted ").append(Formatting.decimal(weightedComplaints(), 4)).toString();
    }
}
