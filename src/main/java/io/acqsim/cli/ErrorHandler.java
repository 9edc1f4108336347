package io.acqsim.cli;

import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;

import io.acqsim.admin.AdminClient;
import io.acqsim.clearing.ClearingException;
import io.acqsim.ledger.LedgerException;
import io.acqsim.payout.PayoutException;
import io.acqsim.settlement.SettlementException;
import io.acqsim.yaml.FileError;
import picocli.CommandLine;

/**
 * Turns the failures a user can fix into one clear line and exit code 2 (a bad config file names the
 * file and key); anything else is a bug and keeps its stack trace.
 */
final class ErrorHandler implements CommandLine.IExecutionExceptionHandler {
    @Override
    public int handleExecutionException(Exception e, CommandLine cl, CommandLine.ParseResult parsed) {
        if (e instanceof FileError || e instanceof LedgerException || e instanceof UncheckedIOException
                || e instanceof IllegalArgumentException || e instanceof IllegalStateException || e instanceof java.io.IOException
                || e instanceof AdminClient.Failure || e instanceof SettlementException || e instanceof ClearingException
                || e instanceof PayoutException) {
            cl.getErr().println("acqsim: " + message(e));
            return 2;
        }
        e.printStackTrace(cl.getErr());
        return 3;
    }

    /** The JDK's file errors carry only the path as their message; say what went wrong with it. */
    static String message(Throwable e) {
        Throwable file = e instanceof UncheckedIOException u && u.getCause() instanceof FileSystemException ? u.getCause() : e;
        return switch (file) {
            case NoSuchFileException f -> f.getFile() + ": no such file";
            case AccessDeniedException f -> f.getFile() + ": permission denied";
            case FileSystemException f when f.getReason() == null -> f.getFile() + ": cannot be read or written (" + f.getClass().getSimpleName() + ")";
            case FileSystemException f -> f.getFile() + ": " + f.getReason();
            default -> e.getMessage();
        };
    }
}
