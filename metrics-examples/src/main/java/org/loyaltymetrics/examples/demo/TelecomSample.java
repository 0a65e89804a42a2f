package org.loyaltymetrics.examples.demo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;

/**
 * The generator of the bundled synthetic telecom customer table, {@code demo/telecom-customers.csv}, for the
 * {@code churn-model} command and its examples: 3,000 customers of a subscription business, not real data.
 *
 * <p>Columns: {@code customer_id} (T0001..), {@code tenure_months} (whole months as a customer, at least 1),
 * {@code churned} (1 if the customer left, 0 if still one when the data were taken), {@code contract}
 * (month-to-month 55 %, one-year 25 %, two-year 20 %), {@code monthly_charges} (uniform 20 to 120, two
 * decimals), {@code support_calls} (support calls in the last quarter, Poisson with mean 1.5), {@code
 * region} (north, south, east, west, equally likely; no effect on churn).
 *
 * <p>Lifetimes are drawn from a Weibull proportional-hazards model with shape 0.8 and scale 40 months,
 * S(t | x) = exp(−(t / 40)^0.8 e^{xᵀβ}), with log hazard ratios −1.0 for a one-year and −2.0 for a two-year
 * contract (against month-to-month), 0.01 per unit of monthly charges above 70 and 0.25 per support call;
 * customers joined uniformly over the 72 months before the data were taken, which censors them at their
 * time since joining. Tenure is the lifetime or the censoring time rounded up to whole months, so that many
 * customers share a tenure (ties, as real monthly billing data have). Regenerate with
 * {@code java TelecomSample.java FILE} (seed {@value #SEED}); the examples' test checks the committed file is
 * this generator's output.
 */
public final class TelecomSample {

    /** The seed of the committed file. */
    public static final long SEED = 20_140_001L;

    /** The customers of the committed file. */
    public static final int CUSTOMERS = 3000;

    private static final String[] REGIONS = {"north", "south", "east", "west"};

    private TelecomSample() {
    }

    /** The CSV text (lines ended by {@code \n}) of {@code customers} customers drawn with {@code seed}. */
    public static String csv(long seed, int customers) {
        Random random = new Random(seed);
        StringBuilder out = new StringBuilder(
                "customer_id,tenure_months,churned,contract,monthly_charges,support_calls,region\n");
        for (int i = 1; i <= customers; i++) {
            double u = random.nextDouble();
            String contract = u < 0.55 ? "month-to-month" : u < 0.80 ? "one-year" : "two-year";
            double charges = Math.round((20 + 100 * random.nextDouble()) * 100) / 100.0;
            int calls = poisson(random, 1.5);
            String region = REGIONS[random.nextInt(REGIONS.length)];
            double eta = (contract.equals("one-year") ? -1.0 : contract.equals("two-year") ? -2.0 : 0.0)
                    + 0.01 * (charges - 70) + 0.25 * calls;
            double exponential = -Math.log(1 - random.nextDouble());
            double lifetime = 40 * Math.pow(exponential / Math.exp(eta), 1 / 0.8);
            double sinceJoining = 72 * random.nextDouble();
            boolean churned = lifetime <= sinceJoining;
            int tenure = (int) Math.max(1, Math.ceil(Math.min(lifetime, sinceJoining)));
            out.append(String.format(Locale.ROOT, "T%04d,%d,%d,%s,%.2f,%d,%s%n", i, tenure, churned ? 1 : 0, contract,
                    charges, calls, region).replace(System.lineSeparator(), "\n"));
        }
        return out.toString();
    }

    private static int poisson(Random random, double mean) {
        double limit = Math.exp(-mean);
        double product = random.nextDouble();
        int count = 0;
        while (product > limit) {
            product *= random.nextDouble();
            count++;
        }
        return count;
    }

    /** Writes the committed file's content to the path given. */
    public static void main(String[] args) throws IOException {
        Files.writeString(Path.of(args[0]), csv(SEED, CUSTOMERS), StandardCharsets.UTF_8);
    }
}
