package io.acqsim.cli;

import java.util.Map;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.JsonNode;

import io.acqsim.json.Times;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code acqsim settle [--business-date D]}: runs clearing and settlement on a running host now. */
@Command(name = "settle", mixinStandardHelpOptions = true,
        description = "Clear a closed business date now (default: every closed date not yet cleared) and schedule its payouts.")
final class SettleCommand implements Callable<Integer> {
    @Mixin
    AdminConnection connection;

    @Option(names = "--business-date", paramLabel = "DATE", description = "The business date to clear, e.g. 2026-10-09")
    String businessDate;

    @Override
    public Integer call() {
        if (businessDate != null) Times.date("--business-date", businessDate);
        JsonNode results = connection.client().post("/api/settlement/run", businessDate == null ? null : Map.of("businessDate", businessDate));
        if (results.isEmpty()) System.out.println("nothing to clear: every closed business date with transactions is cleared");
        for (JsonNode r : results) {
            System.out.printf("%s: %s, %d merchants, %d transactions, %d payouts; %s%n", r.path("businessDate").asText(),
                    r.path("alreadyCleared").asBoolean() ? "already cleared, nothing changed" : "cleared",
                    r.path("merchants").asInt(), r.path("transactions").asLong(), r.path("payouts").asInt(), r.path("file").asText());
        }
        return 0;
    }
}
