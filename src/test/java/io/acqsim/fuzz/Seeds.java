package io.acqsim.fuzz;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jpos.iso.ISOException;
import org.jpos.iso.ISOMsg;
import org.jpos.iso.ISOUtil;

import io.acqsim.capture.LinkLayer;
import io.acqsim.capture.PacketWriter;
import io.acqsim.capture.PcapWriter;
import io.acqsim.capture.PcapngWriter;
import io.acqsim.capture.TcpCaptureWriter;
import io.acqsim.capture.TimeResolution;
import io.acqsim.host.TestHost;
import io.acqsim.iso.CupHeader;
import io.acqsim.iso.Packagers;
import io.acqsim.iso.Profile;
import io.acqsim.message.BatchTotals;
import io.acqsim.terminal.RequestFactory;

/**
 * Writes the committed seed corpora ({@code src/test/resources/fuzz/<target>/}, regressions/ left alone)
 * from the repository's real material: request frames of every kind the emulated terminal sends, on both
 * profiles; the sample scenarios and scripts in simulators/; events of the recorded message log
 * simulators/logs/national-day-week.log; hex dumps in both layouts and pcap/pcapng captures of those
 * frames; a valid body for each admin endpoint. Run it again when the formats change:
 * {@code java -cp TEST_CLASSPATH io.acqsim.fuzz.Seeds}.
 */
public final class Seeds {
    static final String PAN = "6222021234567890123";
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-10-01T02:00:00Z"), ZoneOffset.UTC);
    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    private Seeds() {
    }

    public static void main(String[] args) throws Exception {
        for (Profile p : Profile.values()) {
            Map<String, byte[]> frames = frames(p);
            Target t = p == Profile.CUP ? Target.FRAME_CUP : Target.FRAME_ISO87A;
            frames.forEach((name, frame) -> write(t, name, frame));
            write(t, "sign-on-then-purchase", concat(frames.get("sign-on"), frames.get("purchase-card")));
            byte tag = (byte) (p == Profile.CUP ? 0 : 1);
            write(Target.REPLAY_HEX, p.id() + "-plain", concat(new byte[] {tag}, plainHex(frames).getBytes(StandardCharsets.US_ASCII)));
            write(Target.REPLAY_HEX, p.id() + "-dump", concat(new byte[] {tag}, dumpHex(frames).getBytes(StandardCharsets.US_ASCII)));
            write(Target.REPLAY_PCAP, p.id() + "-pcapng", concat(new byte[] {tag}, capture(frames, true)));
            write(Target.REPLAY_PCAP, p.id() + "-pcap", concat(new byte[] {tag}, capture(frames, false)));
        }
        Path home = TestHost.HOME;
        for (String s : List.of("frozen-account", "risk-review", "host-maintenance", "network-fault", "daily-limit", "national-day-incident")) {
            byte[] text = Files.readAllBytes(home.resolve("simulators/scenarios/" + s + ".yml"));
            write(Target.SCENARIO, s, text);
            write(Target.ADMIN_BODY, "scenario-" + s, concat(new byte[] {5}, text));
        }
        for (String s : List.of("merchant-day", "qr-day", "reversal-storm", "unbalanced-settlement")) {
            write(Target.SCRIPT, s, Files.readAllBytes(home.resolve("simulators/" + s + ".yml")));
        }
        write(Target.ADMIN_BODY, "clock-advance", concat(new byte[] {0}, ascii("{\"by\":\"PT36H\"}")));
        write(Target.ADMIN_BODY, "clock-set", concat(new byte[] {1}, ascii("{\"to\":\"2026-10-08T10:00:00+08:00\"}")));
        write(Target.ADMIN_BODY, "settlement-run", concat(new byte[] {2}, ascii("{\"businessDate\":\"2026-10-01\"}")));
        write(Target.ADMIN_BODY, "account", concat(new byte[] {3}, ascii("{\"account\":\"6222020000000000001\"}")));
        write(Target.ADMIN_BODY, "fault", concat(new byte[] {4}, ascii("{\"type\":\"issuer-unavailable\",\"from\":\"2026-10-01T10:00:00+08:00\",\"to\":\"2026-10-01T11:00:00+08:00\"}")));
        logEvents(home.resolve("simulators/logs/national-day-week.log"));
    }

    /** One frame (length prefix, cup header, message) per kind of request the emulated terminal sends. */
    private static Map<String, byte[]> frames(Profile p) throws ISOException {
        return frames(p, "T0000001", "M00000000000001", CLOCK);
    }

