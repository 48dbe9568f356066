package dev.ward.benchmarks;

import dev.ward.benchmarks.Report.Score;
import dev.ward.benchmarks.Report.Scores;
import dev.ward.benchmarks.Report.Table;
import dev.ward.benchmarks.Report.Target;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs every benchmark and prints one Markdown table per benchmark, the targets with
 * their measured ratios, and the memory footprint; writes the same to {@code results.md}
 * beside the jar ({@code benchmarks/target/results.md}).
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar                 # quick mode, all groups, under 10 minutes
 * java -jar benchmarks/target/benchmarks.jar verify memory   # only some groups
 * java -jar benchmarks/target/benchmarks.jar --full          # two forks, longer iterations (about 40 minutes)
 * </pre>
 *
 * <p>Groups: {@code verify}, {@code refresh}, {@code jdbc}, {@code login}, {@code scale},
 * {@code servlet}, {@code memory}. Each JMH run's own output goes to {@code benchmarks/target/jmh-logs/}; a
 * benchmark that fails shows as "not run" in its table, and its log says why.
 */
public final class RunAll {

    private static final List<String> GROUPS = List.of("verify", "refresh", "jdbc", "login", "scale", "servlet", "memory");
    private static final String[] JVM_ARGS = {"-Xms1g", "-Xmx1g"};
    private static final String MEMORY_SESSIONS = "1000000";
    private static final String TINK = library("Tink", "com.google.crypto.tink.KeysetHandle", "tink");

    private RunAll() {
    }

    /** How long each run measures: iterations of so many seconds, and forks. */
    private record Plan(int forks, int warmups, int warmupSeconds, int iterations, int iterationSeconds) {

        ChainedOptionsBuilder apply(ChainedOptionsBuilder options) {
            return options.forks(forks)
                    .warmupIterations(warmups).warmupTime(TimeValue.seconds(warmupSeconds))
                    .measurementIterations(iterations).measurementTime(TimeValue.seconds(iterationSeconds));
        }
    }

    /**
     * Runs the benchmarks.
     *
     * @param args {@code --full} for the long mode, and group names to run only those
     * @throws Exception if the report cannot be written
     */
    public static void main(String[] args) throws Exception {
        boolean full = false;
        Set<String> groups = new LinkedHashSet<>();
        for (String arg : args) {
            if (arg.equals("--full")) {
                full = true;
            } else if (GROUPS.contains(arg)) {
                groups.add(arg);
            } else {
                System.err.println("usage: java -jar benchmarks.jar [--full] [" + String.join("|", GROUPS) + "]...");
                System.exit(2);
                return;
            }
        }
        if (groups.isEmpty()) {
            groups.addAll(GROUPS);
        }
        Path target = targetDirectory();
        Path logs = target.resolve("jmh-logs");
        Files.createDirectories(logs);
        long start = System.nanoTime();
        String machineBefore = machine();
        System.out.println("Ward benchmarks, " + (full ? "full" : "quick") + " mode: " + String.join(", ", groups));
        System.out.println("JMH output of each run: " + logs);

        Scores scores = new Scores();
        // Quick mode: one fork, short iterations; log-in longer ones (a log-in takes 64 ms, and
        // the overhead to see is a few percent).
        // Five measurement iterations at least: with fewer, JMH's 99.9% error (Student's t) is
        // wider than the score itself.
        Plan fast = full ? new Plan(2, 5, 2, 10, 2) : new Plan(1, 2, 1, 5, 1);
        Plan login = full ? new Plan(2, 3, 2, 15, 2) : new Plan(1, 1, 2, 5, 2);
        Plan servlet = full ? new Plan(2, 5, 4, 10, 2) : new Plan(1, 5, 2, 5, 2);
        String verify = VerifyBenchmark.class.getName() + "\\.";
        if (groups.contains("verify")) {
            jmh("verify-HS256-ES256", scores, logs, fast.apply(new OptionsBuilder()
                    .include(verify + "(floor|nimbus|jjwt|javaJwt|wardCold|wardUncached|wardWarm)$")
                    .param("alg", "HS256", "ES256")));
            // java-jwt has no EdDSA.
            jmh("verify-EdDSA", scores, logs, fast.apply(new OptionsBuilder()
                    .include(verify + "(floor|nimbus|jjwt|wardCold|wardUncached|wardWarm)$")
                    .param("alg", "EdDSA")));
        }
        if (groups.contains("refresh")) {
            jmh("refresh-in-memory", scores, logs, fast.apply(new OptionsBuilder()
                    .include(RefreshBenchmark.class.getName() + "\\.")));
        }
        if (groups.contains("jdbc")) {
            jmh("refresh-jdbc", scores, logs, fast.apply(new OptionsBuilder()
                    .include(JdbcRefreshBenchmark.class.getName() + "\\.")));
        }
        if (groups.contains("login")) {
            jmh("login", scores, logs, login.apply(new OptionsBuilder()
                    .include(LogInBenchmark.class.getName() + "\\.")));
        }
        if (groups.contains("scale")) {
            jmh("scale-postgresql", scores, logs, fast.apply(new OptionsBuilder()
                    .include(ScaleBenchmark.class.getName() + "\\.")));
        }
        if (groups.contains("servlet")) {
            // Jetty and the loopback take far longer to warm up than a method call.
            jmh("servlet-jetty", scores, logs, servlet.apply(new OptionsBuilder()
                    .include(ServletBenchmark.class.getName() + "\\.")));
        }
        MemoryResult memory = groups.contains("memory") ? memory(logs) : null;

        StringBuilder report = new StringBuilder();
        report.append("## Ward benchmarks (").append(full ? "full" : "quick").append(" mode)\n\n");
        report.append(machineBefore).append('\n');
        for (Table table : tables(scores)) {
            report.append(table.markdown()).append('\n');
        }
        if (memory != null) {
            report.append("### Heap per session, InMemoryTokenStore\n\n").append(memory.table()).append('\n');
        }
        report.append(Report.targets(targets(scores, memory))).append('\n');
        long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);
        report.append(String.format(Locale.ROOT, "Elapsed: %d min %02d s. Load average at the end: %.2f.%n",
                seconds / 60, seconds % 60, ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()));

