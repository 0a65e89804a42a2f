package org.loyaltymetrics.examples.cli;

import java.util.List;
import org.loyaltymetrics.churn.AftModel;
import org.loyaltymetrics.churn.CoxModel;
import org.loyaltymetrics.churn.SurvivalData;
import org.loyaltymetrics.churn.SurvivalRegression;
import org.loyaltymetrics.model.FitOptions;
import org.loyaltymetrics.stats.ChiSquareTest;

/**
 * The one place where {@code churn-model fit} turns {@code --model} into a fitted
 * {@link SurvivalRegression}: everything else of the command works on that interface; each model is its
 * line in {@link #fit}.
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

    /** Fits {@code kind} to {@code data}; {@code ties} applies to the Cox model. */
    static Fitted fit(Kind kind, SurvivalData data, CoxModel.Ties ties, FitOptions options) {
        return switch (kind) {
            case COX -> cox(CoxModel.fit(data, ties, options));
            case WEIBULL -> aft(kind, AftModel.fit(data, AftModel.Distribution.WEIBULL, options));
            case LOGNORMAL -> aft(kind, AftModel.fit(data, AftModel.Distribution.LOG_NORMAL, options));
            case LOGLOGISTIC -> aft(kind, AftModel.fit(data, AftModel.Distribution.LOG_LOGISTIC, options));
        };
    }

    private static Fitted cox(CoxModel model) {
        return new Fitted(model, Kind.COX, Kind.COX.title + " (" + model.ties().name().toLowerCase(java.util.Locale.ROOT)
                + " ties)", List.of(model.likelihoodRatioTest(), model.waldTest(), model.scoreTest()),
                model.nullLogLikelihood(), model.iterations());
    }

    /** An accelerated-failure-time model, with its likelihood-ratio and Wald tests against the intercept-only model. */
    private static Fitted aft(Kind kind, AftModel model) {
        String title = kind.title + (model.strata().length > 1 ? " (a scale per stratum)"
                : String.format(java.util.Locale.ROOT, " (scale %.6f)", model.scale()));
        return new Fitted(model, kind, title, List.of(model.likelihoodRatioTest(), model.waldTest()),
                model.nullLogLikelihood(), model.iterations());
    }
}
