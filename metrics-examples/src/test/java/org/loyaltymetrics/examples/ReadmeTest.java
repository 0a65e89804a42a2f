package org.loyaltymetrics.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.loyaltymetrics.examples.notebooks.JShellScript;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every {@code java} code block of the project's README runs as pasted into jshell with only
 * metrics-core on the class path, and every figure the README states for an expression, a comment
 * starting with a number ({@code nps.value();   // 25.0: ...}), is the figure it computes, to the
 * digits stated.
 */
class ReadmeTest {

    static final Path README = Path.of("..", "README.md");

    private static final Pattern JAVA_BLOCK = Pattern.compile("(?s)```java\\n(.*?)```");
    /** A comment that starts with a figure: "// 25.0", "// 0.4596: 5 % a month ...", "// 2000.0". */
    private static final Pattern STATED_FIGURE = Pattern.compile("//\\s*(-?\\d+(?:\\.\\d+)?)(?![\\d.])");
    private static final Pattern FIRST_NUMBER = Pattern.compile("[-+]?\\d+(?:\\.\\d+)?(?:[eE][-+]?\\d+)?");

    static List<String> javaBlocks() throws IOException {
        Matcher blocks = JAVA_BLOCK.matcher(Files.readString(README, StandardCharsets.UTF_8));
        List<String> found = new ArrayList<>();
        while (blocks.find()) {
            found.add(blocks.group(1));
        }
        return found;
    }

    static Stream<Integer> blockNumbers() throws IOException {
        return IntStream.rangeClosed(1, javaBlocks().size()).boxed();
    }

    @Test
    void readmeHasItsCodeBlocks() throws IOException {
        assertThat(javaBlocks()).as("java blocks of %s", README.toAbsolutePath()).hasSizeGreaterThanOrEqualTo(2);
    }

    @ParameterizedTest(name = "java block {0} of the README")
    @MethodSource("blockNumbers")
    void blockRunsAsPastedAndComputesTheFiguresItStates(int number) throws IOException {
        String name = "README java block " + number;
        List<JShellScript.Evaluated> snippets = JShellScript.run(name, javaBlocks().get(number - 1));
        assertThat(snippets).as("snippets of %s", name).isNotEmpty();
        assertThat(snippets).as("what %s printed", name).allSatisfy(s -> assertThat(s.printed()).doesNotContain("Exception"));
        for (JShellScript.Evaluated snippet : snippets) {
            Matcher stated = STATED_FIGURE.matcher(snippet.source());
            if (!snippet.expression() || !stated.find()) {
                continue;
            }
            BigDecimal figure = new BigDecimal(stated.group(1));
            Matcher computed = FIRST_NUMBER.matcher(String.valueOf(snippet.value()));
            assertThat(computed.find()).as("%s: '%s' shows no number: %s", name, snippet.source().strip(),
                    snippet.value()).isTrue();
            // The stated figure is the computed one rounded to the digits the README gives.
            double halfLastDigit = 0.5 * Math.pow(10, -Math.max(figure.scale(), 0));
            assertThat(Double.parseDouble(computed.group())).as("%s: '%s' gives %s", name, snippet.source().strip(),
                    snippet.value()).isCloseTo(figure.doubleValue(), within(halfLastDigit * (1 + 1e-9)));
        }
    }
}
