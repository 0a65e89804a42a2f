package org.loyaltymetrics.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.loyaltymetrics.InvalidArgumentException;

class RowTableTest {

    /** A row as a sortable key, for the reference map. */
    private record Row(double a, double b, double c) {
    }

    private static final Comparator<Row> ORDER = Comparator.comparingDouble(Row::a).thenComparingDouble(Row::b)
            .thenComparingDouble(Row::c);

    @Test
    void mergesIdenticalRowsThroughGrowthAndSortsThemLikeAReferenceMap() {
        RowTable table = new RowTable();
        TreeMap<Row, Long> reference = new TreeMap<>(ORDER);
        SplittableRandom random = new SplittableRandom(3);
        long total = 0;
        for (int i = 0; i < 100_000; i++) {
            // few distinct values per column, so that rows repeat and ties on the first columns are common
            Row row = new Row(random.nextInt(7), random.nextInt(50) / 4.0 - 3, random.nextInt(30) * 0.1);
            long weight = 1 + random.nextInt(3);
            table.add(row.a(), row.b(), row.c(), weight);
            reference.merge(row, weight, Long::sum);
            total += weight;
        }
        assertThat(table.size()).isEqualTo(reference.size());
        assertThat(table.total()).isEqualTo(total);
        RowTable.Columns sorted = table.sorted();
        assertThat(sorted.total()).isEqualTo(total);
        int k = 0;
        for (var entry : reference.entrySet()) {
            assertThat(sorted.first()[k]).isEqualTo(entry.getKey().a());
            assertThat(sorted.second()[k]).isEqualTo(entry.getKey().b());
            assertThat(sorted.third()[k]).isEqualTo(entry.getKey().c());
            assertThat(sorted.weights()[k]).as("weight of %s", entry.getKey()).isEqualTo(entry.getValue());
            k++;
        }
        assertThat(k).isEqualTo(sorted.weights().length);
        assertThat(table).hasToString("RowTable: " + reference.size() + " distinct rows, total weight " + total);
    }

