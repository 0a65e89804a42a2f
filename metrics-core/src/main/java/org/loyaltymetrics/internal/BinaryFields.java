package org.loyaltymetrics.internal;

import java.io.ByteArrayOutputStream;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import org.loyaltymetrics.BinaryForm;
import org.loyaltymetrics.InvalidArgumentException;

/**
 * The field encodings of {@link org.loyaltymetrics.BinaryForm}: counts as unsigned LEB128 varints,
 * signed numbers as zigzag varints, arrays of counts with their length first. A field read back out of
 * range throws {@link InvalidArgumentException} named {@code bytes}.
 */
public final class BinaryFields {

    private BinaryFields() {
    }

    /** Writes the fields of a value, in the order its form documents. */
    @FunctionalInterface
    public interface FieldWriter<T> {
        /**
         * Writes the fields of {@code value} to {@code out}.
         *
         * @throws IOException if {@code out} fails
         */
        void write(T value, DataOutput out) throws IOException;
    }

    /** Reads the fields of a value of one version of its form. */
    @FunctionalInterface
    public interface FieldReader<T> {
        /**
         * Reads the fields of a form of {@code version} (1 to the form's version) and returns their value.
         *
         * @throws IOException if {@code in} fails
         * @throws IllegalArgumentException if a field is out of range (the form reports it as {@code bytes})
         */
        T read(DataInput in, int version) throws IOException;
    }

    /**
     * The binary form of {@code type} named {@code tag}, writing fields of {@code version} with {@code writer}
     * and reading them with {@code reader}: how each accumulator declares its form.
     *
     * @param type the class written and read
     * @param tag the stable type tag
     * @param version the version of the fields written, 1..255
     * @param writer writes the fields
     * @param reader reads the fields of any version up to {@code version}
     * @param <T> the type written and read
     * @return the form
     */
    public static <T> BinaryForm<T> form(Class<?> type, String tag, int version, FieldWriter<? super T> writer,
            FieldReader<? extends T> reader) {
        Checks.notNull(writer, "writer");
        Checks.notNull(reader, "reader");
        return new BinaryForm<T>(type, tag, version) {
            @Override
            protected void writeFields(T value, DataOutput out) throws IOException {
                writer.write(value, out);
            }

            @Override
            protected T readFields(DataInput in, int version) throws IOException {
                return reader.read(in, version);
            }
        };
    }

    /**
     * Writes a count (a whole number &ge; 0) as an unsigned LEB128 varint.
     *
     * @param out where to write
     * @param count the count, &ge; 0
     * @throws IOException if {@code out} fails
     * @throws InvalidArgumentException if {@code count} is negative
     */
    public static void writeCount(DataOutput out, long count) throws IOException {
        writeVarint(out, Checks.count(count, "count"));
    }

    /**
     * Reads a count written by {@link #writeCount}.
     *
     * @param in where to read
     * @return the count, &ge; 0
     * @throws IOException if {@code in} fails
     * @throws InvalidArgumentException named {@code bytes} if the varint is longer than a {@code long}
     *     or negative
     */
    public static long readCount(DataInput in) throws IOException {
        long value = readVarint(in);
        if (value < 0) {
            throw InvalidArgumentException.of("bytes", "a count >= 0", value);
        }
        return value;
    }

    /**
     * Reads a length (of an array, a count of entries) written by {@link #writeCount}, at most {@code max}.
     *
     * @param in where to read
     * @param max the largest length accepted
     * @return the length
     * @throws IOException if {@code in} fails
     * @throws InvalidArgumentException named {@code bytes} if the length exceeds {@code max}
     */
    public static int readLength(DataInput in, int max) throws IOException {
        long value = readVarint(in);
        if (value < 0 || value > max) {
            throw InvalidArgumentException.of("bytes", "a length in 0.." + max, value);
        }
        return (int) value;
    }

    /**
     * Writes a signed whole number (a day, a period index) as a zigzag varint.
     *
     * @param out where to write
     * @param value the number
     * @throws IOException if {@code out} fails
     */
    public static void writeSigned(DataOutput out, long value) throws IOException {
        writeVarint(out, (value << 1) ^ (value >> 63));
    }

