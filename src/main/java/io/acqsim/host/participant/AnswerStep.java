package io.acqsim.host.participant;

import java.io.Serializable;

import org.jpos.transaction.AbortParticipant;
import org.jpos.transaction.Context;

/**
 * A step that works on the answer and so runs on both paths: after every step prepared, and after one
 * refused (the answer to a refusal needs it too). It never joins and never refuses.
 */
abstract class AnswerStep extends HostParticipant implements AbortParticipant {

    /** Does the step's work on the context's answer (or on what will become it). */
    protected abstract void answer(Context ctx);

    @Override
    protected final int prepare(Context ctx) {
        answer(ctx);
        return pass();
    }

    @Override
    public final int prepareForAbort(long id, Serializable context) {
        answer((Context) context);
        return pass();
    }
}
