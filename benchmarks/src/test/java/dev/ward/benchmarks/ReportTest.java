package dev.ward.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ward.benchmarks.Report.Score;
import dev.ward.benchmarks.Report.Scores;
import dev.ward.benchmarks.Report.Table;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The tables the lead reads the targets from: ratios must be row over reference, never the other way. */
class ReportTest {

    private static Score score(String method, String alg, double median, double error) {
        return new Score("VerifyBenchmark", method, Map.of("alg", alg), median, error);
    }

    @Test
    @DisplayName("a ratio column divides the row's median by the reference's median")
    void ratioIsRowOverReference() {
        Optional<Score> floor = Optional.of(score("floor", "HS256", 600_000, 12_000));
        Optional<Score> ward = Optional.of(score("wardCold", "HS256", 150_000, Double.NaN));
        String markdown = new Table("Verify", "floor")
                .row("floor", floor, "floor", floor)
                .row("Ward", ward, "floor", floor)
                .markdown();

        assertThat(markdown).contains("| floor | 600,000 | ± 12,000 | 1.00x |")
                .contains("| Ward | 150,000 | n/a | 0.25x |")
                .contains("| benchmark | ops/s (median) | error (99.9%) | vs floor |");
    }

    @Test
    @DisplayName("a benchmark that did not run shows as not run, and so do ratios against it")
    void missingScoresShowAsNotRun() {
        Optional<Score> ward = Optional.of(score("wardCold", "EdDSA", 900, 10));
        String markdown = new Table("Verify", "java-jwt")
                .row("java-jwt", Optional.empty(), "java-jwt", Optional.empty())
                .row("Ward", ward, "java-jwt", Optional.empty())
                .markdown();

        assertThat(markdown).contains("| java-jwt | not run | | |").contains("| Ward | 900 | ± 10.0 |  |");
    }

    @Test
    @DisplayName("a ratio below 0.01 keeps four decimals, so that it does not read as zero")
    void smallRatiosKeepTheirDigits() {
        assertThat(Report.ratio(1_232 / 1_177_421.0)).isEqualTo("0.0010x");
        assertThat(Report.ratio(0.8)).isEqualTo("0.80x");
        assertThat(Report.ratio(Double.NaN)).isEqualTo("n/a");
    }

    @Test
    @DisplayName("scores are found by class, method and parameter values")
    void scoresAreFoundByParameters() {
        Scores scores = new Scores();
        scores.add(score("floor", "HS256", 1, 0));
        scores.add(score("floor", "ES256", 2, 0));

        assertThat(scores.find("VerifyBenchmark", "floor", "alg", "ES256")).map(Score::median).contains(2.0);
        assertThat(scores.find("VerifyBenchmark", "floor", "alg", "EdDSA")).isEmpty();
        assertThat(scores.find("RefreshBenchmark", "floor")).isEmpty();
    }

    @Test
    @DisplayName("targets render their verdicts, with not run for a missing measurement")
    void targetsRenderVerdicts() {
        String markdown = Report.targets(List.of(new Report.Target("a", "1.20x", true),
                new Report.Target("b", "0.50x", false), new Report.Target("c", "not run", null)));

        assertThat(markdown).contains("| a | 1.20x | met |").contains("| b | 0.50x | NOT met |")
                .contains("| c | not run | not run |");
    }
}
