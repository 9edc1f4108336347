package io.acqsim.cli;

import java.nio.file.Path;

/** Where acqsim's own files are (deploy/, cfg/): {@code -Dacqsim.home}, set by bin/acqsim, else the working directory. */
final class Home {
    private Home() {
    }

    static Path dir() {
        return Path.of(System.getProperty("acqsim.home", ".")).toAbsolutePath().normalize();
    }

    /** Points the Log4j application log at DATA/log before anything logs. */
    static void logTo(Path dataDir) {
        System.setProperty("acqsim.log.dir", dataDir.resolve("log").toAbsolutePath().toString());
    }
}
