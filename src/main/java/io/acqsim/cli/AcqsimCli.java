package io.acqsim.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code bin/acqsim}: one entry point, one subcommand per job. */
@Command(name = "acqsim", mixinStandardHelpOptions = true, version = "acqsim 0.1.0",
        description = "jPOS acquirer host and payment-switch simulator.",
        subcommands = {RunCommand.class, TerminalCommand.class, DemoCommand.class, LoadCommand.class, ClockCommand.class, ClusterCommand.class, SettleCommand.class,
                ReportCommand.class, FaultCommand.class, ScenarioCommand.class, io.acqsim.proxy.ProxyCommand.class, ReplayCommand.class, KeysCommand.class,
                TlsCertCommand.class, CommandLine.HelpCommand.class})
public final class AcqsimCli implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        int exit = commandLine().execute(args);
        org.apache.logging.log4j.LogManager.shutdown();
        System.exit(exit);
    }

    static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new AcqsimCli());
        cl.setExecutionExceptionHandler(new ErrorHandler());
        return cl;
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
