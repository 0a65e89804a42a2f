package org.loyaltymetrics.charts;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TimeZone;
import java.util.function.ToDoubleFunction;
import org.knowm.xchart.AnnotationLine;
import org.knowm.xchart.AnnotationText;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.loyaltymetrics.churn.CalibrationTable;
import org.loyaltymetrics.churn.SurvivalRegression;
import org.loyaltymetrics.data.CohortSurvivors;
import org.loyaltymetrics.data.PurchaseHistories;
import org.loyaltymetrics.data.PurchaseHistory;
import org.loyaltymetrics.model.HoldoutEvaluation;
import org.loyaltymetrics.model.ShiftedBetaGeometricModel;
import org.loyaltymetrics.model.TransactionModel;
import org.loyaltymetrics.programme.Breakage;
import org.loyaltymetrics.programme.LedgerPeriods;
import org.loyaltymetrics.programme.PointsLedger;
import org.loyaltymetrics.programme.TierMigration;
import org.loyaltymetrics.retention.CohortTable;
import org.loyaltymetrics.retention.LogRankTest;
import org.loyaltymetrics.retention.SurvivalCurve;
import org.loyaltymetrics.stats.ChiSquareTest;
import org.loyaltymetrics.stats.ConfidenceInterval;
import org.loyaltymetrics.stats.Estimate;
import org.loyaltymetrics.stats.Proportion;
import org.loyaltymetrics.survey.NetPromoterScore;
import org.loyaltymetrics.survey.SurveySeries;
import org.loyaltymetrics.time.Granularity;

/**
 * Charts of the library's results, drawn with XChart: every number comes from metrics-core; this
 * class only lays the figures out. Each chart is an XChart chart a caller may restyle;
 * {@link #write(Chart, Path)} writes any of them as PNG, SVG or PDF by the file's extension, and
 * {@link #write(Chart, Format, OutputStream)} to a stream.
 */
public final class Charts {

    private static final Color BAND = new Color(70, 130, 180, 70);
    private static final Color LINE = new Color(31, 119, 180);
    /** The colours of groups, in order (the "tab10" palette). */
    private static final Color[] PALETTE = {new Color(31, 119, 180), new Color(255, 127, 14), new Color(44, 160, 44),
        new Color(214, 39, 40), new Color(148, 103, 189), new Color(140, 86, 75), new Color(227, 119, 194),
        new Color(127, 127, 127), new Color(188, 189, 34), new Color(23, 190, 207)};
    /** The height, in units of survival, of the row of numbers at risk under a survival curve. */
    private static final double AT_RISK_ROW = 0.08;

    static {
        System.setProperty("java.awt.headless", "true");
    }

    private Charts() {
    }

    /**
     * The NPS per period with its confidence band (Wald, truncated to −100..100). The periods are
     * placed one per step on the x axis, labelled with their names, so that every point sits on its
     * period's tick; the legend is below the plot, clear of the band.
     */
    public static XYChart npsTrend(SurveySeries<NetPromoterScore> series, double confidence, int width, int height) {
        XYChart chart = new XYChartBuilder().width(width).height(height).title("Net Promoter Score")
                .xAxisTitle(series.granularity().name().toLowerCase(Locale.ROOT)).yAxisTitle("NPS").build();
        style(chart);
        List<Double> xs = new ArrayList<>();
        List<String> periods = new ArrayList<>();
        List<Double> scores = new ArrayList<>();
        List<Double> lows = new ArrayList<>();
        List<Double> highs = new ArrayList<>();
        for (SurveySeries.Entry<NetPromoterScore> entry : series.entries()) {
            xs.add((double) xs.size());
            periods.add(entry.period().toString());
            scores.add(entry.value().value());
            ConfidenceInterval interval = entry.value().confidenceInterval(confidence);
            lows.add(interval.low());
            highs.add(interval.high());
        }
        labelSteps(chart, periods, width);
        addBand(chart, percentLabel(confidence) + " interval", xs, lows, highs);
        XYSeries line = chart.addSeries("NPS", xs, scores);
        line.setLineColor(LINE);
        line.setMarkerColor(LINE);
        line.setMarker(SeriesMarkers.CIRCLE);
        return chart;
    }

    /**
     * The Kaplan–Meier step curve from S = 1 at time 0, with its log-log band shaded, and the numbers
     * at risk under the plot at the x axis's ticks. Censored customers are not marked: the curve keeps
     * the times of the events only.
     */
    public static XYChart survivalCurve(SurvivalCurve curve, double confidence, String unit, int width, int height) {
        XYChart chart = new XYChartBuilder().width(width).height(height).title("Customer survival (Kaplan-Meier)")
                .xAxisTitle(unit + "  (numbers at risk under the curve)").yAxisTitle("share still a customer").build();
        style(chart);
        chart.getStyler().setYAxisMin(-AT_RISK_ROW).setYAxisMax(1.0);
        chart.setCustomYAxisTickLabelsFormatter(y -> y < -1e-9 ? " " : String.format(Locale.ROOT, "%.1f", y));
        double last = addCurve(chart, curve, confidence, "", LINE, BAND);
        double step = niceStep(last / 6.0);
        for (double t = 0.0; last > 0.0 && t <= last + 1e-9; t += step) {
            chart.addAnnotation(new AnnotationText(Long.toString(curve.atRisk(t)), t, -AT_RISK_ROW / 2, false));
        }
        return chart;
    }

