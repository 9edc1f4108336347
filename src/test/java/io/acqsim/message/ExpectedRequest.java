package io.acqsim.message;

import java.util.List;

import io.acqsim.iso.Profile;

/**
 * The {@link TerminalRequest} a test expects, built field by field from the defaults every test request
 * shares (terminal T0000001 of merchant M00000000000001, STAN 000042), so a whole decoded record can be
 * compared with {@code assertEquals} and a mismatch in any component fails.
 */
final class ExpectedRequest {
    static final String TID = "T0000001";
    static final String MID = "M00000000000001";
    static final String STAN = "000042";

    private final Profile profile;
    private final MessageKind kind;
    private final String mti;
    private String processingCode;
    private String mid = MID;
    private String requestKey = "";
    private long amount;
    private String currency;
    private String entryMode;
    private Channel channel;
    private String panMasked;
    private String panPrefix;
    private String originalRrn;
    private String originalKey;
    private MessageKind originalKind;
    private int batch = -1;
    private BatchTotals totals;
    private String network;
    private List<UploadRow> uploads = List.of();
    private int uploadCount;
    private boolean repeat;

    private ExpectedRequest(Profile profile, MessageKind kind, String mti) {
        this.profile = profile;
        this.kind = kind;
        this.mti = mti;
    }

    static ExpectedRequest of(Profile profile, MessageKind kind, String mti) {
        return new ExpectedRequest(profile, kind, mti);
    }

    ExpectedRequest processingCode(String v) { processingCode = v; return this; }

    ExpectedRequest noMid() { mid = null; return this; }

    ExpectedRequest key(String v) { requestKey = v; return this; }

    ExpectedRequest amount(long minor, String currencyCode) { amount = minor; currency = currencyCode; return this; }

    ExpectedRequest card(String entry, String masked, String prefix) { entryMode = entry; channel = Channel.CARD; panMasked = masked; panPrefix = prefix; return this; }

    ExpectedRequest qr(String entry) { entryMode = entry; channel = Channel.QR; return this; }

    ExpectedRequest originalRrn(String v) { originalRrn = v; return this; }

    ExpectedRequest original(MessageKind k, String key) { originalKind = k; originalKey = key; return this; }

    ExpectedRequest batch(int v) { batch = v; return this; }

    ExpectedRequest totals(BatchTotals v) { totals = v; return this; }

    ExpectedRequest network(String v) { network = v; return this; }

    ExpectedRequest uploads(List<UploadRow> rows, int count) { uploads = rows; uploadCount = count; return this; }

    ExpectedRequest repeat() { repeat = true; return this; }

    TerminalRequest build() {
        return new TerminalRequest(profile, kind, mti, processingCode, TID, mid, STAN, requestKey, amount, currency, entryMode,
                channel, panMasked, panPrefix, originalRrn, originalKey, originalKind, batch, totals, network, uploads, uploadCount, repeat);
    }
}
