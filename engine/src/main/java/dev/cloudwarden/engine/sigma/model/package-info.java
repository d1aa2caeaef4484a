/**
 * The typed, immutable model of Sigma rules (detection, correlation and filter rules), as parsed from YAML
 * and before any compilation. Field items keep their raw values and modifiers; what they mean is decided in
 * one place, {@code sigma.eval.ValuePatterns}, shared by the interpreter and the compiler.
 */
package dev.cloudwarden.engine.sigma.model;
