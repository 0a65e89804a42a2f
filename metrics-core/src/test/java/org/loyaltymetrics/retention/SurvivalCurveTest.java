package org.loyaltymetrics.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.loyaltymetrics.InvalidArgumentException;
import org.loyaltymetrics.UndefinedResultException;
import org.loyaltymetrics.retention.SurvivalCurve.IntervalMethod;
import org.loyaltymetrics.retention.SurvivalCurve.Point;
import org.loyaltymetrics.stats.ConfidenceInterval;

class SurvivalCurveTest {

    /**
     * Freireich et al. (1963), 6-MP arm: remission times in weeks of 21 leukaemia patients, + marks a
     * censored time: 6, 6, 6, 6+, 7, 9+, 10, 10+, 11+, 13, 16, 17+, 19+, 20+, 22, 23, 25+, 32+, 32+,
     * 34+, 35+. Gehan (1965); the textbook example of Kleinbaum &amp; Klein, Collett and R's survival.
     */
    static final double[] WEEKS = {6, 6, 6, 6, 7, 9, 10, 10, 11, 13, 16, 17, 19, 20, 22, 23, 25, 32, 32, 34, 35};
    static final boolean[] RELAPSED = {true, true, true, false, true, false, true, false, false, true, true, false,
            false, false, true, true, false, false, false, false, false};

    /** Computed in each test rather than once per class, so that every test exercises the code afresh. */
    static SurvivalCurve freireich() {
        return SurvivalCurve.of(WEEKS, RELAPSED);
    }

    @Test
    void publishedSurvivalEstimates() {
        // S(6) = 0.857, S(10) = 0.753, S(13) = 0.690, S(16) = 0.627, S(22) = 0.538, S(23) = 0.448
        assertThat(freireich().at(6).value()).isCloseTo(0.857, within(0.0005));
        assertThat(freireich().at(10).value()).isCloseTo(0.753, within(0.0005));
        assertThat(freireich().at(13).value()).isCloseTo(0.690, within(0.0005));
        assertThat(freireich().at(16).value()).isCloseTo(0.627, within(0.0005));
        assertThat(freireich().at(22).value()).isCloseTo(0.538, within(0.0005));
        assertThat(freireich().at(23).value()).isCloseTo(0.448, within(0.0005));
        // exactly: S(6) = 18/21, S(7) = 18/21 × 16/17, between steps the curve is flat
        assertThat(freireich().at(6).value()).isCloseTo(18.0 / 21, within(1e-15));
        assertThat(freireich().at(9.5).value()).isCloseTo(18.0 / 21 * 16 / 17, within(1e-15));
        assertThat(freireich().at(5.99).value()).isEqualTo(1.0);
        assertThat(freireich().observations()).isEqualTo(21);
        assertThat(freireich().events()).isEqualTo(9);
    }

    @Test
    void numbersAtRiskEventsAndGreenwoodErrors() {
        // at risk and events per event time; Greenwood standard errors as printed by R's survfit for
        // this data (0.0764, 0.0869, 0.0963, 0.1068, 0.1141, 0.1282, 0.1346)
        List<Point> points = freireich().points();
        assertThat(points).extracting(Point::time).containsExactly(6.0, 7.0, 10.0, 13.0, 16.0, 22.0, 23.0);
        assertThat(points).extracting(Point::atRisk).containsExactly(21L, 17L, 15L, 12L, 11L, 7L, 6L);
        assertThat(points).extracting(Point::events).containsExactly(3L, 1L, 1L, 1L, 1L, 1L, 1L);
        double[] errors = {0.0764, 0.0869, 0.0963, 0.1068, 0.1141, 0.1282, 0.1346};
        for (int i = 0; i < errors.length; i++) {
            assertThat(points.get(i).standardError()).isCloseTo(errors[i], within(0.00005));
        }
    }

