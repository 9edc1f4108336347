package io.acqsim.api;

import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import io.acqsim.admin.AdminRequest;
import io.acqsim.admin.ApiException;
import io.acqsim.fuzz.Contract;
import io.acqsim.json.Times;
import io.acqsim.scenario.ScenarioError;
import io.acqsim.scenario.ScenarioParser;

/**
 * Fuzz target {@code admin-body}: a request body parsed as the admin API's endpoints parse theirs
 * ({@link AdminApi}): the first byte picks the endpoint, the rest is the body. The refusals are the ones
 * the API answers 4xx ({@code safe} maps IllegalArgumentException and ScenarioError to 400).
 */
public final class AdminBodies {
    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private static final Map<String, List<String>> JSON = Map.of("Content-Type", List.of("application/json"));
    private static final List<Class<? extends Throwable>> REFUSALS = List.of(ApiException.class, IllegalArgumentException.class, ScenarioError.class);

    private AdminBodies() {
    }

    public static void fuzzerInitialize() throws Throwable {
        io.acqsim.fuzz.Target.ADMIN_BODY.warmUp();
    }

    public static void fuzzerTestOneInput(byte[] data) throws Exception {
        if (data.length == 0) return;
        byte[] body = Arrays.copyOfRange(data, 1, data.length);
        int endpoint = Byte.toUnsignedInt(data[0]) % 6;
        Contract.refusals(() -> parse(endpoint, body), REFUSALS);
    }

    private static void parse(int endpoint, byte[] body) {
        switch (endpoint) {
            case 0 -> Times.duration("by", request("/api/clock/advance", body).json(AdminApi.AdvanceBody.class).by());
            case 1 -> Times.instant("to", request("/api/clock/set", body).json(AdminApi.SetBody.class).to());
            case 2 -> {
                String d = body.length == 0 ? null : request("/api/settlement/run", body).json(AdminApi.SettleBody.class).businessDate();
                if (d != null) Times.date("businessDate", d);
            }
            case 3 -> {
                String account = request("/api/merchants/M1/account", body).json(AdminApi.AccountBody.class).account();
                if (account == null || !account.matches("\\d{6,34}")) throw new IllegalArgumentException("account: must be 6 to 34 digits");
            }
            case 4 -> new ScenarioParser(ZONE).parseFaults("request body", request("/api/faults", body).bodyText());
            default -> new ScenarioParser(ZONE).parse("request body", request("/api/scenarios", body).bodyText());
        }
    }

    private static AdminRequest request(String path, byte[] body) {
        return AdminRequest.of("POST", path, JSON, body);
    }
}
