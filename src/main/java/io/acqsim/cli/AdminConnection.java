package io.acqsim.cli;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;

import io.acqsim.admin.AdminClient;
import io.acqsim.admin.AdminToken;
import picocli.CommandLine.Option;

/**
 * How a command reaches a running host's admin API: its URL, and the token from the host's DATA/admin.token
 * ({@code --data}) or ACQSIM_ADMIN_TOKEN.
 */
final class AdminConnection {
    @Option(names = "--admin", paramLabel = "URL", description = "Admin API of the running host. Default: ${DEFAULT-VALUE}",
            defaultValue = "http://127.0.0.1:8780")
    URI admin;

    @Option(names = "--data", paramLabel = "DIR",
            description = "Data directory of the running host, for its admin.token; given, it wins over ACQSIM_ADMIN_TOKEN. Default: data")
    Path data;

    AdminClient client() {
        return new AdminClient(admin, token());
    }

    /**
     * The token: from {@code --data DIR} when given (an explicit flag beats the environment), else
     * ACQSIM_ADMIN_TOKEN, else ./data/admin.token.
     */
    private String token() {
        String env = System.getenv(AdminToken.ENV);
        if (data == null && env != null && !env.isBlank()) return env.strip();
        Path file = (data == null ? Path.of("data") : data).resolve(AdminToken.FILE);
        try {
            String t = Files.readString(file).strip();
            if (!t.isEmpty()) return t;
        } catch (IOException e) {
            // reported below
        }
        throw new IllegalStateException("no admin token: set " + AdminToken.ENV + " or point --data at the running host's data directory ("
                + file.toAbsolutePath() + " is missing or empty)");
    }
}
