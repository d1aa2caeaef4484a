package dev.cloudwarden.app.intel.taxii;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** TLS: a server whose certificate no public CA signed is trusted only through --ca-file. */
class TaxiiTlsTest {
    @TempDir
    Path dir;

    @Test
    void a_private_ca_is_trusted_through_a_ca_file_and_only_then() throws Exception {
        Path ks = dir.resolve("server.p12");
        Path pem = dir.resolve("ca.pem");
        keytool("-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=127.0.0.1",
                "-ext", "san=ip:127.0.0.1", "-validity", "2", "-keystore", ks.toString(), "-storetype", "PKCS12",
                "-storepass", "changeit", "-keypass", "changeit");
        keytool("-exportcert", "-rfc", "-alias", "server", "-keystore", ks.toString(), "-storepass", "changeit",
                "-file", pem.toString());
        HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(serverContext(ks)));
        server.createContext("/", x -> {
            byte[] b = "{\"title\":\"tls\",\"api_roots\":[\"/api1/\"]}".getBytes(StandardCharsets.UTF_8);
            x.getResponseHeaders().add("Content-Type", TaxiiClient.MEDIA_TYPE);
            x.sendResponseHeaders(200, b.length);
            x.getResponseBody().write(b);
            x.close();
        });
        server.start();
        try {
            URI base = URI.create("https://127.0.0.1:" + server.getAddress().getPort() + "/");
            TaxiiOptions o = TaxiiOptions.defaults().withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(10));
            assertThat(new TaxiiClient(o.withCaFile(pem)).discover(base).apiRoots()).containsExactly(base.resolve("/api1/"));
            assertThatThrownBy(() -> new TaxiiClient(o).discover(base))
                    .isInstanceOf(TaxiiException.class)
                    .hasMessageContaining("TLS failed").hasMessageContaining("--ca-file");
        } finally {
            server.stop(0);
        }
    }

    @Test
    void a_ca_file_without_certificates_is_refused() throws IOException {
        Path empty = dir.resolve("empty.pem");
        Files.writeString(empty, "not a certificate\n");
        assertThatThrownBy(() -> new TaxiiClient(TaxiiOptions.defaults().withCaFile(empty)))
                .isInstanceOf(IOException.class).hasMessageContaining("empty.pem");
    }

    private static SSLContext serverContext(Path p12) throws IOException, GeneralSecurityException {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(p12)) {
            ks.load(in, "changeit".toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, "changeit".toCharArray());
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf.getKeyManagers(), null, null);
        return ctx;
    }

    private static void keytool(String... args) throws IOException, InterruptedException {
        String tool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        List<String> cmd = new java.util.ArrayList<>(List.of(tool));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
    }
}
