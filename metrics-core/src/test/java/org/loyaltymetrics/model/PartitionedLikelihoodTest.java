package org.loyaltymetrics.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.loyaltymetrics.InvalidArgumentException;
import org.loyaltymetrics.data.PurchaseHistories;

/**
 * Fitting the BG/NBD, MBG/NBD and Pareto/NBD models to the likelihood of data held in parts: on one part holding
 * every history, the estimates of {@code fit(histories)} to the last bit (the same objective, start and
 * procedure); on the CDNOW histories split in three parts of different sizes, the sums of the parts'
 * values, gradients and Hessians equal the whole's to 1e-12 relative (only the order of the sums
 * differs), and the fit equals the single fit to 1e-9 relative at a tolerance of 1e-10 (to 1e-8 at the
 * default tolerance, where both stop a little short of the maximum).
 */
class PartitionedLikelihoodTest {

    /** The parts' likelihoods added, as an engine adds its partitions' sums. */
    record Sum(List<PartitionedLikelihood> parts) implements PartitionedLikelihood {
        @Override
        public String model() {
            return parts.get(0).model();
        }

        @Override
        public double sum(double[] theta, double[] gradient, double[][] hessian) {
            double total = 0;
            int n = theta.length;
            for (PartitionedLikelihood part : parts) {
                double[] g = gradient == null ? null : new double[n];
                double[][] h = hessian == null ? null : new double[n][n];
                total += part.sum(theta, g, h);
                for (int i = 0; i < n; i++) {
                    if (g != null) {
                        gradient[i] = (part == parts.get(0) ? 0 : gradient[i]) + g[i];
                    }
                    for (int j = 0; h != null && j < n; j++) {
                        hessian[i][j] = (part == parts.get(0) ? 0 : hessian[i][j]) + h[i][j];
                    }
                }
            }
            return total;
        }

        @Override
        public boolean hasHessian() {
            return parts.get(0).hasHessian();
        }

        @Override
        public long customers() {
            return parts.stream().mapToLong(PartitionedLikelihood::customers).sum();
        }

        @Override
        public long distinctRows() {
            return parts.stream().mapToLong(PartitionedLikelihood::distinctRows).sum();
        }

        @Override
        public double meanFrequency() {
            return parts.stream().mapToDouble(p -> p.meanFrequency() * p.customers()).sum() / customers();
        }

        @Override
        public double meanAge() {
            return parts.stream().mapToDouble(p -> p.meanAge() * p.customers()).sum() / customers();
        }

        @Override
        public ChronoUnit timeUnit() {
            return parts.get(0).timeUnit();
        }
    }

    /** CDNOW's distinct rows dealt into parts of 1/6, 2/6 and 3/6 of them, round the rows. */
    static List<PurchaseHistories> thirds(PurchaseHistories all) {
        List<PurchaseHistories.Accumulator> parts = List.of(PurchaseHistories.accumulator(all.timeUnit()),
                PurchaseHistories.accumulator(all.timeUnit()), PurchaseHistories.accumulator(all.timeUnit()));
        long[] x = all.frequencies();
        double[] recency = all.recencies();
        double[] age = all.ages();
        long[] weight = all.weights();
        int[] deal = {0, 1, 1, 2, 2, 2};
        for (int i = 0; i < x.length; i++) {
            parts.get(deal[i % 6]).add(x[i], recency[i], age[i], weight[i]);
        }
        List<PurchaseHistories> histories = new ArrayList<>();
        parts.forEach(p -> histories.add(p.snapshot()));
        return histories;
    }

    @Test
    void onePartHoldingEveryHistoryFitsToTheLastBit() {
        PurchaseHistories cdnow = ReferenceData.cdnow();
        BetaGeometricNbdModel single = BetaGeometricNbdModel.fit(cdnow);
        BetaGeometricNbdModel parted = BetaGeometricNbdModel.fit(BetaGeometricNbdModel.likelihood(cdnow),
                FitOptions.defaults());
        assertThat(parted.fitResult().parameters()).isEqualTo(single.fitResult().parameters());
        assertThat(parted.fitResult().logLikelihood()).isEqualTo(single.fitResult().logLikelihood());
        assertThat(parted.timeUnit()).isEqualTo(ChronoUnit.WEEKS);

        ModifiedBetaGeometricNbdModel mbg = ModifiedBetaGeometricNbdModel.fit(cdnow);
        assertThat(ModifiedBetaGeometricNbdModel.fit(ModifiedBetaGeometricNbdModel.likelihood(cdnow),
                FitOptions.defaults()).fitResult().parameters()).isEqualTo(mbg.fitResult().parameters());
    }

