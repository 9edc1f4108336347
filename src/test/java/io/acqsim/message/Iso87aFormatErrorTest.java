package io.acqsim.message;

import static io.acqsim.message.Iso87aDialectTest.ISO87A;
import static io.acqsim.message.Iso87aDialectTest.chipPurchase;
import static io.acqsim.message.Iso87aDialectTest.iso;
import static io.acqsim.message.Iso87aDialectTest.original;
import static io.acqsim.message.Iso87aDialectTest.settle;
import static io.acqsim.message.Iso87aDialectTest.with;
import static io.acqsim.message.Iso87aDialectTest.without;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;

import org.jpos.iso.ISOMsg;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Profile iso87a requests the host cannot serve as sent, after the real packager: each names the field
 * at fault and is answered 30 (format error), or 12 (invalid transaction) when it is well formed but
 * asks for something this host does not offer.
 */
class Iso87aFormatErrorTest {
    private static final ResponseCode FORMAT = ResponseCode.FORMAT_ERROR;
    private static final ResponseCode INVALID = ResponseCode.INVALID_TRANSACTION;

    static Stream<Arguments> malformed() {
        return Stream.of(
                Arguments.of("MTI this host does not serve", iso("0100", 3, "000000"), 0, FORMAT),
                Arguments.of("network management without 70", iso("0800"), 70, FORMAT),
                Arguments.of("network management code 999", iso("0800", 70, "999"), 70, INVALID),
                Arguments.of("no STAN", without(chipPurchase(), 11), 11, FORMAT),
                Arguments.of("no field 7 on a purchase", without(chipPurchase(), 7), 7, FORMAT),
                Arguments.of("processing code of a balance inquiry", with(chipPurchase(), 3, "300000"), 3, INVALID),
                Arguments.of("purchase without the merchant (42)", without(chipPurchase(), 42), 42, FORMAT),
                Arguments.of("purchase without an amount", without(chipPurchase(), 4), 4, FORMAT),
                Arguments.of("card purchase with neither PAN nor track 2", without(chipPurchase(), 2), 2, FORMAT),
                Arguments.of("PAN of 11 digits", with(chipPurchase(), 2, "62220212345"), 2, FORMAT),
                Arguments.of("track 2 whose PAN is not digits", with(with(without(chipPurchase(), 2), 35, "6222AB1234567890=2912"), 22, "021"), 35, FORMAT),
                Arguments.of("QR purchase that also carries a PAN", with(with(chipPurchase(), 22, "031"), 48, "6225880123456789012"), 2, FORMAT),
                Arguments.of("QR purchase with an empty payment code", without(with(without(chipPurchase(), 2), 22, "031"), 14), 48, FORMAT),
                Arguments.of("currency that is not numeric", with(chipPurchase(), 49, "CNY"), 49, FORMAT),
                Arguments.of("batch number of 5 digits", with(chipPurchase(), 60, "00123"), 60, FORMAT),
                Arguments.of("void without the original RRN (37)", iso("0200", 3, "020000", 4, "000000012345"), 37, FORMAT),
                Arguments.of("refund whose RRN has a control character", iso("0200", 3, "200000", 4, "000000001000", 37, "6335120\u00010101"), 37, FORMAT),
                Arguments.of("reversal without 90", iso("0400", 3, "000000", 4, "000000012345"), 90, FORMAT),
                Arguments.of("reversal of a balance inquiry", iso("0400", 3, "300000", 4, "000000012345", 90, original("0200")), 3, INVALID),
                Arguments.of("settlement with processing code 910000", with(settle(), 3, "910000"), 3, INVALID),
                Arguments.of("settlement totals of 29 digits", with(settle(), 63, "0".repeat(29)), 63, FORMAT),
                Arguments.of("settlement without totals", without(settle(), 63), 63, FORMAT),
                Arguments.of("upload without an amount", iso("0320", 3, "000000"), 4, FORMAT));
    }

    @ParameterizedTest(name = "{0} -> field {2}, {3}")
    @MethodSource("malformed")
    void namesTheFieldAndTheAnswer(String name, ISOMsg request, int field, ResponseCode answer) {
        FormatError e = assertThrows(FormatError.class, () -> Wire.decode(ISO87A, request));
        assertEquals(field, e.field(), e.getMessage());
        assertEquals(answer, e.responseCode(), e.getMessage());
        assertTrue(e.getMessage().startsWith("field " + field + ": "), e.getMessage());
    }
}
