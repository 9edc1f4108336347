package io.acqsim.replay.input;

/**
 * Where readers report records they skip. The replay counts and prints them and goes on; with
 * {@code --fail-fast} it throws {@link InputFailure} from {@link #report}, which ends the read.
 */
@FunctionalInterface
public interface Problems {
    void report(InputProblem problem);

    /** Thrown by a fail-fast {@link Problems} and by readers for an input that cannot be read at all. */
    final class InputFailure extends RuntimeException {
        private final transient InputProblem problem;

        public InputFailure(InputProblem problem) {
            super(problem.toString());
            this.problem = problem;
        }

        public InputProblem problem() { return problem; }
    }
}
