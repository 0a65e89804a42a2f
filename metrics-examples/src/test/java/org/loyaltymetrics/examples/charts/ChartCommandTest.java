package org.loyaltymetrics.examples.charts;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loyaltymetrics.examples.cli.LoyaltyMetricsCommand;

/** Every chart kind of the {@code chart} command is written as a real PNG of the stated size with more than a blank canvas on it. */
class ChartCommandTest {

    private static final String DEMO = "src/main/resources/demo/";

    @TempDir
    Path dir;

    static void assertRealImage(Path file, int width, int height) throws IOException {
        assertThat(file).exists();
        byte[] bytes = Files.readAllBytes(file);
        assertThat(bytes).startsWith(new byte[] {(byte) 0x89, 'P', 'N', 'G'});
        BufferedImage image = ImageIO.read(file.toFile());
        assertThat(image).as("a PNG that ImageIO can decode").isNotNull();
        assertThat(image.getWidth()).isEqualTo(width);
        assertThat(image.getHeight()).isEqualTo(height);
        Set<Integer> colours = new HashSet<>();
        for (int x = 0; x < width; x += 3) {
            for (int y = 0; y < height; y += 3) {
                colours.add(image.getRGB(x, y));
            }
        }
        assertThat(colours.size()).as("distinct colours drawn").isGreaterThan(10);
    }

    private int chart(String... args) {
        String[] all = new String[args.length + 1];
        all[0] = "chart";
        System.arraycopy(args, 0, all, 1, args.length);
        return LoyaltyMetricsCommand.run(all);
    }

    @Test
    void npsTrend() throws IOException {
        Path png = dir.resolve("nps.png");
        assertThat(chart("nps-trend", DEMO + "survey-responses.csv", "--output", png.toString())).isZero();
        assertRealImage(png, 800, 500);
    }

    @Test
    void cohortHeatmapAtAnotherSize() throws IOException {
        Path png = dir.resolve("deep/cohorts.png");
        assertThat(chart("cohort-heatmap", DEMO + "activity.csv", "--output", png.toString(), "--width", "640",
                "--height", "480")).isZero();
        assertRealImage(png, 640, 480);
    }

    @Test
    void survivalCurve() throws IOException {
        Path png = dir.resolve("km.png");
        assertThat(chart("survival", DEMO + "customers.csv", "--as-of", "2025-07-01", "--unit", "month", "--output",
                png.toString(), "--width", "1000", "--height", "600")).isZero();
        assertRealImage(png, 1000, 600);
    }

