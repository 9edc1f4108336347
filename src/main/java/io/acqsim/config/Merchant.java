package io.acqsim.config;

/**
 * A merchant of the registry.
 *
 * @param product   settlement product: T1, D1 or D0
 * @param cardFeeBp merchant discount rate for card sales, in basis points of each sale
 * @param qrFeeBp   merchant discount rate for QR sales, in basis points of each sale
 */
public record Merchant(String id, String name, String bank, String account, String product, int cardFeeBp, int qrFeeBp) {
}
