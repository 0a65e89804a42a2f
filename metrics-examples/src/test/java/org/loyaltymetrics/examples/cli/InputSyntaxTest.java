package org.loyaltymetrics.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The shortcuts of {@link InputSyntax} for the common dates and amounts give what the general path gives. */
class InputSyntaxTest {

    private static final Pattern DATE = Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}");

    /** The ISO date grammar as it was read before the shortcut: the regular expression, then java.time. */
    private static Object isoDate(String text) {
        if (DATE.matcher(text).matches()) {
            try {
                return LocalDate.parse(text);
            } catch (DateTimeParseException e) {
                // refused below
            }
        }
        return "is not a date (yyyy-MM-dd)";
    }

    private static Object date(String text) {
        try {
            return InputSyntax.date(text);
        } catch (InputSyntax.Invalid e) {
            return e.reason();
        }
    }

    @Test
    void readsIsoDatesAsBefore() {
        List<String> texts = new ArrayList<>();
        for (int year : new int[] {0, 1, 4, 100, 1900, 1999, 2000, 2024, 2025, 9999}) {
            for (int month = 0; month <= 13; month++) {
                for (int day = 0; day <= 32; day++) {
                    texts.add(String.format("%04d-%02d-%02d", year, month, day));
                }
            }
        }
        Random random = new Random(11);
        String alphabet = "0123456789-+/ Tx\u0662";
        int written = texts.size();
        for (int i = 0; i < 20_000; i++) {
            StringBuilder text = new StringBuilder(texts.get(random.nextInt(written)));
            int at = random.nextInt(text.length());
            switch (random.nextInt(3)) {
                case 0 -> text.insert(at, alphabet.charAt(random.nextInt(alphabet.length())));
                case 1 -> text.deleteCharAt(at);
                default -> text.setCharAt(at, alphabet.charAt(random.nextInt(alphabet.length())));
            }
            texts.add(text.toString());
        }
        texts.addAll(List.of("", "2025-1-01", "+2025-01-01", "2025-01-01 ", "２０２５-01-01"));
        assertThat(texts.stream().filter(text -> !date(text).equals(isoDate(text)))).isEmpty();
    }

    /** The amount as {@code TransactionOptions} reads it without the shortcut: a plain decimal, exactly in minor units. */
    private static Long generalAmount(String text, int decimals) {
        try {
            BigDecimal amount = InputSyntax.decimal(text);
            return amount.signum() < 0 ? null : amount.setScale(decimals).movePointRight(decimals).longValueExact();
        } catch (InputSyntax.Invalid | ArithmeticException e) {
            return null;
        }
    }

    @Test
    void readsCommonAmountsAsTheGeneralPathDoesAndLeavesTheRestToIt() {
        List<String> texts = new ArrayList<>(List.of("0", "00", "0.00", "12", "12.", ".5", "12.50", "12.505", "+1",
                "-1", "-0", "1e3", "1.2.3", ".", "", " 1", "1 ", "1,5", "\u0661", "999999999999999999",
                "9999999999999999999", "99999999999999999.99", "9999999999999999.99", "0000000000000000012.34",
                "922337203685477580.7", "92233720368547758.07", "1.000000000", "1.0000000000"));
        Random random = new Random(12);
        String alphabet = "0123456789.+-e";
        for (int i = 0; i < 50_000; i++) {
            StringBuilder text = new StringBuilder();
            int length = 1 + random.nextInt(random.nextBoolean() ? 6 : 22);
            for (int k = 0; k < length; k++) {
                text.append(random.nextInt(8) == 0 ? alphabet.charAt(10 + random.nextInt(4))
                        : alphabet.charAt(random.nextInt(10)));
            }
            texts.add(text.toString());
        }
        for (int decimals = 0; decimals <= 9; decimals++) {
            int common = 0;
            List<String> differences = new ArrayList<>();
            for (String text : texts) {
                long minor = InputSyntax.commonAmount(text, decimals);
                if (minor >= 0) {
                    common++;
                    if (!Long.valueOf(minor).equals(generalAmount(text, decimals))) {
                        differences.add(text + ": " + minor);
                    }
                }
            }
            assertThat(differences).as("with %d decimals", decimals).isEmpty();
            assertThat(common).as("amounts that took the shortcut with %d decimals", decimals).isGreaterThan(1000);
        }
        assertThat(InputSyntax.commonAmount("12.5", 2)).isEqualTo(1250);
        assertThat(InputSyntax.commonAmount("12.", 0)).isEqualTo(12);
        assertThat(InputSyntax.commonAmount(".07", 2)).isEqualTo(7);
        assertThat(InputSyntax.commonAmount("12.50", 1)).as("more decimals: the general path's").isEqualTo(-1);
        assertThat(InputSyntax.commonAmount("+1", 2)).as("a sign: the general path's").isEqualTo(-1);
    }
}
