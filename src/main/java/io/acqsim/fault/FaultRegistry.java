package io.acqsim.fault;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.random.RandomGenerator;

import io.acqsim.message.ResponseCode;

/**
 * Every fault activation of the running host, with ids F-1, F-2, ... It holds the network rules the
 * links consult and the host maintenance windows; settlement-side faults (bank outages, account
 * freezes, ...) live in their components, and the registry keeps how to undo them, so removing a
 * fault removes all of it. Links call {@link #network} on every message; with no rule it returns
 * at once without locking.
 * <p>
 * A registry made {@code bypassed} is one the host's fault layer does not consult at all: the terminal
 * listener, the response sender, the maintenance check and the issuer emulation skip it, as if the
 * layer were not there. It exists for the overhead benchmark ({@code bench/fault-overhead}, with
 * {@code -Dacqsim.faults.bypass=true}); a host started with it ignores every fault added to it.
 */
public final class FaultRegistry {
    /** A host maintenance window: answer {@code answer} (91 or 96), or refuse connections if null. */
    public record Maintenance(String faultId, Window window, ResponseCode answer, String detail) {
    }

    private final long seed;
    private final boolean bypassed;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<String, Fault> faults = new LinkedHashMap<>();
    private final Map<String, Runnable> undo = new LinkedHashMap<>();
    private volatile List<NetworkRule> rules = List.of();
    private volatile List<Maintenance> maintenance = List.of();

    public FaultRegistry(long seed) {
        this(seed, false);
    }

    public FaultRegistry(long seed, boolean bypassed) {
        this.seed = seed;
        this.bypassed = bypassed;
    }

    public long seed() { return seed; }

    /** Whether the host's fault layer skips this registry entirely (see the class comment). */
    public boolean bypassed() { return bypassed; }

    public synchronized String nextId() {
        String id;
        do {
            id = "F-" + ids.incrementAndGet();
        } while (faults.containsKey(id));
        return id;
    }

    /** Records an activation; {@code onRemove} undoes its effects elsewhere (may be null). */
    public synchronized void add(Fault f, Runnable onRemove) {
        if (faults.containsKey(f.id())) throw new IllegalArgumentException("fault id " + f.id() + " is already in use");
        faults.put(f.id(), f);
        if (onRemove != null) undo.put(f.id(), onRemove);
    }

    public synchronized void addRule(NetworkRule r) {
        List<NetworkRule> next = new ArrayList<>(rules);
        next.add(r);
        rules = List.copyOf(next);
    }

    public synchronized void addMaintenance(Maintenance m) {
        List<Maintenance> next = new ArrayList<>(maintenance);
        next.add(m);
        maintenance = List.copyOf(next);
    }

    /** Removes a fault and everything it switched on; false if there is no such id. */
    public synchronized boolean remove(String id) {
        if (faults.remove(id) == null) return false;
        rules = rules.stream().filter(r -> !r.faultId().equals(id)).toList();
        maintenance = maintenance.stream().filter(m -> !m.faultId().equals(id)).toList();
        Runnable u = undo.remove(id);
        if (u != null) u.run();
        return true;
    }

    /** Removes every fault; returns how many. */
    public synchronized int clear() {
        List<String> all = new ArrayList<>(faults.keySet());
        all.forEach(this::remove);
        return all.size();
    }

    public synchronized List<Fault> list() {
        return List.copyOf(faults.values());
    }

    public synchronized Optional<Fault> get(String id) {
        return Optional.ofNullable(faults.get(id));
    }

    public List<NetworkRule> rules() { return rules; }

    /** The first network rule that acts on this message now, if any. */
    public NetworkRule network(Link link, Direction direction, MessageFacts facts, Instant now) {
        List<NetworkRule> rs = rules;
        if (rs.isEmpty()) return null;
        for (NetworkRule r : rs) {
            if (r.trigger(link, direction, facts, now)) return r;
        }
        return null;
    }

    /**
     * What the rules do to one exchange on {@code link}, an emulated link (no bytes travel), selected by
     * the request's facts: the first rule on requests, then the first on responses; a lost answer ends it.
     */
    public Exchange exchange(Link link, MessageFacts facts, Instant now, RandomGenerator random) {
        Exchange e = Exchange.UNCHANGED;
        for (Direction d : Direction.values()) {
            NetworkRule r = network(link, d, facts, now);
            if (r == null) continue;
            e = e.then(r.action().onExchange(random), r.faultId());
            if (e.lost()) return e;
        }
        return e;
    }

    /** The host maintenance window covering {@code now}, if any. */
    public Maintenance maintenanceAt(Instant now) {
        List<Maintenance> ms = maintenance;
        if (ms.isEmpty()) return null;
        for (Maintenance m : ms) if (m.window().contains(now)) return m;
        return null;
    }

    public List<Maintenance> maintenance() { return maintenance; }
}
