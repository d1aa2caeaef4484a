resource "aws_s3_bucket" "b" {
  bucket = "x-${var.n}"
  versioning { enabled = true }
  #checkov:skip=CKV_AWS_1:r
}
