package dev.cloudwarden.app.server;

import dev.cloudwarden.app.store.ApiTokens;
import dev.cloudwarden.app.store.PlatformStore;
import dev.cloudwarden.app.store.Role;
import dev.cloudwarden.engine.run.RunConfig;
import dev.cloudwarden.engine.sigma.eval.SigmaConfig;
import dev.cloudwarden.engine.sigma.load.RuleFiles;
import dev.cloudwarden.engine.sigma.load.RuleSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code server.tls}: the service over HTTPS with a keystore made by the JDK's keytool, and the keystore's errors. */
class ServiceTlsTest {
    private static final String PASSWORD = "changeit-" + System.nanoTime();

    @TempDir
    static Path dir;
    static Path keystore;

    @BeforeAll
    static void keystore() throws Exception {
        keystore = dir.resolve("server.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "cloudwarden", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=localhost",
                "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-validity", "2", "-storetype", "PKCS12",
                "-keystore", keystore.toString(), "-storepass", PASSWORD).redirectErrorStream(true).start();
        String output = new String(keytool.getInputStream().readAllBytes());
        assertThat(keytool.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(keytool.exitValue()).as(output).isZero();
    }

    @Test
    void theServiceAnswersOverHttpsAndOnlyHttps() throws Exception {
        try (PlatformStore store = PlatformStore.open(dir.resolve("tls.duckdb").toString())) {
            String token = "cw_tls_" + System.nanoTime();
            store.createToken("test", "viewer", Role.VIEWER, ApiTokens.hash(token));
            Service service = Service.start(config(new ServeConfig.Tls(keystore.toString(), PASSWORD)), run(), List.of(), store);
            try {
                assertThat(service.scheme()).isEqualTo("https");
                HttpClient trusting = HttpClient.newBuilder().sslContext(trusting()).connectTimeout(Duration.ofSeconds(10)).build();
                HttpResponse<String> health = trusting.send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:"
                        + service.port() + "/api/v1/health")).header("Authorization", "Bearer " + token).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(health.statusCode()).as(health.body()).isEqualTo(200);
                assertThat(health.sslSession()).hasValueSatisfying(s -> assertThat(s.getProtocol()).isIn("TLSv1.3", "TLSv1.2"));

                // plain HTTP on the same port gets no API answer
                HttpClient plain = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
                try {
                    HttpResponse<String> r = plain.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + service.port()
                            + "/api/v1/health")).timeout(Duration.ofSeconds(10)).header("Authorization", "Bearer " + token)
                            .build(), HttpResponse.BodyHandlers.ofString());
                    assertThat(r.statusCode()).isNotEqualTo(200);
                } catch (IOException expected) {
                    // the TLS listener closed the plain connection
                }
            } finally {
                service.close();
            }
        }
    }

    @Test
    void aKeystoreThatCannotBeReadStopsTheServiceWithTheReason() {
        assertThatThrownBy(() -> startWith(new ServeConfig.Tls(keystore.toString(), "wrong")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("server.tls.keystore " + keystore).hasMessageContaining("password");
        assertThatThrownBy(() -> startWith(new ServeConfig.Tls(dir.resolve("missing.p12").toString(), PASSWORD)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no such file");
    }

    private static void startWith(ServeConfig.Tls tls) throws Exception {
        try (PlatformStore store = PlatformStore.open(dir.resolve("bad-" + System.nanoTime() + ".duckdb").toString())) {
            Service.start(config(tls), run(), List.of(), store).close();
        }
    }

    private static ServeConfig config(ServeConfig.Tls tls) throws IOException {
        Files.createDirectories(dir.resolve("events"));
        return new ServeConfig(new ServeConfig.Server("127.0.0.1", 0, tls, 1024L * 1024, 1000), null,
                new ServeConfig.Inputs(List.of(), Duration.ofSeconds(1), null),
                new ServeConfig.Detection(1, Duration.ofSeconds(1), Duration.ofMillis(200)), null, null,
                new ServeConfig.Hunting(dir.resolve("events").toString(), null));
    }

    private static RunConfig run() {
        return RunConfig.of(RuleSet.compile(RuleFiles.builtIn(), SigmaConfig.defaults()));
    }

    private static SSLContext trusting() throws Exception {
        KeyStore ks = KeyStore.getInstance(keystore.toFile(), PASSWORD.toCharArray());
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(ks);
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(null, tmf.getTrustManagers(), null);
        return ssl;
    }
}
