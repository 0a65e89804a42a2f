package org.loyaltymetrics.charts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.math.BigDecimal;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapSeries;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.loyaltymetrics.data.PurchaseHistories;
import org.loyaltymetrics.data.PurchaseHistory;
import org.loyaltymetrics.model.BetaGeometricNbdModel;
import org.loyaltymetrics.money.CurrencyUnit;
import org.loyaltymetrics.model.HoldoutEvaluation;
import org.loyaltymetrics.data.RfmSummary;
import org.loyaltymetrics.retention.CohortTable;
import org.loyaltymetrics.retention.LogRankTest;
import org.loyaltymetrics.retention.SurvivalCurve;
import org.loyaltymetrics.churn.CalibrationTable;
import org.loyaltymetrics.churn.CoxModel;
import org.loyaltymetrics.churn.SurvivalData;
import org.loyaltymetrics.programme.LedgerEvent;
import org.loyaltymetrics.programme.PointsLedger;
import org.loyaltymetrics.programme.TierHistory;
import org.loyaltymetrics.survey.NetPromoterScore;
import org.loyaltymetrics.survey.SurveySeries;
import org.loyaltymetrics.time.Granularity;

/** What each chart draws, and the formats charts are written in. */
class ChartsTest {

    @TempDir
    Path dir;

    @Test
    void expectedCustomersByRepeatPurchasesAddUpToTheCustomers() {
        // Three customers observed 10 weeks; the bars of a model count each customer once in total.
        PurchaseHistories histories = PurchaseHistories.accumulator(ChronoUnit.WEEKS).add(0, 0, 10).add(2, 6, 10)
                .add(5, 9, 10).snapshot();
        CategoryChart chart = Charts.purchaseModelFit(histories, BetaGeometricNbdModel.of(0.5, 4, 0.8, 2.5, ChronoUnit.WEEKS),
                "BG/NBD", 3, 400, 300);
        double expected = chart.getSeriesMap().get("expected").getYData().stream().mapToDouble(Number::doubleValue).sum();
        assertThat(expected).isCloseTo(3.0, within(1e-9));
        assertThat(chart.getSeriesMap().get("actual").getYData()).extracting(Number::doubleValue)
                .containsExactly(1.0, 0.0, 1.0, 1.0);
    }


    @Test
    void npsTrendPutsEveryPeriodOnItsOwnTickAndTheLegendBelowThePlot() {
        // Issue 11: the monthly points sat between date ticks, and the legend covered the band.
        SurveySeries<NetPromoterScore> series = SurveySeries.accumulator(NetPromoterScore.DEFINITION, Granularity.MONTH)
                .add(LocalDate.of(2025, 1, 15), 9).add(LocalDate.of(2025, 1, 20), 3).add(LocalDate.of(2025, 2, 1), 10)
                .add(LocalDate.of(2025, 4, 30), 7).snapshot();
        XYChart chart = Charts.npsTrend(series, 0.95, 800, 500);
        assertThat(chart.getSeriesMap().get("NPS").getXData()).containsExactly(0.0, 1.0, 2.0);
        assertThat(chart.getStyler().getLegendPosition()).isEqualTo(Styler.LegendPosition.OutsideS);
    }


    @Test
    void cohortHeatmapsShareOneColourScaleAndWriteValuesOnlyWhereTheyFit() {
        // Issue 11: the colour scale started at the smallest cell (61.5 % for months, 0 for weeks), and
        // the values of a weekly table overlapped.
        CohortTable.Accumulator months = CohortTable.accumulator(Granularity.MONTH);
        CohortTable.Accumulator weeks = CohortTable.accumulator(Granularity.WEEK);
        for (long user = 0; user < 40; user++) {
            for (int day = 0; day < 200; day += 1 + (int) (user % 9)) {
                LocalDate date = LocalDate.of(2025, 1, 1).plusDays(user + day);
                months.add(user, date);
                weeks.add(user, date);
            }
        }
        HeatMapChart monthly = Charts.cohortHeatmap(months.snapshot(), 800, 500);
        HeatMapChart weekly = Charts.cohortHeatmap(weeks.snapshot(), 800, 500);
        for (HeatMapChart chart : new HeatMapChart[] {monthly, weekly}) {
            assertThat(chart.getStyler().getMin()).isZero();
            assertThat(chart.getStyler().getMax()).isEqualTo(100.0);
        }
        assertThat(monthly.getStyler().isShowValue()).isTrue();
        assertThat(weekly.getStyler().isShowValue()).isFalse();
    }


