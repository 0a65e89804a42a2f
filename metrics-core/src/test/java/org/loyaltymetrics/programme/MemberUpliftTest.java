package org.loyaltymetrics.programme;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDate;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.loyaltymetrics.InvalidArgumentException;
import org.loyaltymetrics.UndefinedResultException;
import org.loyaltymetrics.money.CurrencyUnit;
import org.loyaltymetrics.stats.Proportion;

class MemberUpliftTest {

    private static LocalDate d(String date) {
        return LocalDate.parse(date);
    }

    /**
     * By hand, window 2025-01-01 to 2025-04-01, EUR:
     * <pre>
     * c1 member since 2024-06-01: 01-05 10.00, 02-05 20.00, 03-05 30.00 (3 purchases, 60.00); before its
     *    enrolment 2024-04-15, after it 2024-06-10 and 2024-07-01 (1.00 each)
     * c2 member since 2024-10-01: 02-10 5.00 (1, 5.00); around enrolment 2024-09-15 (before), 10-01, 10-15, 11-29
     * c3 non-member: 01-20 15.00, 03-20 5.00 (2, 20.00)
     * c4 non-member: 03-01 10.00 (1, 10.00)
     * c5 non-member: 04-10 only (outside the window)
     * c6 enrolled 2025-02-01, in the window: left out; 01-03 1.00
     * </pre>
     */
    static MemberUplift example() {
        return MemberUplift.accumulator(CurrencyUnit.EUR)
                .addEnrolment(1, d("2024-06-01")).addPurchase(1, d("2025-01-05"), 1000).addPurchase(1, d("2025-02-05"), 2000)
                .addPurchase(1, d("2025-03-05"), 3000).addPurchase(1, d("2024-04-15"), 100)
                .addPurchase(1, d("2024-06-10"), 100).addPurchase(1, d("2024-07-01"), 100)
                .addEnrolment(2, d("2024-10-01")).addPurchase(2, d("2025-02-10"), 500).addPurchase(2, d("2024-09-15"), 100)
                .addPurchase(2, d("2024-10-01"), 100).addPurchase(2, d("2024-10-15"), 100).addPurchase(2, d("2024-11-29"), 100)
                .addPurchase(3, d("2025-01-20"), 1500).addPurchase(3, d("2025-03-20"), 500)
                .addPurchase(4, d("2025-03-01"), 1000)
                .addPurchase(5, d("2025-04-10"), 800)
                .addEnrolment(6, d("2025-02-01")).addPurchase(6, d("2025-01-03"), 100)
                .snapshot();
    }

    @Test
    void membersAgainstNonMembersByHand() {
        MemberUplift.Comparison comparison = example().compare(d("2025-01-01"), d("2025-04-01"));
        // repeat: members c1 (3) and c2 (1): 1 of 2; non-members c3 (2), c4 (1): 1 of 2
        assertThat(comparison.memberRepeat()).isEqualTo(Proportion.of(1, 2));
        assertThat(comparison.nonMemberRepeat()).isEqualTo(Proportion.of(1, 2));
        // frequency: members (3, 1): mean 2, sd sqrt(2), SE 1, 1 df; non-members (2, 1): 1.5, SE 0.5
        assertThat(comparison.memberFrequency().value()).isEqualTo(2.0);
        assertThat(comparison.memberFrequency().standardError()).isCloseTo(1.0, within(1e-15));
        assertThat(comparison.memberFrequency().degreesOfFreedom()).isEqualTo(1.0);
        assertThat(comparison.nonMemberFrequency().value()).isEqualTo(1.5);
        assertThat(comparison.nonMemberFrequency().standardError()).isCloseTo(0.5, within(1e-15));
        // spend: members (60, 5): 32.50, SE 27.50; non-members (20, 10): 15, SE 5
        assertThat(comparison.memberSpend().value()).isCloseTo(32.5, within(1e-12));
        assertThat(comparison.memberSpend().standardError()).isCloseTo(27.5, within(1e-12));
        assertThat(comparison.nonMemberSpend().value()).isCloseTo(15.0, within(1e-12));
        assertThat(comparison.nonMemberSpend().standardError()).isCloseTo(5.0, within(1e-12));
        // uplift in frequency: 0.5 with SE sqrt(1 + 1/4)
        assertThat(comparison.frequencyUplift().difference()).isCloseTo(0.5, within(1e-15));
        assertThat(comparison.frequencyUplift().standardError()).isCloseTo(Math.sqrt(1.25), within(1e-15));
        assertThat(comparison.spendUplift().difference()).isCloseTo(17.5, within(1e-12));
        assertThat(comparison.toString()).isEqualTo("members 2.00 purchases (repeat 50.00%) vs non-members 1.50 (repeat 50.00%)");
    }

    @Test
    void beforeAndAfterEnrolmentByHand() {
        // k = 2 periods of 30 days. c1 (enrolled 2024-06-01): before [04-02, 06-01): 1 purchase, 0.5 per period;
        // after [06-01, 07-31): 2, 1.0. c2 (2024-10-01): before 1 (0.5), after 10-01, 10-15, 11-29: 1.5.
        // c6's span ends after the as-of date 2025-03-15. Changes 0.5 and 1.0: mean 0.75, SE 0.25.
        MemberUplift.BeforeAfter result = example().beforeAfter(2, 30, d("2024-01-01"), d("2025-03-15"));
        assertThat(result.members()).isEqualTo(2);
        assertThat(result.before().value()).isCloseTo(0.5, within(1e-15));
        assertThat(result.after().value()).isCloseTo(1.25, within(1e-15));
        assertThat(result.change().value()).isCloseTo(0.75, within(1e-15));
        assertThat(result.change().standardError()).isCloseTo(0.25, within(1e-15));
        assertThat(result.toString()).isEqualTo("2 members, 2 periods of 30 days: 0.50 before, 1.25 after (change 0.75, SE 0.25)");
        assertThatThrownBy(() -> example().beforeAfter(2, 30, d("2024-05-01"), d("2025-03-15")))
                .isInstanceOf(UndefinedResultException.class);
        assertThatThrownBy(() -> example().beforeAfter(0, 30, d("2024-01-01"), d("2025-03-15")))
                .isInstanceOf(InvalidArgumentException.class).hasMessage("periods must be >= 1, was 0");
    }

