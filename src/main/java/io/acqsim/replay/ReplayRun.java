package io.acqsim.replay;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import org.jpos.iso.ISOException;
import org.jpos.iso.ISOMsg;
import org.jpos.iso.ISOPackager;
import org.jpos.util.ProtectedLogListener;

import io.acqsim.iso.Profile;
import io.acqsim.tls.Connector;
import io.acqsim.keys.TerminalKeyRing;
import io.acqsim.keys.TerminalMasterKeys;
import io.acqsim.terminal.RequestFactory;

/**
 * Sends recorded exchanges at a target and judges its answers. One {@link Lane} (connection) per TID,
 * requests of a TID in recorded order; across TIDs they go out in parallel. Before a request leaves,
 * masked card data gets test PANs ({@link TestCards}) and values the target assigned earlier are carried
 * into it ({@link CarriedValues}); {@code verbatim} sends the recorded message as it is.
 * <ul>
 *   <li>{@link Pace#MAX}: closed loop per TID — the next request after the answer (or the timeout);</li>
 *   <li>original or xN: open loop — each request at its recorded offset from the first, scaled; how late
 *       each send was is recorded;</li>
 *   <li>with a {@link ClockFollower}: one request at a time in global recorded order, the target's clock
 *       moved to each request's recorded instant first.</li>
 * </ul>
 * {@link #stop()} (Ctrl-C) ends the run early: unsent requests are counted, requests in flight get up to
 * two seconds to be answered, and the report covers what was done.
 */
public final class ReplayRun {
    private static final int LANE_QUEUE = 256;
    private static final int PLATFORM_LANES = 1000;
    private static final Duration STOP_GRACE = Duration.ofSeconds(2);

    /** Where one profile's requests go, over plain TCP or TLS. */
    public record Target(String host, int port, ISOPackager packager, Connector connector) {
        /** Over plain TCP. */
        public Target(String host, int port, ISOPackager packager) {
            this(host, port, packager, Connector.plain());
        }

        @Override
        public String toString() { return host + ":" + port + (connector.tls() ? " (TLS)" : ""); }
    }

    /** Where and how to replay: a target per profile (acqsim's own log holds both). */
    public record Options(Map<Profile, Target> targets, Pace pace, boolean compare, CompareRules rules, boolean verbatim,
                          Duration timeout, ClockFollower clock, TerminalMasterKeys keys) {
        /** Without keys: requests go out with what they recorded, MACs included. */
        public Options(Map<Profile, Target> targets, Pace pace, boolean compare, CompareRules rules, boolean verbatim,
                       Duration timeout, ClockFollower clock) {
            this(targets, pace, compare, rules, verbatim, timeout, clock, null);
        }
    }

    private final Options o;
    private final ReplayStats stats;
    private final TestCards cards = new TestCards();
    private final Map<Profile, CarriedValues> carried = new java.util.EnumMap<>(Profile.class);
    private final Comparison comparison;
    private final Map<String, LaneWorker> lanes = new ConcurrentHashMap<>();
    private final AtomicLong inFlight = new AtomicLong();
    /** Per profile and TID, the terminal's keys where the key file has MAC on for it (empty: none). */
    private final Map<String, java.util.Optional<TerminalKeyRing>> rings = new ConcurrentHashMap<>();
    private volatile boolean stopped;
    private volatile IOException unreachable;
    private long startNanos;
    private Instant firstAt;

    public ReplayRun(Options o, ReplayStats stats) {
        this.o = o;
        this.stats = stats;
        o.targets().keySet().forEach(p -> carried.put(p, new CarriedValues(p)));
        this.comparison = new Comparison(o.rules());
    }

    /**
     * Replays every exchange {@code input} yields; returns when all are answered or timed out, or the run
     * was stopped. Throws the IOException of a target that could not be reached at all.
     */
    public void run(Pairing input, PrintStream progress) throws IOException {
        Progress ticker = progress == null ? null : Progress.start(stats, progress);
        boolean done = false;
        try {
            startNanos = System.nanoTime();
            RecordedExchange e;
            while (!stopped && (e = input.next()) != null) {
                if (unreachable != null) break;
                if (firstAt == null && e.at() != null) firstAt = e.at();
                if (o.clock() != null) sendInOrder(e);
                else lane(e).queue(e);
            }
            if (stopped) drainUnsent(input);
            for (LaneWorker w : lanes.values()) w.finish();
            for (LaneWorker w : lanes.values()) w.join();
            // a request queued while its stopped lane was quitting is counted here
            for (LaneWorker w : lanes.values()) w.countLeft();
            awaitInFlight(stopped ? STOP_GRACE : o.timeout().plusSeconds(1));
            done = true;
        } finally {
            // an input failure (--fail-fast) ends the run here: the lanes' senders must not wait for more
            if (!done) stop();
            lanes.values().forEach(w -> w.lane.close());
            if (ticker != null) ticker.close();
        }
        if (unreachable != null && stats.sent() == 0) throw unreachable;
    }

