/**
 * Response actions on hosts CloudWarden has no shell on: it writes the scripts (checked, idempotent, with their undo)
 * and a person runs them. {@link dev.cloudwarden.app.respond.host.BlockAddress} blocks an address with iptables or
 * nftables.
 */
package dev.cloudwarden.app.respond.host;
