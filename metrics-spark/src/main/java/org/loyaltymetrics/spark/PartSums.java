package org.loyaltymetrics.spark;

import java.io.Serializable;
import org.apache.spark.api.java.JavaRDD;

/**
 * The sum of a likelihood over the parts held in the partitions of an RDD, by one {@code treeAggregate}:
 * the log-likelihood, its gradient and its Hessian, each part's added on its executor, the partitions'
 * sums added on the way to the driver. A part whose likelihood cannot be evaluated at θ
 * ({@link ArithmeticException}) makes the sum throw one on the driver, as the single-JVM likelihood
 * would.
 */
final class PartSums {

    private PartSums() {
    }

    /** One part's sums at θ, writing the gradient and Hessian where they are not null. */
    @FunctionalInterface
    interface Summand<P> extends Serializable {
        double sum(P part, double[] theta, double[] gradient, double[][] hessian);
    }

    /**
     * Σ over the parts of {@code summand} at {@code theta}, writing the summed gradient and Hessian into
     * {@code gradient} and {@code hessian} where they are not null.
     *
     * @throws ArithmeticException if a part cannot be evaluated at θ (the message names {@code model})
     */
    static <P> double sum(JavaRDD<P> parts, Summand<P> summand, String model, double[] theta, double[] gradient,
            double[][] hessian) {
        int n = theta.length;
        double[] at = theta.clone();
        boolean withGradient = gradient != null;
        boolean withHessian = hessian != null;
        // [0] ln L, [1..n] gradient, then the n × n Hessian by rows, and a last slot counting the parts
        // that could not evaluate ln L
        double[] sums = parts.treeAggregate(new double[2 + n + n * n], (acc, part) -> {
            double[] g = withGradient ? new double[n] : null;
            double[][] h = withHessian ? new double[n][n] : null;
            try {
                acc[0] += summand.sum(part, at, g, h);
            } catch (ArithmeticException e) {
                acc[1 + n + n * n] += 1;
                return acc;
            }
            for (int i = 0; i < n; i++) {
                if (g != null) {
                    acc[1 + i] += g[i];
                }
                for (int j = 0; h != null && j < n; j++) {
                    acc[1 + n + i * n + j] += h[i][j];
                }
            }
            return acc;
        }, PartSums::add, 2);
        if (sums[1 + n + n * n] > 0) {
            throw new ArithmeticException("the " + model + " likelihood cannot be evaluated at the parameters");
        }
        for (int i = 0; i < n; i++) {
            if (gradient != null) {
                gradient[i] = sums[1 + i];
            }
            for (int j = 0; hessian != null && j < n; j++) {
                hessian[i][j] = sums[1 + n + i * n + j];
            }
        }
        return sums[0];
    }

    /** Adds {@code more} into {@code into}, entry by entry, and returns {@code into}. */
    static double[] add(double[] into, double[] more) {
        for (int i = 0; i < into.length; i++) {
            into[i] += more[i];
        }
        return into;
    }
}
