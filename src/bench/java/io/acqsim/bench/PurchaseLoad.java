package io.acqsim.bench;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;

import org.HdrHistogram.Histogram;
import org.jpos.iso.ISOMsg;
import org.jpos.iso.packager.GenericPackager;

import io.acqsim.config.Registry;
import io.acqsim.config.Terminal;
import io.acqsim.iso.Packagers;
import io.acqsim.iso.Profile;
import io.acqsim.load.LatencySummary;
import io.acqsim.terminal.RequestFactory;

/**
 * Closed-loop load client for the benchmark (docs/BENCHMARKS.md). Each of N connections is one terminal
 * of the demo registry (T0000001, T0000002, ...) sending iso87a 0200 contactless card purchases of
 * 10.00 (amount 1000: the shipped issuer rules approve it) one at a time, each with a new STAN and the
 * current field 7, over a plain socket with the 2-byte length framing.
 *
 * <p>Requests are built once per terminal with {@link RequestFactory} and packed with the iso87a
 * {@link GenericPackager}; per request only the STAN (11) and transmission time (7) digits are patched
 * into the packed bytes, so building requests costs the client next to nothing. Every response is
 * unpacked with the same packager; its 39 is counted and its 11 must echo the request's.
 *
 * <p>Warm-up, then the measured window: a request counts (throughput and latency) if its response
 * arrived inside the window. Latency = request write to complete response read, in an HdrHistogram.
 * Prints one line starting {@code RESULT} (key=value) and optionally writes the same as JSON.
 *
 * <pre>java -cp ... io.acqsim.bench.PurchaseLoad --port N [--host H] [--connections 50] [--warmup 10]
 *      [--duration 30] [--home DIR] [--label NAME] [--json FILE] [--first-terminal 1] [--timeout-ms 30000]
 *      [--server-pid PID]</pre>
 * With {@code --server-pid} (Linux) it also reports the server process's CPU over the measured window:
 * cores used and CPU milliseconds per measured transaction.
 */
public final class PurchaseLoad {
    private static final DateTimeFormatter F7 = DateTimeFormatter.ofPattern("MMddHHmmss");
    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private static final String PAN = "6222021234567890123";

    private PurchaseLoad() {
    }

    /** Per-connection result, merged at the end. */
    private static final class Stats {
        final Histogram latency = new Histogram(60_000_000L, 3); // microseconds, up to 60 s
        final Map<String, Long> codes = new TreeMap<>();          // response codes inside the window
        long measured;
        long sent;
        long approvedTotal;                                      // 00 over the whole run, warm-up included
        long answeredTotal;
        long errors;
        long mismatches;
        final List<String> errorSamples = new ArrayList<>();
    }

