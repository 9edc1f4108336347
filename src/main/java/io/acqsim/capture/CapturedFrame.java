package io.acqsim.capture;

import java.time.Instant;

/**
 * One frame cut from a captured TCP stream.
 *
 * @param number     the number of the packet that completed it, as Wireshark shows it
 * @param at         that packet's timestamp (null for a pcapng Simple Packet Block)
 * @param connection the connection it travelled on
 * @param fromClient true for the client-to-server direction
 * @param body       what followed the 2-byte length prefix
 */
public record CapturedFrame(long number, Instant at, TcpConnection connection, boolean fromClient, byte[] body) {
}
