# The batch-scoring endpoint. Its monitoring and scaling live in monitoring.tf.
resource "aws_sagemaker_endpoint" "batch_scoring" {
  name                 = "support-batch-scoring"
  endpoint_config_name = aws_sagemaker_endpoint_configuration.batch_scoring.name
}
