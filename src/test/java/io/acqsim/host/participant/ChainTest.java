package io.acqsim.host.participant;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

import org.jpos.transaction.AbortParticipant;
import org.jpos.transaction.Context;
import org.jpos.transaction.TransactionConstants;
import org.jpos.transaction.TransactionParticipant;
import org.junit.jupiter.api.Test;

/**
 * The chain calls its steps as jPOS's TransactionManager calls participants: prepare until an abort,
 * then prepareForAbort for abort participants only; commit or abort on the steps that joined, in order.
 */
class ChainTest implements TransactionConstants {
    private final List<String> calls = new ArrayList<>();

    /** A step that records each call and answers prepare (and prepareForAbort) with {@code answer}. */
    private class Step implements TransactionParticipant {
        final String name;
        final int answer;

        Step(String name, int answer) {
            this.name = name;
            this.answer = answer;
        }

        @Override
        public int prepare(long id, Serializable context) {
            calls.add("prepare " + name);
            return answer;
        }

        @Override
        public void commit(long id, Serializable context) {
            calls.add("commit " + name);
        }

        @Override
        public void abort(long id, Serializable context) {
            calls.add("abort " + name);
        }
    }

    private class AbortStep extends Step implements AbortParticipant {
        AbortStep(String name, int answer) {
            super(name, answer);
        }

        @Override
        public int prepareForAbort(long id, Serializable context) {
            calls.add("prepareForAbort " + name);
            return answer;
        }
    }

    /** Runs one transaction as the TransactionManager does with a single participant. */
    private int run(Chain chain) {
        Context ctx = new Context();
        int action = chain.prepare(1, ctx);
        if ((action & NO_JOIN) == 0) {
            if ((action & PREPARED) == PREPARED) chain.commit(1, ctx);
            else chain.abort(1, ctx);
        }
        return action;
    }

    @Test
    void allPreparedCommitsTheJoinedStepsInOrder() {
        Chain chain = new Chain(List.of(new Step("a", PREPARED | NO_JOIN | READONLY), new Step("b", PREPARED),
                new AbortStep("c", PREPARED | NO_JOIN), new Step("d", PREPARED | READONLY)));
        int action = run(chain);
        assertEquals(PREPARED, action & PREPARED);
        assertEquals(List.of("prepare a", "prepare b", "prepare c", "prepare d", "commit b", "commit d"), calls);
    }

    @Test
    void anAbortSkipsPlainStepsAndAbortsTheJoinedOnes() {
        Chain chain = new Chain(List.of(new AbortStep("dup", PREPARED), new Step("refuse", ABORTED | NO_JOIN),
                new Step("issuer", PREPARED), new AbortStep("build", PREPARED | NO_JOIN | READONLY), new AbortStep("send", PREPARED | READONLY)));
        int action = run(chain);
        assertEquals(ABORTED, action & PREPARED);
        assertEquals(List.of("prepare dup", "prepare refuse", "prepareForAbort build", "prepareForAbort send", "abort dup", "abort send"), calls);
    }

    @Test
    void anAbortingStepThatJoinsIsAborted() {
        Chain chain = new Chain(List.of(new Step("a", ABORTED), new AbortStep("b", PREPARED | NO_JOIN)));
        run(chain);
        assertEquals(List.of("prepare a", "prepareForAbort b", "abort a"), calls);
    }

    @Test
    void aThrowingPrepareAbortsAndJoinsAThrowingCommitDoesNotStopTheRest() {
        TransactionParticipant boom = new Step("boom", PREPARED) {
            @Override
            public int prepare(long id, Serializable context) {
                calls.add("prepare boom");
                throw new IllegalStateException("boom");
            }

            @Override
            public void abort(long id, Serializable context) {
                calls.add("abort boom");
                throw new IllegalStateException("boom again");
            }
        };
        Chain chain = new Chain(List.of(boom, new AbortStep("send", PREPARED)));
        int action = run(chain);
        assertEquals(ABORTED, action & PREPARED);
        assertEquals(List.of("prepare boom", "prepareForAbort send", "abort boom", "abort send"), calls);
    }

    @Test
    void nothingJoinedMeansNoSecondPhase() {
        Chain chain = new Chain(List.of(new Step("a", PREPARED | NO_JOIN | READONLY)));
        assertEquals(NO_JOIN, run(chain) & NO_JOIN);
        assertEquals(List.of("prepare a"), calls);
    }
}
