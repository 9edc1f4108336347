package io.acqsim.host;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import org.bouncycastle.crypto.engines.DESedeEngine;
import org.bouncycastle.crypto.params.KeyParameter;
import org.jpos.iso.ISOMsg;
import org.jpos.tlv.TLVList;
import org.junit.jupiter.api.Test;

import io.acqsim.chip.Capk;
import io.acqsim.chip.ChipSettings;
import io.acqsim.chip.IcApplication;
import io.acqsim.iso.CupHeader;
import io.acqsim.iso.Profile;
import io.acqsim.terminal.ChipCard;
import io.acqsim.terminal.EmulatedTerminal;
import io.acqsim.terminal.RequestFactory;
import io.acqsim.terminal.TerminalLink;
import io.acqsim.terminal.TerminalState;

/**
 * Chip terminals against a real host (cup, and iso87a for field 55): the start-up downloads a first
 * sign-on asks for, chip purchases answered with 91 and 8A, the TC upload, malformed field 55, and
 * field 55 never in clear in the message log.
 */
class ChipTest {
    private static final HexFormat HEX = HexFormat.of().withUpperCase();
    private static final ChipSettings SHIPPED = ChipSettings.load(TestHost.HOME.resolve("cfg/chip/chip.yml"));
    private static final String PAN = TestTerminal.PAN;

    private static EmulatedTerminal terminal(TestHost host, Profile p, int n) {
        RequestFactory rf = new RequestFactory(p, TestTerminal.tid(n), TestTerminal.mid(n), Clock.systemUTC(), TestTerminal.SHANGHAI);
        return new EmulatedTerminal(TerminalLink.connector("127.0.0.1", host.port(p), p, TestHost.PACKAGERS, Duration.ofSeconds(10)), rf,
                TerminalState.inMemory()).startUpDownloads(true);
    }

    @Test
    void aFirstSignOnAsksForTheDownloadsAndTheNextNoLonger() throws Exception {
        Path data = TestHost.tempData();
        Map<String, String> downloadsOn = Map.of("chip.downloads", "true");
        try (TestHost host = TestHost.start(data, downloadsOn); EmulatedTerminal t = terminal(host, Profile.CUP, 501)) {
            EmulatedTerminal.Exchange signOn = t.signOn();
            assertEquals("00", signOn.responseCode());
            assertEquals(4, CupHeader.processingRequirement(signOn.response().getHeader()), "CA keys first");
            List<EmulatedTerminal.Exchange> downloads = t.takeFollowUps();
            List<String> codes = downloads.stream().map(e -> e.request().getString(0) + "/" + e.request().getString(60).substring(8, 11)).toList();
            assertEquals(List.of("0820/372", "0800/370", "0800/370", "0800/371", "0820/382", "0800/380", "0800/380", "0800/380", "0800/381"), codes);
            for (EmulatedTerminal.Exchange e : downloads) assertEquals("00", e.responseCode(), e.action());
            assertEquals(5, CupHeader.processingRequirement(downloads.get(3).response().getHeader()), "the CA key end asks for the IC parameters");
            assertEquals(0, CupHeader.processingRequirement(downloads.get(8).response().getHeader()));

            assertEquals(SHIPPED.capks().stream().map(c -> HEX.formatHex(c.tlv())).toList(),
                    t.downloadedCapks().stream().map(HEX::formatHex).toList(), "the CA keys of cfg/chip/capk.yml, as sent");
            assertEquals(SHIPPED.applications().stream().map(a -> HEX.formatHex(a.tlv())).toList(),
                    t.downloadedApplications().stream().map(HEX::formatHex).toList(), "the applications of cfg/chip/ic-params.yml");
            assertDownloadedAsConfigured(t.downloadedCapks(), t.downloadedApplications());

            EmulatedTerminal.Exchange again = t.signOn();
            assertEquals(0, CupHeader.processingRequirement(again.response().getHeader()), "done: the next sign-on asks for nothing");
            assertEquals(List.of(), t.takeFollowUps());
        }
        try (TestHost host = TestHost.start(data, downloadsOn); EmulatedTerminal t = terminal(host, Profile.CUP, 501);
             EmulatedTerminal other = terminal(host, Profile.CUP, 511)) {
            assertEquals(0, CupHeader.processingRequirement(t.signOn().response().getHeader()), "remembered across a restart");
            assertEquals(4, CupHeader.processingRequirement(other.signOn().response().getHeader()), "per terminal");
        }
    }

