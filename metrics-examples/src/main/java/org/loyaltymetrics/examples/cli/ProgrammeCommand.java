package org.loyaltymetrics.examples.cli;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.loyaltymetrics.InvalidArgumentException;
import org.loyaltymetrics.UndefinedResultException;
import org.loyaltymetrics.programme.Breakage;
import org.loyaltymetrics.programme.LedgerEvent;
import org.loyaltymetrics.programme.LedgerPeriods;
import org.loyaltymetrics.programme.PointsLedger;
import org.loyaltymetrics.programme.TierHistory;
import org.loyaltymetrics.programme.TierMigration;
import org.loyaltymetrics.stats.ConfidenceInterval;
import org.loyaltymetrics.stats.Proportion;
import org.loyaltymetrics.time.Granularity;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code programme FILE --as-of DATE [--period month] [--value-per-point X] [--tiers FILE]}: a loyalty
 * programme's points ledger from its event log ({@code member_id,date,event,points}, event one of earn, burn,
 * expire, adjust, and enrol): members, active members, the points issued, redeemed, expired and outstanding per
 * period, the redemption rate, the breakage estimate and the outstanding liability with their 95 % intervals;
 * with {@code --tiers}, the members per tier on the as-of date and the migration over the year before it; with
 * {@code --charts DIR}, the liability chart and the tier-migration heat map as PNG.
 */
@Command(name = "programme", mixinStandardHelpOptions = true,
        header = "A loyalty programme's points ledger, breakage and liability from its event log.",
        description = {"Reads an event log of member_id,date,event,points (event: earn, burn, expire, adjust; enrol "
                + "with 0 points is read too) and reports the members, active members, the points issued, redeemed, "
                + "expired and outstanding per period up to --as-of (inclusive), the redemption rate, the breakage "
                + "(the share of points never redeemed, estimated from the time from issue to redemption, burns "
                + "taken from the oldest points first) and the outstanding liability = outstanding points x (1 - "
                + "their expected breakage) x --value-per-point, with 95%% intervals (a bootstrap over members).",
                "A burn beyond a member's balance, an event before the member's enrolment, an unknown event or "
                        + "points that overflow stop the command with the file, line, member and value."})
