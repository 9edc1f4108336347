package io.acqsim.message;

import static io.acqsim.message.ExpectedRequest.MID;
import static io.acqsim.message.ExpectedRequest.STAN;
import static io.acqsim.message.ExpectedRequest.TID;
import static io.acqsim.message.Wire.msg;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.jpos.iso.ISOHeader;
import org.jpos.iso.ISOMsg;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.acqsim.iso.CupHeader;
import io.acqsim.iso.Profile;

/**
 * Profile cup (reference/DOMAIN.md §1): every message a UnionPay-style terminal sends, packed with
 * cfg/packagers/cup.xml and decoded, compared as a whole record; then the answers built from an
 * {@link Outcome}. Malformed requests are in {@link CupFormatErrorTest}.
 */
class CupDialectTest {
    static final Dialect CUP = Dialect.of(Profile.CUP);
    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    static final String PAN = "6222021234567890123";
    static final String PAN_MASKED = "622202*********0123";
    static final String RRN = "633512000101";
    static final BatchTotals DOMESTIC = new BatchTotals(3, 300_00, 1, 5_00);
    static final BatchTotals FOREIGN = new BatchTotals(1, 10_00, 0, 0);

    /** A cup request with the fields every terminal message carries: STAN, local time, TID, MID, field 60 and the TPDU header. */
    static ISOMsg cup(String mti, String f60, Object... more) {
        ISOMsg m = msg(mti, more);
        m.set(11, STAN);
        m.set(12, "093000");
        m.set(13, "1201");
        m.set(41, TID);
        m.set(42, MID);
        m.set(60, f60);
        m.setHeader(CupHeader.defaultHeader());
        return m;
    }

    static ISOMsg chipPurchase() {
        return cup("0200", "22000123000", 3, "000000", 4, "000000012345", 2, PAN, 14, "2912", 22, "051", 25, "00", 49, "156");
    }

    static ISOMsg settle() {
        return cup("0500", "00000123201", 48, DOMESTIC.toCupBlock('0') + FOREIGN.toCupBlock('0'));
    }

    static ISOMsg without(ISOMsg m, int... fields) {
        m.unset(fields);
        return m;
    }

    static String uploadRow(String stan, String pan, long amount) {
        return "00" + stan + "0".repeat(20 - pan.length()) + pan + String.format("%012d", amount);
    }

    static ExpectedRequest expect(MessageKind kind, String mti) {
        return ExpectedRequest.of(Profile.CUP, kind, mti).batch(123);
    }

