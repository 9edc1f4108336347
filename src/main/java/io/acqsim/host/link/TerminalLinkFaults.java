package io.acqsim.host.link;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.jpos.iso.ISOException;
import org.jpos.iso.ISOMsg;
import org.jpos.iso.ISOSource;

import io.acqsim.fault.Direction;
import io.acqsim.fault.FaultRegistry;
import io.acqsim.fault.Link;
import io.acqsim.fault.MessageFacts;
import io.acqsim.fault.NetworkRule;

/**
 * The in-host terminal-link fault layer of one host, request side and response side, and the state of
 * its connections (which ones a blackhole made deaf). The terminal listener hands it every request,
 * the response sender every response; the first {@link Link#TERMINAL} rule of the message's direction
 * that selects it acts through the rule's {@link io.acqsim.fault.NetworkAction} on a
 * {@link RequestWire} or {@link ResponseWire}. With no fault registered a message costs two volatile
 * reads. A bypassed registry ({@link FaultRegistry#bypassed}) is not consulted at all.
 * <p>
 * Before the rules: a deaf connection's requests are read and ignored and it gets no response; while a
 * host maintenance window refuses connections, a request closes its connection (new connections are
 * refused at accept time, see {@link #refusingConnections}). Byte-level forms of the actions (a frame
 * cut mid-way as the host's reader sees it, real bit flips, a slow link) are the fault proxy's.
 */
public final class TerminalLinkFaults {
    /** Where a request that gets through goes: the TransactionManager's queue. */
    @FunctionalInterface
    public interface Queue {
        void put(ISOSource source, ISOMsg request);
    }

    static final Logger LOG = LogManager.getLogger("acqsim.faults");

    private final FaultRegistry faults;
    private final Clock clock;
    private final TerminalConnections connections = new TerminalConnections();

    public TerminalLinkFaults(FaultRegistry faults, Clock clock) {
        this.faults = faults;
        this.clock = clock;
    }

    /** A request the channel read (it has an MTI): queued, or what the faults make of it. */
    public void request(ISOSource source, ISOMsg m, Queue queue) {
        if (faults.bypassed()) {
            queue.put(source, m);
            return;
        }
        if (connections.isDeaf(source)) {
            LOG.debug("blackholed connection: ignoring {}", describe(m));
            return;
        }
        if (faults.rules().isEmpty() && faults.maintenance().isEmpty()) {
            queue.put(source, m);
            return;
        }
        Instant now = clock.instant();
        FaultRegistry.Maintenance maintenance = faults.maintenanceAt(now);
        if (maintenance != null && maintenance.answer() == null) {
            LOG.info("{} host maintenance: closing the connection that sent {}", maintenance.faultId(), describe(m));
            TerminalConnections.close(source);
            return;
        }
        NetworkRule rule = faults.network(Link.TERMINAL, Direction.REQUEST, MessageFacts.of(m), now);
        if (rule == null) {
            queue.put(source, m);
            return;
        }
        LOG.info("{} terminal request {}: {}", rule.faultId(), rule.action().name(), describe(m));
        rule.action().act(new RequestWire(source, m, queue, connections, rule.faultId()));
    }

    /**
     * Sends {@code response} to {@code request} on {@code source}, or what the faults make of it. Rules
     * are selected with the request's facts and the response's MTI, so {@code mti: "0200"} and
     * {@code mti: "0210"} both select the 0210.
     */
    public void respond(ISOSource source, ISOMsg request, ISOMsg response) throws IOException, ISOException {
        if (faults.bypassed()) {
            source.send(response);
            return;
        }
        if (connections.isDeaf(source)) {
            LOG.debug("blackholed connection: not answering {} STAN {}", response.getString(0), response.getString(11));
            return;
        }
        NetworkRule rule = faults.rules().isEmpty() ? null : faults.network(Link.TERMINAL, Direction.RESPONSE, facts(request, response),
                clock.instant());
        if (rule == null) {
            source.send(response);
            return;
        }
        LOG.info("{} terminal response {}: {} {} STAN {}", rule.faultId(), rule.action().name(), response.getString(0),
                response.getString(41), response.getString(11));
        rule.action().act(new ResponseWire(source, response, connections));
    }

    /** The host maintenance window that refuses connections now, if any: the listening socket resets them at accept. */
    public FaultRegistry.Maintenance refusingConnections() {
        if (faults.bypassed() || faults.maintenance().isEmpty()) return null;
        FaultRegistry.Maintenance m = faults.maintenanceAt(clock.instant());
        return m != null && m.answer() == null ? m : null;
    }

    private static MessageFacts facts(ISOMsg request, ISOMsg response) {
        MessageFacts r = MessageFacts.of(request);
        return new MessageFacts(response.getString(0), r.processingCode(), r.tid(), r.mid(), r.amount());
    }

    static String describe(ISOMsg m) {
        return m.getString(0) + " " + m.getString(41) + " STAN " + m.getString(11);
    }
}
