package io.acqsim.api;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Function;

import javax.sql.DataSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

import io.acqsim.admin.AdminRequest;
import io.acqsim.admin.AdminResponse;
import io.acqsim.admin.ApiError;
import io.acqsim.admin.ApiException;
import io.acqsim.admin.Forwarder;
import io.acqsim.admin.Handler;
import io.acqsim.cluster.ClusterException;
import io.acqsim.cluster.ClusterStatus;
import io.acqsim.json.Json;
import io.acqsim.json.Times;

/**
 * The admin API in cluster mode (issue 15): {@code GET /api/cluster}, and where each request is carried out. Every
 * node answers every route; reads come from the shared database on the node asked, except what only the settlement
 * leader holds in memory. Three kinds of route are wrapped here:
 * <ul>
 *   <li>{@link #onLeader}: changes only the leader may make (clock moves, settlement runs) run on the node asked when
 *       it leads, else are forwarded to the leader's admin API and its answer returned; with no leader, a 503
 *       {@link ApiError#NO_LEADER};</li>
 *   <li>{@link #onEveryNode}: switches every node must follow (faults, scenarios, merchant accounts) are applied on
 *       the node asked, then forwarded to every other live node, and the answer lists which nodes applied them;</li>
 *   <li>{@link #fromLeader}: reads of the leader's memory (the scheduler's pending jobs) are forwarded to the leader,
 *       and answered locally when it cannot be reached.</li>
 * </ul>
 * A forwarded request ({@link Forwarder#FORWARDED_BY}) is always answered where it arrives: never forwarded again.
 * On one host (no {@code cluster.node}) every route runs locally, as it always did.
 */
final class ClusterAdmin {
    /** How long a node waits for the leader to carry out a forwarded change: a clock move runs every job due on its way. */
    static final Duration LEADER_TIMEOUT = Duration.ofMinutes(10);
    /** How long a node waits for another to apply a fault or scenario, or to answer a read. */
    static final Duration PEER_TIMEOUT = Duration.ofSeconds(10);
    private static final Logger LOG = LogManager.getLogger(ClusterAdmin.class);

    private final String self;       // null on one host
    private final DataSource db;
    private final BooleanSupplier leading;
    private final ZoneId zone;
    private final Forwarder forwarder;

    /**
     * @param self    this node's name; null when the host runs alone
     * @param leading whether this node leads settlement now (as its election knows it)
     */
    ClusterAdmin(String self, DataSource db, BooleanSupplier leading, ZoneId zone) {
        this.self = self;
        this.db = db;
        this.leading = leading;
        this.zone = zone;
        this.forwarder = self == null ? null : new Forwarder(self);
    }

    boolean clustered() {
        return self != null;
    }

    // ---- GET /api/cluster ------------------------------------------------------------------------

    record NodeView(String name, boolean leader, String adminAddress, Integer cupPort, Integer iso87aPort, OffsetDateTime started,
                    OffsetDateTime lastHeartbeat, long heartbeatAgeMillis, boolean live, int terminalsConnected, LocalDate acknowledgedDate) {
    }

    /**
     * @param active whether it leads now: its lease held and its heartbeat live ({@link ClusterStatus.Snapshot#activeLeader})
     */
    record LeaderView(String node, long epoch, OffsetDateTime since, boolean active) {
    }

    record ClusterView(boolean cluster, String node, boolean leading, OffsetDateTime readAt, LeaderView leader, List<NodeView> nodes,
                       String detail) {
    }

