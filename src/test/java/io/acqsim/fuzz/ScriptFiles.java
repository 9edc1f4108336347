package io.acqsim.fuzz;

import java.io.StringReader;
import java.nio.file.Path;
import java.util.List;

import io.acqsim.script.ScriptParser;
import io.acqsim.yaml.FileError;

/** Fuzz target {@code script}: the text of a script file (bin/acqsim script); the parser's only refusal is a {@link FileError}. */
public final class ScriptFiles {
    private static final Path FILE = Path.of("fuzz-script.yml");

    private ScriptFiles() {
    }

    public static void fuzzerInitialize() throws Throwable {
        Target.SCRIPT.warmUp();
    }

    public static void fuzzerTestOneInput(byte[] data) throws Exception {
        String text = Texts.utf8(data);
        Contract.refusals(() -> ScriptParser.parse(FILE, new StringReader(text)), List.of(FileError.class));
    }
}
