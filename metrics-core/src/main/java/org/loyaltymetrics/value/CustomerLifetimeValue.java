package org.loyaltymetrics.value;

import org.loyaltymetrics.InvalidArgumentException;
import org.loyaltymetrics.UndefinedResultException;
import org.loyaltymetrics.internal.Checks;
import org.loyaltymetrics.internal.Formatting;

/**
 * Customer lifetime value (CLV, LTV) by formula: the value a customer is expected to bring over the
 * relationship (the telecom KPI guide), weighed against the cost of acquiring them (the customer-experience metrics
 * guide). Three formulas, kept apart, each value labelled with its {@link Definition}:
 *
 * <ul>
 *   <li>{@link #simple simple}: average order value × purchases per period × expected lifespan in
 *       periods (× margin rate): 50 × 4 per year × 3 years × 0.3 = 180.</li>
 *   <li>{@link #retention(double, double, double) retention-based}, with margin m per period,
 *       retention rate r per period and discount rate d per period: the margin of each period the
 *       customer is still there, discounted, Σ<sub>t≥1</sub> m r<sup>t</sup> / (1 + d)<sup>t</sup> =
 *       m · r / (1 + d − r) over an infinite horizon (the first margin comes at the end of the first
 *       period, if the customer is retained); m = 100, r = 0.8, d = 0.1 give 266.67. Over a finite
 *       horizon of N periods, {@link #retention(double, double, double, int)} sums the first N terms.</li>
 *   <li>{@link #saas SaaS LTV} = ARPA × gross margin / customer churn rate per period (the expected
 *       lifetime is 1/churn periods): ARPA 100 and churn 5 % give 2,000; undefined when churn is 0.</li>
 * </ul>
 *
 * <p>An acquisition cost may be subtracted ({@link #minusAcquisitionCost(double)}: CLV − CAC, the
 * customer-experience metrics guide); {@link #ltvToCacRatio(double)} and {@link #cacPaybackMonths} relate value to
 * acquisition cost. Historical CLV, revenue or margin to date, is {@link HistoricalCustomerLifetimeValue}; model-based
 * CLV (BG/NBD with Gamma-Gamma) is computed from fitted models.
 *
 * <p>These are model-based estimates, not sums of money: inputs and results are {@code double}s in one
 * currency's major units (exact sums to date are {@link HistoricalCustomerLifetimeValue}, in
 * {@link org.loyaltymetrics.money.Money}). Inputs outside their range throw
 * {@link InvalidArgumentException} naming the input, and a discount rate that makes the infinite sum
 * diverge (1 + d − r &lt;= 0) too. The value is a figure computed from the caller's inputs (averages,
 * rates), not from records, so it carries no sampling uncertainty of its own.
 *
 * <p>This record is immutable and thread-safe. It has no accumulator: its inputs are figures, not
 * records.
 *
 * @param definition the formula the value was computed with
 * @param grossValue the lifetime value before the acquisition cost
 * @param acquisitionCost the acquisition cost subtracted, 0 if none
 * @param inputs the formula's inputs as text, as {@code toString()} prints them, e.g.
 *     {@code "ARPA 100.00 × gross margin 1 / churn 0.05"}
 */
public record CustomerLifetimeValue(Definition definition, double grossValue, double acquisitionCost, String inputs) {

    /**
     * The formula a value was computed with. It labels a computed value ({@link #definition()}); it is
     * never an argument, since each formula is its own factory with its own inputs, so it has no
     * {@code DEFAULT}.
     */
    public enum Definition {
        /** Average order value × purchase frequency × lifespan × margin rate. */
        SIMPLE,
        /** m · r / (1 + d − r), the retention-based value over an infinite horizon. */
        RETENTION,
        /** Σ<sub>t=1..N</sub> m r<sup>t</sup> / (1 + d)<sup>t</sup>, the retention-based value over N periods. */
        RETENTION_FINITE,
        /** ARPA × gross margin / churn rate. */
        SAAS
    }

    /**
     * Validates the components.
     *
     * @throws NullPointerException if {@code definition} or {@code inputs} is null
     * @throws InvalidArgumentException if the gross value is not finite, or the acquisition cost is
     *     negative or not finite
     */
    public CustomerLifetimeValue {
        Checks.notNull(definition, "definition");
        Checks.finite(grossValue, "the lifetime value");
        Checks.nonNegative(acquisitionCost, "acquisitionCost");
        Checks.notNull(inputs, "inputs");
    }

