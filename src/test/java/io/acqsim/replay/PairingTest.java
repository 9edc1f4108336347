package io.acqsim.replay;

import static io.acqsim.replay.Messages.msg;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.acqsim.replay.input.RecordedMessage;

class PairingTest {

    private static List<RecordedExchange> pair(List<RecordedMessage> in) throws Exception {
        Pairing p = new Pairing(Messages.reader(in), m -> null);
        List<RecordedExchange> out = new ArrayList<>();
        for (RecordedExchange e; (e = p.next()) != null; ) out.add(e);
        return out;
    }

    @Test
    void responsesPairByConnectionClassStanAndTidInRequestOrder() throws Exception {
        var sale = msg("c1", 0, "0200", "000001", "T1");
        var echo = msg("c1", 1, "0800", "000001", "T1");     // same STAN, other class
        var other = msg("c2", 1, "0200", "000001", "T2");    // same STAN, other connection
        var echoAnswer = msg("c1", 2, "0810", "000001", "T1");
        var otherAnswer = msg("c2", 2, "0210", "000001", "T2");
        var saleAnswer = msg("c1", 3, "0210", "000001", "T1");
        var out = pair(List.of(sale, echo, other, echoAnswer, otherAnswer, saleAnswer));
        assertEquals(3, out.size());
        assertSame(sale, out.get(0).request());
        assertSame(saleAnswer, out.get(0).response());
        assertSame(echoAnswer, out.get(1).response());
        assertSame(otherAnswer, out.get(2).response());
        assertEquals(List.of(1L, 2L, 3L), out.stream().map(RecordedExchange::sequence).toList());
    }

    @Test
    void aRepeatedReversalPairsWithTheNextAnswerAndAnUnansweredRequestStillComesOut() throws Exception {
        var rev = msg("c1", 0, "0400", "000007", "T1");
        var repeat = msg("c1", 30, "0401", "000007", "T1");
        var answer = msg("c1", 31, "0410", "000007", "T1");
        var lost = msg("c1", 40, "0200", "000008", "T1");
        var stray = msg("c1", 41, "0210", "000099", "T1");
        Pairing p = new Pairing(Messages.reader(List.of(rev, repeat, answer, lost, stray)), m -> null);
        RecordedExchange first = p.next();
        assertSame(answer, first.response(), "the first of two waiting requests takes the answer");
        assertNull(p.next().response());
        assertNull(p.next().response());
        assertNull(p.next());
        assertEquals(1, p.orphanResponses());
        assertEquals(5, p.messagesRead());
    }

    @Test
    void aRequestWaitsNoLongerThanTheWindowSoMemoryStaysBounded() throws Exception {
        List<RecordedMessage> in = new ArrayList<>();
        in.add(msg("c1", 0, "0200", "000001", "T1"));
        for (int i = 0; i < Pairing.WINDOW_MESSAGES + 5; i++) in.add(msg("c2", 1, "0800", String.format("%06d", i % 999_999), "T2"));
        Pairing p = new Pairing(Messages.reader(in), m -> null);
        RecordedExchange e = p.next();
        assertNull(e.response());
        assertEquals("000001", e.request().stan());
        // it left before the input was read to the end
        assertEquals(Pairing.WINDOW_MESSAGES + 2, p.messagesRead());
    }
}
