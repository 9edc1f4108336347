package io.acqsim.ledger;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import io.acqsim.ledger.LedgerChange.BatchClosed;
import io.acqsim.ledger.LedgerChange.Recorded;
import io.acqsim.ledger.LedgerChange.Reversed;
import io.acqsim.ledger.LedgerChange.SignedOff;
import io.acqsim.ledger.LedgerChange.SignedOn;
import io.acqsim.ledger.LedgerChange.TerminalSeen;
import io.acqsim.ledger.LedgerChange.UploadStarted;
import io.acqsim.ledger.LedgerChange.Uploaded;
import io.acqsim.message.BatchTotals;
import io.acqsim.message.Channel;
import io.acqsim.message.MessageKind;
import io.acqsim.message.ResponseCode;
import io.acqsim.message.UploadRow;

/**
 * A {@link LedgerChange} as bytes in the journal: a version byte, a type byte, then the fields in
 * declaration order (strings as modified UTF-8 with a presence flag, instants as seconds and nanos,
 * dates as epoch days). About 150 bytes a purchase. A journal written by another format version is
 * refused at open rather than misread.
 */
final class ChangeCodec {
    private static final int VERSION = 1;

    private ChangeCodec() {
    }

    static byte[] encode(LedgerChange change) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(192);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(VERSION);
            switch (change) {
                case Recorded r -> {
                    out.writeByte(1);
                    write(out, r.transaction());
                }
                case Reversed r -> {
                    out.writeByte(2);
                    str(out, r.tid()); str(out, r.stan()); str(out, r.mti()); str(out, r.originalKey());
                    out.writeLong(r.amount());
                    str(out, r.effect().name()); str(out, r.responseCode());
                    instant(out, r.receivedAt());
                    str(out, r.reversedRrn());
                }
                case TerminalSeen t -> {
                    out.writeByte(3);
                    str(out, t.tid()); str(out, t.mid()); instant(out, t.at());
                }
                case SignedOn s -> {
                    out.writeByte(4);
                    str(out, s.tid()); str(out, s.mid()); instant(out, s.at());
                }
                case SignedOff s -> {
                    out.writeByte(5);
                    str(out, s.tid());
                }
                case UploadStarted u -> {
                    out.writeByte(6);
                    str(out, u.tid()); out.writeInt(u.batch());
                }
                case Uploaded u -> {
                    out.writeByte(7);
                    str(out, u.tid()); out.writeInt(u.batch()); instant(out, u.at());
                    out.writeInt(u.rows().size());
                    for (UploadRow row : u.rows()) {
                        str(out, row.stan()); str(out, row.panMasked()); out.writeLong(row.amountMinor()); str(out, row.processingCode());
                    }
                }
                case BatchClosed b -> {
                    out.writeByte(8);
                    str(out, b.tid()); out.writeInt(b.batch()); out.writeInt(b.next()); str(out, b.status().name());
                    totals(out, b.terminal()); totals(out, b.host()); instant(out, b.at());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static LedgerChange decode(byte[] payload) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(payload))) {
            int version = in.readUnsignedByte();
            if (version != VERSION) throw new IOException("journal entry format " + version + ", this build reads " + VERSION);
            int type = in.readUnsignedByte();
            return switch (type) {
                case 1 -> new Recorded(transaction(in));
                case 2 -> new Reversed(str(in), str(in), str(in), str(in), in.readLong(), ReversalEffect.valueOf(str(in)), str(in),
                        instant(in), str(in));
                case 3 -> new TerminalSeen(str(in), str(in), instant(in));
                case 4 -> new SignedOn(str(in), str(in), instant(in));
                case 5 -> new SignedOff(str(in));
                case 6 -> new UploadStarted(str(in), in.readInt());
                case 7 -> {
                    String tid = str(in);
                    int batch = in.readInt();
                    Instant at = instant(in);
                    int n = in.readInt();
                    List<UploadRow> rows = new ArrayList<>(n);
                    for (int i = 0; i < n; i++) rows.add(new UploadRow(str(in), str(in), in.readLong(), str(in)));
                    yield new Uploaded(tid, batch, rows, at);
                }
                case 8 -> new BatchClosed(str(in), in.readInt(), in.readInt(), BatchStatus.valueOf(str(in)), totals(in), totals(in), instant(in));
                default -> throw new IOException("unknown journal entry type " + type);
            };
        } catch (IOException | IllegalArgumentException e) {
            throw new LedgerException("unreadable ledger journal entry: " + e.getMessage(), e);
        }
    }

    private static void write(DataOutputStream out, TransactionRecord t) throws IOException {
        str(out, t.rrn()); str(out, t.kind().name()); str(out, t.channel().name()); str(out, t.profile()); str(out, t.mti());
        str(out, t.processingCode()); str(out, t.tid()); str(out, t.mid()); str(out, t.stan()); str(out, t.requestKey());
        out.writeInt(t.batchNumber()); out.writeLong(t.amount()); str(out, t.currency()); str(out, t.entryMode()); str(out, t.panMasked());
        str(out, t.responseCode().code()); str(out, t.authCode()); str(out, t.status().name()); str(out, t.originalRrn());
        out.writeLong(t.refundedAmount()); out.writeLong(t.businessDate().toEpochDay()); instant(out, t.capturedAt());
    }

    private static TransactionRecord transaction(DataInputStream in) throws IOException {
        return new TransactionRecord(str(in), MessageKind.valueOf(str(in)), Channel.valueOf(str(in)), str(in), str(in), str(in), str(in),
                str(in), str(in), str(in), in.readInt(), in.readLong(), str(in), str(in), str(in), ResponseCode.of(str(in)), str(in),
                TransactionStatus.valueOf(str(in)), str(in), in.readLong(), LocalDate.ofEpochDay(in.readLong()), instant(in));
    }

    private static void totals(DataOutputStream out, BatchTotals t) throws IOException {
        out.writeBoolean(t != null);
        if (t == null) return;
        out.writeInt(t.salesCount()); out.writeLong(t.salesAmount()); out.writeInt(t.refundCount()); out.writeLong(t.refundAmount());
    }

    private static BatchTotals totals(DataInputStream in) throws IOException {
        return in.readBoolean() ? new BatchTotals(in.readInt(), in.readLong(), in.readInt(), in.readLong()) : null;
    }

    private static void str(DataOutputStream out, String s) throws IOException {
        out.writeBoolean(s != null);
        if (s != null) out.writeUTF(s);
    }

    private static String str(DataInputStream in) throws IOException {
        return in.readBoolean() ? in.readUTF() : null;
    }

    private static void instant(DataOutputStream out, Instant at) throws IOException {
        out.writeLong(at.getEpochSecond());
        out.writeInt(at.getNano());
    }

    private static Instant instant(DataInputStream in) throws IOException {
        return Instant.ofEpochSecond(in.readLong(), in.readInt());
    }
}
