package io.acqsim.q2;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.jpos.iso.ISOException;
import org.jpos.iso.ISOMsg;
import org.jpos.iso.ISOSource;
import org.jpos.iso.IncomingListener;

import io.acqsim.fault.Direction;
import io.acqsim.fault.FaultLayer;
import io.acqsim.fault.FaultRegistry;
import io.acqsim.fault.Link;
import io.acqsim.fault.MessageFacts;
import io.acqsim.fault.NetworkAction;
import io.acqsim.fault.NetworkRule;
import io.acqsim.host.HostServices;
import io.acqsim.iso.TerminalMessage;

/**
 * Hands each terminal request to the TransactionManager's queue (jPOS IncomingListener, with the
 * profile added to the context by the {@code ctx.PROFILE} property). A zero-length frame carries no
 * MTI: it is a keep-alive and is not queued.
 * <p>
 * It is also the request side of the in-host terminal-link fault layer. With no fault registered it
 * reads two volatile lists and queues the request. Otherwise, in this order:
 * <ul>
 *   <li>a connection made deaf by a blackhole: the request is read and ignored;</li>
 *   <li>a host maintenance window that refuses connections: the connection is closed (new connections
 *       are refused at accept time by {@link BoundPortSocketFactory});</li>
 *   <li>the first {@link Link#TERMINAL} {@link Direction#REQUEST} rule that selects the request acts:
 *   <ul>
 *     <li>drop-request: not queued, never answered;</li>
 *     <li>drop-response (a rule forced onto requests): processed and recorded, its answer is not sent;</li>
 *     <li>reset: not queued, the connection is closed with SO_LINGER 0 (the terminal sees a RST);</li>
 *     <li>blackhole: not queued, the connection goes deaf (above) and stays open;</li>
 *     <li>duplicate: queued twice, so the host sees a retransmission and answers both;</li>
 *     <li>latency: queued after the delay (+ jitter) by a virtual thread; the channel goes on reading.
 *         Wall-clock time, whatever the simulated clock does; a later request on the same connection
 *         that is not delayed can overtake it;</li>
 *     <li>bandwidth: latency of the frame's size at that rate;</li>
 *     <li>close-after-bytes: the host got only part of the frame, then the connection ended: nothing is
 *         queued and the connection is closed (FIN); when N is at least the frame's size the whole
 *         request got through: the connection is closed, then the request queued, so it is processed
 *         and recorded and its answer is lost;</li>
 *     <li>corrupt, target bitmap: the host cannot read the fields, as for any frame whose MTI alone is
 *         readable: the request is answered 30 (format error); target mti: the frame is unreadable and
 *         the connection is closed, as {@link io.acqsim.iso.TerminalChannel} does for such frames.</li>
 *   </ul></li>
 * </ul>
 * Byte-level forms of these (a frame cut mid-way as the host's reader sees it, real bit flips, a slow
 * link) are the fault proxy's.
 */
public final class TerminalRequestListener extends IncomingListener {
    private static final Logger LOG = LogManager.getLogger("acqsim.faults");

    private HostServices services;

    @Override
    public boolean process(ISOSource source, ISOMsg m) {
        if (!m.hasField(0)) return true;
        if (FaultLayer.BYPASS) return queue(source, m);
        if (TerminalConnections.isDeaf(source)) {
            LOG.debug("blackholed connection: ignoring {}", describe(m));
            return true;
        }
        FaultRegistry faults = services().faults();
        if (faults.rules().isEmpty() && faults.maintenance().isEmpty()) return queue(source, m);
        Instant now = services().clock().instant();
        FaultRegistry.Maintenance maintenance = faults.maintenanceAt(now);
        if (maintenance != null && maintenance.answer() == null) {
            LOG.info("{} host maintenance: closing the connection that sent {}", maintenance.faultId(), describe(m));
            TerminalConnections.close(source);
            return true;
        }
        NetworkRule rule = faults.network(Link.TERMINAL, Direction.REQUEST, MessageFacts.of(m), now);
        return rule == null ? queue(source, m) : apply(rule, source, m);
    }

    private boolean apply(NetworkRule rule, ISOSource source, ISOMsg m) {
        NetworkAction action = rule.action();
        LOG.info("{} terminal request {}: {}", rule.faultId(), action.name(), describe(m));
        switch (action) {
            case NetworkAction.DropRequest d -> { }
            case NetworkAction.DropResponse d -> queue(new Mute(source), m);
            case NetworkAction.Reset r -> TerminalConnections.reset(source);
            case NetworkAction.Blackhole b -> TerminalConnections.deafen(source);
            case NetworkAction.Duplicate d -> {
                queue(source, m);
                queue(source, (ISOMsg) m.clone());
            }
            case NetworkAction.Latency l -> queueAfter(l.draw(ThreadLocalRandom.current()), source, m);
            case NetworkAction.Bandwidth b -> queueAfter(b.timeFor(frameLength(m)), source, m);
            case NetworkAction.CloseAfterBytes c -> {
                boolean whole = c.bytes() >= frameLength(m);
                TerminalConnections.close(source);
                if (whole) queue(source, m);
            }
            case NetworkAction.Corrupt c -> {
                if ("mti".equals(c.target())) TerminalConnections.close(source);
                else queue(source, unreadable(m, "primary bitmap corrupted by fault " + rule.faultId()));
            }
        }
        return true;
    }

    private boolean queue(ISOSource source, ISOMsg m) {
        return super.process(source, m);
    }

    private void queueAfter(Duration delay, ISOSource source, ISOMsg m) {
        Thread.ofVirtual().name("acqsim-fault-request-latency").start(() -> {
            try {
                Thread.sleep(delay);
                queue(source, m);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    /** What the channel hands on for a frame it could only read the MTI of (see TerminalChannel). */
    private static ISOMsg unreadable(ISOMsg m, String reason) {
        TerminalMessage out = new TerminalMessage();
        try {
            out.setMTI(m.getMTI());
        } catch (ISOException e) {
            throw new IllegalStateException("a queued request has an MTI", e);
        }
        out.setHeader(m.getHeader());
        out.setDirection(m.getDirection());
        out.setPackager(m.getPackager());
        out.formatError(reason);
        return out;
    }

    /** The request's size on the wire: length prefix, header, packed message. */
    private static int frameLength(ISOMsg m) {
        int header = m.getHeader() != null ? m.getHeader().length : 0;
        try {
            return 2 + header + m.pack().length;
        } catch (ISOException e) {
            return 2 + header;
        }
    }

    /** The request's connection, except that its answer goes nowhere. */
    private record Mute(ISOSource source) implements ISOSource {
        @Override
        public void send(ISOMsg m) {
            LOG.debug("answer {} STAN {} dropped", m.getString(0), m.getString(11));
        }

        @Override
        public boolean isConnected() {
            return source.isConnected();
        }
    }

    private static String describe(ISOMsg m) {
        return m.getString(0) + " " + m.getString(41) + " STAN " + m.getString(11);
    }

    private HostServices services() {
        if (services == null) services = HostServices.get();
        return services;
    }
}
