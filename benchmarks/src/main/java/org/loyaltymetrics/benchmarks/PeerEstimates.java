package org.loyaltymetrics.benchmarks;

import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import org.loyaltymetrics.data.PurchaseHistory;
import org.loyaltymetrics.model.ModelFit;
import org.loyaltymetrics.model.Scorer;

/**
 * The answers of {@link ModelBenchmark}'s works on the inputs of {@code benchmarks/peers/generate_fit_inputs.py},
 * as JSON on standard output: each fit's estimates, and for the predictions of 10⁶ customers the sums of
 * E[Y(39)] and P(alive), so that {@code benchmarks/peers/fits_side_by_side.py} can check that the library
 * and its peer found the same answers. Not a benchmark:
 * {@code java -cp benchmarks/target/benchmarks.jar org.loyaltymetrics.benchmarks.PeerEstimates DIR}.
 */
public final class PeerEstimates {

    private PeerEstimates() {
    }

    /**
     * Prints the answers.
     *
     * @param args the directory of generate_fit_inputs.py's files
     * @throws Exception if the inputs cannot be read
     */
    public static void main(String[] args) throws Exception {
        ModelBenchmark benchmark = new ModelBenchmark();
        benchmark.inputs = args[0];
        benchmark.setUp();
        StringBuilder json = new StringBuilder("{\n");
        fit(json, "bgnbd_cdnow", benchmark.bgNbdFitCdnow().fitResult());
        fit(json, "mbgnbd_cdnow", benchmark.mbgNbdFitCdnow().fitResult());
        fit(json, "pareto_cdnow", benchmark.paretoNbdFitCdnow().fitResult());
        fit(json, "gg_cdnow", benchmark.gammaGammaFitCdnow().fitResult());
        fit(json, "bgbb_donations", benchmark.bgbbFitDonations().fitResult());
        fit(json, "bgnbd_1e6", benchmark.bgNbdFitMillionFromArrays().fitResult());
        fit(json, "pareto_1e5", benchmark.paretoNbdFitHundredThousandFromArrays().fitResult());
        double expected = 0.0;
        double alive = 0.0;
        for (PurchaseHistory history : benchmark.histories) {
            expected += benchmark.model.conditionalExpectedPurchases(39, history);
            alive += benchmark.model.probabilityAlive(history);
        }
        json.append(String.format(Locale.ROOT, " \"predict_1e6\": {\"sum_expected_39\": %.17g, \"sum_alive\": %.17g},%n",
                expected, alive));
        Scorer.ScoredColumns columns = Scorer.of(benchmark.model, 39).scoreColumns(ChronoUnit.WEEKS, benchmark.frequency,
                benchmark.recency, benchmark.age);
        double columnsExpected = 0.0;
        double columnsAlive = 0.0;
        for (int i = 0; i < columns.rows(); i++) {
            columnsExpected += columns.value(Scorer.Figure.EXPECTED_PURCHASES, i);
            columnsAlive += columns.value(Scorer.Figure.PROBABILITY_ALIVE, i);
        }
        json.append(String.format(Locale.ROOT,
                " \"predict_1e6_columns\": {\"sum_expected_39\": %.17g, \"sum_alive\": %.17g}%n}", columnsExpected,
                columnsAlive));
        System.out.println(json);
    }

    private static void fit(StringBuilder json, String work, ModelFit fit) {
        List<String> names = fit.parameterNames();
        double[] estimates = fit.estimates();
        json.append(" \"").append(work).append("\": {");
        for (int k = 0; k < names.size(); k++) {
            json.append(k == 0 ? "" : ", ").append('"').append(names.get(k)).append("\": ")
                    .append(String.format(Locale.ROOT, "%.17g", estimates[k]));
        }
        json.append("},\n");
    }
}
