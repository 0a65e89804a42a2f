package org.loyaltymetrics.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.loyaltymetrics.data.SpendHistories;

/**
 * Fitting the Gamma-Gamma model to the likelihood of spend data held in parts: on one part holding every
 * row, the estimates of {@code fit(spend)} to the last bit (the same objective, start and procedure); on
 * the 946 CDNOW repeat buyers dealt into three parts of different sizes, the parts' summed values and
 * gradients equal the whole's to 1e-12 relative (only the order of the sums differs), and the fit equals
 * the single fit to 1e-9 relative at a tolerance of 1e-10.
 */
class PartitionedSpendLikelihoodTest {

    /** The parts' likelihoods added, as an engine adds its partitions' sums. */
    record Sum(List<PartitionedSpendLikelihood> parts) implements PartitionedSpendLikelihood {
        @Override
        public double sum(double[] theta, double[] gradient) {
            double total = 0;
            if (gradient != null) {
                java.util.Arrays.fill(gradient, 0.0);
            }
            for (PartitionedSpendLikelihood part : parts) {
                double[] g = gradient == null ? null : new double[theta.length];
                total += part.sum(theta, g);
                for (int i = 0; g != null && i < g.length; i++) {
                    gradient[i] += g[i];
                }
            }
            return total;
        }

        @Override
        public long customers() {
            return parts.stream().mapToLong(PartitionedSpendLikelihood::customers).sum();
        }

        @Override
        public long distinctRows() {
            return parts.stream().mapToLong(PartitionedSpendLikelihood::distinctRows).sum();
        }

        @Override
        public double averageMeanSpend() {
            return parts.stream().mapToDouble(p -> p.averageMeanSpend() * p.customers()).sum() / customers();
        }
    }

    /** The distinct rows dealt into parts of 1/6, 2/6 and 3/6 of them, round the rows. */
    static List<SpendHistories> thirds(SpendHistories all) {
        List<SpendHistories.Accumulator> parts = List.of(SpendHistories.accumulator(), SpendHistories.accumulator(),
                SpendHistories.accumulator());
        int[] deal = {0, 1, 1, 2, 2, 2};
        for (int i = 0; i < all.distinctRows(); i++) {
            parts.get(deal[i % 6]).add(all.frequency(i), all.meanSpend(i), all.weight(i));
        }
        List<SpendHistories> spend = new ArrayList<>();
        parts.forEach(p -> spend.add(p.snapshot()));
        return spend;
    }

    @Test
    void onePartHoldingEveryRowFitsToTheLastBit() {
        SpendHistories cdnow = ReferenceData.cdnowSpend();
        GammaGammaModel single = GammaGammaModel.fit(cdnow);
        PartitionedSpendLikelihood one = GammaGammaModel.likelihood(cdnow);
        assertThat(one.customers()).isEqualTo(946);
        assertThat(one.averageMeanSpend()).isEqualTo(cdnow.averageMeanSpend());
        GammaGammaModel parted = GammaGammaModel.fit(one, FitOptions.defaults());
        assertThat(parted.fitResult().parameters()).isEqualTo(single.fitResult().parameters());
        assertThat(parted.fitResult().logLikelihood()).isEqualTo(single.fitResult().logLikelihood());
        assertThat(parted.fitResult().standardErrors()).isEqualTo(single.fitResult().standardErrors());
    }

    @Test
    void theSumsOfThreePartsAreTheWholesAndFitTheSameModelTo1e9() {
        SpendHistories cdnow = ReferenceData.cdnowSpend();
        List<SpendHistories> parts = thirds(cdnow);
        assertThat(parts).allSatisfy(p -> assertThat(p.customers()).isPositive());
        Sum sum = new Sum(parts.stream().map(GammaGammaModel::likelihood).toList());
        assertThat(sum.customers()).isEqualTo(946);
        assertThat(sum.averageMeanSpend()).isCloseTo(cdnow.averageMeanSpend(), within(1e-12 * cdnow.averageMeanSpend()));
        double[] theta = {6.0, 3.5, 15.0};
        double[] g1 = new double[3];
        double[] g2 = new double[3];
        double v1 = GammaGammaModel.likelihood(cdnow).sum(theta, g1);
        double v2 = sum.sum(theta, g2);
        assertThat(v2).isCloseTo(v1, within(1e-12 * Math.abs(v1)));
        assertThat(v1).isEqualTo(GammaGammaModel.of(6.0, 3.5, 15.0).logLikelihood(cdnow));
        for (int i = 0; i < 3; i++) {
            assertThat(g2[i]).isCloseTo(g1[i], within(1e-10 * (1 + Math.abs(g1[i]))));
        }
        FitOptions tight = FitOptions.defaults().withTolerance(1e-10);
        GammaGammaModel single = GammaGammaModel.fit(cdnow, tight);
        GammaGammaModel parted = GammaGammaModel.fit(sum, tight);
        assertThat(parted.p()).isCloseTo(single.p(), within(1e-9 * single.p()));
        assertThat(parted.q()).isCloseTo(single.q(), within(1e-9 * single.q()));
        assertThat(parted.v()).isCloseTo(single.v(), within(1e-9 * single.v()));
        assertThat(parted.fitResult().logLikelihood()).isCloseTo(single.fitResult().logLikelihood(), within(1e-9));
        // scipy's maximum on these rows (GammaGammaModelTest): p 6.24880351, q 3.74458826, v 15.44774464
        assertThat(parted.v()).isCloseTo(15.44774464, within(1e-4));
    }

    @Test
    void aFitOfNoCustomersFailsAsTheSingleFitDoes() {
        PartitionedSpendLikelihood none = GammaGammaModel.likelihood(SpendHistories.accumulator().snapshot());
        assertThat(none.averageMeanSpend()).isZero();
        assertThatThrownBy(() -> GammaGammaModel.fit(none, FitOptions.defaults())).isInstanceOf(ModelFitException.class)
                .hasMessageContaining("no customers");
        assertThatThrownBy(() -> GammaGammaModel.fit(SpendHistories.accumulator().snapshot()))
                .isInstanceOf(ModelFitException.class).hasMessageContaining("no customers");
    }
}
