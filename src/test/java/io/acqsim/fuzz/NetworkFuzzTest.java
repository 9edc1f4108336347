package io.acqsim.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import org.jpos.iso.ISOMsg;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.acqsim.host.TestHost;
import io.acqsim.iso.CupHeader;
import io.acqsim.iso.Profile;
import io.acqsim.terminal.RequestFactory;
import io.acqsim.terminal.TerminalLink;

/**
 * Thousands of mutated frames at both terminal ports of a real host, on many connections at once: real
 * request frames of every kind (both profiles, built by the emulated terminal's {@link RequestFactory})
 * with their length prefix, bitmap and field bytes changed, cut short, run together or split into small
 * writes. Afterwards the host still answers a normal terminal's sign-on and purchase on each profile, its
 * threads and open connections are back within a bound, and no log under the data directory holds the
 * test PAN in full (as ASCII digits or as BCD).
 */
@Tag("slow")
class NetworkFuzzTest {
    private static final int CONNECTIONS_PER_PROFILE = 300;
    private static final int FRAMES_PER_CONNECTION = 8;
    private static final int CLIENTS = 16;
    private static final String TID = "T0000001";
    private static final String MID = "M00000000000001";

    @Test
    void mutatedFramesLeaveTheHostServingAndTheLogsWithoutCardData() throws Exception {
        Path data = TestHost.tempData();
        try (TestHost host = TestHost.start(data, Map.of("host.idle-timeout", "PT3S", "host.max-frame-bytes", "8192"))) {
            for (Profile p : Profile.values()) purchase(host, p, "T0000901", "M00000000000001"); // warm: every pool started
            int threadsBefore = ManagementFactory.getThreadMXBean().getThreadCount();

            AtomicLong framesSent = new AtomicLong();
            AtomicLong bytesBack = new AtomicLong();
            ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
            try {
                List<Future<?>> done = new ArrayList<>();
                for (Profile p : Profile.values()) {
                    List<byte[]> real = List.copyOf(Seeds.frames(p, TID, MID, Clock.systemUTC()).values());
                    for (int c = 0; c < CONNECTIONS_PER_PROFILE; c++) {
                        long seed = p.ordinal() * 1_000_003L + c;
                        done.add(clients.submit(() -> {
                            connection(host.port(p), p, real, new Random(seed), framesSent, bytesBack);
                            return null;
                        }));
                    }
                }
                for (Future<?> f : done) f.get();
            } finally {
                clients.shutdownNow();
            }
            // a connection the host closed on an unreadable frame sends no more: most still send all of theirs
            long planned = 2L * CONNECTIONS_PER_PROFILE * FRAMES_PER_CONNECTION;
            assertTrue(framesSent.get() >= planned / 2, "frames sent: " + framesSent + " of " + planned);
            assertTrue(bytesBack.get() > 0, "the host answered none of " + framesSent + " frames");

            for (Profile p : Profile.values()) purchase(host, p, "T0000902", "M00000000000002");

            awaitConnectionsClosed(host);
            int threadsAfter = awaitThreads(threadsBefore + 20);
            assertTrue(threadsAfter <= threadsBefore + 20, "threads " + threadsBefore + " before, " + threadsAfter + " after the fuzzing");

            assertNoFullPan(data);
        }
    }

