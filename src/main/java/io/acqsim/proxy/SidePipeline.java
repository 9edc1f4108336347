package io.acqsim.proxy;

import io.acqsim.fault.Direction;
import io.netty.channel.ChannelPipeline;

/**
 * The handlers of one side of a session, top to bottom, the same for the client side (requests) and
 * the target side (responses):
 * <pre>
 * capture  record the client's view        (client side, with --capture only)
 * frame    2-byte length framing           (message-aware mode only)
 * inspect  unpack → MessageFacts            (message-aware mode only)
 * faults   first triggered rule → its action, on a ChunkWire
 * pace     delays and bandwidth, in order
 * relay    write to the other side, back-pressure, FIN and close
 * </pre>
 */
final class SidePipeline {
    private SidePipeline() {
    }

    static void install(ChannelPipeline p, Session session, Direction direction) {
        if (direction == Direction.REQUEST && session.context.capture() != null) p.addLast("capture", new CaptureTap(session.context.capture()));
        if (session.context.messageAware()) {
            p.addLast("frame", new FrameDecoder());
            p.addLast("inspect", new Inspector(session, direction));
        }
        p.addLast("faults", new FaultStage(session, direction));
        p.addLast("pace", new Pacer(session));
        p.addLast("relay", new Relay(session));
    }
}
