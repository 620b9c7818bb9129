# SageMaker endpoints, notebooks and a Bedrock agent for the support platform.
terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.60"
    }
  }
}

provider "aws" {
  region = var.region
}

data "aws_caller_identity" "current" {}

resource "aws_kms_key" "ml" {
  description         = "Support platform ML data"
  enable_key_rotation = true
}

resource "aws_s3_bucket" "capture" {
  bucket = "support-ml-capture-${data.aws_caller_identity.current.account_id}"
}

resource "aws_s3_bucket_public_access_block" "capture" {
  bucket                  = aws_s3_bucket.capture.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_sagemaker_endpoint_configuration" "chat" {
  name = "support-chat"

  production_variants {
    variant_name           = "primary"
    model_name             = var.chat_model_name
    instance_type          = "ml.g5.xlarge"
    initial_instance_count = 1
  }
}

resource "aws_sagemaker_endpoint_configuration" "batch_scoring" {
  name        = "batch-scoring"
  kms_key_arn = aws_kms_key.ml.arn

  production_variants {
    variant_name           = "primary"
    model_name             = var.scoring_model_name
    instance_type          = "ml.m5.xlarge"
    initial_instance_count = 2
  }

  data_capture_config {
    enable_capture              = true
    initial_sampling_percentage = 100
    destination_s3_uri          = "s3://${aws_s3_bucket.capture.bucket}/capture"

    capture_options {
      capture_mode = "Input"
    }

    capture_options {
      capture_mode = "Output"
    }
  }
}

resource "aws_sagemaker_notebook_instance" "research" {
  name          = "research-notebook"
  role_arn      = var.sagemaker_execution_role_arn
  instance_type = "ml.t3.medium"
}

resource "aws_sagemaker_notebook_instance" "secure" {
  name                   = "secure-notebook"
  role_arn               = var.sagemaker_execution_role_arn
  instance_type          = "ml.t3.medium"
  subnet_id              = var.private_subnet_id
  security_groups        = var.notebook_security_group_ids
  direct_internet_access = "Disabled"
  root_access            = "Disabled"
  kms_key_id             = aws_kms_key.ml.arn

  instance_metadata_service_configuration {
    minimum_instance_metadata_service_version = "2"
  }
}

data "aws_iam_policy_document" "agent_assume" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["bedrock.amazonaws.com"]
    }
    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [data.aws_caller_identity.current.account_id]
    }
  }
}

resource "aws_iam_role" "agent" {
  name               = "support-agent-role"
  assume_role_policy = data.aws_iam_policy_document.agent_assume.json
}

resource "aws_iam_role_policy" "agent_invoke" {
  name = "invoke-foundation-model"
  role = aws_iam_role.agent.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = ["bedrock:InvokeModel"]
      Resource = "arn:aws:bedrock:${var.region}::foundation-model/${var.agent_foundation_model}"
    }]
  })
}

resource "aws_bedrockagent_agent" "support" {
  agent_name                  = "support-agent"
  agent_resource_role_arn     = aws_iam_role.agent.arn
  foundation_model            = var.agent_foundation_model
  idle_session_ttl_in_seconds = 600
  instruction                 = "You help customers troubleshoot Acme Cloud billing and account issues. Escalate anything else to a human."
}

# The chat endpoint scales between one and four instances with load.
resource "aws_appautoscaling_target" "chat_endpoint" {
  service_namespace  = "sagemaker"
  resource_id        = "endpoint/support-chat/variant/primary"
  scalable_dimension = "sagemaker:variant:DesiredInstanceCount"
  min_capacity       = 1
  max_capacity       = 4
}