    @Test
    void censoringTimesAndNumbersAtRiskAtAnyTime() {
        // censored (+) in the data above: 6+, 9+, 10+, 11+, 17+, 19+, 20+, 25+, 32+ twice, 34+, 35+
        assertThat(freireich().censorings()).containsExactly(new SurvivalCurve.Censoring(6, 1),
                new SurvivalCurve.Censoring(9, 1), new SurvivalCurve.Censoring(10, 1), new SurvivalCurve.Censoring(11, 1),
                new SurvivalCurve.Censoring(17, 1), new SurvivalCurve.Censoring(19, 1), new SurvivalCurve.Censoring(20, 1),
                new SurvivalCurve.Censoring(25, 1), new SurvivalCurve.Censoring(32, 2), new SurvivalCurve.Censoring(34, 1),
                new SurvivalCurve.Censoring(35, 1));
        // at risk at t = lifetimes of at least t, counted by hand from the data: all 21 at 0 and at 6 (the ties
        // at 6 are still at risk), 17 at 6.5 and at 7, 16 at 8, 12 at 12, 1 at 35, none beyond
        SurvivalCurve curve = freireich();
        assertThat(curve.atRisk(0)).isEqualTo(21);
        assertThat(curve.atRisk(6)).isEqualTo(21);
        assertThat(curve.atRisk(6.5)).isEqualTo(17);
        assertThat(curve.atRisk(7)).isEqualTo(17);
        assertThat(curve.atRisk(8)).isEqualTo(16);
        assertThat(curve.atRisk(12)).isEqualTo(12);
        assertThat(curve.atRisk(35)).isEqualTo(1);
        assertThat(curve.atRisk(35.5)).isZero();
        // at every event time it is the point's own number at risk
        curve.points().forEach(point -> assertThat(curve.atRisk(point.time())).isEqualTo(point.atRisk()));
        assertThatThrownBy(() -> curve.atRisk(-1)).isInstanceOf(InvalidArgumentException.class).hasMessageContaining("t");
        assertThat(SurvivalCurve.of(new double[] {1, 2}, new boolean[] {true, true}).censorings()).isEmpty();
    }

    @Test
    void logLogAndPlainBands() {
        // log-log at 6 weeks: S^exp(±1.96 σ/|ln S|), σ² = 3/(21 × 18): [0.6197, 0.9516] as in lifelines and Stata
        ConfidenceInterval atSix = freireich().at(6).confidenceInterval(0.95);
        assertThat(atSix.low()).isCloseTo(0.6197179552659837, within(1e-12));
        assertThat(atSix.high()).isCloseTo(0.9515517476469971, within(1e-12));
        ConfidenceInterval atTwentyThree = freireich().at(23).confidenceInterval(0.95);
        assertThat(atTwentyThree.low()).isCloseTo(0.1880520059592324, within(1e-12));
        assertThat(atTwentyThree.high()).isCloseTo(0.6801426284952415, within(1e-12));
        // plain at 6: 0.857143 ± 1.959964 × 0.0763604 = [0.707478, 1.006807] -> truncated at 1
        ConfidenceInterval plain = freireich().at(6).confidenceInterval(0.95, IntervalMethod.PLAIN);
        assertThat(plain.low()).isCloseTo(18.0 / 21 - 1.959963984540054 * 0.07636035483212125, within(1e-12));
        assertThat(plain.high()).isEqualTo(1.0);
        assertThat(freireich().at(2).confidenceInterval(0.95)).isEqualTo(new ConfidenceInterval(1, 1, 0.95));
    }

    @Test
    void medianWithItsInterval() {
        // S(22) = 0.538 > 0.5 >= S(23) = 0.448: median 23 weeks; the log-log band's lower limit first
        // reaches 0.5 at 13 (0.4316); its upper limit never does (R: median 23, 0.95LCL 13, UCL NA)
        assertThat(freireich().median().value()).isEqualTo(23.0);
        ConfidenceInterval interval = freireich().median().confidenceInterval(0.95);
        assertThat(interval.low()).isEqualTo(13.0);
        assertThat(interval.high()).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(interval.isBounded()).isFalse();
        assertThat(interval).hasToString("[13.0000, Infinity) (95%)");
        assertThat(freireich().median()).hasToString("median lifetime 23.0000").isEqualTo(freireich().median())
                .hasSameHashCodeAs(freireich().median());
        assertThat(freireich().median().isDefined()).isTrue();
    }

    @Test
    void medianAtExactlyHalfIsTheMidpoint() {
        // 1, 2, 3, 4 all ended: S(2) = 0.5 exactly until 3 -> median 2.5
        SurvivalCurve curve = SurvivalCurve.of(new double[] {1, 2, 3, 4}, new boolean[] {true, true, true, true});
        assertThat(curve.median().value()).isEqualTo(2.5);
        assertThat(curve.at(10).value()).as("the last lifetime ended: S is 0 beyond it").isZero();
    }

