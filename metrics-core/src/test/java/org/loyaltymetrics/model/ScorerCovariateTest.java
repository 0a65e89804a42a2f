package org.loyaltymetrics.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.loyaltymetrics.InvalidArgumentException;
import org.loyaltymetrics.data.CovariateRows;
import org.loyaltymetrics.data.CustomerCovariates;
import org.loyaltymetrics.data.CustomerCovariates.MissingCovariates;
import org.loyaltymetrics.data.PurchaseHistory;
import org.loyaltymetrics.data.SpendHistory;
import org.loyaltymetrics.model.Scorer.Customer;
import org.loyaltymetrics.model.Scorer.Figure;
import org.loyaltymetrics.model.Scorer.Score;
import org.loyaltymetrics.stats.Estimate;

/**
 * The bulk scorer of a model with covariates gives every customer exactly what the plain scorer gives with
 * the model of that customer's covariates ({@code forCustomer(z)}) and their own uncertainty
 * ({@code uncertainty(z)}), so its correctness rests on theirs (tested against CLVTools in
 * {@link ParetoNbdCovariateModelTest}); here, besides, CLVTools' sum of CET over the shared data set
 * (src/test/resources/covariates, reference_results.json, fits.pnbd_static) through the bulk path, and the
 * spend interval of a customer against the delta method written out by hand.
 */
class ScorerCovariateTest {

    private static final List<String> COVARIATES = List.of("gender", "channel", "age_std");
    private static final long[] REFERENCE_IDS = {2, 508, 3, 1914, 8};

    private static CustomerCovariates.Joined joined;
    private static ParetoNbdCovariateModel model;
    private static GammaGammaCovariateModel spendModel;
    private static Map<Long, SpendHistory> spend;

    @BeforeAll
    static void fit() throws java.io.IOException {
        CustomerCovariates covariates = ParetoNbdCovariateModelTest.covariates();
        joined = covariates.join(CovariateReferenceData.histories(), MissingCovariates.REFUSE);
        model = ParetoNbdCovariateModel.fit(joined);
        spend = GammaGammaCovariateModelTest.sharedSpend();
        spendModel = GammaGammaCovariateModel.fit(CovariateRows.join(covariates, spend, MissingCovariates.REFUSE));
    }

    private static int row(long id) {
        for (int i = 0; i < joined.size(); i++) {
            if (joined.customerId(i) == id) {
                return i;
            }
        }
        throw new AssertionError("no customer " + id);
    }

    @Test
    void aScorerWithCovariatesSurvivesJavaSerializationAndScoresAsBefore() throws Exception {
        // as the Spark module ships a scorer to its executors: the copy's models are equal, so its scores are
        // those of the original to the last bit
        Scorer scorer = Scorer.of(model, 52).withSpend(spendModel)
                .withLifetimeValue(ValuationHorizon.of(12, java.time.temporal.ChronoUnit.MONTHS, 0.01))
                .withIntervals(0.9);
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (java.io.ObjectOutputStream out = new java.io.ObjectOutputStream(bytes)) {
            out.writeObject(scorer);
        }
        Scorer copy;
        try (java.io.ObjectInputStream in = new java.io.ObjectInputStream(
                new java.io.ByteArrayInputStream(bytes.toByteArray()))) {
            copy = (Scorer) in.readObject();
        }
        assertThat(copy.hasCovariates()).isTrue();
        assertThat(copy.figures()).isEqualTo(scorer.figures());
        List<Customer> some = new java.util.ArrayList<>();
        for (long id : REFERENCE_IDS) {
            int i = row(id);
            some.add(new Customer(id, joined.history(i), spend.get(id), joined.covariates(i)));
        }
        assertThat(copy.scoreAll(some)).isEqualTo(scorer.scoreAll(some)).hasSize(REFERENCE_IDS.length);
    }

