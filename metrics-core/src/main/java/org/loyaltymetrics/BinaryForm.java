package org.loyaltymetrics;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInput;
import java.io.DataInputStream;
import java.io.DataOutput;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UTFDataFormatException;
import java.io.UncheckedIOException;
import java.time.DateTimeException;
import java.util.Objects;

/**
 * The compact, versioned binary form of one type of the library (an accumulator, or a value it
 * snapshots), for engines that ship state between machines or keep it in stores: Spark buffers, Flink
 * and Kafka Streams state, caches. Unlike Java serialization it names no Java class, reads back only
 * the one type it was asked for, and is documented field by field, so that it stays readable across
 * releases and from other languages.
 *
 * <p><b>Layout</b> (every multi-byte number big-endian):
 * <ol>
 * <li>magic: the two bytes {@code 0x4C 0x4D} ("LM");</li>
 * <li>format: one byte, the version of this envelope, {@value #FORMAT};</li>
 * <li>type tag: the type's stable name as {@link DataOutput#writeUTF} writes it (a two-byte length, then
 * modified UTF-8), such as {@code "survey.ResponseTally.Accumulator"}: the package below
 * {@code org.loyaltymetrics} and the simple names, fixed when the form is published and kept if a
 * class is ever renamed;</li>
 * <li>version: one byte, the version of the type's fields (1 for every form of this release);</li>
 * <li>fields: the type's fields in the fixed order that its {@code binaryForm()} Javadoc states. Counts
 * and lengths are unsigned LEB128 varints (seven bits a byte, low group first, high bit set on every
 * byte but the last: 0..127 take one byte); signed whole numbers such as epoch days are zigzag varints
 * ((n &lt;&lt; 1) ^ (n &gt;&gt; 63), then as a count); {@code double}s are their eight IEEE 754 bytes;
 * booleans one byte 0 or 1; the name of a JDK enum constant or of a {@code Granularity} as the tag; a
 * constant of the library's own enums (a journey stage, a ledger event, a definition) as one byte, its
 * code in the list that the form's Javadoc publishes (codes are never reused or reordered, new constants
 * take new codes, so that a code never depends on the order of an enum's declaration); other strings
 * (currency codes, categories, group keys) as the number of their UTF-8 bytes (a count), then the bytes.
 * Collections are written in one canonical order (customers, members and accounts by ascending id,
 * periods and days ascending, the first as a zigzag varint and each later one as its distance from the one
 * before), so that accumulators of the same records give the same bytes whatever the order they came in
 * and however they were combined.</li>
 * </ol>
 *
 * <p><b>Tags.</b> Every accumulator of the library has a form; its tag is its class below
 * {@code org.loyaltymetrics} with nested names joined by dots, and its {@code binaryForm()} Javadoc
 * gives its fields: behavior.ComplaintCounts.Accumulator, behavior.ComplaintLog.Accumulator,
 * behavior.CustomerJourneyFunnel.Accumulator, behavior.EmailOpenRate.Accumulator,
 * behavior.EngagementScore.Accumulator, behavior.PlanUpgradeRate.Accumulator, behavior.ReferralRate.Accumulator,
 * behavior.RepeatPurchaseRate.Accumulator, behavior.Stickiness.Accumulator, behavior.UpsellRate.Accumulator,
 * data.CohortSurvivors.Accumulator, data.OpportunityHistories.Accumulator, data.PurchaseHistories.Accumulator,
 * data.RfmSummary.Accumulator, data.SpendHistories.Accumulator, programme.MemberUplift.Accumulator,
 * programme.PointsLedger.Accumulator, programme.TierHistory.Accumulator, retention.ChurnSeries.Accumulator,
 * retention.CohortTable.Accumulator, retention.CustomerCounts.Accumulator, retention.CustomerLifetimes,
 * retention.RenewalRate.Accumulator, retention.RevenueRetention.Accumulator, retention.SurvivalCurve.Accumulator,
 * survey.CustomerLoyaltyScore.Accumulator, survey.ResponseTally.Accumulator, survey.SurveyAccumulator,
 * survey.SurveyBreakdown.Accumulator, survey.SurveySeries.Accumulator and
 * value.HistoricalCustomerLifetimeValue.Accumulator, each of version 1. A form that nests another
 * type's state (the lifetimes of {@code CustomerLifetimes}, the tallies of the survey breakdowns and series)
 * writes that state's fields as the inner form does, without its envelope.
 *
 * <p><b>Stability.</b> A release never changes the meaning of a published (tag, version): a change
 * of fields is a new version, and a release reads every version it ever wrote. Reading a form of
 * another type, of a newer version than this release knows, or bytes that are not a binary form at
 * all, throws {@link InvalidArgumentException} saying which; so does a form whose fields are out of
 * range (a negative length, a count that overflows, a setting or record the type refuses: an
 * {@link IllegalArgumentException}, {@link ArithmeticException} or {@link DateTimeException} of the
 * fields' reading is reported as {@code bytes}, with the type's own message).
 *
 * <p>Obtain the form of a type from its static {@code binaryForm()} method, such as
 * {@code ResponseTally.Accumulator.binaryForm()}. Forms are immutable and thread-safe; subclasses
 * (forms of one's own types) implement {@link #writeFields} and {@link #readFields}. Some states cannot be
 * written and are refused by {@link #toBytes} with {@link InvalidArgumentException} named {@code value}:
 * survey accumulators of a metric of one's own, and survey breakdowns by keys other than strings, longs
 * and ints.
 *
 * @param <T> the type written and read
 */