    /** {@code GET /api/cluster}: this node, the nodes and the leader as the shared database shows them. */
    AdminResponse status(AdminRequest r) {
        if (!clustered()) {
            return AdminResponse.json(new ClusterView(false, null, false, null, null, List.of(),
                    "this host runs alone, not in cluster mode; nodes of a cluster run with bin/acqsim run --node NAME on one PostgreSQL ledger"));
        }
        ClusterStatus.Snapshot s = snapshot();
        String active = s.activeLeader().map(ClusterStatus.Node::name).orElse(null);
        List<NodeView> nodes = s.nodes().stream().map(n -> new NodeView(n.name(), n.name().equals(active), n.adminAddress(), n.cupPort(),
                n.iso87aPort(), time(n.startedAt()), time(n.heartbeatAt()), n.heartbeatAge().toMillis(), n.live(), n.terminalsConnected(),
                n.acknowledgedDate())).toList();
        ClusterStatus.Leader l = s.leader();
        LeaderView leader = l.node() == null ? null : new LeaderView(l.node(), l.epoch(), time(l.since()), l.node().equals(active));
        String detail = active != null ? null : l.node() == null ? "no node has led yet" : "no node leads now: node " + l.node()
                + " (epoch " + l.epoch() + ") " + (l.leaseHeld() ? "holds the lease but its heartbeat stopped" : "gave the lead up or died")
                + "; a live node takes over within a few seconds";
        return AdminResponse.json(new ClusterView(true, self, leading.getAsBoolean(), time(s.readAt()), leader, nodes, detail));
    }

    private OffsetDateTime time(Instant t) {
        return t == null ? null : Times.local(t, zone);
    }

    private ClusterStatus.Snapshot snapshot() {
        try {
            return ClusterStatus.read(db);
        } catch (ClusterException e) {
            throw new ApiException(ApiError.CLUSTER_UNAVAILABLE, e.getMessage());
        }
    }

    // ---- where a request runs ----------------------------------------------------------------------

    /**
     * A change only the settlement leader makes: {@code local} when this node leads (or runs alone), else the leader's
     * answer to the same request. {@code check} runs first on the node asked, so a malformed request is refused there
     * (400) whether or not a leader can be reached.
     */
    Handler onLeader(Consumer<AdminRequest> check, Handler local) {
        return r -> {
            check.accept(r);
            if (!clustered() || leading.getAsBoolean()) return local.handle(r);
            if (Forwarder.forwarded(r)) {
                throw new ApiException(ApiError.NO_LEADER, "node " + r.header(Forwarder.FORWARDED_BY).orElse("?") + " forwarded " + r
                        + " to node " + self + " as the settlement leader, but " + self + " does not lead (the lead is moving); try again in a few seconds");
            }
            ClusterStatus.Snapshot s = snapshot();
            ClusterStatus.Node leader = s.activeLeader().filter(n -> !n.name().equals(self)).orElseThrow(() -> noLeader(r, s));
            try {
                return forwarder.forward(r, leader.name(), leader.adminAddress(), LEADER_TIMEOUT);
            } catch (Forwarder.Unreachable e) {
                throw new ApiException(ApiError.NODE_UNREACHABLE, r + " must run on the settlement leader, but " + e.getMessage());
            }
        };
    }

    private ApiException noLeader(AdminRequest r, ClusterStatus.Snapshot s) {
        ClusterStatus.Leader l = s.leader();
        String last = l.node() == null ? "no node has led yet" : "the last leader was node " + l.node() + " (epoch " + l.epoch() + ")";
        return new ApiException(ApiError.NO_LEADER, r + " must run on the settlement leader, and no node of the cluster leads now ("
                + last + "); a live node takes the lead within a few seconds: try again");
    }

    /**
     * A read of what only the leader holds in memory: forwarded to the leader when this node is a follower; answered
     * here when this node leads, runs alone, when the request was forwarded already, or when no leader answers (the
     * local answer is then this node's own view).
     */
    Handler fromLeader(Handler local) {
        return r -> {
            if (!clustered() || leading.getAsBoolean() || Forwarder.forwarded(r)) return local.handle(r);
            ClusterStatus.Node leader;
            try {
                leader = ClusterStatus.read(db).activeLeader().filter(n -> !n.name().equals(self)).orElse(null);
            } catch (ClusterException e) {
                leader = null;
            }
            if (leader != null) {
                try {
                    return forwarder.forward(r, leader.name(), leader.adminAddress(), PEER_TIMEOUT);
                } catch (Forwarder.Unreachable e) {
                    LOG.info("admin API: {} answered by node {} itself: {}", r, self, e.getMessage());
                }
            }
            return local.handle(r).withHeader(Forwarder.ANSWERED_BY, self);
        };
    }

