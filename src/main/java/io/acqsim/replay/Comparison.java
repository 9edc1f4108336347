package io.acqsim.replay;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

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
    private static final String[] NAMES = new String[193];

    static {
        for (int i = 0; i < NAMES.length; i++) NAMES[i] = String.valueOf(i);
    }

    private final CompareRules rules;

    public Comparison(CompareRules rules) {
        this.rules = rules;
    }

    /**
     * The differences for one exchange: {@code sent} is the request as it went out, {@code recorded} the
     * recorded answer with carried values already translated (null: none was recorded), {@code live} the
     * target's answer (null: none came in time). Fields in number order, subfields of composites as
     * "127.2", then the header.
     */
    public List<Mismatch> compare(RecordedExchange e, ISOMsg sent, ISOMsg recorded, ISOMsg live) {
        if (recorded == null || live == null) return presence(e, recorded, live);
        List<Mismatch> out = new ArrayList<>(0);
        compareFields(e, "", sent, recorded, live, out);
        compareHeader(e, recorded, live, out);
        return out;
    }

    /** Walks field numbers rather than building maps: this runs for every answer of a replay. */
    private void compareFields(RecordedExchange e, String prefix, ISOMsg sent, ISOMsg want, ISOMsg got, List<Mismatch> out) {
        int max = Math.max(want.getMaxField(), got.getMaxField());
        for (int i = 0; i <= max; i++) {
            if (i == 1) continue; // the bitmap follows from the fields
            ISOComponent w = want.getComponent(i);
            ISOComponent g = got.getComponent(i);
            if (w == null && g == null) continue;
            String field = prefix.isEmpty() && i < NAMES.length ? NAMES[i] : prefix + i;
            if (w instanceof ISOMsg || g instanceof ISOMsg) {
                ISOComponent r = sent == null ? null : sent.getComponent(i);
                compareFields(e, field + ".", r instanceof ISOMsg rm ? rm : null, composite(w), composite(g), out);
                continue;
            }
            String wv = text(w);
            String gv = text(g);
            switch (rules.rule(field)) {
                case IGNORE -> { }
                case EQUAL -> {
                    if (!Objects.equals(wv, gv)) out.add(mismatch(e, field, show(field, wv), show(field, gv)));
                }
                case ECHO -> {
                    ISOComponent r = sent == null ? null : sent.getComponent(i);
                    String rv = r != null ? text(r) : wv;
                    if (!Objects.equals(rv, gv)) out.add(mismatch(e, field, show(field, rv), show(field, gv)));
                }
                case PRESENT -> {
                    if ((wv == null) != (gv == null)) out.add(mismatch(e, field, wv == null ? "absent" : "present", gv == null ? "absent" : "present"));
                }
                case ABSENT -> {
                    if (gv != null) out.add(mismatch(e, field, "absent", show(field, gv)));
                }
            }
        }
    }

    /** A composite field's subfields; a plain value or nothing on one side compares as no subfields. */
    private static ISOMsg composite(ISOComponent c) {
        return c instanceof ISOMsg m ? m : new ISOMsg();
    }

    /** A field's value as text, binary as hex; null for no field. */
    private static String text(ISOComponent c) {
        if (c == null) return null;
        try {
            Object v = c.getValue();
            return v instanceof byte[] b ? ISOUtil.hexString(b) : String.valueOf(v);
        } catch (ISOException ex) {
            return "?";
        }
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

    /** Card data is never reported in full. */
    private static String show(String field, String value) {
        if (value == null) return "absent";
        return switch (field) {
            case "2", "35" -> Masking.pan(value);
            case "45", "52", "55" -> "*".repeat(Math.min(value.length(), 8));
            default -> value;
        };
    }
}
