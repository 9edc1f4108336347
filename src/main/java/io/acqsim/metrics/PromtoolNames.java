package io.acqsim.metrics;

import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Two meters of Micrometer's JVM binders (Q2 binds them) have names {@code promtool check metrics} refuses:
 * {@code process_cpu_time_ns_total} (an abbreviated unit, nanoseconds) and {@code system_cpu_count} (a
 * {@code _count} suffix on a gauge). In the host's Prometheus registry they are replaced by
 * {@code process_cpu_seconds_total} (Prometheus's own name for it, in seconds) and {@code system_cpu_processors}.
 * Only that registry changes: the meters stay in Micrometer's global one.
 */
final class PromtoolNames {
    private PromtoolNames() {
    }

    static void apply(MeterRegistry registry) {
        registry.find("process.cpu.time").meters().forEach(registry::remove);
        registry.find("system.cpu.count").meters().forEach(registry::remove);
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            FunctionCounter.builder("process.cpu", os, o -> o.getProcessCpuTime() / 1e9).baseUnit("seconds")
                    .description("CPU time the JVM process used.").register(registry);
        }
        OperatingSystemMXBean system = ManagementFactory.getOperatingSystemMXBean();
        Gauge.builder("system.cpu.processors", system, OperatingSystemMXBean::getAvailableProcessors)
                .description("Processors available to the Java virtual machine.").register(registry);
    }
}
