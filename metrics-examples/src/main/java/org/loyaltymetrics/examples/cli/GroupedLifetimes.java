package org.loyaltymetrics.examples.cli;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.loyaltymetrics.UndefinedResultException;
import org.loyaltymetrics.retention.LogRankTest;
import org.loyaltymetrics.retention.SurvivalCurve;
import org.loyaltymetrics.stats.ChiSquareTest;

/**
 * The lifetimes of customer records with the group of each ({@code --by COLUMN}): the log-rank test of
 * the groups and each group's Kaplan–Meier curve, lifetimes measured as {@code CustomerLifetimes} does.
 */
final class GroupedLifetimes {
    private final String file;
    private final String by;
    private final long asOfDay;
    private final double daysPerUnit;
    private final List<String> labels = new ArrayList<>();
    private final Map<String, Integer> index = new HashMap<>();
    private double[] durations = new double[1024];
    private boolean[] ended = new boolean[1024];
    private int[] group = new int[1024];
    private int n;

    GroupedLifetimes(String file, String by, LocalDate asOf, ChronoUnit unit) {
        this.file = file;
        this.by = by;
        this.asOfDay = asOf.toEpochDay();
        // as CustomerLifetimes: days / the unit's estimated duration in days
        this.daysPerUnit = unit.getDuration().getSeconds() / 86_400.0;
    }

    void add(LocalDate start, LocalDate end, String label) {
        if (n == durations.length) {
            durations = Arrays.copyOf(durations, 2 * n);
            ended = Arrays.copyOf(ended, 2 * n);
            group = Arrays.copyOf(group, 2 * n);
        }
        boolean isEnded = end != null && end.toEpochDay() <= asOfDay;
        durations[n] = ((isEnded ? end.toEpochDay() : asOfDay) - start.toEpochDay()) / daysPerUnit;
        ended[n] = isEnded;
        group[n++] = index.computeIfAbsent(label, key -> {
            labels.add(key);
            return labels.size() - 1;
        });
    }

    LogRankTest test() {
        if (labels.size() < 2) {
            throw new InputException(file + ": --by " + by + " has " + Printer.plural(labels.size(), "group")
                    + (labels.isEmpty() ? "" : " (" + InputSyntax.quote(labels.get(0)) + ")")
                    + ": the log-rank test compares two or more");
        }
        // groups in the sorted order of their labels
        List<String> sorted = new ArrayList<>(labels);
        java.util.Collections.sort(sorted);
        int[] rank = new int[labels.size()];
        for (int g = 0; g < rank.length; g++) {
            rank[g] = sorted.indexOf(labels.get(g));
        }
        for (int i = 0; i < n; i++) {
            group[i] = rank[group[i]];
        }
        labels.clear();
        labels.addAll(sorted);
        try {
            return LogRankTest.of(Arrays.copyOf(durations, n), Arrays.copyOf(ended, n), Arrays.copyOf(group, n));
        } catch (UndefinedResultException e) {
            throw new InputException(file + ": --by " + by + ": " + e.getMessage());
        }
    }

    /** Each group's Kaplan–Meier curve, in the sorted order of the labels (call after {@link #test()}). */
    Map<String, SurvivalCurve> curves() {
        Map<String, SurvivalCurve> curves = new LinkedHashMap<>();
        for (int g = 0; g < labels.size(); g++) {
            int count = 0;
            for (int i = 0; i < n; i++) {
                count += group[i] == g ? 1 : 0;
            }
            double[] d = new double[count];
            boolean[] e = new boolean[count];
            for (int i = 0, j = 0; i < n; i++) {
                if (group[i] == g) {
                    d[j] = durations[i];
                    e[j++] = ended[i];
                }
            }
            curves.put(labels.get(g), SurvivalCurve.of(d, e));
        }
        return curves;
    }

    private List<List<Object>> rows(LogRankTest test) {
        List<List<Object>> rows = new ArrayList<>();
        for (int g = 0; g < labels.size(); g++) {
            double expected = test.expected(g);
            double oe = test.observed(g) - expected;
            rows.add(Arrays.asList(labels.get(g), test.size(g), test.observed(g), expected,
                    expected > 0 ? oe * oe / expected : null));
        }
        return rows;
    }

    Map<String, Object> json(LogRankTest test) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("column", by);
        root.put("statistic", test.statistic());
        root.put("degreesOfFreedom", test.test().degreesOfFreedom());
        root.put("pValue", test.pValue());
        List<Map<String, Object>> list = new ArrayList<>();
        for (List<Object> row : rows(test)) {
            Map<String, Object> g = new LinkedHashMap<>();
            g.put("group", row.get(0));
            g.put("customers", row.get(1));
            g.put("observed", row.get(2));
            g.put("expected", row.get(3));
            list.add(g);
        }
        root.put("groups", list);
        return root;
    }

    String text(LogRankTest test) {
        return "Log-rank test by '" + by + "': chi-square " + String.format(Locale.ROOT, "%.4f", test.statistic())
                + " on " + test.test().degreesOfFreedom() + " df, p = "
                + ChiSquareTest.formatP(test.pValue()) + System.lineSeparator()
                + Printer.grid(List.of(by, "customers", "observed", "expected", "(O-E)^2/E"),
                        Printer.formatColumns(rows(test)), 1);
    }
}
