variable "region" {
  type    = string
  default = "us-east-1"
}

variable "sagemaker_execution_role_arn" {
  type        = string
  description = "IAM role assumed by SageMaker models and notebook instances."
}

variable "chat_model_name" {
  type = string
}

variable "scoring_model_name" {
  type = string
}

variable "private_subnet_id" {
  type = string
}

variable "notebook_security_group_ids" {
  type = list(string)
}

variable "agent_foundation_model" {
  type    = string
  default = "anthropic.claude-3-haiku-20240307-v1:0"
}

variable "bedrock_logging_role_arn" {
  type        = string
  description = "IAM role Bedrock assumes to write invocation logs to CloudWatch."
}
