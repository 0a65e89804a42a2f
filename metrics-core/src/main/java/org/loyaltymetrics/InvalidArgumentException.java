package org.loyaltymetrics;

import java.util.Objects;

/**
 * Thrown when an argument is outside the range a method accepts: a negative count, an answer off the
 * rating scale, a confidence level outside (0, 1), an end before a start, amounts in two currencies.
 * The message names the argument, the value it had and what is accepted, in the form
 * {@code "<argument> must be <range>, was <value>"}; {@link #argument()} gives the name alone, so
 * that a caller (a command line, a form, a pipeline) can point at its own field, option or column
 * without reading the message.
 *
 * <p>It is an {@link IllegalArgumentException}, so code that catches that keeps working. Null
 * arguments throw {@link NullPointerException} naming the argument instead.
 */
public final class InvalidArgumentException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String argument;

    /**
     * Creates the exception.
     *
     * @param argument the name of the argument as the method declares it, such as {@code "confidence"}
     *     or {@code "recency"}; not null
     * @param message the whole message, naming the argument, its value and the accepted range; not null
     */
    public InvalidArgumentException(String argument, String message) {
        super(Objects.requireNonNull(message, "message must not be null"));
        this.argument = Objects.requireNonNull(argument, "argument must not be null");
    }

    /**
     * The exception for {@code argument} with the message {@code "<argument> must be <requirement>,
     * was <value>"}.
     *
     * @param argument the argument's name
     * @param requirement what is accepted, such as {@code "in (0, 1)"} or {@code "a count >= 0"}
     * @param value the value it had
     */
    public static InvalidArgumentException of(String argument, String requirement, Object value) {
        return new InvalidArgumentException(argument, argument + " must be " + requirement + ", was " + value);
    }

    /** The name of the argument that was out of range, as the method declares it. */
    public String argument() {
        return argument;
    }
}
