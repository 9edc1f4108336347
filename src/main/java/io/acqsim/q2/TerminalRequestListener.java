package io.acqsim.q2;

import org.jpos.iso.ISOMsg;
import org.jpos.iso.ISOSource;
import org.jpos.iso.IncomingListener;

import io.acqsim.host.HostServices;

/**
 * Hands each terminal request to the TransactionManager's queue (jPOS IncomingListener, with the
 * profile added to the context by the {@code ctx.PROFILE} property), through the host's terminal-link
 * faults ({@link io.acqsim.host.link.TerminalLinkFaults#request}), which may drop, delay, duplicate or
 * damage it, or act on its connection. A zero-length frame carries no MTI: it is a keep-alive and is
 * not queued.
 */
public final class TerminalRequestListener extends IncomingListener {
    private HostServices services;

    @Override
    public boolean process(ISOSource source, ISOMsg m) {
        if (!m.hasField(0)) return true;
        services().terminalLinks().request(source, m, this::queue);
        return true;
    }

    private void queue(ISOSource source, ISOMsg m) {
        super.process(source, m);
    }

    private HostServices services() {
        if (services == null) services = HostServices.get();
        return services;
    }
}
