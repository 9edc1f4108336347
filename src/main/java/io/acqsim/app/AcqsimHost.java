package io.acqsim.app;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.jpos.q2.Q2;
import org.jpos.util.NameRegistrar;

import io.micrometer.core.instrument.Metrics;

import io.acqsim.admin.AdminServer;
import io.acqsim.admin.AdminToken;
import io.acqsim.payout.BankReceipts;
import io.acqsim.payout.DatabaseReceipts;
import io.acqsim.cluster.Cluster;
import io.acqsim.cluster.ClusterClock;
import io.acqsim.cluster.ClusterNode;
import io.acqsim.cluster.CutoverAcknowledgement;
import io.acqsim.ledger.Durability;
import io.acqsim.api.AdminApi;
import io.acqsim.calendar.BusinessCalendar;
import io.acqsim.calendar.Calendars;
import io.acqsim.calendar.SettlementCalendar;
import io.acqsim.chip.ChipServices;
import io.acqsim.chip.ChipSettings;
import io.acqsim.clock.ClockMode;
import io.acqsim.clock.Scheduler;
import io.acqsim.clock.SimClock;
import io.acqsim.config.ConfigFile;
import io.acqsim.config.HostConfig;
import io.acqsim.config.Registry;
import io.acqsim.fault.FaultRegistry;
import io.acqsim.iso.Packagers;
import io.acqsim.iso.Profile;
import io.acqsim.issuer.IssuerRules;
import io.acqsim.keys.TerminalMasterKeys;
import io.acqsim.keys.WorkingKeyStore;
import io.acqsim.ledger.Ledger;
import io.acqsim.ledger.LedgerSettings;
import io.acqsim.ledger.LedgerUrl;
import io.acqsim.q2.BoundPortSocketFactory;
import io.acqsim.scenario.FaultActivator;
import io.acqsim.scenario.Scenario;
import io.acqsim.scenario.ScenarioParser;
import io.acqsim.payout.MerchantAccounts;
import io.acqsim.settlement.Settlement;
import io.acqsim.payout.SettlementBanks;
import io.acqsim.config.SettlementSettings;
import io.acqsim.host.HostServices;
import io.acqsim.yaml.FileError;

/**
 * Starts and stops one acqsim host: validates the configuration (a bad file stops the start with a
 * message naming file and key), opens the ledger, registers the {@link HostServices}, renders the
 * numbered Q2 descriptors of {@code deploy/} into {@code DATA/deploy/} with the configured values, starts
 * Q2 and waits until both terminal listeners are bound.
 */
