/**
 * What loaded rules cover: the ATT&CK techniques and threat-catalog rows their tags name, which rules cover each,
 * and whether a log source CloudWarden parses feeds them ({@code cloudwarden rules coverage}).
 */
package dev.cloudwarden.engine.sigma.coverage;