        System.out.println();
        System.out.println(report);
        Path results = target.resolve("results.md");
        Files.writeString(results, report.toString(), StandardCharsets.UTF_8);
        System.out.println("Written to " + results);
    }

    private static void jmh(String name, Scores scores, Path logs, ChainedOptionsBuilder options) {
        Path log = logs.resolve(name + ".log");
        long start = System.nanoTime();
        System.out.print("running " + name + " ... ");
        System.out.flush();
        try {
            int count = 0;
            for (RunResult result : new Runner(options.jvmArgs(JVM_ARGS).shouldFailOnError(false)
                    .output(log.toString()).build()).run()) {
                scores.add(Score.of(result));
                count++;
            }
            System.out.printf(Locale.ROOT, "%d results in %d s%n", count,
                    TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start));
        } catch (RunnerException e) {
            System.out.println("FAILED: " + e.getMessage() + "; see " + log);
        }
    }

    // ------------------------------------------------------------------ tables

    private static List<Table> tables(Scores scores) {
        List<Table> tables = new ArrayList<>();
        String v = "VerifyBenchmark";
        for (String alg : List.of("HS256", "ES256", "EdDSA")) {
            if (scores.matching(s -> s.benchmark().equals(v) && alg.equals(s.params().get("alg"))).isEmpty()) {
                continue;
            }
            Optional<Score> floor = scores.find(v, "floor", "alg", alg);
            Optional<Score> nimbus = scores.find(v, "nimbus", "alg", alg);
            Optional<Score> jjwt = scores.find(v, "jjwt", "alg", alg);
            Optional<Score> javaJwt = scores.find(v, "javaJwt", "alg", alg);
            Object[] refs = {"floor", floor, "nimbus", nimbus, "jjwt", jjwt, "java-jwt", javaJwt};
            Table table = new Table("Verify an access token, " + alg + " (ops/s, one thread; cold: "
                    + (alg.equals("HS256") ? String.format(Locale.ROOT, "%,d", VerifyBenchmark.HS256_POOL)
                            : String.format(Locale.ROOT, "%,d (Ward) or %,d", VerifyBenchmark.WARD_COLD_POOL,
                                    VerifyBenchmark.SMALL_POOL))
                    + " distinct tokens in turn; warm: one token)",
                    "floor", "nimbus", "jjwt", "java-jwt")
                    .row("floor: JCA by hand" + (alg.equals("EdDSA") ? " (JDK Ed25519)" : ""), floor, refs)
                    .row(library("nimbus-jose-jwt", "com.nimbusds.jose.JWSObject", "nimbus-jose-jwt")
                            + (alg.equals("EdDSA") ? " (Ed25519 through " + TINK + ")" : ""), nimbus, refs)
                    .row(library("jjwt", "io.jsonwebtoken.Jwts", "jjwt-api"), jjwt, refs);
            if (!alg.equals("EdDSA")) {
                table.row(library("java-jwt", "com.auth0.jwt.JWT", "java-jwt"), javaJwt, refs);
            }
            table.row("**Ward authenticate, cold**", scores.find(v, "wardCold", "alg", alg), refs)
                    .row("Ward authenticate, cold, token cache off", scores.find(v, "wardUncached", "alg", alg), refs)
                    .row("**Ward authenticate, warm**", scores.find(v, "wardWarm", "alg", alg), refs);
            tables.add(table);
        }
        String r = "RefreshBenchmark";
        if (!scores.matching(s -> s.benchmark().equals(r)).isEmpty()) {
            Optional<Score> one = scores.find(r, "oneThread");
            tables.add(new Table("Refresh end to end, in-memory stores, HS256 (ops/s, all threads together)",
                    "1 thread")
                    .row("**Ward refresh, 1 thread**", one, "1 thread", one)
                    .row("**Ward refresh, 2 threads**", scores.find(r, "twoThreads"), "1 thread", one)
                    .row("**Ward refresh, 4 threads**", scores.find(r, "fourThreads"), "1 thread", one));
        }
        String j = "JdbcRefreshBenchmark";
        if (!scores.matching(s -> s.benchmark().equals(j)).isEmpty()) {
            Table table = new Table("Refresh end to end on a database, one thread (ops/s; floor: the same "
                    + "statements by hand in one transaction, on a pooled connection borrowed per refresh; held: on "
                    + "one connection with statements prepared once)", "floor", "held");
            for (String db : List.of("H2", "POSTGRESQL", "MARIADB")) {
                Optional<Score> floor = scores.find(j, "floor", "db", db);
                Optional<Score> held = scores.find(j, "floorHeld", "db", db);
                table.row(db + ": floor, JDBC by hand", floor, "floor", floor, "held", held)
                        .row(db + ": held connection, JDBC by hand", held, "floor", floor, "held", held)
                        .row("**" + db + ": Ward refresh**", scores.find(j, "ward", "db", db), "floor", floor,
                                "held", held);
            }
            tables.add(table);
        }
        String l = "LogInBenchmark";
        if (!scores.matching(s -> s.benchmark().equals(l)).isEmpty()) {
            Optional<Score> bare = scores.find(l, "bcrypt");
            tables.add(new Table("Log-in at bcrypt cost " + LogInBenchmark.COST + ", in-memory stores (ops/s)",
                    "bare bcrypt")
                    .row("bare bcrypt verify (" + library("at.favre bcrypt", "at.favre.lib.crypto.bcrypt.BCrypt",
                            "bcrypt") + ")", bare, "bare bcrypt", bare)
                    .row("**Ward logIn**", scores.find(l, "ward"), "bare bcrypt", bare));
        }
        String s = "ScaleBenchmark";
        if (!scores.matching(x -> x.benchmark().equals(s)).isEmpty()) {
            Optional<Score> small = scores.find(s, "refresh", "sessions", "10000");
            tables.add(new Table("Refresh on PostgreSQL by table size, one thread (ops/s)", "10,000 sessions")
                    .row("**Ward refresh, 10,000 sessions in the table**", small, "10,000 sessions", small)
                    .row("**Ward refresh, 1,000,000 sessions in the table**",
                            scores.find(s, "refresh", "sessions", "1000000"), "10,000 sessions", small));
        }
        String sv = "ServletBenchmark";
        if (!scores.matching(x -> x.benchmark().equals(sv)).isEmpty()) {
            Optional<Score> bare = scores.find(sv, "bare");
            tables.add(new Table("A protected GET on embedded Jetty 12, on one kept-alive loopback connection, "
                    + "one thread (requests/s)", "bare servlet")
                    .row("bare servlet", bare, "bare servlet", bare)
                    .row("**servlet behind WardAuthenticationFilter**", scores.find(sv, "ward"), "bare servlet", bare));
        }
        return tables;
    }

    // ------------------------------------------------------------------ targets

    private static List<Target> targets(Scores scores, MemoryResult memory) {
        List<Target> targets = new ArrayList<>();
        String v = "VerifyBenchmark";
        Optional<Score> hsCold = scores.find(v, "wardCold", "alg", "HS256");
        Optional<Score> hsPeer = bestPeer(scores, "HS256");
        targets.add(ratioTarget("HS256 cold verify >= fastest peer (" + hsPeer.map(Score::method).orElse("?") + ")",
                hsCold, hsPeer, 1.0));
        Optional<Score> hsFloor = scores.find(v, "floor", "alg", "HS256");
        for (String alg : List.of("HS256", "ES256", "EdDSA")) {
            targets.add(ratioTarget(alg + " warm verify >= 3x the HS256 floor", scores.find(v, "wardWarm", "alg", alg),
                    hsFloor, 3.0));
        }
        for (String alg : List.of("ES256", "EdDSA")) {
            Optional<Score> peer = bestPeer(scores, alg);
            targets.add(ratioTarget(alg + " cold verify >= 0.9x best peer (" + peer.map(Score::method).orElse("?")
                    + ")", scores.find(v, "wardCold", "alg", alg), peer, 0.9));
        }
        Optional<Score> one = scores.find("RefreshBenchmark", "oneThread");
        targets.add(new Target("refresh in memory >= 50,000 ops/s on one thread",
                one.map(s -> Report.number(s.median()) + " ops/s").orElse("not run"),
                one.map(s -> s.median() >= 50_000).orElse(null)));
        for (String db : List.of("H2", "POSTGRESQL", "MARIADB")) {
            targets.add(ratioTarget(db + " refresh >= 0.8x the hand-written floor",
                    scores.find("JdbcRefreshBenchmark", "ward", "db", db),
                    scores.find("JdbcRefreshBenchmark", "floor", "db", db), 0.8));
        }
        Optional<Score> ward = scores.find("LogInBenchmark", "ward");
        Optional<Score> bare = scores.find("LogInBenchmark", "bcrypt");
        if (ward.isPresent() && bare.isPresent()) {
            // Time per log-in over time per bare verify, minus one.
            double overhead = bare.get().median() / ward.get().median() - 1;
            targets.add(new Target("logIn overhead beyond bcrypt <= 3%",
                    String.format(Locale.ROOT, "%+.1f%% (Ward %s ops/s, bcrypt %s ops/s)", overhead * 100,
                            Report.number(ward.get().median()), Report.number(bare.get().median())),
                    overhead <= 0.03));
        } else {
            targets.add(new Target("logIn overhead beyond bcrypt <= 3%", "not run", null));
        }
        if (memory != null && memory.perSession().containsKey("ROTATED")) {
            double rotated = memory.perSession().get("ROTATED");
            targets.add(new Target("InMemoryTokenStore <= 400 bytes per session (1,000,000 sessions)",
                    String.format(Locale.ROOT, "%.0f bytes after one refresh, %.0f as logged in", rotated,
                            memory.perSession().getOrDefault("LOGGED_IN", Double.NaN)),
                    rotated <= 400));
        } else {
            targets.add(new Target("InMemoryTokenStore <= 400 bytes per session (1,000,000 sessions)", "not run",
                    null));
        }
        targets.add(ratioTarget("PostgreSQL refresh at 1,000,000 sessions >= 0.8x at 10,000",
                scores.find("ScaleBenchmark", "refresh", "sessions", "1000000"),
                scores.find("ScaleBenchmark", "refresh", "sessions", "10000"), 0.8));
        Optional<Score> filtered = scores.find("ServletBenchmark", "ward");
        Optional<Score> unfiltered = scores.find("ServletBenchmark", "bare");
        if (filtered.isPresent() && unfiltered.isPresent()) {
            // Time per protected request over time per bare request, minus one.
            double overhead = unfiltered.get().median() / filtered.get().median() - 1;
            targets.add(new Target("servlet filter overhead per request <= 10%",
                    String.format(Locale.ROOT, "%+.1f%% (filtered %s, bare %s requests/s)", overhead * 100,
                            Report.number(filtered.get().median()), Report.number(unfiltered.get().median())),
                    overhead <= 0.10));
        } else {
            targets.add(new Target("servlet filter overhead per request <= 10%", "not run", null));
        }
        return targets;
    }

    private static Optional<Score> bestPeer(Scores scores, String alg) {
        return scores.matching(s -> s.benchmark().equals("VerifyBenchmark") && alg.equals(s.params().get("alg"))
                        && List.of("nimbus", "jjwt", "javaJwt").contains(s.method())).stream()
                .max((a, b) -> Double.compare(a.median(), b.median()));
    }

    private static Target ratioTarget(String target, Optional<Score> measured, Optional<Score> reference,
                                      double atLeast) {
        if (measured.isEmpty() || reference.isEmpty()) {
            return new Target(target, "not run", null);
        }
        double ratio = measured.get().median() / reference.get().median();
        return new Target(target, Report.ratio(ratio) + " (" + Report.number(measured.get().median()) + " vs "
                + Report.number(reference.get().median()) + " ops/s)", ratio >= atLeast);
    }

    // ------------------------------------------------------------------ memory

    /** The footprint program's table, and bytes per session by state. */
    private record MemoryResult(String table, Map<String, Double> perSession) {
    }

    private static MemoryResult memory(Path logs) throws IOException, InterruptedException {
        long start = System.nanoTime();
        System.out.print("running memory-footprint ... ");
        System.out.flush();
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xms3g", "-Xmx3g", "-XX:+UseSerialGC", "-XX:MarkSweepDeadRatio=0", "-XX:MarkSweepAlwaysCompactCount=1",
                "-cp", System.getProperty("java.class.path"),
                MemoryFootprint.class.getName(), MEMORY_SESSIONS);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        StringBuilder table = new StringBuilder();
        StringBuilder all = new StringBuilder();
        Map<String, Double> perSession = new HashMap<>();
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                all.append(line).append('\n');
                if (line.startsWith("|")) {
                    table.append(line).append('\n');
                } else if (line.startsWith("RESULT")) {
                    Arrays.stream(line.substring("RESULT".length()).trim().split(" ")).map(p -> p.split("="))
                            .forEach(p -> perSession.put(p[0], Double.parseDouble(p[1])));
                }
            }
        }
        int exit = process.waitFor();
        Files.writeString(logs.resolve("memory-footprint.log"), all.toString(), StandardCharsets.UTF_8);
        if (exit != 0) {
            System.out.println("FAILED (exit " + exit + "); see " + logs.resolve("memory-footprint.log"));
            return null;
        }
        System.out.printf(Locale.ROOT, "done in %d s%n", TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start));
        table.append("\nMeasured in a JVM of its own (-Xms3g -Xmx3g, serial collector compacting fully, compressed "
                + "oops): used heap after full collections, before and after filling the store, over the number of "
                + "sessions; exact to well under a byte per session.\n");
        return new MemoryResult(table.toString(), perSession);
    }

    // ------------------------------------------------------------------ helpers

    private static String machine() {
        Runtime runtime = Runtime.getRuntime();
        return String.format(Locale.ROOT, "- date: %s%n- JDK: %s %s (%s)%n- OS: %s %s, %s; %d cores; load average "
                        + "at the start %.2f%n",
                ZonedDateTime.now().format(DateTimeFormatter.RFC_1123_DATE_TIME),
                System.getProperty("java.vm.name"), System.getProperty("java.runtime.version"),
                System.getProperty("java.vm.vendor"), System.getProperty("os.name"), System.getProperty("os.version"),
                System.getProperty("os.arch"), runtime.availableProcessors(),
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }

    /**
     * A library's name with its version, read from the name of the jar a class of it came from
     * ({@code lib/java-jwt-4.6.2.jar}), or the name alone.
     */
    private static String library(String name, String className, String artifactId) {
        try {
            Path jar = Path.of(Class.forName(className, false, RunAll.class.getClassLoader())
                    .getProtectionDomain().getCodeSource().getLocation().toURI());
            String file = jar.getFileName().toString();
            if (file.startsWith(artifactId + "-") && file.endsWith(".jar")) {
                return name + " " + file.substring(artifactId.length() + 1, file.length() - ".jar".length());
            }
        } catch (ClassNotFoundException | URISyntaxException | RuntimeException e) {
            // No version, then.
        }
        return name;
    }

    /** {@code benchmarks/target}: the folder of the jar, or of the classes folder. */
    private static Path targetDirectory() throws URISyntaxException {
        Path location = Path.of(RunAll.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        return location.getParent();
    }
}
