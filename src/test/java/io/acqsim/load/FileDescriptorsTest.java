package io.acqsim.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.OptionalLong;

import org.junit.jupiter.api.Test;

class FileDescriptorsTest {
    private static final List<String> LIMITS = List.of(
            "Limit                     Soft Limit           Hard Limit           Units     ",
            "Max processes             192730               192730               processes ",
            "Max open files            4096                 20000                files     ",
            "Max locked memory         8388608              8388608              bytes     ");

    @Test
    void readsTheSoftLimitOfOpenFiles() {
        assertEquals(OptionalLong.of(4096), FileDescriptors.softLimit(LIMITS));
        assertEquals(OptionalLong.empty(), FileDescriptors.softLimit(List.of("Max open files            unlimited            unlimited            files")));
        assertEquals(OptionalLong.empty(), FileDescriptors.softLimit(List.of("Max processes             1                    1")));
    }

    @Test
    void tellsTheUserWhatToRaiseWhenTheTerminalsDoNotFit() {
        assertNull(FileDescriptors.shortfall(1000, 100, 4096));
        assertNull(FileDescriptors.shortfall(3996, 100, 4096));
        String problem = FileDescriptors.shortfall(10_000, 100, 4096);
        assertTrue(problem.startsWith("10000 terminals need about 10100 open files"), problem);
        assertTrue(problem.contains("may open only 4096") && problem.contains("'ulimit -n 11000'"), problem);
    }

    @Test
    void thisProcessCanReadItsOwnLimitOnLinux() {
        if (!System.getProperty("os.name").startsWith("Linux")) return;
        OptionalLong limit = FileDescriptors.limit();
        assertTrue(limit.isEmpty() || limit.getAsLong() > 0, limit.toString());
    }
}
