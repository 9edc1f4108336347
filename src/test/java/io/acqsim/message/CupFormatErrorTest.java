package io.acqsim.message;

import static io.acqsim.message.CupDialectTest.CUP;
import static io.acqsim.message.CupDialectTest.PAN;
import static io.acqsim.message.CupDialectTest.RRN;
import static io.acqsim.message.CupDialectTest.chipPurchase;
import static io.acqsim.message.CupDialectTest.cup;
import static io.acqsim.message.CupDialectTest.settle;
import static io.acqsim.message.CupDialectTest.uploadRow;
import static io.acqsim.message.CupDialectTest.without;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;

import org.jpos.iso.ISOMsg;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Profile cup requests the host cannot serve as sent, after the real packager: each names the field at
 * fault and is answered 30 (format error), or 12 (invalid transaction) when it is well formed but asks
 * for something this host does not offer.
 */
class CupFormatErrorTest {
    private static final ResponseCode FORMAT = ResponseCode.FORMAT_ERROR;
    private static final ResponseCode INVALID = ResponseCode.INVALID_TRANSACTION;

    static ISOMsg with(ISOMsg m, int field, String value) {
        m.set(field, value);
        return m;
    }

    static Stream<Arguments> malformed() {
        return Stream.of(
                Arguments.of("no field 60", without(chipPurchase(), 60), 60, FORMAT),
                Arguments.of("field 60 shorter than 60.1 + 60.2 + 60.3", with(chipPurchase(), 60, "22000123"), 60, FORMAT),
                Arguments.of("no STAN", without(chipPurchase(), 11), 11, FORMAT),
                Arguments.of("MTI this host does not serve", cup("0100", "22000123000"), 0, FORMAT),
                Arguments.of("sign-on with the sign-off code 60.3 002", cup("0800", "00000123002"), 60, INVALID),
                Arguments.of("0820 with neither sign-off nor echo", cup("0820", "00000123001"), 60, INVALID),
                Arguments.of("purchase processing code with the void's 60.1 23", with(chipPurchase(), 60, "23000123000"), 3, INVALID),
                Arguments.of("refund sent as 0200", cup("0200", "25000123000", 3, "200000", 4, "000000001000", 37, RRN), 3, INVALID),
                Arguments.of("purchase without the merchant (42)", without(chipPurchase(), 42), 42, FORMAT),
                Arguments.of("card purchase with neither PAN nor track 2", without(chipPurchase(), 2), 2, FORMAT),
                Arguments.of("PAN of 11 digits", with(chipPurchase(), 2, "62220212345"), 2, FORMAT),
                Arguments.of("track 2 whose PAN is too short", with(with(without(chipPurchase(), 2), 35, "62220212D2912101"), 22, "021"), 35, FORMAT),
                Arguments.of("QR purchase that also carries a PAN", with(with(chipPurchase(), 22, "031"), 48, "6225880123456789012"), 2, FORMAT),
                Arguments.of("TID with a control character", with(chipPurchase(), 41, "T00\u00010001"), 41, FORMAT),
                Arguments.of("currency that is not numeric", with(chipPurchase(), 49, "CNY"), 49, FORMAT),
                Arguments.of("void without the original RRN (37)", cup("0200", "23000123000", 3, "200000", 4, "000000012345"), 37, FORMAT),
                Arguments.of("reversal whose 60.1 names no reversible transaction", cup("0400", "00000123000", 3, "000000", 4, "000000012345"), 60, INVALID),
                Arguments.of("settlement with 60.3 202", with(settle(), 60, "00000123202"), 60, INVALID),
                Arguments.of("settlement totals of 30 digits", with(settle(), 48, "0".repeat(30)), 48, FORMAT),
                Arguments.of("upload that counts two rows and carries one", cup("0320", "00000123201", 48, "02" + uploadRow("000007", PAN, 1)), 48, FORMAT),
                Arguments.of("upload of no rows", cup("0320", "00000123201", 48, "00"), 48, FORMAT),
                Arguments.of("0320 with 60.3 208 (neither upload nor IC advice)", cup("0320", "00000123208"), 60, INVALID),
                Arguments.of("end of an upload with a 3-digit count", cup("0320", "00000123202", 48, "002"), 48, FORMAT));
    }

    @ParameterizedTest(name = "{0} -> field {2}, {3}")
    @MethodSource("malformed")
    void namesTheFieldAndTheAnswer(String name, ISOMsg request, int field, ResponseCode answer) {
        FormatError e = assertThrows(FormatError.class, () -> Wire.decode(CUP, request));
        assertEquals(field, e.field(), e.getMessage());
        assertEquals(answer, e.responseCode(), e.getMessage());
        assertTrue(e.getMessage().startsWith("field " + field + ": "), e.getMessage());
    }
}
