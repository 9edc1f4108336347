package io.acqsim.config;

import java.util.regex.Pattern;

/**
 * Cluster mode ({@code cluster.*}; {@code bin/acqsim run --node NAME} sets {@code cluster.node}): several hosts on one
 * PostgreSQL ledger, one of them the settlement leader.
 *
 * @param node               this node's name, unique in the cluster; null when the host runs alone
 * @param databaseDurability where a node's ledger writes are durable: in the shared database ({@code
 *                           cluster.ledger-durability: database}, the default: every node sees every approval) or
 *                           in each node's own journal, applied to the shared tables later ({@code journal}: for
 *                           tests of the coordination alone, since a node then cannot see another node's approvals
 *                           until they are applied)
 */
public record ClusterSettings(String node, boolean databaseDurability) {
    /** Not in cluster mode. */
    public static final ClusterSettings OFF = new ClusterSettings(null, true);

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
        String durability = c.string("cluster.ledger-durability", "database");
        boolean database = switch (durability) {
            case "database" -> true;
            case "journal" -> false;
            default -> throw c.error("cluster.ledger-durability", "'" + durability + "' must be database or journal");
        };
        if (!c.has("cluster.node")) return OFF;
        String node = c.string("cluster.node", "");
        String problem = nameProblem(node);
        if (problem != null) throw c.error("cluster.node", problem);
        if (!ledgerUrl.startsWith("jdbc:postgresql:")) {
            throw c.error("cluster.node", "cluster mode (--node) needs a PostgreSQL ledger shared by the nodes "
                    + "(ledger.url: jdbc:postgresql://HOST:PORT/DATABASE), not " + ledgerUrl.replaceAll("[;?].*", ""));
        }
        return new ClusterSettings(node, database);
    }
}
