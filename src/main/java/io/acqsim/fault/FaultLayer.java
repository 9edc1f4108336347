package io.acqsim.fault;

/**
 * Switches for the in-host fault layer as a whole. {@code -Dacqsim.faults.bypass=true} makes the
 * terminal listener, the response sender, the maintenance check and the issuer emulation skip the
 * {@link FaultRegistry} entirely, as if the layer were not there. It exists for the overhead benchmark
 * ({@code bench/fault-overhead}), which runs the host with and without it; a host started with it
 * ignores every fault added to it.
 */
public final class FaultLayer {
    public static final boolean BYPASS = Boolean.getBoolean("acqsim.faults.bypass");

    private FaultLayer() {
    }
}
