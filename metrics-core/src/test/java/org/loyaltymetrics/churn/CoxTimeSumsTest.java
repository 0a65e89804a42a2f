package org.loyaltymetrics.churn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.loyaltymetrics.InvalidArgumentException;
import org.loyaltymetrics.UndefinedResultException;
import org.loyaltymetrics.churn.CoxModel.Ties;
import org.loyaltymetrics.model.FitOptions;

/**
 * The Cox fit to rows held in parts ({@link CoxModel#fit(PartitionedSurvivalData, Ties, FitOptions)} over
 * {@link CoxTimeSums} merged by time) against the in-memory fit on the same rows, which is itself checked
 * against R's survival package in {@link CoxModelTest}: the NCCTG lung rows dealt into three parts of
 * different sizes give the same coefficients, standard errors, log-likelihoods, score test and baseline
 * hazard to 1e-9 relative (only the order of the sums differs), with Efron's and Breslow's ties, with
 * strata and weights, and with counting-process rows; the parts' merged sums equal one pass's in any
 * order of merging.
 */
class CoxTimeSumsTest {

    private static final double REL = 1e-9;

    /** The rows of {@code data} dealt into parts of 1/6, 2/6 and 3/6 of them, summed part by part and merged. */
    record Parts(SurvivalData data, int parts) implements PartitionedSurvivalData {
        @Override
        public List<String> covariateNames() {
            return data.covariateNames();
        }

        @Override
        public long rows() {
            return data.rows();
        }

        @Override
        public long events() {
            return data.events();
        }

        @Override
        public double[] means() {
            double[] means = new double[data.columns.length];
            for (int j = 0; j < means.length; j++) {
                means[j] = data.columnMeanAndDeviation(j)[0];
            }
            return means;
        }

        @Override
        public double[] standardDeviations() {
            double[] sds = new double[data.columns.length];
            for (int j = 0; j < sds.length; j++) {
                sds[j] = data.columnMeanAndDeviation(j)[1];
            }
            return sds;
        }

        @Override
        public CoxTimeSums sums(double[] beta) {
            // merged last part first, as an engine merges in any order
            CoxTimeSums sums = CoxTimeSums.of(part(parts - 1), beta, means());
            for (int k = parts - 2; k >= 0; k--) {
                sums = sums.plus(CoxTimeSums.of(part(k), beta, means()));
            }
            return sums;
        }

        /** Part k's rows, dealt round the rows in shares of 1/6, 2/6 and 3/6 (all rows for one part). */
        SurvivalData part(int k) {
            int[] deal = {0, 1, 1, 2, 2, 2};
            List<Integer> rows = new ArrayList<>();
            for (int i = 0; i < data.rows(); i++) {
                if (deal[i % 6] % parts == k) {
                    rows.add(i);
                }
            }
            int n = rows.size();
            double[] stop = new double[n];
            double[] start = new double[n];
            boolean[] event = new boolean[n];
            for (int r = 0; r < n; r++) {
                int i = rows.get(r);
                stop[r] = data.stop[i];
                start[r] = data.start == null ? 0 : data.start[i];
                event[r] = data.event[i];
            }
            SurvivalData part = data.start == null ? SurvivalData.of(stop, event) : SurvivalData.ofIntervals(start, stop, event);
            for (int j = 0; j < data.columns.length; j++) {
                double[] column = new double[n];
                for (int r = 0; r < n; r++) {
                    column[r] = data.columns[j][rows.get(r)];
                }
                part = part.withCovariate(data.covariateNames().get(j), column);
            }
            if (data.weight != null) {
                part = part.withWeights(rows.stream().mapToDouble(i -> data.weight[i]).toArray());
            }
            if (data.stratum != null) {
                part = part.withStrata(rows.stream().mapToInt(i -> data.stratum[i]).toArray());
            }
            return part;
        }
    }

    private static void assertSameFit(CoxModel parted, CoxModel whole) {
        assertThat(parted.covariateNames()).isEqualTo(whole.covariateNames());
        double[] b = parted.coefficients();
        double[] expected = whole.coefficients();
        for (int j = 0; j < b.length; j++) {
            assertThat(b[j]).as("coefficient " + j).isCloseTo(expected[j], within(REL * Math.abs(expected[j])));
            double se = Math.sqrt(parted.naiveCovariance()[j][j]);
            double wholeSe = Math.sqrt(whole.naiveCovariance()[j][j]);
            assertThat(se).as("se " + j).isCloseTo(wholeSe, within(REL * wholeSe));
        }
        assertThat(parted.logLikelihood()).isCloseTo(whole.logLikelihood(), within(REL * Math.abs(whole.logLikelihood())));
        assertThat(parted.nullLogLikelihood()).isCloseTo(whole.nullLogLikelihood(),
                within(REL * Math.abs(whole.nullLogLikelihood())));
        assertThat(parted.scoreTest().statistic()).isCloseTo(whole.scoreTest().statistic(),
                within(REL * whole.scoreTest().statistic()));
        assertThat(parted.iterations()).isEqualTo(whole.iterations());
        assertThat(parted.converged()).isTrue();
        assertThat(parted.rows()).isEqualTo(whole.rows());
        assertThat(parted.events()).isEqualTo(whole.events());
        List<CoxModel.Step> steps = parted.baselineCumulativeHazard();
        List<CoxModel.Step> wholeSteps = whole.baselineCumulativeHazard();
        assertThat(steps).hasSameSizeAs(wholeSteps).isNotEmpty();
        for (int i = 0; i < steps.size(); i++) {
            assertThat(steps.get(i).stratum()).isEqualTo(wholeSteps.get(i).stratum());
            assertThat(steps.get(i).time()).isEqualTo(wholeSteps.get(i).time());
            double h = wholeSteps.get(i).cumulativeHazard();
            assertThat(steps.get(i).cumulativeHazard()).isCloseTo(h, within(REL * h));
        }
    }

