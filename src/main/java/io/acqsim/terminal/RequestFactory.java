package io.acqsim.terminal;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;

import org.jpos.iso.ISOException;
import org.jpos.iso.ISOMsg;

import io.acqsim.iso.CupHeader;
import io.acqsim.iso.Profile;
import io.acqsim.message.Digits;
import io.acqsim.terminal.protocol.PendingReversal;

/**
 * Builds terminal requests as a POS terminal of each profile would send them (PRODUCT.md §4.2,
 * reference/DOMAIN.md §1). Amounts are minor units; STAN and batch come from the caller.
 * One factory serves one terminal; the time fields are formatted once a second, since the load
 * generator builds thousands of requests a second.
 */
public final class RequestFactory {
    private static final DateTimeFormatter F7 = DateTimeFormatter.ofPattern("MMddHHmmss");
    private static final DateTimeFormatter HHMMSS = DateTimeFormatter.ofPattern("HHmmss");
    private static final DateTimeFormatter MMDD = DateTimeFormatter.ofPattern("MMdd");
    private static final DateTimeFormatter YYMMDD = DateTimeFormatter.ofPattern("yyMMdd");

    private final Profile profile;
    private final String tid;
    private final String mid;
    private final Clock clock;
    private final ZoneId zone;
    private Stamp stamp;

    /** The time fields of one second of the clock, in the terminal's zone. */
    private record Stamp(long epochSecond, String f7, String hhmmss, String mmdd) {
    }

    public RequestFactory(Profile profile, String tid, String mid, Clock clock, ZoneId zone) {
        this.profile = profile;
        this.tid = tid;
        this.mid = mid;
        this.clock = clock;
        this.zone = zone;
    }

    public Profile profile() { return profile; }

    private ISOMsg base(String mti, String stan, int batch, String cupType, String cupNetwork) throws ISOException {
        ISOMsg m = new ISOMsg(mti);
        Stamp now = now();
        m.set(11, stan);
        m.set(41, tid);
        if (mid != null) m.set(42, mid);
        if (profile == Profile.ISO87A) {
            m.set(7, now.f7());
            if (batch >= 0 && !mti.startsWith("08")) m.set(60, Digits.fixed(batch, 6));
        } else {
            m.setHeader(CupHeader.defaultHeader());
            m.set(12, now.hhmmss());
            m.set(13, now.mmdd());
            m.set(60, cupType + Digits.fixed(Math.max(batch, 0), 6) + cupNetwork);
        }
        return m;
    }

    /** The clock's current second, formatted (again only when the second has changed). */
    private Stamp now() {
        Instant instant = clock.instant();
        Stamp s = stamp;
        if (s == null || s.epochSecond() != instant.getEpochSecond()) {
            ZonedDateTime t = instant.atZone(zone);
            s = new Stamp(instant.getEpochSecond(), F7.format(t), HHMMSS.format(t), MMDD.format(t));
            stamp = s;
        }
        return s;
    }

    public ISOMsg signOn(String stan, int batch) throws ISOException {
        return signOn(stan, batch, "001");
    }

    /** A sign-on asking for the working-key layout {@code networkCode} (cup 60.3: 001, 003 or 004; iso87a's 70 stays 001). */
    public ISOMsg signOn(String stan, int batch, String networkCode) throws ISOException {
        ISOMsg m = base("0800", stan, batch, "00", networkCode);
        if (profile == Profile.ISO87A) m.set(70, "001");
        return m;
    }

    public ISOMsg echo(String stan, int batch) throws ISOException {
        ISOMsg m = base(profile == Profile.CUP ? "0820" : "0800", stan, batch, "00", "301");
        if (profile == Profile.ISO87A) m.set(70, "301");
        return m;
    }

    public ISOMsg signOff(String stan, int batch) throws ISOException {
        ISOMsg m = base(profile == Profile.CUP ? "0820" : "0800", stan, batch, "00", "002");
        if (profile == Profile.ISO87A) m.set(70, "002");
        return m;
    }

