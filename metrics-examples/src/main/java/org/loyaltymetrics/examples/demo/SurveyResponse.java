package org.loyaltymetrics.examples.demo;

import java.io.IOException;
import java.io.Reader;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * One response of the bundled sample survey ({@code /demo/survey-responses.csv}).
 *
 * @param date the day of the response
 * @param segment the customer segment
 * @param channel the channel the survey was answered on
 * @param score likelihood to recommend, 0..10
 * @param csat satisfaction on 1..5, empty when not answered
 * @param ces CES 2.0 answer on 1..7
 * @param repurchase likelihood to buy again, 0..10
 * @param tryOther likelihood to try other products, 0..10
 */
public record SurveyResponse(LocalDate date, String segment, String channel, int score, OptionalInt csat, int ces,
        int repurchase, int tryOther) {

    /** The bundled sample responses, in date order. */
    public static List<SurveyResponse> sample() {
        return DemoData.load("/demo/survey-responses.csv", SurveyResponse::read);
    }

    /** Reads responses from CSV with the sample's header. */
    public static List<SurveyResponse> read(Reader reader) throws IOException {
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get();
        List<SurveyResponse> responses = new ArrayList<>();
        try (CSVParser parser = CSVParser.builder().setReader(reader).setFormat(format).get()) {
            for (CSVRecord r : parser) {
                String csat = r.get("csat");
                responses.add(new SurveyResponse(LocalDate.parse(r.get("date")), r.get("segment"), r.get("channel"),
                        Integer.parseInt(r.get("score")),
                        csat.isEmpty() ? OptionalInt.empty() : OptionalInt.of(Integer.parseInt(csat)),
                        Integer.parseInt(r.get("ces")), Integer.parseInt(r.get("repurchase")),
                        Integer.parseInt(r.get("try_other"))));
            }
        }
        return responses;
    }
}
