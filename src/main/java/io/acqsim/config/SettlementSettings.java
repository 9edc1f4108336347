package io.acqsim.config;

import java.time.LocalTime;

/**
 * Settlement settings from cfg/acqsim.yml ({@code settlement.*}).
 *
 * @param calendar   calendar name under cfg/calendars, e.g. "cn"
 * @param payoutTime local time T1 and D1 payouts are sent (10:00)
 * @param d0Time     local time D0 payouts are sent on the business date (23:30)
 * @param backoff    retry spacing after a bank-link failure
 * @param seed       seed of every random draw of the settlement side (bank-link faults)
 */
public record SettlementSettings(String calendar, LocalTime payoutTime, LocalTime d0Time, Backoff backoff, long seed) {
}
