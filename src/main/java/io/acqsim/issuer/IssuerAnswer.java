package io.acqsim.issuer;

import java.time.Duration;

/** The emulated issuer's decision: a response code (null = never answers) after a latency. */
public record IssuerAnswer(String responseCode, Duration latency) {
    public boolean answers() { return responseCode != null; }
}