    /**
     * Reads a number written by {@link #writeSigned}.
     *
     * @param in where to read
     * @return the number
     * @throws IOException if {@code in} fails
     * @throws InvalidArgumentException named {@code bytes} if the varint is longer than a {@code long}
     */
    public static long readSigned(DataInput in) throws IOException {
        long zigzag = readVarint(in);
        return (zigzag >>> 1) ^ -(zigzag & 1);
    }

    /**
     * Writes counts: their number, then each as by {@link #writeCount}.
     *
     * @param out where to write
     * @param counts the counts, each &ge; 0
     * @throws IOException if {@code out} fails
     */
    public static void writeCounts(DataOutput out, long[] counts) throws IOException {
        writeCount(out, counts.length);
        for (long count : counts) {
            writeCount(out, count);
        }
    }

    /**
     * Reads counts written by {@link #writeCounts}, at most {@code max} of them.
     *
     * @param in where to read
     * @param max the largest number of counts accepted
     * @return the counts
     * @throws IOException if {@code in} fails
     * @throws InvalidArgumentException named {@code bytes} if there are more than {@code max}, or one
     *     is out of range
     */
    public static long[] readCounts(DataInput in, int max) throws IOException {
        int length = readLength(in, max);
        // grown as the counts arrive, so that a corrupt length ends as truncated input, not as a huge array
        long[] counts = new long[Math.min(length, 1024)];
        for (int i = 0; i < length; i++) {
            if (i == counts.length) {
                counts = Arrays.copyOf(counts, (int) Math.min(length, 2L * counts.length));
            }
            counts[i] = readCount(in);
        }
        return counts;
    }

    /**
     * Checks that a field read back holds.
     *
     * @param holds whether the field is in range
     * @param requirement what the field must be, such as {@code "the sum of the counts"}
     * @param value the value read
     * @throws InvalidArgumentException named {@code bytes} unless {@code holds}
     */
    public static void checkField(boolean holds, String requirement, Object value) {
        if (!holds) {
            throw InvalidArgumentException.of("bytes", requirement, value);
        }
    }

    /**
     * Writes a string: the number of its UTF-8 bytes (a varint), then the bytes.
     *
     * @param out where to write
     * @param value the string
     * @throws IOException if {@code out} fails
     */
    public static void writeString(DataOutput out, String value) throws IOException {
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        writeCount(out, utf8.length);
        out.write(utf8);
    }

