/**
 * The response actions' contract: what a playbook step runs ({@link dev.cloudwarden.app.respond.action.Action}),
 * what it would do ({@link dev.cloudwarden.app.respond.action.StepPlan}) and what it did
 * ({@link dev.cloudwarden.app.respond.action.ExecutedCall}, {@link dev.cloudwarden.app.respond.action.StepOutcome}).
 * Cloud-specific actions live in their own packages beside it and register in
 * {@link dev.cloudwarden.app.respond.action.Actions}.
 */
package dev.cloudwarden.app.respond.action;
