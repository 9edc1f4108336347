package io.acqsim.fault;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/** Every network action by name: the one place an action is registered. */
public final class NetworkActions {
    /** One action as registered: its name, the parameters it takes, and how it is built from them. */
    public record Type(String name, List<String> parameters, Function<ActionParameters, NetworkAction> build) {
        public Type {
            parameters = List.copyOf(parameters);
        }
    }

    private static final Map<String, Type> TYPES = index(Latency.TYPE, DropRequest.TYPE, DropResponse.TYPE, Reset.TYPE,
            CloseAfterBytes.TYPE, Corrupt.TYPE, Duplicate.TYPE, Blackhole.TYPE, Bandwidth.TYPE);

    private NetworkActions() {
    }

    static NetworkAction parse(String name, Map<String, String> parameters) {
        Type t = TYPES.get(name);
        if (t == null) throw new IllegalArgumentException("action: '" + name + "' is not one of " + String.join(", ", new TreeSet<>(TYPES.keySet())));
        return t.build().apply(new ActionParameters(parameters));
    }

    /** The names of every registered action, as scenario files and {@code --fault} write them. */
    public static Set<String> names() {
        return Set.copyOf(TYPES.keySet());
    }

    /** The parameters action {@code name} takes (none for an unknown name). */
    public static List<String> parameters(String name) {
        Type t = TYPES.get(name);
        return t == null ? List.of() : t.parameters();
    }

    /** Every parameter any action takes. */
    public static Set<String> allParameters() {
        Set<String> all = new TreeSet<>();
        TYPES.values().forEach(t -> all.addAll(t.parameters()));
        return Set.copyOf(all);
    }

    private static Map<String, Type> index(Type... types) {
        Map<String, Type> m = new LinkedHashMap<>();
        for (Type t : types) {
            if (m.putIfAbsent(t.name(), t) != null) throw new IllegalStateException("action " + t.name() + " registered twice");
        }
        return Map.copyOf(m);
    }
}
