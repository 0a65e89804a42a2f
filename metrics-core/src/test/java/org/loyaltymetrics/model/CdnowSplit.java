package org.loyaltymetrics.model;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import org.loyaltymetrics.data.PurchaseHistories;
import org.loyaltymetrics.data.RfmSummary;
import org.loyaltymetrics.money.CurrencyUnit;

/**
 * The CDNOW sample's 6,919 transactions (src/test/resources/cdnow) split at the end of the calibration
 * period, 1997-09-30, with the holdout to 1998-06-30: the calibration/holdout split of Fader, Hardie &amp;
 * Lee (2005) and of the lifetimes reference values.
 */
final class CdnowSplit {

    static final LocalDate CALIBRATION_END = LocalDate.of(1997, 9, 30);
    static final LocalDate END = LocalDate.of(1998, 6, 30);

    private static RfmSummary split;
    private static PurchaseHistories histories;

    private CdnowSplit() {
    }

    /** The RFM summary with the split, customers by sample id. */
    static synchronized RfmSummary split() {
        if (split == null) {
            RfmSummary.Accumulator accumulator = RfmSummary.accumulator(CurrencyUnit.USD, CALIBRATION_END, END);
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(
                    CdnowSplit.class.getResourceAsStream("/cdnow/CDNOW_sample.txt"), StandardCharsets.UTF_8))) {
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    if (!line.isBlank()) {
                        // master id, sample id, date yyyyMMdd, CDs, dollars
                        String[] cells = line.trim().split("\\s+");
                        accumulator.add(Long.parseLong(cells[1]), LocalDate.parse(cells[2], DateTimeFormatter.BASIC_ISO_DATE),
                                new BigDecimal(cells[4]).movePointRight(2).longValueExact());
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            split = accumulator.snapshot();
        }
        return split;
    }

    /** The calibration histories in weeks (days / 7, exact). */
    static synchronized PurchaseHistories histories() {
        if (histories == null) {
            histories = PurchaseHistories.from(split(), ChronoUnit.WEEKS);
        }
        return histories;
    }
}