    /** A card purchase; {@code entryMode} 021 magstripe (sends track 2), 051 chip, 071 contactless. */
    public ISOMsg cardPurchase(String stan, int batch, long amount, String pan, String expiry, String entryMode) throws ISOException {
        ISOMsg m = base("0200", stan, batch, "22", "000");
        m.set(3, "000000");
        m.set(4, Digits.fixed(amount, 12));
        if (entryMode.startsWith("02")) {
            m.set(35, pan + (profile == Profile.CUP ? "D" : "=") + expiry + "101");
        } else {
            m.set(2, pan);
            m.set(14, expiry);
        }
        m.set(22, entryMode);
        m.set(25, "00");
        m.set(49, "156");
        return m;
    }

    /**
     * A chip purchase (entry mode 051) with the TEST card's field 55 ({@link ChipCard#arqcData}): binary on
     * cup, hex characters on iso87a.
     */
    public ISOMsg chipPurchase(String stan, int batch, long amount, String pan, String expiry) throws ISOException {
        ISOMsg m = cardPurchase(stan, batch, amount, pan, expiry, "051");
        m.set(23, "001");
        setIcc(m, ChipCard.arqcData(amount, stan, yymmdd()));
        return m;
    }

    /**
     * The IC transaction (TC) upload a cup terminal sends after an approved chip purchase: 0320,
     * 60.3 = 205, the purchase's STAN, amount and PAN, and field 55 with the TC.
     */
    public ISOMsg tcUpload(String stan, int batch, String purchaseStan, long amount, String pan) throws ISOException {
        ISOMsg m = base("0320", stan, batch, "00", "205");
        m.set(60, m.getString(60) + "50");
        m.set(2, pan);
        m.set(4, Digits.fixed(amount, 12));
        m.set(22, "051");
        setIcc(m, ChipCard.tcData(amount, purchaseStan, yymmdd()));
        return m;
    }

    /**
     * A start-up download message of a cup terminal (docs/notes/chip.md): 0820 for the status queries
     * 372/382, 0800 for the downloads 370/380 and their ends 371/381; {@code field62} may be null.
     */
    public ISOMsg download(String stan, int batch, String code, byte[] field62) throws ISOException {
        if (profile != Profile.CUP) throw new IllegalArgumentException("start-up downloads are a cup exchange");
        ISOMsg m = base(code.equals("372") || code.equals("382") ? "0820" : "0800", stan, batch, "00", code);
        if (field62 != null) m.set(62, field62);
        return m;
    }

    private void setIcc(ISOMsg m, byte[] tlv) throws ISOException {
        if (profile == Profile.CUP) m.set(55, tlv);
        else m.set(55, HexFormat.of().withUpperCase().formatHex(tlv));
    }

    private String yymmdd() {
        return YYMMDD.format(clock.instant().atZone(zone));
    }

    /** A QR purchase: entry mode 031, the payment code in field 48, no card data. */
    public ISOMsg qrPurchase(String stan, int batch, long amount, String qrCode) throws ISOException {
        ISOMsg m = base("0200", stan, batch, "22", "000");
        m.set(3, "000000");
        m.set(4, Digits.fixed(amount, 12));
        m.set(22, "031");
        m.set(25, "00");
        m.set(48, qrCode);
        m.set(49, "156");
        return m;
    }

    public ISOMsg voidSale(String stan, int batch, long amount, String originalRrn) throws ISOException {
        ISOMsg m = base("0200", stan, batch, "23", "000");
        m.set(3, profile == Profile.CUP ? "200000" : "020000");
        m.set(4, Digits.fixed(amount, 12));
        m.set(25, "00");
        m.set(37, originalRrn);
        m.set(49, "156");
        return m;
    }

