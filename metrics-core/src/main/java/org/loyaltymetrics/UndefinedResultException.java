package org.loyaltymetrics;

/**
 * Thrown when a figure is asked of data on which it is undefined: a rate whose denominator is zero
 * (no responses, no customers at the start), a mean of nothing, a test whose standard error is zero.
 *
 * <p>This is the library's single policy for undefined results: a value type may hold empty data
 * (an accumulator's snapshot before any record, a segment without answers), its counts then read 0,
 * and every figure that is undefined on such data throws this exception instead of returning 0 or
 * NaN. Check the counts first ({@code isEmpty()}, {@code responses()}, {@code trials()}) to avoid it.
 */
public final class UndefinedResultException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception with a message that names the figure and why it is undefined. */
    public UndefinedResultException(String message) {
        super(message);
    }
}
