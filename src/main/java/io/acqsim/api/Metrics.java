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
        var ledger = host.ledger().figures();
        out.append("# HELP acqsim_ledger_writes_per_commit Average ledger writes made durable per journal append (group commit).\n"
                + "# TYPE acqsim_ledger_writes_per_commit gauge\n");
        out.append("acqsim_ledger_writes_per_commit ").append(ledger.writesPerGroup()).append('\n');
        out.append("# HELP acqsim_ledger_journal_behind Journal entries not yet applied to the ledger's tables.\n"
                + "# TYPE acqsim_ledger_journal_behind gauge\n");
        out.append("acqsim_ledger_journal_behind ").append(ledger.behind()).append('\n');
        out.append("# HELP acqsim_ledger_journal_bytes Bytes the ledger journal takes on disk.\n# TYPE acqsim_ledger_journal_bytes gauge\n");
        out.append("acqsim_ledger_journal_bytes ").append(ledger.journalBytes()).append('\n');
        return out.toString();
    }
}