    @Test
    void eachCustomerIsScoredWithTheModelAndUncertaintyOfTheirOwnCovariates() {
        Scorer scorer = Scorer.of(model, 52).withIntervals(0.9).withPurchaseRanges();
        assertThat(scorer.hasCovariates()).isTrue();
        assertThat(scorer.hasIntervals()).isTrue();
        assertThat(scorer.figures()).containsExactly(Figure.EXPECTED_PURCHASES, Figure.PROBABILITY_ALIVE);
        List<Score> scores = scorer.scoreAll(joined);
        assertThat(scores).hasSize(3000);
        for (long id : REFERENCE_IDS) {
            int i = row(id);
            double[] z = joined.covariates(i);
            PurchaseHistory history = joined.history(i);
            Score alone = Scorer.of(model.forCustomer(z), 52).withIntervals(0.9, model.uncertainty(z))
                    .withPurchaseRanges().score(Customer.of(id, history));
            assertThat(scores.get(i)).as("customer %d", id).isEqualTo(alone);
            Estimate expected = model.uncertainty(z).conditionalExpectedPurchases(52, history);
            assertThat(scores.get(i).estimate(Figure.EXPECTED_PURCHASES)).isEqualTo(expected);
            assertThat(scores.get(i).estimate(Figure.PROBABILITY_ALIVE))
                    .isEqualTo(model.uncertainty(z).probabilityAlive(history));
            assertThat(scores.get(i).purchaseRange())
                    .isEqualTo(model.forCustomer(z).predictionInterval(52, history, 0.9));
            assertThat(expected.standardError()).isPositive();
        }
    }

    /**
     * At CLVTools' estimates (pnbd(clvs), given parameters, so no intervals) the bulk scores summed over the
     * 3,000 customers are CLVTools' predictions summed: CET 8455.73720415685, P(alive) 1105.67830984209
     * (to 1e-7 relative, as ParetoNbdCovariateModelTest compares the sums).
     */
    @Test
    void atClvToolsEstimatesTheSumsOverAllCustomersAreClvTools() {
        ParetoNbdCovariateModel clvTools = ParetoNbdCovariateModel.of(0.935333768906303, 6.62614189480272,
                0.729488827907879, 15.5343295218396, COVARIATES,
                new double[] {-0.236981129891219, 0.329493527640475, 0.26966457822691},
                new double[] {0.179331463426066, 0.383671505863795, -0.108079632555715}, ChronoUnit.WEEKS);
        List<Score> scores = Scorer.of(clvTools, 52).scoreAll(joined);
        double cet = scores.stream().mapToDouble(Score::expectedPurchases).sum();
        double alive = scores.stream().mapToDouble(Score::probabilityAlive).sum();
        assertThat(cet).isCloseTo(8455.73720415685, within(8455.7 * 1e-7));
        assertThat(alive).isCloseTo(1105.67830984209, within(1105.7 * 1e-7));
    }

    @Test
    void withAllCoefficientsZeroTheScoresAreThoseOfThePlainModel() {
        double[] zero = new double[3];
        ParetoNbdCovariateModel none = ParetoNbdCovariateModel.of(0.9, 5.0, 0.7, 14.0, COVARIATES, zero, zero,
                ChronoUnit.WEEKS);
        ParetoNbdModel plain = ParetoNbdModel.of(0.9, 5.0, 0.7, 14.0, ChronoUnit.WEEKS);
        GammaGammaCovariateModel noSpendEffect = GammaGammaCovariateModel.of(5.4, 3.9, 22.2, COVARIATES, zero);
        ValuationHorizon year = ValuationHorizon.of(12, ChronoUnit.MONTHS, 0.01);
        List<Customer> withCovariates = new ArrayList<>();
        List<Customer> without = new ArrayList<>();
        for (int i = 0; i < joined.size(); i++) {
            long id = joined.customerId(i);
            withCovariates.add(new Customer(id, joined.history(i), spend.get(id), joined.covariates(i)));
            without.add(new Customer(id, joined.history(i), spend.get(id)));
        }
        List<Score> scores = Scorer.of(none, 52).withSpend(noSpendEffect).withLifetimeValue(year)
                .scoreAll(withCovariates);
        List<Score> plainScores = Scorer.of(plain, 52).withSpend(GammaGammaModel.of(5.4, 3.9, 22.2))
                .withLifetimeValue(year).scoreAll(without);
        assertThat(scores).isEqualTo(plainScores);
        assertThat(scores.get(0).value(Figure.LIFETIME_VALUE)).isPositive();
    }

