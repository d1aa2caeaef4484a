/**
 * HCL2 native syntax (HashiCorp's {@code hclsyntax} specification): a lexer and recursive-descent parser giving a
 * syntax tree with lines ({@link dev.cloudwarden.engine.posture.source.terraform.hcl.Body},
 * {@link dev.cloudwarden.engine.posture.source.terraform.hcl.Expr},
 * {@link dev.cloudwarden.engine.posture.source.terraform.hcl.TemplatePart}), comments, and syntax problems with line
 * and column. Knows nothing of Terraform's meaning.
 */
package dev.cloudwarden.engine.posture.source.terraform.hcl;