    /** What a terminal's kernel reads: each key's DF03 is SHA-1 over its data, each application's 9F06 is its AID. */
    private static void assertDownloadedAsConfigured(List<byte[]> capks, List<byte[]> applications) throws Exception {
        for (byte[] c : capks) {
            TLVList l = new TLVList();
            l.unpack(c);
            assertArrayEquals(Capk.checksumOf(l.getValue(0x9F06), l.getValue(0x9F22)[0] & 0xFF, l.getValue(0xDF02), l.getValue(0xDF04)), l.getValue(0xDF03));
            assertEquals("20401231", new String(l.getValue(0xDF05)));
        }
        List<String> aids = new ArrayList<>();
        for (byte[] a : applications) {
            TLVList l = new TLVList();
            l.unpack(a);
            aids.add(HEX.formatHex(l.getValue(0x9F06)));
            assertEquals("D84000A800", HEX.formatHex(l.getValue(0xDF11)));
        }
        assertEquals(SHIPPED.applications().stream().map(IcApplication::aid).map(HEX::formatHex).toList(), aids);
    }

    @Test
    void realTerminalsSendTheirDownloadsWithoutStan() throws Exception {
        try (TestHost host = TestHost.start(TestHost.tempData()); TestTerminal t = new TestTerminal(host, Profile.CUP, 521)) {
            ISOMsg query = t.rf.download("000001", 1, "372", "100".getBytes());
            query.unset(11);
            ISOMsg r = t.exchange(query);
            assertEquals("0830", r.getMTI());
            assertEquals("00", r.getString(39));
            assertNull(r.getString(11));
            assertEquals('1', r.getBytes(62)[0]);
            ISOMsg bad = t.rf.download("000002", 1, "370", HEX.parseHex("9F0605A000000333"));
            assertEquals("30", t.exchange(bad).getString(39), "a download request without 9F22 is a format error");
        }
    }

    @Test
    void chipPurchasesAreAnsweredWithArpcAndTheLogNeverHoldsField55() throws Exception {
        Path data = TestHost.tempData();
        List<byte[]> sent = new ArrayList<>();
        try (TestHost host = TestHost.start(data)) {
            for (Profile p : Profile.values()) {
                try (EmulatedTerminal t = terminal(host, p, 531 + p.ordinal())) {
                    EmulatedTerminal.Exchange signOn = t.signOn();
                    if (p == Profile.CUP) assertEquals(0, CupHeader.processingRequirement(signOn.response().getHeader()), "downloads are off by default");
                    assertEquals(List.of(), t.takeFollowUps());
                    EmulatedTerminal.Exchange sale = t.chipPurchase(12_300, PAN, "2912");
                    assertEquals("00", sale.responseCode(), p.id());
                    byte[] request55 = field55(p, sale.request());
                    sent.add(request55);
                    byte[] answer = field55(p, sale.response());
                    assertNotNull(answer, "field 55 in the answer on " + p.id());
                    TLVList tlv = new TLVList();
                    tlv.unpack(answer);
                    assertEquals("3030", HEX.formatHex(tlv.getValue(0x8A)), "8A = the response code");
                    byte[] expected = arpcByBouncyCastle(ChipCard.cryptogram(request55), "00");
                    assertEquals(HEX.formatHex(expected) + "3030", HEX.formatHex(tlv.getValue(0x91)), "91 = ARPC (method 1) + ARC on " + p.id());

                    EmulatedTerminal.Exchange declined = t.chipPurchase(5_151, PAN, "2912");
                    assertEquals("51", declined.responseCode());
                    TLVList d = new TLVList();
                    d.unpack(field55(p, declined.response()));
                    assertEquals("3531", HEX.formatHex(d.getValue(0x8A)), "a decline carries its code in 8A too");
                    sent.add(field55(p, declined.request()));

                    List<EmulatedTerminal.Exchange> after = t.takeFollowUps();
                    if (p == Profile.CUP) {
                        assertEquals(1, after.size(), "the TC upload after the approval only");
                        assertEquals("0330", after.get(0).response().getMTI());
                        assertEquals("00", after.get(0).responseCode());
                        sent.add(after.get(0).request().getBytes(55));
                    }
                }
            }
        }
        String log = Files.readString(data.resolve("log/q2.log"));
        assertTrue(log.contains("0320"), "the log holds the exchanges");
        for (byte[] f55 : sent) {
            String cryptogram = HEX.formatHex(ChipCard.cryptogram(f55));
            assertFalse(log.toUpperCase().contains(cryptogram), "the cryptogram " + cryptogram + " is not in the message log");
            assertFalse(log.toUpperCase().contains(HEX.formatHex(f55, 0, 12)), "field 55 is not in the message log");
        }
    }

