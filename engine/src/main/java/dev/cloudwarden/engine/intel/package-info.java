/**
 * Threat intelligence: indicators of compromise from the feeds security teams already keep (STIX 2.1 bundles and
 * TAXII 2.1 collections, MISP, CSV and plain lists), matched against every event.
 *
 * <p>This package is the model every part shares: an {@link dev.cloudwarden.engine.intel.Indicator} of an
 * {@link dev.cloudwarden.engine.intel.IocType} with its value in one canonical form
 * ({@link dev.cloudwarden.engine.intel.IocValues}), and the {@link dev.cloudwarden.engine.intel.FeedResult} of
 * reading a feed (indicators, and problems with their locations: a bad object never sinks the feed).
 * Sub-packages: {@code feed} reads feed formats from bytes, {@code match} indexes indicators and matches events
 * (alerts that join incidents like any other), {@code export} writes STIX bundles. Network access (TAXII) and
 * persistence live in the app, as the engine does no I/O of its own.
 */
package dev.cloudwarden.engine.intel;
