package io.acqsim.host.link;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Arrays;

import org.jpos.iso.ISOException;
import org.jpos.iso.ISOMsg;
import org.jpos.iso.ISOSource;

import io.acqsim.fault.Bandwidth;
import io.acqsim.fault.Wire;
import io.acqsim.iso.TerminalChannel;

/**
 * A terminal response a fault selected, on the connection its request came from: "handed on" means
 * sent on the terminal's channel.
 * <ul>
 *   <li>passAfter, passAtRate (the frame's size at that rate): sent later by a virtual thread, so the
 *       TransactionManager session is free at once; wall-clock time; if the terminal has closed the
 *       connection by then, or it went deaf, the answer is lost;</li>
 *   <li>passCorrupted: the framed message is sent with every bit of its primary bitmap (or MTI) inverted;</li>
 *   <li>passFirstBytes: only the first N bytes of the frame are sent, then the connection is closed;</li>
 *   <li>drop and loseAnswer: not sent (the request was processed and recorded; the terminal times out);</li>
 *   <li>reset: not sent, the connection is closed with SO_LINGER 0 (the terminal sees a RST);</li>
 *   <li>blackhole: not sent, and the connection goes deaf: it stays open, nothing more is answered.</li>
 * </ul>
 * A failure to send is thrown unchecked, for the response sender to log.
 */
record ResponseWire(ISOSource source, ISOMsg response, TerminalConnections connections) implements ConnectionWire {

    @Override
    public void pass() {
        io(() -> {
            source.send(response);
            return null;
        });
    }

    @Override
    public void passAfter(Duration delay) {
        Thread.ofVirtual().name("acqsim-fault-response-latency").start(() -> {
            try {
                Thread.sleep(delay);
                if (!source.isConnected() || connections.isDeaf(source)) {
                    TerminalLinkFaults.LOG.info("late {} STAN {} not sent: the connection is gone", response.getString(0), response.getString(11));
                    return;
                }
                source.send(response);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (IOException | ISOException e) {
                TerminalLinkFaults.LOG.info("late {} STAN {} not sent: {}", response.getString(0), response.getString(11), e.getMessage());
            }
        });
    }

    @Override
    public void passAtRate(long bytesPerSecond) {
        passAfter(Bandwidth.timeFor(frame(null).length, bytesPerSecond));
    }

    @Override
    public void passTwice() {
        pass();
        pass();
    }

    @Override
    public void passFirstBytes(int bytes) {
        byte[] frame = frame(null);
        if (bytes > 0) sendRaw(Arrays.copyOf(frame, Math.min(bytes, frame.length)));
        TerminalConnections.close(source);
    }

    @Override
    public void passCorrupted(String target) {
        sendRaw(frame(target));
    }

    @Override
    public void drop() {
        // not sent: the terminal times out
    }

    @Override
    public void loseAnswer() {
        drop();
    }

    /** The response as the connection's channel frames it, its bitmap or MTI inverted when {@code corrupt} is not null. */
    private byte[] frame(String corrupt) {
        if (!(source instanceof TerminalChannel c)) throw new IllegalStateException("cannot frame on " + source.getClass().getName());
        return io(() -> c.frame(response, corrupt == null ? b -> b : b -> {
            try {
                return c.corrupt(b, corrupt);
            } catch (ISOException e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
        }));
    }

    private void sendRaw(byte[] bytes) {
        io(() -> {
            ((TerminalChannel) source).send(bytes);
            return null;
        });
    }

    private interface Io<T> {
        T run() throws IOException, ISOException;
    }

    private static <T> T io(Io<T> call) {
        try {
            return call.run();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ISOException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }
}