public abstract class BinaryForm<T> {

    /** The version of the envelope (magic, format, tag, version) this release writes and reads. */
    public static final int FORMAT = 1;

    private static final int MAGIC_0 = 0x4C;
    private static final int MAGIC_1 = 0x4D;

    private final Class<?> type;
    private final String tag;
    private final int version;

    /**
     * A form of {@code type} named {@code tag}, writing fields of {@code version}.
     *
     * @param type the class written and read (instances of it only are written)
     * @param tag the stable type tag, not blank, at most 200 characters
     * @param version the version of the fields this form writes, 1..255; it reads every version up to it
     * @throws InvalidArgumentException if the tag is blank or too long, or the version out of range
     */
    protected BinaryForm(Class<?> type, String tag, int version) {
        this.type = Objects.requireNonNull(type, "type must not be null");
        this.tag = Objects.requireNonNull(tag, "tag must not be null");
        if (tag.isBlank() || tag.length() > 200) {
            throw InvalidArgumentException.of("tag", "a name of 1 to 200 characters", "\"" + tag + "\"");
        }
        if (version < 1 || version > 255) {
            throw InvalidArgumentException.of("version", "in 1..255", version);
        }
        this.version = version;
    }

    /** The stable type tag written after the magic and format. */
    public final String tag() {
        return tag;
    }

    /** The version of the fields this form writes (it reads every version up to this one). */
    public final int version() {
        return version;
    }

