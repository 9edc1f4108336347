package io.acqsim.load;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import io.acqsim.iso.Packagers;
import io.acqsim.iso.Profile;
import io.acqsim.keys.TerminalMasterKeys;
import io.acqsim.tls.Connector;

/**
 * A load run: N terminals (demo registry TIDs from {@code firstTerminal}), each on its own thread and
 * connection, connect and sign on, at most {@link #RAMP} at a time; then the clock starts and they
 * send on one {@link Schedule} for the duration, and the run ends when every terminal has its last answer
 * (or timeout). A progress callback hears when all have signed on, then gets the last second every second.
 * With several {@linkplain Options#targets targets} the terminals are spread over them round-robin, and the result
 * counts each target's share.
 *
 * <p>Threads: up to {@link #PLATFORM_THREADS_UP_TO} terminals, a platform thread each; beyond, a virtual
 * thread each. A terminal spends its life in a blocking read of its answer. On a platform thread that read
 * sleeps in the kernel and the host's answer wakes it. On a virtual thread each read that has to wait
 * registers the socket with the JDK's poller, arms and cancels a timer for the read timeout, parks the
 * continuation, and the poller hands it back to a carrier thread: against the bare responder that doubled
 * the generator's CPU per request (0.030 against 0.017 ms, docs/notes/load-gen2.md). But a platform thread
 * costs about 115 KB of RSS (1,000 terminals: 314 MB against 199 MB), so 10,000 terminals take virtual
 * threads.
 *
 * <p>The ramp: a terminal holds one of {@link #RAMP} places from the start of its connect until its
 * sign-on is answered. An answer proves the host accepted the connection, so at most RAMP connections
 * wait in the host's accept queue — below jPOS's usual backlog of 256 (acqsim's listeners keep 4096) — and
 * the kernel never drops a SYN, which would cost that terminal a second or more; and at most RAMP
 * sign-ons wait on a busy host, so none times out behind thousands of others.
 */
public final class LoadRun {
    /** The highest terminal number a TID of T + 7 digits can carry. */
    public static final int MAX_TERMINAL = 9_999_999;
    /** Terminals between the start of their connect and their sign-on's answer, at once. */
    static final int RAMP = 128;
    /** The most terminals that get a platform thread each; more get virtual threads (see the class comment). */
    static final int PLATFORM_THREADS_UP_TO = 1000;
    /** File descriptors a run needs besides one per terminal (the JVM's own jars, pipes, epoll). */
    static final int SPARE_DESCRIPTORS = 100;

