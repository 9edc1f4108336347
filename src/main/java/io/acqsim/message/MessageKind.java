package io.acqsim.message;

/** What a terminal asked for, whatever the profile's MTI and codes for it. */
public enum MessageKind {
    SIGN_ON, SIGN_OFF, ECHO,
    PURCHASE, VOID, REFUND,
    REVERSAL,
    /** Terminal batch settlement: the terminal's totals for its open batch. */
    BATCH_SETTLE,
    /** One transaction (iso87a) or up to eight (cup) uploaded after an unbalanced settlement. */
    BATCH_UPLOAD,
    /** The message that ends an upload and closes the batch (iso87a 0500 3=960000; cup 0320 60.3=202/207). */
    BATCH_CLOSE,
    /** A chip terminal's start-up download exchange (cup: 0820 372/382 status query, 0800 370/380 download, 371/381 end). */
    PARAMETER_DOWNLOAD,
    /** A chip terminal's advice after the fact: IC transaction upload (cup 0320 60.3 203-206), script result (0620). */
    CHIP_ADVICE,
    /** A readable MTI this host does not serve, or a frame whose fields could not be decoded. */
    UNSUPPORTED;

    public boolean isFinancial() {
        return this == PURCHASE || this == VOID || this == REFUND;
    }

    public boolean isNetworkManagement() {
        return this == SIGN_ON || this == SIGN_OFF || this == ECHO || this == PARAMETER_DOWNLOAD;
    }

    public boolean isBatch() {
        return this == BATCH_SETTLE || this == BATCH_UPLOAD || this == BATCH_CLOSE;
    }
}
