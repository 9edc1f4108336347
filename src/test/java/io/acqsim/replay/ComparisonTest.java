package io.acqsim.replay;

import static io.acqsim.replay.Messages.msg;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.jpos.iso.ISOMsg;
import org.junit.jupiter.api.Test;

class ComparisonTest {
    private final Comparison compare = new Comparison(CompareRules.defaults(false));

    private static ISOMsg answer(String rc, String rrn, String stan) {
        return msg("c", 1, "0210", stan, "T1", 37, rrn, 39, rc, 12, "101010").message();
    }

    @Test
    void equalEchoPresentAndIgnoredFields() {
        var request = msg("c", 0, "0200", "000001", "T1", 2, "622202_________0123");
        var e = Messages.exchange(request, msg("c", 1, "0210", "000001", "T1"));
        assertEquals(List.of(), compare.compare(e, request.message(), answer("00", "000000000001", "000001"), answer("00", "000000000777", "000001")),
                "new RRN and other time: still a match");

        List<Mismatch> found = compare.compare(e, request.message(), answer("00", "000000000001", "000001"), answer("51", "000000000002", "000002"));
        assertEquals(2, found.size(), found.toString());
        assertEquals("11", found.get(0).field());
        assertEquals("000001", found.get(0).expected(), "echo: the request's STAN");
        assertEquals("39", found.get(1).field());
        assertEquals("00", found.get(1).expected());
        assertEquals("51", found.get(1).got());
        assertEquals("test.log:1", found.get(1).origin());

        ISOMsg noRrn = answer("00", "x", "000001");
        noRrn.unset(37);
        found = compare.compare(e, request.message(), answer("00", "000000000001", "000001"), noRrn);
        assertEquals("37", found.getFirst().field());
        assertEquals("present", found.getFirst().expected());
        assertEquals("absent", found.getFirst().got());
    }

    @Test
    void missingAndUnexpectedAnswers() {
        var request = msg("c", 0, "0200", "000001", "T1");
        var e = Messages.exchange(request, null);
        Mismatch none = compare.compare(e, request.message(), answer("00", "1", "000001"), null).getFirst();
        assertEquals(Mismatch.ANSWER, none.field());
        assertEquals("0210", none.expected());
        assertEquals(Mismatch.NONE, none.got());
        Mismatch extra = compare.presence(e, null, answer("00", "1", "000001")).getFirst();
        assertEquals(Mismatch.NONE, extra.expected());
        assertTrue(compare.compare(e, request.message(), null, null).isEmpty(), "no answer recorded, none came: a match");
    }

    @Test
    void cardDataIsNeverReportedInFull() {
        var request = msg("c", 0, "0200", "000001", "T1");
        var e = Messages.exchange(request, null);
        ISOMsg want = answer("00", "1", "000001");
        want.set(2, "6222021234567890123");
        ISOMsg got = answer("00", "1", "000001");
        got.set(2, "6222029999999990123");
        Mismatch m = compare.compare(e, request.message(), want, got).getFirst();
        assertEquals("2", m.field());
        assertEquals("622202*********0123", m.expected());
        assertEquals("622202*********0123", m.got());
    }
}