    /**
     * Kaplan–Meier curves of several groups of customers on one chart, each in its colour with its
     * log-log band shaded and its censor ticks, the numbers at risk under the plot, one row per group in
     * the legend's order, and the log-rank test of equal survival in the title where one is given
     * ({@link LogRankTest}, for the same groups).
     *
     * @param curves the curves by group name, in legend order (at most 10 groups)
     * @param test the log-rank test of the groups, or null
     */
    public static XYChart survivalCurves(Map<String, SurvivalCurve> curves, LogRankTest test, double confidence,
            String unit, int width, int height) {
        if (curves.isEmpty() || curves.size() > PALETTE.length) {
            throw new IllegalArgumentException("curves must have 1 to " + PALETTE.length + " groups, had " + curves.size());
        }
        String title = "Customer survival by group (Kaplan-Meier)" + (test == null ? "" : String.format(Locale.ROOT,
                ", log-rank chi-square %.2f on %d df, p %s", test.statistic(), test.test().degreesOfFreedom(),
                ChiSquareTest.formatP(test.pValue())));
        double rows = curves.size();
        double atRiskHeight = AT_RISK_ROW * Math.max(1.0, rows * 0.6);
        XYChart chart = new XYChartBuilder().width(width).height(height).title(title)
                .xAxisTitle(unit + "  (numbers at risk under the curves, one row per group in legend order)")
                .yAxisTitle("share still a customer").build();
        style(chart);
        chart.getStyler().setYAxisMin(-atRiskHeight).setYAxisMax(1.0);
        chart.setCustomYAxisTickLabelsFormatter(y -> y < -1e-9 ? " " : String.format(Locale.ROOT, "%.1f", y));
        double last = 0.0;
        int g = 0;
        for (Map.Entry<String, SurvivalCurve> entry : curves.entrySet()) {
            Color color = PALETTE[g++];
            Color band = new Color(color.getRed(), color.getGreen(), color.getBlue(), 45);
            last = Math.max(last, addCurve(chart, entry.getValue(), confidence, entry.getKey(), color, band));
        }
        double step = niceStep(last / 6.0);
        g = 0;
        for (SurvivalCurve curve : curves.values()) {
            double y = -atRiskHeight * (g + 0.5) / rows;
            for (double t = 0.0; last > 0.0 && t <= last + 1e-9; t += step) {
                chart.addAnnotation(new AnnotationText(Long.toString(curve.atRisk(t)), t, y, false));
            }
            g++;
        }
        return chart;
    }

    /**
     * The survival curves S(t | x) that a fitted churn model ({@link SurvivalRegression}: Cox or a
     * parametric model) predicts for chosen customers, from 0 to {@code until}, each in its colour.
     *
     * @param customers the customers' covariates by label, in legend order (at most 10), in the order of the
     *     model's {@link SurvivalRegression#covariateNames()}
     */
    public static XYChart predictedSurvival(SurvivalRegression model, Map<String, double[]> customers, double until,
            String unit, int width, int height) {
        if (customers.isEmpty() || customers.size() > PALETTE.length) {
            throw new IllegalArgumentException("customers must have 1 to " + PALETTE.length + " entries, had "
                    + customers.size());
        }
        if (!(until > 0.0 && until < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("until must be finite and > 0, was " + until);
        }
        XYChart chart = new XYChartBuilder().width(width).height(height).title("Predicted survival of chosen customers")
                .xAxisTitle(unit).yAxisTitle("probability still a customer").build();
        style(chart);
        chart.getStyler().setYAxisMin(0.0).setYAxisMax(1.0);
        int points = 200;
        int g = 0;
        for (Map.Entry<String, double[]> customer : customers.entrySet()) {
            List<Double> times = new ArrayList<>();
            List<Double> survival = new ArrayList<>();
            for (int i = 0; i <= points; i++) {
                double t = until * i / points;
                times.add(t);
                survival.add(model.survival(t, customer.getValue()));
            }
            XYSeries line = chart.addSeries(customer.getKey(), times, survival);
            // steps between grid points: a Cox model's curve is a step function, a parametric one smooth
            line.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Step);
            line.setLineColor(PALETTE[g++]);
            line.setMarker(SeriesMarkers.NONE);
        }
        return chart;
    }

