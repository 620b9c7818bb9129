# Model Monitor data-quality checks and autoscaling for the batch-scoring endpoint.
resource "aws_sagemaker_data_quality_job_definition" "batch_scoring" {
  name     = "support-batch-scoring-data-quality"
  role_arn = var.sagemaker_execution_role_arn

  data_quality_app_specification {
    image_uri = var.model_monitor_image_uri
  }

  data_quality_job_input {
    endpoint_input {
      endpoint_name = aws_sagemaker_endpoint.batch_scoring.name
    }
  }

  data_quality_job_output_config {
    kms_key_id = aws_kms_key.ml.arn
    monitoring_outputs {
      s3_output {
        s3_uri = "s3://${aws_s3_bucket.capture.bucket}/monitoring"
      }
    }
  }

  job_resources {
    cluster_config {
      instance_count    = 1
      instance_type     = "ml.m5.large"
      volume_size_in_gb = 20
      volume_kms_key_id = aws_kms_key.ml.arn
    }
  }

  network_config {
    enable_inter_container_traffic_encryption = true
    vpc_config {
      subnets            = [var.private_subnet_id]
      security_group_ids = var.notebook_security_group_ids
    }
  }
}

resource "aws_sagemaker_monitoring_schedule" "batch_scoring" {
  name = "support-batch-scoring-hourly"

  monitoring_schedule_config {
    monitoring_job_definition_name = aws_sagemaker_data_quality_job_definition.batch_scoring.name
    monitoring_type                = "DataQuality"

    schedule_config {
      schedule_expression = "cron(0 * ? * * *)"
    }
  }
}

resource "aws_appautoscaling_target" "batch_scoring" {
  service_namespace  = "sagemaker"
  scalable_dimension = "sagemaker:variant:DesiredInstanceCount"
  resource_id        = "endpoint/${aws_sagemaker_endpoint.batch_scoring.name}/variant/primary"
  min_capacity       = 1
  max_capacity       = 4
}

resource "aws_cloudwatch_metric_alarm" "batch_scoring_errors" {
  alarm_name          = "support-batch-scoring-5xx"
  namespace           = "AWS/SageMaker"
  metric_name         = "Invocation5XXErrors"
  statistic           = "Sum"
  period              = 300
  evaluation_periods  = 1
  threshold           = 5
  comparison_operator = "GreaterThanOrEqualToThreshold"
  dimensions = {
    EndpointName = aws_sagemaker_endpoint.batch_scoring.name
    VariantName  = "primary"
  }
}
