package io.acqsim.capture;

import java.time.Instant;

/**
 * A packet of the capture as frames and problems refer to it.
 *
 * @param number the packet's number, as Wireshark shows it (the first is 1)
 * @param at     its timestamp; null for a pcapng Simple Packet Block, which has none
 */
public record PacketRef(long number, Instant at) {
}
