package io.acqsim.message;

import static io.acqsim.message.ExpectedRequest.MID;
import static io.acqsim.message.ExpectedRequest.STAN;
import static io.acqsim.message.ExpectedRequest.TID;
import static io.acqsim.message.Wire.msg;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.jpos.iso.ISOMsg;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.acqsim.iso.Profile;

/**
 * Profile iso87a (PRODUCT.md §4.2): every message a terminal sends, packed with
 * cfg/packagers/iso87a.xml and decoded, compared as a whole record; then the answers built from an
 * {@link Outcome}. Malformed requests are in {@link Iso87aFormatErrorTest}.
 */
class Iso87aDialectTest {
    static final Dialect ISO87A = Dialect.of(Profile.ISO87A);
    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    static final String F7 = "1201093000";
    static final String PAN = "6222021234567890123";
    static final String PAN_MASKED = "622202*********0123";
    static final String RRN = "633512000101";
    static final BatchTotals TOTALS = new BatchTotals(3, 300_00, 1, 5_00);

    /** An iso87a request with the fields every terminal message carries: 7, 11, 41, 42. */
    static ISOMsg iso(String mti, Object... more) {
        ISOMsg m = msg(mti, more);
        m.set(7, F7);
        m.set(11, STAN);
        m.set(41, TID);
        m.set(42, MID);
        return m;
    }

    static ISOMsg chipPurchase() {
        return iso("0200", 3, "000000", 4, "000000012345", 12, "093000", 13, "1201", 2, PAN, 14, "2912", 22, "051", 25, "00",
                49, "156", 60, "000123");
    }

    static ISOMsg settle() {
        return iso("0500", 3, "920000", 60, "000123", 63, TOTALS.toIso87a());
    }

    static ISOMsg without(ISOMsg m, int... fields) {
        m.unset(fields);
        return m;
    }

    /** Field 90 of a reversal: original MTI, STAN and field 7, then 22 zeros (acquirer and forwarder ids). */
    static String original(String mti) {
        return mti + STAN + F7 + "0".repeat(22);
    }

    static ExpectedRequest expect(MessageKind kind, String mti) {
        return ExpectedRequest.of(Profile.ISO87A, kind, mti);
    }

    static Stream<Arguments> requests() {
        String originalKey = TID + "|" + STAN + "|" + F7;
        return Stream.of(
                Arguments.of("sign-on, 70 001", iso("0800", 70, "001"), expect(MessageKind.SIGN_ON, "0800").network("001")),
                Arguments.of("sign-on without a merchant", without(iso("0800", 70, "001"), 42),
                        expect(MessageKind.SIGN_ON, "0800").noMid().network("001")),
                Arguments.of("sign-off, 70 002", iso("0800", 70, "002"), expect(MessageKind.SIGN_OFF, "0800").network("002")),
                Arguments.of("echo, 70 301", iso("0800", 70, "301"), expect(MessageKind.ECHO, "0800").network("301")),
                Arguments.of("chip purchase, PAN in field 2", chipPurchase(),
                        expect(MessageKind.PURCHASE, "0200").processingCode("000000").key(F7).amount(123_45, "156")
                                .card("051", PAN_MASKED, "622202").batch(123)),
                Arguments.of("magstripe purchase, PAN from track 2, no batch number",
                        iso("0200", 3, "000000", 4, "000000012345", 35, PAN + "=2912101", 22, "021", 25, "00", 49, "156"),
                        expect(MessageKind.PURCHASE, "0200").processingCode("000000").key(F7).amount(123_45, "156")
                                .card("021", PAN_MASKED, "622202")),
                Arguments.of("QR purchase, 22 031, payment code in 48",
                        iso("0200", 3, "000000", 4, "000000005000", 22, "031", 25, "00", 48, "6225880123456789012", 49, "156", 60, "000123"),
                        expect(MessageKind.PURCHASE, "0200").processingCode("000000").key(F7).amount(50_00, "156").qr("031").batch(123)),
                Arguments.of("void, 3 020000", iso("0200", 3, "020000", 4, "000000012345", 25, "00", 37, RRN, 49, "156", 60, "000123"),
                        expect(MessageKind.VOID, "0200").processingCode("020000").key(F7).amount(123_45, "156").originalRrn(RRN).batch(123)),
                Arguments.of("refund, 3 200000", iso("0200", 3, "200000", 4, "000000001000", 25, "00", 37, RRN, 49, "156", 60, "000123"),
                        expect(MessageKind.REFUND, "0200").processingCode("200000").key(F7).amount(10_00, "156").originalRrn(RRN).batch(123)),
                Arguments.of("reversal of a purchase, 90 names the original",
                        with(iso("0400", 3, "000000", 4, "000000012345", 90, original("0200"), 49, "156", 60, "000123"), 7, "1201093100"),
                        expect(MessageKind.REVERSAL, "0400").processingCode("000000").key("1201093100").amount(123_45, "156")
                                .original(MessageKind.PURCHASE, originalKey).batch(123)),
                Arguments.of("repeated reversal of a refund, 0401",
                        iso("0401", 3, "200000", 4, "000000001000", 90, original("0200"), 49, "156"),
                        expect(MessageKind.REVERSAL, "0401").processingCode("200000").key(F7).amount(10_00, "156")
                                .original(MessageKind.REFUND, originalKey).repeat()),
                Arguments.of("batch settlement, 3 920000, totals in 63", settle(),
                        expect(MessageKind.BATCH_SETTLE, "0500").processingCode("920000").totals(TOTALS).batch(123)),
                Arguments.of("batch upload of one transaction, 0320",
                        iso("0320", 2, PAN, 3, "000000", 4, "000000012345", 60, "000123"),
                        expect(MessageKind.BATCH_UPLOAD, "0320").processingCode("000000").amount(123_45, null).batch(123)
                                .uploads(List.of(new UploadRow(STAN, PAN_MASKED, 123_45, "000000")), 1)),
                Arguments.of("batch upload of a QR sale, no card data", iso("0320", 3, "000000", 4, "000000005000", 60, "000123"),
                        expect(MessageKind.BATCH_UPLOAD, "0320").processingCode("000000").amount(50_00, null).batch(123)
                                .uploads(List.of(new UploadRow(STAN, null, 50_00, "000000")), 1)),
                Arguments.of("end of an upload, 0500 3 960000", iso("0500", 3, "960000", 60, "000123", 63, TOTALS.toIso87a()),
                        expect(MessageKind.BATCH_CLOSE, "0500").processingCode("960000").totals(TOTALS).batch(123)));
    }