    @Test
    void theIndexSortOrdersAnyRowsLexicographically() {
        // every size around the insertion-sort runs and merge widths, random and adversarial orders
        SplittableRandom random = new SplittableRandom(17);
        for (int n : new int[] {0, 1, 2, 31, 32, 33, 63, 64, 65, 100, 1000, 4097}) {
            for (String order : new String[] {"random", "ascending", "descending", "constant first"}) {
                double[] a = new double[n];
                double[] b = new double[n];
                double[] c = new double[n];
                for (int i = 0; i < n; i++) {
                    a[i] = switch (order) {
                        case "ascending" -> i;
                        case "descending" -> n - i;
                        case "constant first" -> 1.0;
                        default -> random.nextInt(10);
                    };
                    b[i] = random.nextInt(5) - 2;
                    c[i] = random.nextDouble();
                }
                int[] indexes = RowTable.sortedIndexes(a, b, c);
                List<Integer> expected = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    expected.add(i);
                }
                expected.sort(Comparator.<Integer>comparingDouble(i -> a[i]).thenComparingDouble(i -> b[i])
                        .thenComparingDouble(i -> c[i]));
                assertThat(Arrays.stream(indexes).boxed().toList()).as("%d rows, %s", n, order)
                        .isEqualTo(expected);
            }
        }
    }

    @Test
    void distinctColumnsAreWhatATableOfTheRowsGives() {
        // repeated rows, both zeros, negative numbers, infinities and numbers of every magnitude, so that
        // every byte of the keys varies somewhere and ties on the first columns are common
        SplittableRandom random = new SplittableRandom(29);
        double[] pool = {Double.NEGATIVE_INFINITY, -1e300, -3.5, -1.0, -Double.MIN_VALUE, -0.0, 0.0, Double.MIN_VALUE,
            1e-300, 0.1, 1.0, 2.0, 38.86, 1e300, Double.POSITIVE_INFINITY};
        for (int n : new int[] {0, 1, 2, 255, 256, 257, 5000}) {
            double[] a = new double[n];
            double[] b = new double[n];
            double[] c = new double[n];
            RowTable table = new RowTable();
            for (int i = 0; i < n; i++) {
                a[i] = random.nextInt(4);
                b[i] = pool[random.nextInt(pool.length)];
                c[i] = random.nextBoolean() ? pool[random.nextInt(pool.length)] : random.nextDouble(-1e6, 1e6);
                table.add(a[i], b[i], c[i], 1);
            }
            RowTable.Columns expected = table.sorted();
            RowTable.Columns distinct = RowTable.distinct(a, b, c);
            assertThat(distinct.first()).as("%d rows", n).containsExactly(expected.first());
            assertThat(distinct.second()).containsExactly(expected.second());
            assertThat(distinct.third()).containsExactly(expected.third());
            assertThat(distinct.weights()).containsExactly(expected.weights());
            assertThat(distinct.total()).isEqualTo(n);
            for (double zero : distinct.second()) {
                if (zero == 0.0) {
                    assertThat(Double.doubleToRawLongBits(zero)).as("stored as +0.0").isZero();
                }
            }
        }
        assertThatThrownBy(() -> RowTable.distinct(new double[] {1, 2}, new double[] {1, Double.NaN}, new double[] {3, 4}))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("at index 1");
        assertThatThrownBy(() -> RowTable.distinct(new double[] {1, 2}, new double[] {1}, new double[] {3, 4}))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("same length");
    }

    @Test
    void bothZerosAreOneRowAndNegativeNumbersSortFirst() {
        RowTable table = new RowTable();
        table.add(0.0, -0.0, 1, 1);
        table.add(-0.0, 0.0, 1, 2);
        table.add(-1, 5, 5, 1);
        table.add(Double.NEGATIVE_INFINITY, 0, 0, 1);
        assertThat(table.size()).isEqualTo(3);
        RowTable.Columns sorted = table.sorted();
        assertThat(sorted.first()).containsExactly(Double.NEGATIVE_INFINITY, -1.0, 0.0);
        assertThat(sorted.weights()).containsExactly(1, 1, 3);
        assertThat(Double.doubleToRawLongBits(sorted.second()[2])).as("stored as +0.0").isZero();
    }

    @Test
    void addAllOfATableOrOfColumnsAddsEveryRowAndLeavesTheSourceUnchanged() {
        RowTable left = new RowTable();
        left.add(1, 2, 3, 4);
        left.add(5, 6, 7, 1);
        RowTable right = new RowTable();
        right.add(1, 2, 3, 1);
        right.addAll(left);
        assertThat(right.size()).isEqualTo(2);
        assertThat(right.total()).isEqualTo(6);
        assertThat(left.total()).isEqualTo(5);
        RowTable fromColumns = new RowTable();
        fromColumns.addAll(right.sorted());
        assertThat(fromColumns.sorted().weights()).containsExactly(5, 1);
        assertThat(new RowTable().sorted().weights()).isEmpty();
    }

    @Test
    void badRowsAreRejectedAndAddNothing() {
        RowTable table = new RowTable();
        table.add(1, 1, 1, Long.MAX_VALUE);
        assertThatThrownBy(() -> table.add(2, 2, 2, 1)).isInstanceOf(ArithmeticException.class);
        assertThatThrownBy(() -> table.add(1, 2, 3, 0)).isInstanceOf(InvalidArgumentException.class)
                .hasMessage("weight must be a count >= 1, was 0");
        assertThatThrownBy(() -> table.add(1, Double.NaN, 3, 1))
                .hasMessage("row must be three numbers, not NaN, was (1.0, NaN, 3.0)");
        assertThat(table.size()).isEqualTo(1);
        assertThat(table.total()).isEqualTo(Long.MAX_VALUE);
        assertThatThrownBy(() -> table.addAll((RowTable) null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void survivesSerializationWithItsRows() throws IOException, ClassNotFoundException {
        RowTable table = new RowTable();
        for (int i = 0; i < 100; i++) {
            table.add(i % 7, i % 3, 0.5, 1);
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(table);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            RowTable read = (RowTable) in.readObject();
            assertThat(read.size()).isEqualTo(21);
            assertThat(read.sorted().weights()).containsExactly(table.sorted().weights());
            read.add(0, 0, 0.5, 1);
            assertThat(read.size()).as("the table still finds its rows").isEqualTo(21);
        }
    }
}
