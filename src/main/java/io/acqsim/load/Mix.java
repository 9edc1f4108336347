package io.acqsim.load;

import java.util.EnumMap;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * The share of each {@link Kind} in a run, as {@code purchase=70,qr=20,refund=5,void=5}: non-negative
 * integer weights, not necessarily summing to 100, at least one above zero; kinds not named get 0.
 */
public final class Mix {
    public static final String DEFAULT = "purchase=70,qr=20,refund=5,void=5";

    private final Map<Kind, Integer> weights;
    private final int total;
    /** The kinds in the weights' order, and the running sum of the weights up to and including each: {@link #pick} per request. */
    private final Kind[] kinds;
    private final int[] upTo;

    private Mix(Map<Kind, Integer> weights) {
        this.weights = weights;
        this.total = weights.values().stream().mapToInt(Integer::intValue).sum();
        this.kinds = weights.keySet().toArray(Kind[]::new);
        this.upTo = new int[kinds.length];
        int sum = 0;
        for (int i = 0; i < kinds.length; i++) upTo[i] = sum += weights.get(kinds[i]);
    }

    public static Mix parse(String spec) {
        if (spec == null || spec.isBlank()) throw new IllegalArgumentException("the mix is empty; e.g. " + DEFAULT);
        Map<Kind, Integer> w = new EnumMap<>(Kind.class);
        for (String part : spec.split(",")) {
            String[] kv = part.split("=", -1);
            if (kv.length != 2) throw new IllegalArgumentException("'" + part.trim() + "' is not KIND=WEIGHT; e.g. " + DEFAULT);
            Kind k = Kind.of(kv[0]);
            int weight;
            try {
                weight = Integer.parseInt(kv[1].trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("weight '" + kv[1].trim() + "' of " + k.id() + " is not a whole number");
            }
            if (weight < 0) throw new IllegalArgumentException("weight of " + k.id() + " is negative");
            if (w.put(k, weight) != null) throw new IllegalArgumentException(k.id() + " appears twice in the mix");
        }
        long sum = w.values().stream().mapToLong(Integer::longValue).sum();
        if (sum == 0) throw new IllegalArgumentException("every weight of the mix is 0");
        if (sum > Integer.MAX_VALUE) throw new IllegalArgumentException("the weights of the mix are too large");
        for (Kind k : Kind.values()) w.putIfAbsent(k, 0);
        return new Mix(w);
    }

    public int weight(Kind k) {
        return weights.get(k);
    }

    /** A kind drawn with the mix's weights. */
    public Kind pick(RandomGenerator random) {
        int r = random.nextInt(total);
        for (int i = 0; i < kinds.length; i++) if (r < upTo[i]) return kinds[i];
        throw new AssertionError();
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        weights.forEach((k, v) -> {
            if (v > 0) sb.append(sb.isEmpty() ? "" : ",").append(k.id()).append('=').append(v);
        });
        return sb.toString();
    }
}
