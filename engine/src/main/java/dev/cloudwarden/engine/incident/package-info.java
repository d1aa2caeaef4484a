/**
 * Incidents: alerts that share entities within a window, seen as one attack (DESIGN.md, "incidents").
 *
 * <ul>
 *   <li><b>Entities</b> ({@link dev.cloudwarden.engine.incident.EntityExtractor}): principals, access keys,
 *       addresses, instances, hosts, buckets, clusters, accounts and other resources read from each alert's
 *       events. Only some link alerts: entities that unrelated attacks share all the time (accounts,
 *       private and metadata addresses, VPCs and subnets, service principals) are listed on the incident but
 *       never join two alerts. Configurable.</li>
 *   <li><b>Merging</b> ({@link dev.cloudwarden.engine.incident.IncidentBuilder}): two alerts join when they
 *       share a linking entity and are at most one window apart in event time (inclusive); the relation is
 *       transitive, so an alert that links two open incidents merges them. An incident idle for a whole
 *       window closes and leaves the state; so does one that reaches the alert cap.</li>
 *   <li><b>The incident</b> ({@link dev.cloudwarden.engine.incident.Incident}): alerts in kill-chain order,
 *       entities, ATT&CK techniques and tactics, severity and score (formula on the record), and the
 *       report's {@link dev.cloudwarden.engine.incident.Classification} (T1-T5, A1-A6, M1-M6, motive).</li>
 *   <li><b>Ids</b> hash the id of the incident's earliest alert: rescanning the same input, in any order
 *       within the allowed lateness, yields the same incidents with the same ids.</li>
 * </ul>
 */
package dev.cloudwarden.engine.incident;
