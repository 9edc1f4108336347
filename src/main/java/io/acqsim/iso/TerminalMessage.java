package io.acqsim.iso;

import org.jpos.iso.ISOMsg;

/**
 * An ISOMsg as the terminal channel received it. When the frame could not be unpacked but its MTI
 * could be read, the channel hands on a message holding only the MTI and {@link #formatError()},
 * so the host can answer 30 instead of dropping the connection.
 */
public class TerminalMessage extends ISOMsg {
    private String formatError;
    private long receivedNanos;
    private byte[] raw;

    public String formatError() { return formatError; }

    public void formatError(String reason) { this.formatError = reason; }

    public boolean hasFormatError() { return formatError != null; }

    /** {@link System#nanoTime()} when the channel had read and unpacked it; 0 when not received by a channel. */
    public long receivedNanos() { return receivedNanos; }

    public void receivedNanos(long nanos) { this.receivedNanos = nanos; }

    /**
     * The message as it came off the wire, from the MTI on (no length prefix, no header), when it was
     * unpacked whole; null otherwise. The MAC check reads it (io.acqsim.keys.MessageMac). Not a copy:
     * do not modify.
     */
    public byte[] raw() { return raw; }

    public void raw(byte[] bytes) { this.raw = bytes; }
}
