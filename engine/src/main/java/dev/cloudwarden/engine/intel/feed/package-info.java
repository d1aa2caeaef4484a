/**
 * Feed readers: every standard intel format into {@link dev.cloudwarden.engine.intel.Indicator}s, from bytes or
 * streams (the engine does no I/O of its own; the app fetches files, TAXII pages and MISP events).
 *
 * <ul>
 *   <li>{@link dev.cloudwarden.engine.intel.feed.StixBundleReader}: STIX 2.1 bundles and TAXII envelopes;
 *       {@link dev.cloudwarden.engine.intel.feed.StixPattern} parses the patterning language and
 *       {@link dev.cloudwarden.engine.intel.feed.PatternIocs} turns a pattern into values (with the AND/OR
 *       semantics written there).</li>
 *   <li>{@link dev.cloudwarden.engine.intel.feed.MispReader}: MISP events, feed manifests, REST attribute lists.</li>
 *   <li>{@link dev.cloudwarden.engine.intel.feed.ListReader}: one value per line, and CSV with a header.</li>
 * </ul>
 * Every reader returns a {@link dev.cloudwarden.engine.intel.FeedResult}: a bad object is a problem with its
 * location, never an exception that sinks the feed; {@link dev.cloudwarden.engine.intel.feed.FeedLimits} bounds
 * what hostile input may cost. {@link dev.cloudwarden.engine.intel.feed.FamilyTags} gives the labels shared by all
 * formats (malware families, THREATS.md catalog ids, ATT&CK techniques).
 */
package dev.cloudwarden.engine.intel.feed;
