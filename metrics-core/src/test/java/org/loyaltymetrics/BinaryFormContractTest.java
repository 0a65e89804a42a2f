package org.loyaltymetrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.lists;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.loyaltymetrics.behavior.ReferralRate;
import org.loyaltymetrics.data.RfmSummary;
import org.loyaltymetrics.money.CurrencyUnit;
import org.loyaltymetrics.retention.CohortTable;
import org.loyaltymetrics.retention.CustomerCounts;
import org.loyaltymetrics.survey.NetPromoterScore;
import org.loyaltymetrics.survey.RatingScale;
import org.loyaltymetrics.survey.ResponseTally;
import org.loyaltymetrics.survey.SurveyAccumulator;
import org.loyaltymetrics.time.Granularity;
import org.loyaltymetrics.value.HistoricalCustomerLifetimeValue;

/**
 * The binary forms of the accumulators ({@link BinaryForm}): every accumulator of the library has a static
 * {@code binaryForm()}, checked for every fixture of {@link AccumulatorContractTest}: over random
 * records, an accumulator written and read back snapshots to the same value, writes the same bytes
 * again, and keeps accumulating and combining as the original does (parts combined in either order
 * write the same bytes). Then the envelope: a form of another
 * type, of a newer version or format, bytes that are not a form, truncated or with bytes left over are
 * refused with {@link InvalidArgumentException} named {@code bytes}; and the bytes of published forms
 * are pinned (a change of layout fails here and needs a new version).
 */
class BinaryFormContractTest {