public final class AcqsimHost implements AutoCloseable {
    /**
     * The name under which the running host's {@link SimClock} is registered in NameRegistrar while it runs:
     * the terminal channels' {@code clock} property in deploy/ names it, to log each message's simulated instant.
     */
    public static final String CLOCK_NAME = "acqsim.clock";
    /** The emulated banks' receipt log, under the data directory. */
    public static final String RECEIPTS = "bank/receipts.log";
    private static final Logger LOG = LogManager.getLogger(AcqsimHost.class);
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([a-z0-9-]+)}");
    private static final AtomicInteger INSTANCES = new AtomicInteger();

    private final HostServices services;
    private final Q2 q2;
    private final Map<Profile, Integer> ports;
    private final Path dataDir;
    private final AdminServer admin;
    private final Cluster cluster;

    private AcqsimHost(HostServices services, Q2 q2, Map<Profile, Integer> ports, Path dataDir, AdminServer admin, Cluster cluster) {
        this.admin = admin;
        this.cluster = cluster;
        this.services = services;
        this.q2 = q2;
        this.ports = ports;
        this.dataDir = dataDir;
    }

    /**
     * What to start: where the product files are (deploy/, cfg/), where data goes, which config,
     * overrides, and how the simulated clock runs ({@code start} null = now).
     */
    public record Options(Path home, Path dataDir, Path configFile, Map<String, String> overrides, Map<String, String> issuerOverrides,
                          ClockMode clockMode, Instant clockStart, Path scenario, Map<String, String> environment) {
        public static Options defaults(Path home, Path dataDir) {
            return new Options(home, dataDir, home.resolve("cfg/acqsim.yml"), Map.of(), Map.of(), ClockMode.REAL, null, null, System.getenv());
        }

        /** The environment the host reads (ACQSIM_ADMIN_TOKEN, ACQSIM_LEDGER_USER, ACQSIM_LEDGER_PASSWORD); tests give an empty one so the user's does not leak in. */
        public Options withEnvironment(Map<String, String> env) {
            return new Options(home, dataDir, configFile, overrides, issuerOverrides, clockMode, clockStart, scenario, env);
        }

        /** A scenario file loaded before the host takes traffic (null: none). */
        public Options withScenario(Path file) {
            return new Options(home, dataDir, configFile, overrides, issuerOverrides, clockMode, clockStart, file, environment);
        }

        public Options withOverrides(Map<String, String> o) {
            return new Options(home, dataDir, configFile, o, issuerOverrides, clockMode, clockStart, scenario, environment);
        }

        public Options withIssuerOverrides(Map<String, String> o) {
            return new Options(home, dataDir, configFile, overrides, o, clockMode, clockStart, scenario, environment);
        }

        public Options withClock(ClockMode mode, Instant start) {
            return new Options(home, dataDir, configFile, overrides, issuerOverrides, mode, start, scenario, environment);
        }

        public Options withConfig(Path file) {
            return new Options(home, dataDir, file, overrides, issuerOverrides, clockMode, clockStart, scenario, environment);
        }
    }

    public static AcqsimHost start(Options o) {
        HostConfig config = HostConfig.load(o.configFile(), o.dataDir(), o.overrides(), o.environment());
        Registry registry = Registry.load(config.registryFile());
        IssuerRules issuer = IssuerRules.load(config.issuerFile(), o.issuerOverrides());
        TerminalMasterKeys masterKeys = TerminalMasterKeys.load(config.keysFile());
        for (Profile p : Profile.values()) Packagers.load(config.packagerDir(), p);
        try {
            Files.createDirectories(o.dataDir().resolve("log"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the data directory " + o.dataDir() + ": " + e.getMessage(), e);
        }
        Calendars calendars = Calendars.load(config.calendarDir());
        BusinessCalendar calendar = calendar(config, calendars, o.overrides());
        Scenario scenario = o.scenario() == null ? null : new ScenarioParser(config.zone()).parse(o.scenario());
        boolean clustered = config.cluster().enabled();
        Ledger ledger = Ledger.open(new LedgerSettings(config.ledgerUrl(), config.ledgerUser(), config.ledgerPassword(), config.groupCommitMax(),
                config.ledgerJournal(), config.ledgerSync()).withDurability(config.ledgerDurability()));
        Instant start = o.clockStart() != null ? o.clockStart() : Instant.now();
        SimClock clock;
        try {
            clock = clustered ? ClusterClock.startingClock(ledger.dataSource(), o.clockMode(), start, config.zone())
                    : new SimClock(o.clockMode(), start, config.zone());
        } catch (RuntimeException e) {
            ledger.close();
            throw e;
        }
        Scheduler scheduler = new Scheduler(clock);
        Q2 q2 = null;
        AdminServer admin = null;
        BankReceipts receipts = null;
        Cluster cluster = null;
        try {
            receipts = clustered ? new DatabaseReceipts(ledger.dataSource()) : BankReceipts.open(o.dataDir().resolve(RECEIPTS));
            Settlement settlement = settlement(config, registry, calendar, ledger, scheduler, o.dataDir(), receipts);
            FaultRegistry faults = new FaultRegistry(config.settlement().seed(), Boolean.getBoolean("acqsim.faults.bypass"));
            FaultActivator activator = new FaultActivator(faults, settlement, registry, calendars);
            if (scenario != null) activator.load(scenario);
            Path deploy = render(o.home().resolve("deploy"), o.dataDir(), config);
            // constructed (not started) before the services: its Prometheus registry, which it adds to Micrometer's
            // global one, holds the host's meters too
            q2 = new Q2(new String[] {"-d", deploy.toString(), "-Ns", "-Nh", "-Nd", "-Nf", "-Ed", o.dataDir().toString()});
            HostServices services = new HostServices(config, registry, issuer, ledger, clock, scheduler, settlement, faults, activator,
                    q2.getPrometheusMeterRegistry(), masterKeys, new WorkingKeyStore(masterKeys.module(), o.dataDir().resolve("keys")));
            NameRegistrar.register(HostServices.NAME, services);
            NameRegistrar.register(CLOCK_NAME, clock);
            NameRegistrar.register(ChipServices.NAME, new ChipServices(chip(o), o.dataDir()));
            for (Profile p : Profile.values()) NameRegistrar.unregister(BoundPortSocketFactory.PREFIX + p.id());
            if (!clustered) settlement.start();   // in a cluster only the leader runs it, once elected
            q2.start();
            Map<Profile, Integer> ports = awaitPorts(Duration.ofSeconds(30));
            if (!q2.ready(30_000)) throw new IllegalStateException("Q2 did not finish deploying within 30 s; see " + o.dataDir().resolve("log/q2.log"));
            refuseFailedDescriptors(deploy);
            LOG.info("acqsim host up: cup on {}, iso87a on {}, {} terminals, ledger {}", ports.get(Profile.CUP),
                    ports.get(Profile.ISO87A), registry.terminalCount(), LedgerUrl.redacted(config.ledgerUrl()));
            if (config.tls().enabled()) {
                LOG.info("terminal ports: {}", config.tls());
                if (config.tls().certificate().notAfter().isBefore(Instant.now())) {
                    LOG.warn("the host's TLS certificate expired at {}: terminals that check it will refuse the host", config.tls().certificate().notAfter());
                }
            }
            // the admin API starts before the node joins (the node registers its admin port): it follows the lead once joined
            AtomicReference<Cluster> joined = new AtomicReference<>();
            admin = startAdmin(services, ports, o.dataDir(), o.environment(), () -> joined.get() != null && joined.get().leading());
            if (clustered) {
                cluster = joinCluster(config, services, ports, admin, (DatabaseReceipts) receipts);
                joined.set(cluster);
            }
            return new AcqsimHost(services, q2, ports, o.dataDir(), admin, cluster);
        } catch (RuntimeException e) {
            if (cluster != null) cluster.close();
            if (admin != null) admin.close();
            if (q2 != null) stop(q2);
            NameRegistrar.unregister(HostServices.NAME);
            NameRegistrar.unregister(CLOCK_NAME);
            NameRegistrar.unregister(ChipServices.NAME);
            scheduler.close();
            if (receipts != null) receipts.close();
            ledger.close();
            throw e;
        }
    }

    /**
     * Joins the cluster of {@code cluster.node} once the node takes traffic: registers it, and tries for the lead of
     * settlement (which it then starts). The election's lease is a connection of its own to the ledger's database.
     */
    private static Cluster joinCluster(HostConfig c, HostServices services, Map<Profile, Integer> ports, AdminServer admin,
                                       DatabaseReceipts receipts) {
        Properties props = new Properties();
        if (c.ledgerUser() != null) props.setProperty("user", c.ledgerUser());
        if (c.ledgerPassword() != null) props.setProperty("password", c.ledgerPassword());
        props.setProperty("ApplicationName", "acqsim-leader-lease");
        props.setProperty("connectTimeout", "5");
        props.setProperty("socketTimeout", "10");
        props.setProperty("tcpKeepAlive", "true");
        Duration requestLimit = services.issuer().timeout().plusSeconds(5);
        CutoverAcknowledgement cutovers = new CutoverAcknowledgement(services.clock(), c.zone(), c.cutover(), () -> services.inFlight().size(),
                requestLimit);
        return Cluster.join(new Cluster.Member(c.cluster().node(), services.ledger().dataSource(),
                () -> DriverManager.getConnection(c.ledgerUrl(), props),
                new ClusterNode.Addresses(c.bindAddress() + ":" + admin.port(), ports.get(Profile.CUP), ports.get(Profile.ISO87A)),
                () -> services.meters().live().terminals().values().stream().mapToInt(Long::intValue).sum(),
                services.clock(), cutovers, services.settlement(), receipts, requestLimit.plus(ClusterNode.LIVE_WITHIN)));
    }

    /** cfg/chip/chip.yml next to the configuration file, with {@code chip.downloads} of the configuration. */
    private static ChipSettings chip(Options o) {
        boolean downloads = ConfigFile.load(o.configFile(), o.overrides()).bool("chip.downloads", false);
        return ChipSettings.load(o.configFile().toAbsolutePath().getParent().resolve("chip/chip.yml"), downloads);
    }

    /**
     * Stops Q2 and takes its Prometheus registry out of Micrometer's global one, where Q2 put it and would
     * leave it: otherwise every later Q2 in this JVM (tests start many) would record jPOS's meters into it too.
     */
    private static void stop(Q2 q2) {
        q2.shutdown(true);
        Metrics.globalRegistry.remove(q2.getPrometheusMeterRegistry());
        q2.getPrometheusMeterRegistry().close();
    }

    /**
     * One {@code GET /metrics} from the host to its own admin server in the background as it comes up, the
     * answer discarded: a JVM's first admin request loads and compiles Netty's HTTP codec and the routes, and
     * its first scrape the exposition code (together 150-450 ms measured), which a monitoring system would
     * otherwise see as a slow first scrape. If the host stops meanwhile, the request's failure means nothing.
     */
    private static void warmUpScrape(InetSocketAddress admin, String token) {
        InetAddress to = admin.getAddress().isAnyLocalAddress() ? InetAddress.getLoopbackAddress() : admin.getAddress();
        Thread.ofVirtual().name("acqsim-metrics-warm-up").start(() -> {
            try (Socket s = new Socket(to, admin.getPort())) {
                s.getOutputStream().write(("GET /metrics HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + token
                        + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                s.getInputStream().transferTo(OutputStream.nullOutputStream());
            } catch (IOException e) {
                LOG.debug("warm-up scrape of /metrics: {}", e.toString());
            }
        });
    }

    /** The admin HTTP API on the configured address; its token from ACQSIM_ADMIN_TOKEN or DATA/admin.token. */
    private static AdminServer startAdmin(HostServices services, Map<Profile, Integer> ports, Path dataDir, Map<String, String> env,
                                          java.util.function.BooleanSupplier leading) {
        HostConfig c = services.config();
        Map<String, Integer> named = new java.util.TreeMap<>();
        ports.forEach((p, port) -> named.put(p.id(), port));
        String token = AdminToken.resolve(dataDir, env);
        AdminServer server = AdminServer.start(new InetSocketAddress(c.bindAddress(), c.adminPort()), new AdminApi(services, named, leading).routes(), token);
        warmUpScrape(server.address(), token);
        return server;
    }

    /**
     * The configured calendar; an unknown name is a configuration error naming the key and its line (the
     * file is read again for that: only on this error path, since the names are known only once the
     * calendar files are read).
     */
    private static BusinessCalendar calendar(HostConfig config, Calendars calendars, Map<String, String> overrides) {
        try {
            return calendars.get(config.settlement().calendar());
        } catch (IllegalArgumentException e) {
            throw ConfigFile.load(config.file(), overrides).error("settlement.calendar", e.getMessage());
        }
    }

    private static Settlement settlement(HostConfig config, Registry registry, BusinessCalendar calendar, Ledger ledger,
                                         Scheduler scheduler, Path dataDir, BankReceipts receipts) {
        SettlementSettings s = config.settlement();
        return new Settlement(s, config.zone(), config.cutover(), ledger, registry.merchants().values(),
                new SettlementCalendar(calendar), scheduler, dataDir.resolve("clearing"),
                new SettlementBanks(java.util.Set.copyOf(registry.banks()), s.backoff(), s.seed(), receipts),
                new MerchantAccounts());
    }

    /** Copies deploy/*.xml into DATA/deploy with every ${key} filled; an unknown key names the file. */
    private static Path render(Path templates, Path dataDir, HostConfig c) {
        Map<String, String> values = new HashMap<>();
        values.put("data", dataDir.toAbsolutePath().toString());
        values.put("space", "tspace:acqsim-" + INSTANCES.incrementAndGet());
        values.put("bind-address", c.bindAddress());
        values.put("tls", String.valueOf(c.tls().enabled()));
        values.put("cup-port", String.valueOf(c.cupPort() == 0 ? 1 : c.cupPort()));
        values.put("cup-ephemeral", String.valueOf(c.cupPort() == 0));
        values.put("iso87a-port", String.valueOf(c.iso87aPort() == 0 ? 1 : c.iso87aPort()));
        values.put("iso87a-ephemeral", String.valueOf(c.iso87aPort() == 0));
        values.put("sessions", String.valueOf(c.sessions()));
        values.put("max-connections", "10000");
        values.put("idle-timeout-ms", String.valueOf(c.idleTimeout().toMillis()));
        values.put("max-frame-bytes", String.valueOf(c.maxFrameBytes()));
        values.put("packager-dir", c.packagerDir().toAbsolutePath().toString());
        Path out = dataDir.resolve("deploy");
        try {
            if (Files.isDirectory(out)) {
                try (Stream<Path> old = Files.list(out)) {
                    for (Path p : old.toList()) Files.delete(p);
                }
            }
            Files.createDirectories(out);
            List<Path> files;
            try (Stream<Path> s = Files.list(templates)) {
                files = s.filter(p -> p.toString().endsWith(".xml")).sorted().toList();
            }
            if (files.isEmpty()) throw new FileError(templates, "", "no deploy descriptors found");
            for (Path f : files) {
                String text = Files.readString(f);
                Matcher m = PLACEHOLDER.matcher(text);
                StringBuilder sb = new StringBuilder();
                while (m.find()) {
                    String v = values.get(m.group(1));
                    if (v == null) throw new FileError(f, m.group(1), "unknown placeholder");
                    m.appendReplacement(sb, Matcher.quoteReplacement(v.replace("&", "&amp;").replace("<", "&lt;").replace("\"", "&quot;")));
                }
                m.appendTail(sb);
                Files.writeString(out.resolve(f.getFileName()), sb.toString());
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot render deploy descriptors into " + out + ": " + e.getMessage(), e);
        }
    }

    /** Q2 renames a descriptor it could not deploy to .BAD (or .DUP); the host must not run without it. */
    private static void refuseFailedDescriptors(Path deploy) {
        try (Stream<Path> s = Files.list(deploy)) {
            List<Path> failed = s.filter(p -> p.toString().endsWith(".BAD") || p.toString().endsWith(".DUP")).toList();
            if (!failed.isEmpty()) {
                throw new IllegalStateException("Q2 could not deploy " + failed.stream().map(p -> p.getFileName().toString()).toList()
                        + "; the reason is in " + deploy.resolveSibling("log/q2.log"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<Profile, Integer> awaitPorts(Duration max) {
        long deadline = System.nanoTime() + max.toNanos();
        Map<Profile, Integer> ports = new HashMap<>();
        while (ports.size() < Profile.values().length) {
            for (Profile p : Profile.values()) {
                BoundPortSocketFactory.Bound b = NameRegistrar.getIfExists(BoundPortSocketFactory.PREFIX + p.id());
                if (b == null) continue;
                if (b.error() != null) throw new IllegalStateException("profile " + p + ": " + b.error());
                ports.put(p, b.port());
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the terminal listeners did not start within " + max.toSeconds() + " s; see DATA/log/q2.log");
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while starting", e);
            }
        }
        return ports;
    }

    public int port(Profile p) {
        return ports.get(p);
    }

    /** The admin HTTP API's port. */
    public int adminPort() {
        return admin.port();
    }

    public HostServices services() {
        return services;
    }

    /** This host's part in a cluster ({@code --node}); empty when it runs alone. */
    public Optional<Cluster> cluster() {
        return Optional.ofNullable(cluster);
    }

    /** Waits until no financial request is in flight (or {@code max} passes); true when idle. */
    public boolean awaitIdle(Duration max) {
        long deadline = System.nanoTime() + max.toNanos();
        while (services.inFlight().size() > 0) {
            if (System.nanoTime() > deadline) return false;
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    public Path dataDir() {
        return dataDir;
    }

    /**
     * Stops gracefully: first lets requests in flight finish (at most the issuer timeout and a margin),
     * so an approval the issuer has yet to send is still recorded; then stops Q2 and closes the ledger.
     */
    @Override
    public void close() {
        if (cluster != null) cluster.close();   // gives the lead up first: another node takes settlement over
        admin.close();
        awaitIdle(services.issuer().timeout().plusSeconds(5));
        stop(q2);
        services.scheduler().close();
        NameRegistrar.unregister(HostServices.NAME);
        NameRegistrar.unregister(CLOCK_NAME);
        NameRegistrar.unregister(ChipServices.NAME);
        for (Profile p : Profile.values()) NameRegistrar.unregister(BoundPortSocketFactory.PREFIX + p.id());
        services.settlement().banks().receipts().close();
        services.ledger().close();
        LOG.info("acqsim host stopped");
    }
}
