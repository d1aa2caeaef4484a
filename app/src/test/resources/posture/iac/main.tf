# Written for CloudWarden's posture tests: one flaw of each kind the report blames, and their fixes.
variable "admin_cidr" {
  default = "0.0.0.0/0"
}

variable "office_cidr" {}

resource "aws_security_group" "bastion" {
  name = "bastion"
  ingress {
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = [var.admin_cidr]
  }
}

resource "aws_security_group" "office" {
  name = "office"
  ingress {
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = [var.office_cidr]
  }
}

resource "aws_security_group" "docker" {
  #checkov:skip=CKV_AWS_24:not an SSH host
  #cloudwarden:skip=CW_TF_AWS_SG_DOCKER_API_WORLD:lab host, torn down nightly
  name = "docker"
  ingress {
    from_port   = 2375
    to_port     = 2375
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }
}

resource "aws_instance" "web" {
  ami           = "ami-12345678"
  instance_type = "t3.micro"
  metadata_options {
    http_tokens = "optional"
  }
}

resource "aws_instance" "hardened" {
  ami           = "ami-12345678"
  instance_type = "t3.micro"
  metadata_options {
    http_tokens = "required"
  }
}
