package io.acqsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** How {@code cluster status} prints a heartbeat's age. */
class ClusterCommandTest {
    @Test
    void agesReadAsPeopleReadThem() {
        assertEquals("0.0 s", ClusterCommand.age(0));
        assertEquals("0.4 s", ClusterCommand.age(449));
        assertEquals("9.9 s", ClusterCommand.age(9_949));
        assertEquals("12 s", ClusterCommand.age(12_300));
        assertEquals("2 min", ClusterCommand.age(120_000));
        assertEquals("119 min", ClusterCommand.age(7_199_000));
        assertEquals("2 h", ClusterCommand.age(7_200_000));
        assertEquals("2 d", ClusterCommand.age(172_800_000));
    }
}
