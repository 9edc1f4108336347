package io.acqsim.replay;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

import org.jpos.iso.ISOComponent;
import org.jpos.iso.ISOException;
import org.jpos.iso.ISOMsg;
import org.jpos.iso.ISOUtil;

import io.acqsim.iso.CupHeader;
import io.acqsim.iso.Masking;

/**
 * Compares a live answer with the recorded one, field by field, under {@link CompareRules}. Card data
 * (2, 35, 45) is masked in what it reports, whatever the input held.
 */
public final class Comparison {
    private final CompareRules rules;

    public Comparison(CompareRules rules) {
        this.rules = rules;
    }

    /**
     * The differences for one exchange: {@code sent} is the request as it went out, {@code recorded} the
     * recorded answer with carried values already translated (null: none was recorded), {@code live} the
     * target's answer (null: none came in time).
     */
    public List<Mismatch> compare(RecordedExchange e, ISOMsg sent, ISOMsg recorded, ISOMsg live) {
        if (recorded == null || live == null) return presence(e, recorded, live);
        List<Mismatch> out = new ArrayList<>();
        Map<String, String> want = flatten(recorded);
        Map<String, String> got = flatten(live);
        Map<String, String> request = flatten(sent);
        TreeMap<String, Boolean> fields = new TreeMap<>(Comparison::byFieldNumber);
        want.keySet().forEach(f -> fields.put(f, true));
        got.keySet().forEach(f -> fields.put(f, true));
        for (String f : fields.keySet()) {
            String w = want.get(f);
            String g = got.get(f);
            switch (rules.rule(f)) {
                case IGNORE -> { }
                case EQUAL -> {
                    if (!Objects.equals(w, g)) out.add(mismatch(e, f, show(f, w), show(f, g)));
                }
                case ECHO -> {
                    String r = request.containsKey(f) ? request.get(f) : w;
                    if (!Objects.equals(r, g)) out.add(mismatch(e, f, show(f, r), show(f, g)));
                }
                case PRESENT -> {
                    if ((w == null) != (g == null)) out.add(mismatch(e, f, w == null ? "absent" : "present", g == null ? "absent" : "present"));
                }
                case ABSENT -> {
                    if (g != null) out.add(mismatch(e, f, "absent", show(f, g)));
                }
            }
        }
        compareHeader(e, recorded, live, out);
        return out;
    }

    /** Only whether an answer came when one was recorded, and none when none was (replay without --compare). */
    public List<Mismatch> presence(RecordedExchange e, ISOMsg recorded, ISOMsg live) {
        if ((recorded == null) == (live == null)) return List.of();
        return List.of(mismatch(e, Mismatch.ANSWER, recorded == null ? Mismatch.NONE : mti(recorded), live == null ? Mismatch.NONE : mti(live)));
    }

    private void compareHeader(RecordedExchange e, ISOMsg recorded, ISOMsg live, List<Mismatch> out) {
        byte[] w = recorded.getHeader();
        byte[] g = live.getHeader();
        if (w == null || g == null || rules.rule(CompareRules.HEADER) == FieldRule.IGNORE) return;
        // the TPDU (first 5 bytes) carries addresses that differ per network; compare the application header
        String ws = w.length == CupHeader.LENGTH ? ISOUtil.hexString(w, 5, 6) : ISOUtil.hexString(w);
        String gs = g.length == CupHeader.LENGTH ? ISOUtil.hexString(g, 5, 6) : ISOUtil.hexString(g);
        if (!ws.equals(gs)) out.add(mismatch(e, CompareRules.HEADER, ws, gs));
    }

    private static Mismatch mismatch(RecordedExchange e, String field, String expected, String got) {
        return new Mismatch(e.sequence(), e.request().mti(), e.tid(), e.request().stan(), field, expected, got, e.request().origin().toString());
    }

    private static String mti(ISOMsg m) {
        try {
            return m.getMTI();
        } catch (ISOException ex) {
            return "?";
        }
    }

    /** Field number → value as text (binary as hex), subfields of composites as "127.2"; the bitmap is left out. */
    static Map<String, String> flatten(ISOMsg m) {
        Map<String, String> out = new TreeMap<>();
        flatten(m, "", out);
        return out;
    }

    private static void flatten(ISOMsg m, String prefix, Map<String, String> out) {
        for (Object o : m.getChildren().entrySet()) {
            var entry = (Map.Entry<?, ?>) o;
            int n = (Integer) entry.getKey();
            if (n == 1 || n < 0) continue;
            String key = prefix + n;
            ISOComponent c = (ISOComponent) entry.getValue();
            if (c instanceof ISOMsg sub) {
                flatten(sub, key + ".", out);
                continue;
            }
            try {
                Object v = c.getValue();
                out.put(key, v instanceof byte[] b ? ISOUtil.hexString(b) : String.valueOf(v));
            } catch (ISOException ex) {
                out.put(key, "?");
            }
        }
    }

    /** Card data is never reported in full. */
    private static String show(String field, String value) {
        if (value == null) return "absent";
        return switch (field) {
            case "2", "35" -> Masking.pan(value);
            case "45", "52", "55" -> "*".repeat(Math.min(value.length(), 8));
            default -> value;
        };
    }

    private static int byFieldNumber(String a, String b) {
        String[] x = a.split("\\.");
        String[] y = b.split("\\.");
        for (int i = 0; i < Math.min(x.length, y.length); i++) {
            int c = Integer.compare(number(x[i]), number(y[i]));
            if (c != 0) return c;
        }
        return Integer.compare(x.length, y.length);
    }

    private static int number(String s) {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            return Integer.MAX_VALUE;
        }
    }
}
