package io.acqsim.load;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;

import org.jpos.iso.ISOBinaryField;
import org.jpos.iso.ISOComponent;
import org.jpos.iso.ISOException;
import org.jpos.iso.ISOField;
import org.jpos.iso.ISOFieldPackager;
import org.jpos.iso.ISOMsg;
import org.jpos.iso.packager.GenericPackager;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.acqsim.host.TestHost;
import io.acqsim.iso.CupChannel;
import io.acqsim.iso.CupHeader;
import io.acqsim.iso.Packagers;
import io.acqsim.iso.Profile;
import io.acqsim.iso.TerminalChannel;
import io.acqsim.message.Digits;
import io.acqsim.terminal.RequestFactory;
import io.acqsim.terminal.protocol.TerminalProtocol;

/**
 * The generator's fast path against jPOS, on both profiles' packager files: the layout it learns steps over
 * every field as jPOS unpacks it, a patched request template is byte for byte what jPOS packs (and the
 * host's channels frame) for the same message, and the answer reader judges answers as
 * {@link TerminalProtocol#matches} does on the unpacked messages.
 */
class PackedFastPathTest {
    private static final String PAN = "6222021234567890123";

    private static GenericPackager packager(Profile p) {
        return Packagers.load(TestHost.PACKAGERS, p);
    }

    private static RequestFactory factory(Profile p) {
        return new RequestFactory(p, "T0000001", "M00000000000001", Clock.fixed(Instant.parse("2026-12-01T10:00:00Z"), ZoneId.of("UTC")),
                ZoneId.of("Asia/Shanghai"));
    }

    @ParameterizedTest
    @EnumSource(Profile.class)
    void theLayoutStepsOverEveryFieldAsJposUnpacksIt(Profile p) throws Exception {
        GenericPackager packager = packager(p);
        PackedLayout layout = PackedLayout.of(packager);
        assertNotNull(layout);
        SplittableRandom random = new SplittableRandom(12);
        int known = 0;
        for (int f = 2; f <= PackedLayout.MAX_FIELD; f++) {
            ISOFieldPackager fp = packager.getFieldPackager(f);
            if (fp == null) {
                assertEquals(PackedLayout.UNKNOWN, layout.width(f), "field " + f + " is not in the packager");
                continue;
            }
            if (layout.width(f) == PackedLayout.UNKNOWN) continue;
            known++;
            for (int n = 0; n <= fp.getLength(); n++) {
                ISOComponent c = fp.createComponent(f);
                if (c instanceof ISOBinaryField) {
                    byte[] v = new byte[n];
                    for (int i = 0; i < n; i++) v[i] = (byte) random.nextInt(256);
                    c.setValue(v);
                } else {
                    StringBuilder v = new StringBuilder();
                    for (int i = 0; i < n; i++) v.append((char) ('0' + random.nextInt(10)));
                    c.setValue(v.toString());
                }
                byte[] packed;
                try {
                    packed = fp.pack(c);
                } catch (ISOException e) {
                    continue;
                }
                // the field followed by other bytes, as in a message
                byte[] inMessage = Arrays.copyOf(packed, packed.length + 7);
                Arrays.fill(inMessage, packed.length, inMessage.length, (byte) 0x37);
                int consumed = fp.unpack(fp.createComponent(f), inMessage, 0);
                assertEquals(consumed, layout.packedLength(f, inMessage, 0, inMessage.length), p + " field " + f + " with " + n + " characters");
            }
        }
        assertTrue(known > 25, p + ": the layout knows most fields, knew " + known);
        for (int f : new int[] {0, 3, 4, 11, 39, 41}) assertTrue(layout.width(f) > 0, p + " field " + f + " is fixed-width");
    }

    @ParameterizedTest
    @EnumSource(Profile.class)
    void numbersAreWrittenAsJposPacksThem(Profile p) throws Exception {
        GenericPackager packager = packager(p);
        PackedLayout layout = PackedLayout.of(packager);
        for (int f : new int[] {4, 11}) {
            assertNotNull(layout.digits(f), p + " field " + f + " has a known digit layout");
            int n = packager.getFieldPackager(f).getLength();
            for (long v : new long[] {0, 1, 42, 999_999, 123_456}) {
                byte[] b = new byte[layout.width(f) + 2];
                assertTrue(layout.writeDigits(f, v, b, 1));
                assertArrayEquals(packager.getFieldPackager(f).pack(new ISOField(f, Digits.fixed(v, n))), Arrays.copyOfRange(b, 1, b.length - 1),
                        p + " field " + f + " = " + v);
            }
            assertFalse(layout.writeDigits(f, (long) Math.pow(10, n), new byte[layout.width(f)], 0), "a number too long for the field is refused");
        }
    }

