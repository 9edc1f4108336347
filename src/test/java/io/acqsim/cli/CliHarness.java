package io.acqsim.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;

import picocli.CommandLine;

/** Runs {@code acqsim ARGS...} in this JVM as bin/acqsim would, for tests of other packages; captures stdout and stderr. */
public final class CliHarness {
    public record Run(int exit, String out, String err) {
    }

    private CliHarness() {
    }

    public static synchronized Run execute(String... args) {
        PrintStream stdout = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        // before the CommandLine exists: picocli's subcommands (usage, --help) write to the System.out of their creation
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            CommandLine cl = AcqsimCli.commandLine();
            StringWriter err = new StringWriter();
            cl.setErr(new PrintWriter(err, true));
            int exit = cl.execute(args);
            System.out.flush();
            return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString());
        } finally {
            System.setOut(stdout);
        }
    }
}
