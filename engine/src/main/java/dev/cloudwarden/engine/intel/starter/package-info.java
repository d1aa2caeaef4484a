/**
 * The intel shipped with CloudWarden ({@link dev.cloudwarden.engine.intel.starter.StarterIntel}): small, sourced lists
 * for the threat catalog's families, kept as resources with their origin and licence.
 */
package dev.cloudwarden.engine.intel.starter;
