package org.loyaltymetrics.programme;

import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.time.LocalDate;
import java.util.List;
import org.loyaltymetrics.AccumulatorFixture;
import org.loyaltymetrics.money.CurrencyUnit;
import org.quicktheories.core.Gen;

/** Random records for the accumulators of the programme package (see AccumulatorContractTest). */
final class ProgrammeAccumulatorFixtures {

    static final LocalDate ORIGIN = LocalDate.of(2025, 1, 1);

    /**
     * A record of the ledger's fixture: for a shared member 0..7 (member &lt; 8), one earn of {@code earned} on
     * {@code day}, valid whatever else the member has; for another member, a whole valid history (valid too when
     * the generator repeats it, balances adding up): an earn of {@code earned} a week after {@code day}, a burn of {@code burned} &lt;= earned a month later
     * (none when 0), and the rest expired a year later when {@code expires}.
     */
    record History(long member, int day, long earned, long burned, boolean expires) {
    }

    private ProgrammeAccumulatorFixtures() {
    }

    static Gen<History> histories() {
        return longs().between(0, 1_000_000_000_000L).zip(integers().between(0, 300), integers().between(1, 500),
                integers().between(0, 100), (member, day, earned, share) -> new History(member % 3 == 0 ? member % 8
                        : member + 8, day, earned, earned * share / 100, share % 2 == 0));
    }

    static void add(PointsLedger.Accumulator acc, History h) {
        LocalDate start = ORIGIN.plusDays(h.day());
        if (h.member() < 8) {
            acc.add(h.member(), start, LedgerEvent.EARN, h.earned());
            return;
        }
        acc.add(h.member(), start.plusDays(7), LedgerEvent.EARN, h.earned());
        if (h.burned() > 0) {
            acc.add(h.member(), start.plusDays(37), LedgerEvent.BURN, h.burned());
        }
        if (h.expires() && h.earned() > h.burned()) {
            acc.add(h.member(), start.plusDays(372), LedgerEvent.EXPIRE, h.earned() - h.burned());
        }
    }

    /** A tier record: member 0..19, a day within 400 days, a level 0..3 or an exit (4). */
    record TierRecord(long member, int day, int level) {
    }

    /** A purchase of customer 0..29 within 400 days, or (one in five) an enrolment. */
    record Purchase(long customer, int day, long spend, boolean enrolment) {
    }

    static List<AccumulatorFixture<?, ?>> fixtures() {
        return List.of(AccumulatorFixture.of("members' earn, burn and expiry events", PointsLedger.Accumulator.class,
                PointsLedger::accumulator, histories(), ProgrammeAccumulatorFixtures::add),
                AccumulatorFixture.of("tier records and exits of 20 members", TierHistory.Accumulator.class,
                        TierHistory::accumulator, integers().between(0, 19).zip(integers().between(0, 399),
                                integers().between(0, 4), TierRecord::new),
                        (acc, r) -> {
                            if (r.level() == 4) {
                                acc.addExit(r.member(), ORIGIN.plusDays(r.day()));
                            } else {
                                acc.add(r.member(), ORIGIN.plusDays(r.day()), r.level());
                            }
                        }),
                AccumulatorFixture.of("purchases and enrolments of 30 customers in EUR", MemberUplift.Accumulator.class,
                        () -> MemberUplift.accumulator(CurrencyUnit.EUR), integers().between(0, 29).zip(
                                integers().between(0, 399), integers().between(0, 5000), integers().between(0, 4),
                                (c, day, spend, kind) -> new Purchase(c, day, spend, kind == 0)),
                        (acc, p) -> {
                            if (p.enrolment()) {
                                acc.addEnrolment(p.customer(), ORIGIN.plusDays(p.day()));
                            } else {
                                acc.addPurchase(p.customer(), ORIGIN.plusDays(p.day()), p.spend());
                            }
                        }));
    }
}