    @Test
    void survivalCurveShadesItsBandAndCountsTheCustomersAtRisk() {
        // Issue 11: the band was two legend lines, with no numbers at risk.
        SurvivalCurve curve = SurvivalCurve.of(new double[] {1, 2, 2, 4, 5, 7}, new boolean[] {true, true, false, true,
            false, true});
        XYChart chart = Charts.survivalCurve(curve, 0.95, "months", 800, 500);
        assertThat(chart.getSeriesMap()).hasSize(3);
        assertThat(chart.getSeriesMap().values()).extracting(XYSeries::getXYSeriesRenderStyle)
                .contains(XYSeries.XYSeriesRenderStyle.PolygonArea, XYSeries.XYSeriesRenderStyle.Step,
                        XYSeries.XYSeriesRenderStyle.Scatter);
        // Censor ticks sit on the curve at the censoring times 2 (S = 5/6 after the event at 1 and 2: 5/6 × 4/5)
        // and 5 (S after the event at 4: 2/3 × 2/3)
        XYSeries ticks = chart.getSeriesMap().get("censored");
        assertThat(ticks.getXData()).containsExactly(2.0, 5.0);
        assertThat(ticks.getYData()[0]).isCloseTo(5.0 / 6 * 4 / 5, within(1e-15));
        assertThat(ticks.getYData()[1]).isCloseTo(5.0 / 6 * 4 / 5 * 2 / 3, within(1e-15));
        // The numbers at risk under the axis are SurvivalCurve.atRisk(t), tested in the core.
        // A curve without events (every customer censored) has no steps, only its ticks.
        SurvivalCurve censored = SurvivalCurve.of(new double[] {3, 5}, new boolean[] {false, false});
        assertThat(Charts.survivalCurve(censored, 0.95, "months", 400, 300).getSeriesMap()).hasSize(3);
        assertThat(Charts.niceStep(87.0)).isEqualTo(100.0);
        assertThat(Charts.niceStep(1.2)).isEqualTo(2.0);
        assertThat(Charts.niceStep(4.0)).isEqualTo(5.0);
    }


    @Test
    void survivalCurvesByGroupCarryTheirBandsTicksAtRiskRowsAndTheLogRankTest() throws IOException {
        double[] durations = {1, 2, 2, 4, 5, 7, 3, 6, 8, 9, 9, 12};
        boolean[] churned = {true, true, false, true, false, true, true, false, true, true, false, false};
        int[] group = {0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1};
        Map<String, SurvivalCurve> curves = new LinkedHashMap<>();
        curves.put("monthly", SurvivalCurve.of(java.util.Arrays.copyOfRange(durations, 0, 6),
                java.util.Arrays.copyOfRange(churned, 0, 6)));
        curves.put("yearly", SurvivalCurve.of(java.util.Arrays.copyOfRange(durations, 6, 12),
                java.util.Arrays.copyOfRange(churned, 6, 12)));
        LogRankTest test = LogRankTest.of(durations, churned, group);
        XYChart chart = Charts.survivalCurves(curves, test, 0.95, "months", 800, 500);
        assertThat(chart.getTitle()).startsWith("Customer survival by group (Kaplan-Meier), log-rank chi-square ")
                .contains(String.format(java.util.Locale.ROOT, "%.2f on 1 df", test.statistic()));
        // per group: band, steps and censor ticks; only the steps are in the legend
        assertThat(chart.getSeriesMap()).containsKeys("monthly", "yearly", "monthly censored", "yearly censored",
                "monthly 95% band (log-log)", "yearly 95% band (log-log)");
        assertThat(chart.getSeriesMap().get("yearly censored").getXData()).containsExactly(6.0, 9.0, 12.0);
        assertThat(chart.getSeriesMap().values().stream().filter(XYSeries::isShowInLegend).map(XYSeries::getName))
                .containsExactly("monthly", "yearly");
        assertThat(chart.getSeriesMap().get("monthly").getLineColor())
                .isNotEqualTo(chart.getSeriesMap().get("yearly").getLineColor());
        assertThatThrownBy(() -> Charts.survivalCurves(Map.of(), null, 0.95, "months", 800, 500))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("curves must have 1 to 10 groups, had 0");
        Charts.write(chart, Path.of("target", "survival-by-group.png"));
    }

