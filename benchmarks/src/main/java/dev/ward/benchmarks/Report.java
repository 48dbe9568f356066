package dev.ward.benchmarks;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.util.Statistics;

/**
 * Turns JMH results into the Markdown tables of {@link RunAll}: one row per benchmark with
 * its median score and error, and one column per reference (the floor, each peer) with the
 * ratio of the row's median to the reference's.
 */
final class Report {

    private Report() {
    }

    /**
     * One benchmark's result.
     *
     * @param benchmark the class's simple name, for example {@code VerifyBenchmark}
     * @param method the benchmark method, for example {@code wardCold}
     * @param params the JMH parameters, for example {@code alg=HS256}
     * @param median the median of the measurement iterations, in ops/s
     * @param error the half-width of JMH's 99.9% confidence interval (NaN with too few iterations)
     */
    record Score(String benchmark, String method, Map<String, String> params, double median, double error) {

        static Score of(RunResult result) {
            String name = result.getParams().getBenchmark();
            int dot = name.lastIndexOf('.');
            String className = name.substring(0, dot);
            Map<String, String> params = new LinkedHashMap<>();
            for (String key : result.getParams().getParamsKeys()) {
                params.put(key, result.getParams().getParam(key));
            }
            Statistics statistics = result.getPrimaryResult().getStatistics();
            return new Score(className.substring(className.lastIndexOf('.') + 1), name.substring(dot + 1), params,
                    statistics.getPercentile(50), result.getPrimaryResult().getScoreError());
        }

        /** Tells whether this is the given method with the given parameter values (name, value, ...). */
        boolean is(String benchmarkClass, String benchmarkMethod, String... keyValues) {
            if (!benchmark.equals(benchmarkClass) || !method.equals(benchmarkMethod)) {
                return false;
            }
            for (int i = 0; i < keyValues.length; i += 2) {
                if (!keyValues[i + 1].equals(params.get(keyValues[i]))) {
                    return false;
                }
            }
            return true;
        }
    }

    /** All scores of a run, to look up by class, method and parameters. */
    static final class Scores {
        private final List<Score> all = new ArrayList<>();

        void add(Score score) {
            all.add(score);
        }

        Optional<Score> find(String benchmarkClass, String method, String... keyValues) {
            return all.stream().filter(s -> s.is(benchmarkClass, method, keyValues)).findFirst();
        }

        List<Score> matching(Predicate<Score> predicate) {
            return all.stream().filter(predicate).toList();
        }

        boolean isEmpty() {
            return all.isEmpty();
        }
    }

    /** A Markdown table of scores with ratio columns. */
    static final class Table {
        private final String title;
        private final List<String> references;
        private final List<Row> rows = new ArrayList<>();

        /** One row: a label, its score (absent when it did not run) and the score of each reference. */
        private record Row(String label, Score score, Map<String, Score> references) {
        }

        /**
         * Starts a table.
         *
         * @param title the heading
         * @param references the names of the ratio columns, in order
         */
        Table(String title, String... references) {
            this.title = title;
            this.references = List.of(references);
        }

        /**
         * Adds a row.
         *
         * @param label the row's name
         * @param score its score, or empty when it did not run
         * @param referenceScores pairs of reference name and its score (or empty), in any order
         * @return this table
         */
        Table row(String label, Optional<Score> score, Object... referenceScores) {
            Map<String, Score> refs = new LinkedHashMap<>();
            for (int i = 0; i < referenceScores.length; i += 2) {
                String name = (String) referenceScores[i];
                if (!references.contains(name)) {
                    throw new IllegalArgumentException("no column " + name);
                }
                ((Optional<?>) referenceScores[i + 1]).ifPresent(s -> refs.put(name, (Score) s));
            }
            rows.add(new Row(label, score.orElse(null), refs));
            return this;
        }

        String title() {
            return title;
        }

        /** Renders the table as Markdown, with a heading. */
        String markdown() {
            StringBuilder out = new StringBuilder("### ").append(title).append("\n\n");
            out.append("| benchmark | ops/s (median) | error (99.9%) |");
            for (String reference : references) {
                out.append(" vs ").append(reference).append(" |");
            }
            out.append("\n|---|---:|---:|");
            out.append("---:|".repeat(references.size()));
            out.append('\n');
            for (Row row : rows) {
                out.append("| ").append(row.label()).append(" | ");
                if (row.score() == null) {
                    out.append("not run | |");
                    out.append(" |".repeat(references.size()));
                    out.append('\n');
                    continue;
                }
                out.append(number(row.score().median())).append(" | ")
                        .append(Double.isNaN(row.score().error()) ? "n/a" : "± " + number(row.score().error()))
                        .append(" |");
                for (String reference : references) {
                    Score ref = row.references().get(reference);
                    out.append(' ').append(ref == null ? "" : ratio(row.score().median() / ref.median())).append(" |");
                }
                out.append('\n');
            }
            return out.toString();
        }
    }

    /** A score: thousands grouped, no decimals from 100 up, one below. */
    static String number(double value) {
        if (Double.isNaN(value)) {
            return "n/a";
        }
        return String.format(Locale.ROOT, Math.abs(value) >= 100 ? "%,.0f" : "%,.1f", value);
    }

    /** A ratio such as {@code 0.62x}; four decimals below 0.01, so that a small ratio is not 0.00x. */
    static String ratio(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return "n/a";
        }
        return String.format(Locale.ROOT, Math.abs(value) < 0.01 ? "%.4fx" : "%.2fx", value);
    }

    /** One target of the issue, measured. */
    record Target(String target, String measured, Boolean met) {

        Target {
            Objects.requireNonNull(target, "target");
            Objects.requireNonNull(measured, "measured");
        }

        String verdict() {
            return met == null ? "not run" : met ? "met" : "NOT met";
        }
    }

    /** Renders the targets as a Markdown table. */
    static String targets(List<Target> targets) {
        StringBuilder out = new StringBuilder("### Targets\n\n| target | measured | verdict |\n|---|---|---|\n");
        for (Target t : targets) {
            out.append("| ").append(t.target()).append(" | ").append(t.measured()).append(" | ").append(t.verdict())
                    .append(" |\n");
        }
        return out.toString();
    }
}
