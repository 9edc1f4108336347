package io.acqsim.proxy;

import java.time.Clock;
import java.util.function.Consumer;

import org.jpos.iso.ISOPackager;

import io.acqsim.fault.FaultRegistry;
import io.acqsim.iso.Profile;

/**
 * What every session of one proxy shares: the rules, the clock their windows are read on, the
 * profile and packager in message-aware mode (both null in byte mode), and where fault activity is
 * reported besides the log.
 */
record ProxyContext(FaultRegistry registry, Clock clock, Profile profile, ISOPackager packager, Consumer<String> monitor) {
    boolean messageAware() {
        return profile != null;
    }
}