    /** {@link #frames(Profile)} from terminal {@code tid} of merchant {@code mid}, timed by {@code clock}. */
    static Map<String, byte[]> frames(Profile p, String tid, String mid, Clock clock) throws ISOException {
        RequestFactory f = new RequestFactory(p, tid, mid, clock, ZONE);
        Map<String, ISOMsg> m = new LinkedHashMap<>();
        m.put("sign-on", f.signOn("000001", 1));
        m.put("echo", f.echo("000002", 1));
        m.put("purchase-card", f.cardPurchase("000003", 1, 12345, PAN, "2912", "021"));
        m.put("purchase-chip", f.cardPurchase("000004", 1, 500, PAN, "2912", "051"));
        m.put("purchase-qr", f.qrPurchase("000005", 1, 880, "6220485123456789012"));
        m.put("void", f.voidSale("000006", 1, 12345, "000000000042"));
        m.put("refund", f.refund("000007", 1, 100, "000000000042"));
        m.put("reversal", f.reversal(m.get("purchase-card"), false));
        m.put("settle", f.settle("000008", 1, new BatchTotals(2, 12845, 1, 100)));
        m.put("upload", f.upload("000009", 1, "000003", PAN, 12345, "000000"));
        m.put("close-batch", f.closeBatch("000010", 1, new BatchTotals(2, 12845, 1, 100), 3));
        m.put("sign-off", f.signOff("000011", 1));
        Map<String, byte[]> out = new LinkedHashMap<>();
        for (var e : m.entrySet()) {
            ISOMsg msg = e.getValue();
            msg.setPackager(Packagers.load(TestHost.PACKAGERS, p));
            byte[] body = msg.pack();
            byte[] payload = p == Profile.CUP ? concat(CupHeader.defaultHeader(), body) : body;
            out.put(e.getKey(), concat(new byte[] {(byte) (payload.length >> 8), (byte) payload.length}, payload));
        }
        return out;
    }

    private static String plainHex(Map<String, byte[]> frames) {
        StringBuilder sb = new StringBuilder("# one frame per line, length prefix included\n");
        int i = 0;
        for (byte[] f : frames.values()) {
            if (i == 4) break;
            sb.append("2026-10-01T10:00:0").append(i).append(".000+08:00 [conn-1] ").append(HexFormat.of().formatHex(f)).append('\n');
            i++;
        }
        return sb.toString();
    }

    private static String dumpHex(Map<String, byte[]> frames) {
        StringBuilder sb = new StringBuilder();
        int i = 0;
        for (byte[] f : frames.values()) {
            if (i == 3) break;
            sb.append("2026-10-01T10:00:0").append(i).append("+08:00 [conn-2]\n").append(ISOUtil.hexdump(f)).append('\n');
            i++;
        }
        return sb.toString();
    }

    /** Three requests on one connection, each answered by an echo of itself, as a pcapng or classic pcap. */
    private static byte[] capture(Map<String, byte[]> frames, boolean pcapng) throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        OutputStream out = buf;
        PacketWriter w = pcapng ? new PcapngWriter(out, LinkLayer.ETHERNET, TimeResolution.MICROSECONDS)
                : new PcapWriter(out, LinkLayer.ETHERNET, TimeResolution.MICROSECONDS);
        try (TcpCaptureWriter c = new TcpCaptureWriter(w, CLOCK)) {
            TcpCaptureWriter.Connection conn = c.open(new InetSocketAddress("192.168.1.10", 40001), new InetSocketAddress("192.168.1.1", 8583));
            int i = 0;
            for (byte[] f : frames.values()) {
                if (i++ == 3) break;
                conn.fromClient(ByteBuffer.wrap(f));
                conn.fromServer(ByteBuffer.wrap(f));
            }
        }
        return buf.toByteArray();
    }

    /** A few events of the recorded log with messages in them: a receive, a send, a format error's. */
    private static void logEvents(Path log) throws IOException {
        String text = Files.readString(log);
        Matcher m = Pattern.compile("(?s)<log realm=\"channel-[^\"]*\"[^>]*>.*?</log>").matcher(text);
        List<String> events = new ArrayList<>();
        while (m.find() && events.size() < 6) {
            if (m.group().contains("<isomsg")) events.add(m.group());
        }
        for (int i = 0; i + 1 < events.size(); i += 2) {
            write(Target.REPLAY_XML, "events-" + i, ascii("<logger class=\"org.jpos.util.RotateLogListener\">\n" + events.get(i) + "\n" + events.get(i + 1) + "\n</logger>\n"));
        }
        if (!events.isEmpty()) write(Target.REPLAY_XML, "bare-event", ascii(events.get(0) + "\n"));
    }

    private static void write(Target t, String name, byte[] data) {
        try {
            Path f = Files.createDirectories(t.seeds()).resolve(name);
            Files.write(f, data);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write seed " + name + " of " + t.id(), e);
        }
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) out.writeBytes(p);
        return out.toByteArray();
    }
}
