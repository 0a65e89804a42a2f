package org.loyaltymetrics.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link DatePattern} reads every text as the pattern's java.time formatter does: the same date, or a
 * {@link DateTimeException} where the formatter throws one, whether the text takes the shortcut of the
 * common layouts or not.
 */
class DatePatternTest {

    private static final List<String> COMMON = List.of("yyyyMMdd", "uuuuMMdd", "yyyy-MM-dd", "dd/MM/yyyy",
            "MM/dd/yyyy", "dd.MM.uuuu", "yyyy/MM/dd", "ddMMyyyy");

    @Test
    void theCommonLayoutsAreRecognisedAndNoOthers() {
        COMMON.forEach(pattern -> assertThat(DatePattern.of(pattern).isCommon()).as(pattern).isTrue());
        for (String other : List.of("d/M/yyyy", "yyMMdd", "yyyy-MM-dd HH:mm", "yyyyMM", "yyyy-MM/dd", "yyyy MM dd",
                "yyyyyMMdd", "MMddMMyy", "dd-MMM-yyyy", "yyyy-DDD", "'d'yyyyMMdd")) {
            assertThat(DatePattern.of(other).isCommon()).as(other).isFalse();
        }
    }

    @Test
    void readsEveryTextAsTheFormatterDoes() {
        List<String> patterns = new ArrayList<>(COMMON);
        patterns.add("d/M/yyyy");
        List<String> differences = new ArrayList<>();
        for (String pattern : patterns) {
            DatePattern dates = DatePattern.of(pattern);
            DateTimeFormatter formatter = DatePattern.formatter(pattern);
            for (String text : texts(pattern)) {
                Object read = outcome(() -> dates.parse(text));
                Object expected = outcome(() -> formatter.parse(text, LocalDate::from));
                if (!read.equals(expected)) {
                    differences.add(text + " in " + pattern + ": " + read + ", expected " + expected);
                }
            }
        }
        assertThat(differences).isEmpty();
    }

    @Test
    void aDateThatDoesNotExistIsRefusedNotMovedToTheMonthsEnd() {
        for (String pattern : List.of("yyyyMMdd", "uuuuMMdd", "d/M/yyyy", "yyyy-MM-dd")) {
            DatePattern dates = DatePattern.of(pattern);
            DateTimeFormatter writer = DateTimeFormatter.ofPattern(pattern.replace('y', 'u'));
            assertThat(dates.parse(writer.format(LocalDate.of(2000, 2, 29)))).isEqualTo(LocalDate.of(2000, 2, 29));
            assertThat(dates.parse(writer.format(LocalDate.of(1997, 1, 31)))).isEqualTo(LocalDate.of(1997, 1, 31));
        }
        for (String text : List.of("19970231", "19990229", "19970431", "19971301", "19970100")) {
            assertThat(outcome(() -> DatePattern.of("yyyyMMdd").parse(text))).as(text).isEqualTo("DateTimeException");
        }
        assertThat(outcome(() -> DatePattern.of("d/M/yyyy").parse("31/4/1997"))).isEqualTo("DateTimeException");
    }

    /**
     * Texts in and around {@code pattern}: every day of the years 0, 1, 1999, 2000 and 9999,
     * days 0, 29, 30, 31, 32 of every month, month 0 and 13, then each of these altered at random: a digit,
     * a separator or a blank changed, a character added or removed, a sign, a non-ASCII digit.
     */
    private static List<String> texts(String pattern) {
        DateTimeFormatter writer = DateTimeFormatter.ofPattern(pattern.replace('y', 'u'));
        List<String> texts = new ArrayList<>();
        for (int year : new int[] {0, 1, 1999, 2000, 9999}) {
            for (LocalDate day = LocalDate.of(year, 1, 1); day.getYear() == year; day = day.plusDays(1)) {
                texts.add(writer.format(day));
            }
            for (int month = 0; month <= 13; month++) {
                for (int dayOfMonth : new int[] {0, 29, 30, 31, 32}) {
                    texts.add(pattern.replace("yyyy", String.format("%04d", year))
                            .replace("uuuu", String.format("%04d", year)).replace("MM", String.format("%02d", month))
                            .replace("dd", String.format("%02d", dayOfMonth)));
                }
            }
        }
        Random random = new Random(13);
        String alphabet = "0123456789-/. +x\u0661";
        int written = texts.size();
        for (int i = 0; i < 5_000; i++) {
            StringBuilder text = new StringBuilder(texts.get(random.nextInt(written)));
            int at = random.nextInt(text.length() + 1);
            switch (random.nextInt(3)) {
                case 0 -> text.insert(at, alphabet.charAt(random.nextInt(alphabet.length())));
                case 1 -> text.deleteCharAt(Math.min(at, text.length() - 1));
                default -> text.setCharAt(Math.min(at, text.length() - 1), alphabet.charAt(random.nextInt(alphabet.length())));
            }
            texts.add(text.toString());
        }
        return texts;
    }

    /** The date read, or the name of the exception's class. */
    private static Object outcome(java.util.function.Supplier<LocalDate> parse) {
        try {
            return parse.get();
        } catch (DateTimeException e) {
            return DateTimeException.class.getSimpleName();
        }
    }
}
