package org.loyaltymetrics.examples.cli;

import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * The progress line of a long read on standard error: silent for the first seconds (most inputs are read
 * by then), then the records read so far, every second on one line rewritten in place when standard error
 * is a terminal, every ten seconds on a line of its own otherwise, and at the end the total and the time
 * it took. Counting a record costs an increment; the clock is read once per 4,096 records.
 *
 * <p>Not thread-safe: one reader, one progress.
 */
final class Progress {

    /** Nothing is shown for inputs read within this time. */
    static final long QUIET_NANOS = TimeUnit.SECONDS.toNanos(2);

    private static final int CLOCK_EVERY = 4096;

    private final String name;
    private final PrintStream err;
    private final LongSupplier clock;
    private final long quietNanos;
    private final long everyNanos;
    private final boolean sameLine;
    private final long start;
    private long records;
    private long lastShown = Long.MIN_VALUE;
    private boolean shown;

    /**
     * A progress of reading {@code name}.
     *
     * @param err where the line goes
     * @param clock the time in nanoseconds ({@code System::nanoTime})
     * @param quietNanos how long nothing is shown
     * @param sameLine whether to rewrite one line ({@code '\r'}) rather than write a line each time
     */
    Progress(String name, PrintStream err, LongSupplier clock, long quietNanos, boolean sameLine) {
        this.name = name;
        this.err = err;
        this.clock = clock;
        this.quietNanos = quietNanos;
        this.sameLine = sameLine;
        this.everyNanos = TimeUnit.SECONDS.toNanos(sameLine ? 1 : 10);
        this.start = clock.getAsLong();
    }

    /** The progress of reading {@code name} shown on this process's standard error. */
    static Progress onStandardError(String name) {
        return new Progress(name, System.err, System::nanoTime, QUIET_NANOS, System.console() != null);
    }

    /** Counts one record, and shows the count if it is time to. */
    void record() {
        if (++records % CLOCK_EVERY == 0) {
            long now = clock.getAsLong();
            if (now - start >= quietNanos && (!shown || now - lastShown >= everyNanos)) {
                show(now, false);
            }
        }
    }

    /** Ends the line, with the total and the time, if anything was shown. */
    void finish() {
        if (shown) {
            show(clock.getAsLong(), true);
        }
    }

    private void show(long now, boolean done) {
        String seconds = String.format(Locale.ROOT, "%.1f s", (now - start) / 1e9);
        String line = "loyalty-metrics: " + (done ? "read " : "reading ") + name + ": "
                + String.format(Locale.ROOT, "%,d", records) + (records == 1 ? " record" : " records") + " in "
                + seconds + (done ? "" : "...");
        if (sameLine) {
            err.print("\r" + line + (done ? System.lineSeparator() : ""));
        } else {
            err.println(line);
        }
        err.flush();
        shown = true;
        lastShown = now;
    }
}
