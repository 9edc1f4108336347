package io.acqsim.scenario;

import java.time.LocalDate;
import java.util.Map;

import io.acqsim.fault.Direction;
import io.acqsim.fault.Link;
import io.acqsim.fault.Match;
import io.acqsim.fault.NetworkAction;
import io.acqsim.fault.Window;
import io.acqsim.message.ResponseCode;

/**
 * One validated entry of a scenario's {@code faults} list (PRODUCT.md §6), one record per type.
 * {@code at} says where it was written (source and line) for errors found when it is activated.
 */
public sealed interface FaultSpec {
    /** Where the entry was written and what it said, for errors and for listing. */
    record At(String source, int line, String path, Map<String, Object> raw) {
        ScenarioError error(String key, String problem) {
            return new ScenarioError(source, line, path + (key == null ? "" : "." + key), problem);
        }
    }

    At at();

    String type();

    Window window();

    /** A bank's core-system upgrade: payouts to it queue until the window ends. */
    record BankOutage(At at, String bank, Window window, String detail) implements FaultSpec {
        public String type() { return "bank-outage"; }
    }

    /** A message-aware network fault on the terminal, issuer or bank link. */
    record Network(At at, Link link, NetworkAction action, Direction direction, Match match, Window window, String bank) implements FaultSpec {
        public String type() { return "network"; }
    }

    /** Host maintenance: financial requests answered {@code answer} (91 or 96), or connections refused (null). */
    record HostMaintenance(At at, Window window, ResponseCode answer) implements FaultSpec {
        public String type() { return "host-maintenance"; }
    }

    /** The issuer does not answer: the host answers 91 after its issuer timeout. */
    record IssuerUnavailable(At at, Window window) implements FaultSpec {
        public String type() { return "issuer-unavailable"; }
    }

    /** Extra non-settlement days, inclusive. */
    record HolidayFreeze(At at, String name, LocalDate from, LocalDate to, Window window) implements FaultSpec {
        public String type() { return "holiday-freeze"; }
    }

    record AccountFrozen(At at, String merchant, Window window) implements FaultSpec {
        public String type() { return "account-frozen"; }
    }

    /** The account number is wrong: payouts come back until it is corrected (PUT .../account). */
    record InvalidAccount(At at, String merchant, Window window) implements FaultSpec {
        public String type() { return "invalid-account"; }
    }

    /** Payouts of the merchant scheduled in the window are held {@code businessDays} business days. */
    record RiskHold(At at, String merchant, int businessDays, Window window) implements FaultSpec {
        public String type() { return "risk-hold"; }
    }

    /** Payouts above {@code aboveMinor} scheduled in the window wait {@code hours} for a review. */
    record PolicyReview(At at, long aboveMinor, int hours, Window window) implements FaultSpec {
        public String type() { return "policy-review"; }
    }

    /**
     * The merchant's account takes at most {@code limitMinor} a local day (credits in the window); the
     * rest of a payout rolls over to the next day. {@code detail} may be null.
     */
    record DailyLimit(At at, String merchant, long limitMinor, Window window, String detail) implements FaultSpec {
        public String type() { return "daily-limit"; }
    }

    /** The merchant's terminals settled after the cutover: those business dates pay one cycle late. */
    record LateBatch(At at, String merchant, LocalDate from, LocalDate to, Window window) implements FaultSpec {
        public String type() { return "late-batch"; }
    }
}
