package io.acqsim.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import io.acqsim.cli.CliHarness;
import io.acqsim.host.TestHost;
import io.acqsim.iso.Profile;
import io.acqsim.json.Json;

/**
 * TLS from the command line: {@code tls-cert} makes what a host needs; {@code terminal}, {@code load} and
 * {@code replay} connect with {@code --tls}/{@code --tls-ca} to a host with TLS on; a host certificate
 * that does not carry the name connected to is refused with a message saying so. Slow: several keytool
 * runs (a JVM each) and a replay of the host's log.
 */
@Tag("slow")
class TlsCliTest {
    @TempDir
    static Path dir;
    static Path trusted;
    static Path keystore;
    static String password;
    static TestHost host;

    @BeforeAll
    static void start() {
        TestCertificate.Issued cert = TestCertificate.host();
        keystore = cert.keystore();
        trusted = cert.pem();
        password = cert.password();
        host = TestCertificate.startHost(dir.resolve("data"));
    }

    @AfterAll
    static void stop() {
        if (host != null) host.close();
    }

    @Test
    void aNameTheCertificateDoesNotCarryIsToldSo() throws Exception {
        Path elsewhere = dir.resolve("elsewhere.p12");
        Path elsewherePem = dir.resolve("elsewhere-cert.pem");
        SelfSignedCertificate.create(elsewhere, elsewherePem, List.of("dns:elsewhere.example"), 2, password);
        javax.net.ssl.KeyManagerFactory kmf = javax.net.ssl.KeyManagerFactory.getInstance(javax.net.ssl.KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(java.security.KeyStore.getInstance(elsewhere.toFile(), password.toCharArray()), password.toCharArray());
        javax.net.ssl.SSLContext context = javax.net.ssl.SSLContext.getInstance("TLS");
        context.init(kmf.getKeyManagers(), null, null);
        try (ServerSocket server = context.getServerSocketFactory().createServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            Thread.ofVirtual().start(() -> {
                try (Socket s = server.accept()) {
                    s.getInputStream().read();
                } catch (IOException ignored) {
                    // the client refused the certificate: what the test wants
                }
            });
            IOException e = assertThrows(IOException.class,
                    () -> TlsConnector.trusting(elsewherePem).open("127.0.0.1", server.getLocalPort(), Duration.ofSeconds(5)));
            assertTrue(e.getMessage().contains("not issued to the name or address connected to"), e.getMessage());
        }
    }

    @Test
    void theCliTerminalAndLoadTakeTlsCaAndReplayResendsTheHostsLogOverTls() throws Exception {
        Path terminals = dir.resolve("cli-terminals");
        for (Profile p : Profile.values()) {
            for (String[] action : List.of(new String[] {"signon"}, new String[] {"purchase", "12.34"})) {
                String[] args = concat(new String[] {"terminal", "--tls-ca", trusted.toString(), "--profile", p.id(), "--port", String.valueOf(host.port(p)),
                        "--tid", "T000066" + p.ordinal(), "--mid", String.format("M%014d", (659 + p.ordinal()) % 10 + 1), "--data", terminals.toString()}, action);
                CliHarness.Run r = CliHarness.execute(args);
                assertEquals(0, r.exit(), r.out() + r.err());
            }
        }
        Path other = TestCertificate.unrelatedCa(dir);
        CliHarness.Run refused = CliHarness.execute("terminal", "--tls-ca", other.toString(), "--port", String.valueOf(host.port(Profile.ISO87A)),
                "--tid", "T0000669", "--mid", "M00000000000001", "--data", terminals.toString(), "echo");
        assertEquals(2, refused.exit(), refused.out() + refused.err());
        assertTrue(refused.err().contains("is not trusted by --tls-ca " + other), refused.err());
        CliHarness.Run badCa = CliHarness.execute("terminal", "--tls-ca", dir.resolve("missing.pem").toString(), "--tid", "T0000669",
                "--mid", "M00000000000001", "--data", terminals.toString(), "echo");
        assertEquals(2, badCa.exit());
        assertTrue(badCa.err().contains("--tls-ca " + dir.resolve("missing.pem") + ": no such file"), badCa.err());

        CliHarness.Run load = CliHarness.execute("load", "--tls", "--tls-ca", trusted.toString(), "--port", String.valueOf(host.port(Profile.ISO87A)),
                "--terminals", "2", "--first-terminal", "671", "--duration", "1s", "--mix", "purchase=1");
        assertEquals(0, load.exit(), load.out() + load.err());
        assertTrue(load.out().contains(" iso87a over TLS, closed loop"), load.out());

        // the host's own message log, copied (the host keeps appending to it), replayed into the host over TLS; one host per JVM
        Path log = Files.copy(host.dataDir().resolve("log/q2.log"), dir.resolve("recorded-q2.log"));
        Path report = dir.resolve("replay.json");
        CliHarness.Run r = CliHarness.execute("replay", "--input", log.toString(), "--profile", "iso87a", "--tls-ca", trusted.toString(),
                "--target", "127.0.0.1:" + host.port(Profile.ISO87A), "--pace", "max", "--timeout", "10s", "--report", report.toString());
        JsonNode j = Json.mapper().readTree(report.toFile());
        assertTrue(j.path("sent").asLong() >= 2, r.out() + r.err());
        assertEquals(j.path("sent").asLong(), j.path("answered").asLong(), r.out());
        assertEquals(0, j.path("noAnswer").asLong(), r.out());
    }

    @Test
    void tlsCertMakesAKeystoreItsPasswordFileAndThePemAndRefusesToOverwrite() throws Exception {
        Path out = dir.resolve("made");
        CliHarness.Run r = CliHarness.execute("tls-cert", "--out", out.toString(), "--san", "dns:pos-host.example,ip:10.1.2.3", "--days", "30");
        assertEquals(0, r.exit(), r.out() + r.err());
        String password = Files.readString(out.resolve("host.p12.password")).strip();
        HostKeystore.Certificate c = HostKeystore.check(out.resolve("host.p12"), password.toCharArray(), password.toCharArray());
        assertTrue(c.subject().contains("CN=pos-host.example"), c.subject());
        assertTrue(Files.readString(out.resolve("host-cert.pem")).startsWith("-----BEGIN CERTIFICATE-----"));
        assertFalse(r.out().contains("PRIVATE KEY"));
        assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(out.resolve("host.p12.password"))));
        CliHarness.Run again = CliHarness.execute("tls-cert", "--out", out.toString());
        assertEquals(2, again.exit());
        assertTrue(again.err().contains("exists already"), again.err());
        CliHarness.Run badName = CliHarness.execute("tls-cert", "--out", dir.resolve("bad").toString(), "--san", "localhost");
        assertEquals(2, badName.exit());
        assertTrue(badName.err().contains("'localhost' is not dns:NAME or ip:ADDRESS"), badName.err());
    }

    private static String[] concat(String[] a, String[] b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
