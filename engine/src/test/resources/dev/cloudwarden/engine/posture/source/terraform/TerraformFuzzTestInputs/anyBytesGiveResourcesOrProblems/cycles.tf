locals { a = local.b
 b = local.a }
resource "t" "x" { v = [local.a, max(range(100)...), format("%999d", 1)] }