    /**
     * The calibration of a churn model: for each group of customers by predicted churn
     * ({@link CalibrationTable}), the mean predicted churn probability within the horizon (x) against the
     * observed churn, 1 − Kaplan–Meier of the group, with its interval (y, a vertical bar), and the
     * diagonal on which a calibrated model's groups lie.
     */
    public static XYChart calibration(CalibrationTable table, String unit, int width, int height) {
        XYChart chart = new XYChartBuilder().width(width).height(height)
                .title(String.format(Locale.ROOT, "Calibration of predicted churn within %s %s",
                        formatNumber(table.horizon()), unit))
                .xAxisTitle("mean predicted churn probability of the group")
                .yAxisTitle("observed churn (1 - Kaplan-Meier)").build();
        style(chart);
        chart.getStyler().setXAxisMin(0.0).setXAxisMax(1.0).setYAxisMin(0.0).setYAxisMax(1.0);
        XYSeries diagonal = chart.addSeries("perfect calibration", List.of(0.0, 1.0), List.of(0.0, 1.0));
        diagonal.setLineColor(Color.GRAY);
        diagonal.setLineStyle(new BasicStroke(1.0f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10.0f,
                new float[] {6.0f, 4.0f}, 0.0f));
        diagonal.setMarker(SeriesMarkers.NONE);
        List<Double> predicted = new ArrayList<>();
        List<Double> observed = new ArrayList<>();
        for (CalibrationTable.Group group : table.groups()) {
            predicted.add(group.meanPredicted());
            observed.add(group.observed());
            XYSeries bar = chart.addSeries("group " + group.group() + " interval",
                    List.of(group.meanPredicted(), group.meanPredicted()), List.of(group.observedLow(), group.observedHigh()));
            bar.setLineColor(LINE);
            bar.setMarker(SeriesMarkers.NONE);
            bar.setShowInLegend(false);
        }
        XYSeries groups = chart.addSeries(String.format(Locale.ROOT, "groups of customers by predicted churn, %s intervals",
                percentLabel(table.confidence())), predicted, observed);
        groups.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        groups.setMarker(SeriesMarkers.CIRCLE);
        groups.setMarkerColor(LINE);
        return chart;
    }

