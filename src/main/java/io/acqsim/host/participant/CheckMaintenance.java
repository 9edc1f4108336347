package io.acqsim.host.participant;

import org.jpos.transaction.Context;

import io.acqsim.fault.FaultRegistry;
import io.acqsim.message.MessageKind;

/**
 * Host maintenance (PRODUCT.md §6 {@code host-maintenance}): while a window with an answer ("91",
 * "96") is on, every request is refused with that code and goes no further, so nothing reaches the
 * issuer or the ledger — purchases, voids, refunds, reversals (the terminal keeps its reversal owed and
 * repeats it later), batch settlement and upload, and sign-on and sign-off too (both write the
 * ledger). Only the echo test is answered 00: the host is reachable, its services are not, which is
 * what a terminal's link check should see. A window without an answer refuses connections instead;
 * that is done at the listener (see io.acqsim.host.link.TerminalLinkFaults and BoundPortSocketFactory),
 * and a request queued just before such a window began is processed normally.
 */
public final class CheckMaintenance extends HostParticipant {

    @Override
    protected int prepare(Context ctx) {
        FaultRegistry faults = host().faults();
        if (faults.bypassed() || faults.maintenance().isEmpty()) return pass();
        FaultRegistry.Maintenance m = faults.maintenanceAt(outcome(ctx).capturedAt());
        if (m == null || m.answer() == null || is(ctx, MessageKind.ECHO)) return pass();
        return refuse(ctx, m.answer(), "host maintenance (" + m.faultId() + (m.detail() != null ? ": " + m.detail() : "") + ")");
    }
}
