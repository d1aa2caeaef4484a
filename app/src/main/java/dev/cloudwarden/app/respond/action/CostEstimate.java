package dev.cloudwarden.app.respond.action;

/**
 * What a step will cost, estimated before it runs (R2: mind the cost of evidence): snapshot storage per month, the
 * egress of downloading evidence out of the cloud.
 *
 * @param usd   the estimate in US dollars
 * @param basis how it was reckoned ({@code 3 volumes, 96 GiB at $0.05/GiB-month})
 */
public record CostEstimate(String what, double usd, String basis) {
}
