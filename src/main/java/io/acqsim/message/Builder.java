package io.acqsim.message;

import java.util.List;

import io.acqsim.iso.Masking;
import io.acqsim.iso.Profile;

/** Assembles a {@link TerminalRequest} from the fields every profile shares (11, 41, 42, 4, 49). */
final class Builder {
    private final Profile profile;
    private final MessageKind kind;
    private final String mti;
    private final String tid;
    private final String mid;
    private final String stan;
    private final String currency;
    private String processingCode;
    private String requestKey = "";
    private long amount;
    private String entryMode;
    private Channel channel;
    private String panMasked;
    private String panPrefix;
    private String originalRrn;
    private String originalKey;
    private MessageKind originalKind;
    private int batchNumber = -1;
    private BatchTotals totals;
    private String networkCode;
    private List<UploadRow> uploads = List.of();
    private int uploadCount;
    private boolean repeat;

    Builder(Profile profile, MessageKind kind, String mti, Fields f) throws FormatError {
        this.profile = profile;
        this.kind = kind;
        this.mti = mti;
        // real terminals send no STAN with their start-up download messages (docs/notes/chip.md)
        this.stan = kind == MessageKind.PARAMETER_DOWNLOAD ? f.optionalDigits(11, 6) : f.digits(11, 6);
        this.tid = f.fixed(41, 8);
        this.mid = f.has(42) ? f.fixed(42, 15) : null;
        String cur = f.optional(49);
        if (cur != null && (cur.length() != 3 || !Fields.isDigits(cur))) throw new FormatError(49, "'" + cur + "' is not a 3-digit currency code");
        this.currency = cur;
        if (!kind.isNetworkManagement() && mid == null) {
            throw new FormatError(42, "is mandatory for " + mti);
        }
    }

    Builder processingCode(String pc) { this.processingCode = pc; return this; }

    Builder key(String k) { this.requestKey = k; return this; }

    Builder amount(Fields f) throws FormatError { this.amount = f.amount(4); return this; }

    Builder card(String entryMode, String pan) {
        this.entryMode = entryMode;
        this.channel = Channel.CARD;
        this.panMasked = Masking.pan(pan);
        this.panPrefix = pan.substring(0, 6);
        return this;
    }

    Builder qr(String entryMode, String payload) throws FormatError {
        if (payload.isEmpty()) throw new FormatError(48, "QR payload is empty");
        this.entryMode = entryMode;
        this.channel = Channel.QR;
        return this;
    }

    Builder originalRrn(String rrn) { this.originalRrn = rrn; return this; }

    Builder original(MessageKind kind, String key) { this.originalKind = kind; this.originalKey = key; return this; }

    Builder batch(int n) { this.batchNumber = n; return this; }

    Builder totals(BatchTotals t) { this.totals = t; return this; }

    Builder network(String code) { this.networkCode = code; return this; }

    Builder uploads(List<UploadRow> rows, int count) { this.uploads = List.copyOf(rows); this.uploadCount = count; return this; }

    Builder repeat(boolean r) { this.repeat = r; return this; }

    TerminalRequest build() {
        return new TerminalRequest(profile, kind, mti, processingCode, tid, mid, stan, requestKey, amount, currency,
                entryMode, channel, panMasked, panPrefix, originalRrn, originalKey, originalKind, batchNumber, totals,
                networkCode, uploads, uploadCount, repeat);
    }
}
