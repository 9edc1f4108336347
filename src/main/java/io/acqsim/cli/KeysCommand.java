package io.acqsim.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.concurrent.Callable;

import org.jpos.security.SMAdapter;
import org.jpos.security.SecureDESKey;

import io.acqsim.keys.SecurityModule;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code acqsim keys tmk CLEAR}: a terminal master key, given in clear as it is loaded into the terminal,
 * printed under the LMK with its check value, ready for a range of the key file. The clear key is never
 * printed back. TEST keys only: the shipped LMK is public.
 */
@Command(name = "keys", mixinStandardHelpOptions = true,
        description = {"Terminal key file helper (TEST keys, test LMK).",
                "keys tmk CLEAR_HEX: the TMK (16 or 32 hex digits, as loaded into the terminal) under the LMK, with its check value,"
                        + " to paste into a range of cfg/keys/terminal-keys.yml."})
final class KeysCommand implements Callable<Integer> {

    @Option(names = "--lmk", paramLabel = "FILE", description = "LMK file. Default: cfg/keys/test-lmk.properties")
    Path lmk;

    @Parameters(arity = "2", paramLabel = "tmk CLEAR_HEX", description = "tmk and the clear TMK in hex")
    java.util.List<String> args;

    @Override
    public Integer call() {
        if (!args.get(0).equals("tmk")) throw new IllegalArgumentException("unknown keys action '" + args.get(0) + "' (tmk)");
        Path file = lmk != null ? lmk : Home.dir().resolve("cfg/keys/test-lmk.properties");
        if (!Files.isRegularFile(file)) throw new IllegalArgumentException("--lmk: LMK file '" + file + "' not found");
        SecurityModule sm = SecurityModule.open(file);
        SecureDESKey tmk;
        try {
            tmk = sm.fromClear(args.get(1), SMAdapter.TYPE_TMK);
        } catch (io.acqsim.keys.KeyException e) {
            throw new IllegalArgumentException("TMK: " + e.getMessage());
        }
        HexFormat hex = HexFormat.of().withUpperCase();
        System.out.println("# the TMK under the LMK " + file + " (TEST keys): paste into a range of the key file");
        System.out.println("tmk: " + hex.formatHex(tmk.getKeyBytes()));
        System.out.println("check-value: " + hex.formatHex(tmk.getKeyCheckValue()));
        return 0;
    }
}
