# Documentation assistant: a knowledge base over the product docs and the internal wiki, answered through a guardrail.

resource "aws_bedrockagent_knowledge_base" "docs" {
  name     = "support-docs"
  role_arn = var.knowledge_base_role_arn

  knowledge_base_configuration {
    type = "VECTOR"
    vector_knowledge_base_configuration {
      embedding_model_arn = "arn:aws:bedrock:${var.region}::foundation-model/amazon.titan-embed-text-v2:0"
    }
  }

  storage_configuration {
    type = "OPENSEARCH_SERVERLESS"
    opensearch_serverless_configuration {
      collection_arn    = var.docs_collection_arn
      vector_index_name = "support-docs"
      field_mapping {
        vector_field   = "embedding"
        text_field     = "chunk"
        metadata_field = "metadata"
      }
    }
  }
}

resource "aws_bedrockagent_data_source" "product_docs" {
  knowledge_base_id    = aws_bedrockagent_knowledge_base.docs.id
  name                 = "product-docs"
  data_deletion_policy = "DELETE"

  data_source_configuration {
    type = "S3"
    s3_configuration {
      bucket_arn = var.product_docs_bucket_arn
    }
  }

  server_side_encryption_configuration {
    kms_key_arn = aws_kms_key.ml.arn
  }
}

resource "aws_bedrockagent_data_source" "wiki" {
  knowledge_base_id = aws_bedrockagent_knowledge_base.docs.id
  name              = "internal-wiki"

  data_source_configuration {
    type = "S3"
    s3_configuration {
      bucket_arn         = var.wiki_export_bucket_arn
      inclusion_prefixes = ["published/"]
    }
  }
}

resource "aws_bedrock_guardrail" "docs" {
  name                      = "support-docs"
  blocked_input_messaging   = "Sorry, I can only help with questions about Acme Cloud."
  blocked_outputs_messaging = "Sorry, I couldn't find a reliable answer in our documentation."
  kms_key_arn               = aws_kms_key.ml.arn

  content_policy_config {
    filters_config {
      type            = "PROMPT_ATTACK"
      input_strength  = "LOW"
      output_strength = "NONE"
    }
    filters_config {
      type            = "HATE"
      input_strength  = "HIGH"
      output_strength = "HIGH"
    }
  }

  sensitive_information_policy_config {
    pii_entities_config {
      type   = "EMAIL"
      action = "ANONYMIZE"
    }
    pii_entities_config {
      type   = "AWS_SECRET_KEY"
      action = "BLOCK"
    }
  }
}

resource "aws_bedrock_model_invocation_logging_configuration" "this" {
  logging_config {
    text_data_delivery_enabled      = false
    image_data_delivery_enabled     = false
    embedding_data_delivery_enabled = false

    cloudwatch_config {
      log_group_name = "/bedrock/invocations"
      role_arn       = var.invocation_logging_role_arn
    }
  }
}
