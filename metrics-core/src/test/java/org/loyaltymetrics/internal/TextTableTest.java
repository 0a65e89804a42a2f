package org.loyaltymetrics.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TextTableTest {

    @Test
    void alignsNumbersRightAndTextLeft() {
        String table = new TextTable("period", "answers", "value").row("2025-01", 12, "NPS 30").row("2025-02", 3, "-")
                .toString();
        assertThat(table).isEqualTo("""
                period   answers  value
                ------------------------
                2025-01       12  NPS 30
                2025-02        3  -
                """);
    }

    @Test
    void rejectsRowsOfTheWrongWidth() {
        assertThatThrownBy(() -> new TextTable("a", "b").row("x")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("cells must have 2 entries, had 1");
    }

    @Test
    void signedChangesAndAnEmptyGrid() {
        assertThat(TextTable.signed(0)).isEqualTo("+0.0000");
        assertThat(TextTable.signed(4.40036)).isEqualTo("+4.4004");
        assertThat(TextTable.signed(-1.5)).isEqualTo("-1.5000");
        // one empty column and one empty row: every line is blank but the rule, which has no width
        assertThat(new TextTable("").row("").toString()).isEqualTo("\n\n\n");
    }
}
