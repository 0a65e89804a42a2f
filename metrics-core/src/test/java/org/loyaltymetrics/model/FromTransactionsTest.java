package org.loyaltymetrics.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.loyaltymetrics.data.PurchaseHistories;
import org.loyaltymetrics.data.RfmSummary;
import org.loyaltymetrics.data.SpendHistories;
import org.loyaltymetrics.money.CurrencyUnit;

/**
 * The whole path from a transaction log to fitted models: the CDNOW sample's 6,919 transactions
 * summarised per customer to the end of the calibration period (1997-09-30, 39 weeks), then fitted.
 * The summary holds exact times (days / 7) where the published summary file rounds them to two
 * decimals, so the estimates match the published ones to their three decimals, not to the last digit
 * of the fit on the rounded file.
 */
class FromTransactionsTest {

    private static RfmSummary summary;

    @BeforeAll
    static void summarise() throws IOException {
        RfmSummary.Accumulator accumulator = RfmSummary.accumulator(CurrencyUnit.USD, LocalDate.of(1997, 9, 30));
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(
                FromTransactionsTest.class.getResourceAsStream("/cdnow/CDNOW_sample.txt"), StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (!line.isBlank()) {
                    // master id, sample id, date yyyyMMdd, CDs, dollars
                    String[] cells = line.trim().split("\\s+");
                    accumulator.add(Long.parseLong(cells[1]), LocalDate.parse(cells[2], DateTimeFormatter.BASIC_ISO_DATE),
                            new BigDecimal(cells[4]).movePointRight(2).longValueExact());
                }
            }
        }
        summary = accumulator.snapshot();
    }

    @Test
    void bgNbdOnTheSummaryOfTheTransactions() {
        PurchaseHistories histories = PurchaseHistories.from(summary, ChronoUnit.WEEKS);
        assertThat(histories.customers()).isEqualTo(2357);
        BetaGeometricNbdModel model = BetaGeometricNbdModel.fit(histories);
        // Fader, Hardie & Lee (2005): r 0.243, α 4.414, a 0.793, b 2.426, LL −9582.4
        assertThat(model.r()).isCloseTo(0.243, within(0.0005));
        assertThat(model.alpha()).isCloseTo(4.414, within(0.0005));
        assertThat(model.a()).isCloseTo(0.793, within(0.0005));
        assertThat(model.b()).isCloseTo(2.426, within(0.0005));
        assertThat(model.fitResult().logLikelihood()).isCloseTo(-9582.4, within(0.05));
    }

    @Test
    void gammaGammaOnTheRepeatBuyersOfTheTransactions() {
        SpendHistories spend = SpendHistories.from(summary);
        assertThat(spend.customers()).isEqualTo(946);
        GammaGammaModel model = GammaGammaModel.fit(spend);
        // Fader & Hardie (2013): p 6.25, q 3.74, γ 15.44 (our maximum on the rounded file: 15.4477)
        assertThat(model.p()).isCloseTo(6.25, within(0.005));
        assertThat(model.q()).isCloseTo(3.74, within(0.005));
        assertThat(model.v()).isCloseTo(15.44, within(0.008));
    }

    @Test
    void daysAreSevenTimesWeeksAndOtherUnitsAreRejected() {
        PurchaseHistories days = PurchaseHistories.from(summary, ChronoUnit.DAYS);
        BetaGeometricNbdModel inDays = BetaGeometricNbdModel.fit(days);
        BetaGeometricNbdModel inWeeks = BetaGeometricNbdModel.fit(PurchaseHistories.from(summary, ChronoUnit.WEEKS));
        // α is a scale parameter of time: 7 times larger in days; r, a, b do not change.
        assertThat(inDays.alpha()).isCloseTo(7 * inWeeks.alpha(), within(1e-3 * inDays.alpha()));
        assertThat(inDays.r()).isCloseTo(inWeeks.r(), within(1e-5));
        // Months are java.time's estimated 365.2425 / 12 days: every recency and age is that fraction of days.
        PurchaseHistories inMonths = PurchaseHistories.from(summary, ChronoUnit.MONTHS);
        PurchaseHistories inDaysAgain = PurchaseHistories.from(summary, ChronoUnit.DAYS);
        assertThat(inMonths.meanAge()).isCloseTo(inDaysAgain.meanAge() / 30.436875, within(1e-12));
        assertThatThrownBy(() -> PurchaseHistories.from(summary, ChronoUnit.FOREVER))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("timeUnit must be a unit of finite length (DAYS, WEEKS, MONTHS, ...), was Forever");
    }
}
