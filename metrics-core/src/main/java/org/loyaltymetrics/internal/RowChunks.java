package org.loyaltymetrics.internal;

import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * A sum over the rows of a data set (a log-likelihood and its gradient) split into chunks of
 * {@link #CHUNK} (or a given number of) consecutive rows, the chunks summed on all cores and their partial sums added in chunk
 * order. The chunks depend on the number of rows alone, never on the number of threads, so the sum is
 * the same, to the last bit, on one core or sixteen. Data of at most one chunk are summed in the calling
 * thread. The tasks run in the fork-join pool of the calling thread if it is a worker of one (a pool of
 * the caller's choice), else in the common pool.
 */
public final class RowChunks {

    /** The rows of a chunk: about half a millisecond of likelihood terms, the work of one task. */
    public static final int CHUNK = 8192;

    private RowChunks() {
    }

    /** The sum over rows [from, to) of a data set. */
    @FunctionalInterface
    public interface Body {
        /**
         * The sum of the rows [from, to); when {@code gradient} is not null (all zeros on entry), also
         * adds the rows' gradient terms to it.
         */
        double sum(int from, int to, double[] gradient);
    }

    /**
     * The rows of a chunk whose rows cost microseconds each (a hypergeometric series or a quadrature per
     * customer, as in the models with covariates, where every customer is a row of their own): about the
     * same work per task as {@link #CHUNK} rows of closed forms, so that a few thousand customers are
     * summed on all cores.
     */
    public static final int COSTLY_CHUNK = 256;

    /** The number of chunks of {@code rows} rows: at least 1. */
    public static int chunks(int rows) {
        return chunks(rows, CHUNK);
    }

    private static int chunks(int rows, int chunk) {
        return Math.max(1, (rows + chunk - 1) / chunk);
    }

    /**
     * The sum of {@code body} over rows 0..{@code rows} − 1; when {@code gradient} is not null, it is
     * overwritten with the sum of the gradient terms.
     */
    public static double sum(int rows, double[] gradient, Body body) {
        return sum(rows, CHUNK, gradient, body);
    }

    /**
     * {@link #sum(int, double[], Body)} in chunks of {@code chunk} rows (such as {@link #COSTLY_CHUNK}): the
     * same for every number of cores, as there.
     */
    public static double sum(int rows, int chunk, double[] gradient, Body body) {
        int chunks = chunks(rows, chunk);
        if (gradient != null) {
            Arrays.fill(gradient, 0.0);
        }
        if (chunks == 1) {
            return body.sum(0, rows, gradient);
        }
        double[] values = new double[chunks];
        double[][] gradients = gradient == null ? null : new double[chunks][gradient.length];
        IntStream.range(0, chunks).parallel().forEach(c -> values[c] = body.sum(c * chunk,
                Math.min(rows, (c + 1) * chunk), gradients == null ? null : gradients[c]));
        double total = 0.0;
        for (int c = 0; c < chunks; c++) {
            total += values[c];
            if (gradient != null) {
                for (int k = 0; k < gradient.length; k++) {
                    gradient[k] += gradients[c][k];
                }
            }
        }
        return total;
    }
}
