package io.acqsim.cli;

import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import io.acqsim.json.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code acqsim cluster status}: the nodes and the settlement leader of a cluster, as one of its nodes sees them. */
@Command(name = "cluster", mixinStandardHelpOptions = true, description = "Show the cluster a running host belongs to.",
        subcommands = {ClusterCommand.Status.class})
final class ClusterCommand extends CommandGroup {
    private static final String ROW = "%-1s %-16s %-21s %6s %6s  %-25s %9s  %-4s %9s  %-10s";
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssXXX");

    @Command(name = "status", mixinStandardHelpOptions = true,
            description = "Nodes (admin address, terminal ports, started, last heartbeat, live, terminals connected, business date acknowledged) "
                    + "and the settlement leader, read from the shared database by the node asked.")
    static final class Status implements Callable<Integer> {
        @Mixin
        AdminConnection connection;

        @Option(names = "--json", description = "Print GET /api/cluster's JSON as it is.")
        boolean json;

        @Override
        public Integer call() throws JsonProcessingException {
            JsonNode c = connection.client().get("/api/cluster");
            if (json) {
                System.out.println(Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(c));
                return 0;
            }
            print(c);
            return 0;
        }
    }

    static void print(JsonNode c) {
        if (!c.path("cluster").asBoolean()) {
            System.out.println("not in cluster mode: " + c.path("detail").asText("this host runs alone"));
            return;
        }
        JsonNode l = c.path("leader");
        String leader = l.isObject()
                ? l.path("node").asText() + " (epoch " + l.path("epoch").asLong() + ", since " + seconds(l.path("since")) + ")"
                        + (l.path("active").asBoolean() ? "" : " - NOT leading now")
                : "none";
        System.out.printf("node asked: %s%s; leader: %s%n", c.path("node").asText(), c.path("leading").asBoolean() ? " (the leader)" : "", leader);
        if (c.hasNonNull("detail")) System.out.println(c.path("detail").asText());
        System.out.println(ROW.formatted("", "NODE", "ADMIN", "CUP", "ISO87A", "STARTED", "HEARTBEAT", "LIVE", "TERMINALS", "DATE").stripTrailing());
        for (JsonNode n : c.path("nodes")) {
            System.out.println(ROW.formatted(n.path("leader").asBoolean() ? "*" : "", n.path("name").asText(), text(n.path("adminAddress")),
                    text(n.path("cupPort")), text(n.path("iso87aPort")), seconds(n.path("started")), age(n.path("heartbeatAgeMillis").asLong()),
                    n.path("live").asBoolean() ? "yes" : "no", n.path("terminalsConnected").asInt(), text(n.path("acknowledgedDate"))).stripTrailing());
        }
        System.out.println("* leads settlement; HEARTBEAT is the age of the node's last heartbeat (live: under 5 s); DATE the business date it has acknowledged");
    }

    /**
     * Prints which nodes applied a switch, from the {@code "nodes"} of a cluster node's answer (nothing on one host);
     * returns the exit code: 1 when some node did not apply it, so a script notices a cluster out of step.
     */
    static int applied(JsonNode answer) {
        JsonNode nodes = answer.path("nodes");
        if (!nodes.isArray()) return 0;
        StringBuilder ok = new StringBuilder();
        int failed = 0;
        for (JsonNode n : nodes) {
            if (n.path("applied").asBoolean()) {
                ok.append(ok.isEmpty() ? "" : ", ").append(n.path("node").asText());
            } else {
                failed++;
                System.out.println("NOT applied on node " + n.path("node").asText() + ": " + n.path("error").asText());
            }
        }
        System.out.println("applied on node" + (nodes.size() - failed == 1 ? " " : "s ") + ok);
        return failed == 0 ? 0 : 1;
    }

    /** A time of the API to the second (the database keeps microseconds), with its offset. */
    private static String seconds(JsonNode n) {
        if (n.isNull() || n.isMissingNode()) return "-";
        try {
            return OffsetDateTime.parse(n.asText()).format(SECONDS);
        } catch (DateTimeParseException e) {
            return n.asText();
        }
    }

    private static String text(JsonNode n) {
        return n.isNull() || n.isMissingNode() ? "-" : n.asText();
    }

    /** An age as people read it: 0.4 s ago, 12 s ago, 5 min ago, 3 h ago, 2 d ago. */
    static String age(long millis) {
        if (millis < 10_000) return String.format(java.util.Locale.ROOT, "%.1f s", millis / 1000.0);
        long s = millis / 1000;
        if (s < 120) return s + " s";
        if (s < 7200) return s / 60 + " min";
        if (s < 172_800) return s / 3600 + " h";
        return s / 86_400 + " d";
    }
}
