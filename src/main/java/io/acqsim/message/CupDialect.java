package io.acqsim.message;

import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.jpos.iso.ISOException;
import org.jpos.iso.ISOMsg;

import io.acqsim.iso.CupHeader;
import io.acqsim.iso.Masking;
import io.acqsim.iso.Profile;

/**
 * Profile cup (reference/DOMAIN.md §1): the transaction is named by MTI, processing code and 60.1;
 * network management by 60.3; totals and upload rows travel in field 48. There is no field 7, so a
 * request is identified by TID, STAN and the batch number 60.2.
 */
final class CupDialect implements Dialect {
    private static final DateTimeFormatter HHMMSS = DateTimeFormatter.ofPattern("HHmmss");
    private static final DateTimeFormatter MMDD = DateTimeFormatter.ofPattern("MMdd");
    private static final int UPLOAD_ROW = 40;
    /** 0800: CA key download 370 and its end 371; IC parameter download 380 and its end 381 (docs/notes/chip.md). */
    private static final Set<String> DOWNLOADS = Set.of("370", "371", "380", "381");
    /**
     * 60.1 of a chip purchase the card approved offline, uploaded afterwards: 0200 after the sale, 0320 during
     * settlement (docs/notes/chip.md). The host records it as approved without asking the issuer.
     */
    static final String OFFLINE_PURCHASE = "36";
    /** 0320: IC transaction (TC) upload at settlement 203 / after the sale 205; failed IC transaction upload 204 / 206. */
    private static final Set<String> CHIP_UPLOADS = Set.of("203", "204", "205", "206");

    @Override
    public Profile profile() {
        return Profile.CUP;
    }

    /** Field 60 split into its parts. */
    private record Field60(String type, int batch, String network) {
        static Field60 of(Fields f) throws FormatError {
            String v = f.text(60);
            if (v.length() < 11 || !Fields.isDigits(v)) throw new FormatError(60, "'" + v + "' is not 60.1 n2 + 60.2 n6 + 60.3 n3");
            return new Field60(v.substring(0, 2), Integer.parseInt(v.substring(2, 8)), v.substring(8, 11));
        }
    }

    @Override
    public TerminalRequest decode(ISOMsg m) throws FormatError {
        Fields f = new Fields(m);
        String mti = m.getString(0);
        Field60 f60 = Field60.of(f);
        return switch (mti) {
            case "0800" -> {
                if (DOWNLOADS.contains(f60.network())) {
                    yield new Builder(Profile.CUP, MessageKind.PARAMETER_DOWNLOAD, mti, f).network(f60.network()).batch(f60.batch()).build();
                }
                if (!f60.network().equals("001") && !f60.network().equals("003") && !f60.network().equals("004")) {
                    throw new FormatError(60, "60.3 of a sign-on must be 001, 003 or 004", ResponseCode.INVALID_TRANSACTION);
                }
                yield new Builder(Profile.CUP, MessageKind.SIGN_ON, mti, f).network(f60.network()).batch(f60.batch()).build();
            }
            case "0820" -> {
                MessageKind kind = switch (f60.network()) {
                    case "002" -> MessageKind.SIGN_OFF;
                    case "301" -> MessageKind.ECHO;
                    case "372", "382" -> MessageKind.PARAMETER_DOWNLOAD;
                    default -> throw new FormatError(60, "60.3 " + f60.network() + " is not sign-off 002, echo 301 or status query 372/382", ResponseCode.INVALID_TRANSACTION);
                };
                yield new Builder(Profile.CUP, kind, mti, f).network(f60.network()).batch(f60.batch()).build();
            }
            case "0200", "0220" -> financial(f, mti, f60);
            case "0400" -> reversal(f, mti, f60);
            case "0500" -> {
                if (!f60.network().equals("201")) throw new FormatError(60, "60.3 of a settlement must be 201", ResponseCode.INVALID_TRANSACTION);
                yield new Builder(Profile.CUP, MessageKind.BATCH_SETTLE, mti, f).totals(totals(f)).batch(f60.batch()).build();
            }
            case "0320" -> f60.type().equals(OFFLINE_PURCHASE) ? financial(f, mti, f60)
                    : CHIP_UPLOADS.contains(f60.network())
                    ? new Builder(Profile.CUP, MessageKind.CHIP_ADVICE, mti, f).network(f60.network()).batch(f60.batch()).build()
                    : upload(f, mti, f60);
            case "0620" -> {
                if (!f60.network().equals("951")) throw new FormatError(60, "60.3 of a script result advice must be 951", ResponseCode.INVALID_TRANSACTION);
                yield new Builder(Profile.CUP, MessageKind.CHIP_ADVICE, mti, f).network(f60.network()).batch(f60.batch()).build();
            }
            default -> throw new FormatError(0, "MTI " + mti + " is not served by this host");
        };
    }