    @Test
    void threePartsFitAsTheRowsInOneJvmWithEitherTies() {
        SurvivalData data = CoxModelTest.lung(Lung.ROWS, Lung.AGE, Lung.SEX);
        for (Ties ties : Ties.values()) {
            CoxModel whole = CoxModel.fit(data, ties);
            CoxModel parted = CoxModel.fit(new Parts(data, 3), ties, FitOptions.defaults());
            assertSameFit(parted, whole);
            assertThat(parted.ties()).isEqualTo(ties);
            // R's coxph on age + sex (lung-reference.csv), through the in-memory fit
            String prefix = ties == Ties.EFRON ? "" : "breslow.";
            if (ties == Ties.EFRON) {
                assertThat(parted.coefficient("sex")).isCloseTo(Lung.r("efron.coef.sex"), within(1e-7 * Math.abs(Lung.r("efron.coef.sex"))));
            } else {
                assertThat(parted.logLikelihood()).isCloseTo(Lung.r(prefix + "loglik"), within(1e-8));
            }
            assertThat(parted.survival(365, 60, 1)).isCloseTo(whole.survival(365, 60, 1), within(1e-12));
            assertThat(parted.waldTest().statistic()).isCloseTo(whole.waldTest().statistic(),
                    within(REL * whole.waldTest().statistic()));
        }
    }

    @Test
    void strataAndWeightsFitAsInOneJvm() {
        List<double[]> rows = Lung.complete(Lung.ECOG, Lung.INST);
        int[] strata = new int[rows.size()];
        double[] weights = new double[rows.size()];
        for (int i = 0; i < strata.length; i++) {
            strata[i] = (int) rows.get(i)[Lung.SEX];
            weights[i] = 1 + (rows.get(i)[Lung.INST] % 3) / 2;
        }
        SurvivalData data = CoxModelTest.lung(rows, Lung.AGE, Lung.ECOG).withStrata(strata).withWeights(weights);
        for (Ties ties : Ties.values()) {
            assertSameFit(CoxModel.fit(new Parts(data, 3), ties, FitOptions.defaults()), CoxModel.fit(data, ties));
        }
        CoxModel stratified = CoxModel.fit(new Parts(data, 2), Ties.EFRON, FitOptions.defaults());
        assertThat(stratified.baselineCumulativeHazard()).extracting(CoxModel.Step::stratum).containsOnly(1, 2);
    }

    @Test
    void countingProcessRowsFitAsInOneJvm() {
        SurvivalData split = CoxModelTest.split(true);
        assertThat(split.start).isNotNull();
        CoxModel whole = CoxModel.fit(split);
        CoxModel parted = CoxModel.fit(new Parts(split, 3), Ties.EFRON, FitOptions.defaults());
        assertSameFit(parted, whole);
        assertThat(parted.logLikelihood()).isCloseTo(Lung.r("splitlate.loglik"), within(1e-8));
    }

    @Test
    void mergedSumsEqualOnePassInAnyOrder() {
        SurvivalData data = CoxModelTest.lung(Lung.ROWS, Lung.AGE, Lung.SEX);
        double[] beta = {0.02, -0.5};
        CoxTimeSums one = new Parts(data, 1).sums(beta);
        CoxTimeSums three = new Parts(data, 3).sums(beta);
        assertThat(three.times()).isEqualTo(one.times()).isEqualTo(186);
        assertThat(one.covariates()).isEqualTo(2);
        for (boolean efron : new boolean[] {true, false}) {
            double[] u1 = new double[2];
            double[] u3 = new double[2];
            double[] i1 = new double[4];
            double[] i3 = new double[4];
            double l1 = one.partialLikelihood(efron, u1, i1, null);
            double l3 = three.partialLikelihood(efron, u3, i3, null);
            assertThat(l3).isCloseTo(l1, within(1e-13 * Math.abs(l1)));
            for (int a = 0; a < 2; a++) {
                assertThat(u3[a]).isCloseTo(u1[a], within(1e-10 * (1 + Math.abs(u1[a]))));
                for (int b = 0; b < 2; b++) {
                    assertThat(i3[a * 2 + b]).isCloseTo(i1[a * 2 + b], within(1e-12 * Math.abs(i1[a * 2 + b])));
                }
            }
            // the in-memory sweep at the same β, on centred covariates
            CoxRiskSets rs = new CoxRiskSets(data, efron);
            double[] u = new double[2];
            double[] info = new double[4];
            assertThat(rs.sweep(beta, null, u, info, null)).isCloseTo(l1, within(1e-13 * Math.abs(l1)));
            assertThat(u[1]).isCloseTo(u1[1], within(1e-10));
            assertThat(info[3]).isCloseTo(i1[3], within(1e-12 * info[3]));
        }
        assertThat(one.toString()).isEqualTo("CoxTimeSums[2 covariates, 186 times]");
    }