    @Test
    void restrictedMean() {
        // ∫₀³⁵ S: 6 × 1 + 1 × 0.857143 + 3 × 0.806723 + 3 × 0.752941 + 3 × 0.690196 + 6 × 0.627451
        //        + 1 × 0.537815 + 12 × 0.448179 = 23.2873950
        assertThat(freireich().restrictedMean()).isCloseTo(23.287394957983196, within(1e-12));
        assertThat(freireich().restrictedMean(6)).isEqualTo(6.0);
        assertThat(freireich().restrictedMean(7)).isCloseTo(6 + 18.0 / 21, within(1e-14));
    }

    @Test
    void combineEqualsOnePassAndText() {
        SurvivalCurve.Accumulator first = SurvivalCurve.accumulator();
        SurvivalCurve.Accumulator second = SurvivalCurve.accumulator();
        for (int i = 0; i < WEEKS.length; i++) {
            (i % 2 == 0 ? first : second).add(WEEKS[i], RELAPSED[i]);
        }
        assertThat(first.combine(second).snapshot()).isEqualTo(freireich()).hasSameHashCodeAs(freireich());
        assertThat(first).hasToString("SurvivalCurve.Accumulator: 21 lifetimes, 9 ended, 16 distinct durations");
        assertThat(SurvivalCurve.accumulator().add(6, true, 3).add(-0.0, false).snapshot().points().get(0).atRisk())
                .isEqualTo(3);
        assertThat(freireich()).hasToString("Kaplan-Meier curve of 21 lifetimes, 9 ended, 7 event times");
        assertThat(freireich().toTable().toText()).startsWith("Kaplan-Meier curve of 21 lifetimes, 9 ended\n")
                .contains("6.0000       21       3    0.8571     0.0764   0.6197    0.9516");
    }

    @Test
    void undefinedAndBadInput() {
        SurvivalCurve empty = SurvivalCurve.accumulator().snapshot();
        assertThatThrownBy(() -> empty.at(1).value()).isInstanceOf(UndefinedResultException.class)
                .hasMessage("the survival curve is undefined: there are no lifetimes");
        assertThatThrownBy(() -> freireich().at(36).value()).isInstanceOf(UndefinedResultException.class)
                .hasMessage("survival at 36.0 is undefined: the longest observed lifetime, 35.0, is censored");
        assertThatThrownBy(() -> SurvivalCurve.of(new double[] {3}, new boolean[] {false}).median().value())
                .isInstanceOf(UndefinedResultException.class);
        assertThatThrownBy(() -> SurvivalCurve.accumulator().add(-1, true)).isInstanceOf(InvalidArgumentException.class)
                .hasMessage("duration must be finite and >= 0, was -1.0");
        assertThatThrownBy(() -> SurvivalCurve.accumulator().add(Double.NaN, true)).isInstanceOf(InvalidArgumentException.class);
        assertThatThrownBy(() -> SurvivalCurve.accumulator().add(1, true, -2)).isInstanceOf(InvalidArgumentException.class)
                .hasMessage("count must be a count >= 0, was -2");
        assertThatThrownBy(() -> SurvivalCurve.of(new double[] {1}, new boolean[0])).isInstanceOf(InvalidArgumentException.class)
                .hasMessage("observedEnd must be as long as durations (1), was 0 flags");
        assertThatThrownBy(() -> freireich().at(6).confidenceInterval(1.0)).isInstanceOf(InvalidArgumentException.class);
    }

    @Test
    void greenwoodSumsStepByStep() {
        // Σ dᵢ/(nᵢ(nᵢ − dᵢ)): at 6, 3/(21 × 18) = 1/126; at 7, + 1/(17 × 16) = 1/272
        List<Point> points = freireich().points();
        assertThat(points.get(0).greenwoodSum()).isCloseTo(1.0 / 126, within(1e-17));
        assertThat(points.get(1).greenwoodSum()).isCloseTo(1.0 / 126 + 1.0 / 272, within(1e-17));
        assertThat(points.get(1).standardError()).isCloseTo(18.0 / 21 * 16 / 17 * Math.sqrt(1.0 / 126 + 1.0 / 272),
                within(1e-15));
        // 1, 2, 3, 4 all ended: 1/(4 × 3) = 1/12, + 1/(3 × 2) = 1/4, + 1/(2 × 1) = 3/4; the last step (1 of 1)
        // adds nothing, as nᵢ − dᵢ = 0: S is 0 there and so is its standard error
        List<Point> allEnded = SurvivalCurve.of(new double[] {4, 3, 2, 1}, new boolean[] {true, true, true, true}).points();
        assertThat(allEnded).extracting(Point::greenwoodSum).containsExactly(1.0 / 12, 0.25, 0.75, 0.75);
        assertThat(allEnded.get(3).survival()).isZero();
        assertThat(allEnded.get(3).standardError()).isZero();
    }