    /**
     * Spend and lifetime value: each customer's with their own Gamma-Gamma model and the delta method of both
     * fits, coefficients included. For a customer without spend data the expected spend is the population
     * mean m = p v_i/(q − 1), v_i = v₀ exp(γᵀz), whose delta-method variance is gᵀΣg with Σ the spend fit's
     * covariance in (p, q, v₀, γ) and g = (v_i/(q − 1), −p v_i/(q − 1)², m/v₀, m z): the scorer's standard
     * error (the delta method by central differences along the Cholesky columns) agrees to 1e-6 relative.
     */
    @Test
    void spendAndLifetimeValueUseEachCustomersOwnSpendModelAndItsUncertainty() {
        ValuationHorizon year = ValuationHorizon.of(12, ChronoUnit.MONTHS, 0.01);
        Scorer scorer = Scorer.of(model, 52).withSpend(spendModel).withLifetimeValue(year).withIntervals(0.9);
        assertThat(scorer.figures()).containsExactly(Figure.values());
        for (long id : REFERENCE_IDS) { // customer 2 has no spend data
            int i = row(id);
            double[] z = joined.covariates(i);
            Customer customer = new Customer(id, joined.history(i), spend.get(id), z);
            TransactionModel own = model.forCustomer(z);
            GammaGammaModel ownSpend = spendModel.forCustomer(z);
            Score alone = Scorer.of(own, 52).withSpend(ownSpend).withLifetimeValue(year)
                    .withIntervals(0.9, PredictionUncertainty.delta(own, model.customerFit(z), ownSpend,
                            spendModel.customerFit(z)))
                    .score(new Customer(id, joined.history(i), spend.get(id)));
            assertThat(scorer.score(customer)).as("customer %d", id).isEqualTo(alone);
        }
        assertThat(spend).doesNotContainKey(2L);
        double[] z = joined.covariates(row(2));
        Estimate mean = scorer.score(new Customer(2, joined.history(row(2)), null, z))
                .estimate(Figure.EXPECTED_AVERAGE_SPEND);
        double p = spendModel.p();
        double q = spendModel.q();
        double v0 = spendModel.v();
        double vi = spendModel.forCustomer(z).v();
        double m = p * vi / (q - 1);
        double[] g = {vi / (q - 1), -p * vi / ((q - 1) * (q - 1)), m / v0, m * z[0], m * z[1], m * z[2]};
        double[][] sigma = spendModel.fitResult().covariance();
        double variance = 0;
        for (int a = 0; a < g.length; a++) {
            for (int b = 0; b < g.length; b++) {
                variance += g[a] * sigma[a][b] * g[b];
            }
        }
        assertThat(mean.value()).isEqualTo(spendModel.forCustomer(z).populationMeanSpend());
        assertThat(mean.standardError()).isCloseTo(Math.sqrt(variance), within(Math.sqrt(variance) * 1e-6));
    }

    @Test
    void theSpendFitOfACustomerWithCovariatesZeroIsTheBaseBlockOfTheFit() {
        ModelFit atZero = spendModel.customerFit(new double[3]);
        double[][] sigma = spendModel.fitResult().covariance();
        assertThat(atZero.parameterNames()).containsExactly("p", "q", "v");
        assertThat(atZero.estimates()).containsExactly(spendModel.p(), spendModel.q(), spendModel.v());
        for (int a = 0; a < 3; a++) {
            for (int b = 0; b < 3; b++) {
                assertThat(atZero.covariance()[a][b]).isCloseTo(sigma[a][b], within(Math.abs(sigma[a][b]) * 1e-14));
            }
        }
    }

    @Test
    void customersSharingHistoryAndCovariatesAreComputedOnce() {
        int i = row(508);
        int j = row(3);
        List<Customer> customers = List.of(
                new Customer(10, joined.history(i), null, joined.covariates(i)),
                new Customer(11, joined.history(i), null, joined.covariates(i)), // a repeat
                new Customer(12, joined.history(i), null, joined.covariates(j)), // other covariates
                new Customer(13, joined.history(j), null, joined.covariates(i)), // other history
                new Customer(14, joined.history(j), null, joined.covariates(i))); // a repeat
        List<Score> scores = new ArrayList<>();
        Scorer scorer = Scorer.of(model, 52).withIntervals(0.95);
        Scorer.Scored scored = scorer.scoreAll(customers.iterator(), scores::add);
        assertThat(scored).isEqualTo(new Scorer.Scored(5, 3));
        assertThat(scores).extracting(Score::customerId).containsExactly(10L, 11L, 12L, 13L, 14L);
        for (int k = 0; k < customers.size(); k++) {
            assertThat(scores.get(k)).isEqualTo(scorer.score(customers.get(k)));
        }
        assertThat(scores.get(2).expectedPurchases()).isNotEqualTo(scores.get(0).expectedPurchases());
    }

