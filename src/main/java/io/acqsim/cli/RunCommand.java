package io.acqsim.cli;

import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Callable;

import io.acqsim.admin.AdminToken;
import io.acqsim.json.Times;
import io.acqsim.clock.ClockMode;
import io.acqsim.app.AcqsimHost;
import io.acqsim.iso.Profile;
import io.acqsim.config.ClusterSettings;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code acqsim run}: the long-running host; prints its ports; Ctrl-C shuts it down gracefully. */
@Command(name = "run", mixinStandardHelpOptions = true, description = "Run the acquirer host until Ctrl-C.")
final class RunCommand implements Callable<Integer> {

    @Option(names = "--data", description = "Data directory (ledger, logs). Default: ${DEFAULT-VALUE}", defaultValue = "data")
    Path data;

    @Option(names = "--config", description = "Host configuration file. Default: cfg/acqsim.yml of the acqsim home")
    Path config;

    @Option(names = "--set", description = "Override a configuration key, e.g. --set host.ports.cup=9583 (repeatable)")
    Map<String, String> overrides = new LinkedHashMap<>();

    @Option(names = "--clock", paramLabel = "MODE", description = "Simulated clock: real, fast:N (N simulated seconds per second) or manual. Default: ${DEFAULT-VALUE}",
            defaultValue = "real")
    String clock;

    @Option(names = "--start", paramLabel = "INSTANT", description = "Where the simulated clock starts, e.g. 2026-09-30T09:00:00+08:00. Default: now")
    String start;

    @Option(names = "--scenario", paramLabel = "FILE", description = "A scenario whose faults are switched on at start (simulators/scenarios/)")
    Path scenario;

    @Option(names = "--bind", paramLabel = "ADDRESS",
            description = "Address every listener binds to (host.bind-address). Default: 127.0.0.1; any other prints what it exposes")
    String bind;

    @Option(names = "--node", paramLabel = "NAME",
            description = "Run as node NAME of a cluster on one PostgreSQL ledger (letters, digits, - and _, at most 32); needs a jdbc:postgresql ledger.url")
    String node;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        if (node != null) {
            String problem = ClusterSettings.nameProblem(node);
            if (problem != null) throw new CommandLine.ParameterException(spec.commandLine(), "--node: " + problem);
            overrides.put("cluster.node", node);
        }
        ClockMode mode = ClockMode.parse(clock);
        Instant startAt = start == null ? null : Times.instant("--start", start);
        Home.logTo(data);
        if (bind != null) overrides.put("host.bind-address", bind);
        AcqsimHost.Options o = AcqsimHost.Options.defaults(Home.dir(), data).withOverrides(overrides).withClock(mode, startAt).withScenario(scenario);
        if (config != null) o = o.withConfig(config);
        AcqsimHost host = AcqsimHost.start(o);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("acqsim: shutting down");
            host.close();
            System.out.println("acqsim: stopped");
            org.apache.logging.log4j.LogManager.shutdown();
            stopped.countDown();
        }, "acqsim-shutdown"));
        String address = host.services().config().bindAddress();
        boolean tls = host.services().config().tls().enabled();
        ExposureWarning.of(address, host.port(Profile.CUP), host.port(Profile.ISO87A), host.adminPort(), tls).ifPresent(System.err::println);
        String transport = tls ? " (TLS)" : "";
        System.out.printf("acqsim host running%n  cup     %s:%d%s%n  iso87a  %s:%d%s%n  admin   http://%s:%d/ (token: %s)%n"
                        + "  clock   %s, now %s%n  data    %s%n  log     %s%n",
                address, host.port(Profile.CUP), transport, address, host.port(Profile.ISO87A), transport, address, host.adminPort(),
                System.getenv(AdminToken.ENV) != null ? "$" + AdminToken.ENV : data.resolve(AdminToken.FILE).toAbsolutePath(),
                mode, Times.local(host.services().clock().instant(), host.services().config().zone()),
                data.toAbsolutePath(), data.resolve("log").toAbsolutePath());
        host.cluster().ifPresent(c -> System.out.printf("  node    %s of the cluster on %s (the settlement leader is chosen among the nodes)%n", c.name(),
                host.services().config().ledgerUrl().replaceAll("[?;].*", "")));
        System.out.println("Ctrl-C to stop.");
        stopped.await();
        return 0;
    }
}