    @Test
    void medianBoundsWhenTheCurveReachesZero() {
        // 1, 2, 3, 4 all ended: log-log lower limit at 1 is 0.75^exp(1.959964 √(1/12)/|ln 0.75|) = 0.1279 <= 0.5;
        // the upper limits at 2 and 3 are 0.5^exp(−1.959964 √(1/4)/ln 2) = 0.8449 and
        // 0.25^exp(−1.959964 √(3/4)/ln 4) = 0.66532534 (Python, SciPy's normal quantile); at 4 the band is [0, 0]
        SurvivalCurve curve = SurvivalCurve.of(new double[] {1, 2, 3, 4}, new boolean[] {true, true, true, true});
        assertThat(curve.median().confidenceInterval(0.95)).isEqualTo(new ConfidenceInterval(1.0, 4.0, 0.95));
        assertThat(curve.at(3).confidenceInterval(0.95).high()).isCloseTo(0.6653253427888655, within(1e-12));
        // S is exactly ½ at the last event time: the median is that time, there is no next one to average with
        assertThat(SurvivalCurve.of(new double[] {1, 2}, new boolean[] {true, false}).median().value()).isEqualTo(1.0);
        assertThatThrownBy(() -> SurvivalCurve.of(new double[] {1, 2, 3}, new boolean[] {true, false, false}).median().value())
                .isInstanceOf(UndefinedResultException.class)
                .hasMessage("the median lifetime is undefined: survival never falls to 0.5 (it ends at 0.6667)");
    }

    @Test
    void zeroAndMinusZeroAreOneDurationAndEqualityIsByEveryCount() {
        SurvivalCurve zeros = SurvivalCurve.accumulator().add(0.0, true).add(-0.0, true).add(1, false).snapshot();
        assertThat(zeros.points()).hasSize(1);
        assertThat(zeros.points().get(0).events()).isEqualTo(2);
        assertThat(zeros.points().get(0).atRisk()).isEqualTo(3);
        SurvivalCurve curve = freireich();
        SurvivalCurve oneMoreEvent = SurvivalCurve.accumulator().add(6, true).add(6, true).add(6, true).add(6, true)
                .add(7, true).snapshot();
        SurvivalCurve sameTimesOneCensored = SurvivalCurve.accumulator().add(6, true).add(6, true).add(6, true)
                .add(6, false).add(7, true).snapshot();
        SurvivalCurve otherTimes = SurvivalCurve.accumulator().add(6, true).add(6, true).add(6, true).add(6, true)
                .add(8, true).snapshot();
        assertThat(oneMoreEvent).isNotEqualTo(sameTimesOneCensored).isNotEqualTo(otherTimes).isNotEqualTo(curve)
                .isNotEqualTo("6, 7");
        assertThat(oneMoreEvent.hashCode()).isNotEqualTo(sameTimesOneCensored.hashCode())
                .isNotEqualTo(otherTimes.hashCode());
        assertThat(sameTimesOneCensored.hashCode()).isNotEqualTo(otherTimes.hashCode());
    }

