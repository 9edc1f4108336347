package io.acqsim.load;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import io.acqsim.iso.Profile;

/**
 * A load run: N terminals (demo registry TIDs from {@code firstTerminal}), each on its own thread and
 * connection, sign on in parallel; then the clock starts and they send on one {@link Schedule} for the
 * duration, and the run ends when every terminal has its last answer (or timeout). A progress callback
 * gets the last second every second.
 */
public final class LoadRun {
    /** The highest terminal number a TID of T + 7 digits can carry. */
    public static final int MAX_TERMINAL = 9_999_999;

    public record Options(String host, int port, Profile profile, Path packagerDir, int terminals, int firstTerminal, Rate rate,
                          Duration duration, Duration timeout, Mix mix, long seed) {
        public Options {
            if (terminals < 1) throw new IllegalArgumentException("--terminals must be at least 1");
            if (terminals > 10_000) throw new IllegalArgumentException("--terminals must be at most 10000 (one thread and connection each)");
            if (firstTerminal < 1) throw new IllegalArgumentException("--first-terminal must be at least 1");
            if ((long) firstTerminal + terminals - 1 > MAX_TERMINAL) {
                throw new IllegalArgumentException("terminals " + firstTerminal + ".." + ((long) firstTerminal + terminals - 1)
                        + " do not fit TIDs T0000001..T" + MAX_TERMINAL);
            }
            if (duration.isNegative() || duration.isZero()) throw new IllegalArgumentException("--duration must be above 0");
            if (timeout.isNegative() || timeout.isZero()) throw new IllegalArgumentException("--timeout must be above 0");
            if (timeout.toMillis() > Integer.MAX_VALUE) throw new IllegalArgumentException("--timeout is too long");
            if (port < 1 || port > 65_535) throw new IllegalArgumentException("--port " + port + " is not a TCP port");
        }

        public String firstTid() { return TerminalWorker.tid(firstTerminal); }

        public String lastTid() { return TerminalWorker.tid(firstTerminal + terminals - 1); }
    }

    /** Called once a second while terminals are sending. */
    @FunctionalInterface
    public interface Progress {
        void tick(double elapsedSeconds, double intervalSeconds, LoadStats.Interval interval);
    }

    private LoadRun() {
    }

    /**
     * Runs the load and returns what it measured; fails (IllegalStateException) before the clock starts
     * when a terminal cannot connect or gets no answer to its sign-on.
     */
    public static LoadResult run(Options o, Progress progress) throws InterruptedException {
        LoadStats stats = new LoadStats();
        List<TerminalWorker> workers = new ArrayList<>();
        for (int i = 0; i < o.terminals(); i++) workers.add(new TerminalWorker(o.firstTerminal() + i, o, stats));

        CountDownLatch signedOn = new CountDownLatch(workers.size());
        CountDownLatch go = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(workers.size());
        AtomicReference<Schedule> schedule = new AtomicReference<>();
        List<String> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        List<Thread> threads = new ArrayList<>();
        for (TerminalWorker w : workers) {
            threads.add(Thread.ofPlatform().name("load-" + w.tid).daemon(true).start(() -> {
                try {
                    try {
                        w.signOn();
                    } catch (Exception e) {
                        failures.add(e.getMessage() == null ? w.tid + ": " + e : e.getMessage());
                        w.close();
                    } finally {
                        signedOn.countDown();
                    }
                    go.await();
                    Schedule s = schedule.get();
                    if (s != null) w.run(s);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    w.close();
                    done.countDown();
                }
            }));
        }
        signedOn.await();
        if (!failures.isEmpty()) {
            go.countDown();
            for (Thread t : threads) t.join();
            String first = failures.getFirst();
            throw new IllegalStateException(failures.size() == workers.size() && workers.size() > 1
                    ? "no terminal could sign on; " + first
                    : failures.size() + " of " + workers.size() + " terminals could not sign on; " + first);
        }

        long start = System.nanoTime();
        long end = start + o.duration().toNanos();
        Schedule s = o.rate().closedLoop() ? Schedule.closedLoop(start, end) : Schedule.openLoop(o.rate().perSecond(), start, end);
        schedule.set(s);
        go.countDown();

        long lastTick = start;
        for (long tick = start + 1_000_000_000L; ; tick += 1_000_000_000L) {
            long wait = tick - System.nanoTime();
            if (done.await(Math.max(0, wait), TimeUnit.NANOSECONDS)) break;
            long now = System.nanoTime();
            if (progress != null) progress.tick((now - start) / 1e9, (now - lastTick) / 1e9, stats.interval());
            lastTick = now;
        }
        long finish = System.nanoTime();
        for (Thread t : threads) t.join();

        List<String> warnings = workers.stream().map(TerminalWorker::warning).filter(w -> w != null).toList();
        String firstError = workers.stream().map(TerminalWorker::lastError).filter(e -> e != null).findFirst().orElse(null);
        return LoadResult.of(stats, Duration.ofNanos(finish - start), s.scheduled(), warnings, firstError);
    }
}