    /** A request of each shape, patched from a template built for other values, equals the frame of the same message built and packed anew. */
    @ParameterizedTest
    @EnumSource(Profile.class)
    void patchedTemplatesAreWhatJposPacksAndTheChannelsFrame(Profile p) throws Exception {
        GenericPackager packager = packager(p);
        PackedLayout layout = PackedLayout.of(packager);
        RequestFactory requests = factory(p);
        int header = p == Profile.CUP ? CupHeader.LENGTH : 0;
        List<Shape> shapes = List.of(
                (stan, amount) -> requests.cardPurchase(stan, 7, amount, PAN, "2912", "071"),
                (stan, amount) -> requests.cardPurchase(stan, 7, amount, PAN, "2912", "051"),
                (stan, amount) -> requests.cardPurchase(stan, 7, amount, PAN, "2912", "021"),
                (stan, amount) -> requests.qrPurchase(stan, 7, amount, "28" + stan + "0000000001"),
                (stan, amount) -> requests.refund(stan, 7, amount, "1000000" + stan.substring(1)),
                (stan, amount) -> requests.voidSale(stan, 7, amount, "2000000" + stan.substring(1)));
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            int port = server.getLocalPort();
            TerminalChannel channel = p == Profile.CUP ? new CupChannel("127.0.0.1", port, packager) : new TerminalChannel("127.0.0.1", port, packager);
            for (Shape shape : shapes) {
                RequestTemplate t = RequestTemplate.of(layout, shape.build("000001", 1), header, 0, 7);
                for (String stan : new String[] {"000002", "999999", "123456"}) {
                    long amount = Long.parseLong(stan) * 7 + 3;
                    ISOMsg expected = shape.build(stan, amount);
                    assertTrue(t.setNumber(11, Long.parseLong(stan)));
                    assertTrue(t.setNumber(4, amount));
                    if (expected.hasField(48)) assertTrue(t.set(48, expected.getString(48)));
                    if (expected.hasField(37)) assertTrue(t.set(37, expected.getString(37)));
                    byte[] frame = channel.frame((ISOMsg) expected.clone(), b -> b);
                    assertArrayEquals(frame, Arrays.copyOf(t.frame(), t.length()), p + " " + expected.getString(3) + " STAN " + stan);
                    ISOMsg back = t.message();
                    assertEquals(expected.getString(11), back.getString(11));
                    assertEquals(expected.getString(4), back.getString(4));
                    assertEquals(expected.getString(3), t.processingCode());
                    assertEquals(expected.getString(22), t.entryMode());
                    assertEquals(expected.getString(7), t.f7());
                }
            }
        }
    }

    /** A patch that cannot be made in place is refused and leaves the request as it was, so the caller builds it anew. */
    @ParameterizedTest
    @EnumSource(Profile.class)
    void aPatchThatWouldMoveBytesIsRefused(Profile p) throws Exception {
        PackedLayout layout = PackedLayout.of(packager(p));
        int header = p == Profile.CUP ? CupHeader.LENGTH : 0;
        RequestTemplate qr = RequestTemplate.of(layout, factory(p).qrPurchase("000001", 7, 100, "281234567890123456"), header, 0, 7);
        byte[] before = Arrays.copyOf(qr.frame(), qr.length());
        assertFalse(qr.set(48, "2812345678901234567"), "a longer QR code takes more bytes");
        assertFalse(qr.set(37, "123456789012"), "the purchase has no field 37 to patch");
        assertFalse(qr.setNumber(2, 1), "nor a field 2");
        assertFalse(qr.setNumber(4, 1_000_000_000_000L), "an amount of 13 digits does not fit field 4");
        assertArrayEquals(before, Arrays.copyOf(qr.frame(), qr.length()));
        assertTrue(qr.current(0, 7));
        assertFalse(qr.current(1, 7), "the next second needs new time fields");
        assertFalse(qr.current(0, 8), "a new batch needs a new field 60");
    }

    @FunctionalInterface
    private interface Shape {
        ISOMsg build(String stan, long amount) throws ISOException;
    }

    /** Answers, some of them wrong, read from their bytes and judged as TerminalProtocol judges the unpacked messages. */
    @ParameterizedTest
    @EnumSource(Profile.class)
    void answersAreJudgedAsTheProtocolJudgesUnpackedMessages(Profile p) throws Exception {
        GenericPackager packager = packager(p);
        PackedLayout layout = PackedLayout.of(packager);
        RequestFactory requests = factory(p);
        int header = p == Profile.CUP ? CupHeader.LENGTH : 0;
        AnswerReader reader = new AnswerReader(layout, header);
        List<ISOMsg> sent = List.of(requests.cardPurchase("000042", 7, 1000, PAN, "2912", "071"),
                requests.cardPurchase("000043", 7, 1000, PAN, "2912", "021"),
                requests.qrPurchase("000044", 7, 2000, "281234567890123456"),
                requests.voidSale("000045", 7, 1000, "123456789012"));
        List<Consumer<ISOMsg>> changes = new ArrayList<>();
        changes.add(r -> { });
        changes.add(r -> r.set(39, "51"));
        changes.add(r -> r.set(39, "77"));
        changes.add(r -> r.set(11, "000001"));
        changes.add(r -> r.set(41, "T0000002"));
        changes.add(r -> r.unset(41));
        changes.add(r -> r.unset(39));
        changes.add(r -> r.unset(3));
        changes.add(r -> r.set(3, "310000"));
        changes.add(r -> r.unset(37));
        changes.add(r -> r.set(44, "ADDITIONAL"));
        changes.add(r -> r.set(60, p == Profile.CUP ? "22000007000" : "000007"));
        changes.add(r -> r.unset(60));
        changes.add(r -> r.set(63, p == Profile.CUP ? "CUP" : "001000000001000000000000000"));
        if (p == Profile.CUP) changes.add(r -> r.set(55, new byte[] {(byte) 0x9F, 0x26, 0x01, 0x00}));
        changes.add(r -> {
            try {
                r.setMTI("0410");
            } catch (ISOException e) {
                throw new IllegalStateException(e);
            }
        });
        if (p == Profile.ISO87A) changes.add(r -> r.set(70, "001")); // a secondary bitmap: jPOS unpacks it
        int fast = 0;
        for (ISOMsg request : sent) {
            RequestTemplate t = RequestTemplate.of(layout, (ISOMsg) request.clone(), header, 0, 7);
            ISOMsg m = t.message();
            for (int i = 0; i < changes.size(); i++) {
                ISOMsg r = (ISOMsg) m.clone();
                r.setResponseMTI();
                r.set(37, "900000000001");
                r.set(38, "000001");
                r.set(39, "00");
                changes.get(i).accept(r);
                if (p == Profile.CUP) r.setHeader(CupHeader.withProcessingRequirement(CupHeader.defaultHeader(), i % 2 == 0 ? 3 : 0));
                r.setPackager(packager);
                byte[] body = r.pack();
                byte[] frame = new byte[header + body.length];
                if (header > 0) System.arraycopy(r.getHeader(), 0, frame, 0, header);
                System.arraycopy(body, 0, frame, header, body.length);
                byte[] buffer = Arrays.copyOf(frame, frame.length + 5); // the link's buffer may be longer than the frame

                ISOMsg unpacked = new ISOMsg();
                unpacked.setPackager(packager);
                unpacked.unpack(body);
                boolean expected = TerminalProtocol.matches(m, unpacked) && unpacked.hasField(39);
                String what = p + " " + m.getMTI() + " " + m.getString(3) + " change " + i;
                assertEquals(expected, reader.read(buffer, frame.length, t, true), what);
                if (reader.fastPath()) fast++;
                if (expected) {
                    assertEquals(unpacked.getString(39), reader.responseCode(), what);
                    assertEquals(unpacked.getString(37), reader.rrn(), what);
                }
                assertEquals(p == Profile.CUP ? CupHeader.processingRequirement(r.getHeader()) : CupHeader.NONE, reader.processingRequirement(), what);
            }
        }
        assertTrue(fast >= sent.size() * (changes.size() - 1), p + ": answers are read from their bytes, " + fast + " were");
    }
}
