package org.loyaltymetrics.examples.demo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * The generator of the bundled synthetic loyalty-programme data, not real data: a coffee shop's stamp card
 * ({@code demo/coffee-card.csv}, with all of the shop's purchases, members' and non-members', in
 * {@code demo/coffee-purchases.csv}) and an airline's tiered miles programme ({@code demo/airline-miles.csv},
 * {@code demo/airline-tiers.csv}).
 *
 * <p><b>Coffee shop</b>, 2024-01-01 to 2025-12-31: {@value #COFFEE_CUSTOMERS} customers, half light buyers (a
 * visit every 20 days on average) and half heavy (every 7 days); each customer buys until an exponential
 * lifetime (mean 700 days) ends. Heavy buyers join the card with chance 0.6, light ones with 0.25
 * (self-selection), at their first visit after a day uniform from 60 to 359 days after their first
 * purchase, so that members have a history before they join; from their enrolment on, a member visits 1.2 times
 * as often (the programme's true uplift, 20 %). Each member's visit earns one stamp; on the visit after
 * their balance reaches nine stamps, a member redeems nine for a free drink with their own chance (uniform
 * 0.5 to 1 per member), else keeps collecting. Stamps never expire: the stamps of members who stop coming are
 * the breakage. Purchases cost 2.50 to 6.00.
 *
 * <p><b>Airline</b>, 2023-01-01 to 2025-12-31: {@value #AIRLINE_MEMBERS} members enrolling over 2023 and
 * 2024, flying a Poisson number of times a year (member's rate: gamma, mean 6), each flight earning its
 * distance in miles (500 to 6,000); members redeem 25,000 miles for an award when their balance allows, with
 * their own propensity; the miles of a member with no flight for 18 months expire. Tiers (blue, silver, gold,
 * platinum) are set each 1 January from the miles flown the year before (25,000, 50,000, 75,000), and a
 * member who expires leaves the programme (exit).
 *
 * <p>Regenerate with {@code java ProgrammeSample.java DIR} (seed {@value #SEED}); the examples' test checks
 * that the committed files are this generator's output.
 */
public final class ProgrammeSample {

    /** The seed of the committed files. */
    public static final long SEED = 20_261_202L;

    /** The coffee shop's customers. */
    public static final int COFFEE_CUSTOMERS = 600;

    /** The airline's members. */
    public static final int AIRLINE_MEMBERS = 500;

    /** The coffee shop's first day. */
    public static final LocalDate COFFEE_START = LocalDate.of(2024, 1, 1);

    /** The last day of both programmes' data. */
    public static final LocalDate END = LocalDate.of(2025, 12, 31);

    /** The airline's first day. */
    public static final LocalDate AIRLINE_START = LocalDate.of(2023, 1, 1);

    private static final String[] TIERS = {"blue", "silver", "gold", "platinum"};

    private ProgrammeSample() {
    }

    /** The four files' contents, in the order coffee-card, coffee-purchases, airline-miles, airline-tiers. */
    public static List<String> files(long seed) {
        Random random = new Random(seed);
        StringBuilder card = new StringBuilder("member_id,date,event,points\n");
        StringBuilder purchases = new StringBuilder("customer_id,date,amount\n");
        int days = (int) (END.toEpochDay() - COFFEE_START.toEpochDay()) + 1;
        for (int c = 1; c <= COFFEE_CUSTOMERS; c++) {
            boolean heavy = random.nextBoolean();
            double gap = heavy ? 7 : 20;
            double lifetime = -700 * Math.log(1 - random.nextDouble());
            double first = random.nextInt(365);
            boolean joins = random.nextDouble() < (heavy ? 0.6 : 0.25);
            double propensity = 0.5 + 0.5 * random.nextDouble();
            double joinFrom = joins ? first + 60 + random.nextInt(300) : Double.POSITIVE_INFINITY; // the first visit after
            long balance = 0;
            boolean enrolled = false;
            for (double t = first; t < first + lifetime && t < days; ) {
                LocalDate day = COFFEE_START.plusDays((long) t);
                purchases.append(String.format(Locale.ROOT, "C%04d,%s,%.2f%n", c, day, 2.5 + 3.5 * random.nextDouble())
                        .replace(System.lineSeparator(), "\n"));
                if (!enrolled && t >= joinFrom) {
                    enrolled = true;
                    card.append(String.format(Locale.ROOT, "C%04d,%s,enrol,0%n", c, day).replace(System.lineSeparator(), "\n"));
                }
                if (enrolled) {
                    if (balance >= 9 && random.nextDouble() < propensity) {
                        card.append(String.format(Locale.ROOT, "C%04d,%s,burn,9%n", c, day)
                                .replace(System.lineSeparator(), "\n"));
                        balance -= 9;
                    }
                    card.append(String.format(Locale.ROOT, "C%04d,%s,earn,1%n", c, day).replace(System.lineSeparator(), "\n"));
                    balance++;
                }
                t += -(enrolled ? gap / 1.2 : gap) * Math.log(1 - random.nextDouble());
            }
        }
        StringBuilder miles = new StringBuilder("member_id,date,event,points\n");
        StringBuilder tiers = new StringBuilder("member_id,date,tier\n");
        int airlineDays = (int) (END.toEpochDay() - AIRLINE_START.toEpochDay()) + 1;
        for (int m = 1; m <= AIRLINE_MEMBERS; m++) {
            int enrol = random.nextInt(730);
            double rate = gamma(random, 2.0) * 3.0 / 365.0; // flights a day, mean 6 a year
            double propensity = random.nextDouble();
            double lifetime = -900 * Math.log(1 - random.nextDouble());
            String id = String.format(Locale.ROOT, "A%04d", m);
            line(miles, id, AIRLINE_START.plusDays(enrol), "enrol", 0);
            line(tiers, id, AIRLINE_START.plusDays(enrol), TIERS[0]);
            long balance = 0;
            int lastFlight = enrol;
            int tier = 0;
            long[] flownInYear = new long[4];
            double t = enrol - Math.log(1 - random.nextDouble()) / rate;
            boolean expired = false;
            for (int day = enrol + 1; day < airlineDays && !expired; day++) {
                LocalDate date = AIRLINE_START.plusDays(day);
                if (date.getDayOfYear() == 1) {
                    long flown = flownInYear[date.getYear() - 1 - 2022];
                    int next = flown >= 75_000 ? 3 : flown >= 50_000 ? 2 : flown >= 25_000 ? 1 : 0;
                    if (next != tier) {
                        tier = next;
                        line(tiers, id, date, TIERS[tier]);
                    }
                }
                while (t < day + 1 && day < enrol + lifetime) {
                    long distance = 500 + random.nextInt(5501);
                    long earned = distance * (tier + 2) / 2; // tier bonus: 0 %, 50 %, 100 %, 150 %
                    line(miles, id, date, "earn", earned);
                    balance += earned;
                    flownInYear[date.getYear() - 2022] += distance;
                    lastFlight = day;
                    if (balance >= 25_000 && random.nextDouble() < propensity) {
                        line(miles, id, date, "burn", 25_000);
                        balance -= 25_000;
                    }
                    t -= Math.log(1 - random.nextDouble()) / rate;
                }
                if (day - lastFlight == 548 && balance > 0) {
                    line(miles, id, date, "expire", balance);
                    line(tiers, id, date, "exit");
                    balance = 0;
                    expired = true;
                }
            }
        }
        return List.of(card.toString(), purchases.toString(), miles.toString(), tiers.toString());
    }

    private static void line(StringBuilder out, String id, LocalDate date, String event, long points) {
        out.append(id).append(',').append(date).append(',').append(event).append(',').append(points).append('\n');
    }

    private static void line(StringBuilder out, String id, LocalDate date, String tier) {
        out.append(id).append(',').append(date).append(',').append(tier).append('\n');
    }

    /** A gamma variate of {@code shape} (an integer) and rate 1: a sum of exponentials. */
    private static double gamma(Random random, double shape) {
        double sum = 0;
        for (int i = 0; i < (int) shape; i++) {
            sum -= Math.log(1 - random.nextDouble());
        }
        return sum;
    }

    /** The names of the files, in the order of {@link #files(long)}. */
    public static final List<String> NAMES = List.of("coffee-card.csv", "coffee-purchases.csv", "airline-miles.csv",
            "airline-tiers.csv");

    /** Writes the committed files into the directory given. */
    public static void main(String[] args) throws IOException {
        List<String> contents = files(SEED);
        List<Path> written = new ArrayList<>();
        for (int i = 0; i < NAMES.size(); i++) {
            Path path = Path.of(args[0]).resolve(NAMES.get(i));
            Files.writeString(path, contents.get(i), StandardCharsets.UTF_8);
            written.add(path);
        }
        System.out.println("wrote " + written);
    }
}
