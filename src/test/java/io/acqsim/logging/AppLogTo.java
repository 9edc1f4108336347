package io.acqsim.logging;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.apache.logging.log4j.core.config.Configurator;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Points the application log (log4j2.xml reads {@code acqsim.log.dir}, {@code acqsim.log.level},
 * {@code acqsim.console.level}) somewhere for one test class and puts it back afterwards. Test classes
 * share JVMs, and Log4j resolves those properties once per configuration, so setting a property is not
 * enough: the configuration is reloaded on the way in and on the way out.
 * <pre>{@code @RegisterExtension static final AppLogTo LOG = AppLogTo.dir(tmp).level("debug");}</pre>
 */
public final class AppLogTo implements BeforeAllCallback, AfterAllCallback {
    private final Map<String, String> settings = new HashMap<>();
    private final Map<String, String> saved = new HashMap<>();

    private AppLogTo(Path dir) {
        settings.put("acqsim.log.dir", dir.toAbsolutePath().toString());
    }

    public static AppLogTo dir(Path dir) {
        return new AppLogTo(dir);
    }

    /** The application log's level ({@code debug} summarises every message). */
    public AppLogTo level(String level) {
        settings.put("acqsim.log.level", level);
        return this;
    }

    /** The console's level ({@code OFF} keeps expected stack traces out of the build output). */
    public AppLogTo console(String level) {
        settings.put("acqsim.console.level", level);
        return this;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        settings.forEach((k, v) -> {
            saved.put(k, System.getProperty(k));
            System.setProperty(k, v);
        });
        Configurator.reconfigure();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        saved.forEach((k, v) -> {
            if (v == null) System.clearProperty(k);
            else System.setProperty(k, v);
        });
        Configurator.reconfigure();
    }
}
