package io.acqsim.replay;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.jpos.iso.ISOMsg;

import io.acqsim.iso.Profile;

/**
 * Values the target assigns, carried from its live answers into the later requests that refer to them,
 * so a replayed day gets the same answers instead of 25 (original not found) and 77 (batch mismatch):
 * <ul>
 *   <li>retrieval reference numbers (37) and authorisation codes (38): recorded → live, learned from each
 *       answer; a void or refund naming a recorded RRN is sent with the live one. If the exchange that
 *       gets the live value is still in flight, the request waits for its answer (at most the timeout);</li>
 *   <li>the batch number: the host hands it out in the sign-on answer (cup 60.2, iso87a 60); the difference
 *       live − recorded, per TID, is added to the batch of every later request of that TID (cup 60.2 and
 *       the original batch in 61, iso87a 60), so a terminal's next batch after settlement follows too.</li>
 * </ul>
 * STANs and field 7 are the terminal's own and are replayed as recorded, so 90's original data needs no
 * change. Bounded: the last {@value #REMEMBERED} RRNs and auth codes are remembered.
 */
public final class CarriedValues {
    static final int REMEMBERED = 200_000;
    private static final int BATCH_DIGITS = 6;

    private final Profile profile;
    private final Map<String, CompletableFuture<String>> values = new LinkedHashMap<>(1024) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, CompletableFuture<String>> e) {
            return size() > REMEMBERED;
        }
    };
    private final Map<String, Long> batchShift = new ConcurrentHashMap<>();

    public CarriedValues(Profile profile) {
        this.profile = profile;
    }

    /** Before {@code e} is sent: later requests that name the values its recorded answer carries wait for the live ones. */
    public void expect(RecordedExchange e) {
        if (e.response() == null) return;
        ISOMsg r = e.response().message();
        synchronized (values) {
            for (int f : new int[] {37, 38}) {
                String v = r.getString(f);
                if (v != null && !v.isBlank()) values.putIfAbsent(key(f, v), new CompletableFuture<>());
            }
        }
    }

    /** After {@code e}'s live answer came ({@code live} null: none came): what it assigned, recorded → live. */
    public void learn(RecordedExchange e, ISOMsg live) {
        if (e.response() == null) return;
        ISOMsg r = e.response().message();
        for (int f : new int[] {37, 38}) {
            String v = r.getString(f);
            if (v == null || v.isBlank()) continue;
            CompletableFuture<String> slot;
            synchronized (values) {
                slot = values.computeIfAbsent(key(f, v), k -> new CompletableFuture<>());
            }
            String got = live == null ? null : live.getString(f);
            slot.complete(got == null || got.isBlank() ? v : got);
        }
        if (live != null && e.request().mti() != null && e.request().mti().startsWith("08")) {
            Long recorded = batch(r);
            Long now = batch(live);
            if (recorded != null && now != null && e.tid() != null) batchShift.put(e.tid(), now - recorded);
        }
    }

    /**
     * Writes the live values into {@code m} (a request about to be sent, or a recorded answer about to be
     * compared) in place; waits up to {@code wait} for a value whose exchange is still in flight.
     */
    public void rewrite(ISOMsg m, String tid, Duration wait) {
        for (int f : new int[] {37, 38}) {
            String v = m.getString(f);
            if (v == null) continue;
            CompletableFuture<String> slot;
            synchronized (values) {
                slot = values.get(key(f, v));
            }
            if (slot == null) continue;
            String live = await(slot, wait);
            if (live != null) m.set(f, live);
        }
        Long shift = tid == null ? null : batchShift.get(tid);
        if (shift != null && shift != 0) shiftBatch(m, shift);
    }

    private static String await(CompletableFuture<String> slot, Duration wait) {
        try {
            return wait.isZero() ? slot.getNow(null) : slot.get(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private static String key(int field, String value) {
        return field + ":" + value;
    }

    /** The batch number a message carries: cup 60.2 (digits 3-8 of 60), iso87a 60 when it is n6. */
    Long batch(ISOMsg m) {
        String v = m.getString(60);
        if (v == null) return null;
        String b = profile == Profile.CUP ? (v.length() >= 2 + BATCH_DIGITS ? v.substring(2, 2 + BATCH_DIGITS) : null)
                : (v.length() == BATCH_DIGITS ? v : null);
        return b != null && isDigits(b) ? Long.parseLong(b) : null;
    }

    private void shiftBatch(ISOMsg m, long shift) {
        String v60 = m.getString(60);
        if (v60 != null) {
            int at = profile == Profile.CUP ? 2 : 0;
            if (v60.length() >= at + BATCH_DIGITS && (profile == Profile.CUP || v60.length() == BATCH_DIGITS)) {
                m.set(60, shifted(v60, at, shift));
            }
        }
        String v61 = m.getString(61);
        if (profile == Profile.CUP && v61 != null && v61.length() >= BATCH_DIGITS) m.set(61, shifted(v61, 0, shift));
    }

    private static String shifted(String v, int at, long shift) {
        String b = v.substring(at, at + BATCH_DIGITS);
        if (!isDigits(b)) return v;
        long n = Math.floorMod(Long.parseLong(b) + shift, 1_000_000L);
        return v.substring(0, at) + String.format(java.util.Locale.ROOT, "%06d", n) + v.substring(at + BATCH_DIGITS);
    }

    private static boolean isDigits(String s) {
        for (int i = 0; i < s.length(); i++) if (s.charAt(i) < '0' || s.charAt(i) > '9') return false;
        return !s.isEmpty();
    }
}
