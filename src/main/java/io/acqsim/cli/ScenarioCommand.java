package io.acqsim.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.JsonNode;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code acqsim scenario load FILE}: switches on a scenario's faults on a running host. */
@Command(name = "scenario", mixinStandardHelpOptions = true, description = "Scenarios on a running host.",
        subcommands = {ScenarioCommand.Load.class})
final class ScenarioCommand extends CommandGroup {
    @Command(name = "load", mixinStandardHelpOptions = true, description = "Load a scenario YAML file (simulators/scenarios/ has examples).")
    static final class Load implements Callable<Integer> {
        @Mixin
        AdminConnection connection;

        @Parameters(paramLabel = "FILE")
        Path file;

        @Override
        public Integer call() throws IOException {
            String yaml = Files.readString(file); // a missing file is reported before the host is asked
            JsonNode r = connection.client().post("/api/scenarios", yaml, "application/yaml");
            int n = r.path("faults").size();
            System.out.println("scenario " + r.path("scenario").asText() + ": " + n + (n == 1 ? " fault" : " faults"));
            for (JsonNode f : r.path("faults")) FaultCommand.print(f);
            return ClusterCommand.applied(r);
        }
    }
}
