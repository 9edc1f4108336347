package io.acqsim.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/** The pieces of a load run that need no host: mix, rate, durations, amounts, the open-loop schedule, TIDs. */
class LoadPartsTest {

    @Test
    void mixDrawsKindsInProportion() {
        Mix mix = Mix.parse("purchase=70, qr=20,refund=5,void=5");
        assertEquals("purchase=70,qr=20,refund=5,void=5", mix.toString());
        Map<Kind, Integer> n = new EnumMap<>(Kind.class);
        SplittableRandom r = new SplittableRandom(1);
        for (int i = 0; i < 100_000; i++) n.merge(mix.pick(r), 1, Integer::sum);
        assertEquals(70_000, n.get(Kind.PURCHASE), 1_500);
        assertEquals(20_000, n.get(Kind.QR), 1_000);
        assertEquals(5_000, n.get(Kind.REFUND), 500);
        assertEquals(5_000, n.get(Kind.VOID), 500);
        Mix qrOnly = Mix.parse("qr=1");
        for (int i = 0; i < 100; i++) assertEquals(Kind.QR, qrOnly.pick(r));
        assertThrows(IllegalArgumentException.class, () -> Mix.parse(""));
    }

    @Test
    void ratesAndDurations() {
        assertTrue(Rate.parse("max").closedLoop());
        assertEquals(200.0, Rate.parse("200").perSecond());
        assertEquals(12.5, Rate.parse("12.5/s").perSecond());
        assertFalse(Rate.parse("1").closedLoop());
        assertThrows(IllegalArgumentException.class, () -> Rate.parse("NaN"));
        assertThrows(IllegalArgumentException.class, () -> Rate.parse("Infinity"));

        assertEquals(Duration.ofSeconds(30), Durations.parse("30s"));
        assertEquals(Duration.ofSeconds(30), Durations.parse("PT30S"));
        assertEquals(Duration.ofSeconds(30), Durations.parse("pt30s"));
        assertEquals(Duration.ofMillis(500), Durations.parse("500ms"));
        assertEquals(Duration.ofMillis(1500), Durations.parse("1.5s"));
        assertEquals(Duration.ofMinutes(2), Durations.parse("2m"));
        assertEquals(Duration.ofHours(1), Durations.parse("1h"));
        assertEquals("2s", Durations.format(Duration.ofSeconds(2)));
        assertEquals("500ms", Durations.format(Duration.ofMillis(500)));
        assertEquals("2m30s", Durations.format(Duration.ofSeconds(150)));
    }

    @Test
    void amountsAreOnesTheShippedIssuerApproves() {
        SplittableRandom r = new SplittableRandom(3);
        for (int i = 0; i < 200_000; i++) {
            long a = ApprovedAmounts.purchase(r);
            assertTrue(a >= ApprovedAmounts.MIN && a <= ApprovedAmounts.MAX && ApprovedAmounts.approves(a), String.valueOf(a));
            long refund = ApprovedAmounts.refund(r, a);
            assertTrue(refund >= 1 && refund <= a && ApprovedAmounts.approves(refund), a + " -> " + refund);
        }
        for (long bad : new long[] {105, 151, 1254, 161, 9968, 991}) assertFalse(ApprovedAmounts.approves(bad), String.valueOf(bad));
    }

    @Test
    void openLoopSlotsAreEvenlySpacedFromTheStartAndCountedToTheEnd() {
        long start = 1_000_000_000L;
        Schedule s = Schedule.openLoop(200, start, start + 2_000_000_000L);
        assertEquals(start, s.next());
        assertEquals(start + 5_000_000L, s.next());
        assertEquals(start + 10_000_000L, s.next());
        assertEquals(400, s.scheduled());
        Schedule thirds = Schedule.openLoop(3, 0, 1_000_000_000L);
        assertEquals(0, thirds.next());
        assertEquals(333_333_333L, thirds.next());
        assertEquals(666_666_667L, thirds.next());
        assertTrue(thirds.next() >= thirds.end());
        assertEquals(-1, Schedule.closedLoop(0, 1).scheduled());
    }

    @Test
    void terminalsOfTheDemoRegistry() {
        assertEquals("T0000001", TerminalWorker.tid(1));
        assertEquals("M00000000000001", TerminalWorker.mid(1));
        assertEquals("M00000000000010", TerminalWorker.mid(10));
        assertEquals("T0000011", TerminalWorker.tid(11));
        assertEquals("M00000000000001", TerminalWorker.mid(11));
    }
}