    /** Ends the run early (Ctrl-C); safe from any thread. */
    public void stop() {
        stopped = true;
        lanes.values().forEach(LaneWorker::interrupt);
    }

    private void drainUnsent(Pairing input) throws IOException {
        while (input.next() != null) stats.countNotSent();
    }

    private void awaitInFlight(Duration max) {
        long deadline = System.nanoTime() + max.toNanos();
        while (inFlight.get() > 0 && System.nanoTime() < deadline) LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
    }

    private void sendInOrder(RecordedExchange e) {
        o.clock().moveTo(e.at());
        send(lane(e).lane, e, -1);
    }

    private LaneWorker lane(RecordedExchange e) {
        Target t = o.targets().get(e.profile());
        Duration closedLoop = o.pace().isMax() || o.clock() != null ? o.timeout() : null;
        return lanes.computeIfAbsent(e.lane(), name -> new LaneWorker(new Lane(name, t, e.profile(), new Unmatched(),
                closedLoop)));
    }

    /**
     * Prepares and sends one request; null when it could not be sent (counted). On a closed-loop lane
     * (pace max, --follow-clock) it returns once the answer came or timed out, and the exchange is judged.
     */
    private Lane.InFlight send(Lane lane, RecordedExchange e, long lateMicros) {
        ISOMsg out = (ISOMsg) e.request().message().clone();
        String masked = maskedSecret(out);
        if (masked != null) {
            stats.unsendable(e.request().origin() + ": " + e.request().mti() + " not replayable: " + masked + " was masked in the log");
            return null;
        }
        if (!o.verbatim()) {
            int replaced = cards.unmask(out);
            if (replaced > 0) stats.cardsReplaced(replaced);
            carried.get(e.profile()).rewrite(out, e.tid(), o.timeout());
        }
        dropWiped(out);
        TerminalKeyRing ring = ring(e);
        if (ring != null) {
            try {
                remac(ring, e, out);
            } catch (IOException | ISOException | RuntimeException ex) {
                stats.unsendable(e.request().origin() + ": " + e.request().mti() + " cannot be MACed for " + e.tid() + ": " + ex.getMessage());
                return null;
            }
        }
        carried.get(e.profile()).expect(e);
        Lane.InFlight f = new Lane.InFlight(e, out);
        inFlight.incrementAndGet();
        boolean closedLoop = o.pace().isMax() || o.clock() != null;
        if (!closedLoop) f.answer.completeOnTimeout(null, o.timeout().toMillis(), TimeUnit.MILLISECONDS);
        f.answer.whenComplete((live, t) -> finish(f, live));
        try {
            if (closedLoop) {
                lane.exchange(f, () -> stats.sent(e.request().mti(), lateMicros));
            } else {
                lane.send(f);
                stats.sent(e.request().mti(), lateMicros);
            }
            return f;
        } catch (IOException ex) {
            if (stopped) {
                stats.countNotSent(); // Ctrl-C closed the connection under this send
                carried.get(e.profile()).learn(e, null);
                f.answer.cancel(false);
                return null;
            }
            if (stats.sent() == 0) unreachable = new IOException("cannot reach " + o.targets().get(e.profile()) + ": " + ex.getMessage(), ex);
            stats.unsendable(e.request().origin() + ": " + e.request().mti() + " not sent: " + ex.getMessage());
        } catch (ISOException | RuntimeException ex) {
            stats.unsendable(e.request().origin() + ": " + e.request().mti() + " cannot be packed for " + e.profile() + ": " + ex.getMessage());
        }
        carried.get(e.profile()).learn(e, null);
        f.answer.cancel(false);
        return null;
    }

    private void finish(Lane.InFlight f, ISOMsg live) {
        try {
            if (f.answer.isCancelled()) return;
            RecordedExchange e = f.exchange;
            carried.get(e.profile()).learn(e, live);
            adoptKeys(e, live);
            ISOMsg recorded = null;
            if (e.response() != null) {
                recorded = (ISOMsg) e.response().message().clone();
                if (!o.verbatim()) carried.get(e.profile()).rewrite(recorded, e.tid(), Duration.ZERO);
            }
            List<Mismatch> found = o.compare() ? comparison.compare(e, f.sent, recorded, live) : comparison.presence(e, recorded, live);
            stats.finished(live != null, recorded != null, found);
        } finally {
            inFlight.decrementAndGet();
        }
    }

