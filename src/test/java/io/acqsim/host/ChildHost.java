package io.acqsim.host;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.acqsim.admin.AdminToken;

/**
 * A host in a child JVM ({@code io.acqsim.bench.HostMain}) for the tests that need more than one host: Q2 registers
 * its MBeans under fixed names, so one JVM holds one host. Started on a ledger URL with its own data directory; its
 * iso87a port, admin port and admin token are read once it says {@code ready}. {@link #close()} kills it (SIGKILL):
 * callers close it in a finally or an {@code @AfterEach}, whatever failed, so no child outlives its test.
 */
public final class ChildHost implements AutoCloseable {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public final String name;
    public final Process process;
    public final Path data;
    /** The iso87a port. */
    public final int port;
    public final int admin;
    public final String token;

    private ChildHost(String name, Process process, Path data, int port, int admin, String token) {
        this.name = name;
        this.process = process;
        this.data = data;
        this.port = port;
        this.admin = admin;
        this.token = token;
    }

    /** A host on {@code ledgerUrl}; {@link Builder#start()} starts it. */
    public static Builder on(String ledgerUrl) {
        return new Builder(ledgerUrl);
    }

    /** What to start: cluster node name, manual clock start, JVM options, cfg settings, admin token, heap. */
    public static final class Builder {
        private final List<String> jvm = new ArrayList<>();
        private final List<String> settings = new ArrayList<>();
        private String name = "";
        private Instant clockStart;
        private String token;
        private String heap = "384m";

        private Builder(String ledgerUrl) {
            settings.add("ledger.url=" + ledgerUrl);
        }

        /** A cluster node of this name ({@code cluster.node}; database durability by default then). */
        public Builder node(String node) {
            this.name = node;
            return set("cluster.node", node);
        }

        /** A manual simulated clock standing at {@code start}. */
        public Builder clock(Instant start) {
            this.clockStart = start;
            return this;
        }

        /** A JVM option, such as {@code -Dacqsim.crash-at=POINT}. */
        public Builder jvm(String option) {
            jvm.add(option);
            return this;
        }

        public Builder set(String key, String value) {
            settings.add(key + "=" + value);
            return this;
        }

        /** The admin token the host reads from its data directory (else it makes one). */
        public Builder token(String adminToken) {
            this.token = adminToken;
            return this;
        }

        public Builder heap(String size) {
            this.heap = size;
            return this;
        }

        public ChildHost start() throws Exception {
            Path data = TestHost.tempData();
            if (token != null) Files.writeString(data.resolve(AdminToken.FILE), token + "\n");
            List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx" + heap));
            cmd.addAll(jvm);
            cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), "io.acqsim.bench.HostMain", "--home", TestHost.HOME.toString(),
                    "--data", data.toString(), "--port", "0"));
            if (clockStart != null) cmd.addAll(List.of("--clock-start", clockStart.atOffset(ZoneOffset.UTC).toString()));
            for (String kv : settings) cmd.addAll(List.of("--set", kv));
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
            pb.environment().remove(AdminToken.ENV);
            Process p = pb.start();
            try {
                BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream()));
                StringBuilder seen = new StringBuilder();
                int admin = -1;
                for (String line; (line = out.readLine()) != null; ) {
                    seen.append(line).append('\n');
                    if (line.startsWith("admin ")) admin = Integer.parseInt(line.substring(6).trim());
                    if (line.startsWith("ready ")) {
                        Thread.ofVirtual().start(() -> drain(out));
                        return new ChildHost(name, p, data, Integer.parseInt(line.substring(6).trim()), admin,
                                Files.readString(data.resolve(AdminToken.FILE)).strip());
                    }
                }
                throw new AssertionError("host " + name + " did not start:\n" + seen);
            } catch (Exception | AssertionError e) {
                p.destroyForcibly();
                throw e;
            }
        }
    }

    private static void drain(BufferedReader out) {
        try {
            while (out.readLine() != null) {
                // keep the child's pipe from filling
            }
        } catch (IOException gone) {
            // the child ended
        }
    }

    /** An admin API call with this host's token; {@code body} null for none (sent as JSON otherwise). */
    public CompletableFuture<HttpResponse<String>> call(String method, String path, String body) {
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + admin + path)).timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + token)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) r.header("Content-Type", "application/json");
        return HTTP.sendAsync(r.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Kills the child (SIGKILL) and waits for it to be gone. */
    @Override
    public void close() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }
}
