package org.loyaltymetrics.internal;

import java.util.SplittableRandom;

/**
 * Random variates for simulation from a seeded {@link SplittableRandom}, so that a seed always gives
 * the same draws: gamma by Marsaglia &amp; Tsang (2000), with the shape-boost U^(1/k) for shapes below 1;
 * beta as X / (X + Y) of two gammas, taken from their logarithms so that tiny shapes do not give 0/0;
 * exponential by inversion.
 */
public final class RandomVariates {

    private RandomVariates() {
    }

    /** A gamma variate with shape {@code shape} &gt; 0 and rate {@code rate} &gt; 0 (mean shape / rate). */
    public static double gamma(SplittableRandom random, double shape, double rate) {
        return Math.exp(logGamma(random, shape)) / rate;
    }

    /** The logarithm of a gamma variate with the given shape and rate 1. */
    public static double logGamma(SplittableRandom random, double shape) {
        if (shape < 1.0) {
            // X_k = X_{k+1} · U^(1/k)
            double u = 1.0 - random.nextDouble();
            return logGamma(random, shape + 1.0) + Math.log(u) / shape;
        }
        double d = shape - 1.0 / 3.0;
        double c = 1.0 / Math.sqrt(9.0 * d);
        while (true) {
            double x;
            double v;
            do {
                x = standardNormal(random);
                v = 1.0 + c * x;
            } while (v <= 0.0);
            v = v * v * v;
            double u = 1.0 - random.nextDouble();
            double xSquared = x * x;
            if (u < 1.0 - 0.0331 * xSquared * xSquared
                    || Math.log(u) < 0.5 * xSquared + d * (1.0 - v + Math.log(v))) {
                return Math.log(d) + Math.log(v);
            }
        }
    }

    /** A beta variate with shapes {@code a}, {@code b} &gt; 0. */
    public static double beta(SplittableRandom random, double a, double b) {
        double logX = logGamma(random, a);
        double logY = logGamma(random, b);
        // X / (X + Y) = 1 / (1 + e^(ln Y − ln X))
        return 1.0 / (1.0 + Math.exp(logY - logX));
    }

    /** An exponential variate with rate {@code rate} &gt; 0. */
    public static double exponential(SplittableRandom random, double rate) {
        return -Math.log(1.0 - random.nextDouble()) / rate;
    }

    /** A standard normal variate (Marsaglia's polar method, one of the pair). */
    public static double standardNormal(SplittableRandom random) {
        double u;
        double v;
        double s;
        do {
            u = 2.0 * random.nextDouble() - 1.0;
            v = 2.0 * random.nextDouble() - 1.0;
            s = u * u + v * v;
        } while (s >= 1.0 || s == 0.0);
        return u * Math.sqrt(-2.0 * Math.log(s) / s);
    }
}
