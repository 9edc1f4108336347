package io.acqsim.script;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jpos.iso.ISOException;
import org.jpos.iso.ISOMsg;

import io.acqsim.message.ResponseCode;
import io.acqsim.terminal.EmulatedTerminal;
import io.acqsim.terminal.TerminalState;

/**
 * Runs a {@link Script} on an {@link EmulatedTerminal} (its public API only), checks each step's
 * expectations and writes the {@link Report}. Stops after the first step with an unmet expectation
 * unless told to keep going. A step that cannot be taken (an unset variable, a void of an RRN the
 * terminal does not hold) is a failed step; losing the connection to the host is an exception.
 */
public final class ScriptRunner {
    private static final Pattern REF = Pattern.compile("\\$\\{([^}]*)}");

    /** The outcome: how many action steps ran, which failed (ids, with the iteration inside a repeat). */
    public record Result(int stepsRun, List<String> failedSteps, boolean stopped) {
        public boolean passed() {
            return failedSteps.isEmpty();
        }

        /** 0 every expectation met, 1 otherwise. */
        public int exitCode() {
            return passed() ? 0 : 1;
        }
    }

    private final EmulatedTerminal terminal;
    private final Report report;
    private final boolean keepGoing;
    private final Map<String, String> vars = new HashMap<>();
    private final Deque<int[]> iterations = new ArrayDeque<>();
    private final List<String> failed = new ArrayList<>();
    private String lastStan;
    private int run;
    private boolean stopped;

    public ScriptRunner(EmulatedTerminal terminal, Report report, boolean keepGoing) {
        this.terminal = terminal;
        this.report = report;
        this.keepGoing = keepGoing;
    }

    /** Runs every step (or up to the first failure); {@code terminalLine} heads the report. */
    public Result run(Script script, String terminalLine) throws IOException, ISOException {
        report.header(script, terminalLine);
        steps(script.steps());
        Result r = new Result(run, List.copyOf(failed), stopped);
        report.summary(script, r);
        return r;
    }

    /** Variables saved so far (for tests). */
    public Map<String, String> variables() {
        return Map.copyOf(vars);
    }

    private void steps(List<Script.Step> steps) throws IOException, ISOException {
        for (Script.Step s : steps) {
            if (stopped) return;
            switch (s) {
                case Script.Repeat r -> {
                    int[] it = {0, r.times()};
                    iterations.push(it);
                    try {
                        for (int i = 1; i <= r.times() && !stopped; i++) {
                            it[0] = i;
                            steps(r.steps());
                        }
                    } finally {
                        iterations.pop();
                    }
                }
                case Script.Action a -> action(a);
            }
        }
    }

    private void action(Script.Action a) throws IOException, ISOException {
        run++;
        String iteration = iterations.isEmpty() ? null : "repeat " + iterations.peek()[0] + "/" + iterations.peek()[1];
        List<String> failures = new ArrayList<>();
        Map<String, String> args = new LinkedHashMap<>();
        try {
            a.args().forEach((k, v) -> args.put(k, resolve(v)));
        } catch (IllegalArgumentException e) {
            report.step(a.id(), a.describe(), iteration);
            fail(a, iteration, List.of("cannot run: " + e.getMessage()));
            return;
        }
        StringBuilder description = new StringBuilder(a.verb().key);
        args.forEach((k, v) -> description.append(' ').append(k).append('=').append(v));
        report.step(a.id(), description.toString(), iteration);

        List<EmulatedTerminal.Exchange> exchanges;
        try {
            exchanges = perform(a, args);
        } catch (IllegalArgumentException e) {
            terminal.takeAutomatic().forEach(x -> report.automatic(x));
            fail(a, iteration, List.of("cannot run: " + e.getMessage()));
            return;
        }
        terminal.takeAutomatic().forEach(x -> report.automatic(x));
        exchanges.forEach(report::exchange);
        if (exchanges.isEmpty()) {
            report.ok("done");
            return;
        }
        EmulatedTerminal.Exchange main = exchanges.get(exchanges.size() - 1);
        String firstRc = null;
        int uploads = 0;
        if (a.verb() == Script.Verb.SETTLE) {
            EmulatedTerminal.Exchange first = exchanges.get(0);
            firstRc = first.response() == null ? Expectation.NO_ANSWER : first.responseCode();
            uploads = ResponseCode.RECONCILE_ERROR.code().equals(firstRc) ? Math.max(0, exchanges.size() - 2) : 0;
        }
        try {
            failures.addAll(a.expect().check(main.request(), main.response(), firstRc, uploads, this::resolve));
        } catch (IllegalArgumentException e) {
            failures.add("cannot check: " + e.getMessage());
        }
        failures.addAll(save(a, main));
        // where the terminal MACs, an answer whose MAC does not verify fails the step whatever it expected
        for (EmulatedTerminal.Exchange x : exchanges) {
            if (x.macProblem() != null) failures.add(x.action() + ": " + x.macProblem());
        }
        if (failures.isEmpty()) report.ok(a.expect().summary() + (a.save().isEmpty() ? "" : "; saved " + saved(a)));
        else fail(a, iteration, failures);
    }

