package org.loyaltymetrics.internal;

import org.loyaltymetrics.InvalidArgumentException;

/**
 * The generalized exponential integral Eₛ(z) = ∫₁^∞ e^(−zu) u^(−s) du of real order s and z &gt; 0, scaled
 * by e^z:
 * <pre>
 *   J(s, z) = e^z Eₛ(z) = ∫₀^∞ e^(−zt) (1 + t)^(−s) dt = U(1, 2 − s; z) = z^(s−1) U(s, s; z) = e^z z^(s−1) Γ(1 − s, z),
 * </pre>
 * with U Tricomi's confluent hypergeometric function of the second kind (DLMF 13.4.4 and 13.2.40,
 * 8.19.1) and Γ(a, z) the upper incomplete gamma function. It is the discounting factor of the
 * Pareto/NBD's discounted expected residual transactions.
 *
 * <ul>
 * <li>z ≥ 1 or s ≥ 30: Legendre's continued fraction of Γ(a, z) (DLMF 8.9.2; Numerical Recipes, 3rd
 * ed., eq. 6.2.7) with a = 1 − s, J = 1/(z + s − 1·s/(z + s + 2 − 2(s + 1)/(z + s + 4 − …))), by the
 * modified Lentz method; it converges for every z &gt; 0, in at most about 100 steps there (but in
 * about 60/z steps for small z and s).</li>
 * <li>else (z &lt; 1, s &lt; 30): the order is reduced to s₀ = s − k ∈ [½, 3/2) (or kept where s &lt; ½), J(s₀, z) is taken
 * from the series Γ(a, z) = Γ(a) − z^a Σₙ (−z)ⁿ/(n! (a + n)) with a = 1 − s₀, its pole pair at a = 0 (s₀ = 1)
 * summed without cancellation as Γ(1 + a)[(z^(−a) − 1)/a − g(a)] with g(a) = (1/Γ(1 + a) − 1)/a from the
 * Taylor series of 1/Γ (Abramowitz &amp; Stegun 6.1.34, 26 coefficients); then the recurrence
 * J(s + 1, z) = (1 − z J(s, z))/s (integration by parts) k times upward, which is stable there
 * (z J(s, z) stays below 0.76 for s ≥ ½ and z &lt; 1).</li>
 * </ul>
 * Over s in 10⁻⁴..10³ (including s within 10⁻⁴ of ½, 1 and 3/2) and z in 10⁻¹⁰..10⁴ it agrees with
 * adaptive quadrature of the integral to 1e-14 relative.
 */
public final class ExponentialIntegral {

    /** The coefficients c₂, c₃, … of 1/Γ(x) = Σ cₖ xᵏ (Abramowitz &amp; Stegun 6.1.34; c₁ = 1). */
    private static final double[] RECIPROCAL_GAMMA = {0.5772156649015329, -0.6558780715202538, -0.0420026350340952,
        0.1665386113822915, -0.0421977345555443, -0.0096219715278770, 0.0072189432466630, -0.0011651675918591,
        -0.0002152416741149, 0.0001280502823882, -0.0000201348547807, -0.0000012504934821, 0.0000011330272320,
        -0.0000002056338417, 0.0000000061160950, 0.0000000050020075, -0.0000000011812746, 0.0000000001043427,
        0.0000000000077823, -0.0000000000036968, 0.0000000000005100, -0.0000000000000206, -0.0000000000000054,
        0.0000000000000014, 0.0000000000000001};

    private static final int MAX_STEPS = 100_000;
    private static final double TINY = 1e-300;

    private ExponentialIntegral() {
    }

    /**
     * J(s, z) = e^z Eₛ(z) = ∫₀^∞ e^(−zt) (1 + t)^(−s) dt, for finite s &gt; 0 and finite z &gt; 0.
     *
     * @throws InvalidArgumentException if s or z is not finite and &gt; 0
     */
    public static double scaled(double s, double z) {
        Checks.positive(s, "s");
        Checks.positive(z, "z");
        if (z >= 1.0 || s >= 30.0) {
            return continuedFraction(s, z);
        }
        if (s < 0.5) {
            return smallZ(s, z);
        }
        double k = Math.floor(s - 0.5);
        double s0 = s - k;
        double j = smallZ(s0, z);
        for (int i = 0; i < k; i++) {
            j = (1.0 - z * j) / (s0 + i);
        }
        return j;
    }

    private static double continuedFraction(double s, double z) {
        double a = 1.0 - s;
        double b = z + s;
        double c = 1.0 / TINY;
        double d = 1.0 / b;
        double h = d;
        for (int i = 1; i < MAX_STEPS; i++) {
            double an = -i * (i - a);
            b += 2.0;
            d = an * d + b;
            if (Math.abs(d) < TINY) {
                d = TINY;
            }
            c = b + an / c;
            if (Math.abs(c) < TINY) {
                c = TINY;
            }
            d = 1.0 / d;
            double delta = d * c;
            h *= delta;
            if (Math.abs(delta - 1.0) < 1e-16) {
                return h;
            }
        }
        throw new ArithmeticException("the continued fraction of E_s(z) did not converge for s=" + s + ", z=" + z);
    }

    /** J(s, z) for z &lt; 1 and s &lt; 3/2 (a = 1 − s &gt; −½) from the series of Γ(a, z). */
    private static double smallZ(double s, double z) {
        double a = 1.0 - s;
        double g = reciprocalGammaDifference(a);
        double gamma = 1.0 / (1.0 + a * g); // Γ(1 + a)
        double logZ = Math.log(z);
        double y = -a * logZ;
        // z^(−a) Γ(a, z) = Γ(1 + a)[(z^(−a) − 1)/a − g(a)] − Σₙ≥₁ (−z)ⁿ/(n! (a + n))
        double head = gamma * (-logZ * expm1OverX(y) - g);
        double term = 1.0;
        double sum = 0.0;
        for (int n = 1; n < 200; n++) {
            term *= -z / n;
            double next = term / (a + n);
            sum += next;
            if (Math.abs(next) <= 1e-17 * Math.abs(sum)) {
                break;
            }
        }
        return Math.exp(z) * (head - sum);
    }

    /** g(a) = (1/Γ(1 + a) − 1)/a = Σₖ≥₂ cₖ a^(k−2), for |a| ≤ 1. */
    static double reciprocalGammaDifference(double a) {
        double sum = 0.0;
        for (int k = RECIPROCAL_GAMMA.length - 1; k >= 0; k--) {
            sum = sum * a + RECIPROCAL_GAMMA[k];
        }
        return sum;
    }

    private static double expm1OverX(double y) {
        return Math.abs(y) < 1e-12 ? 1.0 + 0.5 * y : Math.expm1(y) / y;
    }
}
