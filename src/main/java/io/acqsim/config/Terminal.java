package io.acqsim.config;

/** A terminal of the registry: its TID, the merchant it belongs to, and whether it may transact. */
public record Terminal(String id, String merchantId, boolean enabled) {
}