    static Stream<Arguments> requests() {
        return Stream.of(
                Arguments.of("sign-on, 60.3 001", cup("0800", "00000123001"),
                        expect(MessageKind.SIGN_ON, "0800").network("001")),
                Arguments.of("sign-on without a merchant, 60.3 003", without(cup("0800", "00000123003"), 42),
                        expect(MessageKind.SIGN_ON, "0800").noMid().network("003")),
                Arguments.of("sign-off, 0820 60.3 002", cup("0820", "00000123002"),
                        expect(MessageKind.SIGN_OFF, "0820").network("002")),
                Arguments.of("echo, 0820 60.3 301", cup("0820", "00000123301"),
                        expect(MessageKind.ECHO, "0820").network("301")),
                Arguments.of("chip purchase, PAN in field 2", chipPurchase(),
                        expect(MessageKind.PURCHASE, "0200").processingCode("000000").key("000123").amount(123_45, "156")
                                .card("051", PAN_MASKED, "622202")),
                Arguments.of("magstripe purchase, PAN from track 2",
                        cup("0200", "22000123000", 3, "000000", 4, "000000012345", 35, PAN + "D2912101", 22, "021", 25, "00", 49, "156"),
                        expect(MessageKind.PURCHASE, "0200").processingCode("000000").key("000123").amount(123_45, "156")
                                .card("021", PAN_MASKED, "622202")),
                Arguments.of("QR purchase, payment code in 48",
                        cup("0200", "22000123000", 3, "000000", 4, "000000005000", 22, "031", 25, "00", 48, "6225880123456789012", 49, "156"),
                        expect(MessageKind.PURCHASE, "0200").processingCode("000000").key("000123").amount(50_00, "156").qr("031")),
                Arguments.of("void, 0200 200000 60.1 23", cup("0200", "23000123000", 3, "200000", 4, "000000012345", 25, "00", 37, RRN, 49, "156"),
                        expect(MessageKind.VOID, "0200").processingCode("200000").key("000123").amount(123_45, "156").originalRrn(RRN)),
                Arguments.of("refund, 0220 200000 60.1 25", cup("0220", "25000123000", 3, "200000", 4, "000000001000", 25, "00", 37, RRN, 49, "156"),
                        expect(MessageKind.REFUND, "0220").processingCode("200000").key("000123").amount(10_00, "156").originalRrn(RRN)),
                Arguments.of("reversal of a purchase, 60.1 22",
                        cup("0400", "22000123000", 3, "000000", 4, "000000012345", 22, "051", 25, "00", 39, "98", 49, "156"),
                        expect(MessageKind.REVERSAL, "0400").processingCode("000000").key("000123").amount(123_45, "156")
                                .original(MessageKind.PURCHASE, TID + "|" + STAN + "|000123")),
                Arguments.of("reversal of a void, 60.1 23", cup("0400", "23000123000", 3, "200000", 4, "000000012345", 25, "00", 49, "156"),
                        expect(MessageKind.REVERSAL, "0400").processingCode("200000").key("000123").amount(123_45, "156")
                                .original(MessageKind.VOID, TID + "|" + STAN + "|000123")),
                Arguments.of("batch settlement, domestic and foreign blocks both counted", settle(),
                        expect(MessageKind.BATCH_SETTLE, "0500").totals(new BatchTotals(4, 310_00, 1, 5_00))),
                Arguments.of("batch upload of two rows, 0320 60.3 201",
                        cup("0320", "00000123201", 48, "02" + uploadRow("000007", PAN, 123_45) + uploadRow("000008", "6225880123456789", 5_00)),
                        expect(MessageKind.BATCH_UPLOAD, "0320").uploads(List.of(new UploadRow("000007", PAN_MASKED, 123_45, null),
                                new UploadRow("000008", "622588******6789", 5_00, null)), 2)),
                Arguments.of("end of an upload with the count, 0320 60.3 202", cup("0320", "00000123202", 48, "0002"),
                        expect(MessageKind.BATCH_CLOSE, "0320").network("202").uploads(List.of(), 2)),
                Arguments.of("batch closed with nothing uploaded, 0320 60.3 207", cup("0320", "00000123207"),
                        expect(MessageKind.BATCH_CLOSE, "0320").network("207")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("requests")
    void decodesWhatTheTerminalSent(String name, ISOMsg request, ExpectedRequest expected) throws Exception {
        assertEquals(expected.build(), Wire.decode(CUP, request));
    }

    static Outcome approved() {
        return new Outcome().responseCode(ResponseCode.APPROVED).rrn(RRN).authCode("A1B2C3")
                .capturedAt(Instant.parse("2026-12-01T01:30:00Z")).businessDate(LocalDate.of(2026, 12, 2));
    }

    static Stream<Arguments> responses() {
        BatchTotals both = new BatchTotals(4, 310_00, 1, 5_00);
        return Stream.of(
                Arguments.of("approved purchase: RRN, auth code, local time, business date", chipPurchase(), approved(),
                        Map.of(0, "0210", 39, "00", 37, RRN, 38, "A1B2C3", 12, "093000", 13, "1201", 15, "1202", 60, "22000123000"),
                        List.of(2, 14, 22, 48)),
                Arguments.of("declined purchase: no auth code even if one was set", chipPurchase(),
                        approved().responseCode(ResponseCode.INSUFFICIENT_FUNDS),
                        Map.of(0, "0210", 39, "51", 37, RRN), List.of(38)),
                Arguments.of("balanced settlement: host batch in 60.2, reconciliation code 1", settle(),
                        new Outcome().responseCode(ResponseCode.APPROVED).hostTotals(both, true).hostBatchNumber(124),
                        Map.of(0, "0510", 39, "00", 60, "00000124201", 48, both.toCupBlock('1') + BatchTotals.ZERO.toCupBlock('1')),
                        List.of(37, 38)),
                Arguments.of("unbalanced settlement: 95, reconciliation code 2", settle(),
                        new Outcome().responseCode(ResponseCode.RECONCILE_ERROR).hostTotals(BatchTotals.ZERO, false).hostBatchNumber(124),
                        Map.of(0, "0510", 39, "95", 48, both.toCupBlock('2') + BatchTotals.ZERO.toCupBlock('2')), List.of(37, 38)),
                Arguments.of("settlement refused otherwise: reconciliation code 3", settle(),
                        new Outcome().responseCode(ResponseCode.BATCH_NUMBER_MISMATCH),
                        Map.of(0, "0510", 39, "77", 60, "00000123201", 48, both.toCupBlock('3') + BatchTotals.ZERO.toCupBlock('3')),
                        List.of(37, 38)),
                Arguments.of("echo: 60 echoed", cup("0820", "00000123301"), new Outcome().responseCode(ResponseCode.APPROVED),
                        Map.of(0, "0830", 39, "00", 60, "00000123301"), List.of(37, 38, 15)));
    }

    /** The answer packs with the real packager; fields 11, 41 and 42 are echoed; {@code expected} holds, {@code absent} are absent. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("responses")
    void answersFromTheOutcome(String name, ISOMsg request, Outcome outcome, Map<Integer, String> expected, List<Integer> absent) throws Exception {
        ISOMsg received = Wire.overTheWire(Profile.CUP, request);
        ISOMsg response = Wire.overTheWire(Profile.CUP, CUP.respond(received, CUP.decode(received), outcome, SHANGHAI));
        for (int f : new int[] {11, 41, 42}) assertEquals(request.getString(f), response.getString(f), "field " + f + " echoed");
        expected.forEach((f, v) -> assertEquals(v, response.getString(f), "field " + f));
        for (int f : absent) assertFalse(response.hasField(f), "field " + f + " must be absent: " + response.getString(f));
    }

    @Test
    void answersAFormatErrorWithoutDecodingTheRequest() throws Exception {
        ISOMsg received = Wire.overTheWire(Profile.CUP, without(chipPurchase(), 42));
        ISOMsg response = CUP.respond(received, null, new Outcome().responseCode(ResponseCode.FORMAT_ERROR), SHANGHAI);
        assertEquals("0210", response.getMTI());
        assertEquals("30", response.getString(39));
        assertEquals(STAN, response.getString(11));
        for (int f : new int[] {37, 38, 48}) assertFalse(response.hasField(f), "field " + f);
    }

    @Test
    void responseHeaderIsTheRequestsWithTheHostsProcessingRequirement() throws Exception {
        byte[] header = {0x60, 0x00, 0x05, 0x01, 0x23, 0x60, 0x31, 0x00, 0x00, 0x00, 0x00};
        ISOMsg request = chipPurchase();
        request.setHeader(header);
        ISOMsg received = Wire.overTheWire(Profile.CUP, request);
        Outcome o = approved().processingRequirement(CupHeader.SIGN_ON_AGAIN);
        byte[] answered = CUP.respond(received, CUP.decode(received), o, SHANGHAI).getHeader();
        assertArrayEquals(CupHeader.withProcessingRequirement(header, CupHeader.SIGN_ON_AGAIN), answered,
                "the dialect sets the processing requirement only; the channel swaps the TPDU");
        assertEquals(CupHeader.SIGN_ON_AGAIN, CupHeader.processingRequirement(answered));
    }

    @Test
    void requestWithoutAHeaderIsAnsweredWithTheDefaultOne() throws Exception {
        ISOMsg request = chipPurchase();
        request.setHeader((ISOHeader) null);
        ISOMsg received = Wire.overTheWire(Profile.CUP, request);
        assertArrayEquals(CupHeader.defaultHeader(), CUP.respond(received, CUP.decode(received), approved(), SHANGHAI).getHeader());
    }
}
