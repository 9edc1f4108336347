package io.acqsim.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;

/**
 * How many files this process may have open, as Linux tells it in {@code /proc/self/limits} ("Max open
 * files"): every terminal of a load run holds a connection, and a run of 10,000 terminals fails half-way
 * where the limit is 1,024 or 4,096. The JVM already raises its soft limit to the hard limit at start
 * (HotSpot's {@code -XX:+MaxFDLimit}), so what is read here is what the process can have; beyond it only
 * the user can help ({@code ulimit -n}, or the hard limit in /etc/security/limits.conf or the service's
 * LimitNOFILE).
 */
final class FileDescriptors {
    private static final Path LIMITS = Path.of("/proc/self/limits");

    private FileDescriptors() {
    }

    /** The soft limit on open files, or empty where /proc/self/limits cannot be read (not Linux) or says "unlimited". */
    static OptionalLong limit() {
        try {
            return softLimit(Files.readAllLines(LIMITS));
        } catch (IOException | RuntimeException e) {
            return OptionalLong.empty();
        }
    }

    /** The soft limit of the "Max open files" row of a /proc/PID/limits text, or empty. */
    static OptionalLong softLimit(List<String> limits) {
        for (String line : limits) {
            if (!line.startsWith("Max open files")) continue;
            String[] cols = line.substring("Max open files".length()).trim().split("\\s+");
            if (cols.length == 0 || !cols[0].chars().allMatch(Character::isDigit) || cols[0].isEmpty()) return OptionalLong.empty();
            return OptionalLong.of(Long.parseLong(cols[0]));
        }
        return OptionalLong.empty();
    }

    /** What to tell the user when {@code terminals} connections and {@code spare} other files exceed {@code limit}, else null. */
    static String shortfall(int terminals, int spare, long limit) {
        long needed = (long) terminals + spare;
        if (needed <= limit) return null;
        return terminals + " terminals need about " + needed + " open files (a connection each), but this process may open only "
                + limit + ". Raise the limit in the shell that starts acqsim, e.g. 'ulimit -n " + roundUp(needed)
                + "' (up to the hard limit, 'ulimit -Hn'; raising that takes root: /etc/security/limits.conf), or run fewer terminals.";
    }

    private static long roundUp(long n) {
        return (n + 999) / 1000 * 1000;
    }
}
