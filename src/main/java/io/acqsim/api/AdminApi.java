package io.acqsim.api;

import io.acqsim.report.PayoutView;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.SerializationFeature;

import io.acqsim.admin.AdminRequest;
import io.acqsim.admin.AdminResponse;
import io.acqsim.admin.ApiError;
import io.acqsim.admin.ApiException;
import io.acqsim.admin.Forwarder;
import io.acqsim.admin.Handler;
import io.acqsim.admin.Routes;
import io.acqsim.calendar.BusinessCalendar;
import io.acqsim.calendar.CalendarDay;
import io.acqsim.calendar.SettlementCalendar;
import io.acqsim.clearing.ClearingResult;
import io.acqsim.clock.BusinessDates;
import io.acqsim.clock.ClockBackwards;
import io.acqsim.clock.Scheduler;
import io.acqsim.config.WholeNumbers;
import io.acqsim.fault.Fault;
import io.acqsim.host.HostServices;
import io.acqsim.json.Json;
import io.acqsim.json.Times;
import io.acqsim.metrics.HostMeters;
import io.acqsim.payout.Payout;
import io.acqsim.payout.PayoutQuery;
import io.acqsim.payout.PayoutStatus;
import io.acqsim.scenario.Scenario;
import io.acqsim.scenario.ScenarioError;
import io.acqsim.scenario.ScenarioParser;
import io.acqsim.settlement.BusinessDateOpen;
import io.acqsim.settlement.Settlement;
import io.acqsim.settlement.UnknownMerchant;

/**
 * The admin API's endpoints (PRODUCT.md §7) over a running host: health, metrics, clock, transactions,
 * payouts, settlement, calendar, merchant accounts, stats. Domain errors become catalogue errors here;
 * nothing else in the host knows about HTTP.
 * <p>
 * In cluster mode ({@code cluster.node}) every node serves the whole API; {@link ClusterAdmin} decides where each
 * request is carried out. Reads of the ledger and of payouts (transactions, payouts, stats, reports, the timeline,
 * the dashboard's tables) read the shared database on the node asked. What lives in one node's memory is said at
 * its route: the clock's pending jobs (the leader's scheduler: forwarded to the leader), faults and what they change
 * (the calendar's freezes, bank outages, account states: every node has its own, kept alike by applying every switch
 * on every node), live figures and {@code /metrics} (this node's own terminals and requests: ask each node, or see
 * {@code GET /api/cluster} for terminals per node).
 */
public final class AdminApi {
    private final HostServices host;
    private final Map<String, Integer> ports;
    private final ZoneId zone;
    private final Scheduler scheduler;
    private final Settlement settlement;
    private final TransactionList transactions;
    private final ClusterAdmin cluster;

    /** One host, or a cluster node whose lead is unknown (it then never runs a leader's change itself). */
    public AdminApi(HostServices host, Map<String, Integer> ports) {
        this(host, ports, () -> false);
    }

    /**
     * @param leading in cluster mode, whether this node leads settlement now (it then makes clock moves and
     *                settlement runs itself; a follower forwards them to the leader); not asked on one host
     */
    public AdminApi(HostServices host, Map<String, Integer> ports, BooleanSupplier leading) {
        this.host = host;
        this.cluster = new ClusterAdmin(host.config().cluster().node(), host.ledger().dataSource(), leading, host.config().zone());
        this.ports = Map.copyOf(ports);
        this.zone = host.config().zone();
        this.scheduler = host.scheduler();
        this.settlement = host.settlement();
        this.transactions = new TransactionList(host.ledger(), zone);
    }

