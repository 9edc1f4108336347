package io.acqsim.proxy;

import java.time.Clock;
import java.util.function.Consumer;

import org.jpos.iso.ISOPackager;

import io.acqsim.capture.TcpCaptureWriter;
import io.acqsim.fault.FaultRegistry;
import io.acqsim.iso.Profile;

/**
 * What every session of one proxy shares: the rules, the clock their windows are read on, the
 * profile and packager in message-aware mode (both null in byte mode), and where fault activity is
 * reported besides the log; {@code capture} records the client side (null: no capture).
 */
record ProxyContext(FaultRegistry registry, Clock clock, Profile profile, ISOPackager packager, Consumer<String> monitor,
                    TcpCaptureWriter capture) {
    boolean messageAware() {
        return profile != null;
    }
}