    /**
     * The simple CLV without margin: average order value × purchases per period × lifespan in periods
     * (a revenue figure).
     *
     * @throws InvalidArgumentException if an input is negative or not finite
     */
    public static CustomerLifetimeValue simple(double averageOrderValue, double purchasesPerPeriod,
            double lifespanPeriods) {
        return simple(averageOrderValue, purchasesPerPeriod, lifespanPeriods, 1.0);
    }

    /**
     * The simple CLV: average order value × purchases per period × lifespan in periods × margin rate.
     * The value is &gt;= 0, and 0 is +0.0 (inputs of −0.0 are read as 0). The product is taken as the
     * product of the factors' binary mantissas scaled once by the sum of their exponents, so that no
     * partial product overflows or underflows when the whole product is a double (1e300 × 1e10 × 1e-300
     * is 1e10).
     *
     * @throws InvalidArgumentException if an input is negative or not finite, the margin rate is not
     *     in [0, 1], or the product overflows a double (argument {@code "the lifetime value"})
     */
    public static CustomerLifetimeValue simple(double averageOrderValue, double purchasesPerPeriod,
            double lifespanPeriods, double marginRate) {
        Checks.nonNegative(averageOrderValue, "averageOrderValue");
        Checks.nonNegative(purchasesPerPeriod, "purchasesPerPeriod");
        Checks.nonNegative(lifespanPeriods, "lifespanPeriods");
        Checks.fraction(marginRate, "marginRate");
        return new CustomerLifetimeValue(Definition.SIMPLE,
                product(averageOrderValue, purchasesPerPeriod, lifespanPeriods, marginRate), 0.0,
                "AOV " + money(averageOrderValue) + " × " + number(purchasesPerPeriod) + " purchases per period × "
                        + number(lifespanPeriods) + " periods × margin " + number(marginRate));
    }

    /**
     * The retention-based CLV over an infinite horizon, m · r / (1 + d − r).
     *
     * @param marginPerPeriod m, the margin a retained customer brings each period, finite
     * @param retentionRate r, the share of customers retained each period, in [0, 1]
     * @param discountRate d, per period, &gt; −1 and such that 1 + d − r &gt; 0
     * @throws InvalidArgumentException if an input is out of range or the sum diverges (r = 1 with
     *     d &lt;= 0)
     */
    public static CustomerLifetimeValue retention(double marginPerPeriod, double retentionRate, double discountRate) {
        checkRetentionInputs(marginPerPeriod, retentionRate, discountRate);
        double denominator = 1.0 + discountRate - retentionRate;
        if (!(denominator > 0)) {
            throw new InvalidArgumentException("discountRate", "discountRate must be > retentionRate - 1 = "
                    + (retentionRate - 1.0) + " for the infinite sum to converge, was " + discountRate);
        }
        return new CustomerLifetimeValue(Definition.RETENTION, marginPerPeriod * retentionRate / denominator, 0.0,
                retentionInputs(marginPerPeriod, retentionRate, discountRate) + ", infinite horizon");
    }

    /**
     * The retention-based CLV over {@code periods} periods,
     * Σ<sub>t=1..N</sub> m r<sup>t</sup> / (1 + d)<sup>t</sup> = m q (1 − q<sup>N</sup>) / (1 − q) with
     * q = r / (1 + d) (m N when q = 1).
     *
     * @throws InvalidArgumentException if an input is out of range or periods &lt; 1
     */
    public static CustomerLifetimeValue retention(double marginPerPeriod, double retentionRate, double discountRate,
            int periods) {
        checkRetentionInputs(marginPerPeriod, retentionRate, discountRate);
        if (periods < 1) {
            throw InvalidArgumentException.of("periods", ">= 1", periods);
        }
        double q = retentionRate / (1.0 + discountRate);
        double sum = q == 1.0 ? (double) periods : q * -Math.expm1(periods * Math.log(q)) / (1.0 - q);
        return new CustomerLifetimeValue(Definition.RETENTION_FINITE, marginPerPeriod * sum, 0.0,
                retentionInputs(marginPerPeriod, retentionRate, discountRate) + ", " + periods + " periods");
    }

    /**
     * The product of finite factors &gt;= 0 (+0.0 if one is zero, −0.0 included): the mantissas in [1, 2)
     * multiplied (at most 16), then scaled once by 2 to the sum of the exponents, so that only the
     * final result can overflow (to infinity) or underflow.
     */
    private static double product(double... factors) {
        double mantissa = 1.0;
        int exponent = 0;
        for (double factor : factors) {
            if (factor == 0.0) {
                return 0.0;
            }
            double normal = factor;
            if (Math.getExponent(normal) < Double.MIN_EXPONENT) { // subnormal: scale it into the normal range
                normal *= 0x1p54;
                exponent -= 54;
            }
            int e = Math.getExponent(normal);
            mantissa *= Math.scalb(normal, -e);
            exponent += e;
        }
        return Math.scalb(mantissa, exponent);
    }

