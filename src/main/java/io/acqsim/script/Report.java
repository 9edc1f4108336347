package io.acqsim.script;

import java.io.PrintStream;
import java.util.List;
import java.util.function.UnaryOperator;

import org.jpos.iso.ISOMsg;

import io.acqsim.terminal.EmulatedTerminal;

/** The readable step-by-step report of a script run, written as it goes. */
public final class Report {
    private static final String INDENT = "             ";

    private final PrintStream out;
    private final UnaryOperator<String> describeRc;

    /** {@code describeRc} gives a response code in words ("approved"), or "" when it has none. */
    public Report(PrintStream out, UnaryOperator<String> describeRc) {
        this.out = out;
        this.describeRc = describeRc;
    }

    void header(Script s, String terminal) {
        out.println("script " + s.name() + "  (" + s.file() + ")");
        out.println(terminal);
        out.println();
    }

    void step(String id, String description, String iteration) {
        out.printf("step %-7s %s%s%n", id, description, iteration == null ? "" : "   (" + iteration + ")");
    }

    /** An exchange the terminal made on its own before the step's (a new sign-on, a reversal it owed). */
    void automatic(EmulatedTerminal.Exchange e) {
        out.println(INDENT + "(on its own, before this step:)");
        exchange(e);
    }

    void exchange(EmulatedTerminal.Exchange e) {
        String req = e.request().getString(0);
        for (ISOMsg wrong : e.rejected()) {
            out.printf("%s%-13s %s -> rejected %s (STAN %s, processing code %s): does not match the request%n", INDENT, e.action(), req,
                    wrong.getString(0), wrong.getString(11), wrong.getString(3));
        }
        if (e.response() == null) {
            out.printf("%s%-13s %s -> no answer within %d ms%n", INDENT, e.action(), req, e.latency().toMillis());
            if (e.reversal() != null) exchange(e.reversal());
            return;
        }
        ISOMsg r = e.response();
        String rc = r.getString(39);
        String words = rc == null ? "" : describeRc.apply(rc);
        StringBuilder sb = new StringBuilder(String.format("%s%-13s %s -> %s  39=%s%s", INDENT, e.action(), req, r.getString(0), rc,
                words.isEmpty() ? "" : " " + words));
        if (r.hasField(37)) sb.append("  RRN ").append(r.getString(37));
        if (r.hasField(38)) sb.append("  auth ").append(r.getString(38));
        if (r.hasField(15)) sb.append("  business date ").append(r.getString(15));
        if (r.hasField(4)) {
            try {
                sb.append("  amount ").append(java.math.BigDecimal.valueOf(Long.parseLong(r.getString(4)), 2).toPlainString());
            } catch (NumberFormatException ignored) {
                sb.append("  amount ").append(r.getString(4));
            }
        }
        sb.append(String.format("  STAN %s  (%d ms)", r.getString(11), e.latency().toMillis()));
        out.println(sb);
    }

    void note(String line) {
        out.println(INDENT + line);
    }

    void ok(String summary) {
        out.println(INDENT + "ok      " + summary);
    }

    void failed(List<String> failures) {
        for (String f : failures) out.println(INDENT + "FAILED  " + f);
    }

    void summary(Script s, ScriptRunner.Result r) {
        out.println();
        if (r.passed()) {
            out.printf("%s: PASSED  %d steps run, all expectations met%n", s.name(), r.stepsRun());
            return;
        }
        StringBuilder sb = new StringBuilder(s.name()).append(": FAILED  ");
        sb.append(r.stepsRun()).append(" steps run, ").append(r.stepsRun() - r.failedSteps().size()).append(" passed, ")
                .append(r.failedSteps().size()).append(" failed (step ").append(String.join(", ", r.failedSteps())).append(')');
        if (r.stopped()) sb.append("; stopped at the first failure (--keep-going runs every step)");
        out.println(sb);
    }
}
