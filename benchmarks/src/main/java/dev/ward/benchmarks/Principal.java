package dev.ward.benchmarks;

import java.util.List;

/**
 * What every verifier in {@link VerifyBenchmark} hands back: the subject and the roles of a
 * token, so that each does at least the work of getting them out.
 *
 * @param subject the {@code sub} claim
 * @param roles the {@code roles} claim
 */
public record Principal(String subject, List<String> roles) {
}
