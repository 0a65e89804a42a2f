package org.loyaltymetrics.examples.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The characters of a UTF-8 text file, checked as they are decoded: a byte-order mark at the start
 * is dropped; bytes that are not UTF-8 (a Latin-1 or Windows-1252 file, UTF-16, binary data) and
 * control characters other than tab, line feed and carriage return stop the reading with an
 * {@link InputException} that names the file, the line and the character position in the line
 * ({@code FILE:LINE:COLUMN}) and says what is expected. The characters before the fault are
 * delivered first, so that a reader meets the faults of a file in their order.
 *
 * <p>If asked to, it also tells the line of a character position it delivered ({@link #lineOf}), for a
 * parser that knows where a record starts but not on which line (blank lines skipped, values over several
 * lines). Lines end with LF, CRLF or CR.
 */
final class Utf8Reader extends Reader {

    private static final char BYTE_ORDER_MARK = '\uFEFF';

    private final InputStream in;
    private final String name;
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    private final ByteBuffer bytes = ByteBuffer.allocate(8192).flip();
    private final CharBuffer chars = CharBuffer.allocate(8192).flip();
    private boolean endOfInput;
    private boolean flushed;
    private boolean started;
    private boolean markChecked;
    private InputException fault;

    /** Where the next character decoded is: its line (1-based) and position in the line (0-based). */
    private long line = 1;
    private long column;
    private boolean afterCarriageReturn;

    /** The characters decoded and kept so far (the byte-order mark is not kept). */
    private long position;

    /**
     * The lines decoded but not yet passed by {@link #lineOf}: the line {@code firstLine + k} starts at
     * position {@code starts[head + k]}, and {@code empty[head + k]} tells whether it ended without a
     * character (known once its end is decoded).
     */
    private long[] starts = new long[64];
    private boolean[] empty = new boolean[64];
    private int head;
    private int size = 1; // line 1 starts at 0
    private long firstLine = 1;

    /** Whether the starts of the lines are kept for {@link #lineOf}. */
    private final boolean lineStarts;

    /**
     * The text of {@code in}, named {@code name} in messages; {@code lineStarts} keeps the starts of the
     * lines for {@link #lineOf} (a reader that counts lines itself does without).
     */
    Utf8Reader(InputStream in, String name, boolean lineStarts) {
        this.in = in;
        this.name = name;
        this.lineStarts = lineStarts;
    }

    @Override
    public int read(char[] buffer, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        while (!chars.hasRemaining()) {
            if (fault != null) {
                throw fault;
            }
            if (flushed) {
                return -1;
            }
            decode();
        }
        int n = Math.min(length, chars.remaining());
        chars.get(buffer, offset, n);
        return n;
    }

    /** Decodes the next characters into {@code chars}, checking them; notes a fault for when they are used up. */
    private void decode() throws IOException {
        if (!endOfInput && bytes.remaining() < 4) {
            bytes.compact();
            int n = in.read(bytes.array(), bytes.position(), bytes.remaining());
            if (n < 0) {
                endOfInput = true;
            } else {
                bytes.position(bytes.position() + n);
            }
            bytes.flip();
        }
        if (!started && (bytes.remaining() >= 2 || endOfInput)) {
            started = true;
            if (bytes.remaining() >= 2 && isUtf16Mark(bytes.get(0), bytes.get(1))) {
                fault = new InputException(name + ":1:1: is UTF-16 text (it starts with a UTF-16 byte-order mark): "
                        + "save it as UTF-8");
                return;
            }
        } else if (!started) {
            return; // read more first
        }
        chars.clear();
        CoderResult result = decoder.decode(bytes, chars, endOfInput);
        if (endOfInput && !result.isError() && !bytes.hasRemaining()) {
            flushed = decoder.flush(chars).isUnderflow();
        }
        chars.flip();
        check();
        if (result.isError() && fault == null) {
            int bad = bytes.get(bytes.position()) & 0xFF;
            fault = new InputException(name + ":" + line + ":" + (column + 1) + ": is not UTF-8 text (byte 0x"
                    + String.format("%02X", bad) + " is not UTF-8 here; a Latin-1 or Windows file, or binary data?): "
                    + "save the file as UTF-8");
        }
    }

    /**
     * The line (1-based) of the first character at or after {@code charPosition} that is not on an
     * empty line: the line of a record that a parser skipping empty lines says starts at
     * {@code charPosition}. The positions asked must not decrease, since the lines before are forgotten.
     *
     * @throws IllegalStateException if the reader was made without {@code lineStarts}
     */
    long lineOf(long charPosition) {
        if (!lineStarts) {
            throw new IllegalStateException("the line starts are not kept");
        }
        while (head + 1 < size && starts[head + 1] <= charPosition) {
            head++;
            firstLine++;
        }
        long line = firstLine;
        if (charPosition == starts[head]) {
            for (int k = head; k + 1 < size && empty[k]; k++) {
                line++;
            }
        }
        if (head > 1024 && head > size / 2) {
            System.arraycopy(starts, head, starts, 0, size - head);
            System.arraycopy(empty, head, empty, 0, size - head);
            size -= head;
            head = 0;
        }
        return line;
    }

    /** Notes the end of the current line (empty or not) and the start of the next at {@code start}. */
    private void lineBreak(long start, boolean endedEmpty) {
        if (!lineStarts) {
            return;
        }
        empty[size - 1] = endedEmpty;
        if (size == starts.length) {
            starts = Arrays.copyOf(starts, 2 * size);
            empty = Arrays.copyOf(empty, 2 * size);
        }
        starts[size++] = start;
    }

    private static boolean isUtf16Mark(byte first, byte second) {
        return (first == (byte) 0xFF && second == (byte) 0xFE) || (first == (byte) 0xFE && second == (byte) 0xFF);
    }

    /**
     * Follows the line and column through the decoded characters, drops a byte-order mark at the
     * very start, and stops the characters at a control character (noting the fault).
     */
    private void check() {
        if (!markChecked && chars.hasRemaining()) {
            markChecked = true;
            if (chars.get(chars.position()) == BYTE_ORDER_MARK) {
                chars.get();
            }
        }
        long first = position - chars.position();
        char[] text = chars.array(); // a heap buffer at offset 0: read directly, not one call a character
        int limit = chars.limit();
        for (int i = chars.position(); i < limit; i++) {
            char c = text[i];
            if (c == '\n') {
                if (afterCarriageReturn) {
                    if (lineStarts) {
                        starts[size - 1]++; // CR LF ends one line: the next starts after the LF
                    }
                } else {
                    line++;
                    lineBreak(first + i + 1, column == 0);
                }
                column = 0;
                afterCarriageReturn = false;
            } else if (c == '\r') {
                line++;
                lineBreak(first + i + 1, column == 0);
                column = 0;
                afterCarriageReturn = true;
            } else if (c < 0x20 && c != '\t' || c == 0x7F) {
                afterCarriageReturn = false;
                fault = new InputException(name + ":" + line + ":" + (column + 1)
                        + ": is not text: it holds the control character U+" + String.format("%04X", (int) c)
                        + (c == 0 ? " (NUL; UTF-16 or binary data?)" : "") + "; the file must be UTF-8 text");
                chars.limit(i);
                flushed = true;
                position = first + i;
                return;
            } else {
                afterCarriageReturn = false;
                column++;
            }
        }
        position = first + limit;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