    /**
     * The terminal's key ring where a key file is given and its range has MAC on; null otherwise. Its
     * recorded sign-ons take the keys of their live answers ({@link #adoptKeys}).
     */
    private TerminalKeyRing ring(RecordedExchange e) {
        if (o.keys() == null || e.tid() == null) return null;
        return rings.computeIfAbsent(e.profile().id() + "|" + e.tid(), k -> java.util.Optional.ofNullable(
                TerminalKeyRing.of(o.keys(), e.tid(), e.profile(), o.targets().get(e.profile()).packager()))).orElse(null);
    }

    /**
     * Re-MACs a request that needs a MAC with the keys of the terminal's last sign-on here (the recorded
     * MAC was made with keys this target never issued). A terminal that has not signed on in this run
     * signs on first, on a connection of its own. A recorded sign-on asks for the ring's key layout.
     */
    private void remac(TerminalKeyRing ring, RecordedExchange e, ISOMsg out) throws IOException, ISOException {
        synchronized (ring) {
            if (out.getMTI().equals("0800") && e.profile() == Profile.CUP && out.hasField(60) && out.getString(60).length() >= 11) {
                String f60 = out.getString(60);
                out.set(60, f60.substring(0, 8) + ring.layout().code() + f60.substring(11));
            }
            if (!ring.macs(out.getMTI()) && io.acqsim.keys.MessageMac.required(out.getMTI())) signOn(ring, e, out);
            ring.sign(out);
        }
    }

    private void signOn(TerminalKeyRing ring, RecordedExchange e, ISOMsg request) throws IOException, ISOException {
        Target t = o.targets().get(e.profile());
        int batch = 0;
        String f60 = request.getString(60);
        if (e.profile() == Profile.CUP && f60 != null && f60.length() >= 8 && f60.substring(2, 8).chars().allMatch(Character::isDigit)) {
            batch = Integer.parseInt(f60.substring(2, 8));
        }
        RequestFactory rf = new RequestFactory(e.profile(), e.tid(), request.getString(42), java.time.Clock.systemUTC(), java.time.ZoneId.of("Asia/Shanghai"));
        try (io.acqsim.terminal.TerminalLink link = new io.acqsim.terminal.TerminalLink(t.host(), t.port(), e.profile(), t.packager(), o.timeout())) {
            ISOMsg r = link.exchange(rf.signOn("999999", batch, ring.layout().code()));
            if (r == null) throw new IOException("no answer to the sign-on for working keys within " + o.timeout());
            if (!"00".equals(r.getString(39))) throw new IOException("the sign-on for working keys was answered " + r.getString(39));
            ring.signedOn(r);
        }
    }

    /** A recorded sign-on's approved live answer: its working keys are the terminal's from now on. */
    private void adoptKeys(RecordedExchange e, ISOMsg live) {
        if (live == null || !"0810".equals(live.getString(0)) || !"00".equals(live.getString(39)) || !live.hasField(62)) return;
        TerminalKeyRing ring = ring(e);
        if (ring == null) return;
        synchronized (ring) {
            try {
                ring.signedOn(live);
            } catch (io.acqsim.keys.KeyException ex) {
                stats.unsendable(e.request().origin() + ": the live sign-on answer's keys are unusable for " + e.tid() + ": " + ex.getMessage());
            }
        }
    }

    /**
     * The secret a request needs that the log masked — the PIN block (52) or chip data (55), which
     * ProtectedLogListener writes as "[WIPED]" or binary AA55AA55 — or null: such a request cannot be
     * replayed faithfully, so it is reported and not sent.
     */
    private static String maskedSecret(ISOMsg m) {
        for (int f : new int[] {52, 55}) {
            if (isWiped(m.getComponent(f))) return f == 52 ? "field 52 (PIN block)" : "field 55 (chip data)";
        }
        return null;
    }

    private static boolean isWiped(Object c) {
        if (c instanceof org.jpos.iso.ISOBinaryField b) return java.util.Arrays.equals(ProtectedLogListener.BINARY_WIPED, b.getBytes());
        return c instanceof org.jpos.iso.ISOField f && ProtectedLogListener.WIPED.equals(f.getValue());
    }

