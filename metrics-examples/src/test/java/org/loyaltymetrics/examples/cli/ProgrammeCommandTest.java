package org.loyaltymetrics.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.loyaltymetrics.examples.cli.LoyaltyMetricsCommandTest.run;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loyaltymetrics.examples.demo.DemoReport;
import org.loyaltymetrics.examples.demo.ProgrammeSample;
import org.loyaltymetrics.examples.cli.LoyaltyMetricsCommandTest.Run;

class ProgrammeCommandTest {

    @TempDir
    Path dir;

    private String write(String name, String content) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, content);
        return file.toString();
    }

    /** The three members of the core's PointsLedgerTest (the figures are derived by hand there). */
    private String log() throws IOException {
        return write("events.csv", """
                member_id,date,event,points
                1,2025-01-05,enrol,0
                1,2025-01-10,earn,100
                1,2025-02-03,earn,50
                1,2025-02-20,burn,120
                1,2025-03-15,adjust,10
                1,2025-04-01,expire,30
                2,2025-01-20,earn,40
                2,2025-03-02,burn,40
                2,2025-03-10,earn,60
                3,2025-02-10,earn,200
                3,2025-02-10,burn,50
                3,2025-05-01,adjust,-30
                """);
    }

    @Test
    void jsonKeysAndValues() throws IOException {
        Run run = run("", "programme", log(), "--as-of", "2025-04-30", "--value-per-point", "0.01", "--format", "json");
        assertThat(run.status()).as(run.err()).isZero();
        JsonNode json = run.json();
        assertThat(names(json)).containsSubsequence("members", "activeMembers", "periods", "redemptionRate", "breakage",
                "liability");
        assertThat(json.get("members").asLong()).isEqualTo(3);
        // April: member 1's expiry is not activity; nobody earned or burned
        assertThat(json.get("activeMembers").asLong()).isZero();
        JsonNode periods = json.get("periods");
        assertThat(periods).hasSize(4);
        assertThat(names(periods.get(0))).containsSubsequence("period", "issued", "redeemed", "expired", "outstanding");
        assertThat(periods.get(1).get("period").asText()).isEqualTo("2025-02");
        assertThat(periods.get(1).get("issued").asLong()).isEqualTo(250);
        assertThat(periods.get(1).get("redeemed").asLong()).isEqualTo(170);
        assertThat(periods.get(3).get("expired").asLong()).isEqualTo(30);
        assertThat(periods.get(3).get("outstanding").asLong()).isEqualTo(220);
        assertThat(json.get("redemptionRate").asDouble()).isCloseTo(7.0 / 15, within(1e-15));
        // breakage by hand (as of 04-30 the last redemption is at age 41, F = 210/460): 1 - 210/460 = 250/460
        assertThat(names(json.get("breakage"))).containsExactly("estimate", "low", "high");
        assertThat(json.get("breakage").get("estimate").asDouble()).isCloseTo(250.0 / 460, within(1e-15));
        // the member bootstrap gives it width on either side
        assertThat(json.get("breakage").get("low").asDouble()).isLessThan(250.0 / 460);
        assertThat(json.get("breakage").get("high").asDouble()).isGreaterThan(250.0 / 460);
        // every outstanding point is at least 46 days old, past the last redemption age: no liability
        assertThat(names(json.get("liability"))).containsExactly("estimate", "low", "high");
        assertThat(json.get("liability").get("estimate").asDouble()).isZero();
    }

    @Test
    void textOutputAndTiers() throws IOException {
        String tiers = write("tiers.csv", """
                member_id,date,tier
                1,2024-01-01,blue
                1,2025-01-01,gold
                2,2024-03-01,silver
                3,2024-06-01,blue
                3,2025-02-01,exit
                """);
        Run run = run("", "programme", log(), "--as-of", "2025-04-30", "--tiers", tiers, "--tier-order", "blue,silver,gold");
        assertThat(run.status()).as(run.err()).isZero();
        assertThat(run.out()).contains("Loyalty programme: ").contains("redemption rate").contains("0.4667")
                .contains("2025-02").contains("Tiers on 2025-04-30: blue 0 silver 1 gold 1")
                // on 2024-04-30: 1 blue, 2 silver; on 2025-04-30 1 gold (up), 2 silver (stay); 3 had no tier then
                .contains("Migration from 2024-04-30 of 2 members: up 0.5000");
        Run json = run("", "programme", log(), "--as-of", "2025-04-30", "--tiers", tiers, "--tier-order",
                "blue,silver,gold", "--format", "json", "--charts", dir.toString());
        assertThat(json.err()).contains("liability.png").contains("tier-migration.png");
        assertThat(Files.readAllBytes(dir.resolve("liability.png"))).startsWith(new byte[] {(byte) 0x89, 'P', 'N', 'G'});
        assertThat(dir.resolve("tier-migration.png")).exists();
        assertThat(json.json().get("tiers").get("membersPerTier").get(2).get("members").asLong()).isEqualTo(1);
    }

    @Test
    void badInputNamesFileLineMemberAndValue() throws IOException {
        String below = write("below.csv", "member_id,date,event,points\nC-7,2025-01-01,earn,30\nC-7,2025-01-05,burn,50\n");
        Run run = run("", "programme", below, "--as-of", "2025-04-30");
        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err().trim()).isEqualTo(below + ": points must be at most the balance 30 for a burn "
                + "(member C-7 on 2025-01-05, line 3), was 50");
        String unknown = write("unknown.csv", "member_id,date,event,points\nC-7,2025-01-01,gift,30\n");
        assertThat(run("", "programme", unknown, "--as-of", "2025-04-30").err().trim()).isEqualTo(unknown
                + ":2: column 'event': value 'gift' is not an event: it must be earn, burn, expire, adjust or enrol");
        String early = write("early.csv", "member_id,date,event,points\nM1,2025-02-01,enrol,0\nM1,2025-01-20,earn,5\n");
        assertThat(run("", "programme", early, "--as-of", "2025-04-30").err().trim()).isEqualTo(early
                + ": date must be on or after the enrolment 2025-02-01 of member M1 (its earn of 5 points, line 3), was 2025-01-20");
        String overflow = write("overflow.csv", "member_id,date,event,points\n9,2025-01-01,earn,9223372036854775807\n"
                + "9,2025-01-02,earn,1\n");
        assertThat(run("", "programme", overflow, "--as-of", "2025-04-30").err().trim()).isEqualTo(overflow
                + ": points must be such that the balance 9223372036854775807 stays within a long (member 9 on 2025-01-02, "
                + "line 3, earn), was 1");
        String negative = write("negative.csv", "member_id,date,event,points\n9,2025-01-01,earn,-4\n");
        assertThat(run("", "programme", negative, "--as-of", "2025-04-30").err().trim()).startsWith(negative
                + ":2: column 'points': value '-4' is rejected for member 9: points must be > 0 for an earn");
    }

    @Test
    void columnsByPositionWithoutAHeaderAndTabs() throws IOException {
        String tabs = write("events.tsv", "7\t2025-01-01\tearn\t10\n7\t2025-01-09\tburn\t4\n");
        Run run = run("", "programme", tabs, "--as-of", "2025-01-31", "--delimiter", "tab", "--no-header",
                "--member-column", "1", "--date-column", "2", "--event-column", "3", "--points-column", "4", "--format", "json");
        assertThat(run.status()).as(run.err()).isZero();
        assertThat(run.json().get("redemptionRate").asDouble()).isEqualTo(0.4);
        assertThat(run.json().get("periods").get(0).get("outstanding").asLong()).isEqualTo(6);
    }

    /** The bundled programme data are the committed generator's output, and the demo reports them. */
    @Test
    void theBundledProgrammeDataAreTheGeneratorsOutput() throws IOException {
        List<String> files = ProgrammeSample.files(ProgrammeSample.SEED);
        for (int i = 0; i < files.size(); i++) {
            try (InputStream in = ProgrammeSample.class.getResourceAsStream("/demo/" + ProgrammeSample.NAMES.get(i))) {
                assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).as(ProgrammeSample.NAMES.get(i))
                        .isEqualTo(files.get(i));
            }
        }
        assertThat(DemoReport.render()).contains("Loyalty programmes: a coffee-shop stamp card")
                .contains("Members before and after enrolment").contains("tier migration 2024-12-31 to 2025-12-31");
    }

    private static List<String> names(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
