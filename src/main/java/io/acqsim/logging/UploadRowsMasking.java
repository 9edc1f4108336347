package io.acqsim.logging;

import java.util.List;

import org.jpos.iso.ISOMsg;
import org.jpos.iso.ISOUtil;
import org.jpos.util.LogEvent;
import org.jpos.util.LogListener;

/**
 * Masks the card numbers of cup batch-upload rows in logged messages. Field 48 of a cup 0320 (60.3 = 201)
 * is a 2-digit count, then rows of 40 digits: 2 reserved, STAN n6, PAN n20 (zero-padded on the left), amount
 * n12 (reference/DOMAIN.md); jPOS's ProtectedLogListener knows fields, not rows, so without this every
 * upload put its PANs in the message log in full. Each row's PAN keeps its first 6 and last 4 digits, the
 * rest becomes {@code _} as ProtectedLogListener writes it (replay reads such a row as masked, not as a PAN).
 * <p>
 * A field 48 is taken for upload rows by its shape, whatever the MTI (a garbled frame may carry the rows
 * under another one): all digits, {@code 2 + 40·n} long. Settlement totals (31 or 62 digits) and QR codes
 * never have that shape. The logged message is a copy; the one the host works with is left alone. Sits
 * right after ProtectedLogListener in deploy/00_logger.xml, so every listener after it sees the masked copy.
 */
public final class UploadRowsMasking implements LogListener {
    static final int FIELD = 48;
    private static final int ROW = 40;
    private static final int PAN_FROM = 8;
    private static final int PAN_TO = 28;

    @Override
    public LogEvent log(LogEvent ev) {
        List<Object> payload = ev.getPayLoad();
        synchronized (payload) {
            for (int i = 0; i < payload.size(); i++) {
                if (payload.get(i) instanceof ISOMsg m && m.getValue(FIELD) instanceof String v && isUploadRows(v)) {
                    ISOMsg copy = (ISOMsg) m.clone();
                    copy.set(FIELD, masked(v));
                    payload.set(i, copy);
                }
            }
        }
        return ev;
    }

    static boolean isUploadRows(String v) {
        if (v.length() < 2 + ROW || (v.length() - 2) % ROW != 0) return false;
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c < '0' || c > '9') return false;
        }
        return true;
    }

    /** {@code v} with each row's PAN masked: its leading zeros kept, then first 6 and last 4 digits of the PAN. */
    static String masked(String v) {
        StringBuilder sb = new StringBuilder(v);
        for (int row = 2; row + ROW <= v.length(); row += ROW) {
            String padded = v.substring(row + PAN_FROM, row + PAN_TO);
            int start = 0;
            while (start < padded.length() - 1 && padded.charAt(start) == '0') start++;
            String pan = padded.substring(start);
            sb.replace(row + PAN_FROM + start, row + PAN_TO, pan.length() < 11 ? "_".repeat(pan.length()) : ISOUtil.protect(pan));
        }
        return sb.toString();
    }
}
