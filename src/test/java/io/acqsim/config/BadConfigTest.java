package io.acqsim.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import org.jpos.iso.ISOMsg;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.acqsim.app.AcqsimHost;
import io.acqsim.host.TestHost;
import io.acqsim.iso.Profile;
import io.acqsim.terminal.RequestFactory;
import io.acqsim.terminal.TerminalLink;
import io.acqsim.yaml.FileError;

/**
 * A broken configuration stops the start with a {@link FileError} whose message names the file and
 * the key to fix (PRODUCT.md §9), and leaves nothing behind: no ledger, no listener, and a good start
 * afterwards in the same JVM works.
 */
class BadConfigTest {
    private static final Path CFG = TestHost.HOME.resolve("cfg");

    /** One broken copy: which file to change and how, and what the error must name. */
    record Case(String name, String file, UnaryOperator<String> edit, String expectedFile, String expectedKey, String expectedText) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("TMK check value does not match", "keys/terminal-keys.yml", s -> replace(s, "check-value: 08D7B4", "check-value: 08D7B5"),
                        "terminal-keys.yml", "ranges[0].check-value", "does not match"),
                new Case("TMK not hex", "keys/terminal-keys.yml", s -> replace(s, "tmk: 32333DB21AA61922041CD70B3B563C0C", "tmk: not-a-key"),
                        "terminal-keys.yml", "ranges[0].tmk", "hex digits"),
                new Case("unknown MAC setting", "keys/terminal-keys.yml", s -> replace(s, "mac: off", "mac: sometimes"),
                        "terminal-keys.yml", "ranges[0].mac", "'sometimes' is not off, on, unionpay-ecb or x9.19"),
                new Case("LMK file missing", "keys/terminal-keys.yml", s -> replace(s, "lmk: test-lmk.properties", "lmk: nosuch-lmk.properties"),
                        "terminal-keys.yml", "lmk", "not found"),
                new Case("unknown top-level key", "acqsim.yml", s -> s + "\nhots:\n  bind-address: 0.0.0.0\n",
                        "acqsim.yml", "hots.bind-address", "unknown key"),
                new Case("misspelt nested key", "acqsim.yml", s -> replace(s, "idle-timeout: PT5M", "idle-timout: PT5M"),
                        "acqsim.yml", "host.idle-timout", "unknown key"),
                new Case("unknown ledger durability", "acqsim.yml", s -> replace(s, "  # durability: journal", "  durability: cluster"),
                        "acqsim.yml", "ledger.durability", "'cluster' must be \"journal\" (one host) or \"database\""),
                new Case("port out of range", "acqsim.yml", s -> replace(s, "cup: 8583", "cup: 70000"),
                        "acqsim.yml", "host.ports.cup", "70000"),
                new Case("port not a number", "acqsim.yml", s -> replace(s, "iso87a: 8584", "iso87a: eighty"),
                        "acqsim.yml", "host.ports.iso87a", "eighty"),
                new Case("bad time zone", "acqsim.yml", s -> replace(s, "timezone: Asia/Shanghai", "timezone: Asia/Atlantis"),
                        "acqsim.yml", "host.timezone", "Asia/Atlantis"),
                new Case("bad duration", "acqsim.yml", s -> replace(s, "idle-timeout: PT5M", "idle-timeout: 5 minutes"),
                        "acqsim.yml", "host.idle-timeout", "5 minutes"),
                new Case("bad unknown-reversal answer", "acqsim.yml", s -> replace(s, "unknown-original-answer: \"25\"", "unknown-original-answer: \"05\""),
                        "acqsim.yml", "reversal.unknown-original-answer", "05"),
                new Case("not YAML", "acqsim.yml", s -> "host:\n  ports: {cup: 1, iso87a: [2\n  timezone: \"unterminated\n",
                        "acqsim.yml", null, ":3: not valid YAML: expected ',' or ']'"),
                new Case("missing registry file", "registry.yml", s -> null,
                        "acqsim.yml", "files.registry", "registry.yml"),
                new Case("unknown bank for a merchant", "registry.yml", s -> replace(s, "bank: PSBC", "bank: HSBC"),
                        "registry.yml", "merchants[0].bank", "HSBC"),
                new Case("duplicate merchant", "registry.yml", s -> replace(s, "id: M00000000000002", "id: M00000000000001"),
                        "registry.yml", "merchants[1].id", "duplicate"),
                new Case("misspelt merchant key", "registry.yml", s -> replace(s, "product: D0", "prodcut: D0"),
                        "registry.yml", "merchants[9].prodcut", "unknown key"),
                new Case("range names an unknown merchant", "registry.yml", s -> replace(s, "      - M00000000000010", "      - M00000000000099"),
                        "registry.yml", "terminal-ranges[0].merchants", "M00000000000099"),
                new Case("a key written twice", "registry.yml", s -> s + "\nbanks: [PSBC]\n",
                        "registry.yml", "banks", "duplicate key"),
                new Case("registry is binary garbage", "registry.yml", s -> garbage(),
                        "registry.yml", null, "not valid YAML: character U+"),
                new Case("bad response code in a rule", "issuer.yml", s -> replace(s, "answer: \"05\"", "answer: \"5\""),
                        "issuer.yml", "rules[1].answer", "'5'"),
                new Case("misspelt rule condition", "issuer.yml", s -> replace(s, "amount-suffix: \"54\"", "amount-sufix: \"54\""),
                        "issuer.yml", "rules[2].when.amount-sufix", "unknown key"),
                new Case("missing issuer file", "issuer.yml", s -> null,
                        "acqsim.yml", "files.issuer", "issuer.yml"),
                new Case("unknown calendar", "acqsim.yml", s -> replace(s, "calendar: cn ", "calendar: xx "),
                        "acqsim.yml", "settlement.calendar", "unknown calendar 'xx'"),
                new Case("bad payout time", "acqsim.yml", s -> replace(s, "payout-time: \"10:00\"", "payout-time: \"25:00\""),
                        "acqsim.yml", "settlement.payout-time", "25:00"),
                new Case("retry max below first", "acqsim.yml", s -> replace(s, "retry-max: PT1H", "retry-max: PT10S"),
                        "acqsim.yml", "settlement.retry-max", "at least"),
                new Case("calendar with an overlapping holiday", "calendars/cn-2026.yml",
                        s -> replace(s, "to: 2026-01-03 }", "to: 2026-02-16 }").replace("- { date: 2026-01-04, for: New Year }", ""),
                        "cn-2026.yml", "holidays[1].from", "overlaps"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void badConfigurationIsRefusedNamingFileAndKey(Case c, @TempDir Path tmp) throws IOException {
        Path home = copyCfg(tmp);
        Path target = home.resolve("cfg").resolve(c.file());
        String edited = c.edit().apply(Files.readString(target));
        if (edited == null) {
            Files.delete(target);
        } else {
            Files.writeString(target, edited);
        }
        Path data = tmp.resolve("data");
        Map<String, String> ports = new HashMap<>(Map.of("host.ports.cup", "0", "host.ports.iso87a", "0", "host.ports.admin", "0"));
        if (c.expectedKey() != null && c.expectedKey().startsWith("host.ports.")) ports.remove(c.expectedKey());

        FileError e = assertThrows(FileError.class, () -> {
            AcqsimHost h = AcqsimHost.start(AcqsimHost.Options.defaults(home, data)
                    .withConfig(home.resolve("cfg/acqsim.yml")).withOverrides(ports));
            h.close();
        }, c.name() + " was accepted");
        String msg = e.getMessage();
        System.out.println(c.name() + " -> " + msg);
        assertTrue(msg.contains(c.expectedFile()), "message does not name " + c.expectedFile() + ": " + msg);
        assertEquals(c.expectedFile(), e.file().getFileName().toString(), msg);
        if (c.expectedKey() != null) {
            assertTrue(msg.contains(": " + c.expectedKey() + ":"), "message does not name key " + c.expectedKey() + ": " + msg);
            assertEquals(c.expectedKey(), e.key(), msg);
        }
        assertTrue(msg.contains(c.expectedText()), "message does not say '" + c.expectedText() + "': " + msg);
        if (edited != null && c.expectedKey() != null && c.file().equals(c.expectedFile())) {
            // a key written in the file is reported on its line, even when the check runs after the file was read
            String leaf = c.expectedKey().replaceAll(".*\\.", "").replaceAll("\\[\\d+]$", "");
            assertTrue(e.line() > 0, "no line for " + c.expectedKey() + ": " + msg);
            assertTrue(edited.lines().skip(e.line() - 1).findFirst().orElse("").contains(leaf),
                    "line " + e.line() + " does not hold " + leaf + ": " + msg);
        }
        assertFalse(Files.exists(data.resolve("ledger")), "a refused configuration created a ledger");
    }

    @Test
    void missingConfigFileIsNamed(@TempDir Path tmp) throws IOException {
        Path home = copyCfg(tmp);
        Path missing = home.resolve("cfg/nosuch.yml");
        FileError e = assertThrows(FileError.class,
                () -> AcqsimHost.start(AcqsimHost.Options.defaults(home, tmp.resolve("data")).withConfig(missing)).close());
        assertTrue(e.getMessage().contains("nosuch.yml"), e.getMessage());
        assertTrue(e.getMessage().contains("not found"), e.getMessage());
    }

    /**
     * A port already in use is not a config error but must still fail clearly, naming the port, and
     * leave nothing behind; then the same (copied, untouched) configuration starts and serves.
     */
    @Test
    void portInUseFailsClearlyAndAGoodConfigStartsAfterwards(@TempDir Path tmp) throws Exception {
        Path home = copyCfg(tmp);
        Path config = home.resolve("cfg/acqsim.yml");
        try (ServerSocket busy = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = busy.getLocalPort();
            RuntimeException e = assertThrows(RuntimeException.class, () -> AcqsimHost.start(AcqsimHost.Options.defaults(home, tmp.resolve("busy"))
                    .withConfig(config).withOverrides(Map.of("host.ports.cup", "0", "host.ports.iso87a", String.valueOf(port), "host.ports.admin", "0"))).close());
            assertTrue(e.getMessage().contains(String.valueOf(port)), "message does not name port " + port + ": " + e.getMessage());
        }
        try (AcqsimHost h = AcqsimHost.start(AcqsimHost.Options.defaults(home, tmp.resolve("good"))
                .withConfig(config).withOverrides(Map.of("host.ports.cup", "0", "host.ports.iso87a", "0", "host.ports.admin", "0")))) {
            RequestFactory rf = new RequestFactory(Profile.ISO87A, "T0000001", "M00000000000001", Clock.systemUTC(), ZoneId.of("Asia/Shanghai"));
            try (TerminalLink link = new TerminalLink("127.0.0.1", h.port(Profile.ISO87A), Profile.ISO87A, home.resolve("cfg/packagers"),
                    java.time.Duration.ofSeconds(10))) {
                ISOMsg r = link.exchange(rf.signOn("000001", 1));
                assertNotNull(r);
                assertEquals("00", r.getString(39));
            }
        }
    }

    // ---- helpers --------------------------------------------------------------------------------

    /** A product home with a copy of cfg/ (packagers included) and the real deploy/ descriptors. */
    private static Path copyCfg(Path tmp) throws IOException {
        Path home = tmp.resolve("home");
        Path cfg = home.resolve("cfg");
        try (Stream<Path> s = Files.walk(CFG)) {
            for (Path p : s.toList()) {
                Path to = cfg.resolve(CFG.relativize(p).toString());
                if (Files.isDirectory(p)) Files.createDirectories(to);
                else Files.copy(p, to);
            }
        }
        Path deploy = home.resolve("deploy");
        Files.createDirectories(deploy);
        try (Stream<Path> s = Files.list(TestHost.HOME.resolve("deploy"))) {
            for (Path p : s.toList()) Files.copy(p, deploy.resolve(p.getFileName()));
        }
        return home;
    }

    private static String replace(String s, String from, String to) {
        if (!s.contains(from)) fail("the shipped file no longer contains '" + from + "'; update this test");
        return s.replaceFirst(java.util.regex.Pattern.quote(from), java.util.regex.Matcher.quoteReplacement(to));
    }

    private static String garbage() {
        byte[] b = new byte[512];
        new Random(42).nextBytes(b);
        return "{[: \t" + new String(b, java.nio.charset.StandardCharsets.ISO_8859_1);
    }
}