    @Test
    void pointsAreMeasuresOfSurvival() {
        // before the first event time the curve starts at time 0 with every lifetime at risk
        Point start = freireich().at(5);
        assertThat(start).isEqualTo(new Point(0.0, 21, 0, 1.0, 0.0));
        assertThat(start.value()).isEqualTo(1.0);
        assertThat(start.isEmpty()).isFalse();
        assertThat(start.confidenceInterval(0.95)).isEqualTo(new ConfidenceInterval(1, 1, 0.95));
        Point atTen = freireich().at(12.5);
        assertThat(atTen.time()).isEqualTo(10.0);
        assertThat(atTen).hasToString("S(10.0000) = 0.7529 (SE 0.0963), 15 at risk, 1 events");
        // S(23) − S(10) of two independent curves: 0.448179 − 0.752941, SE √(0.1346² + 0.0963²) (Greenwood)
        Point atTwentyThree = freireich().at(23);
        var test = atTwentyThree.differenceFrom(atTen);
        assertThat(test.difference()).isCloseTo(atTwentyThree.value() - atTen.value(), within(1e-15));
        assertThat(test.standardError()).isCloseTo(Math.hypot(atTwentyThree.standardError(), atTen.standardError()),
                within(1e-15));
        assertThat(test.isNormal()).isTrue();
        assertThatThrownBy(() -> start.differenceFrom(start)).isInstanceOf(UndefinedResultException.class);
        assertThat(atTen.confidenceInterval(0.95)).isEqualTo(atTen.confidenceInterval(0.95, IntervalMethod.DEFAULT));
        assertThat(IntervalMethod.DEFAULT).isEqualTo(IntervalMethod.LOG_LOG);
    }

    @Test
    void curvesMergeExactlyAndCollect() {
        record Lifetime(double weeks, boolean relapsed) {
        }
        List<Lifetime> lifetimes = new java.util.ArrayList<>();
        for (int i = 0; i < WEEKS.length; i++) {
            lifetimes.add(new Lifetime(WEEKS[i], RELAPSED[i]));
        }
        assertThat(lifetimes.stream().collect(SurvivalCurve.collector(Lifetime::weeks, Lifetime::relapsed)))
                .isEqualTo(freireich());
        assertThat(lifetimes.parallelStream().collect(SurvivalCurve.collector(Lifetime::weeks, Lifetime::relapsed)))
                .isEqualTo(freireich());
        for (int split = 0; split <= WEEKS.length; split++) {
            SurvivalCurve.Accumulator early = SurvivalCurve.accumulator();
            SurvivalCurve.Accumulator late = SurvivalCurve.accumulator();
            for (int i = 0; i < WEEKS.length; i++) {
                (i < split ? early : late).add(WEEKS[i], RELAPSED[i]);
            }
            assertThat(early.snapshot().plus(late.snapshot())).isEqualTo(freireich());
            assertThat(late.snapshot().plus(early.snapshot())).isEqualTo(freireich());
        }
        SurvivalCurve empty = SurvivalCurve.accumulator().snapshot();
        assertThat(empty.isEmpty()).isTrue();
        assertThat(empty.plus(empty)).isEqualTo(empty);
        assertThat(empty.median().isDefined()).isFalse();
        assertThat(empty.median()).hasToString("median lifetime undefined");
        assertThatThrownBy(() -> empty.median().confidenceInterval(0.95)).isInstanceOf(UndefinedResultException.class)
                .hasMessage("the interval of the median is undefined: the lower limit of S never falls to 0.5");
        assertThatThrownBy(() -> SurvivalCurve.accumulator().add(1, true, Long.MAX_VALUE).add(2, false))
                .isInstanceOf(ArithmeticException.class);
    }

    @Test
    void medianIntervalByThePlainMethodAndWithoutAMedian() {
        // plain band of Freireich: lower limit S − 1.96 SE first at or below 0.5 at 13 (0.690 − 0.209 = 0.481),
        // upper limit never (S(23) + 1.96 × 0.1346 = 0.712)
        ConfidenceInterval plain = freireich().median().confidenceInterval(0.95, IntervalMethod.PLAIN);
        assertThat(plain.low()).isEqualTo(13.0);
        assertThat(plain.high()).isEqualTo(Double.POSITIVE_INFINITY);
        // 1, 2, 3 of which 1 ended: S falls to 2/3 only, but its lower limit reaches 0.5 at time 1
        SurvivalCurve noMedian = SurvivalCurve.of(new double[] {1, 2, 3}, new boolean[] {true, false, false});
        assertThat(noMedian.median().isDefined()).isFalse();
        assertThat(noMedian.median().confidenceInterval(0.95).low()).isEqualTo(1.0);
        assertThat(noMedian.median().confidenceInterval(0.95).high()).isEqualTo(Double.POSITIVE_INFINITY);
        assertThatThrownBy(() -> freireich().median().confidenceInterval(1.5)).isInstanceOf(InvalidArgumentException.class);
    }
}
