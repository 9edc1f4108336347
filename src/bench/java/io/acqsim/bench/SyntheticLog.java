package io.acqsim.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Writes a jPOS XML message log in the shape acqsim's host writes (a {@code <logger>} root, a realm per
 * connection, receive/send events with {@code <simulated-at>}, masked PANs), for the replay benchmarks:
 * {@code --messages N} messages (half requests, half their responses) of {@code --terminals T} iso87a
 * terminals — sign-ons, purchases (one in twenty declined), echoes — one second apart per terminal.
 *
 * <pre>java -cp acqsim.jar io.acqsim.bench.SyntheticLog --messages 500000 --terminals 100 --out FILE</pre>
 */
public final class SyntheticLog {
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final DateTimeFormatter SIM = DateTimeFormatter.ISO_OFFSET_DATE_TIME;

    private SyntheticLog() {
    }

    public static void main(String[] args) throws IOException {
        long messages = 500_000;
        int terminals = 100;
        Path out = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--messages" -> messages = Long.parseLong(args[++i]);
                case "--terminals" -> terminals = Integer.parseInt(args[++i]);
                case "--out" -> out = Path.of(args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (out == null) throw new IllegalArgumentException("--out FILE is required");
        Instant start = Instant.parse("2026-09-30T01:00:00Z");
        int[] stan = new int[terminals];
        try (BufferedWriter w = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
            w.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<logger class=\"org.jpos.util.RotateLogListener\">\n");
            long written = 0;
            for (long round = 0; written < messages; round++) {
                for (int t = 0; t < terminals && written < messages; t++) {
                    Instant at = start.plusSeconds(round).plusMillis(t * 7L);
                    String tid = String.format(Locale.ROOT, "T%07d", t + 1);
                    String mid = String.format(Locale.ROOT, "M%014d", t % 10 + 1);
                    String realm = "channel-iso87a/127.0.0.1:" + (40000 + t);
                    String s = String.format(Locale.ROOT, "%06d", ++stan[t] % 1_000_000);
                    long amount = 100 + (round * 37 + t) % 90_000;
                    if (round % 20 == 19) amount = amount / 100 * 100 + 51;
                    boolean signOn = round == 0;
                    boolean echo = !signOn && round % 10 == 5;
                    String rc = signOn || echo || amount % 100 != 51 ? "00" : "51";
                    event(w, realm, at, true, signOn || echo ? network(s, tid, mid, signOn ? "001" : "301", null, at)
                            : purchase(s, tid, mid, amount, null, null, at));
                    event(w, realm, at.plusMillis(3), false, signOn || echo ? network(s, tid, mid, signOn ? "001" : "301", rc, at)
                            : purchase(s, tid, mid, amount, rc, String.format(Locale.ROOT, "%012d", round * terminals + t + 1), at));
                    written += 2;
                }
            }
            w.write("</logger>\n");
        }
        System.out.printf(Locale.ROOT, "%s: %,d messages, %,d bytes%n", out, messages, Files.size(out));
    }

    private static String network(String stan, String tid, String mid, String code, String rc, Instant at) {
        StringBuilder f = new StringBuilder();
        field(f, 0, rc == null ? "0800" : "0810");
        field(f, 7, transmission(at));
        field(f, 11, stan);
        if (rc != null) {
            field(f, 12, local(at, "HHmmss"));
            field(f, 13, local(at, "MMdd"));
            field(f, 15, local(at, "MMdd"));
            field(f, 39, rc);
        }
        field(f, 41, tid);
        field(f, 42, mid);
        if (rc != null && "001".equals(code)) field(f, 60, "000001");
        field(f, 70, code);
        return f.toString();
    }

    private static String purchase(String stan, String tid, String mid, long amount, String rc, String rrn, Instant at) {
        StringBuilder f = new StringBuilder();
        field(f, 0, rc == null ? "0200" : "0210");
        if (rc == null) field(f, 2, "622202_________0123");
        field(f, 3, "000000");
        field(f, 4, String.format(Locale.ROOT, "%012d", amount));
        field(f, 7, transmission(at));
        field(f, 11, stan);
        if (rc == null) {
            field(f, 14, "2912");
            field(f, 22, "071");
            field(f, 25, "00");
        } else {
            field(f, 12, local(at, "HHmmss"));
            field(f, 13, local(at, "MMdd"));
            field(f, 15, local(at, "MMdd"));
            field(f, 37, rrn);
            if ("00".equals(rc)) field(f, 38, rrn.substring(6));
            field(f, 39, rc);
        }
        field(f, 41, tid);
        field(f, 42, mid);
        field(f, 49, "156");
        field(f, 60, "000001");
        return f.toString();
    }

    private static void field(StringBuilder f, int id, String value) {
        f.append("      <field id=\"").append(id).append("\" value=\"").append(value).append("\"/>\n");
    }

    private static String transmission(Instant at) {
        return LocalDateTime.ofInstant(at, ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("MMddHHmmss", Locale.ROOT));
    }

    private static String local(Instant at, String pattern) {
        return at.atZone(SHANGHAI).format(DateTimeFormatter.ofPattern(pattern, Locale.ROOT));
    }

    private static void event(BufferedWriter w, String realm, Instant at, boolean in, String fields) throws IOException {
        String wall = LocalDateTime.ofInstant(at.plusSeconds(86_400 * 62), ZoneOffset.UTC).toString();
        String sim = "<simulated-at>" + SIM.format(at.atZone(SHANGHAI)) + "</simulated-at>\n";
        w.write("<log realm=\"" + realm + "\" at=\"" + wall + "\" lifespan=\"1ms\" trace-id=\"9a00132f84314a869f9dd72082d83606\">\n");
        w.write(in ? "  <receive>\n" : "  <send>\n");
        if (!in) w.write("    " + sim);
        w.write("    <isomsg direction=\"" + (in ? "incoming" : "outgoing") + "\">\n");
        w.write("      <!-- org.jpos.iso.packager.GenericPackager[cfg/packagers/iso87a.xml] -->\n");
        w.write(fields);
        w.write("    </isomsg>\n");
        if (in) w.write("    " + sim);
        w.write(in ? "  </receive>\n" : "  </send>\n");
        w.write("</log>\n");
    }
}
