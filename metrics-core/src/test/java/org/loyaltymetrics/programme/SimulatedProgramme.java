package org.loyaltymetrics.programme;

import java.time.LocalDate;
import java.util.SplittableRandom;

/**
 * A simulated points programme whose breakage is known. Member i enrols on a day uniform over the first
 * year and earns 1 to 4 lots of 10 to 100 points that day; they redeem each lot, independently, with their
 * own chance πᵢ ~ Beta(1, 1) (so that a member's lots are correlated), after a time T ~ exponential with mean
 * {@value #MEAN_DAYS} days, burning it whole on day ⌊T⌋ after issue if that is before the expiry at
 * {@value #EXPIRY_DAYS} days; what is left expires then. The as-of date is day 300, so that many lots are
 * outstanding (censored). All of a member's lots share their issue day, so FIFO allocation gives each point
 * its true age.
 *
 * <p>The truth: a point is redeemed with chance E[π] P(T &lt; 180) = ½ (1 − e^{−180/60}), so the breakage is
 * B = 1 − ½ (1 − e^{−3}) = 0.5248935. A point outstanding at age a &lt; 180 is redeemed later with chance
 * ½ (e^{−a/60} − e^{−3}) / (1 − ½ (1 − e^{−a/60})) (the marginal over π, as the estimator sees it).
 */
final class SimulatedProgramme {

    static final int EXPIRY_DAYS = 180;
    static final double MEAN_DAYS = 60.0;
    static final double TRUE_BREAKAGE = 1.0 - 0.5 * (1.0 - Math.exp(-EXPIRY_DAYS / MEAN_DAYS));
    static final LocalDate DAY_ZERO = LocalDate.of(2024, 1, 1);

    private final PointsLedger ledger;
    private final LocalDate asOf;

    private SimulatedProgramme(PointsLedger ledger, LocalDate asOf) {
        this.ledger = ledger;
        this.asOf = asOf;
    }

    static SimulatedProgramme generate(int members, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        PointsLedger.Accumulator acc = PointsLedger.accumulator();
        for (int m = 1; m <= members; m++) {
            LocalDate enrol = DAY_ZERO.plusDays(random.nextInt(365));
            double pi = random.nextDouble();
            int lots = 1 + random.nextInt(4);
            for (int lot = 0; lot < lots; lot++) {
                long points = 10 + random.nextInt(91);
                acc.add(m, enrol, LedgerEvent.EARN, points);
                boolean redeems = random.nextDouble() < pi;
                double t = -MEAN_DAYS * Math.log(1.0 - random.nextDouble());
                if (redeems && t < EXPIRY_DAYS) {
                    acc.add(m, enrol.plusDays((long) t), LedgerEvent.BURN, points);
                } else {
                    acc.add(m, enrol.plusDays(EXPIRY_DAYS), LedgerEvent.EXPIRE, points);
                }
            }
        }
        return new SimulatedProgramme(acc.snapshot(), DAY_ZERO.plusDays(300));
    }

    PointsLedger ledger() {
        return ledger;
    }

    LocalDate asOf() {
        return asOf;
    }

    /** The chance that a point outstanding at {@code age} days is redeemed later. */
    static double laterRedemption(int age) {
        if (age >= EXPIRY_DAYS) {
            return 0.0;
        }
        double survive = Math.exp(-age / MEAN_DAYS);
        return 0.5 * (survive - Math.exp(-EXPIRY_DAYS / MEAN_DAYS)) / (1.0 - 0.5 * (1.0 - survive));
    }

    /** The true expected liability of the points outstanding on {@code date}: Σ points × chance × value. */
    double trueLiability(LocalDate date, double valuePerPoint) {
        double total = 0.0;
        for (long member : ledger.memberIds()) {
            long balance = ledger.balance(member, date);
            if (balance > 0) {
                int age = (int) (date.toEpochDay() - ledger.enrolment(member).toEpochDay());
                total += balance * laterRedemption(age);
            }
        }
        return total * valuePerPoint;
    }
}
