package io.acqsim.capture;

/**
 * One TCP segment as a packet carried it. The payload is {@code length} bytes of {@code data} from
 * {@code offset}, shared with the packet: copy it to keep it. When the capture cut the packet short
 * ({@code lost}), {@code length} is the payload's real length and {@code data} is null.
 */
public record TcpSegment(Endpoint source, Endpoint destination, int seq, int ack, int flags, byte[] data, int offset, int length, boolean lost) {
    public static final int FIN = 0x01, SYN = 0x02, RST = 0x04, PSH = 0x08, ACK = 0x10;

    public boolean has(int flag) {
        return (flags & flag) != 0;
    }
}
