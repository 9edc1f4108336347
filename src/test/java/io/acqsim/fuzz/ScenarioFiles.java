package io.acqsim.fuzz;

import java.time.ZoneId;
import java.util.List;

import io.acqsim.scenario.ScenarioError;
import io.acqsim.scenario.ScenarioParser;

/**
 * Fuzz target {@code scenario}: the text of a scenario file (bin/acqsim run --scenario, POST /api/scenarios)
 * and of a fault entry (fault add, POST /api/faults). The parser's only refusal is a {@link ScenarioError}.
 */
public final class ScenarioFiles {
    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    private ScenarioFiles() {
    }

    public static void fuzzerInitialize() throws Throwable {
        Target.SCENARIO.warmUp();
    }

    public static void fuzzerTestOneInput(byte[] data) throws Exception {
        String text = Texts.utf8(data);
        ScenarioParser parser = new ScenarioParser(ZONE);
        Contract.refusals(() -> parser.parse("fuzz.yml", text), List.of(ScenarioError.class));
        Contract.refusals(() -> parser.parseFaults("request body", text), List.of(ScenarioError.class));
    }
}
