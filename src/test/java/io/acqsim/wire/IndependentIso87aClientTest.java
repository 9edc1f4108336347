package io.acqsim.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

import io.acqsim.host.TestHost;
import io.acqsim.ledger.TransactionStatus;

/**
 * An ISO 8583 client that shares no code with jPOS or acqsim: it encodes and decodes the iso87a profile
 * by hand from the wire description (PRODUCT.md §4.1 and cfg/packagers/iso87a.xml) — 2-byte big-endian
 * length excluding itself, ASCII MTI, bitmap as hex characters (secondary when a field above 64 is
 * present), ASCII numerics, ASCII LL/LLL prefixes. Only the host is started through acqsim's TestHost.
 * The raw frames of the session are written to {@code <build dir>/wire/iso87a-session.hex} for wire checks.
 * {@code -Dacqsim.wire.port=N} puts the iso87a listener on a fixed port, for a packet capture.
 */
class IndependentIso87aClientTest {
    private static final String TID = "T0000004";
    private static final String MID = "M00000000000004";
    private static final String PAN = "6222021234567890123";
    private static final DateTimeFormatter F7 = DateTimeFormatter.ofPattern("MMddHHmmss");
    private static final DateTimeFormatter HHMMSS = DateTimeFormatter.ofPattern("HHmmss");
    private static final DateTimeFormatter MMDD = DateTimeFormatter.ofPattern("MMdd");

    /** Field layouts used by this client, from cfg/packagers/iso87a.xml. */
    private enum Kind { N, AN, LLVAR, LLLVAR }

    private record Spec(Kind kind, int length) {
    }

    private static final Map<Integer, Spec> SPECS = Map.ofEntries(
            Map.entry(2, new Spec(Kind.LLVAR, 19)),
            Map.entry(3, new Spec(Kind.N, 6)),
            Map.entry(4, new Spec(Kind.N, 12)),
            Map.entry(7, new Spec(Kind.N, 10)),
            Map.entry(11, new Spec(Kind.N, 6)),
            Map.entry(12, new Spec(Kind.N, 6)),
            Map.entry(13, new Spec(Kind.N, 4)),
            Map.entry(14, new Spec(Kind.N, 4)),
            Map.entry(15, new Spec(Kind.N, 4)),
            Map.entry(22, new Spec(Kind.N, 3)),
            Map.entry(25, new Spec(Kind.N, 2)),
            Map.entry(35, new Spec(Kind.LLVAR, 37)),
            Map.entry(37, new Spec(Kind.AN, 12)),
            Map.entry(38, new Spec(Kind.AN, 6)),
            Map.entry(39, new Spec(Kind.AN, 2)),
            Map.entry(41, new Spec(Kind.AN, 8)),
            Map.entry(42, new Spec(Kind.AN, 15)),
            Map.entry(44, new Spec(Kind.LLVAR, 25)),
            Map.entry(48, new Spec(Kind.LLLVAR, 999)),
            Map.entry(49, new Spec(Kind.AN, 3)),
            Map.entry(60, new Spec(Kind.LLLVAR, 999)),
            Map.entry(62, new Spec(Kind.LLLVAR, 999)),
            Map.entry(63, new Spec(Kind.LLLVAR, 999)),
            Map.entry(70, new Spec(Kind.N, 3)),
            Map.entry(90, new Spec(Kind.N, 42)));

    /** A message as this client sees it: MTI and field number to ASCII value. */
    private record Msg(String mti, TreeMap<Integer, String> fields) {
        Msg(String mti) {
            this(mti, new TreeMap<>());
        }

        Msg set(int f, String v) {
            fields.put(f, v);
            return this;
        }

        String get(int f) {
            return fields.get(f);
        }
    }

    private final List<String> transcript = new ArrayList<>();
    private int stan = 0;

