package org.loyaltymetrics.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assertions.withinPercentage;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.loyaltymetrics.data.CohortSurvivors;
import org.loyaltymetrics.internal.RandomVariates;
import org.loyaltymetrics.model.MultiCohortRetentionModel.Family;
import org.loyaltymetrics.model.MultiCohortRetentionModel.Sharing;

/**
 * Properties of the contractual-cohort fits on cohorts simulated here, independently of the models'
 * {@code simulate}: each customer draws θ ~ beta(γ, δ) and then renews period by period, surviving period t
 * with probability (1 − θ)^(tᶜ − (t − 1)ᶜ), so that P(T &gt; t | θ) = (1 − θ)^(tᶜ).
 */
class ContractualCohortsProperties {

    /** A cohort of {@code size} customers over {@code periods} periods, simulated period by period. */
    static CohortSurvivors simulate(double gamma, double delta, double c, int size, int periods, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        long[] alive = new long[periods + 1];
        for (int i = 0; i < size; i++) {
            double theta = RandomVariates.beta(random, gamma, delta);
            alive[0]++;
            for (int t = 1; t <= periods; t++) {
                double renew = Math.pow(1.0 - theta, Math.pow(t, c) - Math.pow(t - 1, c));
                if (random.nextDouble() >= renew) {
                    break;
                }
                alive[t]++;
            }
        }
        return CohortSurvivors.of(alive);
    }

    @Test
    void simulatedBdwCohortsAreFittedBackWithinSamplingError() {
        // 20,000 customers over 12 periods; each estimate within 4.5 of its standard errors of the truth (a
        // chance of about 7e-6 per estimate, 4e-4 over the 60 of the test, if the normal approximation holds)
        qt().withFixedSeed(2018).withExamples(20)
                .forAll(doubles().between(0.3, 2.0), doubles().between(0.8, 4.0), doubles().between(0.6, 1.8),
                        longs().all())
                .checkAssert((gamma, delta, c, seed) -> {
                    CohortSurvivors cohort = simulate(gamma, delta, c, 20_000, 12, seed);
                    BetaDiscreteWeibullModel model = BetaDiscreteWeibullModel.fit(cohort);
                    Map<String, Double> errors = model.fitResult().standardErrors();
                    String as = "truth " + gamma + ", " + delta + ", " + c + ": " + model;
                    assertThat(model.gamma()).as(as).isCloseTo(gamma, within(4.5 * errors.get("gamma")));
                    assertThat(model.delta()).as(as).isCloseTo(delta, within(4.5 * errors.get("delta")));
                    assertThat(model.c()).as(as).isCloseTo(c, within(4.5 * errors.get("c")));
                });
    }

    @Test
    void aSharedFitOfCohortsOfTheSamePeriodsIsTheFitOfTheirPooledSurvivors() {
        qt().withFixedSeed(2007).withExamples(10)
                .forAll(doubles().between(0.3, 2.0), doubles().between(0.8, 4.0), doubles().between(0.6, 1.8),
                        longs().all())
                .checkAssert((gamma, delta, c, seed) -> {
                    for (Family family : Family.values()) {
                        // each family fitted to data of its own (c = 1 for the sBG: data with c far from 1 and
                        // little heterogeneity may not identify the sBG's two parameters)
                        double shape = family == Family.SHIFTED_BETA_GEOMETRIC ? 1.0 : c;
                        Map<String, CohortSurvivors> cohorts = new LinkedHashMap<>();
                        CohortSurvivors pooled = null;
                        for (int i = 0; i < 3; i++) {
                            CohortSurvivors cohort = simulate(gamma, delta, shape, 3_000 + 1_000 * i, 10, seed + i);
                            cohorts.put("c" + i, cohort);
                            pooled = pooled == null ? cohort : pooled.plus(cohort);
                        }
                        MultiCohortRetentionModel shared = MultiCohortRetentionModel.fit(cohorts, family, Sharing.SHARED);
                        ModelFit one = MultiCohortRetentionModel.fit(Map.of("pooled", pooled), family, Sharing.SHARED)
                                .fitResult();
                        ModelFit joint = shared.fitResult();
                        for (String parameter : family.parameterNames()) {
                            // the two optimisations stop at a gradient of 1e-9 per customer: they agree to far
                            // below the sampling error (measured: about 1e-6 relative, 1e-5 of a standard error)
                            double error = one.standardErrors().get(parameter);
                            assertThat(joint.parameter(parameter)).as(family + " " + parameter)
                                    .isCloseTo(one.parameter(parameter), within(1e-3 * error));
                            assertThat(joint.standardErrors().get(parameter)).as(family + " SE " + parameter)
                                    .isCloseTo(one.standardErrors().get(parameter), withinPercentage(1e-2));
                        }
                        assertThat(joint.logLikelihood()).isCloseTo(one.logLikelihood(), within(1e-7));
                    }
                });
    }

    @Test
    void aPerCohortFitIsTheSeparateFitsOfItsCohorts() {
        qt().withFixedSeed(43).withExamples(10)
                .forAll(doubles().between(0.3, 2.0), doubles().between(0.8, 4.0), doubles().between(0.6, 1.8),
                        longs().all())
                .checkAssert((gamma, delta, c, seed) -> {
                    Map<String, CohortSurvivors> cohorts = new LinkedHashMap<>();
                    cohorts.put("a", simulate(gamma, delta, c, 10_000, 10, seed));
                    cohorts.put("b", simulate(gamma * 1.5, delta, 1.0, 10_000, 8, seed + 1));
                    MultiCohortRetentionModel perCohort = MultiCohortRetentionModel.fit(cohorts,
                            Family.BETA_DISCRETE_WEIBULL, Sharing.PER_COHORT);
                    double total = 0.0;
                    for (Map.Entry<String, CohortSurvivors> entry : cohorts.entrySet()) {
                        BetaDiscreteWeibullModel own = (BetaDiscreteWeibullModel) perCohort.model(entry.getKey());
                        BetaDiscreteWeibullModel separate = BetaDiscreteWeibullModel.fit(entry.getValue());
                        // as above: far below the sampling error
                        Map<String, Double> errors = separate.fitResult().standardErrors();
                        assertThat(own.gamma()).isCloseTo(separate.gamma(), within(1e-3 * errors.get("gamma")));
                        assertThat(own.delta()).isCloseTo(separate.delta(), within(1e-3 * errors.get("delta")));
                        assertThat(own.c()).isCloseTo(separate.c(), within(1e-3 * errors.get("c")));
                        assertThat(own.fitResult().standardErrors().get("c"))
                                .isCloseTo(separate.fitResult().standardErrors().get("c"), withinPercentage(1e-2));
                        assertThat(own.fitResult().logLikelihood()).isCloseTo(separate.fitResult().logLikelihood(),
                                within(1e-7));
                        total += own.fitResult().logLikelihood();
                    }
                    assertThat(perCohort.fitResult().logLikelihood()).isCloseTo(total, within(1e-9));
                });
    }
}