    public static void main(String[] args) throws Exception {
        String host = "127.0.0.1";
        int port = -1, connections = 50, firstTerminal = 1, timeoutMs = 30_000;
        long serverPid = -1;
        double warmupS = 10, durationS = 30;
        Path home = Path.of(".");
        String label = "load";
        Path json = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--host" -> host = args[++i];
                case "--port" -> port = Integer.parseInt(args[++i]);
                case "--connections" -> connections = Integer.parseInt(args[++i]);
                case "--warmup" -> warmupS = Double.parseDouble(args[++i]);
                case "--duration" -> durationS = Double.parseDouble(args[++i]);
                case "--home" -> home = Path.of(args[++i]);
                case "--label" -> label = args[++i];
                case "--json" -> json = Path.of(args[++i]);
                case "--first-terminal" -> firstTerminal = Integer.parseInt(args[++i]);
                case "--timeout-ms" -> timeoutMs = Integer.parseInt(args[++i]);
                case "--server-pid" -> serverPid = Long.parseLong(args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (port <= 0) throw new IllegalArgumentException("--port is required");
        GenericPackager packager = Packagers.load(home.resolve("cfg/packagers"), Profile.ISO87A);
        Registry registry = Registry.load(home.resolve("cfg/registry.yml"));

        List<Conn> conns = new ArrayList<>();
        for (int i = 0; i < connections; i++) {
            String tid = String.format("T%07d", firstTerminal + i);
            Terminal t = registry.terminal(tid);
            if (t == null) throw new IllegalArgumentException(tid + " is not in the demo registry");
            Conn c = new Conn(tid, t.merchantId(), packager, host, port, timeoutMs);
            conns.add(c);
        }

        long start = System.nanoTime();
        long measureStart = start + (long) (warmupS * 1e9);
        long measureEnd = measureStart + (long) (durationS * 1e9);
        CountDownLatch done = new CountDownLatch(connections);
        List<Thread> threads = new ArrayList<>();
        for (Conn c : conns) {
            threads.add(Thread.ofPlatform().name("load-" + c.tid).start(() -> {
                try {
                    c.run(measureStart, measureEnd);
                } finally {
                    done.countDown();
                }
            }));
        }
        // CPU of this client and of the whole machine over the measured window
        sleepUntil(measureStart);
        long cpu0 = processCpuNanos();
        long[] sys0 = procStat();
        long srv0 = pidCpuTicks(serverPid);
        sleepUntil(measureEnd);
        long cpu1 = processCpuNanos();
        long[] sys1 = procStat();
        long srv1 = pidCpuTicks(serverPid);
        done.await();

        Stats all = new Stats();
        for (Conn c : conns) {
            Stats s = c.stats;
            all.latency.add(s.latency);
            s.codes.forEach((k, v) -> all.codes.merge(k, v, Long::sum));
            all.measured += s.measured;
            all.sent += s.sent;
            all.approvedTotal += s.approvedTotal;
            all.answeredTotal += s.answeredTotal;
            all.errors += s.errors;
            all.mismatches += s.mismatches;
            if (all.errorSamples.size() < 5) all.errorSamples.addAll(s.errorSamples);
        }
        double window = (measureEnd - measureStart) / 1e9;
        double tps = all.measured / window;
        long approvedInWindow = all.codes.getOrDefault("00", 0L);
        double clientCores = (cpu1 - cpu0) / 1e9 / window;
        double sysBusy = sys0 == null || sys1 == null ? -1 : busy(sys0, sys1);

        Map<String, Object> r = new java.util.LinkedHashMap<>();
        r.put("label", label);
        r.put("connections", connections);
        r.put("warmup_s", warmupS);
        r.put("duration_s", window);
        r.put("tps", round(tps, 1));
        r.put("approved_tps", round(approvedInWindow / window, 1));
        LatencySummary latency = LatencySummary.ofMicros(all.latency);
        r.put("p50_ms", latency.p50());
        r.put("p90_ms", latency.p90());
        r.put("p99_ms", latency.p99());
        r.put("max_ms", latency.max());
        r.put("measured", all.measured);
        r.put("sent_total", all.sent);
        r.put("answered_total", all.answeredTotal);
        r.put("approved_total", all.approvedTotal);
        r.put("errors", all.errors);
        r.put("stan_mismatches", all.mismatches);
        StringBuilder codes = new StringBuilder();
        all.codes.forEach((k, v) -> codes.append(codes.isEmpty() ? "" : ",").append(k).append(':').append(v));
        r.put("codes", codes.isEmpty() ? "-" : codes.toString());
        r.put("client_cpu_cores", round(clientCores, 2));
        r.put("machine_cpu_busy", round(sysBusy, 2));
        if (srv0 >= 0 && srv1 >= 0) {
            double srvSeconds = (srv1 - srv0) / 100.0; // USER_HZ
            r.put("server_cpu_cores", round(srvSeconds / window, 2));
            r.put("server_cpu_ms_per_txn", all.measured == 0 ? 0 : round(srvSeconds * 1000 / all.measured, 3));
        }

        StringBuilder line = new StringBuilder("RESULT");
        r.forEach((k, v) -> line.append(' ').append(k).append('=').append(v));
        System.out.println(line);
        for (String e : all.errorSamples) System.out.println("error-sample " + e);
        if (json != null) {
            StringBuilder sb = new StringBuilder("{");
            r.forEach((k, v) -> {
                if (sb.length() > 1) sb.append(", ");
                sb.append('"').append(k).append("\": ");
                sb.append(v instanceof Number ? v.toString() : "\"" + v + "\"");
            });
            Files.writeString(json, sb.append("}\n").toString());
        }
        System.exit(all.errors == 0 && all.mismatches == 0 ? 0 : 1);
    }

    /** One terminal on one connection. */
    private static final class Conn {
        final String tid;
        final Stats stats = new Stats();
        private final GenericPackager packager;
        private final String host;
        private final int port;
        private final int timeoutMs;
        private final byte[] frame;     // 2-byte length + packed 0200
        private final int stanAt;       // offset of field 11's six digits in frame
        private final int f7At;         // offset of field 7's ten digits in frame
        private Socket socket;
        private OutputStream out;
        private DataInputStream in;
        private int stan;
        private long f7Second = -1;

        Conn(String tid, String mid, GenericPackager packager, String host, int port, int timeoutMs) throws Exception {
            this.tid = tid;
            this.packager = packager;
            this.host = host;
            this.port = port;
            this.timeoutMs = timeoutMs;
            RequestFactory rf = new RequestFactory(Profile.ISO87A, tid, mid, Clock.systemUTC(), ZONE);
            // the terminal's open batch on a fresh ledger is 1
            ISOMsg m = rf.cardPurchase("111111", 1, 1000, PAN, "2912", "071");
            m.setPackager(packager);
            m.set(7, "1111111111");
            byte[] a = m.pack();
            m.set(11, "222222");
            m.set(7, "2222222222");
            byte[] b = m.pack();
            if (a.length != b.length) throw new IllegalStateException("template length differs");
            int s = -1, f = -1;
            for (int i = 0; i < a.length; i++) {
                if (a[i] == b[i]) continue;
                // field 7 precedes field 11 in the message
                if (f < 0) f = i;
                else if (i >= f + 10 && s < 0) s = i;
            }
            if (f < 0 || s < 0) throw new IllegalStateException("cannot locate fields 7 and 11 in the packed request");
            frame = new byte[a.length + 2];
            frame[0] = (byte) (a.length >> 8);
            frame[1] = (byte) a.length;
            System.arraycopy(b, 0, frame, 2, b.length);
            stanAt = s + 2;
            f7At = f + 2;
        }


        private void connect() throws IOException {
            Socket so = new Socket();
            so.setTcpNoDelay(true);
            so.connect(new InetSocketAddress(host, port), 10_000);
            so.setSoTimeout(timeoutMs);
            socket = so;
            out = so.getOutputStream();
            in = new DataInputStream(new java.io.BufferedInputStream(so.getInputStream(), 4096));
        }

        private void closeQuietly() {
            try {
                if (socket != null) socket.close();
            } catch (IOException ignored) {
                // closing anyway
            }
            socket = null;
        }

        private void patch() {
            int n = ++stan;
            if (n > 999_999) throw new IllegalStateException("STANs of " + tid + " exhausted");
            for (int i = 5; i >= 0; i--) {
                frame[stanAt + i] = (byte) ('0' + n % 10);
                n /= 10;
            }
            long now = System.currentTimeMillis();
            long sec = now / 1000;
            if (sec != f7Second) {
                f7Second = sec;
                byte[] f7 = F7.format(ZonedDateTime.ofInstant(Instant.ofEpochMilli(now), ZONE)).getBytes(StandardCharsets.US_ASCII);
                System.arraycopy(f7, 0, frame, f7At, 10);
            }
        }

        void run(long measureStart, long measureEnd) {
            byte[] body = new byte[8192];
            while (System.nanoTime() < measureEnd) {
                try {
                    if (socket == null) connect();
                    patch();
                    String sentStan = new String(frame, stanAt, 6, StandardCharsets.US_ASCII);
                    long t0 = System.nanoTime();
                    out.write(frame);
                    stats.sent++;
                    int len = in.readUnsignedShort();
                    if (len > body.length) throw new IOException("response of " + len + " bytes");
                    in.readFully(body, 0, len);
                    long t1 = System.nanoTime();
                    ISOMsg r = new ISOMsg();
                    r.setPackager(packager);
                    r.unpack(len == body.length ? body : java.util.Arrays.copyOf(body, len));
                    String rc = r.getString(39);
                    stats.answeredTotal++;
                    if (!sentStan.equals(r.getString(11))) stats.mismatches++;
                    if ("00".equals(rc)) stats.approvedTotal++;
                    if (t1 >= measureStart && t1 < measureEnd) {
                        stats.measured++;
                        stats.latency.recordValue(Math.min((t1 - t0) / 1000, 60_000_000L));
                        stats.codes.merge(rc == null ? "none" : rc, 1L, Long::sum);
                    }
                } catch (Exception e) {
                    stats.errors++;
                    if (stats.errorSamples.size() < 2) stats.errorSamples.add(tid + ": " + e);
                    closeQuietly();
                    try {
                        Thread.sleep(100);
                    } catch (InterruptedException ie) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            }
            closeQuietly();
        }
    }

    private static void sleepUntil(long nanos) throws InterruptedException {
        long d;
        while ((d = nanos - System.nanoTime()) > 0) Thread.sleep(Math.max(1, d / 1_000_000));
    }

    private static long processCpuNanos() {
        return ManagementFactory.getPlatformMXBean(com.sun.management.OperatingSystemMXBean.class).getProcessCpuTime();
    }

    /** utime + stime of a process in clock ticks (1/100 s), or -1. */
    private static long pidCpuTicks(long pid) {
        if (pid <= 0) return -1;
        try {
            String st = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] p = st.substring(st.lastIndexOf(')') + 2).trim().split("\\s+");
            return Long.parseLong(p[11]) + Long.parseLong(p[12]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** The aggregate cpu line of /proc/stat (jiffies), or null off Linux. */
    private static long[] procStat() {
        try {
            String first = Files.readAllLines(Path.of("/proc/stat")).get(0);
            String[] p = first.trim().split("\\s+");
            long[] v = new long[p.length - 1];
            for (int i = 1; i < p.length; i++) v[i - 1] = Long.parseLong(p[i]);
            return v;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** Fraction of all CPUs busy between two /proc/stat samples (idle + iowait count as idle). */
    private static double busy(long[] a, long[] b) {
        long total = 0, idle = 0;
        for (int i = 0; i < Math.min(a.length, b.length); i++) total += b[i] - a[i];
        idle = (b[3] - a[3]) + (b[4] - a[4]);
        return total == 0 ? 0 : (double) (total - idle) / total;
    }

    private static double round(double v, int digits) {
        return LatencySummary.round(v, digits);
    }
}
