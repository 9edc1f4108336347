package io.acqsim.clock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/** The simulated clock and its scheduler: order, catch-up, never backwards, and the running modes. */
class SchedulerTest {
    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    static final Instant T0 = Instant.parse("2026-10-01T00:00:00Z");

    @Test
    void advanceRunsEveryDueJobInTimeOrderWithTheClockAtItsDueInstant() {
        SimClock clock = new SimClock(ClockMode.MANUAL, T0, SHANGHAI);
        try (Scheduler s = new Scheduler(clock)) {
            List<String> ran = new ArrayList<>();
            s.schedule(T0.plusSeconds(30), "b", due -> ran.add("b@" + clock.instant()));
            s.schedule(T0.plusSeconds(10), "a", due -> {
                ran.add("a@" + clock.instant());
                // scheduled by a job, due before the target: runs in the same advance, in order
                s.schedule(T0.plusSeconds(20), "a2", d2 -> ran.add("a2@" + clock.instant()));
            });
            s.schedule(T0.plusSeconds(90), "later", due -> ran.add("later"));
            s.advanceBy(Duration.ofMinutes(1));
            assertEquals(List.of("a@" + T0.plusSeconds(10), "a2@" + T0.plusSeconds(20), "b@" + T0.plusSeconds(30)), ran);
            assertEquals(T0.plusSeconds(60), clock.instant());
            assertEquals(List.of(new Scheduler.Pending(T0.plusSeconds(90), "later")), s.pending());
            assertEquals(3, s.jobsRun());
        }
    }

    @Test
    void theClockNeverMovesBackwardsAndAFailedMoveChangesNothing() {
        SimClock clock = new SimClock(ClockMode.MANUAL, T0, SHANGHAI);
        try (Scheduler s = new Scheduler(clock)) {
            s.schedule(T0.plusSeconds(5), "x", due -> { });
            assertThrows(ClockBackwards.class, () -> s.advanceTo(T0.minusSeconds(1)));
            assertThrows(ClockBackwards.class, () -> s.advanceBy(Duration.ofSeconds(-1)));
            assertThrows(ClockBackwards.class, () -> clock.moveTo(T0.minusNanos(1)));
            assertEquals(T0, clock.instant());
            assertEquals(0, s.jobsRun());
            s.advanceTo(T0);
            assertEquals(T0, clock.instant(), "moving to now is allowed and runs nothing due later");
        }
    }

    @Test
    void aFailingJobIsLoggedAndTheNextOnesStillRun() {
        SimClock clock = new SimClock(ClockMode.MANUAL, T0, SHANGHAI);
        try (Scheduler s = new Scheduler(clock)) {
            List<String> ran = new ArrayList<>();
            s.schedule(T0.plusSeconds(1), "boom", due -> { throw new IllegalStateException("boom"); });
            s.schedule(T0.plusSeconds(2), "ok", due -> ran.add("ok"));
            s.advanceBy(Duration.ofSeconds(3));
            assertEquals(List.of("ok"), ran);
        }
    }

    @Test
    void aFastClockRunsItsJobsByItself() throws Exception {
        SimClock clock = new SimClock(ClockMode.parse("fast:3600"), T0, SHANGHAI);
        try (Scheduler s = new Scheduler(clock)) {
            CountDownLatch ran = new CountDownLatch(1);
            List<Instant> seen = new ArrayList<>();
            s.schedule(T0.plus(Duration.ofMinutes(30)), "half an hour", due -> {
                seen.add(clock.instant());
                ran.countDown();
            });
            // 30 simulated minutes at 3600x is half a real second
            assertTrue(ran.await(20, TimeUnit.SECONDS), "the job ran without anyone advancing the clock");
            assertTrue(!seen.getFirst().isBefore(T0.plus(Duration.ofMinutes(30))), "never before it is due: " + seen);
        }
    }

    @Test
    void aRealClockFollowsRealTime() throws Exception {
        SimClock clock = new SimClock(ClockMode.REAL, T0, SHANGHAI);
        Instant a = clock.instant();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!clock.instant().isAfter(a) && System.nanoTime() < deadline) Thread.onSpinWait();
        assertTrue(clock.instant().isAfter(a));
        assertTrue(Duration.between(T0, clock.instant()).compareTo(Duration.ofSeconds(5)) < 0);
    }

    @Test
    void clockModesParseOrSayWhatIsWrong() {
        assertEquals(ClockMode.REAL, ClockMode.parse("real"));
        assertEquals(ClockMode.MANUAL, ClockMode.parse("manual"));
        assertEquals(60.0, ClockMode.parse("fast:60").rate());
        for (String bad : new String[] {"fast", "fast:", "fast:x", "fast:0", "fast:-2", "slow", ""}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ClockMode.parse(bad));
            assertTrue(e.getMessage().contains("'" + bad + "'") || e.getMessage().contains("fast:N"), e.getMessage());
        }
    }
}
