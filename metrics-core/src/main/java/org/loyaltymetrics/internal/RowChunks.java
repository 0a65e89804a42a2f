package org.loyaltymetrics.internal;

import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * A sum over the rows of a data set (a log-likelihood and its gradient) split into chunks of
 * {@link #CHUNK} consecutive rows, the chunks summed on all cores and their partial sums added in chunk
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

    /** The number of chunks of {@code rows} rows: at least 1. */
    public static int chunks(int rows) {
        return Math.max(1, (rows + CHUNK - 1) / CHUNK);
    }

    /**
     * The sum of {@code body} over rows 0..{@code rows} − 1; when {@code gradient} is not null, it is
     * overwritten with the sum of the gradient terms.
     */
    public static double sum(int rows, double[] gradient, Body body) {
        int chunks = chunks(rows);
        if (gradient != null) {
            Arrays.fill(gradient, 0.0);
        }
        if (chunks == 1) {
            return body.sum(0, rows, gradient);
        }
        double[] values = new double[chunks];
        double[][] gradients = gradient == null ? null : new double[chunks][gradient.length];
        IntStream.range(0, chunks).parallel().forEach(c -> values[c] = body.sum(c * CHUNK,
                Math.min(rows, (c + 1) * CHUNK), gradients == null ? null : gradients[c]));
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