    @Test
    void predictedSurvivalDrawsEachChosenCustomersCurveFromTheModel() throws IOException {
        double[] durations = {1, 2, 2, 4, 5, 7, 3, 6, 8, 9, 9, 12, 4, 11};
        boolean[] churned = {true, true, false, true, false, true, true, false, true, true, false, false, true, true};
        double[] yearly = {0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 0, 1};
        CoxModel model = CoxModel.fit(SurvivalData.of(durations, churned).withCovariate("yearly", yearly));
        Map<String, double[]> customers = new LinkedHashMap<>();
        customers.put("monthly contract", new double[] {0});
        customers.put("yearly contract", new double[] {1});
        XYChart chart = Charts.predictedSurvival(model, customers, 12, "months", 800, 500);
        XYSeries monthly = chart.getSeriesMap().get("monthly contract");
        assertThat(monthly.getXData()).hasSize(201);
        assertThat(monthly.getYData()[0]).isEqualTo(1.0);
        // the point at t = 6 (index 100) is the model's own S(6 | x)
        assertThat(chart.getSeriesMap().get("yearly contract").getYData()[100]).isEqualTo(model.survival(6, 1));
        assertThatThrownBy(() -> Charts.predictedSurvival(model, customers, 0, "months", 800, 500))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("until must be finite and > 0, was 0.0");
        Charts.write(chart, Path.of("target", "predicted-survival.png"));
    }

