package org.loyaltymetrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.lists;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.loyaltymetrics.retention.CustomerCounts;
import org.loyaltymetrics.survey.NetPromoterScore;
import org.loyaltymetrics.survey.RatingScale;
import org.loyaltymetrics.survey.ResponseTally;
import org.loyaltymetrics.survey.SurveyAccumulator;

/**
 * The binary forms of the accumulators ({@link BinaryForm}): every accumulator of the library has a static
 * {@code binaryForm()}, checked for every fixture of {@link AccumulatorContractTest}: over random
 * records, an accumulator written and read back snapshots to the same value, writes the same bytes
 * again, and keeps accumulating and combining as the original does. Then the envelope: a form of another
 * type, of a newer version or format, bytes that are not a form, truncated or with bytes left over are
 * refused with {@link InvalidArgumentException} named {@code bytes}; and the bytes of published forms
 * are pinned (a change of layout fails here and needs a new version).
 */
class BinaryFormContractTest {

    @Test
    void everyAccumulatorHasABinaryForm() throws Exception {
        Set<String> without = new TreeSet<>();
        for (String name : AccumulatorContractTest.accumulatorClasses()) {
            if (binaryForm(Class.forName(name)) == null) {
                without.add(name.substring("org.loyaltymetrics.".length()));
            }
        }
        assertThat(AccumulatorContractTest.accumulatorClasses()).hasSizeGreaterThan(25);
        assertThat(without).as("accumulators without a binary form").isEmpty();
    }

    /** One dynamic test per fixture. */
    @TestFactory
    @SuppressWarnings({"rawtypes", "unchecked"})
    Stream<DynamicTest> everyBinaryFormRoundTrips() throws Exception {
        List<AccumulatorFixture> fixtures = AccumulatorContractTest.fixtures();
        assertThat(fixtures).hasSizeGreaterThan(25).allSatisfy(f -> assertThat(binaryForm(f.type())).isNotNull());
        return fixtures.stream().map(f -> DynamicTest.dynamicTest(f.type().getSimpleName() + ": " + f.name(),
                () -> check(f, (BinaryForm) binaryForm(f.type()))));
    }

    private static <A extends Accumulator<A, V>, V, R> void check(AccumulatorFixture<A, R> f, BinaryForm<A> form) {
        qt().withExamples(100).forAll(lists().of(f.records()).ofSizeBetween(0, 60), lists().of(f.records())
                .ofSizeBetween(0, 20)).checkAssert((records, more) -> {
                    A original = f.create().get();
                    records.forEach(r -> f.add().accept(original, r));
                    byte[] bytes = form.toBytes(original);
                    A read = form.fromBytes(bytes);
                    assertThat(read.snapshot()).as("read back").isEqualTo(original.snapshot());
                    assertThat(form.toBytes(read)).as("written again").isEqualTo(bytes);
                    assertThat(read.toString()).isEqualTo(original.toString());

                    A other = f.create().get();
                    more.forEach(r -> f.add().accept(other, r));
                    more.forEach(r -> f.add().accept(original, r));
                    more.forEach(r -> f.add().accept(read, r));
                    assertThat(read.snapshot()).as("adds after reading").isEqualTo(original.snapshot());
                    A fresh = f.create().get();
                    records.forEach(r -> f.add().accept(fresh, r));
                    A combined = form.fromBytes(form.toBytes(fresh)).combine(form.fromBytes(form.toBytes(other)));
                    assertThat(combined.snapshot()).as("read parts combined").isEqualTo(original.snapshot());

                    byte[] truncated = Arrays.copyOf(bytes, bytes.length - 1);
                    assertThatThrownBy(() -> form.fromBytes(truncated)).isInstanceOf(InvalidArgumentException.class)
                            .hasMessageStartingWith("bytes must be");
                });
    }

