variable "l" { default = ["a","b"] }
locals {
  m = {for i, v in var.l : v => i...}
  t = <<-EOT
    %{ for x in var.l ~}${x}%{ endfor }
    EOT
}
resource "t" "x" {
  for_each = toset(var.l)
  v = [for k, v in local.m : "${k}=${v[0]}" if v != null][*]
  dynamic "d" {
    for_each = local.m
    content { k = d.key }
  }
}
