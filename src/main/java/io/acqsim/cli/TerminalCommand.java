package io.acqsim.cli;

import io.acqsim.money.Amounts;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.Callable;

import org.jpos.iso.ISOException;

import io.acqsim.iso.Packagers;
import io.acqsim.iso.Profile;
import io.acqsim.keys.TerminalKeyRing;
import io.acqsim.keys.TerminalMasterKeys;
import io.acqsim.message.ResponseCode;
import io.acqsim.script.Report;
import io.acqsim.script.Script;
import io.acqsim.script.ScriptParser;
import io.acqsim.script.ScriptRunner;
import io.acqsim.terminal.EmulatedTerminal;
import io.acqsim.terminal.RequestFactory;
import io.acqsim.terminal.TerminalLink;
import io.acqsim.terminal.TerminalState;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code acqsim terminal}: one emulated POS terminal, one action per run. Its STAN counter, batch
 * number and open-batch transactions persist in DATA/terminals/TID.json, so {@code void}, {@code reverse}
 * and {@code settle} know what the terminal did in earlier runs.
 * Exit code: 0 approved (00), 1 answered otherwise, 2 no answer or bad usage.
 * With {@code --script FILE} it runs a scripted session instead (simulators/README.md): exit 0 when every
 * expectation is met, 1 when one is not, 2 for a malformed script or no connection.
 */
@Command(name = "terminal", mixinStandardHelpOptions = true,
        description = {"One emulated POS terminal.",
                "Actions: signon | echo | signoff | purchase AMOUNT [--qr CODE] | void RRN | refund AMOUNT --orig RRN"
                        + " | reverse STAN | settle.  AMOUNT in major units, e.g. 12.34.",
                "Or --script FILE [--keep-going]: a scripted session with expectations (simulators/README.md);"
                        + " --profile, --tid, --mid and --timeout override the script's."})