    /**
     * Reads a string written by {@link #writeString}.
     *
     * @param in where to read
     * @return the string
     * @throws IOException if {@code in} fails
     * @throws InvalidArgumentException named {@code bytes} if the bytes are not UTF-8
     */
    public static String readString(DataInput in) throws IOException {
        int length = readLength(in, Integer.MAX_VALUE - 8);
        // read in pieces, so that a corrupt length ends as truncated input, not as a huge array
        ByteArrayOutputStream utf8 = new ByteArrayOutputStream(Math.min(length, 1024));
        byte[] piece = new byte[Math.min(length, 8192)];
        for (int left = length; left > 0; left -= piece.length) {
            int n = Math.min(left, piece.length);
            in.readFully(piece, 0, n);
            utf8.write(piece, 0, n);
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(utf8.toByteArray())).toString();
        } catch (CharacterCodingException e) {
            throw InvalidArgumentException.of("bytes", "a string in UTF-8", "malformed UTF-8");
        }
    }

    /**
     * Writes ids (customers, members, products) in ascending order: their number, then each as by
     * {@link #writeSigned}.
     *
     * @param out where to write
     * @param ascending the ids, distinct and ascending
     * @throws IOException if {@code out} fails
     */
    public static void writeIds(DataOutput out, long[] ascending) throws IOException {
        writeCount(out, ascending.length);
        for (long id : ascending) {
            writeSigned(out, id);
        }
    }

    /**
     * Reads ids written by {@link #writeIds}.
     *
     * @param in where to read
     * @return the ids, ascending
     * @throws IOException if {@code in} fails
     * @throws InvalidArgumentException named {@code bytes} if they are not distinct and ascending
     */
    public static long[] readIds(DataInput in) throws IOException {
        int length = readLength(in, Integer.MAX_VALUE - 8);
        long[] ids = new long[Math.min(length, 1024)];
        for (int i = 0; i < length; i++) {
            if (i == ids.length) {
                ids = Arrays.copyOf(ids, (int) Math.min(length, 2L * ids.length));
            }
            ids[i] = readId(in, i, i == 0 ? 0 : ids[i - 1]);
        }
        return ids;
    }

    /**
     * Reads the {@code i}-th id of ascending ids written one by one by {@link #writeSigned} (each followed by
     * its own fields).
     *
     * @param in where to read
     * @param i the index of the id, from 0
     * @param previous the id before it (any value when {@code i} is 0)
     * @return the id
     * @throws IOException if {@code in} fails
     * @throws InvalidArgumentException named {@code bytes} if the id is not greater than {@code previous}
     */
    public static long readId(DataInput in, int i, long previous) throws IOException {
        long id = readSigned(in);
        checkField(i == 0 || id > previous, "distinct numbers in ascending order, after " + previous, id);
        return id;
    }

    /**
     * Writes distinct ascending numbers (periods, days) compactly: how many, the first as by
     * {@link #writeSigned}, then each later one as its distance from the one before (a count &ge; 1).
     *
     * @param out where to write
     * @param values the numbers, distinct and ascending in {@code values[from..to)}, each difference a {@code long}
     * @param from the first index
     * @param to the index after the last
     * @throws IOException if {@code out} fails
     */
    public static void writeAscending(DataOutput out, long[] values, int from, int to) throws IOException {
        writeCount(out, to - from);
        for (int k = from; k < to; k++) {
            if (k == from) {
                writeSigned(out, values[k]);
            } else {
                writeCount(out, values[k] - values[k - 1]);
            }
        }
    }

    /**
     * Reads numbers written by {@link #writeAscending}, at least 1 and at most {@code max} of them.
     *
     * @param in where to read
     * @param max the largest number of them accepted
     * @return the numbers, distinct and ascending
     * @throws IOException if {@code in} fails
     * @throws InvalidArgumentException named {@code bytes} if there are none or more than {@code max}, if a
     *     distance is 0, or if a number overflows a {@code long}
     */
    public static long[] readAscending(DataInput in, int max) throws IOException {
        int length = readLength(in, max);
        checkField(length >= 1, "at least 1 number", length);
        long[] values = new long[Math.min(length, 1024)];
        for (int k = 0; k < length; k++) {
            if (k == values.length) {
                values = Arrays.copyOf(values, (int) Math.min(length, 2L * values.length));
            }
            if (k == 0) {
                values[k] = readSigned(in);
            } else {
                long distance = readCount(in);
                checkField(distance >= 1, "distinct ascending numbers (a distance >= 1)", distance);
                values[k] = values[k - 1] + distance;
                checkField(values[k] > values[k - 1], "numbers within a long", "a number beyond " + Long.MAX_VALUE);
            }
        }
        return values;
    }

    /** The values of {@code set}, ascending. */
    public static long[] sorted(LongHashSet set) {
        long[] values = new long[set.size()];
        int[] n = {0};
        set.forEach(v -> values[n[0]++] = v);
        Arrays.sort(values);
        return values;
    }

    /**
     * Writes an enum constant by its name, as {@link DataOutput#writeUTF} writes it (the forms that name
     * a JDK enum, or one whose names are published, such as {@code ChronoUnit} and {@code Granularity}).
     *
     * @param out where to write
     * @param value the constant
     * @throws IOException if {@code out} fails
     */
    public static void writeName(DataOutput out, Enum<?> value) throws IOException {
        out.writeUTF(value.name());
    }

    /**
     * Reads a constant of {@code type} written by {@link #writeName}.
     *
     * @param in where to read
     * @param type the enum
     * @param <E> the enum
     * @return the constant
     * @throws IOException if {@code in} fails
     * @throws InvalidArgumentException named {@code bytes} if {@code type} has no constant of the name read
     */
    public static <E extends Enum<E>> E readName(DataInput in, Class<E> type) throws IOException {
        String name = in.readUTF();
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equals(name)) {
                return constant;
            }
        }
        throw InvalidArgumentException.of("bytes", "the name of a " + type.getSimpleName() + " "
                + Arrays.toString(type.getEnumConstants()), "\"" + name + "\"");
    }

    /**
     * Writes one of a fixed list of constants as its code, one byte: its index in {@code codes}, the list
     * a form publishes (in its Javadoc) and only ever extends at the end, so that the code of a constant
     * never depends on the order of an enum's declaration.
     *
     * @param out where to write
     * @param value the constant, one of {@code codes}
     * @param codes the constants in the order of their codes 0, 1, ..., at most 256
     * @param <E> the type of the constants
     * @throws IOException if {@code out} fails
     * @throws InvalidArgumentException named {@code value} if {@code value} is not one of {@code codes}
     */
    public static <E> void writeCode(DataOutput out, E value, List<E> codes) throws IOException {
        int code = codes.indexOf(value);
        if (code < 0 || code > 255) {
            throw InvalidArgumentException.of("value", "one of " + codes + " (the constants with a code)", value);
        }
        out.writeByte(code);
    }

    /**
     * Reads a constant written by {@link #writeCode}.
     *
     * @param in where to read
     * @param codes the constants in the order of their codes, as written
     * @param <E> the type of the constants
     * @return the constant
     * @throws IOException if {@code in} fails
     * @throws InvalidArgumentException named {@code bytes} if the code is not one of {@code codes}
     */
    public static <E> E readCode(DataInput in, List<E> codes) throws IOException {
        int code = in.readUnsignedByte();
        checkField(code < codes.size(), "a code in 0.." + (codes.size() - 1) + " of " + codes, code);
        return codes.get(code);
    }

    /**
     * Writes a date as its epoch day, by {@link #writeSigned}.
     *
     * @param out where to write
     * @param date the date
     * @throws IOException if {@code out} fails
     */
    public static void writeDate(DataOutput out, LocalDate date) throws IOException {
        writeSigned(out, date.toEpochDay());
    }

    /**
     * Reads a date written by {@link #writeDate}.
     *
     * @param in where to read
     * @return the date
     * @throws IOException if {@code in} fails
     * @throws InvalidArgumentException named {@code bytes} if the day is outside the dates of {@link LocalDate}
     */
    public static LocalDate readDate(DataInput in) throws IOException {
        long day = readSigned(in);
        checkField(day >= LocalDate.MIN.toEpochDay() && day <= LocalDate.MAX.toEpochDay(), "an epoch day of a LocalDate",
                day);
        return LocalDate.ofEpochDay(day);
    }

    /**
     * The sum of counts read back, checked.
     *
     * @param counts the counts, each &ge; 0
     * @return their sum
     * @throws InvalidArgumentException named {@code bytes} if the sum overflows a {@code long}
     */
    public static long sum(long[] counts) {
        long total = 0;
        for (long count : counts) {
            total += count;
            checkField(total >= 0, "counts whose sum is a long", "a sum beyond " + Long.MAX_VALUE);
        }
        return total;
    }

    private static void writeVarint(DataOutput out, long value) throws IOException {
        long v = value;
        while ((v & ~0x7FL) != 0) {
            out.writeByte((int) ((v & 0x7F) | 0x80));
            v >>>= 7;
        }
        out.writeByte((int) v);
    }

    private static long readVarint(DataInput in) throws IOException {
        long value = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            int b = in.readUnsignedByte();
            if (shift == 63 && b > 1) {
                break;
            }
            value |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return value;
            }
        }
        throw InvalidArgumentException.of("bytes", "a varint of at most 10 bytes", "a longer one");
    }
}
