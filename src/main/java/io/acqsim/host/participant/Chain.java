package io.acqsim.host.participant;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.jdom2.Element;
import org.jpos.core.ConfigurationException;
import org.jpos.core.XmlConfigurable;
import org.jpos.transaction.AbortParticipant;
import org.jpos.transaction.Context;
import org.jpos.transaction.TransactionManager;
import org.jpos.transaction.TransactionParticipant;

/**
 * The host's participants, run in order as one jPOS participant. Each step stays a small
 * {@link TransactionParticipant} and is called exactly as jPOS's TransactionManager would call it:
 * <ul>
 *   <li>prepare in order until one answers ABORTED; after that, steps that are {@link AbortParticipant}s
 *       get prepareForAbort and the others are skipped;</li>
 *   <li>a step joins unless its answer has NO_JOIN; then commit (all prepared) or abort (one aborted)
 *       is called on the joined steps in order;</li>
 *   <li>an exception from prepare counts as ABORTED (the step joins), from prepareForAbort as
 *       ABORTED | NO_JOIN; one from commit or abort is logged and the next step still runs.</li>
 * </ul>
 * Why: the TransactionManager renames its thread with {@code String.format} and records a Micrometer
 * timer, an HdrHistogram entry, a JFR event and a profiler checkpoint for every participant call. Run
 * as one participant, that is paid twice per transaction instead of some thirty times; the
 * TransactionManager, its Context and its meters stay.
 * <p>
 * Steps return PREPARED or ABORTED with NO_JOIN and READONLY only: RETRY, PAUSE and group selection
 * are not offered. Configured in the deploy file as {@code <step class="..."/>} children.
 */
public final class Chain implements TransactionParticipant, XmlConfigurable {
    private static final Logger LOG = LogManager.getLogger(Chain.class);
    /** The steps that joined this transaction, for commit or abort. */
    private static final String JOINED = "CHAIN_JOINED";

    private TransactionManager tm;
    private List<TransactionParticipant> steps = List.of();

    /** For the TransactionManager, which then calls {@link #setTransactionManager} and {@link #setConfiguration}. */
    public Chain() {
    }

    Chain(List<TransactionParticipant> steps) {
        this.steps = List.copyOf(steps);
    }

    /** Called by the TransactionManager before configuration; its factory creates the steps. */
    public void setTransactionManager(TransactionManager tm) {
        this.tm = tm;
    }

    @Override
    public void setConfiguration(Element e) throws ConfigurationException {
        List<TransactionParticipant> list = new ArrayList<>();
        for (Element step : e.getChildren("step")) {
            String cls = step.getAttributeValue("class");
            if (cls == null) throw new ConfigurationException("<step> without class");
            list.add(tm.getFactory().newInstance(cls));
        }
        if (list.isEmpty()) throw new ConfigurationException("a chain needs at least one <step class=\"...\"/>");
        steps = List.copyOf(list);
    }

    /** The steps, in order (for tests and diagnostics). */
    public List<TransactionParticipant> steps() {
        return steps;
    }

    @Override
    public int prepare(long id, Serializable context) {
        Context ctx = (Context) context;
        List<TransactionParticipant> joined = new ArrayList<>(2);
        boolean aborted = false;
        for (TransactionParticipant p : steps) {
            int action;
            if (aborted) {
                if (!(p instanceof AbortParticipant ap)) continue;
                try {
                    action = ap.prepareForAbort(id, context);
                } catch (Throwable t) {
                    LOG.warn("prepareForAbort of {} failed in transaction {}", p.getClass().getSimpleName(), id, t);
                    action = ABORTED | NO_JOIN;
                }
            } else {
                try {
                    action = p.prepare(id, context);
                } catch (Throwable t) {
                    LOG.warn("prepare of {} failed in transaction {}", p.getClass().getSimpleName(), id, t);
                    action = ABORTED;
                }
                aborted = (action & PREPARED) == ABORTED;
            }
            if ((action & NO_JOIN) == 0) joined.add(p);
        }
        int result = (aborted ? ABORTED : PREPARED) | READONLY;
        if (joined.isEmpty()) return result | NO_JOIN;
        ctx.put(JOINED, joined);
        return result;
    }

    @Override
    public void commit(long id, Serializable context) {
        for (TransactionParticipant p : joined((Context) context)) {
            try {
                p.commit(id, context);
            } catch (Throwable t) {
                LOG.warn("commit of {} failed in transaction {}", p.getClass().getSimpleName(), id, t);
            }
        }
    }

    @Override
    public void abort(long id, Serializable context) {
        for (TransactionParticipant p : joined((Context) context)) {
            try {
                p.abort(id, context);
            } catch (Throwable t) {
                LOG.warn("abort of {} failed in transaction {}", p.getClass().getSimpleName(), id, t);
            }
        }
    }

    private static List<TransactionParticipant> joined(Context ctx) {
        List<TransactionParticipant> joined = ctx.remove(JOINED);
        return joined != null ? joined : List.of();
    }
}
