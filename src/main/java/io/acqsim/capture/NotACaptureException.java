package io.acqsim.capture;

import java.io.IOException;

/** The file is neither pcap nor pcapng: it does not start with one of their magic numbers. */
public final class NotACaptureException extends IOException {
    public NotACaptureException(String message) {
        super(message);
    }
}