final class ProgrammeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "CSV file of ledger events; - for standard input.")
    String file;

    @Option(names = "--as-of", required = true, paramLabel = "DATE", converter = Converters.Date.class,
            description = "The last day of the log to read, inclusive (yyyy-MM-dd).")
    LocalDate asOf;

    @Option(names = "--period", paramLabel = "PERIOD", defaultValue = "month", converter = Converters.Period.class,
            description = "Length of the ledger's periods: day, week, month, quarter or year (default: ${DEFAULT-VALUE}); "
                    + "members are active when they earned or burned in the period of --as-of, up to it.")
    Granularity period;

    @Option(names = "--value-per-point", paramLabel = "X", defaultValue = "1", converter = Converters.Number.class,
            description = "The value of one point in money, for the liability (default: ${DEFAULT-VALUE}: the "
                    + "liability in points).")
    double valuePerPoint;

    @Option(names = "--tiers", paramLabel = "FILE",
            description = "CSV file of tier records member_id,date,tier: the member holds the tier from the date on "
                    + "(tier a level 0, 1, 2, ..., higher is better, or a name of --tier-order; 'exit' to leave).")
    String tiersFile;

    @Option(names = "--tier-order", paramLabel = "NAMES", split = ",",
            description = "The tier names from lowest to highest, e.g. blue,silver,gold, when the tiers file names them.")
    List<String> tierOrder;

    @Option(names = "--charts", paramLabel = "DIR",
            description = "Also write charts into DIR as PNG: liability.png (outstanding points at face value and "
                    + "their liability per period, with the 95%% band) and, with --tiers, tier-migration.png (the year "
                    + "before --as-of).")
    java.nio.file.Path charts;

    @Option(names = "--member-column", paramLabel = "NAME", defaultValue = "member_id",
            description = "Column of the member id, in both files (default: ${DEFAULT-VALUE}).")
    String memberColumn;

    @Option(names = "--date-column", paramLabel = "NAME", defaultValue = "date",
            description = "Column of the event's date, yyyy-MM-dd, in both files (default: ${DEFAULT-VALUE}).")
    String dateColumn;

    @Option(names = "--event-column", paramLabel = "NAME", defaultValue = "event",
            description = "Column of the event (default: ${DEFAULT-VALUE}).")
    String eventColumn;

    @Option(names = "--points-column", paramLabel = "NAME", defaultValue = "points",
            description = "Column of the points, a whole number (default: ${DEFAULT-VALUE}).")
    String pointsColumn;

    @Option(names = "--tier-column", paramLabel = "NAME", defaultValue = "tier",
            description = "Column of the tier in the tiers file (default: ${DEFAULT-VALUE}).")
    String tierColumn;

    @Mixin
    InputFormat layout;

    @Mixin
    OutputFormat output;

    /** Member ids as the files write them, numbered 0, 1, ... in order of first appearance. */
    private final IdDictionary ids = new IdDictionary();

    private long idOf(String key) {
        return ids.idOf(key);
    }

    @Override
    public Integer call() {
        if (!(valuePerPoint >= 0.0) || Double.isInfinite(valuePerPoint)) {
            throw new ParameterException(spec.commandLine(), "--value-per-point must be a number >= 0, was " + valuePerPoint);
        }
        if (asOf.equals(LocalDate.MAX)) {
            throw new ParameterException(spec.commandLine(), "--as-of must be before " + LocalDate.MAX);
        }
        CsvInput input = layout.open(file);
        PointsLedger.Accumulator events = PointsLedger.accumulator();
        input.read(header -> input.requireColumns(header, memberColumn, dateColumn, eventColumn, pointsColumn), row -> {
            String member = row.get(memberColumn);
            if (member.isEmpty()) {
                throw row.error(memberColumn, member, "is blank: every event needs a member");
            }
            LocalDate date = row.getDate(dateColumn, false);
            if (date.isAfter(asOf)) {
                return;
            }
            LedgerEvent event;
            try {
                event = LedgerEvent.parse(row.get(eventColumn));
            } catch (InvalidArgumentException unknown) {
                throw row.error(eventColumn, row.get(eventColumn), "is not an event: it must be earn, burn, expire, "
                        + "adjust or enrol");
            }
            long points = row.getWholeNumber(pointsColumn, Long.MIN_VALUE, Long.MAX_VALUE);
            try {
                events.add(idOf(member), date, event, points, row.line());
            } catch (InvalidArgumentException rejected) {
                String column = switch (rejected.argument()) {
                    case "points" -> pointsColumn;
                    case "date" -> dateColumn;
                    default -> memberColumn;
                };
                throw row.error(column, row.get(column), "is rejected for member " + member + ": " + rejected.getMessage());
            }
        });
        PointsLedger ledger;
        try {
            ledger = events.snapshot(id -> ids.key((int) id));
        } catch (InvalidArgumentException rejected) {
            throw new InputException(input.name() + ": " + rejected.getMessage());
        } catch (ArithmeticException overflow) {
            throw new InputException(input.name() + ": " + overflow.getMessage());
        }
        TierHistory tiers = tiersFile == null ? null : readTiers();
        LedgerPeriods periods = ledger.periods(period, asOf);
        LocalDate periodStart = period.startOf(asOf);
        Proportion active = ledger.activeMemberRate(periodStart, asOf.plusDays(1));
        Breakage breakage = ledger.breakage(asOf);
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("asOf", asOf.toString());
        root.put("members", ledger.membersEnrolledBy(asOf));
        root.put("activeMembers", active.successes());
        root.put("activeMemberRate", interval(() -> active.value(), () -> active.confidenceInterval(0.95)));
        List<Map<String, Object>> rows = new ArrayList<>();
        for (LedgerPeriods.Period p : periods.periods()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("period", p.label());
            row.put("issued", p.issued());
            row.put("redeemed", p.redeemed());
            row.put("expired", p.expired());
            row.put("adjusted", p.adjusted());
            row.put("outstanding", p.outstanding());
            rows.add(row);
        }
        root.put("periods", rows);
        Double rate;
        try {
            rate = ledger.redemptionRate(asOf).value();
        } catch (UndefinedResultException undefined) {
            rate = null;
        }
        root.put("redemptionRate", rate);
        root.put("outstanding", breakage.outstandingPoints());
        root.put("breakage", interval(breakage::value, () -> breakage.confidenceInterval(0.95)));
        root.put("breakageHorizonDays", breakage.isEmpty() ? null : breakage.horizonDays());
        root.put("liability", interval(() -> breakage.liability(valuePerPoint).value(),
                () -> breakage.liabilityInterval(valuePerPoint, 0.95)));
        if (tiers != null) {
            root.put("tiers", tierFigures(tiers));
        }
        if (charts != null) {
            writeCharts(ledger, tiers);
        }
        if (output.json()) {
            System.out.print(Printer.toJson(root));
        } else {
            System.out.print(text(root, periods));
        }
        return 0;
    }

    private void writeCharts(PointsLedger ledger, TierHistory tiers) {
        Map<String, org.knowm.xchart.internal.chartpart.Chart<?, ?>> files = new LinkedHashMap<>();
        files.put("liability.png", org.loyaltymetrics.charts.Charts.programmeLiability(ledger, period, asOf, valuePerPoint,
                0.95, 800, 500));
        if (tiers != null && tiers.tierCount() > 0) {
            List<String> names = new ArrayList<>();
            for (int level = 0; level < tiers.tierCount(); level++) {
                names.add(tierName(level));
            }
            files.put("tier-migration.png", org.loyaltymetrics.charts.Charts.tierMigration(
                    tiers.migration(asOf.minusYears(1), asOf), names, 700, 450));
        }
        for (Map.Entry<String, org.knowm.xchart.internal.chartpart.Chart<?, ?>> entry : files.entrySet()) {
            java.nio.file.Path path = charts.resolve(entry.getKey());
            try {
                org.loyaltymetrics.charts.Charts.write(entry.getValue(), path);
            } catch (java.io.IOException | java.io.UncheckedIOException e) {
                throw new InputException(path + ": cannot be written: " + e.getMessage());
            }
            System.err.println("wrote " + path);
        }
    }

    private interface Value {
        double get();
    }

    private interface Band {
        ConfidenceInterval get();
    }

    /** {estimate, low, high}, each null where the library reports it undefined. */
    private static Map<String, Object> interval(Value value, Band band) {
        Map<String, Object> figures = new LinkedHashMap<>();
        try {
            figures.put("estimate", value.get());
            ConfidenceInterval ci = band.get();
            figures.put("low", ci.low());
            figures.put("high", ci.high());
        } catch (UndefinedResultException undefined) {
            figures.putIfAbsent("estimate", null);
            figures.put("low", null);
            figures.put("high", null);
        }
        return figures;
    }

    private TierHistory readTiers() {
        CsvInput input = layout.open(tiersFile);
        TierHistory.Accumulator records = TierHistory.accumulator();
        input.read(header -> input.requireColumns(header, memberColumn, dateColumn, tierColumn), row -> {
            String member = row.get(memberColumn);
            LocalDate date = row.getDate(dateColumn, false);
            String tier = row.get(tierColumn);
            if (tier.equalsIgnoreCase("exit")) {
                records.addExit(idOf(member), date);
                return;
            }
            int level;
            if (tierOrder != null) {
                level = tierOrder.indexOf(tier);
                if (level < 0) {
                    throw row.error(tierColumn, tier, "is not a tier of --tier-order " + String.join(",", tierOrder));
                }
            } else {
                level = (int) row.getWholeNumber(tierColumn, 0, 1000);
            }
            records.add(idOf(member), date, level);
        });
        return records.snapshot();
    }

    private String tierName(int level) {
        return tierOrder != null && level < tierOrder.size() ? tierOrder.get(level) : Integer.toString(level);
    }

    private Map<String, Object> tierFigures(TierHistory tiers) {
        Map<String, Object> figures = new LinkedHashMap<>();
        long[] counts = tiers.membersPerTier(asOf);
        List<Map<String, Object>> perTier = new ArrayList<>();
        for (int level = 0; level < counts.length; level++) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("tier", tierName(level));
            row.put("members", counts[level]);
            perTier.add(row);
        }
        figures.put("membersPerTier", perTier);
        LocalDate yearBefore = asOf.minusYears(1);
        TierMigration migration = tiers.migration(yearBefore, asOf);
        figures.put("migrationFrom", yearBefore.toString());
        figures.put("migrationMembers", migration.members());
        figures.put("upgrades", interval(() -> migration.upgrades().value(), () -> migration.upgrades().confidenceInterval(0.95)));
        figures.put("downgrades", interval(() -> migration.downgrades().value(),
                () -> migration.downgrades().confidenceInterval(0.95)));
        figures.put("stays", interval(() -> migration.stays().value(), () -> migration.stays().confidenceInterval(0.95)));
        figures.put("exits", interval(() -> migration.exits().value(), () -> migration.exits().confidenceInterval(0.95)));
        return figures;
    }

    @SuppressWarnings("unchecked")
    private String text(Map<String, Object> root, LedgerPeriods periods) {
        StringBuilder out = new StringBuilder();
        out.append("Loyalty programme: ").append(Printer.source(file)).append(", as of ").append(asOf)
                .append(System.lineSeparator());
        List<List<String>> lines = new ArrayList<>();
        lines.add(List.of("members", String.valueOf(root.get("members"))));
        lines.add(List.of("active members (" + period.name().toLowerCase(Locale.ROOT) + " of --as-of)",
                String.valueOf(root.get("activeMembers"))));
        lines.add(List.of("points outstanding", String.valueOf(root.get("outstanding"))));
        lines.add(List.of("redemption rate", number(root.get("redemptionRate"))));
        lines.add(List.of("breakage (95% interval)", band((Map<String, Object>) root.get("breakage"))));
        lines.add(List.of("liability (95% interval)", band((Map<String, Object>) root.get("liability"))));
        for (List<String> line : lines) {
            out.append(String.format(Locale.ROOT, "  %-40s %s%n", line.get(0), line.get(1)));
        }
        out.append(System.lineSeparator()).append(Printer.text(periods.toTable()));
        if (root.containsKey("tiers")) {
            Map<String, Object> tiers = (Map<String, Object>) root.get("tiers");
            out.append(System.lineSeparator()).append("Tiers on ").append(asOf).append(':');
            for (Map<String, Object> row : (List<Map<String, Object>>) tiers.get("membersPerTier")) {
                out.append(' ').append(row.get("tier")).append(' ').append(row.get("members"));
            }
            out.append(System.lineSeparator()).append("Migration from ").append(tiers.get("migrationFrom"))
                    .append(" of ").append(tiers.get("migrationMembers")).append(" members: up ")
                    .append(band((Map<String, Object>) tiers.get("upgrades"))).append(", down ")
                    .append(band((Map<String, Object>) tiers.get("downgrades"))).append(", stay ")
                    .append(band((Map<String, Object>) tiers.get("stays"))).append(", exit ")
                    .append(band((Map<String, Object>) tiers.get("exits"))).append(System.lineSeparator());
        }
        return out.toString();
    }

    private static String number(Object value) {
        return value == null ? "undefined" : String.format(Locale.ROOT, "%.4f", (Double) value);
    }

    private static String band(Map<String, Object> figures) {
        if (figures.get("estimate") == null) {
            return "undefined";
        }
        return number(figures.get("estimate")) + (figures.get("low") == null ? "" : " [" + number(figures.get("low"))
                + ", " + number(figures.get("high")) + "]");
    }
}