    /**
     * A switch every node must follow: applied here, then (unless the request was forwarded to this node) forwarded
     * to every other live node at once. The answer is this node's, with {@code "nodes"}: one entry per node with
     * whether it applied the switch, its HTTP status, and the error of a node that did not. An answer that is a JSON
     * array is put under {@code arrayKey} of an object first. With {@code leaderAnswers}, the body is the leader's
     * answer when another node leads and applied it (what the leader did, e.g. payouts it offered again, is the news).
     * A request this node refuses (400, 404) goes nowhere else.
     */
    Handler onEveryNode(String arrayKey, boolean leaderAnswers, Handler local) {
        return onEveryNode(arrayKey, leaderAnswers, r -> Map.of(), local);
    }

    /**
     * As {@link #onEveryNode(String, boolean, Handler)}; {@code passOn} gives headers to add to the request the other
     * nodes get, computed before this node applies it (e.g. what a fault is, before this node removes it).
     */
    Handler onEveryNode(String arrayKey, boolean leaderAnswers, Function<AdminRequest, Map<String, String>> passOn, Handler local) {
        return r -> {
            Map<String, String> extra = clustered() && !Forwarder.forwarded(r) ? passOn.apply(r) : Map.of();
            AdminResponse mine = local.handle(r);
            if (!clustered() || Forwarder.forwarded(r) || mine.status() / 100 != 2) return mine;
            List<Applied> applied = new ArrayList<>();
            applied.add(new Applied(self, true, mine.status(), null));
            List<ClusterStatus.Node> peers;
            String leader = null;
            try {
                ClusterStatus.Snapshot s = ClusterStatus.read(db);
                peers = s.livePeers(self);
                leader = s.activeLeader().map(ClusterStatus.Node::name).orElse(null);
            } catch (ClusterException e) {
                peers = List.of();
                applied.add(new Applied("(other nodes)", false, 0, e.getMessage()));
            }
            Map<String, CompletableFuture<AdminResponse>> answers = new LinkedHashMap<>();
            for (ClusterStatus.Node n : peers) answers.put(n.name(), forwarder.start(r, extra, n.name(), n.adminAddress(), PEER_TIMEOUT));
            AdminResponse answer = mine;
            for (Map.Entry<String, CompletableFuture<AdminResponse>> e : answers.entrySet()) {
                Applied a = applied(e.getKey(), e.getValue());
                applied.add(a);
                if (leaderAnswers && a.applied() && e.getKey().equals(leader)) answer = e.getValue().join();
            }
            applied.stream().filter(a -> !a.applied()).forEach(a -> LOG.warn("admin API: {} applied on node {} but not on node {}: {}", r, self,
                    a.node(), a.error()));
            return withNodes(answer, arrayKey, applied);
        };
    }

    /** One node's part in a switch: whether it applied it, with its HTTP status (0: no answer) and, if not, why. */
    record Applied(String node, boolean applied, int status, String error) {
    }

    private static Applied applied(String node, CompletableFuture<AdminResponse> future) {
        try {
            AdminResponse a = future.join();
            if (a.status() / 100 == 2) return new Applied(node, true, a.status(), null);
            return new Applied(node, false, a.status(), errorText(a));
        } catch (CompletionException e) {
            return new Applied(node, false, 0, e.getCause() == null ? e.getMessage() : e.getCause().getMessage());
        }
    }

    /** The catalogue's message of an error answer, or its status. */
    private static String errorText(AdminResponse a) {
        try {
            JsonNode body = Json.mapper().readTree(a.body());
            if (body != null && body.hasNonNull("error")) {
                String hint = a.status() == 401 ? " (the nodes of a cluster must share one admin token: set the same ACQSIM_ADMIN_TOKEN on each)" : "";
                return body.get("error").asText() + hint;
            }
        } catch (java.io.IOException e) {
            // not the catalogue's JSON: the status says it
        }
        return "HTTP " + a.status();
    }

    private static AdminResponse withNodes(AdminResponse mine, String arrayKey, List<Applied> applied) throws java.io.IOException {
        JsonNode body = Json.mapper().readTree(mine.body());
        ObjectNode out;
        if (body instanceof ObjectNode o) {
            out = o;
        } else {
            out = Json.mapper().createObjectNode();
            out.set(arrayKey, body);
        }
        out.set("nodes", Json.mapper().valueToTree(applied));
        return AdminResponse.json(mine.status(), out);
    }
}
