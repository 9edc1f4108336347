package io.acqsim.q2;

import org.jpos.iso.ISOMsg;
import org.jpos.iso.ISOSource;
import org.jpos.iso.IncomingListener;

/**
 * Hands each terminal request to the TransactionManager's queue (jPOS IncomingListener, with the
 * profile added to the context by the {@code ctx.PROFILE} property). A zero-length frame carries no
 * MTI: it is a keep-alive and is not queued.
 */
public final class TerminalRequestListener extends IncomingListener {
    @Override
    public boolean process(ISOSource source, ISOMsg m) {
        if (!m.hasField(0)) return true;
        return super.process(source, m);
    }
}
