package io.acqsim.ledger;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Lowers the calling thread's scheduling priority (its nice value), so work that can wait — applying the
 * journal to the tables — takes the CPU only when the hot path leaves it. Java's thread priorities
 * have no effect on Linux; {@code setpriority(PRIO_PROCESS, 0, nice)} acts on the calling thread there.
 * Elsewhere, or if the call fails, nothing changes and the thread runs at normal priority.
 */
final class BackgroundPriority {
    private static final Logger LOG = LogManager.getLogger(BackgroundPriority.class);

    private BackgroundPriority() {
    }

    /** Sets the calling thread's nice value (0 normal, 19 lowest); true if it took effect. */
    static boolean lower(int nice) {
        if (!System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).contains("linux")) return false;
        try {
            Linker linker = Linker.nativeLinker();
            MethodHandle setpriority = linker.downcallHandle(linker.defaultLookup().find("setpriority").orElseThrow(),
                    FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
            return (int) setpriority.invokeExact(0, 0, nice) == 0;
        } catch (Throwable e) {
            LOG.debug("cannot lower the priority of {}: {}", Thread.currentThread().getName(), e.toString());
            return false;
        }
    }
}
