/**
 * Posture findings written out: a table for a person, JSON (one finding per line, the fields Checkov users know),
 * SARIF 2.1.0 for code scanning, and OCSF Compliance Findings; and the baseline a scan is compared with.
 */
package dev.cloudwarden.app.posture;
