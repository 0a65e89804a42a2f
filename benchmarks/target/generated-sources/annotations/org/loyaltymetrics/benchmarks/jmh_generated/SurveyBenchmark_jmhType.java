package org.loyaltymetrics.benchmarks.jmh_generated;
public class SurveyBenchmark_jmhType extends SurveyBenchmark_jmhType_B3 {
}