    @Test
    void badInputAndPrinting() {
        assertThatThrownBy(() -> MemberUplift.accumulator(CurrencyUnit.EUR).addPurchase(1, d("2025-01-01"), -1))
                .isInstanceOf(InvalidArgumentException.class);
        assertThatThrownBy(() -> MemberUplift.accumulator(CurrencyUnit.EUR).combine(MemberUplift.accumulator(CurrencyUnit.USD)))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("currency");
        assertThat(example().toString()).isEqualTo("purchases of 6 customers in EUR, 3 members, 16 purchases");
        assertThat(example()).isEqualTo(example()).hasSameHashCodeAs(example());
    }

    /**
     * A simulated population whose uplift is known. Half the customers are light buyers (0.02 purchases a day),
     * half heavy (0.06); heavy ones join with chance 0.6, light ones with 0.2 (self-selection), on a day uniform
     * in [60, 400); from their enrolment on, a member buys at (1 + u) times their rate, u = 0.25. Purchases are
     * a Poisson process over days [0, 730).
     *
     * <p>Truth, before/after (k = 2 periods of 30 days): the mean change per period is u × 30 × E[λ | member],
     * with E[λ | member] = (0.5 × 0.6 × 0.06 + 0.5 × 0.2 × 0.02) / (0.5 × 0.6 + 0.5 × 0.2) = 0.05: 0.375.
     *
     * <p>Truth, members against non-members over the window [400, 490) (90 days; every member enrolled before
     * it): among the customers who bought, E[N | N ≥ 1] = Σ w μ / Σ w (1 − e^−μ) over the classes, with
     * members' weights 3/4 heavy, 1/4 light and μ = 1.25 × 90 λ, non-members' 1/3 heavy, 2/3 light and
     * μ = 90 λ. The difference is the association the comparison measures: mostly self-selection, not the
     * programme's 25 %.
     *
     * <p>Over 100 populations of 600 customers, the 95 % intervals of both hold their truths at least 89 times
     * (the 1 % quantile of a binomial(100, 0.95)). Measured: 92 (before/after, truth 0.375) and 95 (members
     * against non-members, truth 2.405 purchases).
     */
    @Test
    void simulatedUpliftIsRecoveredWithinItsIntervalsAtTheStatedRate() {
        double u = 0.25;
        double truthChange = u * 30 * 0.05;
        double truthDifference = truncatedMean(new double[] {0.75, 0.25}, new double[] {1.25 * 90 * 0.06, 1.25 * 90 * 0.02})
                - truncatedMean(new double[] {1.0 / 3, 2.0 / 3}, new double[] {90 * 0.06, 90 * 0.02});
        int coveredChange = 0;
        int coveredDifference = 0;
        LocalDate day0 = d("2023-01-01");
        for (int k = 0; k < 100; k++) {
            SplittableRandom random = new SplittableRandom(500 + k);
            MemberUplift.Accumulator acc = MemberUplift.accumulator(CurrencyUnit.EUR);
            for (int c = 0; c < 600; c++) {
                boolean heavy = random.nextBoolean();
                double rate = heavy ? 0.06 : 0.02;
                boolean joins = random.nextDouble() < (heavy ? 0.6 : 0.2);
                double enrol = joins ? 60 + random.nextInt(340) : Double.POSITIVE_INFINITY;
                if (joins) {
                    acc.addEnrolment(c, day0.plusDays((long) enrol));
                }
                double t = 0;
                while (true) {
                    double r = t >= enrol ? rate * (1 + u) : rate;
                    double next = t - Math.log(1 - random.nextDouble()) / r;
                    if (t < enrol && next >= enrol) { // memoryless: restart at the enrolment with the new rate
                        t = enrol;
                        continue;
                    }
                    t = next;
                    if (t >= 730) {
                        break;
                    }
                    acc.addPurchase(c, day0.plusDays((long) t), 500 + random.nextInt(1001));
                }
            }
            MemberUplift uplift = acc.snapshot();
            if (uplift.beforeAfter(2, 30, day0, day0.plusDays(729)).change().confidenceInterval(0.95).contains(truthChange)) {
                coveredChange++;
            }
            MemberUplift.Comparison comparison = uplift.compare(day0.plusDays(400), day0.plusDays(490));
            double difference = comparison.frequencyUplift().difference();
            double margin = 1.959963984540054 * comparison.frequencyUplift().standardError();
            if (Math.abs(difference - truthDifference) <= margin) {
                coveredDifference++;
            }
        }
        assertThat(coveredChange).as("before/after intervals holding %s", truthChange).isGreaterThanOrEqualTo(89);
        assertThat(coveredDifference).as("member/non-member intervals holding %s", truthDifference).isGreaterThanOrEqualTo(89);
    }

    private static double truncatedMean(double[] weights, double[] means) {
        double numerator = 0;
        double denominator = 0;
        for (int i = 0; i < weights.length; i++) {
            numerator += weights[i] * means[i];
            denominator += weights[i] * (1 - Math.exp(-means[i]));
        }
        return numerator / denominator;
    }
}
