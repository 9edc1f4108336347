package io.acqsim.cli;

import java.io.UncheckedIOException;

import io.acqsim.admin.AdminClient;
import io.acqsim.config.ConfigError;
import io.acqsim.ledger.LedgerException;
import io.acqsim.scenario.ScenarioError;
import io.acqsim.settlement.SettlementException;
import picocli.CommandLine;

/**
 * Turns the failures a user can fix into one clear line and exit code 2 (a bad config file names the
 * file and key); anything else is a bug and keeps its stack trace.
 */
final class ErrorHandler implements CommandLine.IExecutionExceptionHandler {
    @Override
    public int handleExecutionException(Exception e, CommandLine cl, CommandLine.ParseResult parsed) {
        if (e instanceof ConfigError || e instanceof LedgerException || e instanceof UncheckedIOException
                || e instanceof IllegalArgumentException || e instanceof IllegalStateException || e instanceof java.io.IOException
                || e instanceof AdminClient.Failure || e instanceof SettlementException || e instanceof ScenarioError) {
            cl.getErr().println("acqsim: " + e.getMessage());
            return 2;
        }
        e.printStackTrace(cl.getErr());
        return 3;
    }
}
