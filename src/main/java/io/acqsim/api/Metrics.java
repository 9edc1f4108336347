package io.acqsim.api;

import io.acqsim.host.HostServices;

/** {@code GET /metrics}: Prometheus text exposition of the host's counts and simulated clock. */
final class Metrics {
    private Metrics() {
    }

    static String render(HostServices host) {
        Stats s = Stats.of(host);
        StringBuilder out = new StringBuilder();
        out.append("# HELP acqsim_transactions Transactions in the ledger by status.\n# TYPE acqsim_transactions gauge\n");
        s.transactions().forEach((k, v) -> {
            if (!k.equals("total")) out.append("acqsim_transactions{status=\"").append(k).append("\"} ").append(v).append('\n');
        });
        out.append("# HELP acqsim_payouts Payouts by status.\n# TYPE acqsim_payouts gauge\n");
        s.payouts().forEach((k, v) -> {
            if (!k.equals("total")) out.append("acqsim_payouts{status=\"").append(k).append("\"} ").append(v).append('\n');
        });
        out.append("# HELP acqsim_clock_seconds Simulated time, seconds since the epoch.\n# TYPE acqsim_clock_seconds gauge\n");
        out.append("acqsim_clock_seconds ").append(host.clock().instant().getEpochSecond()).append('\n');
        out.append("# HELP acqsim_scheduler_jobs_run_total Simulated-time jobs run since start.\n# TYPE acqsim_scheduler_jobs_run_total counter\n");
        out.append("acqsim_scheduler_jobs_run_total ").append(host.scheduler().jobsRun()).append('\n');
        out.append("# HELP acqsim_ledger_writes_per_commit Average ledger writes per group commit.\n# TYPE acqsim_ledger_writes_per_commit gauge\n");
        out.append("acqsim_ledger_writes_per_commit ").append(host.ledger().writesPerCommit()).append('\n');
        return out.toString();
    }
}
