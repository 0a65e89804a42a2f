package org.loyaltymetrics.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.loyaltymetrics.behavior.RepeatPurchaseRate;
import org.loyaltymetrics.money.CurrencyUnit;
import org.loyaltymetrics.money.Money;
import org.loyaltymetrics.value.HistoricalCustomerLifetimeValue;

/**
 * The RFM summary of the CDNOW sample (src/test/resources/cdnow, see its README) against Fader and
 * Hardie's published summary: calibration to 1997-09-30, times in weeks, every row to the two
 * decimals of the published files (frequency, recency, T, and zbar, the mean value of the repeat
 * purchase days, rounded half up).
 */
class CdnowSummaryTest {

    private static final LocalDate CALIBRATION_END = LocalDate.of(1997, 9, 30);
    private static final LocalDate END = LocalDate.of(1998, 6, 30);

    static List<String[]> lines(String resource) throws IOException {
        List<String[]> rows = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(
                CdnowSummaryTest.class.getResourceAsStream(resource), StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (!line.isBlank()) {
                    rows.add(line.trim().split(line.contains(",") ? "," : "\\s+"));
                }
            }
        }
        return rows;
    }

    /** The sample's transactions: sample id, date, dollars as cents. */
    static List<Transaction> transactions() throws IOException {
        List<Transaction> transactions = new ArrayList<>();
        for (String[] cells : lines("/cdnow/CDNOW_sample.txt")) {
            transactions.add(new Transaction(Long.parseLong(cells[1]),
                    LocalDate.parse(cells[2], DateTimeFormatter.BASIC_ISO_DATE), Money.ofMinor(CurrencyUnit.USD, new BigDecimal(cells[4]).movePointRight(2).longValueExact())));
        }
        return transactions;
    }

    @Test
    void reproducesThePublishedSummaryInWeeks() throws IOException {
        List<Transaction> transactions = transactions();
        assertThat(transactions).hasSize(6919);
        RfmSummary summary = transactions.stream().collect(RfmSummary.collector(CurrencyUnit.USD, CALIBRATION_END));

        List<String[]> expected = lines("/cdnow/cdnow_customers_summary.csv");
        assertThat(expected.get(0)).containsExactly("ID", "frequency", "recency", "T");
        List<String[]> withValue = lines("/cdnow/cdnow_customers_summary_with_transactions.csv");
        assertThat(summary.size()).isEqualTo(expected.size() - 1).isEqualTo(2357);
        for (int r = 1; r < expected.size(); r++) {
            String[] row = expected.get(r);
            RfmSummary.Customer c = summary.customer(Long.parseLong(row[0]));
            String actual = c.customerId() + "," + c.frequency() + "," + twoDecimals(c.recency(ChronoUnit.WEEKS))
                    + "," + twoDecimals(c.age(ChronoUnit.WEEKS));
            String published = row[0] + "," + row[1] + "," + twoDecimals(Double.parseDouble(row[2])) + ","
                    + twoDecimals(Double.parseDouble(row[3]));
            assertThat(actual).isEqualTo(published);
            String zbar = c.frequency() == 0 ? "0.00" : c.monetaryValue(2, RoundingMode.HALF_UP).toPlainString();
            assertThat(zbar).as("zbar of %s", row[0]).isEqualTo(withValue.get(r)[4]);
        }
        // 946 repeat buyers in the calibration period (Fader & Hardie's Gamma-Gamma note); the 4,562
        // transactions after 1997-09-30 are left out and counted.
        assertThat(summary.repeatCustomers()).isEqualTo(946);
        assertThat(summary.transactionsAfterEnd()).isEqualTo(6919 - summary.transactions());
        assertThat(summary.customer(1).age(ChronoUnit.WEEKS)).isEqualTo(272 / 7.0);
    }

    @Test
    void holdoutSplitAndOrderDoNotChangeTheCalibrationRows() throws IOException {
        List<Transaction> transactions = transactions();
        RfmSummary calibration = transactions.stream().collect(RfmSummary.collector(CurrencyUnit.USD, CALIBRATION_END));
        Collections.reverse(transactions);
        RfmSummary split = RfmSummary.accumulator(CurrencyUnit.USD, CALIBRATION_END, END).addAll(transactions).snapshot();
        assertThat(split.size()).isEqualTo(calibration.size());
        assertThat(split.transactionsAfterEnd()).isZero();
        assertThat(split.transactions()).isEqualTo(6919);
        long holdoutPurchases = 0;
        for (int r = 0; r < split.size(); r++) {
            RfmSummary.Customer a = calibration.customers().get(r);
            RfmSummary.Customer b = split.customers().get(r);
            assertThat(b.frequency()).isEqualTo(a.frequency());
            assertThat(b.recencyDays()).isEqualTo(a.recencyDays());
            assertThat(b.repeatValue()).isEqualTo(a.repeatValue());
            holdoutPurchases += b.holdoutPurchases();
        }
        // Customer 1 (master id 4) bought on 1997-12-12 in the holdout, for 26.48.
        assertThat(split.customer(1).holdoutPurchases()).isEqualTo(1);
        assertThat(split.customer(1).holdoutValue()).isEqualTo(Money.ofMinor(CurrencyUnit.USD, 2648));
        assertThat(holdoutPurchases).isPositive();
        assertThat(RepeatPurchaseRate.from(calibration).repeatCustomers()).isEqualTo(946);
        assertThat(HistoricalCustomerLifetimeValue.from(calibration).total()).isEqualTo(calibration.totalValue());
    }

    private static String twoDecimals(double value) {
        return BigDecimal.valueOf(value).setScale(2, RoundingMode.HALF_UP).toPlainString();
    }
}
