package io.acqsim.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import javax.net.ssl.SSLSocket;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import com.fasterxml.jackson.databind.JsonNode;

import io.acqsim.cli.CliHarness;
import io.acqsim.host.TestHost;
import io.acqsim.iso.Profile;
import io.acqsim.json.Json;
import io.acqsim.load.LoadResult;
import io.acqsim.load.LoadRun;
import io.acqsim.load.Mix;
import io.acqsim.load.Rate;
import io.acqsim.message.ResponseCode;
import io.acqsim.terminal.EmulatedTerminal;
import io.acqsim.terminal.RequestFactory;
import io.acqsim.terminal.TerminalLink;
import io.acqsim.terminal.TerminalState;
import io.acqsim.yaml.FileError;

/**
 * A real host with TLS on both terminal ports (host.tls.*, a keystore keytool makes for the test): the
 * emulated terminal, the load generator and replay work over TLS with the host's certificate as CA; a
 * client that does not trust it, and a plain TCP client on the TLS port, fail with a message saying so
 * while the host keeps serving; a keystore the host cannot use stops its start naming the setting.
 */
class TlsTerminalPortsTest {
    @TempDir
    static Path dir;
    static Path keystore;
    static Path trusted;
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


    private static EmulatedTerminal terminal(Connector connector, Profile p, int n) {
        String tid = String.format("T%07d", n);
        String mid = String.format("M%014d", (n - 1) % 10 + 1);
        RequestFactory rf = new RequestFactory(p, tid, mid, Clock.systemUTC(), ZoneId.of("Asia/Shanghai"));
        return new EmulatedTerminal(TerminalLink.connector(connector, "127.0.0.1", host.port(p), p, TestHost.PACKAGERS, Duration.ofSeconds(10)),
                rf, TerminalState.inMemory());
    }

    @ParameterizedTest
    @EnumSource(Profile.class)
    void theEmulatedTerminalSignsOnAndBuysOverTls(Profile p) throws Exception {
        try (EmulatedTerminal t = terminal(TlsConnector.trusting(trusted), p, 601 + p.ordinal())) {
            assertTrue(t.signOn().is(ResponseCode.APPROVED));
            EmulatedTerminal.Exchange sale = t.cardPurchase(1234, "6222021234567890123", "2912", "071");
            assertTrue(sale.is(ResponseCode.APPROVED), "39=" + sale.responseCode());
            assertEquals(12, sale.rrn().length());
        }
    }

    @Test
    void aClientThatDoesNotTrustTheHostsCertificateIsToldSo() throws Exception {
        Path other = TestCertificate.unrelatedCa(dir);
        IOException e = assertThrows(IOException.class,
                () -> TlsConnector.trusting(other).open("127.0.0.1", host.port(Profile.ISO87A), Duration.ofSeconds(5)));
        assertTrue(e.getMessage().startsWith("TLS handshake failed: the host's certificate is not trusted by --tls-ca " + other), e.getMessage());
        UncheckedIOException viaTerminal = assertThrows(UncheckedIOException.class, () -> {
            try (EmulatedTerminal t = terminal(TlsConnector.trusting(other), Profile.CUP, 611)) {
                t.signOn();
            }
        });
        assertTrue(viaTerminal.getMessage().contains("(cup, TLS): TLS handshake failed: the host's certificate is not trusted"), viaTerminal.getMessage());
    }

    @Test
    void aPlainClientOnTheTlsPortIsDroppedAndTheHostServesTheNextTlsClient() throws Exception {
        for (Profile p : Profile.values()) {
            try (TerminalLink plain = new TerminalLink("127.0.0.1", host.port(p), p, TestHost.PACKAGERS, Duration.ofSeconds(5));
                 EmulatedTerminal probe = terminal(Connector.plain(), p, 621)) {
                assertTrue(plain.isConnected());
                // a sign-on in clear: the host cannot read it as TLS and closes the connection; no answer comes
                org.jpos.iso.ISOMsg signOn = new RequestFactory(p, "T0000621", "M00000000000001", Clock.systemUTC(), ZoneId.of("Asia/Shanghai"))
                        .signOn("000001", 1);
                plain.send(signOn);
                IOException closed = assertThrows(IOException.class, () -> {
                    if (plain.receive() == null) throw new AssertionError("the host kept a plain client waiting instead of closing");
                });
                assertTrue(closed.getMessage().contains("closed the connection without answering (a host with TLS on closes plain connections"),
                        closed.getMessage());
            }
            try (EmulatedTerminal t = terminal(TlsConnector.trusting(trusted), p, 631 + p.ordinal())) {
                assertTrue(t.signOn().is(ResponseCode.APPROVED), "the host still serves TLS terminals on " + p);
            }
        }
        String log = awaitLog(l -> l.contains("tls-failed"));
        assertTrue(log.contains("tls-failed") && log.contains("a plain TCP client on a TLS port"), "the host logs why it dropped the client");
    }