    public Routes routes() {
        return Routes.builder()
                .open().get("/health", this::health)
                .open().get("/metrics", r -> AdminResponse.text(HostMeters.CONTENT_TYPE, host.meters().scrape()))
                .get("/favicon.ico", r -> AdminResponse.noContent())   // browsers ask for it (with the cookie); the dashboard has none
                .get("/", r -> Dashboard.page(host, r.csrfToken(), Map.of("clock", clockView(), "stats", Stats.of(host), "faults", faultViews())))
                .get("/api/cluster", safe(cluster::status))
                // the pending jobs are the leader's (its scheduler runs the cutovers and payouts)
                .get("/api/clock", cluster.fromLeader(r -> AdminResponse.json(clockView())))
                .post("/api/clock/advance", safe(cluster.onLeader(r -> advanceBy(r), this::advance)))
                .post("/api/clock/set", safe(cluster.onLeader(r -> setTo(r), this::set)))
                .get("/api/transactions", safe(this::transactions))
                .get("/api/payouts", safe(this::payouts))
                .get("/api/payouts/{id}", safe(this::payout))
                .get("/api/payouts/timeline.svg", safe(new PayoutTimeline(host)::get))
                .post("/api/settlement/run", safe(cluster.onLeader(r -> settleDate(r), this::settle)))
                .get("/api/calendar", safe(this::calendar))
                // every node keeps the account's state; the leader offers the payouts again, so its answer is the one returned
                .put("/api/merchants/{mid}/account", safe(cluster.onEveryNode(null, true, this::account)))
                .get("/api/stats", r -> AdminResponse.json(Stats.of(host)))
                .get("/api/live", r -> AdminResponse.json(Live.view(host.meters().live())))
                .get("/api/faults", r -> AdminResponse.json(faultViews()))
                .get("/api/faults/{id}", safe(r -> AdminResponse.json(faultView(fault(r.pathParam("id"))))))
                // faults act on every node: the terminal links of each node, and the leader's payouts
                .post("/api/faults", safe(cluster.onEveryNode("faults", false, this::addFaults)))
                // each node numbers its faults itself: the other nodes remove the fault like this node's, whatever its id there
                .delete("/api/faults/{id}", safe(cluster.onEveryNode(null, false, this::faultLike, this::removeFault)))
                .delete("/api/faults", safe(cluster.onEveryNode(null, false, r -> AdminResponse.json(Map.of("removed", host.activator().clear())))))
                .post("/api/scenarios", safe(cluster.onEveryNode(null, false, this::loadScenario)))
                .build();
    }

    // ---- clock -----------------------------------------------------------------------------------

    record ClockView(OffsetDateTime now, String mode, String zone, LocalDate businessDate, int pendingJobs, Job nextJob) {
    }

    record Job(OffsetDateTime due, String name) {
    }

    record AdvanceBody(String by) {
    }

    record SetBody(String to) {
    }

    record Moved(OffsetDateTime from, OffsetDateTime to, long jobsRun, ClockView clock) {
    }

    private ClockView clockView() {
        Instant now = scheduler.clock().instant();
        List<Scheduler.Pending> pending = scheduler.pending();
        Job next = pending.isEmpty() ? null : new Job(Times.local(pending.getFirst().due(), zone), pending.getFirst().name());
        return new ClockView(Times.local(now, zone), scheduler.clock().mode().name(), zone.getId(),
                BusinessDates.of(now, zone, host.config().cutover()), pending.size(), next);
    }

