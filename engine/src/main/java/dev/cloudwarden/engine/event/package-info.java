/**
 * The normalized event model: one immutable {@link dev.cloudwarden.engine.event.Event} per log record,
 * whatever the source, with the original record kept for rules that address raw field names.
 */
package dev.cloudwarden.engine.event;
