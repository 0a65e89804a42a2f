package org.loyaltymetrics.table;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.loyaltymetrics.InvalidArgumentException;

class TableTest {

    private static Table cohorts() {
        return Table.builder().title("Cohorts").column("cohort").numberColumn("size").numberColumn("month 1")
                .row("2025-01", 1200, "0.4500").row("2025-02", 85, null).build();
    }

    @Test
    void rendersAlignedTextWithATitleAndUndefinedCells() {
        assertThat(cohorts().toText()).isEqualTo("""
                Cohorts
                cohort   size  month 1
                ----------------------
                2025-01  1200   0.4500
                2025-02    85        -
                """);
        assertThat(Table.builder().column("a").row("x").build().toText()).isEqualTo("a\n-\nx\n");
    }

    @Test
    void rendersCsvAndMarkdown() {
        assertThat(cohorts().toCsv()).isEqualTo("cohort,size,month 1\r\n2025-01,1200,0.4500\r\n2025-02,85,\r\n");
        assertThat(Table.builder().column("name").column("note").row("a, b", "say \"hi\"").build().toCsv())
                .isEqualTo("name,note\r\n\"a, b\",\"say \"\"hi\"\"\"\r\n");
        assertThat(cohorts().toMarkdown()).isEqualTo("""
                Cohorts

                | cohort | size | month 1 |
                | --- | ---: | ---: |
                | 2025-01 | 1200 | 0.4500 |
                | 2025-02 | 85 | - |
                """);
        assertThat(Table.builder().column("a|b").row("c|d").build().toMarkdown()).contains("| a\\|b |").contains("| c\\|d |");
    }

    @Test
    void holdsItsCellsAndPrintsOneLine() {
        Table table = cohorts();
        assertThat(table.headers()).containsExactly("cohort", "size", "month 1");
        assertThat(table.alignments()).containsExactly(Table.Alignment.LEFT, Table.Alignment.RIGHT, Table.Alignment.RIGHT);
        assertThat(table.columnCount()).isEqualTo(3);
        assertThat(table.rowCount()).isEqualTo(2);
        assertThat(table.cell(0, 1)).isEqualTo("1200");
        assertThat(table.cell(1, 2)).isNull();
        assertThat(table.rows().get(0)).isEqualTo(List.of("2025-01", "1200", "0.4500"));
        assertThat(table.title()).isEqualTo("Cohorts");
        assertThat(table).hasToString("Table 'Cohorts' of 2 rows: cohort, size, month 1");
        assertThat(Table.builder().column("a").build()).hasToString("Table of 0 rows: a");
        assertThat(table).isEqualTo(cohorts()).hasSameHashCodeAs(cohorts())
                .isNotEqualTo(Table.builder().column("cohort").build());
        assertThatThrownBy(() -> table.rows().add(List.of())).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void badShapesAreRejected() {
        assertThatThrownBy(() -> Table.builder().column("a").row("x", "y")).isInstanceOf(InvalidArgumentException.class)
                .hasMessage("cells must be one cell per column (1), was 2 cells");
        assertThatThrownBy(() -> Table.builder().build()).isInstanceOf(IllegalStateException.class)
                .hasMessage("a table needs at least one column");
        assertThatThrownBy(() -> Table.builder().column("a").row("x").column("b")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> Table.builder().title("two\nlines")).isInstanceOf(InvalidArgumentException.class);
        assertThatThrownBy(() -> Table.builder().column(null)).isInstanceOf(NullPointerException.class)
                .hasMessage("header must not be null");
    }
}
