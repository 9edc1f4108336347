package io.acqsim.issuer;

import java.time.Duration;

import io.acqsim.message.ResponseCode;

/** The emulated issuer's decision: a response code (null = never answers) after a latency. */
public record IssuerAnswer(ResponseCode responseCode, Duration latency) {
    public boolean answers() { return responseCode != null; }
}