    /** ProtectedLogListener writes "[WIPED]" (binary: AA55AA55) for PIN block, ICC data, keys and MAC: nothing to send for them. */
    private static void dropWiped(ISOMsg m) {
        List<Integer> wiped = null;
        for (Object o : m.getChildren().entrySet()) {
            var field = (Map.Entry<?, ?>) o;
            if (isWiped(field.getValue())) {
                if (wiped == null) wiped = new java.util.ArrayList<>(2);
                wiped.add((Integer) field.getKey());
            }
        }
        if (wiped != null) wiped.forEach(m::unset);
    }

    /** Answers no request waited for: counted as mismatches (extra) or as late answers. */
    private final class Unmatched implements Lane.Unmatched {
        @Override
        public void extra(Lane lane, ISOMsg answer) {
            String mti;
            try {
                mti = answer.getMTI();
            } catch (ISOException e) {
                mti = "?";
            }
            stats.extraAnswer(new Mismatch(0, mti, answer.getString(41), answer.getString(11), Mismatch.ANSWER, Mismatch.NONE, mti,
                    "unasked answer on " + lane.name));
        }

        @Override
        public void late(Lane lane, ISOMsg answer) {
            stats.lateAnswer();
        }
    }

    /** A lane's sender: takes its TID's exchanges in order and sends each at its time. */
    private final class LaneWorker {
        private static final RecordedExchange END = new RecordedExchange(-1, null, null, null);
        final Lane lane;
        private final BlockingQueue<RecordedExchange> queue = new ArrayBlockingQueue<>(LANE_QUEUE);
        private final CountDownLatch done = new CountDownLatch(1);
        private final Thread thread;

        LaneWorker(Lane lane) {
            this.lane = lane;
            // a few busy connections run faster on platform threads (socket timeouts stay in the kernel, no
            // hand-off to the virtual-thread scheduler per read); a log of many thousand TIDs gets virtual ones
            Thread.Builder builder = lanes.size() < PLATFORM_LANES ? Thread.ofPlatform().daemon(true) : Thread.ofVirtual();
            this.thread = builder.name("replay-send " + lane.name).unstarted(this::loop);
            if (o.clock() == null) thread.start();
            else done.countDown();
        }

        void queue(RecordedExchange e) {
            try {
                queue.put(e);
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                stopped = true;
            }
        }

        void finish() {
            if (o.clock() == null) queue(END);
        }

        void interrupt() {
            thread.interrupt();
        }

        void join() {
            try {
                done.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        private void loop() {
            try {
                while (true) {
                    RecordedExchange e = queue.take();
                    if (e == END) return;
                    if (stopped || unreachable != null) {
                        stats.countNotSent();
                        continue;
                    }
                    long late = -1;
                    if (!o.pace().isMax() && e.at() != null && firstAt != null) {
                        long due = startNanos + o.pace().offsetNanos(Duration.between(firstAt, e.at()));
                        long wait = due - System.nanoTime();
                        if (wait > 0) LockSupport.parkNanos(wait);
                        if (stopped) {
                            stats.countNotSent();
                            continue;
                        }
                        late = Math.max(0, (System.nanoTime() - due) / 1000);
                    }
                    send(lane, e, late);
                }
            } catch (InterruptedException ex) {
                countLeft();
            } finally {
                done.countDown();
            }
        }

        /** Counts the requests left in the queue as not sent; the END marker is none. */
        void countLeft() {
            for (RecordedExchange e; (e = queue.poll()) != null; ) {
                if (e != END) stats.countNotSent();
            }
        }
    }

    /** The progress line, once a second, on long runs. */
    private static final class Progress implements AutoCloseable {
        private final Thread thread;

        private Progress(Thread thread) {
            this.thread = thread;
        }

        static Progress start(ReplayStats stats, PrintStream out) {
            Thread t = Thread.ofPlatform().daemon().name("replay-progress").start(() -> {
                long last = 0;
                long lastNanos = System.nanoTime();
                try {
                    while (true) {
                        Thread.sleep(1000);
                        long sent = stats.sent();
                        long now = System.nanoTime();
                        double rate = (sent - last) * 1e9 / Math.max(1, now - lastNanos);
                        out.printf(Locale.ROOT, "replay: %,d sent, %,d answered, %,d mismatched, %,.0f/s%n", sent, stats.answered(), stats.mismatched(), rate);
                        last = sent;
                        lastNanos = now;
                    }
                } catch (InterruptedException e) {
                    // run over
                }
            });
            return new Progress(t);
        }

        @Override
        public void close() {
            thread.interrupt();
        }
    }
}
