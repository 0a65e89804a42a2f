package org.loyaltymetrics.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The checks of {@link MaximumLikelihood} on likelihoods whose maxima are known by construction. */
class FitProcedureTest {

    /**
     * LL(p, q) = −N · 10⁻⁴ p q^0.2: the supremum is at p → 0, along which the likelihood flattens; BFGS
     * stops where the gradient has fallen below the tolerance, p about e^−11.5 from its start of 1 (more
     * than e⁹, less than e¹⁸), where the Hessian in ln θ is singular (the objective depends on
     * ln p + 0.2 ln q alone).
     */
    private static final MaximumLikelihood.LogLikelihood TOWARD_ZERO = new MaximumLikelihood.LogLikelihood() {
        @Override
        public double value(double[] theta, double[] gradient) {
            double f = 1e-4 * theta[0] * Math.pow(theta[1], 0.2);
            if (gradient != null) {
                gradient[0] = -1000 * f / theta[0];
                gradient[1] = -1000 * 0.2 * f / theta[1];
            }
            return -1000 * f;
        }

        @Override
        public boolean hasGradient() {
            return true;
        }
    };

    @Test
    void aParameterFarOutWithoutAProperMaximumRanOff() {
        assertThatThrownBy(() -> MaximumLikelihood.fit("toy", List.of("p", "q"), TOWARD_ZERO, new double[] {1, 1}, 1000,
                1, FitOptions.defaults())).isInstanceOf(ModelFitException.class)
                .hasMessageStartingWith("cannot fit the toy model: parameter p ran off to ");
        ModelFit flagged = MaximumLikelihood.fit("toy", List.of("p", "q"), TOWARD_ZERO, new double[] {1, 1}, 1000, 1,
                FitOptions.defaults().allowingNonConvergence());
        assertThat(flagged.identified()).isFalse();
        assertThat(Math.log(flagged.estimates()[0])).isBetween(-18.0, -9.0);
    }

    @Test
    void aFitStartedFromASampleFindsTheSameMaximum() {
        // a normal likelihood of 100,000 rows, N(μ, σ) with μ = 3, σ = 2 fitted as θ = (μ, σ): the warm start
        // (a sample of every k-th row) leads to the maximum of the whole data, the sample mean and deviation
        int rows = 100_000;
        double[] values = new double[rows];
        double mean = 0.0;
        for (int i = 0; i < rows; i++) {
            values[i] = 3 + 2 * Math.sin(i * 0.7311) * Math.sqrt(2) + 1e-3 * (i % 7);
            mean += values[i] / rows;
        }
        double variance = 0.0;
        for (double v : values) {
            variance += (v - mean) * (v - mean) / rows;
        }
        double[] sampled = new double[1];
        ModelFit fit = MaximumLikelihood.fit("normal", List.of("mu", "sigma"), normal(values, 1, sampled),
                new double[] {1, 1}, rows, rows, FitOptions.defaults());
        assertThat(sampled[0]).as("sample likelihoods made").isEqualTo(1);
        assertThat(fit.estimates()[0]).isCloseTo(mean, org.assertj.core.api.Assertions.within(1e-8 * mean));
        assertThat(fit.estimates()[1]).isCloseTo(Math.sqrt(variance),
                org.assertj.core.api.Assertions.within(1e-8 * Math.sqrt(variance)));
    }

    /** −Σ (v − μ)²/(2σ²) − ln σ over every {@code stride}-th value; counts the samples it makes. */
    private static MaximumLikelihood.LogLikelihood normal(double[] values, int stride, double[] samples) {
        return new MaximumLikelihood.LogLikelihood() {
            @Override
            public double value(double[] theta, double[] gradient) {
                double mu = theta[0];
                double sigma = theta[1];
                double total = 0.0;
                double dMu = 0.0;
                double dSigma = 0.0;
                for (int i = stride / 2; i < values.length; i += stride) {
                    double z = (values[i] - mu) / sigma;
                    total += -0.5 * z * z - Math.log(sigma);
                    dMu += z / sigma;
                    dSigma += (z * z - 1) / sigma;
                }
                if (gradient != null) {
                    gradient[0] = dMu;
                    gradient[1] = dSigma;
                }
                return total;
            }

            @Override
            public boolean hasGradient() {
                return true;
            }

            @Override
            public MaximumLikelihood.LogLikelihood sample(int every) {
                samples[0]++;
                return normal(values, every, samples);
            }
        };
    }
}