    private static void checkRetentionInputs(double margin, double retention, double discount) {
        Checks.finite(margin, "marginPerPeriod");
        Checks.fraction(retention, "retentionRate");
        if (!(discount > -1.0 && discount < Double.POSITIVE_INFINITY)) {
            throw InvalidArgumentException.of("discountRate", "finite and > -1", discount);
        }
    }

    private static String retentionInputs(double margin, double retention, double discount) {
        return "margin " + money(margin) + " per period, retention " + number(retention) + ", discount "
                + number(discount);
    }

    /**
     * The SaaS lifetime value, ARPA × gross margin / churn rate.
     *
     * @param averageRevenuePerAccount ARPA per period, finite and &gt;= 0
     * @param grossMargin the gross margin rate, in [0, 1] (1 for a revenue LTV)
     * @param churnRate the customer churn rate per period, in [0, 1]
     * @throws InvalidArgumentException if an input is out of range
     * @throws UndefinedResultException if the churn rate is 0 (the lifetime is unbounded)
     */
    public static CustomerLifetimeValue saas(double averageRevenuePerAccount, double grossMargin, double churnRate) {
        Checks.nonNegative(averageRevenuePerAccount, "averageRevenuePerAccount");
        Checks.fraction(grossMargin, "grossMargin");
        Checks.fraction(churnRate, "churnRate");
        if (churnRate == 0.0) {
            throw new UndefinedResultException("the SaaS LTV is undefined: a churn rate of 0 means an unbounded lifetime");
        }
        return new CustomerLifetimeValue(Definition.SAAS, averageRevenuePerAccount * grossMargin / churnRate, 0.0,
                "ARPA " + money(averageRevenuePerAccount) + " × gross margin " + number(grossMargin) + " / churn "
                        + number(churnRate));
    }

    /**
     * The CAC payback period in months: the months of gross margin that repay the acquisition cost,
     * CAC / (monthly ARPA × gross margin). CAC 600, ARPA 100 and gross margin 0.8 pay back in 7.5 months.
     *
     * @throws InvalidArgumentException if an input is out of range
     * @throws UndefinedResultException if monthly ARPA × gross margin is 0
     */
    public static double cacPaybackMonths(double acquisitionCost, double monthlyRevenuePerAccount, double grossMargin) {
        Checks.nonNegative(acquisitionCost, "acquisitionCost");
        Checks.nonNegative(monthlyRevenuePerAccount, "monthlyRevenuePerAccount");
        Checks.fraction(grossMargin, "grossMargin");
        double monthlyMargin = monthlyRevenuePerAccount * grossMargin;
        if (monthlyMargin == 0.0) {
            throw new UndefinedResultException("the CAC payback is undefined: no monthly gross margin to repay it");
        }
        return acquisitionCost / monthlyMargin;
    }

    /**
     * This value with {@code acquisitionCost} subtracted: {@link #value()} becomes gross value − CAC.
     *
     * @throws InvalidArgumentException if the cost is negative or not finite
     */
    public CustomerLifetimeValue minusAcquisitionCost(double acquisitionCost) {
        return new CustomerLifetimeValue(definition, grossValue, acquisitionCost, inputs);
    }

    /** The lifetime value net of the acquisition cost (the gross value when none was given). */
    public double value() {
        return grossValue - acquisitionCost;
    }

    /**
     * The LTV:CAC ratio, gross value / acquisition cost (3 or more is the usual target).
     *
     * @throws InvalidArgumentException if the cost is not finite and &gt; 0
     */
    public double ltvToCacRatio(double acquisitionCost) {
        return grossValue / Checks.positive(acquisitionCost, "acquisitionCost");
    }

    /** Reads, e.g., {@code "CLV (SAAS) 2000.00 = ARPA 100.00 × gross margin 1 / churn 0.05"}. */
    @Override
    public String toString() {
        return "CLV (" + definition + ") " + money(value()) + (acquisitionCost == 0 ? " = " : " = "
                + money(grossValue) + " - acquisition cost " + money(acquisitionCost) + "; ") + inputs;
    }

    private static String money(double value) {
        return Formatting.decimal(value, 2);
    }

    private static String number(double value) {
        String text = Formatting.decimal(value, 6).replaceAll("0+$", "");
        return text.endsWith(".") ? text.substring(0, text.length() - 1) : text;
    }
}
