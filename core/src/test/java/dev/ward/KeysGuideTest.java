package dev.ward;

import dev.ward.store.tck.MutableClock;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.net.httpserver.HttpServer;
import dev.ward.store.memory.InMemoryLoginAttemptStore;
import dev.ward.store.memory.InMemoryTokenStore;
import dev.ward.store.memory.InMemoryUserRepository;
import java.io.File;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The samples of docs/keys.md, as close to the page as a test can be: when one of these
 * changes, change the page too. (The rotation procedure of the page is KeyRotationTest.)
 */
@DisplayName("the samples of docs/keys.md work")
class KeysGuideTest {

    @TempDir
    Path dir;

    /** Runs a command of the page in the temporary directory; skips the test without the tool. */
    private void run(String... command) throws Exception {
        assumeTrue(onPath(command[0]), command[0] + " is not installed");
        Path log = dir.resolve("command.log");
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as(String.join(" ", command)).isTrue();
        assertThat(process.exitValue()).as(String.join(" ", command) + ": " + Files.readString(log)).isZero();
    }

    private String output(String... command) throws Exception {
        run(command);
        return Files.readString(dir.resolve("command.log"));
    }

    private static boolean onPath(String tool) {
        if (tool.contains(File.separator)) {
            return Files.isExecutable(Path.of(tool));
        }
        for (String folder : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(folder, tool))) {
                return true;
            }
        }
        return false;
    }

    private Path file(String name) {
        return dir.resolve(name);
    }

    private static String tokenSignedBy(JwtKey key) {
        Cluster cluster = new Cluster();
        return cluster.logIn(cluster.node(KeySet.of(key)), "alice@example.com").accessToken();
    }

    private static void assertVerifies(JwtKey verifier, String token) {
        assertThat(AccessTokenVerifier.builder().keys(KeySet.verifyOnly(List.of(verifier)))
                .clock(MutableClock.at(Fixture.START)).build().verify(token)).isNotNull();
    }

    @Test
    @DisplayName("an HS256 secret from `openssl rand -base64 32`")
    void hs256Secret() throws Exception {
        String environmentValue = output("openssl", "rand", "-base64", "32");
        byte[] secretBytes = Base64.getDecoder().decode(environmentValue.strip());

        JwtKey fromEnvironment = JwtKey.hmacBase64("2026-11", environmentValue);
        JwtKey fromBytes = JwtKey.hmac("2026-11", secretBytes);   // the array is copied

        assertVerifies(fromBytes, tokenSignedBy(fromEnvironment));
        String wrapped = output("openssl", "rand", "-base64", "64");
        assertThat(wrapped.strip()).contains("\n");
        assertThat(JwtKey.hmacBase64("2026-11", wrapped).canSign()).isTrue();
    }

    @Test
    @DisplayName("PEM files made by the page's openssl commands")
    void pemFiles() throws Exception {
        run("openssl", "genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", "es256.pem");
        run("openssl", "pkey", "-in", "es256.pem", "-pubout", "-out", "es256.pub.pem");
        run("openssl", "genpkey", "-algorithm", "ed25519", "-out", "ed25519.pem");
        run("openssl", "pkey", "-in", "ed25519.pem", "-pubout", "-out", "ed25519.pub.pem");
        run("openssl", "genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:3072", "-out", "rs256.pem");
        run("openssl", "pkey", "-in", "rs256.pem", "-pubout", "-out", "rs256.pub.pem");

        // A signing key: the private key with its public key.
        JwtKey es = JwtKey.fromPem("2026-11",
                Files.readString(file("es256.pem")) + Files.readString(file("es256.pub.pem")));
        // For RSA the public key is derived, so the private key alone is enough.
        JwtKey rs = JwtKey.fromPem("2026-11", Files.readString(file("rs256.pem")));
        // A verify-only key: the public key alone.
        JwtKey edPublic = JwtKey.fromPem("2026-11", Files.readString(file("ed25519.pub.pem")));

        assertThat(es.algorithm()).isEqualTo(JwtAlgorithm.ES256);
        assertThat(rs.algorithm()).isEqualTo(JwtAlgorithm.RS256);
        assertThat(edPublic.canSign()).isFalse();
        assertVerifies(JwtKey.fromPem("2026-11", Files.readString(file("es256.pub.pem"))), tokenSignedBy(es));
        assertVerifies(JwtKey.fromPem("2026-11", Files.readString(file("rs256.pub.pem"))), tokenSignedBy(rs));
        JwtKey ed = JwtKey.fromPem("2026-11",
                Files.readString(file("ed25519.pem")) + Files.readString(file("ed25519.pub.pem")));
        assertVerifies(edPublic, tokenSignedBy(ed));
    }

    @Test
    @DisplayName("the page's fixes for refused PEM files work")
    void pemFixes() throws Exception {
        run("openssl", "genrsa", "-traditional", "-out", "old.pem", "2048");
        assertThat(Files.readString(file("old.pem"))).contains("BEGIN RSA PRIVATE KEY");
        IllegalArgumentException pkcs1 = catchThrowableOfType(IllegalArgumentException.class,
                () -> JwtKey.fromPem("k", Files.readString(file("old.pem"))));
        assertThat(pkcs1).hasMessageContaining("openssl pkcs8 -topk8 -nocrypt");
        run("openssl", "pkcs8", "-topk8", "-nocrypt", "-in", "old.pem", "-out", "key.pem");
        assertThat(JwtKey.fromPem("k", Files.readString(file("key.pem"))).canSign()).isTrue();

        run("openssl", "genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", "ec.pem");
        IllegalArgumentException noPublic = catchThrowableOfType(IllegalArgumentException.class,
                () -> JwtKey.fromPem("k", Files.readString(file("ec.pem"))));
        assertThat(noPublic).hasMessageContaining("openssl pkey -in key.pem -pubout");
        String publicBlock = output("openssl", "pkey", "-in", "ec.pem", "-pubout");
        assertThat(JwtKey.fromPem("k", Files.readString(file("ec.pem")) + publicBlock).canSign()).isTrue();
    }

    @Test
    @DisplayName("JWK, JWKS and fresh keys")
    void jwkAndGenerated() {
        JwtKey demo = JwtKey.generate(JwtAlgorithm.ES256);          // random kid
        JwtKey named = JwtKey.generate("2026-11", JwtAlgorithm.EdDSA);
        String keepThis = named.toPrivateJwk();                     // a secret: store it like one
        JwtKey sameKeyLater = JwtKey.fromJwk(keepThis);

        String jwkJson = demo.toPublicJwk().orElseThrow();
        String jwksJson = "{\"keys\":[" + jwkJson + "]}";
        JwtKey key = JwtKey.fromJwk(jwkJson);
        KeySet published = KeySet.fromJwks(jwksJson);

        assertThat(key.canSign()).isFalse();
        assertThat(published.keys()).extracting(JwtKey::kid).containsExactly(demo.kid());
        assertVerifies(named, tokenSignedBy(sameKeyLater));
        assertThat(JwtKey.generate(JwtAlgorithm.HS256).toPublicJwk()).isEmpty();
    }

    @Test
    @DisplayName("JDK key objects from a PKCS#12 key store made by keytool")
    void keyStore() throws Exception {
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        assumeTrue(Files.isExecutable(keytool), "keytool is not installed");
        run(keytool.toString(), "-genkeypair", "-alias", "ward", "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", "CN=ward", "-validity", "2", "-storetype", "PKCS12", "-keystore", "ward.p12",
                "-storepass", "changeit", "-keypass", "changeit");
        char[] password = "changeit".toCharArray();

        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file("ward.p12"))) {
            store.load(in, password);
        }
        JwtKey fromStore = JwtKey.of("2026-11", store.getCertificate("ward").getPublicKey(),
                (PrivateKey) store.getKey("ward", password));

        assertThat(fromStore.algorithm()).isEqualTo(JwtAlgorithm.ES256);
        assertVerifies(JwtKey.of("2026-11", store.getCertificate("ward").getPublicKey(), null),
                tokenSignedBy(fromStore));
    }

    @Test
    @DisplayName("putting keys to work, publishing the JWKS, and a resource server that fetches it")
    void resourceServer() throws Exception {
        InMemoryUserRepository users = new InMemoryUserRepository();
        InMemoryTokenStore tokens = new InMemoryTokenStore();
        InMemoryLoginAttemptStore attempts = new InMemoryLoginAttemptStore();
        JwtKey es = JwtKey.generate("2026-11", JwtAlgorithm.ES256);

        AuthManager auth = AuthManager.builder()
                .userRepository(users)
                .tokenStore(tokens)
                .loginAttemptStore(attempts)
                .keys(KeySet.of(es))            // or .signingKey(es)
                .settings(AuthSettings.builder()
                        .issuer("https://auth.example.com")
                        .audience("orders-api")
                        .bcryptCost(4)
                        .build())
                .build();
        auth.signUp(new SignUpRequest("Alice", "alice@example.com", Fixture.PASSWORD));
        String bearerToken = auth.logIn("alice@example.com", Fixture.PASSWORD).accessToken();

        // The issuer serves auth.jwks() at /.well-known/jwks.json (here on the loopback address).
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/.well-known/jwks.json", exchange -> {
            byte[] body = auth.jwks().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        String jwksUrl = "http://" + server.getAddress().getHostString() + ":" + server.getAddress().getPort()
                + "/.well-known/jwks.json";
        try {
            HttpClient http = HttpClient.newHttpClient();
            String jwks = http.send(HttpRequest.newBuilder(URI.create(jwksUrl)).build(),
                    HttpResponse.BodyHandlers.ofString()).body();

            AccessTokenVerifier verifier = AccessTokenVerifier.builder()
                    .jwks(jwks)
                    .issuer("https://auth.example.com")   // the issuer's AuthSettings.issuer
                    .audience("orders-api")               // the issuer's AuthSettings.audience
                    .build();

            assertThat(verifier.verify(bearerToken).userId()).isEqualTo(auth.authenticate(bearerToken).userId());
            List<Integer> statuses = new ArrayList<>();
            for (String token : List.of(bearerToken, "not.a.token")) {
                int status = 200;
                try {
                    AuthenticatedUser user = verifier.verify(token);   // from "Authorization: Bearer ..."
                    user.requireAnyRole("admin", "super_admin");
                } catch (AuthException e) {
                    status = e.httpStatus();   // 401 (INVALID_TOKEN, TOKEN_EXPIRED) or 403 (FORBIDDEN)
                }
                statuses.add(status);
            }
            assertThat(statuses).containsExactly(403, 401);
        } finally {
            server.stop(0);
        }
    }

    @Test
    @DisplayName("an HS256 resource server gets the secret, not a JWKS")
    void hs256ResourceServer() {
        String secret = Base64.getEncoder().encodeToString(TestKeys.secret(3));
        Cluster cluster = new Cluster(s -> s.issuer("https://auth.example.com").audience("orders-api"));
        AuthManager auth = cluster.node(KeySet.of(JwtKey.hmacBase64("2026-11", secret)));
        String bearerToken = cluster.logIn(auth, "alice@example.com").accessToken();

        AccessTokenVerifier verifier = AccessTokenVerifier.builder()
                .keys(KeySet.verifyOnly(List.of(JwtKey.hmacBase64("2026-11", secret))))
                .issuer("https://auth.example.com")
                .audience("orders-api")
                .clock(cluster.clock)   // not in the sample: the test's clock
                .build();

        assertThat(auth.jwks()).isEqualTo("{\"keys\":[]}");
        assertThat(verifier.verify(bearerToken).sessionId()).isEqualTo(auth.authenticate(bearerToken).sessionId());
    }
}