    /**
     * What a run does. {@code warmup}: how long the terminals send before the measured {@code duration}, on the
     * same connections at the same rate, counted apart and left out of the result's latencies and throughput
     * (zero: none), so both this process and the host are warm when measuring starts. {@code targets}: the hosts the
     * terminals are spread over round-robin ({@link #target}); null means {@code host:port} alone, and with several,
     * {@code host} and {@code port} are the first's.
     */
    public record Options(String host, int port, Profile profile, Path packagerDir, int terminals, int firstTerminal, Rate rate,
                          Duration warmup, Duration duration, Duration timeout, Mix mix, long seed, Connector connector,
                          TerminalMasterKeys keys, List<Target> targets) {
        /** Without a warm-up. */
        public Options(String host, int port, Profile profile, Path packagerDir, int terminals, int firstTerminal, Rate rate,
                       Duration duration, Duration timeout, Mix mix, long seed) {
            this(host, port, profile, packagerDir, terminals, firstTerminal, rate, Duration.ZERO, duration, timeout, mix, seed);
        }

        /** Over plain TCP, without keys: no terminal MACs. */
        public Options(String host, int port, Profile profile, Path packagerDir, int terminals, int firstTerminal, Rate rate,
                       Duration warmup, Duration duration, Duration timeout, Mix mix, long seed) {
            this(host, port, profile, packagerDir, terminals, firstTerminal, rate, warmup, duration, timeout, mix, seed, Connector.plain(), null);
        }

        /** To {@code host:port} alone. */
        public Options(String host, int port, Profile profile, Path packagerDir, int terminals, int firstTerminal, Rate rate,
                       Duration warmup, Duration duration, Duration timeout, Mix mix, long seed, Connector connector, TerminalMasterKeys keys) {
            this(host, port, profile, packagerDir, terminals, firstTerminal, rate, warmup, duration, timeout, mix, seed, connector, keys, null);
        }

        /**
         * With the key file's TMKs: a terminal whose range has MAC on signs on for working keys and MACs
         * its financial requests and reversals (the answers' MACs are not checked: the load measures the host).
         */
        public Options withKeys(TerminalMasterKeys k) {
            return new Options(host, port, profile, packagerDir, terminals, firstTerminal, rate, warmup, duration, timeout, mix, seed, connector, k, targets);
        }

        public Options {
            if (warmup.isNegative()) throw new IllegalArgumentException("--warmup must not be negative");
            if (terminals < 1) throw new IllegalArgumentException("--terminals must be at least 1");
            if (terminals > 10_000) throw new IllegalArgumentException("--terminals must be at most 10000 (one connection each)");
            if (firstTerminal < 1) throw new IllegalArgumentException("--first-terminal must be at least 1");
            if ((long) firstTerminal + terminals - 1 > MAX_TERMINAL) {
                throw new IllegalArgumentException("terminals " + firstTerminal + ".." + ((long) firstTerminal + terminals - 1)
                        + " do not fit TIDs T0000001..T" + MAX_TERMINAL);
            }
            if (duration.isNegative() || duration.isZero()) throw new IllegalArgumentException("--duration must be above 0");
            if (timeout.isNegative() || timeout.isZero()) throw new IllegalArgumentException("--timeout must be above 0");
            if (timeout.toMillis() > Integer.MAX_VALUE) throw new IllegalArgumentException("--timeout is too long");
            if (port < 1 || port > 65_535) throw new IllegalArgumentException("--port " + port + " is not a TCP port");
            java.util.Objects.requireNonNull(connector, "connector");
            targets = targets == null ? List.of(new Target(host, port)) : List.copyOf(targets);
            if (targets.isEmpty()) throw new IllegalArgumentException("--targets names no host");
            if (targets.size() > terminals) {
                throw new IllegalArgumentException("--targets names " + targets.size() + " hosts but --terminals is " + terminals
                        + ": every target needs at least one terminal");
            }
        }

        /** The same run over {@code c} (plain TCP or TLS). */
        public Options withConnector(Connector c) {
            return new Options(host, port, profile, packagerDir, terminals, firstTerminal, rate, warmup, duration, timeout, mix, seed, c, keys, targets);
        }

        /** The same run spread over {@code t} (at least one; no more than there are terminals). */
        public Options withTargets(List<Target> t) {
            if (t.isEmpty()) throw new IllegalArgumentException("--targets names no host");
            return new Options(t.getFirst().host(), t.getFirst().port(), profile, packagerDir, terminals, firstTerminal, rate, warmup, duration,
                    timeout, mix, seed, connector, keys, t);
        }

        /** Where the {@code index}-th terminal of the run (from 0) sends: round-robin over the targets. */
        public Target target(int index) {
            return targets.get(index % targets.size());
        }

        public String firstTid() { return TerminalWorker.tid(firstTerminal); }

        public String lastTid() { return TerminalWorker.tid(firstTerminal + terminals - 1); }
    }

    /** Called once a second while terminals are sending. */
    @FunctionalInterface
    public interface Progress {
        /** A second of the measured run; {@code elapsedSeconds} counts from its start. */
        void tick(double elapsedSeconds, double intervalSeconds, LoadStats.Interval interval);

        /** A second of the warm-up (the last one may be shorter); {@code elapsedSeconds} counts from the start of sending. */
        default void warmUpTick(double elapsedSeconds, double intervalSeconds, LoadStats.Interval interval) {
        }

        /** Once, when the warm-up is over and measuring starts (only with a warm-up). */
        default void measuring(Duration warmup, Duration duration) {
        }

