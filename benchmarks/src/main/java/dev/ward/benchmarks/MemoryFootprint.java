package dev.ward.benchmarks;

import dev.ward.store.Session;
import dev.ward.store.memory.InMemoryTokenStore;
import java.lang.management.ManagementFactory;
import java.lang.ref.Reference;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.UUID;
import javax.management.JMException;
import javax.management.ObjectName;

/**
 * Heap bytes per session in {@link InMemoryTokenStore}: fills a store with sessions made the
 * way Ward makes them (22-character ids, 43-character base64url hashes, instants of whole
 * milliseconds, the user id shared with the user's record, a few thousand users) and divides
 * the growth of the heap, measured after full collections, by the number of sessions.
 *
 * <p>Three states, each in a store of its own: as a log-in leaves a session (no client
 * information); after one refresh, through the store's own {@code rotate} as Ward calls it
 * (a previous hash, a successor mask and a rotation instant more); and rotated with a client address and user
 * agent, as a host that passes {@code ClientInfo} leaves it.
 *
 * <p>Run it in a JVM of its own with a fixed heap and the serial collector told to compact
 * everything at every full collection, so that used heap after {@code System.gc()} is the
 * live data: {@code java -Xms3g -Xmx3g -XX:+UseSerialGC -XX:MarkSweepDeadRatio=0
 * -XX:MarkSweepAlwaysCompactCount=1 -cp ... dev.ward.benchmarks.MemoryFootprint [sessions]}.
 * {@link RunAll} does so. (Without the two flags the serial collector leaves up to 5% of the
 * old generation as uncollected "dead wood", which skews a before-and-after difference by up
 * to 100 bytes per session.) The result is then exact to well under one byte per session at a
 * million sessions: what else lives in the heap is the same before and after and cancels out,
 * and the store's hash tables, which grow in steps, are counted at the size they have.
 * With {@code -Dward.histogram=true} it also prints the top of the live-object class histogram
 * after filling each store, to see what a session is made of.
 */
public final class MemoryFootprint {

    private static final int USERS = 5_000;
    private static final Duration IDLE = Duration.ofDays(30);
    private static final Duration MAX_LIFETIME = Duration.ofDays(90);
    private static final String USER_AGENT = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 "
            + "(KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";

    private MemoryFootprint() {
    }

    /** The states a session is measured in. */
    enum State {
        LOGGED_IN("as logIn leaves it"),
        ROTATED("after one refresh"),
        ROTATED_WITH_CLIENT("after one refresh, with client IP and user agent");

        final String description;

        State(String description) {
            this.description = description;
        }
    }

    /**
     * Measures each state and prints one Markdown table row per state, then a line starting
     * with {@code RESULT} that {@link RunAll} reads.
     *
     * @param args the number of sessions, default 1,000,000
     */
    public static void main(String[] args) {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        SplittableRandom random = new SplittableRandom(7);
        String[] userIds = new String[USERS];
        for (int u = 0; u < USERS; u++) {
            userIds[u] = new UUID(random.nextLong(), random.nextLong()).toString();
        }
        StringBuilder result = new StringBuilder("RESULT");
        System.out.println("| state | sessions | heap growth (bytes) | bytes per session |");
        System.out.println("|---|---:|---:|---:|");
        for (State state : State.values()) {
            double perSession = measure(state, count, userIds, random);
            result.append(' ').append(state.name()).append('=').append(String.format(Locale.ROOT, "%.1f", perSession));
        }
        System.out.println(result);
        Reference.reachabilityFence(userIds);
    }

    /** Measures one state; the store dies when this method returns, before the next state's baseline. */
    private static double measure(State state, int count, String[] userIds, SplittableRandom random) {
        long before = usedHeapAfterGc();
        InMemoryTokenStore store = fill(state, count, userIds, random);
        long after = usedHeapAfterGc();
        if (store.size() != count) {
            throw new IllegalStateException("the store holds " + store.size() + " sessions, not " + count);
        }
        if (Boolean.getBoolean("ward.histogram")) {
            printHistogram();
        }
        Reference.reachabilityFence(store);
        double perSession = (after - before) / (double) count;
        System.out.printf(Locale.ROOT, "| %s | %,d | %,d | %.1f |%n", state.description, count, after - before,
                perSession);
        return perSession;
    }

    private static InMemoryTokenStore fill(State state, int count, String[] userIds, SplittableRandom random) {
        InMemoryTokenStore store = new InMemoryTokenStore();
        Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
        long nowMillis = Fixtures.NOW.toEpochMilli();
        long sixtyDays = Duration.ofDays(60).toMillis();
        for (int n = 0; n < count; n++) {
            // As AuthManager.startSession: one Instant for created and last used, two more for the ends.
            Instant now = Instant.ofEpochMilli(nowMillis - random.nextLong(sixtyDays));
            Instant expiresAt = now.plus(MAX_LIFETIME);
            Instant idle = now.plus(IDLE);
            Instant idleExpiresAt = idle.isBefore(expiresAt) ? idle : expiresAt;
            String id = base64.encodeToString(bytes(random, 16));
            String currentHash = base64.encodeToString(bytes(random, 32));
            boolean client = state == State.ROTATED_WITH_CLIENT;
            store.create(Session.start(id, userIds[random.nextInt(USERS)], base64.encodeToString(bytes(random, 32)),
                    currentHash, now, expiresAt, idleExpiresAt,
                    client ? "198.51.100." + random.nextInt(256) : null,
                    client ? new String(USER_AGENT.toCharArray()) : null));
            if (state != State.LOGGED_IN) {
                Instant later = now.plusMillis(1 + random.nextLong(Duration.ofMinutes(14).toMillis()));
                Instant laterIdle = later.plus(IDLE);
                if (!store.rotate(id, currentHash, base64.encodeToString(bytes(random, 32)),
                        base64.encodeToString(bytes(random, 32)), later,
                        laterIdle.isBefore(expiresAt) ? laterIdle : expiresAt)) {
                    throw new IllegalStateException("rotation refused");
                }
            }
        }
        return store;
    }

    /** Prints the top of the live-object class histogram (what {@code jcmd GC.class_histogram} shows). */
    private static void printHistogram() {
        try {
            Object text = ManagementFactory.getPlatformMBeanServer().invoke(
                    new ObjectName("com.sun.management:type=DiagnosticCommand"), "gcClassHistogram",
                    new Object[] {new String[0]}, new String[] {String[].class.getName()});
            String[] lines = text.toString().split("\\R");
            for (int i = 0; i < Math.min(lines.length, 16); i++) {
                System.out.println("    " + lines[i]);
            }
        } catch (JMException e) {
            System.out.println("    no class histogram: " + e);
        }
    }

    private static byte[] bytes(SplittableRandom random, int n) {
        byte[] bytes = new byte[n];
        random.nextBytes(bytes);
        return bytes;
    }

    private static long usedHeapAfterGc() {
        long used = Long.MAX_VALUE;
        // A few rounds, until a collection frees nothing more (finalizers, reference queues).
        for (int i = 0; i < 5; i++) {
            System.gc();
            long now = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
            if (now >= used) {
                return now;
            }
            used = now;
        }
        return used;
    }
}