    @Test
    void aModelFittedInPartsHasNoRowsForWhatNeedsThem() {
        SurvivalData data = CoxModelTest.lung(Lung.ROWS, Lung.AGE, Lung.SEX);
        CoxModel parted = CoxModel.fit(new Parts(data, 3), Ties.EFRON, FitOptions.defaults());
        assertThat(parted.hasRows()).isFalse();
        assertThat(CoxModel.fit(data).hasRows()).isTrue();
        assertThatThrownBy(parted::data).isInstanceOf(UndefinedResultException.class).hasMessageContaining("parts");
        assertThatThrownBy(parted::concordance).isInstanceOf(UndefinedResultException.class)
                .hasMessageContaining("concordance");
        assertThatThrownBy(parted::robustCovariance).isInstanceOf(UndefinedResultException.class);
        assertThatThrownBy(parted::proportionalHazardsTest).isInstanceOf(UndefinedResultException.class);
        assertThat(parted.covariance()).isDeepEqualTo(parted.naiveCovariance());
        assertThat(parted.toTable().toText()).contains("age").contains("sex").doesNotContain("robust");
        assertThat(parted.toString()).startsWith("CoxModel (efron ties): 228 rows, 165 events, age 0.017045, sex -0.513219");
    }

    @Test
    void mismatchedArgumentsAreRefusedAndSmallSumsAreTheHandDerivedOnes() {
        // five customers: (time, churned, x) = (3, yes, 1.5), (5, no, 2), (5, yes, -1), (7, yes, 0.5), (9, no, 1)
        SurvivalData five = SurvivalData.of(new double[] {3, 5, 5, 7, 9}, new boolean[] {true, false, true, true, false})
                .withCovariate("x", new double[] {1.5, 2, -1, 0.5, 1});
        assertThatThrownBy(() -> CoxTimeSums.of(five, new double[] {0.1, 0.2}, new double[] {0}))
                .isInstanceOf(InvalidArgumentException.class).hasMessage("beta must be one per covariate [x], was 2 values");
        assertThatThrownBy(() -> CoxTimeSums.of(five, new double[] {0.1}, new double[] {0, 0}))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("means must be one per covariate");
        assertThatThrownBy(() -> CoxTimeSums.of(five, new double[] {Double.NaN}, new double[] {0}))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("beta");
        CoxTimeSums sums = CoxTimeSums.of(five, new double[] {0.1}, new double[] {0.0});
        CoxTimeSums two = CoxTimeSums.of(CoxModelTest.lung(Lung.ROWS, Lung.AGE, Lung.SEX), new double[] {0, 0},
                new double[] {0, 0});
        assertThatThrownBy(() -> sums.plus(two)).isInstanceOf(InvalidArgumentException.class)
                .hasMessage("other must be sums of 1 covariates, was 2 covariates");
        assertThat(sums.times()).isEqualTo(4);
        double[] u = new double[1];
        double[] info = new double[1];
        double ll = sums.partialLikelihood(false, u, info, null);
        // by hand (Breslow, β = 0.1, x not centred): at t = 3 all five at risk, at 5 four (one churns), at 7 two;
        // ℓ = Σ over churners of βx − ln Σ over the risk set of e^(βx)
        double r = Math.exp(0.15) + Math.exp(0.2) + Math.exp(-0.1) + Math.exp(0.05) + Math.exp(0.1);
        double expected = 0.15 - Math.log(r) + (-0.1 - Math.log(r - Math.exp(0.15)))
                + (0.05 - Math.log(Math.exp(0.05) + Math.exp(0.1)));
        assertThat(ll).isCloseTo(expected, within(1e-14));
        // the same rows in two parts, merged either way
        SurvivalData odd = SurvivalData.of(new double[] {3, 5, 9}, new boolean[] {true, true, false})
                .withCovariate("x", new double[] {1.5, -1, 1});
        SurvivalData even = SurvivalData.of(new double[] {5, 7}, new boolean[] {false, true})
                .withCovariate("x", new double[] {2, 0.5});
        for (CoxTimeSums merged : List.of(CoxTimeSums.of(odd, new double[] {0.1}, new double[] {0.0})
                .plus(CoxTimeSums.of(even, new double[] {0.1}, new double[] {0.0})), CoxTimeSums.of(even,
                        new double[] {0.1}, new double[] {0.0}).plus(CoxTimeSums.of(odd, new double[] {0.1}, new double[] {0.0})))) {
            assertThat(merged.times()).isEqualTo(4);
            assertThat(merged.partialLikelihood(false, new double[1], new double[1], null)).isCloseTo(expected,
                    within(1e-14));
        }
    }
}