    @Test
    void signOnBuyDeclineReverseSettle() throws Exception {
        String fixedPort = System.getProperty("acqsim.wire.port");
        Map<String, String> overrides = fixedPort == null ? Map.of() : Map.of("host.ports.iso87a", fixedPort);
        try (TestHost host = TestHost.start(TestHost.tempData(), overrides);
             Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", host.port(io.acqsim.iso.Profile.ISO87A)), 5000);
            s.setSoTimeout(10_000);

            // sign-on
            Msg r = exchange(s, base("0800").set(70, "001"));
            assertEquals("0810", r.mti());
            assertEquals("00", r.get(39));
            assertEquals("001", r.get(70));
            String batch = r.get(60);
            assertTrue(batch != null && batch.matches("\\d{6}"), "sign-on returns the batch number in 60: " + batch);

            // echo
            r = exchange(s, base("0800").set(70, "301"));
            assertEquals("0810", r.mti());
            assertEquals("00", r.get(39));

            // approved purchase
            Msg buy = purchase(1000, batch);
            r = exchange(s, buy);
            assertEquals("0210", r.mti());
            assertEquals("00", r.get(39));
            assertEquals(buy.get(4), r.get(4));
            assertEquals(buy.get(11), r.get(11));
            assertEquals(TID, r.get(41));
            assertTrue(r.get(37).matches("\\d{12}"), "RRN " + r.get(37));
            assertTrue(r.get(38).matches("[0-9A-Z]{6}"), "auth code " + r.get(38));
            assertTrue(r.get(15).matches("\\d{4}"), "business date " + r.get(15));

            // declined purchase
            r = exchange(s, purchase(1051, batch));
            assertEquals("0210", r.mti());
            assertEquals("51", r.get(39));
            assertTrue(r.get(38) == null, "no auth code on a decline");

            // approved, then reversed
            Msg sale = purchase(2000, batch);
            Msg saleAnswer = exchange(s, sale);
            assertEquals("00", saleAnswer.get(39));
            Msg rev = base("0400");
            for (int f : new int[] {3, 4, 11, 22, 25, 49, 60}) rev.set(f, sale.get(f));
            rev.set(90, sale.mti() + sale.get(11) + sale.get(7) + "0".repeat(22));
            r = exchange(s, rev);
            assertEquals("0410", r.mti());
            assertEquals("00", r.get(39));
            var reversed = host.services().ledger().byRrn(saleAnswer.get(37)).orElseThrow();
            assertEquals(TransactionStatus.REVERSED, reversed.status(), "the reversed sale in the ledger");

            // settlement: only the first sale counts
            Msg settle = base("0500").set(3, "920000").set(60, batch)
                    .set(63, "001" + "%012d".formatted(1000) + "000" + "%012d".formatted(0));
            r = exchange(s, settle);
            assertEquals("0510", r.mti());
            assertEquals("00", r.get(39), "settlement totals agree: host says " + r.get(63));
        } finally {
            writeTranscript();
        }
    }

    // ---- requests ---------------------------------------------------------------------------------

    private Msg base(String mti) {
        ZonedDateTime now = ZonedDateTime.now(ZoneId.of("Asia/Shanghai"));
        return new Msg(mti).set(7, F7.format(now)).set(11, "%06d".formatted(++stan)).set(41, TID).set(42, MID);
    }

    private Msg purchase(long amount, String batch) {
        ZonedDateTime now = ZonedDateTime.now(ZoneId.of("Asia/Shanghai"));
        return base("0200").set(2, PAN).set(3, "000000").set(4, "%012d".formatted(amount)).set(12, HHMMSS.format(now))
                .set(13, MMDD.format(now)).set(14, "2912").set(22, "071").set(25, "00").set(49, "156").set(60, batch);
    }

    // ---- the codec --------------------------------------------------------------------------------