    @Test
    void theSumsOfThreePartsAreTheWholesAndFitTheSameModelTo1e9() {
        PurchaseHistories cdnow = ReferenceData.cdnow();
        List<PurchaseHistories> parts = thirds(cdnow);
        assertThat(parts.stream().mapToLong(PurchaseHistories::customers).sum()).isEqualTo(2357);
        Sum sum = new Sum(parts.stream().map(BetaGeometricNbdModel::likelihood).toList());
        PartitionedLikelihood whole = BetaGeometricNbdModel.likelihood(cdnow);
        double[] theta = {0.3, 4.0, 0.8, 2.5};
        double[] g1 = new double[4];
        double[] g2 = new double[4];
        double[][] h1 = new double[4][4];
        double[][] h2 = new double[4][4];
        double v1 = whole.sum(theta, g1, h1);
        double v2 = sum.sum(theta, g2, h2);
        assertThat(v2).isCloseTo(v1, within(1e-12 * Math.abs(v1)));
        for (int i = 0; i < 4; i++) {
            assertThat(g2[i]).isCloseTo(g1[i], within(1e-10 * (1 + Math.abs(g1[i]))));
            for (int j = 0; j < 4; j++) {
                assertThat(h2[i][j]).isCloseTo(h1[i][j], within(1e-10 * (1 + Math.abs(h1[i][j]))));
            }
        }
        assertThat(sum.meanAge()).isCloseTo(cdnow.meanAge(), within(1e-12));
        assertThat(sum.meanFrequency()).isCloseTo(cdnow.meanFrequency(), within(1e-12));

        // with the default tolerance both fits stop where the gradient is small enough, 2e-9 apart
        // (relative) on CDNOW; with a tolerance of 1e-10, both are at the maximum to 1e-9
        double[] single = estimates(BetaGeometricNbdModel.fit(cdnow));
        double[] parted = estimates(BetaGeometricNbdModel.fit(sum, FitOptions.defaults()));
        FitOptions tight = FitOptions.defaults().withTolerance(1e-10);
        double[] singleTight = estimates(BetaGeometricNbdModel.fit(cdnow, tight));
        double[] partedTight = estimates(BetaGeometricNbdModel.fit(sum, tight));
        for (int i = 0; i < 4; i++) {
            assertThat(parted[i]).isCloseTo(single[i], within(1e-8 * single[i]));
            assertThat(partedTight[i]).isCloseTo(singleTight[i], within(1e-9 * singleTight[i]));
        }
        // the published CDNOW estimates (Fader, Hardie & Lee 2005): r 0.243, alpha 4.414, a 0.793, b 2.426
        assertThat(parted[0]).isCloseTo(0.243, within(0.0005));
        assertThat(parted[3]).isCloseTo(2.426, within(0.0005));
    }

    @Test
    void paretoNbdOnOnePartAndOnThreeEqualsTheSingleFit() {
        PurchaseHistories cdnow = ReferenceData.cdnow();
        FitOptions tight = FitOptions.defaults().withTolerance(1e-10);
        ParetoNbdModel single = ParetoNbdModel.fit(cdnow, tight);
        PartitionedLikelihood one = ParetoNbdModel.likelihood(cdnow);
        assertThat(one.hasHessian()).isFalse();
        assertThat(ParetoNbdModel.fit(one, tight).fitResult().parameters()).isEqualTo(single.fitResult().parameters());
        ParetoNbdModel parted = ParetoNbdModel.fit(new Sum(thirds(cdnow).stream().map(ParetoNbdModel::likelihood)
                .toList()), tight);
        double[] expected = {single.r(), single.alpha(), single.s(), single.beta()};
        double[] actual = {parted.r(), parted.alpha(), parted.s(), parted.beta()};
        for (int i = 0; i < 4; i++) {
            assertThat(actual[i]).isCloseTo(expected[i], within(1e-9 * expected[i]));
        }
    }

    static double[] estimates(BetaGeometricNbdModel model) {
        return new double[] {model.r(), model.alpha(), model.a(), model.b()};
    }

    @Test
    void aFitRefusesTheLikelihoodOfAnotherModel() {
        PartitionedLikelihood mbg = ModifiedBetaGeometricNbdModel.likelihood(ReferenceData.cdnow());
        assertThat(mbg.model()).isEqualTo("MBG/NBD");
        assertThatThrownBy(() -> BetaGeometricNbdModel.fit(mbg, FitOptions.defaults()))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessage("total must be a likelihood of the BG/NBD model, was one of MBG/NBD");
    }
}
