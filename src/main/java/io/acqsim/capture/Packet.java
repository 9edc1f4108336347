package io.acqsim.capture;

import java.time.Instant;

/**
 * One packet record of a capture file.
 *
 * @param number         its number in the file, as Wireshark shows it (the first is 1)
 * @param at             its timestamp; null for a pcapng Simple Packet Block, which has none
 * @param linkType       the LINKTYPE_ value of its interface (1 Ethernet, 113 Linux cooked ...)
 * @param data           the captured bytes; fewer than {@code originalLength} when the capture cut it
 * @param originalLength how long the packet was on the wire
 */
public record Packet(long number, Instant at, int linkType, byte[] data, long originalLength) {
    public PacketRef ref() {
        return new PacketRef(number, at);
    }
}
