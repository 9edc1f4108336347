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

    public String formatError() { return formatError; }

    public void formatError(String reason) { this.formatError = reason; }

    public boolean hasFormatError() { return formatError != null; }

    /** {@link System#nanoTime()} when the channel had read and unpacked it; 0 when not received by a channel. */
    public long receivedNanos() { return receivedNanos; }

    public void receivedNanos(long nanos) { this.receivedNanos = nanos; }
}