    @Test
    void malformedField55IsAFormatErrorAndTheHostKeepsServing() throws Exception {
        try (TestHost host = TestHost.start(TestHost.tempData())) {
            for (Profile p : Profile.values()) {
                try (TestTerminal t = new TestTerminal(host, p, 541 + p.ordinal())) {
                    t.signOn();
                    ISOMsg m = t.purchaseRequest(1_000, "051");
                    if (p == Profile.CUP) m.set(55, HEX.parseHex("9F2608A1B2C3"));
                    else m.set(55, "9F2608A1B2C3");
                    ISOMsg r = t.exchange(m);
                    assertEquals("30", r.getString(39), "truncated TLV on " + p.id());
                    assertTrue(t.recordOf(m).isEmpty(), "nothing written to the ledger");
                    if (p == Profile.ISO87A) {
                        ISOMsg notHex = t.purchaseRequest(1_000, "051");
                        notHex.set(55, "ZZ");
                        assertEquals("30", t.exchange(notHex).getString(39), "iso87a field 55 is hex characters");
                    }
                    assertEquals("00", t.purchase(2_000).getString(39), "the host keeps serving on " + p.id());
                }
            }
        }
    }

    @Test
    void offlineApprovedChipPurchasesAreRecordedWithoutTheIssuer() throws Exception {
        try (TestHost host = TestHost.start(TestHost.tempData()); TestTerminal t = new TestTerminal(host, Profile.CUP, 551)) {
            t.signOn();
            for (String mti : new String[] {"0200", "0320"}) {
                ISOMsg m = t.rf.chipPurchase(t.nextStan(), t.batch, 7_751, PAN, "2912");
                m.setMTI(mti);
                m.set(60, "36" + String.format("%06d", t.batch) + "000");
                byte[] tc = ChipCard.tcData(7_751, m.getString(11), "261202");
                byte[] withY1 = java.util.Arrays.copyOf(tc, tc.length + 4);
                System.arraycopy(new byte[] {(byte) 0x8A, 0x02, 'Y', '1'}, 0, withY1, tc.length, 4);
                m.set(55, withY1);
                ISOMsg r = t.exchange(m);
                assertEquals("00", r.getString(39), "amount ending 51 would be declined online; the card approved it offline (" + mti + ")");
                assertEquals(io.acqsim.ledger.TransactionStatus.APPROVED, t.recorded(m).status(), "in the ledger as any purchase");
            }
            ISOMsg without55 = t.rf.cardPurchase(t.nextStan(), t.batch, 1_000, PAN, "2912", "051");
            without55.set(60, "36" + String.format("%06d", t.batch) + "000");
            assertEquals("30", t.exchange(without55).getString(39), "an offline upload carries the card's cryptogram");
        }
    }

    private static byte[] field55(Profile p, ISOMsg m) {
        if (!m.hasField(55)) return null;
        return p == Profile.CUP ? m.getBytes(55) : HEX.parseHex(m.getString(55));
    }

    /** A second ARPC method 1 with the shipped TEST key: BouncyCastle's DESede over ARQC XOR ARC. */
    private static byte[] arpcByBouncyCastle(byte[] arqc, String rc) {
        byte[] block = arqc.clone();
        block[0] ^= rc.charAt(0);
        block[1] ^= rc.charAt(1);
        DESedeEngine des = new DESedeEngine();
        des.init(true, new KeyParameter(HEX.parseHex("0123456789ABCDEFFEDCBA9876543210")));
        byte[] out = new byte[8];
        des.processBlock(block, 0, out, 0);
        return out;
    }
}
