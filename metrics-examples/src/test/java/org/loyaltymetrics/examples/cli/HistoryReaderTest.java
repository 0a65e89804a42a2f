package org.loyaltymetrics.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loyaltymetrics.data.CohortSurvivors;
import org.loyaltymetrics.data.OpportunityHistory;
import org.loyaltymetrics.data.PurchaseHistory;
import org.loyaltymetrics.data.SpendHistory;

class HistoryReaderTest {

    @TempDir
    Path dir;

    private String write(String content) throws IOException {
        Path file = dir.resolve("data.csv");
        Files.writeString(file, content);
        return file.toString();
    }

    @Test
    void purchaseHistoriesKeepTheRowsInOrderAndWeighTheCollection() throws IOException {
        String file = write("x,t_x,T,n\n2,30.43,38.86,1\n0,0,38.86,3\n2,30.43,38.86,2\n");
        var rows = new HistoryReader(CsvInput.of(file, CsvInput.Delimiter.COMMA, true), "n", "bgnbd").purchaseHistories(ChronoUnit.WEEKS);
        assertThat(rows.histories()).containsExactly(PurchaseHistory.of(2, 30.43, 38.86, ChronoUnit.WEEKS),
                PurchaseHistory.of(0, 0, 38.86, ChronoUnit.WEEKS), PurchaseHistory.of(2, 30.43, 38.86, ChronoUnit.WEEKS));
        assertThat(rows.collection().customers()).isEqualTo(6);
        assertThat(rows.collection().distinctRows()).isEqualTo(2);
        assertThat(rows.collection().timeUnit()).isEqualTo(ChronoUnit.WEEKS);
    }

    @Test
    void spendRowsWithoutSpendDataAreKeptEmptyAndCounted() throws IOException {
        String file = write("frequency,monetary_value\n2,22.35\n0,0\n3,0\n");
        var rows = new HistoryReader(CsvInput.of(file, CsvInput.Delimiter.COMMA, true), null, "gamma-gamma").spendHistories();
        assertThat(rows.histories()).containsExactly(Optional.of(SpendHistory.of(2, 22.35)), Optional.empty(),
                Optional.empty());
        assertThat(rows.collection().customers()).isEqualTo(1);
        assertThat(rows.withoutRepeatPurchases()).isEqualTo(1);
        assertThat(rows.withZeroValue()).isEqualTo(1);
    }

    @Test
    void opportunityHistoriesAndSurvivors() throws IOException {
        var opportunities = new HistoryReader(CsvInput.of(write("frequency,recency,periods\n3,5,6\n0,0,6\n"), CsvInput.Delimiter.COMMA, true), null, "bgbb")
                .opportunityHistories();
        assertThat(opportunities.histories()).containsExactly(OpportunityHistory.of(3, 5, 6), OpportunityHistory.of(0, 0, 6));
        assertThat(new HistoryReader(CsvInput.of(write("year,alive\n0,1000\n1,631\n"), CsvInput.Delimiter.COMMA, true), null, "sbg").survivors())
                .isEqualTo(CohortSurvivors.of(1000, 631));
        String one = write("period,alive\n0,1000\n");
        assertThatThrownBy(() -> new HistoryReader(CsvInput.of(one, CsvInput.Delimiter.COMMA, true), null, "sbg").survivors()).isInstanceOf(InputException.class)
                .hasMessage(one + ": sbg needs at least periods 0 and 1, had 1 rows");
    }

    @Test
    void aRejectedRowNamesTheColumnOfTheRejectedArgument() throws IOException {
        String file = write("frequency,recency,T\n1,2,1\n");
        assertThatThrownBy(() -> new HistoryReader(CsvInput.of(file, CsvInput.Delimiter.COMMA, true), null, "pareto-nbd").purchaseHistories(ChronoUnit.DAYS))
                .isInstanceOf(InputException.class)
                .hasMessage(file + ":2: column 'recency': value '2' is not valid: recency must be in [0, age 1.0], was 2.0");
        String columns = write("a,b\n1,2\n");
        assertThatThrownBy(() -> new HistoryReader(CsvInput.of(columns, CsvInput.Delimiter.COMMA, true), null, "gamma-gamma").spendHistories())
                .hasMessage(columns + ":1: gamma-gamma needs the columns frequency,monetary_value or x,zbar; "
                        + "the columns are [a, b]");
    }
}
