/**
 * Sharing back: {@link dev.cloudwarden.engine.intel.export.StixExport} writes an incident's
 * {@link dev.cloudwarden.engine.intel.export.Observable}s as a STIX 2.1 bundle (indicators, observed-data,
 * sightings) with deterministic ids, which {@link dev.cloudwarden.engine.intel.feed.StixBundleReader} reads back.
 */
package dev.cloudwarden.engine.intel.export;
