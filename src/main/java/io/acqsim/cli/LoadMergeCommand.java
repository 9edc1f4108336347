package io.acqsim.cli;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import io.acqsim.load.LoadReport;
import io.acqsim.load.MergedRuns;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code acqsim load merge FILE...}: the runs of {@code acqsim load --json} (on several machines, at the same time) as
 * one exact summary — counts summed, latency percentiles from the runs' histograms added (not averaged), throughput
 * over the window from the earliest start to the latest end. Exit code, as {@code acqsim load}'s: 0 no errors and no
 * timeouts in any run, 1 some, 2 a missing, foreign or corrupt file.
 */
@Command(name = "merge", mixinStandardHelpOptions = true,
        description = "Merges runs of 'acqsim load --json FILE' (on several machines at the same time) into one summary: totals summed,"
                + " latency percentiles from the runs' HdrHistograms added (not averaged), throughput = all answers / (latest end - earliest"
                + " start). Exit code: 0, 1 when a run had errors or timeouts, 2 for a file it cannot use.")
final class LoadMergeCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Each run's --json file or its .hlog (the other must lie beside it).")
    List<Path> files;

    @Option(names = "--json", paramLabel = "FILE", description = "Also write the merged summary as JSON to FILE (the shape of one run's),"
            + " and the merged histogram beside it under the same base name with .hlog.")
    Path json;

    @Override
    public Integer call() {
        if (json != null && Files.isDirectory(json)) throw new CommandLine.ParameterException(spec.commandLine(), "--json " + json + " is a directory");
        MergedRuns m = MergedRuns.read(files);
        PrintStream out = System.out;
        for (String w : m.warnings()) spec.commandLine().getErr().println("acqsim: warning: " + w);
        LoadReport.mergeSummary(out, m);
        if (json != null) {
            Path hlog = m.write(json);
            out.println("  json            " + json);
            out.println("  histogram       " + hlog);
        }
        return m.errors() == 0 && m.timeouts() == 0 ? 0 : 1;
    }
}