final class TerminalCommand implements Callable<Integer> {

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "Host address. Default: ${DEFAULT-VALUE}")
    String host;

    @Option(names = "--port", description = "Host port. Default: 8583 for cup, 8584 for iso87a")
    Integer port;

    @Option(names = "--profile", description = "Wire profile: cup or iso87a. Default: the script's, else iso87a")
    String profile;

    @Option(names = "--tid", description = "Terminal id, e.g. T0000001 (required unless the script names one)")
    String tid;

    @Option(names = "--mid", description = "Merchant id, e.g. M00000000000001 (required unless the script names one)")
    String mid;

    @Option(names = "--qr", description = "Pay by QR with this payment code instead of a card")
    String qr;

    @Option(names = "--orig", description = "RRN of the original sale (refund)")
    String orig;

    @Option(names = "--pan", defaultValue = "6222021234567890123", description = "Card number for card purchases. Default: a test card")
    String pan;

    @Option(names = "--entry-mode", defaultValue = "071", description = "Card entry mode: 021 magstripe, 051 chip, 071 contactless. Default: ${DEFAULT-VALUE}")
    String entryMode;

    @Option(names = "--chip", description = "Card purchases as a chip card: entry mode 051 and a TEST field 55 with an ARQC (cup: then the TC upload)")
    boolean chip;

    @Option(names = "--no-downloads", description = "Cup: do not run the start-up downloads (CA keys, IC parameters) a sign-on answer asks for")
    boolean noDownloads;

    @Option(names = "--timeout", description = "Response timeout (ISO-8601). Default: the script's, else PT30S")
    Duration timeout;

    @Option(names = "--script", paramLabel = "FILE", description = "Run this scripted session (YAML, see simulators/README.md) instead of one action")
    Path script;

    @Option(names = "--keep-going", description = "With --script: run every step and report all unmet expectations, not only the first")
    boolean keepGoing;

    @Option(names = "--reversal-repeats", defaultValue = "3", description = "Repeats of an unanswered reversal (0401 on iso87a). Default: ${DEFAULT-VALUE}")
    int reversalRepeats;

    @Option(names = "--keys", paramLabel = "FILE", description = "Terminal key file: TMKs per range and MAC on/off (TEST keys). Default: cfg/keys/terminal-keys.yml")
    Path keys;

    @Option(names = "--pin", paramLabel = "PIN", description = "Card purchase with this online PIN: a format 0 PIN block under the PIK"
            + " of the sign-on in field 52 (needs MAC on for the terminal in the key file). The shipped issuer's test PIN is 123456")
    String pin;

    @Option(names = "--mac-error", description = "Send a wrong MAC on every request that needs one (the host answers A0 on cup, 63 on iso87a)")
    boolean macError;

    @Option(names = "--data", defaultValue = "data", description = "Data directory for the terminal's state. Default: ${DEFAULT-VALUE}")
    Path data;

    @Mixin
    TlsOptions tls;

    @Parameters(arity = "0..2", paramLabel = "ACTION [ARG]", description = "The action and its argument (not with --script).")
    List<String> action;

    @Override
    public Integer call() throws IOException, ISOException {
        if (script != null) return runScript();
        if (keepGoing) throw new IllegalArgumentException("--keep-going goes with --script FILE");
        if (action == null || action.isEmpty()) {
            throw new IllegalArgumentException("missing ACTION (signon, echo, signoff, purchase, void, refund, reverse, settle) or --script FILE");
        }
        if (tid == null || mid == null) throw new IllegalArgumentException("missing --tid and --mid (both are required)");
        Profile p = Profile.of(profile == null ? "iso87a" : profile);
        try (EmulatedTerminal terminal = terminal(p, tid, mid, timeout == null ? Duration.ofSeconds(30) : timeout)) {
            List<EmulatedTerminal.Exchange> exchanges = run(terminal);
            terminal.takeAutomatic().forEach(e -> print(System.out, e));
            exchanges.forEach(e -> print(System.out, e));
            terminal.takeFollowUps().forEach(e -> print(System.out, e));
            EmulatedTerminal.Exchange last = exchanges.get(exchanges.size() - 1);
            return last.response() == null ? 2 : last.is(ResponseCode.APPROVED) ? 0 : 1;
        }
    }

    private EmulatedTerminal terminal(Profile p, String terminalId, String merchantId, Duration t) {
        Path packagers = Home.dir().resolve("cfg/packagers");
        TerminalState state = TerminalState.load(data.resolve("terminals").resolve(terminalId + ".json"));
        RequestFactory requests = new RequestFactory(p, terminalId, merchantId, Clock.systemUTC(), ZoneId.of("Asia/Shanghai"));
        TerminalKeyRing ring = TerminalKeyRing.of(TerminalMasterKeys.load(keyFile()), terminalId, p, Packagers.load(packagers, p));
        if (macError) {
            if (ring == null) throw new IllegalArgumentException("--mac-error: terminal " + terminalId + " has MAC off in " + keyFile());
            ring.sendWrongMacs(true);
        }
        return new EmulatedTerminal(TerminalLink.connector(tls.connector(), host, hostPort(p), p, packagers, t), requests, state)
                .reversalRepeats(reversalRepeats).startUpDownloads(!noDownloads).keys(ring);
    }

    private Path keyFile() {
        Path file = keys != null ? keys : Home.dir().resolve("cfg/keys/terminal-keys.yml");
        if (!Files.isRegularFile(file)) throw new IllegalArgumentException("--keys: key file '" + file + "' not found");
        return file;
    }

    private int hostPort(Profile p) {
        return port != null ? port : p == Profile.CUP ? 8583 : 8584;
    }

    /** --script: flags override the script's settings; a relative FILE not found here is looked up under the acqsim home. */
    private int runScript() throws IOException, ISOException {
        if (action != null && !action.isEmpty()) throw new IllegalArgumentException("give either an ACTION or --script FILE, not both");
        Path file = script;
        if (!file.isAbsolute() && !Files.exists(file) && Files.exists(Home.dir().resolve(file))) file = Home.dir().resolve(file);
        Script s = ScriptParser.parse(file);
        String terminalId = tid != null ? tid : s.tid();
        String merchantId = mid != null ? mid : s.mid();
        if (terminalId == null) throw new IllegalArgumentException(file + ": no terminal id; give --tid or terminal.tid in the script");
        if (merchantId == null) throw new IllegalArgumentException(file + ": no merchant id; give --mid or terminal.mid in the script");
        Profile p = Profile.of(profile != null ? profile : s.profile() != null ? s.profile() : "iso87a");
        Duration t = timeout != null ? timeout : s.timeout() != null ? s.timeout() : Duration.ofSeconds(30);
        Report report = new Report(System.out, TerminalCommand::describe);
        try (EmulatedTerminal terminal = terminal(p, terminalId, merchantId, t)) {
            String line = String.format("terminal %s  merchant %s  profile %s  host %s:%d  timeout %s", terminalId, merchantId, p.id(), host,
                    hostPort(p), t);
            return new ScriptRunner(terminal, report, keepGoing).run(s, line).exitCode();
        }
    }

    private List<EmulatedTerminal.Exchange> run(EmulatedTerminal t) throws IOException, ISOException {
        String verb = action.get(0);
        String arg = action.size() > 1 ? action.get(1) : null;
        return switch (verb) {
            case "signon" -> List.of(t.signOn());
            case "echo" -> List.of(t.echo());
            case "signoff" -> List.of(t.signOff());
            case "purchase" -> {
                long amount = Amounts.parse(need(arg, "purchase AMOUNT"));
                if (chip && qr != null) throw new IllegalArgumentException("--chip and --qr exclude each other");
                if (pin != null && qr != null) throw new IllegalArgumentException("--pin goes with a card purchase, not --qr");
                if (pin != null && chip) throw new IllegalArgumentException("--pin goes with a magnetic-stripe or contactless purchase, not --chip");
                yield List.of(qr != null ? t.qrPurchase(amount, qr) : chip ? t.chipPurchase(amount, pan, "2912")
                        : t.cardPurchase(amount, pan, "2912", entryMode, pin));
            }
            case "void" -> List.of(t.voidSale(need(arg, "void RRN")));
            case "refund" -> {
                if (orig == null) throw new IllegalArgumentException("refund needs --orig RRN");
                yield List.of(t.refund(Amounts.parse(need(arg, "refund AMOUNT")), orig));
            }
            case "reverse" -> List.of(t.reverse(need(arg, "reverse STAN")));
            case "settle" -> t.settle();
            default -> throw new IllegalArgumentException("unknown action '" + verb + "' (signon, echo, signoff, purchase, void, refund, reverse, settle)");
        };
    }

    private static String need(String arg, String usage) {
        if (arg == null) throw new IllegalArgumentException("usage: terminal ... " + usage);
        return arg;
    }

    /**
     * Field 39 in words ("insufficient funds"), or "" for a code PRODUCT.md does not list; the answer may
     * come from any host, so a field 39 that is not two characters (or absent) is described as "" too.
     */
    static String describe(String rc) {
        return rc == null || rc.length() != 2 ? "" : ResponseCode.of(rc).meaning();
    }

    static void print(PrintStream out, EmulatedTerminal.Exchange e) {
        String req = e.request().getString(0);
        for (var wrong : e.rejected()) {
            out.printf("%-13s %s -> rejected %s (STAN %s, processing code %s): does not match the request%n", e.action(), req,
                    wrong.getString(0), wrong.getString(11), wrong.getString(3));
        }
        if (e.response() == null) {
            out.printf("%-13s %s -> no answer within %d ms%n", e.action(), req, e.latency().toMillis());
            if (e.reversal() != null) print(out, e.reversal());
            return;
        }
        var r = e.response();
        StringBuilder sb = new StringBuilder(String.format("%-13s %s -> %s  39=%s %-22s", e.action(), req, r.getString(0),
                r.getString(39), describe(r.getString(39))));
        if (r.hasField(37)) sb.append("  RRN ").append(r.getString(37));
        if (r.hasField(38)) sb.append("  auth ").append(r.getString(38));
        if (r.hasField(15)) sb.append("  business date ").append(r.getString(15));
        if (r.hasField(4)) sb.append("  amount ").append(Amounts.format(Long.parseLong(r.getString(4))));
        sb.append(String.format("  STAN %s  (%d ms)", r.getString(11), e.latency().toMillis()));
        if (e.macProblem() != null) sb.append("  MAC PROBLEM: ").append(e.macProblem());
        out.println(sb);
    }
}
