/**
 * Where response actions keep the evidence and scripts they produce beyond their step outputs: the
 * {@link dev.cloudwarden.app.respond.evidence.EvidenceStore} a context may offer as a client, and a folder that is one.
 */
package dev.cloudwarden.app.respond.evidence;
