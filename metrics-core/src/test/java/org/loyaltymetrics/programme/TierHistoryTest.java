package org.loyaltymetrics.programme;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.loyaltymetrics.InvalidArgumentException;
import org.loyaltymetrics.retention.SurvivalCurve;
import org.loyaltymetrics.stats.Proportion;

class TierHistoryTest {

    private static LocalDate d(String date) {
        return LocalDate.parse(date);
    }

    /**
     * Tiers 0 (blue), 1 (silver), 2 (gold), by hand:
     * <pre>
     * member 1: blue 2025-01-01, silver 03-01, gold 09-01
     * member 2: silver 2025-01-01, blue 06-01 (a downgrade)
     * member 3: blue 2025-01-01, leaves 05-01
     * member 4: blue 2025-02-01
     * member 5: silver 2025-04-01
     * </pre>
     */
    static TierHistory example() {
        return TierHistory.accumulator()
                .add(1, d("2025-09-01"), 2).add(1, d("2025-01-01"), 0).add(1, d("2025-03-01"), 1)
                .add(2, d("2025-01-01"), 1).add(2, d("2025-06-01"), 0)
                .add(3, d("2025-01-01"), 0).addExit(3, d("2025-05-01"))
                .add(4, d("2025-02-01"), 0)
                .add(5, d("2025-04-01"), 1)
                .snapshot();
    }

    @Test
    void membersPerTier() {
        // end of January: members 1 and 3 blue, 2 silver; end of the year: 2 and 4 blue, 5 silver, 1 gold
        assertThat(example().membersPerTier(d("2025-01-31"))).containsExactly(2, 1, 0);
        assertThat(example().membersPerTier(d("2025-12-31"))).containsExactly(2, 1, 1);
        assertThat(example().tierCount()).isEqualTo(3);
        assertThat(example().tierOf(3, d("2025-05-01"))).isEqualTo(-1);
        assertThat(example().tierOf(3, d("2025-04-30"))).isZero();
        assertThatThrownBy(() -> example().tierOf(9, d("2025-04-30"))).isInstanceOf(InvalidArgumentException.class);
    }

    @Test
    void migrationMatrixWithSharesAndIntervals() {
        // on 02-01: members 1, 3, 4 blue, 2 silver (5 has no tier yet). On 12-31: 1 gold (up), 3 gone (exit),
        // 4 blue (stay); 2 blue (down). Each of up, down, stay, exit: 1 of 4.
        TierMigration migration = example().migration(d("2025-02-01"), d("2025-12-31"));
        assertThat(migration.members()).isEqualTo(4);
        assertThat(migration.count(0, 2)).isEqualTo(1);
        assertThat(migration.count(0, -1)).isEqualTo(1);
        assertThat(migration.count(0, 0)).isEqualTo(1);
        assertThat(migration.count(1, 0)).isEqualTo(1);
        assertThat(migration.upgrades()).isEqualTo(Proportion.of(1, 4));
        assertThat(migration.downgrades()).isEqualTo(Proportion.of(1, 4));
        assertThat(migration.stays()).isEqualTo(Proportion.of(1, 4));
        assertThat(migration.exits()).isEqualTo(Proportion.of(1, 4));
        // blue's members: 1 of 3 to gold; Wilson 95 %: (1/3 + z²/6 ± z sqrt(2/27 + z²/36)) / (1 + z²/3)
        double z = 1.959963984540054;
        double centre = (1.0 / 3 + z * z / 6) / (1 + z * z / 3);
        double half = z * Math.sqrt(2.0 / 27 + z * z / 36) / (1 + z * z / 3);
        assertThat(migration.share(0, 2).confidenceInterval(0.95).low()).isCloseTo(centre - half, within(1e-12));
        assertThat(migration.share(0, 2).confidenceInterval(0.95).high()).isCloseTo(centre + half, within(1e-12));
        assertThat(migration.share(2, 2).isEmpty()).isTrue();
        assertThat(migration.toTable().rowCount()).isEqualTo(3);
        assertThat(migration.toTable().headers()).containsExactly("from tier", "members", "to tier 0", "to tier 1",
                "to tier 2", "exit");
        assertThat(migration.toTable().cell(0, 4)).startsWith("1 (33.33% [");
        assertThat(migration.toString()).isEqualTo(
                "tier migration 2025-02-01 to 2025-12-31 of 4 members: 25.00% up, 25.00% down, 25.00% stay, 25.00% exit");
        assertThatThrownBy(() -> migration.count(3, 0)).isInstanceOf(InvalidArgumentException.class)
                .hasMessage("fromTier must be in 0..2, was 3");
        assertThatThrownBy(() -> example().migration(d("2025-02-01"), d("2025-01-01")))
                .isInstanceOf(InvalidArgumentException.class);
    }

    @Test
    void timeToTheNextTierIsAKaplanMeierCurve() {
        // from blue: member 1 59 days (01-01 to 03-01, up), 3 censored at 120 (exit 05-01), 2 censored at 213
        // (blue from 06-01 to 12-31), 4 censored at 333 (02-01 to 12-31): S(59) = 3/4
        SurvivalCurve blue = example().timeToNextTier(0, d("2025-12-31"));
        assertThat(blue.observations()).isEqualTo(4);
        assertThat(blue.events()).isEqualTo(1);
        assertThat(blue.at(59).value()).isCloseTo(0.75, within(1e-15));
        // from silver: member 1 184 days (03-01 to 09-01, up), 2 censored at 151 (downgrade 06-01),
        // 5 censored at 274 (04-01 to 12-31): at 184, 2 at risk, S = 1/2
        SurvivalCurve silver = example().timeToNextTier(1, d("2025-12-31"));
        assertThat(silver.observations()).isEqualTo(3);
        assertThat(silver.points()).hasSize(1);
        assertThat(silver.points().get(0).time()).isEqualTo(184.0);
        assertThat(silver.points().get(0).atRisk()).isEqualTo(2);
        assertThat(silver.at(184).value()).isCloseTo(0.5, within(1e-15));
    }

    @Test
    void oneRecordPerDayAndCombining() {
        TierHistory.Accumulator a = TierHistory.accumulator().add(1, d("2025-01-01"), 0);
        TierHistory.Accumulator b = TierHistory.accumulator().add(1, d("2025-01-01"), 2).add(2, d("2025-01-05"), 1);
        TierHistory combined = a.combine(b).snapshot();
        // two records on one day keep the higher tier
        assertThat(combined.tierOf(1, d("2025-01-01"))).isEqualTo(2);
        assertThat(combined.toString()).isEqualTo("tier histories of 2 members, 3 tiers, 2 records");
        assertThat(a.toString()).isEqualTo("TierHistory.Accumulator: 2 members, 3 records");
        assertThatThrownBy(() -> TierHistory.accumulator().add(1, d("2025-01-01"), -2))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessage("level must be >= 0 (member 1 on 2025-01-01), was -2");
    }
}