    public ISOMsg refund(String stan, int batch, long amount, String originalRrn) throws ISOException {
        ISOMsg m = base(profile == Profile.CUP ? "0220" : "0200", stan, batch, "25", "000");
        m.set(3, "200000");
        m.set(4, Digits.fixed(amount, 12));
        m.set(25, "00");
        m.set(37, originalRrn);
        m.set(49, "156");
        return m;
    }

    /**
     * The reversal of {@code original}: same STAN, TID, MID and amount; iso87a adds field 90 with the
     * original MTI, STAN and field 7; cup keeps the original's 60.1 and batch.
     */
    public ISOMsg reversal(ISOMsg original, boolean repeat) throws ISOException {
        ISOMsg m = (ISOMsg) original.clone();
        m.setMTI(profile == Profile.ISO87A && repeat ? "0401" : "0400");
        for (int f : new int[] {2, 14, 35, 48, 52, 55}) m.unset(f);
        if (profile == Profile.ISO87A) {
            String f7 = original.getString(7);
            m.set(7, now().f7());
            m.set(90, original.getMTI() + original.getString(11) + f7 + "0".repeat(22));
        } else {
            m.set(39, "98");
        }
        return m;
    }

    /**
     * The original request of an owed reversal, as far as {@link #reversal} needs it: MTI, 3, 4, 11, 7
     * (iso87a), 25, 41, 42, 49 and 60 with the batch it went out in (cup: 60.1 of its kind).
     */
    public ISOMsg original(PendingReversal t) throws ISOException {
        ISOMsg m = new ISOMsg(t.mti());
        m.set(3, t.processingCode());
        m.set(4, Digits.fixed(t.amount(), 12));
        m.set(11, t.stan());
        if (t.f7() != null) m.set(7, t.f7());
        m.set(41, tid);
        if (mid != null) m.set(42, mid);
        if (profile == Profile.CUP) {
            m.setHeader(CupHeader.defaultHeader());
            String type = t.kind().equals("VOID") ? "23" : t.kind().equals("REFUND") ? "25" : "22";
            m.set(60, type + Digits.fixed(t.batch(), 6) + "000");
        } else {
            m.set(60, Digits.fixed(t.batch(), 6));
        }
        m.set(25, "00");
        m.set(49, "156");
        return m;
    }

    /** Terminal batch settlement with the terminal's totals. */
    public ISOMsg settle(String stan, int batch, io.acqsim.message.BatchTotals t) throws ISOException {
        ISOMsg m = base("0500", stan, batch, "00", "201");
        if (profile == Profile.ISO87A) {
            m.set(3, "920000");
            m.set(63, t.toIso87a());
        } else {
            m.set(48, t.toCupBlock('0') + io.acqsim.message.BatchTotals.ZERO.toCupBlock('0'));
        }
        return m;
    }

    /** One uploaded transaction (iso87a: one per 0320; cup: up to eight rows per 0320, here one). */
    public ISOMsg upload(String stan, int batch, String originalStan, String pan, long amount, String processingCode) throws ISOException {
        ISOMsg m = base("0320", stan, batch, "00", "201");
        if (profile == Profile.ISO87A) {
            m.set(3, processingCode);
            m.set(4, Digits.fixed(amount, 12));
            m.set(11, originalStan);
            if (pan != null) m.set(2, pan);
        } else {
            String row = "00" + originalStan + String.format("%20s", pan == null ? "" : pan).replace(' ', '0') + Digits.fixed(amount, 12);
            m.set(48, "01" + row);
        }
        return m;
    }

    /** The message that ends an upload: iso87a 0500 3=960000 with totals; cup 0320 60.3=202 with the count. */
    public ISOMsg closeBatch(String stan, int batch, io.acqsim.message.BatchTotals t, int uploaded) throws ISOException {
        if (profile == Profile.ISO87A) {
            ISOMsg m = base("0500", stan, batch, "00", "202");
            m.set(3, "960000");
            m.set(63, t.toIso87a());
            return m;
        }
        ISOMsg m = base("0320", stan, batch, "00", "202");
        m.set(48, String.format("%04d", uploaded));
        return m;
    }
}
