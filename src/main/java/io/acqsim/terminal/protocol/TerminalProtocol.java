package io.acqsim.terminal.protocol;

import org.jpos.iso.ISOMsg;

import io.acqsim.iso.CupHeader;
import io.acqsim.iso.Profile;
import io.acqsim.message.Digits;
import io.acqsim.message.Dialect;
import io.acqsim.message.ResponseCode;

/**
 * The rules a POS terminal follows towards its host (reference/DOMAIN.md §1), without the link: the
 * caller builds, sends and waits; this class says which STAN and batch the next request carries, which
 * reversal is owed, whether an answer belongs to a request, and when to sign on again. The emulated
 * terminal and the load generator share it and differ only in I/O (how they wait and reconnect, and
 * where the {@link ProtocolState} lives).
 * <ul>
 *   <li>STAN: 000001..999999, then round again.</li>
 *   <li>Batch: an approved sign-on's field 60 (iso87a n6, cup 60.2) becomes the terminal's batch number.</li>
 *   <li>Reversal: owed from before a financial request goes out until the request or its reversal is
 *       answered; a terminal sends an owed reversal before its next transaction.</li>
 *   <li>Matching: an answer belongs to a request when its MTI is the request's response MTI and it
 *       echoes the STAN, the processing code and the TID.</li>
 *   <li>Sign-on: due again after an answer 77 (batch number mismatch), A0 (MAC error; 63 on iso87a), or a cup header
 *       with processing requirement 3 (sign on again); an approved sign-on settles it.</li>
 * </ul>
 * Not thread-safe: one terminal, one request at a time.
 */
public final class TerminalProtocol {
    private static final int LAST_STAN = 999_999;

    /** What an answer to a sign-on did. */
    public enum SignOn {
        /** Approved: the host's batch number, when it sent one, is now the terminal's. */
        ACCEPTED,
        /** Approved, but field 60 holds no batch number: the batch stays as it was. */
        NO_BATCH_NUMBER,
        /** Not approved: the batch stays, and a sign-on that was due stays due. */
        DECLINED
    }

    private final Profile profile;
    private final ProtocolState state;
    private boolean signOnDue;

    public TerminalProtocol(Profile profile, ProtocolState state) {
        this.profile = profile;
        this.state = state;
    }

    /** Moves the STAN on (recorded in the state) and returns it as six digits. */
    public String nextStan() {
        int next = state.stan() % LAST_STAN + 1;
        state.stan(next);
        return Digits.fixed(next, 6);
    }

    public int batch() {
        return state.batch();
    }

    /** True when the host asked for a new sign-on and no approved one has come since. */
    public boolean signOnDue() {
        return signOnDue;
    }

    /**
     * A financial request is about to go out: its reversal is owed from now on, recorded in the state
     * before the request is sent. {@code kind} is PURCHASE (card or QR), VOID or REFUND.
     */
    public PendingReversal sending(ISOMsg request, String kind, long amount) {
        return sending(kind, request.getString(0), request.getString(11), request.getString(3), request.getString(7),
                request.getString(22), amount);
    }

    /**
     * As {@link #sending(ISOMsg, String, long)}, for a caller that has the request's fields rather than an
     * ISOMsg (the load generator patches packed requests): MTI, 11, 3, 7 and 22 (null when absent).
     */
    public PendingReversal sending(String kind, String mti, String stan, String processingCode, String f7, String entryMode, long amount) {
        PendingReversal owed = new PendingReversal(kind, stan, mti, processingCode, f7, entryMode, amount, state.batch());
        state.pendingReversal(owed);
        return owed;
    }

    /** The request {@link #sending} announced never left the terminal: there is nothing to reverse. */
    public void notSent(ISOMsg request) {
        notSent(request.getString(0), request.getString(11));
    }

    /** As {@link #notSent(ISOMsg)}, by the request's MTI and STAN. */
    public void notSent(String mti, String stan) {
        PendingReversal owed = state.pendingReversal();
        if (owed != null && owed.stan().equals(stan) && owed.mti().equals(mti)) state.pendingReversal(null);
    }

    /** The reversal the terminal owes, to send before its next transaction; null when none. */
    public PendingReversal reversalDue() {
        return state.pendingReversal();
    }

    /**
     * Takes an answer that belongs to {@code request}: notes whether the host asks for a new sign-on,
     * and settles the reversal owed when the answer is to the request it covers or to its reversal.
     */
    public void answered(ISOMsg request, ISOMsg response) {
        answered(request.getString(0), request.getString(11), response.getString(39), CupHeader.processingRequirement(response.getHeader()));
    }

    /**
     * As {@link #answered(ISOMsg, ISOMsg)}, from the request's MTI and STAN and the answer's field 39 (null
     * when absent) and cup processing requirement ({@link CupHeader#NONE} on iso87a).
     */
    public void answered(String requestMti, String requestStan, String responseCode, int processingRequirement) {
        if (ResponseCode.BATCH_NUMBER_MISMATCH.code().equals(responseCode) || ResponseCode.MAC_ERROR.code().equals(responseCode)
                || (profile == Profile.ISO87A && ResponseCode.SECURITY_VIOLATION.code().equals(responseCode))
                || processingRequirement == CupHeader.SIGN_ON_AGAIN) {
            signOnDue = true;
        }
        PendingReversal owed = state.pendingReversal();
        if (owed != null && owed.stan().equals(requestStan)) {
            if (requestMti.equals(owed.mti()) || requestMti.startsWith("040")) state.pendingReversal(null);
        }
    }

    /** Takes the answer to a sign-on (after {@link #answered}): approved, the sign-on is no longer due and the host's batch is adopted. */
    public SignOn signedOn(ISOMsg response) {
        if (!ResponseCode.APPROVED.code().equals(response.getString(39))) return SignOn.DECLINED;
        signOnDue = false;
        if (!response.hasField(60)) return SignOn.ACCEPTED;
        int batch = batchNumber(response.getString(60));
        if (batch < 0) return SignOn.NO_BATCH_NUMBER;
        state.batch(batch);
        return SignOn.ACCEPTED;
    }

    /** The batch number of a sign-on answer's field 60 (iso87a: all of it; cup: 60.2, digits 3-8), or -1 when it holds none. */
    int batchNumber(String f60) {
        String digits = profile == Profile.CUP ? (f60.length() >= 8 ? f60.substring(2, 8) : "") : f60;
        try {
            return Integer.parseInt(digits);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /**
     * An answer belongs to a request when its MTI is the request's response MTI and it echoes field 11,
     * field 3 (when the request has one) and field 41 (when the answer has one).
     */
    public static boolean matches(ISOMsg request, ISOMsg response) {
        String expectedMti = Dialect.responseMti(request.getString(0));
        return expectedMti != null && expectedMti.equals(response.getString(0))
                && request.getString(11).equals(response.getString(11))
                && (!request.hasField(3) || request.getString(3).equals(response.getString(3)))
                && (!response.hasField(41) || response.getString(41).equals(request.getString(41)));
    }
}