    static ISOMsg with(ISOMsg m, int field, String value) {
        m.set(field, value);
        return m;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("requests")
    void decodesWhatTheTerminalSent(String name, ISOMsg request, ExpectedRequest expected) throws Exception {
        assertEquals(expected.build(), Wire.decode(ISO87A, request));
    }

    static Outcome approved() {
        return new Outcome().responseCode(ResponseCode.APPROVED).rrn(RRN).authCode("A1B2C3")
                .capturedAt(Instant.parse("2026-12-01T01:30:00Z")).businessDate(LocalDate.of(2026, 12, 2));
    }

    static Stream<Arguments> responses() {
        BatchTotals host = new BatchTotals(2, 200_00, 1, 5_00);
        return Stream.of(
                Arguments.of("approved purchase: RRN, auth code, local time, business date", chipPurchase(), approved(),
                        Map.of(0, "0210", 39, "00", 37, RRN, 38, "A1B2C3", 12, "093000", 13, "1201", 15, "1202", 60, "000123"),
                        List.of(2, 14, 22, 63)),
                Arguments.of("declined purchase: no auth code even if one was set", chipPurchase(),
                        approved().responseCode(ResponseCode.DO_NOT_HONOUR), Map.of(0, "0210", 39, "05", 37, RRN), List.of(38)),
                Arguments.of("reversal of an unknown original: 25", iso("0400", 3, "000000", 4, "000000012345", 90, original("0200")),
                        new Outcome().responseCode(ResponseCode.ORIGINAL_NOT_FOUND), Map.of(0, "0410", 39, "25"), List.of(37, 38, 90)),
                Arguments.of("repeated reversal answered 0410", iso("0401", 3, "000000", 4, "000000012345", 90, original("0200")),
                        new Outcome().responseCode(ResponseCode.APPROVED), Map.of(0, "0410", 39, "00"), List.of(38)),
                Arguments.of("balanced settlement: host batch in 60, host totals in 63", settle(),
                        new Outcome().responseCode(ResponseCode.APPROVED).hostTotals(TOTALS, true).hostBatchNumber(124),
                        Map.of(0, "0510", 39, "00", 3, "920000", 60, "000124", 63, TOTALS.toIso87a()), List.of(37, 38)),
                Arguments.of("unbalanced settlement: 95 and the host's own totals", settle(),
                        new Outcome().responseCode(ResponseCode.RECONCILE_ERROR).hostTotals(host, false).hostBatchNumber(123),
                        Map.of(0, "0510", 39, "95", 63, host.toIso87a()), List.of(37, 38)),
                Arguments.of("sign-on: 70 echoed", iso("0800", 70, "001"), new Outcome().responseCode(ResponseCode.APPROVED),
                        Map.of(0, "0810", 39, "00", 70, "001"), List.of(37, 38, 60, 63)));
    }

    /** The answer packs with the real packager; fields 7, 11, 41 and 42 are echoed; {@code expected} holds, {@code absent} are absent. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("responses")
    void answersFromTheOutcome(String name, ISOMsg request, Outcome outcome, Map<Integer, String> expected, List<Integer> absent) throws Exception {
        ISOMsg received = Wire.overTheWire(Profile.ISO87A, request);
        ISOMsg response = Wire.overTheWire(Profile.ISO87A, ISO87A.respond(received, ISO87A.decode(received), outcome, SHANGHAI));
        for (int f : new int[] {7, 11, 41, 42}) assertEquals(request.getString(f), response.getString(f), "field " + f + " echoed");
        expected.forEach((f, v) -> assertEquals(v, response.getString(f), "field " + f));
        for (int f : absent) assertFalse(response.hasField(f), "field " + f + " must be absent: " + response.getString(f));
    }

    @Test
    void answersAFormatErrorWithoutDecodingTheRequest() throws Exception {
        ISOMsg received = Wire.overTheWire(Profile.ISO87A, without(chipPurchase(), 42));
        ISOMsg response = ISO87A.respond(received, null, new Outcome().responseCode(ResponseCode.FORMAT_ERROR), SHANGHAI);
        assertEquals("0210", response.getMTI());
        assertEquals("30", response.getString(39));
        assertEquals(F7, response.getString(7));
        for (int f : new int[] {37, 38, 63}) assertFalse(response.hasField(f), "field " + f);
    }
}
