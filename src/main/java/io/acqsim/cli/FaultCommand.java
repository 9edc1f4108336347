package io.acqsim.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.JsonNode;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code acqsim fault list|add FILE|clear [ID]}: faults on a running host. */
@Command(name = "fault", mixinStandardHelpOptions = true, description = "List, add or clear faults on a running host.",
        subcommands = {FaultCommand.ListFaults.class, FaultCommand.Add.class, FaultCommand.Clear.class})
final class FaultCommand extends CommandGroup {
    static void print(JsonNode f) {
        System.out.printf("%-6s %-18s %-25s %-25s %-8s %s%n", f.path("id").asText(), f.path("type").asText(), text(f.path("from")),
                text(f.path("to")), f.path("active").asBoolean() ? "active" : "-", f.path("scenario").isNull() ? "" : f.path("scenario").asText());
    }

    private static String text(JsonNode n) {
        return n.isNull() || n.isMissingNode() ? "-" : n.asText();
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Every fault activation with its id and window.")
    static final class ListFaults implements Callable<Integer> {
        @Mixin
        AdminConnection connection;

        @Override
        public Integer call() {
            JsonNode all = connection.client().get("/api/faults");
            if (all.isEmpty()) System.out.println("no faults");
            for (JsonNode f : all) print(f);
            return 0;
        }
    }

    @Command(name = "add", mixinStandardHelpOptions = true,
            description = "Switch on the fault(s) in FILE: one entry of a scenario's faults list, a list of them, or a whole scenario.")
    static final class Add implements Callable<Integer> {
        @Mixin
        AdminConnection connection;

        @Parameters(paramLabel = "FILE")
        Path file;

        @Override
        public Integer call() throws IOException {
            String yaml = Files.readString(file); // a missing file is reported before the host is asked
            JsonNode answer = connection.client().post("/api/faults", yaml, "application/yaml");
            // one host answers the faults added; a cluster node {"faults": [...], "nodes": [...]}
            for (JsonNode f : answer.isArray() ? answer : answer.path("faults")) print(f);
            return ClusterCommand.applied(answer);
        }
    }

    @Command(name = "clear", mixinStandardHelpOptions = true, description = "Switch off fault ID, or every fault; payouts they held are offered again now.")
    static final class Clear implements Callable<Integer> {
        @Mixin
        AdminConnection connection;

        @Parameters(paramLabel = "ID", arity = "0..1")
        String id;

        @Override
        public Integer call() {
            JsonNode r = connection.client().delete(id == null ? "/api/faults" : "/api/faults/" + id);
            System.out.println("removed " + r.path("removed").asText());
            return ClusterCommand.applied(r);
        }
    }
}