    static byte[] encode(Msg m) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (!m.mti().matches("\\d{4}")) throw new IllegalArgumentException("MTI " + m.mti());
        out.writeBytes(ascii(m.mti()));
        boolean secondary = m.fields().lastKey() > 64;
        byte[] bitmap = new byte[secondary ? 16 : 8];
        if (secondary) bitmap[0] |= (byte) 0x80;
        for (int f : m.fields().keySet()) {
            if (f < 2 || f > 128 || f == 65) throw new IllegalArgumentException("field " + f);
            bitmap[(f - 1) / 8] |= (byte) (0x80 >> ((f - 1) % 8));
        }
        out.writeBytes(ascii(HexFormat.of().withUpperCase().formatHex(bitmap)));
        for (Map.Entry<Integer, String> e : m.fields().entrySet()) {
            Spec spec = SPECS.get(e.getKey());
            if (spec == null) throw new IllegalArgumentException("this client does not know field " + e.getKey());
            String v = e.getValue();
            switch (spec.kind()) {
                case N -> {
                    if (v.length() != spec.length() || !v.matches("\\d+")) throw new IllegalArgumentException("field " + e.getKey() + " '" + v + "'");
                    out.writeBytes(ascii(v));
                }
                case AN -> {
                    if (v.length() > spec.length()) throw new IllegalArgumentException("field " + e.getKey() + " too long");
                    out.writeBytes(ascii(v + " ".repeat(spec.length() - v.length())));
                }
                case LLVAR, LLLVAR -> {
                    if (v.length() > spec.length()) throw new IllegalArgumentException("field " + e.getKey() + " too long");
                    out.writeBytes(ascii((spec.kind() == Kind.LLVAR ? "%02d" : "%03d").formatted(v.length())));
                    out.writeBytes(ascii(v));
                }
            }
        }
        return out.toByteArray();
    }

    static Msg decode(byte[] b) {
        int[] pos = {0};
        Msg m = new Msg(take(b, pos, 4));
        if (!m.mti().matches("\\d{4}")) throw new IllegalStateException("MTI '" + m.mti() + "'");
        byte[] primary = HexFormat.of().parseHex(take(b, pos, 16));
        byte[] bitmap = primary;
        if ((primary[0] & 0x80) != 0) {
            byte[] secondary = HexFormat.of().parseHex(take(b, pos, 16));
            bitmap = new byte[16];
            System.arraycopy(primary, 0, bitmap, 0, 8);
            System.arraycopy(secondary, 0, bitmap, 8, 8);
        }
        for (int f = 2; f <= bitmap.length * 8; f++) {
            if ((bitmap[(f - 1) / 8] & (0x80 >> ((f - 1) % 8))) == 0) continue;
            Spec spec = SPECS.get(f);
            if (spec == null) throw new IllegalStateException("response carries field " + f + ", unknown to this client");
            String v = switch (spec.kind()) {
                case N, AN -> take(b, pos, spec.length());
                case LLVAR -> take(b, pos, Integer.parseInt(take(b, pos, 2)));
                case LLLVAR -> take(b, pos, Integer.parseInt(take(b, pos, 3)));
            };
            if (spec.kind() == Kind.N && !v.matches("\\d+")) throw new IllegalStateException("field " + f + " is not numeric: '" + v + "'");
            m.set(f, spec.kind() == Kind.AN ? v.stripTrailing() : v);
        }
        if (pos[0] != b.length) throw new IllegalStateException((b.length - pos[0]) + " bytes left after the last field");
        return m;
    }

    private static String take(byte[] b, int[] pos, int n) {
        if (pos[0] + n > b.length) throw new IllegalStateException("frame ends at " + b.length + ", need " + (pos[0] + n));
        String s = new String(b, pos[0], n, StandardCharsets.US_ASCII);
        pos[0] += n;
        return s;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private Msg exchange(Socket s, Msg request) throws IOException {
        byte[] body = encode(request);
        byte[] frame = new byte[body.length + 2];
        frame[0] = (byte) (body.length >> 8);
        frame[1] = (byte) body.length;
        System.arraycopy(body, 0, frame, 2, body.length);
        transcript.add("> " + HexFormat.of().formatHex(frame));
        OutputStream out = s.getOutputStream();
        out.write(frame);
        out.flush();
        DataInputStream in = new DataInputStream(s.getInputStream());
        int len = in.readUnsignedShort();
        byte[] resp = new byte[len];
        in.readFully(resp);
        transcript.add("< " + HexFormat.of().formatHex(new byte[] {(byte) (len >> 8), (byte) len}) + HexFormat.of().formatHex(resp));
        Msg r = decode(resp);
        assertEquals(request.get(11), r.get(11), "STAN echoed in " + r.mti());
        return r;
    }

    private void writeTranscript() throws Exception {
        Path build = Path.of(IndependentIso87aClientTest.class.getProtectionDomain().getCodeSource().getLocation().toURI()).getParent();
        Path out = build.resolve("wire/iso87a-session.hex");
        Files.createDirectories(out.getParent());
        Files.write(out, transcript);
    }
}
