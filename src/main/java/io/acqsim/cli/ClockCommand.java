package io.acqsim.cli;

import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.JsonNode;

import io.acqsim.json.Times;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code acqsim clock show|advance DURATION|set INSTANT}: drives a running host's simulated clock. */
@Command(name = "clock", mixinStandardHelpOptions = true, description = "Show or move a running host's simulated clock.",
        subcommands = {ClockCommand.Show.class, ClockCommand.Advance.class, ClockCommand.Set.class})
final class ClockCommand extends CommandGroup {
    static void print(JsonNode clock) {
        System.out.printf("clock %s (%s), business date %s; %d jobs pending%s%n", clock.path("now").asText(), clock.path("mode").asText(),
                clock.path("businessDate").asText(), clock.path("pendingJobs").asInt(),
                clock.path("nextJob").isObject() ? ", next: " + clock.path("nextJob").path("name").asText() + " at " + clock.path("nextJob").path("due").asText() : "");
    }

    /** Prints what a clock move did; exit code 0. */
    static int moved(String verb, JsonNode moved) {
        System.out.printf("%s %s -> %s, ran %d jobs%n", verb, moved.path("from").asText(), moved.path("to").asText(), moved.path("jobsRun").asLong());
        print(moved.path("clock"));
        return 0;
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "Print the simulated time and the next job.")
    static final class Show implements Callable<Integer> {
        @Mixin
        AdminConnection connection;

        @Override
        public Integer call() {
            print(connection.client().get("/api/clock"));
            return 0;
        }
    }

    @Command(name = "advance", mixinStandardHelpOptions = true,
            description = "Move the clock forward by DURATION (ISO-8601, e.g. PT36H or P7D), running every job that falls due, in order.")
    static final class Advance implements Callable<Integer> {
        @Mixin
        AdminConnection connection;

        @Parameters(paramLabel = "DURATION")
        String by;

        @Override
        public Integer call() {
            Times.duration("DURATION", by);
            return moved("advanced", connection.client().post("/api/clock/advance", java.util.Map.of("by", by)));
        }
    }

    @Command(name = "set", mixinStandardHelpOptions = true,
            description = "Move the clock to INSTANT (ISO-8601 with offset, e.g. 2026-10-08T10:00:00+08:00), running every job due on the way.")
    static final class Set implements Callable<Integer> {
        @Mixin
        AdminConnection connection;

        @Parameters(paramLabel = "INSTANT")
        String to;

        @Override
        public Integer call() {
            Times.instant("INSTANT", to);
            return moved("set", connection.client().post("/api/clock/set", java.util.Map.of("to", to)));
        }
    }
}
