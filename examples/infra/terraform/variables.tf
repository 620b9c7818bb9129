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

variable "model_monitor_image_uri" {
  type        = string
  description = "Model Monitor analyzer image for the region."
}

variable "knowledge_base_role_arn" {
  type = string
}

variable "docs_collection_arn" {
  type        = string
  description = "OpenSearch Serverless collection that holds the documentation vectors."
}

variable "product_docs_bucket_arn" {
  type = string
}

variable "wiki_export_bucket_arn" {
  type = string
}

variable "invocation_logging_role_arn" {
  type = string
}

variable "agent_role_arn" {
  description = "IAM role the AgentCore runtime and gateway assume"
  type        = string
}

variable "agent_image_repository" {
  description = "ECR repository URL of the support agent's container image"
  type        = string
}