    @Test
    void badInputIsRefusedNamingTheCustomerAndTheCovariate() {
        Scorer scorer = Scorer.of(model, 52);
        PurchaseHistory history = PurchaseHistory.of(2, 10, 30, ChronoUnit.WEEKS);
        assertThatThrownBy(() -> scorer.score(new Customer(7, history, null, new double[] {1, 0})))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("customer 7")
                .hasMessageContaining("[gender, channel, age_std]").hasMessageContaining("[1.0, 0.0]")
                .extracting(e -> ((InvalidArgumentException) e).argument()).isEqualTo("covariates");
        assertThatThrownBy(() -> scorer.feed(score -> { }).add(new Customer(8, history, null,
                new double[] {1, 0, Double.NaN}))).isInstanceOf(InvalidArgumentException.class)
                .hasMessage("covariate age_std of customer 8 must be finite, was NaN");
        assertThatThrownBy(() -> scorer.score(Customer.of(9, history))).isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("customer 9").hasMessageContaining("were none");
        assertThatThrownBy(() -> Scorer.of(ParetoNbdModel.of(1, 1, 1, 1, ChronoUnit.WEEKS), 52)
                .score(new Customer(5, history, null, new double[] {1, 0, 0})))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("customer 5 has covariates");
        CustomerCovariates two = CustomerCovariates.builder(List.of("gender", "channel")).add(1, 0, 1).add(2, 1, 0)
                .build();
        CustomerCovariates.Joined other = two.join(Map.of(1L, history, 2L, history), MissingCovariates.REFUSE);
        assertThatThrownBy(() -> scorer.scoreAll(other)).isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("[gender, channel, age_std]").hasMessageContaining("[gender, channel]");
        assertThatThrownBy(() -> scorer.withIntervals(0.9, model.uncertainty(new double[3])))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("each customer's own");
        assertThatThrownBy(() -> Scorer.of(ParetoNbdModel.of(1, 1, 1, 1, ChronoUnit.WEEKS), 52).withSpend(spendModel))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("spend");
        assertThatThrownBy(() -> scorer.withSpend(GammaGammaCovariateModel.of(5, 4, 20, List.of("gender"),
                new double[1]))).isInstanceOf(InvalidArgumentException.class).hasMessageContaining("covariates [gender]");
        assertThatThrownBy(() -> scorer.withIntervals(0.9).withSpend(GammaGammaCovariateModel.of(5, 4, 20, COVARIATES,
                new double[3]))).isInstanceOf(org.loyaltymetrics.UndefinedResultException.class);
        assertThatThrownBy(() -> scorer.scoreColumns(ChronoUnit.WEEKS, new long[] {1}, new double[] {1},
                new double[] {2})).isInstanceOf(InvalidArgumentException.class).hasMessageContaining("covariates");
        assertThatThrownBy(() -> Scorer.of(model, -1)).isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("horizon");
    }

    @Test
    void aCustomerWithCovariatesIsAValueWithACopyOfThem() {
        PurchaseHistory history = PurchaseHistory.of(2, 10, 30, ChronoUnit.WEEKS);
        double[] z = {1, 0, 0.5};
        Customer customer = new Customer(3, history, null, z);
        z[0] = 9;
        assertThat(customer.covariates()).containsExactly(1, 0, 0.5);
        customer.covariates()[1] = 9;
        assertThat(customer.covariates()).containsExactly(1, 0, 0.5);
        assertThat(customer).isEqualTo(new Customer(3, history, null, new double[] {1, 0, 0.5}))
                .hasSameHashCodeAs(new Customer(3, history, null, new double[] {1, 0, 0.5}))
                .isNotEqualTo(new Customer(3, history, null, new double[] {1, 0, 0.25}))
                .isNotEqualTo(new Customer(3, history, null));
        assertThat(customer.hasCovariates()).isTrue();
        assertThat(Customer.of(3, history).hasCovariates()).isFalse();
        assertThat(customer.toString()).contains("covariates=[1.0, 0.0, 0.5]").doesNotContain("\n");
        assertThat(Scorer.of(model, 52).withSpend(spendModel).withIntervals(0.9).toString())
                .isEqualTo("Scorer: Pareto/NBD with covariates [gender, channel, age_std] and Gamma-Gamma with "
                        + "covariates, horizon 52.0 weeks, expected_purchases, probability_alive, "
                        + "expected_average_spend, 90.0% intervals (delta, each customer's own)");
    }
}