    @Test
    void everyAccumulatorHasABinaryForm() throws Exception {
        Set<String> without = new TreeSet<>();
        for (String name : AccumulatorContractTest.accumulatorClasses()) {
            BinaryForm<?> form = binaryForm(Class.forName(name));
            if (form == null) {
                without.add(name.substring("org.loyaltymetrics.".length()));
            } else {
                assertThat(form.tag()).as("the tag of " + name)
                        .isEqualTo(name.substring("org.loyaltymetrics.".length()).replace('$', '.'));
                assertThat(form.version()).isEqualTo(1);
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
                    // one canonical form: the parts combined in either order write the same bytes
                    A backwards = form.fromBytes(form.toBytes(other)).combine(form.fromBytes(form.toBytes(fresh)));
                    assertThat(form.toBytes(backwards)).as("bytes of the parts combined backwards")
                            .isEqualTo(form.toBytes(combined));

                    byte[] truncated = Arrays.copyOf(bytes, bytes.length - 1);
                    assertThatThrownBy(() -> form.fromBytes(truncated)).isInstanceOf(InvalidArgumentException.class)
                            .hasMessageStartingWith("bytes must be");
                    byte[] longer = Arrays.copyOf(bytes, bytes.length + 1);
                    assertThatThrownBy(() -> form.fromBytes(longer)).isInstanceOf(InvalidArgumentException.class)
                            .hasMessage("bytes must be one binary form of " + form.tag() + ", was 1 bytes left over after it");
                    byte[] newer = bytes.clone();
                    newer[5 + form.tag().length()] = (byte) (form.version() + 1); // the version after the ASCII tag
                    assertThatThrownBy(() -> form.fromBytes(newer)).isInstanceOf(InvalidArgumentException.class)
                            .hasMessageStartingWith("bytes must be a binary form of " + form.tag() + " of version 1..")
                            .hasMessageContaining("a newer release wrote this one");
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

    @Test
    void newFormsKeepTheirBytes() {
        // customers {-1, 5}, referrers {5}, referred {9}: each set's size, then its ids ascending as zigzag
        // varints (-1 -> 01, 5 -> 0A, 9 -> 12)
        ReferralRate.Accumulator referrals = ReferralRate.accumulator().addCustomer(5).addReferral(5, 9).addCustomer(-1);
        assertThat(hexOf(ReferralRate.Accumulator.binaryForm().toBytes(referrals)))
                .isEqualTo(envelope("behavior.ReferralRate.Accumulator") + "02010A" + "010A" + "0112");

        // MONTH as a tag (0005 "MONTH"), 2 users; user 3 (zigzag 06): 1 period, 2025-02 = 2025 x 12 + 1 = 24301,
        // zigzag 48602 = DA FB 02; user 7 (0E): 2 periods, 2025-01 = 24300 (zigzag 48600 = D8 FB 02), then 2025-03
        // as the distance 2
        CohortTable.Accumulator cohorts = CohortTable.accumulator(Granularity.MONTH).add(7, LocalDate.of(2025, 1, 5))
                .add(3, LocalDate.of(2025, 2, 1)).add(7, LocalDate.of(2025, 3, 31)).add(7, LocalDate.of(2025, 3, 1));
        assertThat(hexOf(CohortTable.Accumulator.binaryForm().toBytes(cohorts)))
                .isEqualTo(envelope("retention.CohortTable.Accumulator") + "0005" + hex("MONTH") + "02"
                        + "0601DAFB02" + "0E02D8FB0202");

        // margin (code 01), "EUR" (03 455552) with 2 decimals, 2 customers: -4 (zigzag 07) with -150 (zigzag 299 =
        // AB 02), 10 (14) with 300 + 200 = 500 (zigzag 1000 = E8 07)
        HistoricalCustomerLifetimeValue.Accumulator values = HistoricalCustomerLifetimeValue
                .accumulator(HistoricalCustomerLifetimeValue.Definition.MARGIN, CurrencyUnit.EUR).add(10, 300)
                .add(-4, -150).add(10, 200);
        assertThat(hexOf(HistoricalCustomerLifetimeValue.Accumulator.binaryForm().toBytes(values)))
                .isEqualTo(envelope("value.HistoricalCustomerLifetimeValue.Accumulator") + "0103455552020207AB0214E807");

        // "USD" with 2 decimals; calibration end 2025-01-31 = epoch day 20119 (zigzag 40238 = AE BA 02), end
        // 2025-02-28 = 20147 (40294 = E6 BA 02); 3 transactions counted, 1 after the end; 1 customer, id 1 (02):
        // first day's value 1000 + 500 = 1500 (DC 0B), calibration value 1500, holdout value 300 (AC 02); 2 purchase
        // days: 2025-01-10 = 20098 (40196 = 84 BA 02), then 2025-02-05 at a distance of 26 (1A)
        RfmSummary.Accumulator rfm = RfmSummary.accumulator(CurrencyUnit.USD, LocalDate.of(2025, 1, 31),
                LocalDate.of(2025, 2, 28)).add(1, LocalDate.of(2025, 2, 5), 300).add(1, LocalDate.of(2025, 1, 10), 1000)
                .add(1, LocalDate.of(2025, 1, 10), 500).add(2, LocalDate.of(2025, 3, 1), 700);
        assertThat(hexOf(RfmSummary.Accumulator.binaryForm().toBytes(rfm))).isEqualTo(envelope("data.RfmSummary.Accumulator")
                + "0355534402" + "AEBA02E6BA02" + "0301" + "01" + "02DC0BDC0BAC02" + "0284BA021A");
        assertThat(RfmSummary.Accumulator.binaryForm().fromBytes(RfmSummary.Accumulator.binaryForm().toBytes(rfm))
                .snapshot()).isEqualTo(rfm.snapshot());
    }

    @Test
    void fieldsTheTypeRefusesAreRefusedAsBytes() {
        BinaryForm<CohortTable.Accumulator> form = CohortTable.Accumulator.binaryForm();
        String envelope = envelope("retention.CohortTable.Accumulator");
        // QUARTER, which a cohort table refuses, in place of MONTH
        assertThatThrownBy(() -> form.fromBytes(HexFormat.of().parseHex(envelope + "0007" + hex("QUARTER") + "00")))
                .isInstanceOf(InvalidArgumentException.class).hasMessage("bytes must be the fields of a valid "
                        + "retention.CohortTable.Accumulator, was granularity must be DAY, WEEK or MONTH, was QUARTER");
        // a granularity that does not exist
        assertThatThrownBy(() -> form.fromBytes(HexFormat.of().parseHex(envelope + "0006" + hex("DECADE") + "00")))
                .isInstanceOf(InvalidArgumentException.class).hasMessageStartingWith("bytes must be the name of a Granularity");
        // users 7 then 3: not in ascending order, so not the one form of these users
        assertThatThrownBy(() -> form.fromBytes(HexFormat.of().parseHex(envelope + "0005" + hex("MONTH") + "02"
                + "0E01D8FB02" + "0601DAFB02"))).isInstanceOf(InvalidArgumentException.class)
                .hasMessage("bytes must be distinct numbers in ascending order, after 7, was 3");
        // a user with a period distance of 0 (the same period twice)
        assertThatThrownBy(() -> form.fromBytes(HexFormat.of().parseHex(envelope + "0005" + hex("MONTH") + "01"
                + "0E02D8FB0200"))).isInstanceOf(InvalidArgumentException.class)
                .hasMessage("bytes must be distinct ascending numbers (a distance >= 1), was 0");
        // a negative revenue, which the revenue definition refuses
        BinaryForm<HistoricalCustomerLifetimeValue.Accumulator> values = HistoricalCustomerLifetimeValue.Accumulator
                .binaryForm();
        assertThatThrownBy(() -> values.fromBytes(HexFormat.of().parseHex(envelope(
                "value.HistoricalCustomerLifetimeValue.Accumulator") + "0003455552020107AB02")))
                .isInstanceOf(InvalidArgumentException.class).hasMessageStartingWith("bytes must be the fields of a valid "
                        + "value.HistoricalCustomerLifetimeValue.Accumulator, was amount must be >= 0");
    }

    /** The envelope of a form of {@code tag}, version 1, in hex: magic, format, the tag's length and bytes, version. */
    private static String envelope(String tag) {
        return "4C4D01" + String.format("%04X", tag.length()) + hex(tag) + "01";
    }

    private static String hexOf(byte[] bytes) {
        return HexFormat.of().withUpperCase().formatHex(bytes);
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