    @Test
    void survivalCurvesByGroupWithTheLogRankTest() throws IOException {
        // the demo customers, every third on plan "basic", the others on "pro"
        java.util.List<String> lines = java.nio.file.Files.readAllLines(Path.of(DEMO + "customers.csv"));
        java.util.List<String> records = new java.util.ArrayList<>(java.util.List.of(lines.get(0) + ",plan"));
        for (String line : lines.subList(1, lines.size())) {
            int id = Integer.parseInt(line.substring(1, line.indexOf(',')));
            records.add(line + "," + (id % 3 == 0 ? "basic" : "pro"));
        }
        Path plans = dir.resolve("plans.csv");
        java.nio.file.Files.write(plans, records);
        Path png = dir.resolve("km-by-plan.png");
        assertThat(chart("survival", plans.toString(), "--as-of", "2025-07-01", "--unit", "month", "--by", "plan",
                "--output", png.toString())).isZero();
        assertRealImage(png, 800, 500);
        java.nio.file.Files.copy(png, Path.of("target", "km-by-plan.png"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        // one group is not a comparison
        Path one = dir.resolve("one.csv");
        java.nio.file.Files.write(one, java.util.List.of("customer_id,start_date,end_date,plan", "a,2025-01-01,,pro",
                "b,2025-02-01,2025-03-01,pro"));
        assertThat(chart("survival", one.toString(), "--as-of", "2025-07-01", "--by", "plan", "--output",
                dir.resolve("x.png").toString())).isEqualTo(2);
    }

    @Test
    void sbgProjectionOfTheRegularSegment() throws IOException {
        Path png = dir.resolve("sbg.png");
        assertThat(chart("sbg", "../metrics-core/src/test/resources/models/fader_hardie_2007_regular.csv", "--output",
                png.toString())).isZero();
        assertRealImage(png, 800, 500);
    }

    @Test
    void bgNbdFitOfCdnow() throws IOException {
        Path png = dir.resolve("bgnbd.png");
        assertThat(chart("bgnbd", DEMO + "cdnow-customers.csv", "--output", png.toString(), "--width", "900")).isZero();
        assertRealImage(png, 900, 500);
    }

    @Test
    void frequencyRecencyAndAliveMatricesOfCdnow() throws IOException {
        Path expected = dir.resolve("fr.png");
        assertThat(chart("frequency-recency", DEMO + "cdnow-customers.csv", "--horizon", "52", "--output",
                expected.toString())).isZero();
        assertRealImage(expected, 800, 500);
        Path alive = dir.resolve("alive.png");
        assertThat(chart("alive-matrix", DEMO + "cdnow-customers.csv", "--model", "pareto-nbd", "--max-frequency", "10",
                "--output", alive.toString())).isZero();
        assertRealImage(alive, 800, 500);
        assertThat(chart("alive-matrix", DEMO + "cdnow-customers.csv", "--model", "bgbb", "--output",
                alive.toString())).isEqualTo(2);
    }

    @Test
    void oneCustomersProbabilityAliveOverTime() throws IOException {
        // the CDNOW sample's transactions with ISO dates: customer 0949 bought 13 times from 1997-01 to 1998-04
        StringBuilder log = new StringBuilder("customer_id,date,amount\n");
        for (String line : Files.readAllLines(Path.of("../metrics-core/src/test/resources/cdnow/CDNOW_sample.txt"))) {
            String[] cells = line.trim().split("\\s+");
            String day = cells[2];
            log.append(cells[1]).append(',').append(day, 0, 4).append('-').append(day, 4, 6).append('-')
                    .append(day, 6, 8).append(',').append(cells[4]).append('\n');
        }
        Path file = dir.resolve("cdnow.csv");
        Files.writeString(file, log);
        Path png = dir.resolve("alive-history.png");
        assertThat(chart("alive-history", file.toString(), "--id-column", "customer_id", "--customer", "0949", "--unit",
                "week", "--end", "1998-06-30", "--output", png.toString())).isZero();
        assertRealImage(png, 800, 500);
        assertThat(chart("alive-history", file.toString(), "--id-column", "customer_id", "--output", png.toString()))
                .isEqualTo(2); // no --customer
        assertThat(chart("alive-history", file.toString(), "--id-column", "customer_id", "--customer", "nobody",
                "--output", png.toString())).isEqualTo(2);
    }

    @Test
    void badKindsAndOptionsAreUsageErrors() {
        Path png = dir.resolve("x.png");
        assertThat(chart("pie", DEMO + "customers.csv", "--output", png.toString())).isEqualTo(2);
        assertThat(chart("survival", DEMO + "customers.csv", "--output", png.toString())).isEqualTo(2);
        assertThat(chart("nps-trend", DEMO + "survey-responses.csv", "--output", png.toString(), "--width", "5")).isEqualTo(2);
        assertThat(png).doesNotExist();
        Path gif = dir.resolve("x.gif");
        assertThat(chart("nps-trend", DEMO + "survey-responses.csv", "--output", gif.toString())).isEqualTo(2);
        assertThat(gif).doesNotExist();
    }

    @Test
    void aDashWritesThePngToStandardOutput() {
        // Issue 11: --output - wrote a file named "-".
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream stdout = System.out;
        int status;
        System.setOut(new PrintStream(captured, true));
        try {
            status = chart("nps-trend", DEMO + "survey-responses.csv", "--output", "-");
        } finally {
            System.setOut(stdout);
        }
        assertThat(status).isZero();
        assertThat(captured.toByteArray()).startsWith(new byte[] {(byte) 0x89, 'P', 'N', 'G'});
        assertThat(Path.of("-")).doesNotExist();
    }

    @Test
    void theOutputsExtensionChoosesTheFormat() throws IOException {
        Path svg = dir.resolve("nps.svg");
        assertThat(chart("nps-trend", DEMO + "survey-responses.csv", "--output", svg.toString())).isZero();
        assertThat(Files.readString(svg)).contains("<svg");
    }
}