    private List<EmulatedTerminal.Exchange> perform(Script.Action a, Map<String, String> args) throws IOException, ISOException {
        String where = a.verb().key;
        return switch (a.verb()) {
            case SIGNON -> List.of(terminal.signOn());
            case ECHO -> List.of(terminal.echo());
            case SIGNOFF -> List.of(terminal.signOff());
            case PURCHASE -> {
                long amount = ScriptParser.amount(args.get("amount"), where + ".amount");
                boolean chip = "true".equals(args.get("chip"));
                if (chip && args.containsKey("qr")) throw new IllegalArgumentException(where + ": chip: true and qr exclude each other");
                EmulatedTerminal.Exchange e = args.containsKey("qr") ? terminal.qrPurchase(amount, args.get("qr"))
                        : chip ? terminal.chipPurchase(amount, args.getOrDefault("pan", "6222021234567890123"), args.getOrDefault("expiry", "2912"))
                        : terminal.cardPurchase(amount, args.getOrDefault("pan", "6222021234567890123"), args.getOrDefault("expiry", "2912"),
                        args.getOrDefault("entry-mode", "071"));
                yield List.of(financial(e));
            }
            case VOID -> List.of(financial(terminal.voidSale(args.get("rrn"))));
            case REFUND -> List.of(financial(terminal.refund(ScriptParser.amount(args.get("amount"), where + ".amount"), args.get("rrn"))));
            case REVERSE -> {
                String stan = args.get("stan");
                if (stan.equals("last")) {
                    if (lastStan == null) throw new IllegalArgumentException("stan: last, but no purchase, void or refund was sent yet");
                    stan = lastStan;
                }
                yield List.of(terminal.reverse(stan));
            }
            case SETTLE -> terminal.settle();
            case FORGET -> {
                TerminalState.Txn t = terminal.state().byRrn(args.get("rrn"));
                if (t == null) throw new IllegalArgumentException("no transaction with RRN " + args.get("rrn") + " in this terminal's open batch");
                terminal.state().mark(t, "LOST");
                report.note("the terminal forgets " + t.kind().toLowerCase() + " RRN " + t.rrn() + " (STAN " + t.stan() + ", amount "
                        + java.math.BigDecimal.valueOf(t.amount(), 2).toPlainString() + "): marked LOST, out of its totals and upload");
                yield List.of();
            }
        };
    }

    private EmulatedTerminal.Exchange financial(EmulatedTerminal.Exchange e) {
        lastStan = e.request().getString(11);
        return e;
    }

    private List<String> save(Script.Action a, EmulatedTerminal.Exchange e) {
        List<String> failures = new ArrayList<>();
        a.save().forEach((what, name) -> {
            ISOMsg source = what.equals("stan") ? e.request() : e.response();
            int field = switch (what) {
                case "rrn" -> 37;
                case "stan" -> 11;
                case "auth" -> 38;
                default -> Integer.parseInt(what);
            };
            String v = source == null ? null : source.getString(field);
            if (v == null) failures.add("save " + what + " as " + name + ": field " + field + " is not in the " + (source == e.request() ? "request" : "response"));
            else vars.put(name, v);
        });
        return failures;
    }

    private String saved(Script.Action a) {
        StringBuilder sb = new StringBuilder();
        a.save().forEach((what, name) -> sb.append(sb.isEmpty() ? "" : ", ").append(name).append('=').append(vars.get(name)));
        return sb.toString();
    }

    private void fail(Script.Action a, String iteration, List<String> failures) {
        report.failed(failures);
        failed.add(iteration == null ? a.id() : a.id() + " (" + iteration + ")");
        if (!keepGoing) stopped = true;
    }

    /** Expands ${name} from the saved variables; ${n} is the iteration of the innermost repeat. */
    String resolve(String s) {
        Matcher m = REF.matcher(s);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String name = m.group(1);
            String v;
            if (name.equals("n")) {
                if (iterations.isEmpty()) throw new IllegalArgumentException("${n} is used outside a repeat");
                v = String.valueOf(iterations.peek()[0]);
            } else {
                v = vars.get(name);
                if (v == null) throw new IllegalArgumentException("${" + name + "} is not set (no earlier step saved it, or that step failed)");
            }
            m.appendReplacement(sb, Matcher.quoteReplacement(v));
        }
        m.appendTail(sb);
        return sb.toString();
    }
}
