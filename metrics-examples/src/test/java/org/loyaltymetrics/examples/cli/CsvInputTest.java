package org.loyaltymetrics.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CsvInputTest {

    /** How blank-separated lines were split before: stripped, then split on a regular expression. */
    private static List<String> withRegex(String line) {
        String stripped = line.strip();
        return stripped.isEmpty() ? List.of() : Arrays.asList(stripped.split("\\s+"));
    }

    @Test
    void splitsBlankSeparatedLinesAsTheRegularExpressionDid() {
        for (String line : List.of("", " ", "a", " 00001 19970101  1   11.77", "a\tb", "\u3000a b\u3000",
                "a\u3000b", "a\u00a0b", " \t ")) {
            assertThat(CsvInput.splitOnBlanks(line)).as(line).isEqualTo(withRegex(line));
        }
        String alphabet = "ab1 \t\u000b\f\u3000\u00a0\u2028\u2007\u001c";
        Random random = new Random(17);
        for (int i = 0; i < 50_000; i++) {
            StringBuilder line = new StringBuilder();
            for (int k = random.nextInt(12); k > 0; k--) {
                line.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            if (!CsvInput.splitOnBlanks(line.toString()).equals(withRegex(line.toString()))) {
                assertThat(CsvInput.splitOnBlanks(line.toString())).as(line.toString()).isEqualTo(withRegex(line.toString()));
            }
        }
    }
}