    /** The public static no-argument {@code binaryForm()} of {@code type}, or null. */
    static BinaryForm<?> binaryForm(Class<?> type) {
        try {
            Method method = type.getMethod("binaryForm");
            if (!Modifier.isStatic(method.getModifiers()) || method.getDeclaringClass() != type) {
                return null;
            }
            return (BinaryForm<?>) method.invoke(null);
        } catch (NoSuchMethodException e) {
            return null;
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void publishedFormsKeepTheirBytes() {
        // magic 4C4D, format 01, tag length 0020 + "survey.ResponseTally.Accumulator", version 01; then
        // min 1 (zigzag 02), max 5 (0A), 5 points (05), counts 3, 0, 0, 1, 200 (C8 01)
        ResponseTally.Accumulator tally = ResponseTally.accumulator(RatingScale.ONE_TO_FIVE).add(1, 3).add(4).add(5, 200);
        assertThat(HexFormat.of().withUpperCase().formatHex(ResponseTally.Accumulator.binaryForm().toBytes(tally)))
                .isEqualTo("4C4D010020" + hex("survey.ResponseTally.Accumulator") + "01" + "020A05030000" + "01C801");
        // NPS (metric 00), scale 0..10 (00 14), 11 points (0B), one 9 and two 10s
        SurveyAccumulator<NetPromoterScore> nps = NetPromoterScore.accumulator().add(9).add(10, 2);
        assertThat(HexFormat.of().withUpperCase().formatHex(SurveyAccumulator.binaryForm().toBytes(nps)))
                .isEqualTo("4C4D010018" + hex("survey.SurveyAccumulator") + "01" + "00" + "00140B" + "00".repeat(9)
                        + "0102");
        assertThat(SurveyAccumulator.binaryForm().toBytes(nps)).hasSize(30 + 15);
        assertThat(ResponseTally.Accumulator.binaryForm().toBytes(ResponseTally.accumulator(RatingScale.ONE_TO_FIVE)
                .add(3, 107))).hasSize(38 + 8);
    }

    private static String hex(String ascii) {
        return HexFormat.of().withUpperCase().formatHex(ascii.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    }

    @Test
    void anotherTypeANewerVersionAndForeignBytesAreRefused() {
        byte[] nps = SurveyAccumulator.binaryForm().toBytes(NetPromoterScore.accumulator().add(7));
        assertThatThrownBy(() -> ResponseTally.Accumulator.binaryForm().fromBytes(nps))
                .isInstanceOf(InvalidArgumentException.class).hasMessage("bytes must be the binary form of "
                        + "survey.ResponseTally.Accumulator, was the binary form of survey.SurveyAccumulator");

        byte[] newer = nps.clone();
        newer[5 + "survey.SurveyAccumulator".length()] = 2;
        assertThatThrownBy(() -> SurveyAccumulator.binaryForm().fromBytes(newer))
                .isInstanceOf(InvalidArgumentException.class).hasMessage("bytes must be a binary form of "
                        + "survey.SurveyAccumulator of version 1..1 (a newer release wrote this one), was version 2");

        byte[] newerFormat = nps.clone();
        newerFormat[2] = 2;
        assertThatThrownBy(() -> SurveyAccumulator.binaryForm().fromBytes(newerFormat))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("was format 2");

        assertThatThrownBy(() -> SurveyAccumulator.binaryForm().fromBytes(new byte[] {(byte) 0xAC, (byte) 0xED, 0, 5}))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessage("bytes must be a Loyalty Metrics binary form (starting 0x4C4D), was bytes starting 0xACED");

        byte[] longer = Arrays.copyOf(nps, nps.length + 1);
        assertThatThrownBy(() -> SurveyAccumulator.binaryForm().fromBytes(longer))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("1 bytes left over");

        byte[] badMetric = nps.clone();
        badMetric[6 + "survey.SurveyAccumulator".length()] = 7;
        assertThatThrownBy(() -> SurveyAccumulator.binaryForm().fromBytes(badMetric))
                .isInstanceOf(InvalidArgumentException.class).hasMessageStartingWith("bytes must be a metric code");

        assertThatThrownBy(() -> SurveyAccumulator.binaryForm(NetPromoterScore.DEFINITION).fromBytes(
                SurveyAccumulator.binaryForm().toBytes(org.loyaltymetrics.survey.CustomerSatisfactionScore.accumulator())))
                .isInstanceOf(InvalidArgumentException.class).hasMessageStartingWith("bytes must be an accumulator of NPS");
    }

    @Test
    void aCorruptLengthIsTruncatedInputNotAnArrayOfThatLength() {
        // the envelope of a cohort's form ("LM", format, tag, version), then a length of 2^31 - 1 periods and
        // nothing after it: refused as truncated, without allocating 2^31 counts
        BinaryForm<org.loyaltymetrics.data.CohortSurvivors.Accumulator> form =
                org.loyaltymetrics.data.CohortSurvivors.Accumulator.binaryForm();
        byte[] valid = form.toBytes(org.loyaltymetrics.data.CohortSurvivors.accumulator(2));
        int envelope = 2 + 1 + 2 + "data.CohortSurvivors.Accumulator".length() + 1;
        byte[] corrupt = Arrays.copyOf(valid, envelope + 5);
        System.arraycopy(new byte[] {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x07}, 0, corrupt, envelope, 5);
        assertThatThrownBy(() -> form.fromBytes(corrupt)).isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("truncated");
    }

    @Test
    void aValueOfAnotherTypeIsNotWritten() {
        @SuppressWarnings({"rawtypes", "unchecked"})
        BinaryForm<Object> form = (BinaryForm) ResponseTally.Accumulator.binaryForm();
        assertThatThrownBy(() -> form.toBytes(CustomerCounts.accumulator(java.time.LocalDate.of(2025, 1, 1),
                java.time.LocalDate.of(2025, 2, 1)))).isInstanceOf(InvalidArgumentException.class)
                .hasMessageStartingWith("value must be of type survey.ResponseTally.Accumulator");
        assertThat(form.toString()).isEqualTo("BinaryForm of survey.ResponseTally.Accumulator v1");
    }
}