    /** One connection: mutated frames, sometimes several in one write or a frame in pieces; then what comes back is read. */
    private static void connection(int port, Profile p, List<byte[]> real, Random r, AtomicLong framesSent, AtomicLong bytesBack) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            s.setSoTimeout(3000);
            OutputStream out = s.getOutputStream();
            try {
                for (int i = 0; i < FRAMES_PER_CONNECTION; i++) {
                    byte[] frame = Mutations.mutate(p, real, r);
                    if (r.nextInt(4) == 0) {
                        for (int at = 0; at < frame.length; ) {
                            int n = Math.min(frame.length - at, 1 + r.nextInt(7));
                            out.write(frame, at, n);
                            out.flush();
                            at += n;
                        }
                    } else {
                        out.write(frame);
                    }
                    framesSent.incrementAndGet();
                }
                out.flush();
                s.shutdownOutput();
            } catch (SocketException e) {
                return; // the host closed the connection on an unreadable frame: its right
            }
            bytesBack.addAndGet(drain(s.getInputStream()));
        }
    }

    /** Reads until the host closes or stays silent for the socket timeout. */
    private static long drain(InputStream in) throws IOException {
        byte[] buf = new byte[4096];
        long total = 0;
        try {
            for (int n; (n = in.read(buf)) > 0; ) total += n;
        } catch (SocketTimeoutException | SocketException e) {
            // silent or reset: done
        }
        return total;
    }

    private static void purchase(TestHost host, Profile p, String tid, String mid) throws Exception {
        RequestFactory f = new RequestFactory(p, tid, mid, Clock.systemUTC(), ZoneId.of("Asia/Shanghai"));
        try (TerminalLink link = host.connect(p)) {
            ISOMsg signOn = link.exchange(f.signOn(String.format("%06d", 1 + new Random().nextInt(900_000)), 1));
            assertEquals("00", signOn.getString(39), p + " sign-on");
            ISOMsg paid = link.exchange(f.cardPurchase(String.format("%06d", 1 + new Random().nextInt(900_000)), 1, 1234, Seeds.PAN, "2912", "021"));
            assertEquals("00", paid.getString(39), p + " purchase after the fuzzing");
        }
    }

    private static void awaitConnectionsClosed(TestHost host) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        Map<String, Long> open = host.services().meters().live().terminals();
        while (open.values().stream().mapToLong(Long::longValue).sum() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(100);
            open = host.services().meters().live().terminals();
        }
        assertEquals(0L, open.values().stream().mapToLong(Long::longValue).sum(), "terminal connections still open: " + open);
    }

    private static int awaitThreads(int bound) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        int n = ManagementFactory.getThreadMXBean().getThreadCount();
        while (n > bound && System.nanoTime() < deadline) {
            Thread.sleep(100);
            n = ManagementFactory.getThreadMXBean().getThreadCount();
        }
        return n;
    }

    private static void assertNoFullPan(Path data) throws IOException {
        String bcd = Seeds.PAN.toLowerCase() + "0";
        List<Path> logs;
        try (Stream<Path> s = Files.walk(data.resolve("log"))) {
            logs = s.filter(Files::isRegularFile).toList();
        }
        assertFalse(logs.isEmpty(), "no logs under " + data.resolve("log"));
        for (Path f : logs) {
            String text = Files.readString(f, StandardCharsets.ISO_8859_1);
            assertFalse(text.contains(Seeds.PAN), f + " contains the full PAN");
            assertFalse(text.toLowerCase().contains(bcd), f + " contains the PAN as BCD hex");
        }
    }

    /** Ways a broken terminal garbles a real frame. */
    static final class Mutations {
        private Mutations() {
        }

        static byte[] mutate(Profile p, List<byte[]> real, Random r) {
            byte[] f = real.get(r.nextInt(real.size())).clone();
            int body = 2 + (p == Profile.CUP ? CupHeader.LENGTH : 0);
            return switch (r.nextInt(9)) {
                case 0 -> length(f, r);
                case 1 -> bitmap(f, body, p, r);
                case 2 -> fieldBytes(f, body, r);
                case 3 -> truncate(f, r);
                case 4 -> concat(f, real.get(r.nextInt(real.size())));
                case 5 -> bits(f, r);
                case 6 -> insert(f, body, r);
                case 7 -> mti(f, body, p, r);
                default -> f; // a real frame among the garbage
            };
        }

        /** The length prefix: off by a little, zero, the maximum, or random. */
        private static byte[] length(byte[] f, Random r) {
            int len = ((f[0] & 0xFF) << 8) | (f[1] & 0xFF);
            int v = switch (r.nextInt(4)) {
                case 0 -> len + r.nextInt(9) - 4;
                case 1 -> 0;
                case 2 -> 0xFFFF;
                default -> r.nextInt(0x10000);
            };
            f[0] = (byte) (v >> 8);
            f[1] = (byte) v;
            return f;
        }

        /** The primary bitmap (just after the MTI): random bits set or cleared, or the secondary bit set. */
        private static byte[] bitmap(byte[] f, int body, Profile p, Random r) {
            int at = body + (p == Profile.CUP ? 2 : 4);
            int width = p == Profile.CUP ? 8 : 16;
            for (int k = 0, n = 1 + r.nextInt(4); k < n; k++) {
                int i = at + r.nextInt(width);
                if (i < f.length) f[i] = p == Profile.CUP ? (byte) (f[i] ^ (1 << r.nextInt(8))) : (byte) "0123456789ABCDEFXZ".charAt(r.nextInt(18));
            }
            if (r.nextInt(5) == 0 && at < f.length) f[at] |= (byte) (p == Profile.CUP ? 0x80 : 0);
            return f;
        }

        /** A few bytes of the fields overwritten: random, digits, or 0xFF. */
        private static byte[] fieldBytes(byte[] f, int body, Random r) {
            for (int k = 0, n = 1 + r.nextInt(6); k < n; k++) {
                int i = body + r.nextInt(Math.max(1, f.length - body));
                if (i >= f.length) continue;
                f[i] = switch (r.nextInt(3)) {
                    case 0 -> (byte) r.nextInt(256);
                    case 1 -> (byte) ('0' + r.nextInt(10));
                    default -> (byte) 0xFF;
                };
            }
            return f;
        }

        /** Cut short, the length prefix left as it was. */
        private static byte[] truncate(byte[] f, Random r) {
            return java.util.Arrays.copyOf(f, 1 + r.nextInt(f.length - 1));
        }

        private static byte[] concat(byte[] a, byte[] b) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.writeBytes(a);
            out.writeBytes(b);
            return out.toByteArray();
        }

        private static byte[] bits(byte[] f, Random r) {
            for (int k = 0, n = 1 + r.nextInt(8); k < n; k++) {
                int i = r.nextInt(f.length);
                f[i] ^= (byte) (1 << r.nextInt(8));
            }
            return f;
        }

        /** Random bytes inserted inside the message, the length prefix growing with them. */
        private static byte[] insert(byte[] f, int body, Random r) {
            int at = body + r.nextInt(Math.max(1, f.length - body));
            byte[] junk = new byte[1 + r.nextInt(40)];
            r.nextBytes(junk);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.write(f, 0, Math.min(at, f.length));
            out.writeBytes(junk);
            if (at < f.length) out.write(f, at, f.length - at);
            byte[] g = out.toByteArray();
            int len = g.length - 2;
            g[0] = (byte) (len >> 8);
            g[1] = (byte) len;
            return g;
        }

        /** An MTI the host does not serve, a response's, or not digits. */
        private static byte[] mti(byte[] f, int body, Profile p, Random r) {
            String mti = List.of("0900", "0210", "9999", "02X0", "0100", "0810").get(r.nextInt(6));
            byte[] m = p == Profile.CUP ? HexFormat.of().parseHex(mti.replace('X', 'F')) : mti.getBytes(StandardCharsets.US_ASCII);
            System.arraycopy(m, 0, f, body, Math.min(m.length, f.length - body));
            return f;
        }
    }
}
