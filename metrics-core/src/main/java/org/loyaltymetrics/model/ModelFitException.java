package org.loyaltymetrics.model;

import java.util.ArrayList;
import java.util.List;
import org.loyaltymetrics.internal.Checks;

/**
 * Thrown when a model cannot be fitted. The message says what failed, where the optimiser stopped and
 * what to try (more or more varied data, a penaliser, more iterations, checking the data's time unit):
 * <ul>
 * <li>the optimiser did not converge within its iterations;</li>
 * <li>a parameter ran off to 0 or infinity: the likelihood has no maximum at finite parameters (its
 * supremum is on the boundary of the parameter space, as for customers who all behave alike);</li>
 * <li>the likelihood has no proper maximum: its Hessian is not positive definite at the point found,
 * or a point higher than it lies further out;</li>
 * <li>the data do not identify the parameters: along some direction the log-likelihood stays within
 * χ²₁,₀.₉₅/2 ≈ 1.92 of its maximum out to parameters e¹⁶ (about 9 million) times larger or smaller, so
 * that no 95 % interval could bound them (one period of survivors, a cohort with almost no churn).</li>
 * </ul>
 * The parts of the message are also available on their own, so that a program (a command line, a
 * notebook) can state the remedies in its own terms: {@link #problem()} (what failed), {@link #remedies()}
 * (the {@link FitOptions} that may help) and {@link #dataAdvice()} (what to check or add in the data).
 * The message is {@code problem + "; try " + remedies and data advice}, the remedies named by their
 * {@link FitOptions} methods.
 *
 * <p>A fit never returns NaN parameters, and never reports convergence on a flat likelihood.
 */
public final class ModelFitException extends RuntimeException {

    private static final long serialVersionUID = 2L;

    /** A change of the {@link FitOptions} that may let the fit succeed. */
    public enum Remedy {
        /** An L2 penalizer on the parameters, such as 0.001 ({@link FitOptions#withPenalizer(double)}). */
        PENALIZER("a penalizer such as FitOptions.defaults().withPenalizer(0.001)"),
        /** More iterations of the optimiser ({@link FitOptions#withMaxIterations(int)}). */
        MORE_ITERATIONS("more iterations (FitOptions.withMaxIterations)");

        private final String inJava;

        Remedy(String inJava) {
            this.inJava = inJava;
        }

        /** The remedy in terms of this library's API, as the message states it. */
        public String inJava() {
            return inJava;
        }
    }

    private final String problem;
    private final List<Remedy> remedies;
    private final String dataAdvice;

    /** Creates the exception with a message that says what failed and what to try. */
    public ModelFitException(String message) {
        super(Checks.notNull(message, "message"));
        this.problem = message;
        this.remedies = List.of();
        this.dataAdvice = "";
    }

    /**
     * Creates the exception from its parts.
     *
     * @param problem what failed, e.g. "the BG/NBD fit did not converge in 500 iterations: ..."
     * @param remedies the changes of the fit options that may help, in the order to try them
     * @param dataAdvice what to check or add in the data, e.g. "check the data", or "" for nothing
     */
    public ModelFitException(String problem, List<Remedy> remedies, String dataAdvice) {
        super(message(problem, remedies, dataAdvice));
        this.problem = problem;
        this.remedies = List.copyOf(remedies);
        this.dataAdvice = dataAdvice;
    }

    private static String message(String problem, List<Remedy> remedies, String dataAdvice) {
        Checks.notNull(problem, "problem");
        Checks.notNull(remedies, "remedies");
        Checks.notNull(dataAdvice, "dataAdvice");
        List<String> tries = new ArrayList<>();
        remedies.forEach(remedy -> tries.add(Checks.notNull(remedy, "remedies").inJava()));
        if (!dataAdvice.isEmpty()) {
            tries.add(dataAdvice);
        }
        return tries.isEmpty() ? problem : problem + "; try " + String.join(", or ", tries);
    }

    /** What failed: the message without its advice (the whole message where none was given apart). */
    public String problem() {
        return problem;
    }

    /** The changes of the fit options that may let the fit succeed, in the order to try them; empty if none would. */
    public List<Remedy> remedies() {
        return remedies;
    }

    /** What to check or add in the data, such as "more periods of survivors"; "" if nothing was said. */
    public String dataAdvice() {
        return dataAdvice;
    }
}
