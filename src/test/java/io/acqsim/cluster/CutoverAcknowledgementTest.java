package io.acqsim.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import io.acqsim.clock.ClockMode;
import io.acqsim.clock.SimClock;

/** A node moves into the next business date once its clock passed the cutover and the requests in flight then are done. */
class CutoverAcknowledgementTest {
    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private static final LocalDate MONDAY = LocalDate.of(2026, 11, 16);

    private final SimClock clock = new SimClock(ClockMode.MANUAL, MONDAY.atTime(22, 59).atZone(ZONE).toInstant(), ZONE);
    private final AtomicInteger inFlight = new AtomicInteger();

    @Test
    void theNextDateOnceNoRequestIsInFlight() {
        CutoverAcknowledgement ack = new CutoverAcknowledgement(clock, ZONE, LocalTime.of(23, 0), inFlight::get, Duration.ofHours(1));
        assertEquals(MONDAY, ack.current(), "at start, the open date");
        inFlight.set(3);
        clock.moveTo(MONDAY.atTime(23, 0, 1).atZone(ZONE).toInstant());
        assertEquals(MONDAY, ack.current(), "requests stamped before the cutover may still be in flight");
        inFlight.set(1);
        assertEquals(MONDAY, ack.current());
        inFlight.set(0);
        assertEquals(MONDAY.plusDays(1), ack.current());
        inFlight.set(5);
        assertEquals(MONDAY.plusDays(1), ack.current(), "an acknowledgement is never taken back");
    }

    @Test
    void theNextDateAfterTheLongestARequestCanTakeEvenIfTrafficNeverStops() throws InterruptedException {
        CutoverAcknowledgement ack = new CutoverAcknowledgement(clock, ZONE, LocalTime.of(23, 0), inFlight::get, Duration.ofMillis(50));
        ack.current();
        inFlight.set(2);
        clock.moveTo(MONDAY.atTime(23, 30).atZone(ZONE).toInstant());
        assertEquals(MONDAY, ack.current());
        long until = System.nanoTime() + Duration.ofMillis(60).toNanos();
        while (System.nanoTime() < until) Thread.onSpinWait();   // the bound is real time, the point of this case
        assertEquals(MONDAY.plusDays(1), ack.current());
    }

    @Test
    void aClockThatJumpsSeveralDaysAcknowledgesTheOpenOne() {
        CutoverAcknowledgement ack = new CutoverAcknowledgement(clock, ZONE, LocalTime.of(23, 0), inFlight::get, Duration.ofHours(1));
        ack.current();
        clock.moveTo(Instant.from(MONDAY.plusDays(3).atTime(12, 0).atZone(ZONE)));
        assertEquals(MONDAY.plusDays(3), ack.current());
    }
}
