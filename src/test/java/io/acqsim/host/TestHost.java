package io.acqsim.host;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.jpos.iso.ISOException;
import org.jpos.iso.ISOMsg;

import io.acqsim.app.AcqsimHost;
import io.acqsim.clock.ClockMode;
import io.acqsim.iso.Profile;
import io.acqsim.terminal.TerminalLink;

/**
 * A real acqsim host for a test: the shipped deploy/ and cfg/ files, ephemeral ports, a fresh data
 * directory, and a short issuer timeout (1.5 s) and late-answer latency (1 s) so timeout paths run quickly.
 */
public final class TestHost implements AutoCloseable {
    public static final Path HOME = Path.of(System.getProperty("acqsim.home", ".")).toAbsolutePath();
    public static final Path PACKAGERS = HOME.resolve("cfg/packagers");

    private final AcqsimHost host;

    private TestHost(AcqsimHost host) {
        this.host = host;
    }

    public static TestHost start(Path dataDir) {
        return start(dataDir, Map.of());
    }

    public static TestHost start(Path dataDir, Map<String, String> overrides) {
        return start(dataDir, overrides, ClockMode.REAL, null);
    }

    /**
     * A host on a manual simulated clock starting at {@code start}: captures (fields 12/13/15, business
     * dates), clearing and payouts read it; issuer waits stay real time.
     */
    public static TestHost startManual(Path dataDir, Instant start) {
        return start(dataDir, Map.of(), ClockMode.MANUAL, start);
    }

    public static TestHost start(Path dataDir, Map<String, String> overrides, ClockMode mode, Instant start) {
        return start(dataDir, overrides, Map.of(), mode, start);
    }

    /** As {@link #start(Path, Map, ClockMode, Instant)}, with issuer rules changed too (keys of cfg/issuer.yml, e.g. {@code rules(0).answer}). */
    public static TestHost start(Path dataDir, Map<String, String> overrides, Map<String, String> issuer, ClockMode mode, Instant start) {
        Map<String, String> o = new HashMap<>(Map.of("host.ports.cup", "0", "host.ports.iso87a", "0", "host.ports.admin", "0"));
        o.putAll(overrides);
        Map<String, String> i = new HashMap<>(Map.of("timeout", "PT1.5S", "rules(5).latency", "PT1S"));
        i.putAll(issuer);
        return new TestHost(AcqsimHost.start(AcqsimHost.Options.defaults(HOME, dataDir).withOverrides(o)
                .withIssuerOverrides(i).withClock(mode, start).withEnvironment(Map.of())));
    }

    public static Path tempData() {
        try {
            return Files.createTempDirectory("acqsim-test-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int adminPort() {
        return host.adminPort();
    }

    public Path dataDir() {
        return host.dataDir();
    }

    /** The host's simulated clock. */
    public io.acqsim.clock.SimClock clock() {
        return host.services().clock();
    }

    public int port(Profile p) {
        return host.port(p);
    }

    public HostServices services() {
        return host.services();
    }

    public TerminalLink connect(Profile p) throws IOException {
        return new TerminalLink("127.0.0.1", port(p), p, PACKAGERS, Duration.ofSeconds(10));
    }

    public ISOMsg exchange(Profile p, ISOMsg request) throws IOException, ISOException {
        try (TerminalLink link = connect(p)) {
            return link.exchange(request);
        }
    }

    @Override
    public void close() {
        host.close();
    }
}
