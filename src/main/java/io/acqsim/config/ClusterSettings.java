package io.acqsim.config;

import java.util.regex.Pattern;

/**
 * Cluster mode ({@code cluster.*}; {@code bin/acqsim run --node NAME} sets {@code cluster.node}): several hosts on one
 * PostgreSQL ledger, one of them the settlement leader.
 *
 * A node's ledger writes are durable in the shared database ({@code ledger.durability: database}, which cluster mode
 * requires and sets by default), so every node sees every approval.
 *
 * @param node this node's name, unique in the cluster; null when the host runs alone
 */
public record ClusterSettings(String node) {
    /** Not in cluster mode. */
    public static final ClusterSettings OFF = new ClusterSettings(null);

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,32}");

    public boolean enabled() {
        return node != null;
    }

    /** Null when {@code name} is a valid node name, else what is wrong with it. */
    public static String nameProblem(String name) {
        if (name == null || name.isEmpty()) return "a node name must not be empty";
        if (!NAME.matcher(name).matches()) {
            return "node name '" + name + "' must be 1 to 32 letters, digits, '-' or '_'";
        }
        return null;
    }

    static ClusterSettings load(ConfigFile c, String ledgerUrl) {
        if (!c.has("cluster.node")) return OFF;
        String node = c.string("cluster.node", "");
        String problem = nameProblem(node);
        if (problem != null) throw c.error("cluster.node", problem);
        if (!ledgerUrl.startsWith("jdbc:postgresql:")) {
            throw c.error("cluster.node", "cluster mode (--node) needs a PostgreSQL ledger shared by the nodes "
                    + "(ledger.url: jdbc:postgresql://HOST:PORT/DATABASE), not " + ledgerUrl.replaceAll("[;?].*", ""));
        }
        return new ClusterSettings(node);
    }
}
