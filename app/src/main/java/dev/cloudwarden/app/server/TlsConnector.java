package dev.cloudwarden.app.server;

import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Collections;

/**
 * The service's HTTPS listener: Jetty's TLS over the configured keystore (PKCS#12 or JKS; its password also unlocks
 * the key). The keystore is read once when the service is set up, so a wrong path or password is an error at start
 * naming the file, never a listener that fails on its first connection. TLS 1.2 and 1.3 with the JVM's default
 * cipher suites.
 */
final class TlsConnector {
    private final Path keystore;
    private final String password;
    private String host;
    private int port;

    private TlsConnector(Path keystore, String password) {
        this.keystore = keystore;
        this.password = password;
    }

    static TlsConnector of(ServeConfig.Tls tls) {
        Path file = Path.of(tls.keystore());
        if (!Files.isReadable(file)) {
            throw new IllegalArgumentException("server.tls.keystore " + file + ": no such file, or not readable");
        }
        char[] secret = tls.password() == null ? new char[0] : tls.password().toCharArray();
        try {
            KeyStore ks = KeyStore.getInstance(file.toFile(), secret);
            boolean hasKey = false;
            for (String alias : Collections.list(ks.aliases())) {
                hasKey |= ks.isKeyEntry(alias);
            }
            if (!hasKey) {
                throw new IllegalArgumentException("server.tls.keystore " + file + ": holds no private key (only "
                        + "certificates); the server's key and certificate chain are needed");
            }
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("server.tls.keystore " + file + ": cannot be read (" + e.getMessage()
                    + "); check the file and server.tls.password ($CLOUDWARDEN_SERVER__TLS__PASSWORD)", e);
        }
        return new TlsConnector(file, tls.password());
    }

    void bind(String host, int port) {
        this.host = host;
        this.port = port;
    }

    ServerConnector connector(Server server, HttpConfiguration http) {
        SslContextFactory.Server ssl = new SslContextFactory.Server();
        ssl.setKeyStorePath(keystore.toString());
        if (password != null) {
            ssl.setKeyStorePassword(password);
        }
        ssl.setIncludeProtocols("TLSv1.3", "TLSv1.2");
        HttpConfiguration https = new HttpConfiguration(http);
        https.addCustomizer(new SecureRequestCustomizer());
        ServerConnector connector = new ServerConnector(server, new SslConnectionFactory(ssl, "http/1.1"),
                new HttpConnectionFactory(https));
        connector.setHost(host);
        connector.setPort(port);
        return connector;
    }
}
