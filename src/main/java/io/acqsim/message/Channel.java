package io.acqsim.message;

/**
 * How the customer paid: a card (magstripe, chip, contactless) or a QR code. Decides the merchant's
 * fee rate in clearing and which issuer rules apply. Stored by name in the ledger.
 */
public enum Channel {
    CARD, QR
}