    private AdminResponse health(AdminRequest r) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", "UP");
        body.put("clock", Times.local(scheduler.clock().instant(), zone));
        body.put("ports", ports);
        return AdminResponse.json(body);
    }

    /** The longest single move of the simulated clock, in days (see {@link #requireShortMove}). */
    static final int MAX_MOVE_DAYS = 400;

    /** The body's {@code by}, checked: 400 when malformed or too long, 409 when negative. */
    private static Duration advanceBy(AdminRequest r) {
        Duration by = Times.duration("by", r.json(AdvanceBody.class).by());
        if (by.isNegative()) throw new ApiException(ApiError.CLOCK_BACKWARDS, "by: " + by + " is negative; the clock never moves backwards");
        requireShortMove("by", by);
        return by;
    }

    private AdminResponse advance(AdminRequest r) {
        Duration by = advanceBy(r);
        return moveClock(() -> scheduler.advanceBy(by));
    }

    private static Instant setTo(AdminRequest r) {
        return Times.instant("to", r.json(SetBody.class).to());
    }

    private AdminResponse set(AdminRequest r) {
        Instant to = setTo(r);
        Instant now = scheduler.clock().instant();
        if (to.isAfter(now)) requireShortMove("to", Duration.between(now, to));
        return moveClock(() -> scheduler.advanceTo(to));
    }

    /**
     * One move runs every job due on the way while the request waits (a cutover, a clearing and payout runs
     * a day), and a duration past what an instant can hold would overflow: at most {@link #MAX_MOVE_DAYS}
     * days at once, a 400 naming the field otherwise.
     */
    private static void requireShortMove(String field, Duration d) {
        if (d.compareTo(Duration.ofDays(MAX_MOVE_DAYS)) > 0) {
            throw new ApiException(ApiError.BAD_REQUEST, field + ": the clock moves at most " + MAX_MOVE_DAYS + " days at once, asked for "
                    + d.toDays() + " days; move it in steps");
        }
    }

    private AdminResponse moveClock(Runnable move) {
        Instant from = scheduler.clock().instant();
        long before = scheduler.jobsRun();
        move.run();
        return AdminResponse.json(new Moved(Times.local(from, zone), Times.local(scheduler.clock().instant(), zone),
                scheduler.jobsRun() - before, clockView()));
    }

    // ---- transactions, payouts -------------------------------------------------------------------

    private AdminResponse transactions(AdminRequest r) throws Exception {
        int limit = r.query("limit").map(v -> integer("limit", v, 1, 10_000)).orElse(100);
        String status = r.query("status").map(s -> s.toUpperCase(Locale.ROOT)).orElse(null);
        if (status != null && !List.of("APPROVED", "DECLINED", "REVERSED", "VOIDED").contains(status)) {
            throw new IllegalArgumentException("status: '" + status + "' is not one of APPROVED, DECLINED, REVERSED, VOIDED");
        }
        return AdminResponse.json(transactions.list(new TransactionList.Filter(r.query("tid").orElse(null),
                r.query("merchant").orElse(null), date(r, "businessDate"), status, limit)));
    }

    private AdminResponse payouts(AdminRequest r) {
        PayoutStatus status = r.query("status").map(s -> enumValue(PayoutStatus.class, "status", s)).orElse(null);
        Boolean delayed = r.query("delayed").map(v -> bool("delayed", v)).orElse(null);
        PayoutQuery q = new PayoutQuery(r.query("merchant").orElse(null), date(r, "businessDate"), date(r, "from"), date(r, "to"), status, delayed);
        List<Payout> found = settlement.payouts().list(q, scheduler.clock().instant());
        return AdminResponse.json(found.stream().map(p -> PayoutView.of(p, zone)).toList());
    }

    private AdminResponse payout(AdminRequest r) {
        String id = r.pathParam("id");
        return settlement.payouts().find(id).map(p -> AdminResponse.json(PayoutView.of(p, zone)))
                .orElseThrow(() -> new ApiException(ApiError.UNKNOWN_PAYOUT, "unknown payout '" + id + "'"));
    }

    // ---- settlement, calendar, accounts ----------------------------------------------------------

    record SettleBody(String businessDate) {
    }

    /** The body's business date; null for none (every closed date). */
    private static LocalDate settleDate(AdminRequest r) {
        String d = r.body().length == 0 ? null : r.json(SettleBody.class).businessDate();
        return d == null ? null : Times.date("businessDate", d);
    }

    private AdminResponse settle(AdminRequest r) {
        LocalDate d = settleDate(r);
        List<ClearingResult> results = d == null ? settlement.clearAllClosed() : List.of(settlement.clear(d));
        return AdminResponse.json(results.stream().map(c -> Map.of("businessDate", c.businessDate(), "clearedAt", Times.local(c.clearedAt(), zone),
                "merchants", c.merchants(), "transactions", c.transactions(), "payouts", c.payouts(), "alreadyCleared", c.alreadyCleared(),
                "file", c.file().toString())).toList());
    }

    record Day(LocalDate date, String kind, String holiday, boolean settlementDay, String reason, String detail) {
    }

    private AdminResponse calendar(AdminRequest r) {
        LocalDate today = scheduler.clock().instant().atZone(zone).toLocalDate();
        LocalDate from = Optional.ofNullable(date(r, "from")).orElse(today);
        LocalDate to = Optional.ofNullable(date(r, "to")).orElse(from.plusDays(30));
        if (to.isBefore(from)) throw new IllegalArgumentException("to (" + to + ") is before from (" + from + ")");
        if (from.plusDays(BusinessCalendar.MAX_DAYS).isBefore(to)) throw new IllegalArgumentException("at most " + BusinessCalendar.MAX_DAYS + " days at once");
        SettlementCalendar cal = settlement.calendar();
        List<Day> days = cal.calendar().days(from, to).stream().map(d -> day(cal, d)).toList();
        return AdminResponse.json(Map.of("calendar", cal.calendar().name(), "freezes", cal.freezes(), "days", days));
    }

    private static Day day(SettlementCalendar cal, CalendarDay d) {
        var blocked = cal.blocked(d.date());
        return new Day(d.date(), d.kind().name(), d.holiday(), blocked.isEmpty(), blocked.map(b -> b.code().name()).orElse(null),
                blocked.map(b -> b.detail()).orElse(null));
    }

    record AccountBody(String account) {
    }

    private AdminResponse account(AdminRequest r) {
        String mid = r.pathParam("mid");
        String account = r.json(AccountBody.class).account();
        if (account == null || !account.matches("\\d{6,34}")) {
            throw new IllegalArgumentException("account: must be 6 to 34 digits, got " + (account == null ? "nothing" : "'" + account + "'"));
        }
        List<Payout> resent = settlement.correctAccount(mid, account);
        return AdminResponse.json(Map.of("merchantId", mid, "account", account,
                "resent", resent.stream().map(p -> PayoutView.of(p, zone)).toList()));
    }

    // ---- faults and scenarios --------------------------------------------------------------------

    record FaultView(String id, String type, OffsetDateTime from, OffsetDateTime to, boolean active, String scenario, Map<String, Object> spec) {
    }

    private FaultView faultView(Fault f) {
        Instant now = scheduler.clock().instant();
        return new FaultView(f.id(), f.type(), Times.local(f.window().from(), zone), Times.local(f.window().to(), zone), f.window().contains(now),
                f.scenario(), f.spec());
    }

    private List<FaultView> faultViews() {
        return host.faults().list().stream().map(this::faultView).toList();
    }

    private Fault fault(String id) {
        return host.faults().get(id).orElseThrow(() -> new ApiException(ApiError.UNKNOWN_FAULT, "unknown fault '" + id + "'"));
    }

    /** Body: one fault entry of a scenario, a list of them, or {faults: [...]}, as YAML or JSON. */
    private AdminResponse addFaults(AdminRequest r) {
        List<Fault> added = host.activator().add(new ScenarioParser(zone).parseFaults("request body", r.bodyText()));
        return AdminResponse.json(added.stream().map(this::faultView).toList());
    }

    /**
     * A forwarded removal names the fault by what it is in {@value #FAULT_LIKE} ({@link #fingerprint}), since the ids
     * are each node's own (F-1, F-2, ... as faults were added there): a node removes its fault like that one.
     */
    static final String FAULT_LIKE = "X-Acqsim-Fault-Like";

    private AdminResponse removeFault(AdminRequest r) {
        String asked = r.pathParam("id");
        String id = r.header(FAULT_LIKE).filter(like -> Forwarder.forwarded(r))
                .map(like -> host.faults().list().stream().filter(f -> fingerprint(f).equals(like)).map(Fault::id).findFirst()
                        .orElseThrow(() -> new ApiException(ApiError.UNKNOWN_FAULT, "no fault like fault '" + asked + "' of node "
                                + r.header(Forwarder.FORWARDED_BY).orElse("?") + " here")))
                .orElse(asked);
        if (!host.activator().remove(id)) throw new ApiException(ApiError.UNKNOWN_FAULT, "unknown fault '" + id + "'");
        return AdminResponse.json(Map.of("removed", id));
    }

    /** The header that tells the other nodes which fault {@code DELETE /api/faults/{id}} removes; none for an unknown id. */
    private Map<String, String> faultLike(AdminRequest r) {
        return host.faults().get(r.pathParam("id")).map(f -> Map.of(FAULT_LIKE, fingerprint(f))).orElse(Map.of());
    }

    /** What a fault is, whatever its id: a hash of its type, window, scenario and specification (keys in order). */
    static String fingerprint(Fault f) {
        Map<String, Object> what = new LinkedHashMap<>();
        what.put("type", f.type());
        what.put("from", String.valueOf(f.window().from()));
        what.put("to", String.valueOf(f.window().to()));
        what.put("scenario", f.scenario());
        what.put("spec", f.spec());
        try {
            byte[] json = Json.mapper().writer().with(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS).writeValueAsBytes(what);
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(json), 0, 16);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("fault " + f.id() + " cannot be written as JSON", e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private AdminResponse loadScenario(AdminRequest r) {
        Scenario s = new ScenarioParser(zone).parse("request body", r.bodyText());
        List<Fault> added = host.activator().load(s);
        return AdminResponse.json(Map.of("scenario", s.name(), "faults", added.stream().map(this::faultView).toList()));
    }

    // ---- helpers ---------------------------------------------------------------------------------

    /** Maps domain errors to the catalogue. */
    private static Handler safe(Handler h) {
        return r -> {
            try {
                return h.handle(r);
            } catch (ClockBackwards e) {
                throw new ApiException(ApiError.CLOCK_BACKWARDS, e.getMessage());
            } catch (BusinessDateOpen e) {
                throw new ApiException(ApiError.CONFLICT, e.getMessage());
            } catch (UnknownMerchant e) {
                throw new ApiException(ApiError.UNKNOWN_MERCHANT, e.getMessage());
            } catch (IllegalArgumentException | ScenarioError e) {
                throw new ApiException(ApiError.BAD_REQUEST, e.getMessage());
            }
        };
    }

    private static LocalDate date(AdminRequest r, String name) {
        return r.query(name).filter(v -> !v.isBlank()).map(v -> Times.date(name, v)).orElse(null);
    }

    private static int integer(String name, String v, int min, int max) {
        return (int) WholeNumbers.parse(name, v, min, max);
    }

    private static boolean bool(String name, String v) {
        return switch (v.strip().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "1" -> true;
            case "false", "no", "0" -> false;
            default -> throw new IllegalArgumentException(name + ": '" + v + "' must be true or false");
        };
    }

    private static <E extends Enum<E>> E enumValue(Class<E> type, String name, String v) {
        try {
            return Enum.valueOf(type, v.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + ": '" + v + "' is not one of " + java.util.Arrays.toString(type.getEnumConstants()));
        }
    }
}