    private static String formatNumber(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value)
                : String.format(Locale.ROOT, "%.4g", value);
    }

    /**
     * Adds one Kaplan–Meier curve to {@code chart}: its band (PolygonArea), its steps and its censor ticks,
     * the series named after {@code group} ("survival", "95% band (log-log)" and "censored" for the
     * unnamed group). Returns the longest time on the curve.
     */
    private static double addCurve(XYChart chart, SurvivalCurve curve, double confidence, String group, Color lineColor,
            Color bandColor) {
        List<Double> times = new ArrayList<>(List.of(0.0));
        List<Double> survival = new ArrayList<>(List.of(1.0));
        List<Double> lows = new ArrayList<>(List.of(1.0));
        List<Double> highs = new ArrayList<>(List.of(1.0));
        for (SurvivalCurve.Point point : curve.points()) {
            ConfidenceInterval band = point.confidenceInterval(confidence, SurvivalCurve.IntervalMethod.LOG_LOG);
            times.add(point.time());
            survival.add(point.survival());
            lows.add(band.low());
            highs.add(band.high());
        }
        // The curve goes on, flat, to the longest follow-up: a lifetime censored after the last event.
        List<SurvivalCurve.Censoring> censorings = curve.censorings();
        double followUp = censorings.isEmpty() ? 0.0 : censorings.get(censorings.size() - 1).time();
        int lastStep = times.size() - 1;
        if (followUp > times.get(lastStep)) {
            times.add(followUp);
            survival.add(survival.get(lastStep));
            lows.add(lows.get(lastStep));
            highs.add(highs.get(lastStep));
        }
        // The band as a shaded step polygon: along the upper steps, and back along the lower ones.
        List<Double> bandX = new ArrayList<>();
        List<Double> bandY = new ArrayList<>();
        for (int i = 0; i < times.size(); i++) {
            if (i > 0) {
                bandX.add(times.get(i));
                bandY.add(highs.get(i - 1));
            }
            bandX.add(times.get(i));
            bandY.add(highs.get(i));
        }
        for (int i = times.size() - 1; i >= 0; i--) {
            bandX.add(times.get(i));
            bandY.add(lows.get(i));
            if (i > 0) {
                bandX.add(times.get(i));
                bandY.add(lows.get(i - 1));
            }
        }
        String prefix = group.isEmpty() ? "" : group + " ";
        XYSeries band = chart.addSeries(prefix + percentLabel(confidence) + " band (log-log)", bandX, bandY);
        band.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.PolygonArea);
        band.setFillColor(bandColor);
        band.setLineColor(bandColor);
        band.setMarker(SeriesMarkers.NONE);
        band.setShowInLegend(group.isEmpty());
        XYSeries line = chart.addSeries(group.isEmpty() ? "survival" : group, times, survival);
        line.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Step);
        line.setLineColor(lineColor);
        line.setMarker(SeriesMarkers.NONE);
        // A tick (+) on the curve where customers were censored, still customers when observed.
        List<Double> censoredAt = new ArrayList<>();
        List<Double> survivalThere = new ArrayList<>();
        for (SurvivalCurve.Censoring censoring : censorings) {
            censoredAt.add(censoring.time());
            survivalThere.add(stepValue(times, survival, censoring.time()));
        }
        if (!censoredAt.isEmpty()) {
            XYSeries ticks = chart.addSeries(prefix + "censored", censoredAt, survivalThere);
            ticks.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            ticks.setMarker(SeriesMarkers.PLUS);
            ticks.setMarkerColor(lineColor);
            ticks.setShowInLegend(group.isEmpty());
        }
        return times.get(times.size() - 1);
    }

    /** The value at {@code t} of the right-continuous step function through the points (times ascending). */
    private static double stepValue(List<Double> times, List<Double> values, double t) {
        double value = values.get(0);
        for (int i = 0; i < times.size() && times.get(i) <= t; i++) {
            value = values.get(i);
        }
        return value;
    }

    /** 1, 2 or 5 times a power of ten, the smallest such at least {@code raw}. */
    static double niceStep(double raw) {
        double power = Math.pow(10, Math.floor(Math.log10(Math.max(raw, 1e-9))));
        for (double factor : new double[] {1, 2, 5, 10}) {
            if (factor * power >= raw) {
                return factor * power;
            }
        }
        return 10 * power;
    }

    /** The share of each cohort active in exactly period k, as a heat map (cohorts down, offsets across). */
    public static HeatMapChart cohortHeatmap(CohortTable table, int width, int height) {
        HeatMapChart chart = new HeatMapChartBuilder().width(width).height(height)
                .title("Cohort retention (% of the cohort active in each period)")
                .xAxisTitle("periods since the first").yAxisTitle("cohort").build();
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        // One colour scale for every table, 0 to 100 %, so that weeks and months compare.
        chart.getStyler().setMin(0.0).setMax(100.0);
        int offsets = 0;
        for (CohortTable.Cohort cohort : table.cohorts()) {
            offsets = Math.max(offsets, cohort.offsets());
        }
        // The values are written in the cells where they fit; a larger table shows the colours only.
        boolean valuesFit = offsets <= 16 && table.cohorts().size() <= 24;
        chart.getStyler().setShowValue(valuesFit);
        chart.getStyler().setValueFont(new Font(Font.SANS_SERIF, Font.PLAIN, 10));
        chart.getStyler().setHeatMapValueDecimalPattern("0.0");
        List<Integer> xs = new ArrayList<>();
        for (int k = 0; k < offsets; k++) {
            xs.add(k);
        }
        List<String> ys = new ArrayList<>();
        List<Number[]> cells = new ArrayList<>();
        List<CohortTable.Cohort> cohorts = table.cohorts();
        for (int row = 0; row < cohorts.size(); row++) {
            CohortTable.Cohort cohort = cohorts.get(row);
            ys.add(cohort.period().toString());
            for (int k = 0; k < cohort.offsets(); k++) {
                cells.add(new Number[] {k, row, Math.round(1000.0 * cohort.retention(k).value()) / 10.0});
            }
        }
        chart.addSeries("retention", xs, ys, cells);
        return chart;
    }

    /**
     * The shifted-beta-geometric projection against the actual survivors: the model fitted on periods
     * 0..{@code fitPeriods} (Fader &amp; Hardie 2007 fit years 0..7), projected over every period of
     * {@code survivors}.
     */
    public static XYChart sbgProjection(CohortSurvivors survivors, int fitPeriods, int width, int height) {
        ShiftedBetaGeometricModel model = ShiftedBetaGeometricModel.fit(survivors.truncate(fitPeriods));
        XYChart chart = new XYChartBuilder().width(width).height(height)
                .title(String.format(Locale.ROOT, "sBG projection (alpha %.3f, beta %.3f, fitted on periods 0..%d)",
                        model.alpha(), model.beta(), fitPeriods))
                .xAxisTitle("period").yAxisTitle("customers alive").build();
        style(chart);
        List<Integer> periods = new ArrayList<>();
        List<Long> actual = new ArrayList<>();
        for (int t = 0; t <= survivors.periods(); t++) {
            periods.add(t);
            actual.add(survivors.alive(t));
        }
        double[] projected = model.projectedSurvivors(survivors.alive(0), survivors.periods());
        List<Double> projection = new ArrayList<>();
        for (double value : projected) {
            projection.add(value);
        }
        XYSeries fitted = chart.addSeries("projected", periods, projection);
        fitted.setLineColor(LINE);
        fitted.setMarker(SeriesMarkers.NONE);
        XYSeries observed = chart.addSeries("actual", periods, actual);
        observed.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        observed.setMarker(SeriesMarkers.CIRCLE);
        observed.setMarkerColor(Color.DARK_GRAY);
        return chart;
    }

    /**
     * The fit of a purchase model: for each number of repeat purchases 0, 1, …, the customers who made
     * that many in their observation time against the number the model expects, Σ P(X(T) = x) over
     * the customers; the last bar gathers {@code maxFrequency} or more.
     */
    public static CategoryChart purchaseModelFit(PurchaseHistories histories, TransactionModel model, String modelName,
            int maxFrequency, int width, int height) {
        double[] actual = new double[maxFrequency + 1];
        double[] expected = new double[maxFrequency + 1];
        double customers = 0;
        for (int row = 0; row < histories.distinctRows(); row++) {
            long weight = histories.weight(row);
            customers += weight;
            actual[(int) Math.min(histories.frequency(row), maxFrequency)] += weight;
            for (int x = 0; x < maxFrequency; x++) {
                expected[x] += weight * model.probabilityOfPurchases(x, histories.age(row));
            }
        }
        double below = 0;
        for (int x = 0; x < maxFrequency; x++) {
            below += expected[x];
        }
        expected[maxFrequency] = customers - below;
        List<String> labels = new ArrayList<>();
        List<Double> actualCounts = new ArrayList<>();
        List<Double> expectedCounts = new ArrayList<>();
        for (int x = 0; x <= maxFrequency; x++) {
            labels.add(x < maxFrequency ? Integer.toString(x) : maxFrequency + "+");
            actualCounts.add(actual[x]);
            expectedCounts.add(expected[x]);
        }
        CategoryChart chart = new CategoryChartBuilder().width(width).height(height)
                .title(modelName + " fit: customers by repeat purchases")
                .xAxisTitle("repeat purchases in the observation period").yAxisTitle("customers").build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.addSeries("actual", labels, actualCounts).setFillColor(Color.GRAY);
        chart.addSeries("expected", labels, expectedCounts).setFillColor(LINE);
        return chart;
    }

    /**
     * The frequency–recency matrix of a purchase model: for a customer observed for {@code age} (T), the
     * expected purchases E[Y(t) | x, tₓ, T] in the next {@code horizon} (t) for each frequency x = 0..
     * {@code maxFrequency} (rows) and recency tₓ from 0 to T (columns; x = 0 only at tₓ = 0, as no repeat
     * purchase means no recency), as a heat map (Fader, Hardie &amp; Lee 2005, "Counting your customers the
     * easy way", figure 5). Times in the model's unit, named {@code unit} on the axis.
     *
     * The recency columns are 0, s, 2s, … up to T, with s a round step (1, 2 or 5 times a power of ten)
     * that gives about a dozen columns.
     */
    public static HeatMapChart frequencyRecencyMatrix(TransactionModel model, double age, double horizon,
            int maxFrequency, String unit, int width, int height) {
        String title = String.format(Locale.ROOT, "Expected purchases in the next %s %s (customers observed for %s %s)",
                number(horizon), unit, number(age), unit);
        return historyMatrix(title, "expected purchases", age, maxFrequency, unit, width, height,
                model.timeUnit(), history -> model.conditionalExpectedPurchases(horizon, history), false);
    }

    /**
     * The probability that a customer is alive, P(alive | x, tₓ, T), for a customer observed for {@code age}
     * (T), by frequency x = 0..{@code maxFrequency} (rows) and recency tₓ from 0 to T (columns), as a heat
     * map on a 0–1 scale: customers who bought often but not lately are the ones likely gone. The
     * recency columns are as in {@link #frequencyRecencyMatrix}.
     */
    public static HeatMapChart probabilityAliveMatrix(TransactionModel model, double age, int maxFrequency,
            String unit, int width, int height) {
        String title = String.format(Locale.ROOT, "Probability of being alive (customers observed for %s %s)",
                number(age), unit);
        return historyMatrix(title, "P(alive)", age, maxFrequency, unit, width, height, model.timeUnit(),
                model::probabilityAlive, true);
    }

    private static HeatMapChart historyMatrix(String title, String series, double age, int maxFrequency, String unit, int width, int height, ChronoUnit timeUnit, ToDoubleFunction<PurchaseHistory> cell,
            boolean probability) {
        if (!(age > 0 && age < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("age must be finite and > 0, was " + age);
        }
        if (maxFrequency < 1 || maxFrequency > 200) {
            throw new IllegalArgumentException("maxFrequency must be in 1..200, was " + maxFrequency);
        }
        double step = niceStep(age / 12);
        int columns = (int) Math.floor(age / step + 1e-9) + 1;
        HeatMapChart chart = new HeatMapChartBuilder().width(width).height(height).title(title)
                .xAxisTitle("recency: time of the last purchase since the first (" + unit + ")")
                .yAxisTitle("repeat purchases (frequency)").build();
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setShowValue(columns <= 14 && maxFrequency <= 12);
        chart.getStyler().setHeatMapValueDecimalPattern(probability ? "0.00" : "0.0");
        List<String> xs = new ArrayList<>();
        List<Integer> ys = new ArrayList<>();
        List<Number[]> cells = new ArrayList<>();
        double max = 0.0;
        for (int k = 0; k < columns; k++) {
            double recency = k * step;
            xs.add(number(recency));
            for (int x = 0; x <= maxFrequency; x++) {
                if (x == 0 && k > 0) {
                    continue;
                }
                double value = cell.applyAsDouble(PurchaseHistory.of(x, x == 0 ? 0.0 : recency, age, timeUnit));
                max = Math.max(max, value);
                cells.add(new Number[] {k, x, value});
            }
        }
        for (int x = 0; x <= maxFrequency; x++) {
            ys.add(x);
        }
        chart.getStyler().setMin(0.0).setMax(probability ? 1.0 : Math.max(niceStep(max), Math.ceil(max)));
        chart.addSeries(series, xs, ys, cells);
        return chart;
    }

    /**
     * One customer's probability of being alive over time, P(alive) at each time t since their first
     * purchase given the purchases up to t (x(t) repeat purchases, the last at tₓ(t), observed for t), with
     * the purchases marked: the picture of how the model's belief decays between purchases and recovers at
     * each one (as lifetimes' {@code plot_history_alive}). Times in the model's unit.
     *
     * @param purchaseTimes the times of the customer's repeat purchases since their first, each in (0, end]
     * @param end the end of the observation, &gt; 0
     */
    public static XYChart probabilityAliveHistory(TransactionModel model, double[] purchaseTimes, double end,
            String unit, String customer, int width, int height) {
        double[] times = purchaseTimes.clone();
        Arrays.sort(times);
        if (!(end > 0 && end < Double.POSITIVE_INFINITY)
                || times.length > 0 && (times[0] <= 0 || times[times.length - 1] > end)) {
            throw new IllegalArgumentException("purchase times must be in (0, end] and end finite and > 0");
        }
        XYChart chart = new XYChartBuilder().width(width).height(height)
                .title("Probability that customer " + customer + " is alive")
                .xAxisTitle("time since the first purchase (" + unit + ")").yAxisTitle("P(alive)").build();
        style(chart);
        chart.getStyler().setYAxisMin(0.0).setYAxisMax(1.0);
        List<Double> ts = new ArrayList<>();
        List<Double> alive = new ArrayList<>();
        int steps = 400;
        int next = 0; // purchases counted so far
        double last = 0.0;
        ts.add(0.0);
        alive.add(1.0); // alive at the first purchase, which makes them a customer
        for (int k = 1; k <= steps; k++) {
            double t = end * k / steps;
            while (next < times.length && times[next] <= t) {
                // just before the purchase, then at it
                double at = times[next];
                ts.add(at);
                alive.add(model.probabilityAlive(PurchaseHistory.of(next, last, at, model.timeUnit())));
                next++;
                last = at;
                ts.add(at);
                alive.add(model.probabilityAlive(PurchaseHistory.of(next, last, at, model.timeUnit())));
            }
            ts.add(t);
            alive.add(model.probabilityAlive(PurchaseHistory.of(next, last, t, model.timeUnit())));
        }
        XYSeries line = chart.addSeries("P(alive)", ts, alive);
        line.setLineColor(LINE);
        line.setMarker(SeriesMarkers.NONE);
        if (times.length > 0) {
            List<Double> purchases = new ArrayList<>();
            List<Double> top = new ArrayList<>();
            for (double t : times) {
                purchases.add(t);
                top.add(1.0);
            }
            XYSeries marks = chart.addSeries("purchases", purchases, top);
            marks.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            marks.setMarker(SeriesMarkers.TRIANGLE_DOWN);
            marks.setMarkerColor(Color.DARK_GRAY);
        }
        return chart;
    }

    /**
     * Calibration against holdout by frequency class (Fader, Hardie &amp; Lee 2005, "Counting your customers
     * the easy way", figure 4): for the customers of each calibration frequency 0, 1, …, 7+, the mean
     * purchases they made in the holdout period against the mean the model predicted for them.
     */
    public static CategoryChart holdoutByFrequency(HoldoutEvaluation evaluation, String modelName, int width,
            int height) {
        List<String> labels = new ArrayList<>();
        List<Double> actual = new ArrayList<>();
        List<Double> predicted = new ArrayList<>();
        for (HoldoutEvaluation.FrequencyClass frequencyClass : evaluation.byFrequency()) {
            labels.add(frequencyClass.label());
            actual.add(frequencyClass.actual());
            predicted.add(frequencyClass.predicted());
        }
        CategoryChart chart = new CategoryChartBuilder().width(width).height(height)
                .title(modelName + ": holdout purchases by calibration frequency (" + evaluation.calibrationEnd()
                        + " to " + evaluation.end() + ")")
                .xAxisTitle("repeat purchases in the calibration period")
                .yAxisTitle("mean purchases in the holdout period").build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        chart.getStyler().setLegendLayout(Styler.LegendLayout.Horizontal);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.addSeries("actual", labels, actual).setFillColor(Color.GRAY);
        chart.addSeries("predicted", labels, predicted).setFillColor(LINE);
        return chart;
    }

    /**
     * The cohort's repeat purchases period by period over calibration and holdout, actual against what the
     * model expects given each customer's first-purchase date (Fader, Hardie &amp; Lee 2005, figure 3):
     * cumulative, or per period ({@code cumulative} false), with a dashed line at the end of the
     * calibration period.
     */
    public static XYChart tracking(HoldoutEvaluation evaluation, String modelName, boolean cumulative, int width,
            int height) {
        String unit = evaluation.periodUnit().toString().toLowerCase(Locale.ROOT);
        XYChart chart = new XYChartBuilder().width(width).height(height)
                .title(modelName + ": " + (cumulative ? "cumulative" : "incremental") + " repeat purchases, actual "
                        + "and expected")
                .xAxisTitle("last day of each " + unit.substring(0, unit.length() - 1) + " (the calibration period ends at "
                        + evaluation.calibrationEnd() + ", the line)")
                .yAxisTitle(cumulative ? "cumulative repeat purchases" : "repeat purchases per period").build();
        style(chart);
        // Each period at its last day on a date axis (XChart labels dates sparsely; numbered periods that are
        // equally spaced it labels one in two, overlapping).
        List<Date> periods = new ArrayList<>();
        List<Double> actual = new ArrayList<>();
        List<Double> expected = new ArrayList<>();
        for (HoldoutEvaluation.TrackingPeriod period : evaluation.tracking()) {
            periods.add(Date.from(period.end().minusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant()));
            double a = cumulative ? period.cumulativeActual() : period.actual();
            double e = cumulative ? period.cumulativeExpected() : period.expected();
            actual.add(a);
            expected.add(e);
        }
        XYSeries observed = chart.addSeries("actual", periods, actual);
        observed.setLineColor(Color.DARK_GRAY);
        observed.setMarker(SeriesMarkers.NONE);
        XYSeries model = chart.addSeries("expected (" + modelName + ")", periods, expected);
        model.setLineColor(LINE);
        model.setMarker(SeriesMarkers.NONE);
        model.setLineStyle(new BasicStroke(2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND,
                10f, new float[] {6f, 4f}, 0f));
        chart.getStyler().setTimezone(TimeZone.getTimeZone(ZoneOffset.UTC));
        chart.getStyler().setDatePattern("yyyy-MM-dd");
        chart.addAnnotation(new AnnotationLine(evaluation.calibrationEnd().atStartOfDay(ZoneOffset.UTC).toInstant()
                .toEpochMilli(), true, false));
        return chart;
    }

    /** A time or a count for a title or a label: whole numbers without decimals, others with up to two. */
    private static String number(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value)
                : String.format(Locale.ROOT, "%.2f", value).replaceAll("0+$", "");
    }

    /** The file formats a chart is written in. */
    public enum Format {
        /** A bitmap at the chart's width and height. */
        PNG,
        /** Scalable vector graphics. */
        SVG,
        /** A one-page PDF. */
        PDF;

        /**
         * The format named by the extension of {@code file}: {@code .png}, {@code .svg} or {@code .pdf},
         * in any case.
         *
         * @throws IllegalArgumentException if the file has another extension or none
         */
        public static Format of(Path file) {
            String name = file.getFileName() == null ? "" : file.getFileName().toString();
            int dot = name.lastIndexOf('.');
            String extension = dot < 0 ? "" : name.substring(dot + 1).toUpperCase(Locale.ROOT);
            for (Format format : values()) {
                if (format.name().equals(extension)) {
                    return format;
                }
            }
            throw new IllegalArgumentException("file must end in .png, .svg or .pdf, was '" + name + "'");
        }
    }

    /**
     * Writes {@code chart} to {@code file} in the format its extension names (see {@link Format#of}),
     * creating its directory if needed.
     *
     * @throws IllegalArgumentException if the extension is not .png, .svg or .pdf
     * @throws IOException if the file cannot be written
     */
    public static void write(Chart<?, ?> chart, Path file) throws IOException {
        Format format = Format.of(file);
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        try (OutputStream out = Files.newOutputStream(file)) {
            write(chart, format, out);
        }
    }

    /**
     * Writes {@code chart} in {@code format} to {@code out}, which stays open (standard output, a
     * response body).
     *
     * @throws IOException if the stream cannot be written
     */
    public static void write(Chart<?, ?> chart, Format format, OutputStream out) throws IOException {
        switch (format) {
            case PNG:
                BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG);
                break;
            case SVG:
                VectorGraphicsEncoder.saveVectorGraphic(chart, out, VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
                break;
            default:
                VectorGraphicsEncoder.saveVectorGraphic(chart, out, VectorGraphicsEncoder.VectorGraphicsFormat.PDF);
                break;
        }
        out.flush();
    }

    /**
     * A loyalty programme's outstanding points and their liability at the end of each period up to
     * {@code asOf}: the points outstanding at face value (points × {@code valuePerPoint}) and the liability,
     * the value of the points expected to be redeemed ({@link Breakage#liability(double)} of the ledger as of
     * each period's end, the last one as of {@code asOf}), with its band at {@code confidence} shaded (clipped to
     * [0, the face value]).
     */
    public static XYChart programmeLiability(PointsLedger ledger, Granularity granularity, LocalDate asOf,
            double valuePerPoint, double confidence, int width, int height) {
        XYChart chart = new XYChartBuilder().width(width).height(height)
                .title("Outstanding points and their liability")
                .xAxisTitle(granularity.name().toLowerCase(Locale.ROOT)).yAxisTitle("value").build();
        style(chart);
        List<Double> xs = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        List<Double> face = new ArrayList<>();
        List<Double> liability = new ArrayList<>();
        List<Double> lows = new ArrayList<>();
        List<Double> highs = new ArrayList<>();
        List<LedgerPeriods.Period> periods = ledger.periods(granularity, asOf).periods();
        for (int i = 0; i < periods.size(); i++) {
            LedgerPeriods.Period period = periods.get(i);
            LocalDate end = i + 1 < periods.size() ? periods.get(i + 1).start().minusDays(1) : asOf;
            Breakage breakage = ledger.breakage(end);
            if (breakage.isEmpty()) {
                continue;
            }
            Estimate value = breakage.liability(valuePerPoint);
            ConfidenceInterval band = breakage.liabilityInterval(valuePerPoint, confidence);
            xs.add((double) xs.size());
            labels.add(period.label());
            face.add(period.outstanding() * valuePerPoint);
            liability.add(value.value());
            lows.add(band.low());
            highs.add(band.high());
        }
        labelSteps(chart, labels, width);
        addBand(chart, percentLabel(confidence) + " interval", xs, lows, highs);
        XYSeries outstanding = chart.addSeries("outstanding points at face value", xs, face);
        outstanding.setLineColor(PALETTE[1]);
        outstanding.setMarkerColor(PALETTE[1]);
        outstanding.setMarker(SeriesMarkers.NONE);
        XYSeries line = chart.addSeries("liability (expected redemptions)", xs, liability);
        line.setLineColor(LINE);
        line.setMarkerColor(LINE);
        line.setMarker(SeriesMarkers.CIRCLE);
        return chart;
    }

    /**
     * The tier-migration matrix as a heat map: one row per tier of the first date, one column per tier of the
     * second and the exit, each cell the share (%) of the row's members.
     *
     * @param tierNames the tiers' names from the lowest, at least as many as the matrix has tiers
     */
    public static HeatMapChart tierMigration(TierMigration migration, List<String> tierNames, int width, int height) {
        int tiers = migration.tierCount();
        if (tierNames.size() < tiers) {
            throw new IllegalArgumentException("tierNames must name the " + tiers + " tiers, was " + tierNames);
        }
        HeatMapChart chart = new HeatMapChartBuilder().width(width).height(height)
                .title("Tier migration " + migration.from() + " to " + migration.to() + " (% of each row)")
                .xAxisTitle("tier on " + migration.to()).yAxisTitle("tier on " + migration.from()).build();
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setMin(0.0).setMax(100.0);
        chart.getStyler().setShowValue(true);
        chart.getStyler().setValueFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        chart.getStyler().setHeatMapValueDecimalPattern("0.0");
        List<String> xs = new ArrayList<>(tierNames.subList(0, tiers));
        xs.add("exit");
        List<String> ys = new ArrayList<>(tierNames.subList(0, tiers));
        List<Number[]> cells = new ArrayList<>();
        for (int row = 0; row < tiers; row++) {
            for (int column = 0; column <= tiers; column++) {
                Proportion share = migration.share(row, column == tiers ? -1 : column);
                if (!share.isEmpty()) {
                    cells.add(new Number[] {column, row, Math.round(1000.0 * share.value()) / 10.0});
                }
            }
        }
        chart.addSeries("share", xs, ys, cells);
        return chart;
    }

    static void addBand(XYChart chart, String name, List<Double> xs, List<Double> lows, List<Double> highs) {
        // A polygon along the upper bounds and back along the lower ones.
        List<Double> polygonX = new ArrayList<>(xs);
        List<Double> polygonY = new ArrayList<>(highs);
        for (int i = xs.size() - 1; i >= 0; i--) {
            polygonX.add(xs.get(i));
            polygonY.add(lows.get(i));
        }
        XYSeries band = chart.addSeries(name, polygonX, polygonY);
        band.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.PolygonArea);
        band.setFillColor(BAND);
        band.setLineColor(BAND);
        band.setMarker(SeriesMarkers.NONE);
    }

    /**
     * Labels the x axis with {@code labels}, one per step 0, 1, 2, …: ticks fall on whole steps only (at
     * most one every {@code width / 12} pixels), and each whole step is labelled with its name.
     */
    static void labelSteps(XYChart chart, List<String> labels, int width) {
        chart.getStyler().setXAxisTickMarkSpacingHint(Math.max(60, width / Math.max(1, Math.min(labels.size(), 12))));
        chart.setCustomXAxisTickLabelsFormatter(x -> {
            long step = Math.round(x);
            return Math.abs(x - step) < 1e-9 && step >= 0 && step < labels.size() ? labels.get((int) step) : " "; // XChart draws no empty label
        });
    }

    static void style(XYChart chart) {
        chart.getStyler().setPlotGridLinesVisible(true);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        chart.getStyler().setLegendLayout(Styler.LegendLayout.Horizontal);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
    }

    static String percentLabel(double confidence) {
        return String.format(Locale.ROOT, "%.0f%%", 100 * confidence);
    }
}
