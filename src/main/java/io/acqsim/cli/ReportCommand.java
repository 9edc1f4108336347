package io.acqsim.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.JsonNode;

import io.acqsim.json.Json;
import io.acqsim.report.PayoutView;
import io.acqsim.json.Times;
import io.acqsim.report.Band;
import io.acqsim.report.PayoutReport;
import io.acqsim.report.Timeline;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code acqsim report payouts ...}: the payout-delay report of a running host. */
@Command(name = "report", mixinStandardHelpOptions = true, description = "Reports of a running host.",
        subcommands = {ReportCommand.Payouts.class})
final class ReportCommand extends CommandGroup {
    @Command(name = "payouts", mixinStandardHelpOptions = true,
            description = "Every payout with promised and paid times, delay and reasons, and a summary per reason and merchant.")
    static final class Payouts implements Callable<Integer> {
        @Mixin
        AdminConnection connection;

        @Option(names = "--from", paramLabel = "DATE", description = "First business date")
        String from;

        @Option(names = "--to", paramLabel = "DATE", description = "Last business date")
        String to;

        @Option(names = "--delayed-only", description = "Only payouts paid after their promise, or unpaid past it")
        boolean delayedOnly;

        @Option(names = "--format", paramLabel = "FORMAT", description = "table, csv, json or html. Default: ${DEFAULT-VALUE}", defaultValue = "table")
        String format;

        @Option(names = "--out", paramLabel = "FILE", description = "Write to FILE instead of standard output")
        Path out;

        @Override
        public Integer call() throws IOException {
            PayoutReport.Format f = Arrays.stream(PayoutReport.Format.values()).filter(v -> v.name().equalsIgnoreCase(format)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("--format: '" + format + "' is not one of table, csv, json, html"));
            List<String> q = new ArrayList<>();
            if (from != null) q.add("from=" + Times.date("--from", from));
            if (to != null) q.add("to=" + Times.date("--to", to));
            if (delayedOnly) q.add("delayed=true");
            var client = connection.client();
            PayoutView[] payouts = Json.mapper().treeToValue(client.get("/api/payouts" + (q.isEmpty() ? "" : "?" + String.join("&", q))), PayoutView[].class);
            JsonNode clock = client.get("/api/clock");
            OffsetDateTime now = OffsetDateTime.parse(clock.path("now").asText());
            ZoneId zone = ZoneId.of(clock.path("zone").asText());
            List<Band> bands = List.of();
            if (f == PayoutReport.Format.HTML) {
                Timeline.Span span = Timeline.Span.covering(List.of(payouts), now, zone);
                bands = RemoteBands.of(client, span.from(), span.to(), zone);
            }
            String text = new PayoutReport(List.of(payouts), now, zone, bands).render(f);
            if (out == null) {
                System.out.print(text);
            } else {
                Files.writeString(out, text);
                System.out.println("wrote " + payouts.length + " payouts to " + out.toAbsolutePath());
            }
            return 0;
        }
    }
}
