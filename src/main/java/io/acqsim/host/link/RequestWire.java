package io.acqsim.host.link;

import java.time.Duration;

import org.jpos.iso.ISOException;
import org.jpos.iso.ISOMsg;
import org.jpos.iso.ISOSource;

import io.acqsim.fault.Bandwidth;
import io.acqsim.fault.Wire;
import io.acqsim.iso.TerminalMessage;

/**
 * A terminal request a fault selected, as the host's listener holds it: already read off the channel,
 * so "handed on" means queued for the TransactionManager, and the byte-level actions act out what the
 * host's reader would have made of the damaged bytes:
 * <ul>
 *   <li>passAfter, passAtRate: queued after the delay (or the frame's size at that rate) by a virtual
 *       thread, while the channel goes on reading; wall-clock time, whatever the simulated clock does;
 *       a later request on the same connection that is not delayed can overtake it;</li>
 *   <li>passTwice: queued twice, so the host sees a retransmission and answers both;</li>
 *   <li>passFirstBytes: the host got only part of the frame, then the connection ended: nothing is
 *       queued and the connection is closed (FIN); when N is at least the frame's size the whole
 *       request got through: the connection is closed, then the request queued, so it is processed and
 *       recorded and its answer is lost;</li>
 *   <li>passCorrupted, bitmap: the host cannot read the fields, as for any frame whose MTI alone is
 *       readable: answered 30 (format error); mti: the frame is unreadable and the connection is closed,
 *       as {@link io.acqsim.iso.TerminalChannel} does for such frames;</li>
 *   <li>loseAnswer: processed and recorded, its answer is not sent;</li>
 *   <li>drop: not queued, never answered; reset: not queued, the connection is closed with SO_LINGER 0;
 *       blackhole: not queued, the connection goes deaf and stays open.</li>
 * </ul>
 */
record RequestWire(ISOSource source, ISOMsg m, TerminalLinkFaults.Queue queue, TerminalConnections connections, String faultId)
        implements ConnectionWire {

    @Override
    public void pass() {
        queue.put(source, m);
    }

    @Override
    public void passAfter(Duration delay) {
        Thread.ofVirtual().name("acqsim-fault-request-latency").start(() -> {
            try {
                Thread.sleep(delay);
                pass();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    @Override
    public void passAtRate(long bytesPerSecond) {
        passAfter(Bandwidth.timeFor(frameLength(), bytesPerSecond));
    }

    @Override
    public void passTwice() {
        queue.put(source, m);
        queue.put(source, (ISOMsg) m.clone());
    }

    @Override
    public void passFirstBytes(int bytes) {
        boolean whole = bytes >= frameLength();
        TerminalConnections.close(source);
        if (whole) pass();
    }

    @Override
    public void passCorrupted(String target) {
        if ("mti".equals(target)) TerminalConnections.close(source);
        else queue.put(source, unreadable("primary bitmap corrupted by fault " + faultId));
    }

    @Override
    public void drop() {
        // never queued: the terminal waits in vain
    }

    @Override
    public void loseAnswer() {
        queue.put(new Mute(source), m);
    }

    /** What the channel hands on for a frame it could only read the MTI of (see TerminalChannel). */
    private ISOMsg unreadable(String reason) {
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
    private int frameLength() {
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
            TerminalLinkFaults.LOG.debug("answer {} STAN {} dropped", m.getString(0), m.getString(11));
        }

        @Override
        public boolean isConnected() {
            return source.isConnected();
        }
    }
}
