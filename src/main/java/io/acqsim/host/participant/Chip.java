package io.acqsim.host.participant;

import org.jpos.util.NameRegistrar;

import io.acqsim.chip.ChipServices;
import io.acqsim.chip.ChipSettings;

/** The chip steps' access to the host's {@link ChipServices}, registered by the host at start. */
final class Chip {
    private Chip() {
    }

    static ChipServices services() {
        ChipServices c = NameRegistrar.getIfExists(ChipServices.NAME);
        if (c == null) throw new IllegalStateException("acqsim chip services are not registered; start the host through AcqsimHost");
        return c;
    }

    static ChipSettings settings() {
        return services().settings();
    }
}
