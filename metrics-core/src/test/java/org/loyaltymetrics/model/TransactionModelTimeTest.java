package org.loyaltymetrics.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.loyaltymetrics.InvalidArgumentException;

/** {@link TransactionModel#toModelTime}: a duration in any unit, in the model's unit; misuse refused naming amount. */
class TransactionModelTimeTest {

    private static final List<TransactionModel> MODELS = List.of(
            BetaGeometricNbdModel.of(0.243, 4.414, 0.793, 2.426, ChronoUnit.WEEKS),
            ModifiedBetaGeometricNbdModel.of(0.525, 6.183, 0.891, 1.614, ChronoUnit.DAYS),
            ParetoNbdModel.of(0.553, 10.578, 0.606, 11.669, ChronoUnit.NANOS));

    @Test
    void nanNegativeAndInfiniteAmountsAreRefusedNamingAmount() {
        for (TransactionModel model : MODELS) {
            for (double amount : new double[] {Double.NaN, -1, -Double.MIN_VALUE, -1e300, Double.NEGATIVE_INFINITY,
                    Double.POSITIVE_INFINITY}) {
                InvalidArgumentException e = catchThrowableOfType(InvalidArgumentException.class,
                        () -> model.toModelTime(amount, ChronoUnit.DAYS));
                assertThat(e).as("%s of %s", amount, model).isNotNull();
                assertThat(e.argument()).isEqualTo("amount");
                assertThat(e).hasMessage("amount must be finite and >= 0, was " + amount);
            }
        }
    }

    @Test
    void zeroIsPositiveZeroAndAnAmountThatOverflowsIsRefused() {
        TransactionModel inNanos = MODELS.get(2);
        assertThat(inNanos.toModelTime(-0.0, ChronoUnit.DAYS)).isEqualTo(0.0); // Double.equals: not -0.0
        assertThat(inNanos.toModelTime(0.0, ChronoUnit.MILLENNIA)).isEqualTo(0.0);
        InvalidArgumentException e = catchThrowableOfType(InvalidArgumentException.class,
                () -> inNanos.toModelTime(1e300, ChronoUnit.MILLENNIA));
        assertThat(e.argument()).isEqualTo("amount");
        assertThat(e.getMessage()).startsWith("amount must be at most ").endsWith(" millennia to be finite in nanos, "
                + "was 1.0E300");
    }

    /**
     * A sweep over amounts from 0 and subnormals to 1e308 and every unit but FOREVER, in models of three
     * units: each result is finite, &gt;= +0.0 and equal to amount × (unit / model unit) computed from
     * the units' durations with BigDecimal, to 1e-15 relative; or, exactly where that product exceeds the
     * largest double, an InvalidArgumentException naming amount.
     */
    @Test
    void sweep() {
        int failures = 0;
        int refused = 0;
        MathContext context = new MathContext(40);
        BigDecimal almostLargest = new BigDecimal(Double.MAX_VALUE).multiply(new BigDecimal("0.999999"));
        double[] amounts = new double[618];
        BigDecimal[] exactAmounts = new BigDecimal[amounts.length];
        for (int i = 0; i < amounts.length; i++) {
            amounts[i] = i == 0 ? 0.0 : i == 1 ? Double.MIN_VALUE : Math.pow(10, -309 + i); // 1e-307 .. 1e308
            exactAmounts[i] = new BigDecimal(amounts[i], context);
        }
        for (TransactionModel model : MODELS) {
            BigDecimal modelSeconds = seconds(model.timeUnit().getDuration());
            for (ChronoUnit unit : ChronoUnit.values()) {
                if (unit == ChronoUnit.FOREVER) {
                    continue;
                }
                BigDecimal ratio = seconds(unit.getDuration()).divide(modelSeconds, context);
                for (int i = 0; i < amounts.length; i++) {
                    double amount = amounts[i];
                    BigDecimal exact = exactAmounts[i].multiply(ratio, context);
                    try {
                        double time = model.toModelTime(amount, unit);
                        double reference = exact.doubleValue();
                        boolean sign = time > 0 || Double.doubleToRawLongBits(time) == 0L;
                        if (!sign || !Double.isFinite(time)
                                || Math.abs(time - reference) > 1e-15 * reference + 2 * Double.MIN_VALUE) {
                            failures++;
                        }
                    } catch (InvalidArgumentException e) {
                        refused++;
                        if (!e.argument().equals("amount") || exact.compareTo(almostLargest) < 0) {
                            failures++;
                        }
                    }
                }
            }
        }
        assertThat(failures).isZero();
        assertThat(refused).as("amounts that overflow").isPositive();
    }

    private static BigDecimal seconds(Duration duration) {
        return BigDecimal.valueOf(duration.getSeconds()).add(BigDecimal.valueOf(duration.getNano(), 9));
    }
}
