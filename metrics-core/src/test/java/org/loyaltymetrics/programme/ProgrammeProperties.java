package org.loyaltymetrics.programme;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.loyaltymetrics.programme.IssueCohorts.Cohort;
import org.loyaltymetrics.programme.LedgerPeriods.Period;
import org.loyaltymetrics.time.Granularity;

/** Invariants of the ledger over random histories (ProgrammeAccumulatorFixtures' records). */
class ProgrammeProperties {

    @Test
    void flowsBalancesAndCohortFatesAddUp() {
        qt().withExamples(150).forAll(lists().of(ProgrammeAccumulatorFixtures.histories()).ofSizeBetween(1, 40),
                integers().between(0, 800)).checkAssert((histories, offset) -> {
                    PointsLedger.Accumulator acc = PointsLedger.accumulator();
                    histories.forEach(h -> ProgrammeAccumulatorFixtures.add(acc, h));
                    PointsLedger ledger = acc.snapshot();
                    LocalDate asOf = ProgrammeAccumulatorFixtures.ORIGIN.plusDays(offset);
                    long outstanding = ledger.outstanding(asOf);
                    long balances = 0;
                    for (long member : ledger.memberIds()) {
                        long balance = ledger.balance(member, asOf);
                        assertThat(balance).isNotNegative();
                        balances += balance;
                    }
                    assertThat(balances).isEqualTo(outstanding);
                    long flows = 0;
                    for (Period p : ledger.periods(Granularity.MONTH, asOf).periods()) {
                        flows += p.issued() - p.redeemed() - p.expired() + p.adjusted();
                        assertThat(p.outstanding()).isEqualTo(flows);
                    }
                    assertThat(flows).isEqualTo(outstanding);
                    long cohortOutstanding = 0;
                    for (Cohort c : ledger.issueCohorts(Granularity.QUARTER, asOf).cohorts()) {
                        assertThat(c.redeemed() + c.expired() + c.adjustedAway() + c.outstanding()).isEqualTo(c.issued());
                        cohortOutstanding += c.outstanding();
                    }
                    assertThat(cohortOutstanding).isEqualTo(outstanding);
                    Breakage breakage = ledger.breakage(asOf, Breakage.Settings.DEFAULT.withReplicates(20));
                    assertThat(breakage.outstandingPoints()).isEqualTo(outstanding);
                    if (!breakage.isEmpty()) {
                        assertThat(breakage.value()).isBetween(0.0, 1.0);
                        assertThat(breakage.redeemedPoints() + breakage.expiredPoints() + outstanding)
                                .isLessThanOrEqualTo(breakage.issuedPoints());
                    }
                });
    }
}