        /**
         * Once, when every terminal has signed on, before the clock starts: how long the last terminal took to
         * connect, and to sign on, counted from the start of the first connect.
         */
        default void connected(int terminals, Duration connect, Duration signOn) {
        }
    }

    private LoadRun() {
    }

    /**
     * Runs the load and returns what it measured; fails (IllegalStateException) before the clock starts
     * when this process may not open a connection per terminal, or a terminal cannot connect or gets no
     * answer to its sign-on.
     */
    public static LoadResult run(Options o, Progress progress) throws InterruptedException {
        return run(o, progress, o.terminals() <= PLATFORM_THREADS_UP_TO ? Thread.ofPlatform().daemon(true) : Thread.ofVirtual());
    }

    /** As {@link #run(Options, Progress)}, with the terminals' threads made by {@code threadKind}. */
    static LoadResult run(Options o, Progress progress, Thread.Builder threadKind) throws InterruptedException {
        FileDescriptors.limit().ifPresent(limit -> {
            String problem = FileDescriptors.shortfall(o.terminals(), SPARE_DESCRIPTORS, limit);
            if (problem != null) throw new IllegalStateException(problem);
        });
        LoadStats stats = new LoadStats();
        LoadStats warmupStats = new LoadStats();
        List<TerminalWorker> workers = new ArrayList<>();
        PackedLayout layout = PackedLayout.of(Packagers.load(o.packagerDir(), o.profile()));
        if (layout == null) {
            throw new IllegalStateException(Packagers.file(o.packagerDir(), o.profile()) + " does not pack an MTI and a bitmap field by field: the load generator cannot use it");
        }
        for (int i = 0; i < o.terminals(); i++) workers.add(new TerminalWorker(o.firstTerminal() + i, o, warmupStats, stats, layout));

        CountDownLatch signedOn = new CountDownLatch(workers.size());
        CountDownLatch go = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(workers.size());
        AtomicReference<Schedule> schedule = new AtomicReference<>();
        List<SignOnFailure> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        List<Thread> threads = new ArrayList<>();
        Semaphore ramp = new Semaphore(RAMP);
        long connectStart = System.nanoTime();
        java.util.concurrent.atomic.AtomicLong lastConnect = new java.util.concurrent.atomic.AtomicLong(connectStart);
        for (TerminalWorker w : workers) {
            threads.add(threadKind.name("load-" + w.tid).start(() -> {
                try {
                    ramp.acquireUninterruptibly();
                    try {
                        w.connectLink();
                        lastConnect.accumulateAndGet(System.nanoTime(), Math::max);
                        w.signOn();
                    } catch (Exception e) {
                        failures.add(new SignOnFailure(w.target, e.getMessage() == null ? w.tid + ": " + e : e.getMessage()));
                        w.close();
                    } finally {
                        ramp.release();
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
        Duration signOnTime = Duration.ofNanos(System.nanoTime() - connectStart);
        Duration connectTime = Duration.ofNanos(lastConnect.get() - connectStart);
        if (!failures.isEmpty()) {
            go.countDown();
            for (Thread t : threads) t.join();
            throw new IllegalStateException(o.targets().size() == 1 ? signOnFailed(failures, workers.size()) : signOnFailedPerTarget(failures, workers));
        }

        if (progress != null) progress.connected(workers.size(), connectTime, signOnTime);
        long start = System.nanoTime();
        // the wall clock at the start of measuring, for the result's stamps: runs on several machines are merged on them
        Instant startedAt = Instant.now().plusNanos(o.warmup().toNanos());
        long measureFrom = start + o.warmup().toNanos();
        long end = measureFrom + o.duration().toNanos();
        Schedule s = o.rate().closedLoop() ? Schedule.closedLoop(start, measureFrom, end)
                : Schedule.openLoop(o.rate().perSecond(), start, measureFrom, end);
        schedule.set(s);
        go.countDown();

        long lastTick = start;
        boolean warm = measureFrom == start;
        for (long tick = Math.min(start + 1_000_000_000L, measureFrom); ; ) {
            long wait = tick - System.nanoTime();
            if (done.await(Math.max(0, wait), TimeUnit.NANOSECONDS)) break;
            long now = System.nanoTime();
            if (!warm) {
                LoadStats.Interval i = warmupStats.interval();
                if (progress != null) progress.warmUpTick((now - start) / 1e9, (now - lastTick) / 1e9, i);
                if (tick == measureFrom) {
                    warm = true;
                    if (progress != null) progress.measuring(o.warmup(), o.duration());
                    tick = measureFrom + 1_000_000_000L;
                } else {
                    tick = Math.min(tick + 1_000_000_000L, measureFrom);
                }
            } else {
                if (progress != null) progress.tick((now - measureFrom) / 1e9, (now - lastTick) / 1e9, stats.interval());
                tick += 1_000_000_000L;
            }
            lastTick = now;
        }
        long finish = System.nanoTime();
        for (Thread t : threads) t.join();

        List<String> warnings = workers.stream().map(TerminalWorker::warning).filter(w -> w != null).toList();
        String firstError = workers.stream().map(TerminalWorker::lastError).filter(e -> e != null).findFirst().orElse(null);
        LoadResult.Warmup w = o.warmup().isZero() ? null : LoadResult.Warmup.of(o.warmup(), warmupStats);
        return LoadResult.of(stats, startedAt, Duration.ofNanos(finish - Math.min(finish, measureFrom)), connectTime, signOnTime, s.scheduled(),
                warnings, firstError, w, byTarget(o, workers));
    }

    /** Each target's terminals and what they did, in the order of the run's targets. */
    private static List<LoadResult.PerTarget> byTarget(Options o, List<TerminalWorker> workers) {
        Map<Target, TerminalWorker.Tally> tallies = new LinkedHashMap<>();
        Map<Target, Integer> terminals = new LinkedHashMap<>();
        for (Target t : o.targets()) {
            tallies.put(t, new TerminalWorker.Tally());
            terminals.put(t, 0);
        }
        for (TerminalWorker w : workers) {
            TerminalWorker.Tally sum = tallies.get(w.target), one = w.measured();
            sum.sent += one.sent;
            sum.answered += one.answered;
            sum.timeouts += one.timeouts;
            sum.errors += one.errors;
            terminals.merge(w.target, 1, Integer::sum);
        }
        List<LoadResult.PerTarget> out = new ArrayList<>();
        tallies.forEach((t, sum) -> out.add(new LoadResult.PerTarget(t, terminals.get(t), sum.sent, sum.answered, sum.timeouts, sum.errors)));
        return out;
    }

    /** A terminal that could not connect or sign on, and where it tried. */
    private record SignOnFailure(Target target, String message) {
    }

    /** One target: how many failed, and the first one's reason. */
    private static String signOnFailed(List<SignOnFailure> failures, int terminals) {
        String first = failures.getFirst().message();
        return failures.size() == terminals && terminals > 1 ? "no terminal could sign on; " + first
                : failures.size() + " of " + terminals + " terminals could not sign on; " + first;
    }

    /**
     * Several targets: each target's count of failed terminals and its first reason, and the targets where all
     * signed on, so a user sees at once which host refuses.
     */
    private static String signOnFailedPerTarget(List<SignOnFailure> failures, List<TerminalWorker> workers) {
        Map<Target, Integer> terminals = new LinkedHashMap<>();
        for (TerminalWorker w : workers) terminals.merge(w.target, 1, Integer::sum);
        Map<Target, List<String>> failed = new LinkedHashMap<>();
        for (SignOnFailure f : failures) failed.computeIfAbsent(f.target(), t -> new ArrayList<>()).add(f.message());
        StringJoiner out = new StringJoiner("; ", failures.size() + " of " + workers.size() + " terminals could not sign on: ", "");
        terminals.forEach((t, n) -> {
            List<String> why = failed.get(t);
            out.add(why == null ? t + " all " + n + " signed on"
                    : t + " " + why.size() + " of " + n + " failed (first: " + why.getFirst() + ")");
        });
        return out.toString();
    }
}