    private TerminalRequest financial(Fields f, String mti, Field60 f60) throws FormatError {
        String pc = f.digits(3, 6);
        MessageKind kind = switch (mti + "/" + pc + "/" + f60.type()) {
            case "0200/000000/22" -> MessageKind.PURCHASE;
            case "0200/000000/" + OFFLINE_PURCHASE, "0320/000000/" + OFFLINE_PURCHASE -> MessageKind.PURCHASE;
            case "0200/200000/23" -> MessageKind.VOID;
            case "0220/200000/25" -> MessageKind.REFUND;
            default -> throw new FormatError(3, "MTI " + mti + ", processing code " + pc + ", 60.1 " + f60.type()
                    + " is not a purchase (0200/000000/22), void (0200/200000/23) or refund (0220/200000/25)", ResponseCode.INVALID_TRANSACTION);
        };
        Builder b = new Builder(Profile.CUP, kind, mti, f).processingCode(pc).key(String.format("%06d", f60.batch()))
                .amount(f).batch(f60.batch());
        if (kind == MessageKind.PURCHASE) {
            String entry = f.digits(22, 3);
            if (entry.startsWith("03")) {
                b.qr(entry, f.text(48));
                f.absent(2, "on a QR purchase");
                f.absent(35, "on a QR purchase");
            } else {
                b.card(entry, f.pan());
            }
        } else {
            b.originalRrn(f.fixed(37, 12));
        }
        return b.build();
    }

    private TerminalRequest reversal(Fields f, String mti, Field60 f60) throws FormatError {
        String pc = f.digits(3, 6);
        MessageKind originalKind = switch (f60.type()) {
            case "22" -> MessageKind.PURCHASE;
            case "23" -> MessageKind.VOID;
            case "25" -> MessageKind.REFUND;
            default -> throw new FormatError(60, "60.1 " + f60.type() + " does not name a reversible transaction", ResponseCode.INVALID_TRANSACTION);
        };
        String stan = f.digits(11, 6);
        String tid = f.fixed(41, 8);
        String batch = String.format("%06d", f60.batch());
        return new Builder(Profile.CUP, MessageKind.REVERSAL, mti, f).processingCode(pc).key(batch).amount(f)
                .original(originalKind, tid + "|" + stan + "|" + batch).batch(f60.batch()).build();
    }

