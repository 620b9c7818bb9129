# The support agent on Amazon Bedrock AgentCore: its runtime, the MCP gateway in front of the order tools, and the
# memory that keeps conversations between sessions.
resource "aws_bedrockagentcore_agent_runtime" "support_agent" {
  agent_runtime_name = "support_agent"
  role_arn           = var.agent_role_arn

  agent_runtime_artifact {
    container_configuration {
      container_uri = "${var.agent_image_repository}:2025-11-03"
    }
  }

  network_configuration {
    network_mode = "PUBLIC"
  }
}

resource "aws_bedrockagentcore_gateway" "order_tools" {
  name            = "order-tools"
  role_arn        = var.agent_role_arn
  protocol_type   = "MCP"
  authorizer_type = "AWS_IAM"
}

resource "aws_bedrockagentcore_memory" "support_conversations" {
  name                  = "support_conversations"
  event_expiry_duration = 30
}