    @Test
    void calibrationPlotsEachGroupsPredictedAgainstObservedChurnWithItsInterval() throws IOException {
        // 600 customers, hazard 0.05 e^(0.8 x) a month, censored at 36 months: every group is followed past 12
        java.util.Random random = new java.util.Random(5);
        int n = 600;
        double[] months = new double[n];
        boolean[] churned = new boolean[n];
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = random.nextGaussian();
            double life = -Math.log(1 - random.nextDouble()) / (0.05 * Math.exp(0.8 * x[i]));
            months[i] = Math.min(life, 36);
            churned[i] = life <= 36;
        }
        SurvivalData data = SurvivalData.of(months, churned).withCovariate("x", x);
        CalibrationTable table = CalibrationTable.of(CoxModel.fit(data), data, 12);
        XYChart chart = Charts.calibration(table, "months", 700, 600);
        assertThat(chart.getTitle()).isEqualTo("Calibration of predicted churn within 12 months");
        XYSeries groups = chart.getSeriesMap().get("groups of customers by predicted churn, 95% intervals");
        assertThat(groups.getXData()).hasSize(10);
        for (int g = 0; g < 10; g++) {
            CalibrationTable.Group group = table.groups().get(g);
            assertThat(groups.getXData()[g]).isEqualTo(group.meanPredicted());
            assertThat(groups.getYData()[g]).isEqualTo(group.observed());
            XYSeries bar = chart.getSeriesMap().get("group " + (g + 1) + " interval");
            assertThat(bar.getYData()).containsExactly(group.observedLow(), group.observedHigh());
            assertThat(bar.isShowInLegend()).isFalse();
        }
        assertThat(chart.getSeriesMap().get("perfect calibration").getYData()).containsExactly(0.0, 1.0);
        Charts.write(chart, Path.of("target", "calibration.png"));
    }

    /**
     * The ledger of the core's PointsLedgerTest (three members; by hand: outstanding 140, 220, 250, 220 at the
     * ends of January to April 2025); the liability at 1 a point never exceeds the face value.
     */
    @Test
    void programmeLiabilityFollowsTheOutstandingPointsWithItsBand() throws IOException {
        LocalDate jan = LocalDate.of(2025, 1, 1);
        PointsLedger ledger = PointsLedger.accumulator()
                .add(1, jan.plusDays(9), LedgerEvent.EARN, 100).add(1, LocalDate.of(2025, 2, 3), LedgerEvent.EARN, 50)
                .add(1, LocalDate.of(2025, 2, 20), LedgerEvent.BURN, 120).add(1, LocalDate.of(2025, 3, 15), LedgerEvent.ADJUST, 10)
                .add(1, LocalDate.of(2025, 4, 1), LedgerEvent.EXPIRE, 30).add(2, jan.plusDays(19), LedgerEvent.EARN, 40)
                .add(2, LocalDate.of(2025, 3, 2), LedgerEvent.BURN, 40).add(2, LocalDate.of(2025, 3, 10), LedgerEvent.EARN, 60)
                .add(3, LocalDate.of(2025, 2, 10), LedgerEvent.EARN, 200).add(3, LocalDate.of(2025, 2, 10), LedgerEvent.BURN, 50)
                .snapshot();
        XYChart chart = Charts.programmeLiability(ledger, Granularity.MONTH, LocalDate.of(2025, 4, 30), 1.0, 0.95, 640, 400);
        assertThat(chart.getSeriesMap().get("outstanding points at face value").getYData())
                .containsExactly(140.0, 220.0, 250.0, 220.0);
        double[] liability = chart.getSeriesMap().get("liability (expected redemptions)").getYData();
        assertThat(liability).hasSize(4);
        for (int i = 0; i < 4; i++) {
            assertThat(liability[i]).isBetween(0.0, new double[] {140, 220, 250, 220}[i]);
        }
        assertThat(chart.getSeriesMap()).containsKey("95% interval");
        Charts.write(chart, dir.resolve("liability.png"));
        assertThat(Files.size(dir.resolve("liability.png"))).isPositive();
    }

    @Test
    void tierMigrationHeatMapShowsEachRowsShares() throws IOException {
        // blue on 01-31: members 1, 2, 3; on 12-31: 1 gold, 2 blue, 3 gone: each a third of the row
        TierHistory tiers = TierHistory.accumulator().add(1, LocalDate.of(2025, 1, 1), 0).add(1, LocalDate.of(2025, 6, 1), 2)
                .add(2, LocalDate.of(2025, 1, 1), 0).add(3, LocalDate.of(2025, 1, 1), 0).addExit(3, LocalDate.of(2025, 5, 1))
                .add(4, LocalDate.of(2025, 1, 1), 1).snapshot();
        HeatMapChart chart = Charts.tierMigration(tiers.migration(LocalDate.of(2025, 1, 31), LocalDate.of(2025, 12, 31)),
                List.of("blue", "silver", "gold"), 640, 400);
        List<? extends Number[]> cells = chart.getSeriesMap().get("share").getHeatData();
        assertThat(cells).anySatisfy(cell -> assertThat(cell).containsExactly(2, 0, 33.3));
        assertThat(cells).anySatisfy(cell -> assertThat(cell).containsExactly(3, 0, 33.3));
        assertThat(cells).anySatisfy(cell -> assertThat(cell).containsExactly(1, 1, 100.0));
        Charts.write(chart, dir.resolve("tiers.png"));
        assertThatThrownBy(() -> Charts.tierMigration(tiers.migration(LocalDate.of(2025, 1, 31), LocalDate.of(2025, 12, 31)),
                List.of("blue"), 640, 400)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void writesPngSvgOrPdfByTheFileExtension() throws IOException {
        // Issue 11: --output x.svg wrote PNG bytes.
        XYChart chart = Charts.survivalCurve(SurvivalCurve.of(new double[] {1, 2, 3}, new boolean[] {true, false, true}),
                0.95, "months", 400, 300);
        Charts.write(chart, dir.resolve("km.png"));
        Charts.write(chart, dir.resolve("deep/km.SVG"));
        Charts.write(chart, dir.resolve("km.pdf"));
        assertThat(Files.readAllBytes(dir.resolve("km.png"))).startsWith(new byte[] {(byte) 0x89, 'P', 'N', 'G'});
        assertThat(Files.readString(dir.resolve("deep/km.SVG"), StandardCharsets.UTF_8)).contains("<svg");
        assertThat(Files.readAllBytes(dir.resolve("km.pdf"))).startsWith("%PDF".getBytes(StandardCharsets.US_ASCII));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Charts.write(chart, Charts.Format.SVG, out);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("<svg");
        assertThatThrownBy(() -> Charts.write(chart, dir.resolve("km.gif"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("file must end in .png, .svg or .pdf, was 'km.gif'");
        assertThat(dir.resolve("km.gif")).doesNotExist();
    }

    @Test
    void historyMatricesHoldTheModelsPredictions() {
        // Fader, Hardie & Lee's CDNOW estimates, weeks; customers observed for 39 weeks
        BetaGeometricNbdModel model = BetaGeometricNbdModel.of(0.2426, 4.4135, 0.7929, 2.4258, ChronoUnit.WEEKS);
        HeatMapChart expected = Charts.frequencyRecencyMatrix(model, 39, 52, 10, "weeks", 800, 500);
        // recency columns at a round step of 39/12 = 3.25 -> 5: 0, 5, ..., 35 (8 columns); x = 0 only at recency 0
        HeatMapSeries series = expected.getSeriesMap().get("expected purchases");
        assertThat(series.getXData()).hasSize(8);
        assertThat(series.getHeatData()).hasSize(1 + 8 * 10);
        for (Number[] cell : series.getHeatData()) {
            int column = cell[0].intValue();
            int x = cell[1].intValue();
            double prediction = model.conditionalExpectedPurchases(52, PurchaseHistory.of(x, x == 0 ? 0 : 5.0 * column,
                    39, ChronoUnit.WEEKS));
            assertThat(cell[2].doubleValue()).isEqualTo(prediction);
        }
        HeatMapChart alive = Charts.probabilityAliveMatrix(model, 39, 10, "weeks", 800, 500);
        assertThat(alive.getStyler().getMax()).isEqualTo(1.0);
        Number[] first = alive.getSeriesMap().get("P(alive)").getHeatData().get(0);
        assertThat(first[2].doubleValue()).isEqualTo(1.0); // x = 0: alive for sure (BG/NBD)
        assertThatThrownBy(() -> Charts.probabilityAliveMatrix(model, 0, 10, "weeks", 800, 500))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void probabilityAliveHistoryStepsAtEachPurchase() {
        BetaGeometricNbdModel model = BetaGeometricNbdModel.of(0.2426, 4.4135, 0.7929, 2.4258, ChronoUnit.WEEKS);
        XYChart chart = Charts.probabilityAliveHistory(model, new double[] {10, 4}, 30, "weeks", "A", 800, 500);
        XYSeries line = chart.getSeriesMap().get("P(alive)");
        double[] t = line.getXData();
        double[] p = line.getYData();
        assertThat(t[0]).isZero();
        assertThat(p[0]).isEqualTo(1.0);
        // at t = 4 the first repeat purchase: just before it x = 0 (alive for sure), at it x = 1, tₓ = 4 = T
        int at4 = java.util.stream.IntStream.range(0, t.length).filter(i -> t[i] == 4.0).findFirst().orElseThrow();
        assertThat(p[at4]).isEqualTo(1.0);
        assertThat(p[at4 + 1]).isEqualTo(model.probabilityAlive(PurchaseHistory.of(1, 4, 4, ChronoUnit.WEEKS)));
        // at the end: two repeat purchases, the last at 10, observed for 30
        assertThat(p[p.length - 1]).isEqualTo(model.probabilityAlive(PurchaseHistory.of(2, 10, 30, ChronoUnit.WEEKS)));
        assertThat(t[t.length - 1]).isEqualTo(30.0);
        assertThat(chart.getSeriesMap().get("purchases").getXData()).containsExactly(4.0, 10.0);
        assertThatThrownBy(() -> Charts.probabilityAliveHistory(model, new double[] {31}, 30, "weeks", "A", 800, 500))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /** The CDNOW sample split at 1997-09-30 (observed to 1998-06-30) and BG/NBD fitted on its calibration part. */
    static HoldoutEvaluation cdnowEvaluation() throws IOException {
        RfmSummary.Accumulator split = RfmSummary.accumulator(CurrencyUnit.USD, LocalDate.of(1997, 9, 30),
                LocalDate.of(1998, 6, 30));
        for (String line : Files.readAllLines(Path.of("../metrics-core/src/test/resources/cdnow/CDNOW_sample.txt"))) {
            if (!line.isBlank()) {
                String[] cells = line.trim().split("\\s+"); // master id, sample id, yyyyMMdd, CDs, dollars
                split.add(Long.parseLong(cells[1]), LocalDate.parse(cells[2], DateTimeFormatter.BASIC_ISO_DATE),
                        new BigDecimal(cells[4]).movePointRight(2).longValueExact());
            }
        }
        RfmSummary summary = split.snapshot();
        return HoldoutEvaluation.of(BetaGeometricNbdModel.fit(PurchaseHistories.from(summary, ChronoUnit.WEEKS)),
                summary);
    }

    @Test
    void holdoutByFrequencyAndTrackingChartTheEvaluation() throws IOException {
        HoldoutEvaluation evaluation = cdnowEvaluation();
        CategoryChart byFrequency = Charts.holdoutByFrequency(evaluation, "BG/NBD", 800, 500);
        assertThat(byFrequency.getSeriesMap().get("actual").getXData()).hasSize(evaluation.byFrequency().size());
        List<Number> predicted = new ArrayList<>(byFrequency.getSeriesMap().get("predicted").getYData());
        assertThat(predicted).containsExactlyElementsOf(evaluation.byFrequency().stream()
                .map(c -> (Number) c.predicted()).toList());
        XYChart cumulative = Charts.tracking(evaluation, "BG/NBD", true, 800, 500);
        double[] actual = cumulative.getSeriesMap().get("actual").getYData();
        // 78 weeks from the cohort's start; the cumulative count ends at every repeat purchase of the cohort
        assertThat(actual).hasSize(evaluation.tracking().size());
        assertThat(actual[actual.length - 1]).isEqualTo(
                evaluation.tracking().get(evaluation.tracking().size() - 1).cumulativeActual());
        assertThat(evaluation.calibrationEndPeriod()).isEqualTo(39.0); // the dashed line: 39 weeks to 1997-09-30
        XYChart incremental = Charts.tracking(evaluation, "BG/NBD", false, 800, 500);
        assertThat(incremental.getSeriesMap().get("expected (BG/NBD)").getYData()[0])
                .isEqualTo(evaluation.tracking().get(0).expected());
        String dir = System.getProperty("charts.dir");
        if (dir != null) { // -Dcharts.dir=/tmp to look at them
            Charts.write(byFrequency, Path.of(dir, "holdout-by-frequency.png"));
            Charts.write(cumulative, Path.of(dir, "tracking-cumulative.png"));
            Charts.write(incremental, Path.of(dir, "tracking-incremental.png"));
        }
    }
}