    private TerminalRequest upload(Fields f, String mti, Field60 f60) throws FormatError {
        Builder b = new Builder(Profile.CUP, MessageKind.BATCH_UPLOAD, mti, f).batch(f60.batch());
        switch (f60.network()) {
            case "201" -> {
                String v = f.text(48);
                if (v.length() < 2 || !Fields.isDigits(v)) throw new FormatError(48, "upload rows must start with a 2-digit count");
                int n = Integer.parseInt(v.substring(0, 2));
                if (n < 1 || n > 8 || v.length() != 2 + n * UPLOAD_ROW) {
                    throw new FormatError(48, "count " + n + " does not match " + (v.length() - 2) + " digits of 40-digit rows (1-8 rows)");
                }
                List<UploadRow> rows = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    String row = v.substring(2 + i * UPLOAD_ROW, 2 + (i + 1) * UPLOAD_ROW);
                    String pan = row.substring(8, 28).replaceFirst("^0+", "");
                    rows.add(new UploadRow(row.substring(2, 8), Masking.pan(pan), Long.parseLong(row.substring(28, 40)), null));
                }
                return b.uploads(rows, n).build();
            }
            case "202" -> {
                String v = f.text(48);
                if (v.length() != 4 || !Fields.isDigits(v)) throw new FormatError(48, "the end of an unbalanced upload carries the total count n4");
                return new Builder(Profile.CUP, MessageKind.BATCH_CLOSE, mti, f).batch(f60.batch()).network("202")
                        .uploads(List.of(), Integer.parseInt(v)).build();
            }
            case "207" -> {
                return new Builder(Profile.CUP, MessageKind.BATCH_CLOSE, mti, f).batch(f60.batch()).network("207").build();
            }
            default -> throw new FormatError(60, "60.3 " + f60.network() + " of a 0320 is not 201, 202 or 207", ResponseCode.INVALID_TRANSACTION);
        }
    }

    /** Field 48 of a 0500: domestic block then foreign block, each n12 n3 n12 n3 n1; both are counted. */
    private static BatchTotals totals(Fields f) throws FormatError {
        String v = f.text(48);
        if ((v.length() != 31 && v.length() != 62) || !Fields.isDigits(v)) {
            throw new FormatError(48, "settlement totals must be 31 or 62 digits (n12 n3 n12 n3 n1, domestic then foreign)");
        }
        BatchTotals t = BatchTotals.ZERO;
        for (int off = 0; off < v.length(); off += 31) {
            t = new BatchTotals(
                    t.salesCount() + Integer.parseInt(v.substring(off + 12, off + 15)),
                    t.salesAmount() + Long.parseLong(v.substring(off, off + 12)),
                    t.refundCount() + Integer.parseInt(v.substring(off + 27, off + 30)),
                    t.refundAmount() + Long.parseLong(v.substring(off + 15, off + 27)));
        }
        return t;
    }

    @Override
    public ISOMsg respond(ISOMsg request, TerminalRequest decoded, Outcome o, ZoneId zone) throws ISOException {
        ISOMsg r = new ISOMsg(Dialect.responseMti(request.getMTI()));
        byte[] header = request.getHeader() != null && request.getHeader().length == CupHeader.LENGTH
                ? request.getHeader() : CupHeader.defaultHeader();
        r.setHeader(CupHeader.withProcessingRequirement(header, o.processingRequirement()));
        for (int field : new int[] {3, 4, 11, 25, 41, 42, 49, 60}) {
            if (request.hasField(field)) r.set(field, request.getString(field));
        }
        if (o.capturedAt() != null) {
            ZonedDateTime local = o.capturedAt().atZone(zone);
            r.set(12, HHMMSS.format(local));
            r.set(13, MMDD.format(local));
        }
        if (o.businessDate() != null) r.set(15, MMDD.format(o.businessDate()));
        if (o.rrn() != null) r.set(37, o.rrn());
        if (o.authCode() != null && o.approved()) r.set(38, o.authCode());
        r.set(39, o.responseCode().code());
        String f60 = request.getString(60);
        if (o.hostBatchNumber() >= 0 && f60 != null && f60.length() >= 11) {
            r.set(60, f60.substring(0, 2) + String.format("%06d", o.hostBatchNumber()) + f60.substring(8));
        }
        if (o.iccResponse() != null) r.set(55, o.iccResponse());
        if (o.downloadData() != null) r.set(62, o.downloadData());
        if (o.workingKeys() != null) r.set(62, o.workingKeys());
        if (decoded != null && decoded.kind() == MessageKind.BATCH_SETTLE && decoded.totals() != null) {
            BatchTotals t = decoded.totals();
            char code = o.reconciled() ? '1' : ResponseCode.RECONCILE_ERROR.equals(o.responseCode()) ? '2' : '3';
            r.set(48, t.toCupBlock(code) + BatchTotals.ZERO.toCupBlock(code));
        }
        return r;
    }
}
