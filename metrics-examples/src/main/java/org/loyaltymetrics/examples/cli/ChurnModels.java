package org.loyaltymetrics.examples.cli;

import java.util.ArrayList;
import java.util.List;
import org.loyaltymetrics.churn.CoxModel;
import org.loyaltymetrics.churn.SurvivalData;
import org.loyaltymetrics.churn.SurvivalRegression;
import org.loyaltymetrics.model.FitOptions;
import org.loyaltymetrics.stats.ChiSquareTest;

/**
 * The one place where {@code churn-model fit} turns {@code --model} into a fitted
 * {@link SurvivalRegression}: everything else of the command works on that interface. A model that this
 * build does not have fails with "--model NAME is not available in this build"; wiring one is its line in
 * {@link #fit}.
 */
final class ChurnModels {

    private ChurnModels() {
    }

    /** The models of {@code --model}, with the name of exp(coefficient) in their coefficient tables. */
    enum Kind {
        COX("cox", "hazard ratio", "Cox proportional hazards"),
        WEIBULL("weibull", "time ratio", "Weibull accelerated failure time"),
        LOGNORMAL("lognormal", "time ratio", "log-normal accelerated failure time"),
        LOGLOGISTIC("loglogistic", "time ratio", "log-logistic accelerated failure time");

        final String name;
        final String ratio;
        final String title;

        Kind(String name, String ratio, String title) {
            this.name = name;
            this.ratio = ratio;
            this.title = title;
        }
    }

    /**
     * A fitted model with the tests of all its coefficients being 0 that it offers (the Wald test for every
     * model, from its coefficients and covariance).
     *
     * @param model the fitted model
     * @param kind its kind
     * @param title its title line, e.g. "Cox proportional hazards (efron ties)"
     * @param tests likelihood-ratio, Wald, score: those the model has
     * @param nullLogLikelihood the log-likelihood without covariates, or null where the model does not say
     * @param iterations the iterations of the fit, or null where the model does not say
     */
    record Fitted(SurvivalRegression model, Kind kind, String title, List<ChiSquareTest> tests, Double nullLogLikelihood,
            Integer iterations) {
    }

    /**
     * Fits {@code kind} to {@code data}; {@code ties} applies to the Cox model.
     *
     * @throws InputException if this build has no such model
     */
    static Fitted fit(Kind kind, SurvivalData data, CoxModel.Ties ties, FitOptions options) {
        return switch (kind) {
            case COX -> cox(CoxModel.fit(data, ties, options));
            // until the AFT models are merged; then, e.g.:
            // case WEIBULL -> aft(kind, AftModel.fit(data, AftModel.Distribution.WEIBULL, options));
            case WEIBULL, LOGNORMAL, LOGLOGISTIC -> throw unavailable(kind);
        };
    }

    private static Fitted cox(CoxModel model) {
        return new Fitted(model, Kind.COX, Kind.COX.title + " (" + model.ties().name().toLowerCase(java.util.Locale.ROOT)
                + " ties)", List.of(model.likelihoodRatioTest(), model.waldTest(), model.scoreTest()),
                model.nullLogLikelihood(), model.iterations());
    }

    /** An accelerated-failure-time model, with the Wald test of its coefficients. */
    static Fitted aft(Kind kind, SurvivalRegression model) {
        List<ChiSquareTest> tests = new ArrayList<>();
        ChiSquareTest wald = wald(model);
        if (wald != null) {
            tests.add(wald);
        }
        return new Fitted(model, kind, kind.title, List.copyOf(tests), null, null);
    }

    /** The Wald test βᵀ V⁻¹ β of all coefficients being 0, or null if the covariance is singular. */
    static ChiSquareTest wald(SurvivalRegression model) {
        double[] b = model.coefficients();
        double[][] v = model.covariance();
        int p = b.length;
        // Gauss-Jordan elimination of V x = b, then βᵀ x
        double[][] a = new double[p][p + 1];
        for (int i = 0; i < p; i++) {
            System.arraycopy(v[i], 0, a[i], 0, p);
            a[i][p] = b[i];
        }
        for (int c = 0; c < p; c++) {
            int pivot = c;
            for (int r = c + 1; r < p; r++) {
                if (Math.abs(a[r][c]) > Math.abs(a[pivot][c])) {
                    pivot = r;
                }
            }
            if (!(Math.abs(a[pivot][c]) > 0)) {
                return null;
            }
            double[] swap = a[c];
            a[c] = a[pivot];
            a[pivot] = swap;
            for (int r = 0; r < p; r++) {
                if (r != c) {
                    double f = a[r][c] / a[c][c];
                    for (int k = c; k <= p; k++) {
                        a[r][k] -= f * a[c][k];
                    }
                }
            }
        }
        double chi = 0.0;
        for (int i = 0; i < p; i++) {
            chi += b[i] * a[i][p] / a[i][i];
        }
        return new ChiSquareTest("Wald", Math.max(0.0, chi), p);
    }

    private static InputException unavailable(Kind kind) {
        return new InputException("--model " + kind.name + " is not available in this build (available: cox)");
    }
}
