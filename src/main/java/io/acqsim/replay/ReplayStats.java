package io.acqsim.replay;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import org.HdrHistogram.Histogram;

import io.acqsim.iso.Masking;
import io.acqsim.replay.input.InputProblem;

/**
 * What a replay did, counted as it goes (thread-safe): requests sent and answered, matched and mismatched
 * exchanges, mismatches per field with the value pairs behind them, input records skipped, and how late
 * open-loop sends were. Keeps the first {@value #DETAILS_KEPT} mismatches and problems in detail, counts all.
 */
public final class ReplayStats {
    static final int DETAILS_KEPT = 10_000;
    static final int PAIRS_PER_FIELD = 200;

    private long sent;
    private long answered;
    private long matched;
    private long mismatched;
    private long noAnswer;
    private long unexpectedAnswers;
    private long extraAnswers;
    private long lateAnswers;
    private long unsendable;
    private long notSent;
    private long cardsReplaced;
    private long mismatchCount;
    private long problems;
    private final Map<String, FieldCount> byField = new TreeMap<>(ReplayStats::byField);
    private final List<Mismatch> details = new ArrayList<>();
    private final List<String> problemDetails = new ArrayList<>();
    private final Histogram lateness = new Histogram(TimeUnit.HOURS.toMicros(1), 3);
    private final Map<String, Long> requestsByMti = new TreeMap<>();

    /** Mismatches of one field: how many, and which expected → got pairs how often. */
    public static final class FieldCount {
        long count;
        final Map<String, Long> pairs = new LinkedHashMap<>();
        long otherPairs;

        public long count() { return count; }

        public Map<String, Long> pairs() { return pairs; }

        public long otherPairs() { return otherPairs; }
    }

    public synchronized void sent(String mti, long lateMicros) {
        sent++;
        requestsByMti.merge(mti == null ? "?" : mti, 1L, Long::sum);
        if (lateMicros >= 0) lateness.recordValue(Math.min(lateMicros, lateness.getHighestTrackableValue()));
    }

    public synchronized void cardsReplaced(int n) { cardsReplaced += n; }

    /** One exchange finished: its answer (or none) judged. */
    public synchronized void finished(boolean answeredLive, boolean recordedAnswer, List<Mismatch> found) {
        if (answeredLive) answered++;
        if (!answeredLive && recordedAnswer) noAnswer++;
        if (answeredLive && !recordedAnswer) unexpectedAnswers++;
        if (found.isEmpty()) matched++;
        else mismatched++;
        for (Mismatch m : found) add(m);
    }

    /** An answer no request was waiting for (a second answer, or one to a request never sent). */
    public synchronized void extraAnswer(Mismatch m) {
        extraAnswers++;
        add(m);
    }

    /** An answer that came after its request had timed out (already counted as no answer). */
    public synchronized void lateAnswer() { lateAnswers++; }

    /** A request that could not be packed for the target (a field its packager does not have, a masked value left in verbatim mode). */
    public synchronized void unsendable(String problem) {
        unsendable++;
        problem(problem);
    }

    /** A request left unsent because the run was stopped. */
    public synchronized void countNotSent() { notSent++; }

    public synchronized void inputProblem(InputProblem p) {
        problem(p.toString());
    }

    /** Kept with PAN-like digit runs masked: a reader's reason may quote a value of the record. */
    private void problem(String p) {
        problems++;
        if (problemDetails.size() < DETAILS_KEPT) problemDetails.add(Masking.panLike(p));
    }

    private void add(Mismatch m) {
        mismatchCount++;
        if (details.size() < DETAILS_KEPT) details.add(m);
        FieldCount c = byField.computeIfAbsent(m.field(), f -> new FieldCount());
        c.count++;
        String pair = m.expected() + "→" + m.got();
        if (c.pairs.containsKey(pair) || c.pairs.size() < PAIRS_PER_FIELD) c.pairs.merge(pair, 1L, Long::sum);
        else c.otherPairs++;
    }

    public synchronized long sent() { return sent; }

    public synchronized long answered() { return answered; }

    public synchronized long matched() { return matched; }

    public synchronized long mismatched() { return mismatched; }

    public synchronized long noAnswer() { return noAnswer; }

    public synchronized long unexpectedAnswers() { return unexpectedAnswers; }

    public synchronized long extraAnswers() { return extraAnswers; }

    public synchronized long lateAnswers() { return lateAnswers; }

    public synchronized long unsendable() { return unsendable; }

    public synchronized long notSent() { return notSent; }

    public synchronized long cardsReplaced() { return cardsReplaced; }

    public synchronized long mismatches() { return mismatchCount; }

    public synchronized long problems() { return problems; }

    public synchronized Map<String, FieldCount> byField() { return new LinkedHashMap<>(byField); }

    /** The mismatches kept, in input order (an answer nobody asked for, which has no place in the input, first). */
    public synchronized List<Mismatch> details() {
        return details.stream().sorted(java.util.Comparator.comparingLong(Mismatch::sequence)).toList();
    }

    public synchronized List<String> problemDetails() { return List.copyOf(problemDetails); }

    public synchronized Map<String, Long> requestsByMti() { return new TreeMap<>(requestsByMti); }

    /** How late open-loop sends were, in microseconds: p50, p99, max; null when nothing was paced. */
    public synchronized long[] lateness() {
        if (lateness.getTotalCount() == 0) return null;
        return new long[] {lateness.getValueAtPercentile(50), lateness.getValueAtPercentile(99), lateness.getMaxValue()};
    }

    /** Fields in number order, then "header", then "answer". */
    private static int byField(String a, String b) {
        return Long.compare(rank(a), rank(b)) != 0 ? Long.compare(rank(a), rank(b)) : a.compareTo(b);
    }

    private static long rank(String f) {
        if (f.equals(Mismatch.ANSWER)) return Long.MAX_VALUE;
        if (f.equals(CompareRules.HEADER)) return Long.MAX_VALUE - 1;
        String top = f.split("\\.")[0];
        try {
            return Long.parseLong(top) * 1000;
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE - 2;
        }
    }
}
