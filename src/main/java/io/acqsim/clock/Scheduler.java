package io.acqsim.clock;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Runs {@link Job}s in simulated-time order. Contract:
 * <ul>
 * <li>Jobs run one at a time, in order of due instant (then of scheduling), never before they are due.</li>
 * <li>{@link #advanceTo} runs every job due up to the target, moving the clock to each job's due
 *     instant first, including jobs that those jobs schedule, and returns when all are done.</li>
 * <li>In real and fast modes a background thread runs jobs as simulated time reaches them.</li>
 * <li>{@link #exclusive} runs other work (an API call that changes settlement state) under the same
 *     lock, so settlement state is only ever changed by one thread at a time.</li>
 * </ul>
 * A job that throws is logged and dropped; it does not stop the jobs after it.
 */
public final class Scheduler implements AutoCloseable {
    private static final Logger LOG = LogManager.getLogger(Scheduler.class);

    private record Entry(Instant due, long seq, String name, Job job) implements Comparable<Entry> {
        @Override
        public int compareTo(Entry o) {
            int c = due.compareTo(o.due);
            return c != 0 ? c : Long.compare(seq, o.seq);
        }
    }

    /** A job waiting to run, for the API and tests. */
    public record Pending(Instant due, String name) {
    }

    private final SimClock clock;
    private final PriorityQueue<Entry> queue = new PriorityQueue<>();
    private final AtomicLong seq = new AtomicLong();
    private final ReentrantLock lock = new ReentrantLock(true);
    private final Condition changed = lock.newCondition();
    private final Thread runner;
    private volatile boolean closed;
    private long jobsRun;

    public Scheduler(SimClock clock) {
        this.clock = clock;
        this.runner = Thread.ofPlatform().daemon().name("acqsim-scheduler").unstarted(this::runLoop);
        if (!clock.mode().manual()) runner.start();
    }

    public SimClock clock() { return clock; }

    /** Schedules {@code job} at {@code due}; a due instant already past runs at the next opportunity. */
    public void schedule(Instant due, String name, Job job) {
        lock.lock();
        try {
            queue.add(new Entry(due, seq.incrementAndGet(), name, job));
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Runs every job due up to {@code to} in time order, then leaves the clock at {@code to}. */
    public void advanceTo(Instant to) {
        lock.lock();
        try {
            Instant now = clock.instant();
            if (to.isBefore(now)) throw new ClockBackwards(now, to, clock().getZone());
            runDue(to, true);
            clock.moveTo(to);
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    public void advanceBy(Duration by) {
        if (by.isNegative()) throw new ClockBackwards(clock.instant(), clock.instant().plus(by), clock.getZone());
        lock.lock();
        try {
            advanceTo(clock.instant().plus(by));
        } finally {
            lock.unlock();
        }
    }

    /** Runs {@code work} while no job runs and the clock is not being moved by this scheduler. */
    public <T> T exclusive(java.util.concurrent.Callable<T> work) throws Exception {
        lock.lock();
        try {
            return work.call();
        } finally {
            lock.unlock();
        }
    }

    /** Runs the jobs already due now (after start, for catch-up). */
    public void runDueNow() {
        lock.lock();
        try {
            runDue(clock.instant(), false);
        } finally {
            lock.unlock();
        }
    }

    public List<Pending> pending() {
        lock.lock();
        try {
            List<Entry> sorted = new ArrayList<>(queue);
            sorted.sort(null);
            return sorted.stream().map(e -> new Pending(e.due(), e.name())).toList();
        } finally {
            lock.unlock();
        }
    }

    /** Jobs run since start. */
    public long jobsRun() {
        lock.lock();
        try {
            return jobsRun;
        } finally {
            lock.unlock();
        }
    }

    // caller holds the lock
    private void runDue(Instant limit, boolean moveClock) {
        while (!closed) {
            Entry next = queue.peek();
            if (next == null || next.due().isAfter(limit)) return;
            queue.poll();
            if (moveClock && next.due().isAfter(clock.instant())) clock.moveTo(next.due());
            try {
                next.job().run(next.due());
            } catch (Exception | LinkageError | AssertionError e) {
                LOG.error("job {} due {} failed: {}", next.name(), next.due(), e.toString(), e);
            }
            jobsRun++;
        }
    }

    private void runLoop() {
        lock.lock();
        try {
            while (!closed) {
                Entry next = queue.peek();
                if (next == null) {
                    changed.await();
                    continue;
                }
                Duration wait = clock.realTimeUntil(next.due());
                if (wait != null && !wait.isZero() && !wait.isNegative()) {
                    changed.await(Math.min(wait.toNanos(), TimeUnit.SECONDS.toNanos(1)), TimeUnit.NANOSECONDS);
                    continue;
                }
                runDue(clock.instant(), false);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        closed = true;
        lock.lock();
        try {
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        if (runner.isAlive()) {
            try {
                runner.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