    @Test
    void aTlsClientOnAPlainPortIsToldWhenNoTlsAnswerComes() throws Exception {
        try (ServerSocket plainHost = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            IOException e = assertThrows(IOException.class,
                    () -> TlsConnector.trusting(trusted).open("127.0.0.1", plainHost.getLocalPort(), Duration.ofMillis(500)));
            assertTrue(e.getMessage().contains("no TLS answer within 500 ms; is it a plain TCP port?"), e.getMessage());
        }
    }

    @Test
    void aPlainPortThatAnswersInClearIsNotMistakenForTls() throws Exception {
        try (ServerSocket plainHost = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            Thread answer = Thread.ofVirtual().start(() -> {
                try (Socket s = plainHost.accept(); InputStream in = s.getInputStream(); OutputStream out = s.getOutputStream()) {
                    in.read(new byte[512]);
                    out.write("\u0000\u00040800".getBytes(StandardCharsets.ISO_8859_1));
                    out.flush();
                    in.read();
                } catch (IOException ignored) {
                    // the client gave up: what the test wants
                }
            });
            IOException e = assertThrows(IOException.class,
                    () -> TlsConnector.trusting(trusted).open("127.0.0.1", plainHost.getLocalPort(), Duration.ofSeconds(5)));
            assertTrue(e.getMessage().startsWith("TLS handshake failed: the host did not answer with TLS"), e.getMessage());
            answer.join(5000);
        }
    }

    @Test
    void theHandshakeIsTlsWithTheHostsCertificate() throws Exception {
        try (Socket s = TlsConnector.trusting(trusted).open("localhost", host.port(Profile.CUP), Duration.ofSeconds(5))) {
            SSLSocket tls = assertInstanceOf(SSLSocket.class, s);
            assertTrue(tls.getSession().getProtocol().matches("TLSv1\\.[23]"), tls.getSession().getProtocol());
            String subject = ((java.security.cert.X509Certificate) tls.getSession().getPeerCertificates()[0]).getSubjectX500Principal().getName();
            assertTrue(subject.contains("CN=localhost"), subject);
        }
    }

    @ParameterizedTest
    @EnumSource(Profile.class)
    void theLoadGeneratorRunsAClosedLoopOverTls(Profile p) throws Exception {
        int first = p == Profile.CUP ? 651 : 641;
        LoadRun.Options o = new LoadRun.Options("127.0.0.1", host.port(p), p, TestHost.PACKAGERS, 4, first, Rate.MAX,
                Duration.ofSeconds(1), Duration.ofSeconds(5), Mix.parse("purchase=1,qr=1"), 3).withConnector(TlsConnector.trusting(trusted));
        LoadResult r = LoadRun.run(o, null);
        assertEquals(0, r.errors(), r.toString());
        assertEquals(0, r.timeouts(), r.toString());
        assertTrue(r.sent() > 20, "a closed loop over TLS on loopback sends plenty in 1 s: " + r);
        assertEquals(r.sent(), r.approved(), r.toString());
    }

    @Test
    void aMissingKeystoreOrAWrongPasswordStopsTheStartNamingTheSetting() {
        FileError missing = assertThrows(FileError.class, () -> TestHost.start(dir.resolve("data-c"),
                Map.of("host.tls.enabled", "true", "host.tls.keystore", dir.resolve("none.p12").toString(), "host.tls.keystore-password", password)));
        assertTrue(missing.getMessage().contains("host.tls.keystore") && missing.getMessage().contains("none.p12' not found"), missing.getMessage());
        FileError wrong = assertThrows(FileError.class, () -> TestHost.start(dir.resolve("data-d"),
                Map.of("host.tls.enabled", "true", "host.tls.keystore", keystore.toString(), "host.tls.keystore-password", "not-" + password)));
        assertTrue(wrong.getMessage().contains("host.tls.keystore") && wrong.getMessage().contains("wrong password"), wrong.getMessage());
        assertFalse(wrong.getMessage().contains(password), "no password in the message");
        FileError none = assertThrows(FileError.class, () -> TestHost.start(dir.resolve("data-e"), Map.of("host.tls.enabled", "true")));
        assertTrue(none.getMessage().contains("host.tls.keystore") && none.getMessage().contains("required"), none.getMessage());
    }

    private static String awaitLog(java.util.function.Predicate<String> ready) throws Exception {
        Path file = host.dataDir().resolve("log/q2.log");
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        String text = "";
        while (System.nanoTime() < deadline) {
            if (Files.exists(file)) {
                text = Files.readString(file, StandardCharsets.ISO_8859_1);
                if (ready.test(text)) return text;
            }
            Thread.sleep(50);
        }
        return text;
    }
}
