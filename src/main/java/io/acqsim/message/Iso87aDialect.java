package io.acqsim.message;

import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.List;

import org.jpos.iso.ISOException;
import org.jpos.iso.ISOMsg;

import io.acqsim.iso.Masking;
import io.acqsim.iso.Profile;

/** Profile iso87a (PRODUCT.md §4.2): field 70 for network management, 90 for reversals, 63 for totals. */
final class Iso87aDialect implements Dialect {
    private static final DateTimeFormatter HHMMSS = DateTimeFormatter.ofPattern("HHmmss");
    private static final DateTimeFormatter MMDD = DateTimeFormatter.ofPattern("MMdd");
    static final String QR_ENTRY_MODE = "031";

    @Override
    public Profile profile() {
        return Profile.ISO87A;
    }

    @Override
    public TerminalRequest decode(ISOMsg m) throws FormatError {
        Fields f = new Fields(m);
        String mti = m.getString(0);
        return switch (mti) {
            case "0800" -> network(f, mti);
            case "0200" -> financial(f, mti);
            case "0400", "0401" -> reversal(f, mti);
            case "0500" -> settlement(f, mti);
            case "0320" -> upload(f, mti);
            default -> throw new FormatError(0, "MTI " + mti + " is not served by this host");
        };
    }

    private TerminalRequest network(Fields f, String mti) throws FormatError {
        String code = f.digits(70, 3);
        MessageKind kind = switch (code) {
            case "001" -> MessageKind.SIGN_ON;
            case "002" -> MessageKind.SIGN_OFF;
            case "301" -> MessageKind.ECHO;
            default -> throw new FormatError(70, "network management code " + code + " is not 001, 002 or 301", ResponseCode.INVALID_TRANSACTION);
        };
        return new Builder(Profile.ISO87A, kind, mti, f).network(code).build();
    }

    private TerminalRequest financial(Fields f, String mti) throws FormatError {
        String pc = f.digits(3, 6);
        MessageKind kind = switch (pc) {
            case "000000" -> MessageKind.PURCHASE;
            case "020000" -> MessageKind.VOID;
            case "200000" -> MessageKind.REFUND;
            default -> throw new FormatError(3, "processing code " + pc + " is not purchase, void or refund", ResponseCode.INVALID_TRANSACTION);
        };
        Builder b = new Builder(Profile.ISO87A, kind, mti, f).processingCode(pc).key(f.digits(7, 10)).amount(f);
        if (kind == MessageKind.PURCHASE) {
            String entry = f.digits(22, 3);
            if (entry.equals(QR_ENTRY_MODE)) {
                b.qr(entry, f.text(48));
                f.absent(2, "on a QR purchase");
                f.absent(35, "on a QR purchase");
            } else {
                b.card(entry, f.pan());
            }
        } else {
            b.originalRrn(f.fixed(37, 12));
        }
        return b.batch(batchNumber(f)).build();
    }

    private TerminalRequest reversal(Fields f, String mti) throws FormatError {
        String pc = f.digits(3, 6);
        String original = f.digits(90, 42);
        MessageKind originalKind = switch (pc) {
            case "000000" -> MessageKind.PURCHASE;
            case "020000" -> MessageKind.VOID;
            case "200000" -> MessageKind.REFUND;
            default -> throw new FormatError(3, "processing code " + pc + " does not name a reversible transaction", ResponseCode.INVALID_TRANSACTION);
        };
        String originalStan = original.substring(4, 10);
        String originalF7 = original.substring(10, 20);
        String tid = f.fixed(41, 8);
        return new Builder(Profile.ISO87A, MessageKind.REVERSAL, mti, f).processingCode(pc)
                .key(f.digits(7, 10)).amount(f)
                .original(originalKind, tid + "|" + originalStan + "|" + originalF7)
                .repeat(mti.equals("0401"))
                .batch(batchNumber(f)).build();
    }

    private TerminalRequest settlement(Fields f, String mti) throws FormatError {
        String pc = f.digits(3, 6);
        MessageKind kind = switch (pc) {
            case "920000" -> MessageKind.BATCH_SETTLE;
            case "960000" -> MessageKind.BATCH_CLOSE;
            default -> throw new FormatError(3, "processing code " + pc + " is not 920000 or 960000", ResponseCode.INVALID_TRANSACTION);
        };
        return new Builder(Profile.ISO87A, kind, mti, f).processingCode(pc).totals(totals(f)).batch(batchNumber(f)).build();
    }

    private TerminalRequest upload(Fields f, String mti) throws FormatError {
        String pc = f.digits(3, 6);
        String stan = f.digits(11, 6);
        long amount = f.amount(4);
        String pan = f.has(2) || f.has(35) ? Masking.pan(f.pan()) : null;
        return new Builder(Profile.ISO87A, MessageKind.BATCH_UPLOAD, mti, f).processingCode(pc).amount(f)
                .uploads(List.of(new UploadRow(stan, pan, amount, pc)), 1).batch(batchNumber(f)).build();
    }

    /** Field 63 of a 0500: n3 + n12 + n3 + n12. */
    private static BatchTotals totals(Fields f) throws FormatError {
        String t = f.text(63);
        if (t.length() != 30 || !Fields.isDigits(t)) throw new FormatError(63, "totals must be 30 digits (n3 n12 n3 n12)");
        return new BatchTotals(Integer.parseInt(t.substring(0, 3)), Long.parseLong(t.substring(3, 15)),
                Integer.parseInt(t.substring(15, 18)), Long.parseLong(t.substring(18, 30)));
    }

    /** Optional field 60: the terminal's batch number, n6. */
    private static int batchNumber(Fields f) throws FormatError {
        String b = f.optional(60);
        if (b == null) return -1;
        if (b.length() != 6 || !Fields.isDigits(b)) throw new FormatError(60, "batch number must be 6 digits");
        return Integer.parseInt(b);
    }

    @Override
    public ISOMsg respond(ISOMsg request, TerminalRequest decoded, Outcome o, ZoneId zone) throws ISOException {
        ISOMsg r = new ISOMsg(Dialect.responseMti(request.getMTI()));
        for (int field : new int[] {3, 4, 7, 11, 41, 42, 49, 60, 70}) {
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
        if (o.hostBatchNumber() >= 0) r.set(60, String.format("%06d", o.hostBatchNumber()));
        if (o.hostTotals() != null) r.set(63, o.hostTotals().toIso87a());
        if (o.iccResponse() != null) r.set(55, HexFormat.of().withUpperCase().formatHex(o.iccResponse()));
        // field 62 is LLL characters on this profile: the working keys as upper-case hex
        if (o.workingKeys() != null) r.set(62, HexFormat.of().withUpperCase().formatHex(o.workingKeys()));
        return r;
    }
}