    /**
     * The binary form of {@code value}: envelope and fields.
     *
     * @throws NullPointerException if {@code value} is null
     * @throws InvalidArgumentException if {@code value} is not of this form's type, or holds what the
     *     form cannot write (named in the message)
     */
    public final byte[] toBytes(T value) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            write(value, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a byte array never fails
        }
        return bytes.toByteArray();
    }

    /**
     * The value whose binary form {@code bytes} holds, all of them.
     *
     * @throws NullPointerException if {@code bytes} is null
     * @throws InvalidArgumentException named {@code bytes} if they are not a binary form, are the form
     *     of another type or of a newer version, are truncated or have bytes left over, or hold fields
     *     out of range
     */
    public final T fromBytes(byte[] bytes) {
        Objects.requireNonNull(bytes, "bytes must not be null");
        ByteArrayInputStream stream = new ByteArrayInputStream(bytes);
        try {
            T value = read(new DataInputStream(stream));
            if (stream.available() > 0) {
                throw InvalidArgumentException.of("bytes", "one binary form of " + tag, stream.available()
                        + " bytes left over after it");
            }
            return value;
        } catch (EOFException e) {
            throw InvalidArgumentException.of("bytes", "a whole binary form of " + tag, "truncated at "
                    + bytes.length + " bytes");
        } catch (UTFDataFormatException e) {
            throw InvalidArgumentException.of("bytes", "a binary form with a type tag", "a malformed tag");
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a byte array never fails
        }
    }

    /**
     * Writes the binary form of {@code value} (envelope and fields) to {@code out}.
     *
     * @throws IOException if {@code out} fails
     * @throws InvalidArgumentException if {@code value} is not of this form's type, or holds what the
     *     form cannot write
     */
    public final void write(T value, DataOutput out) throws IOException {
        Objects.requireNonNull(value, "value must not be null");
        Objects.requireNonNull(out, "out must not be null");
        if (!type.isInstance(value)) {
            throw InvalidArgumentException.of("value", "of type " + tag, value.getClass().getName());
        }
        out.writeByte(MAGIC_0);
        out.writeByte(MAGIC_1);
        out.writeByte(FORMAT);
        out.writeUTF(tag);
        out.writeByte(version);
        writeFields(value, out);
    }

    /**
     * Reads one binary form of this type from {@code in}.
     *
     * @throws IOException if {@code in} fails or ends before the form does ({@link EOFException})
     * @throws InvalidArgumentException named {@code bytes} if what is read is not a binary form, is the
     *     form of another type or of a newer version, or holds fields out of range
     */
    public final T read(DataInput in) throws IOException {
        Objects.requireNonNull(in, "in must not be null");
        int m0 = in.readUnsignedByte();
        int m1 = in.readUnsignedByte();
        if (m0 != MAGIC_0 || m1 != MAGIC_1) {
            throw InvalidArgumentException.of("bytes", "a Loyalty Metrics binary form (starting 0x4C4D)",
                    String.format("bytes starting 0x%02X%02X", m0, m1));
        }
        int format = in.readUnsignedByte();
        if (format != FORMAT) {
            throw InvalidArgumentException.of("bytes", "a binary form of format " + FORMAT
                    + " (a newer release wrote this one)", "format " + format);
        }
        String found = in.readUTF();
        if (!found.equals(tag)) {
            throw InvalidArgumentException.of("bytes", "the binary form of " + tag, "the binary form of " + found);
        }
        int foundVersion = in.readUnsignedByte();
        if (foundVersion < 1 || foundVersion > version) {
            throw InvalidArgumentException.of("bytes", "a binary form of " + tag + " of version 1.." + version
                    + (foundVersion > version ? " (a newer release wrote this one)" : ""), "version " + foundVersion);
        }
        try {
            return readFields(in, foundVersion);
        } catch (InvalidArgumentException e) {
            if (e.argument().equals("bytes")) {
                throw e;
            }
            throw outOfRange(e);
        } catch (IllegalArgumentException | ArithmeticException | DateTimeException e) {
            throw outOfRange(e);
        }
    }

    /** A field read back that the type refused (a setting or record out of range, a count that overflows). */
    private InvalidArgumentException outOfRange(RuntimeException e) {
        return InvalidArgumentException.of("bytes", "the fields of a valid " + tag, e.getMessage());
    }

    /**
     * Writes the fields of {@code value}, in the order the form documents.
     *
     * @param value the value, of this form's type
     * @param out where to write
     * @throws IOException if {@code out} fails
     */
    protected abstract void writeFields(T value, DataOutput out) throws IOException;

    /**
     * Reads the fields of a form of {@code version} and returns the value they make.
     *
     * @param in where to read
     * @param version the version read from the envelope, 1 to {@link #version()}
     * @return the value
     * @throws IOException if {@code in} fails
     * @throws IllegalArgumentException if a field is out of range ({@link #read} reports it named
     *     {@code bytes}, as it does an {@link ArithmeticException} or a {@link DateTimeException})
     */
    protected abstract T readFields(DataInput in, int version) throws IOException;

    /** {@code "BinaryForm of <tag> v<version>"}. */
    @Override
    public String toString() {
        return "BinaryForm of " + tag + " v" + version;
    }
}
