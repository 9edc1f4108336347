package io.acqsim.proxy;

import static org.junit.jupiter.api.Assertions.fail;

import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.ZoneId;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

import io.acqsim.fault.FaultRegistry;
import io.acqsim.iso.Profile;
import io.acqsim.terminal.RequestFactory;

/** Shared bits of the proxy tests: starting a proxy from --fault specs, terminals' requests, waiting on a condition. */
final class ProxyTesting {
    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    static final String PAN = "6222021234567890123";
    static final InetSocketAddress ANY_PORT = new InetSocketAddress("127.0.0.1", 0);

    private ProxyTesting() {
    }

    static FaultProxy proxy(InetSocketAddress target, Profile profile, String... specs) {
        return proxy(target, profile, 7, Clock.systemUTC(), specs);
    }

    static FaultProxy proxy(InetSocketAddress target, Profile profile, long seed, Clock clock, String... specs) {
        FaultRegistry registry = new FaultRegistry(seed);
        for (String s : specs) InlineFault.add(registry, s, profile != null);
        return FaultProxy.start(FaultProxy.Config.of(ANY_PORT, target, profile, registry).withClock(clock));
    }

    static RequestFactory terminal(Profile p, int n) {
        return new RequestFactory(p, String.format("T%07d", n), String.format("M%014d", (n - 1) % 10 + 1), Clock.systemUTC(), SHANGHAI);
    }

    static String stan(int n) {
        return String.format("%06d", n);
    }

    /** Polls {@code condition} every 5 ms for up to 5 s. */
    static void await(BooleanSupplier condition, String what) {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) fail("timed out waiting until " + what);
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
    }
}
