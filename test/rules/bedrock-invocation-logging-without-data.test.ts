import { ruleTester } from '../ruleTester';

const tfLogging = (flags: string) =>
  'resource "aws_bedrock_model_invocation_logging_configuration" "this" {\n  depends_on = [aws_s3_bucket_policy.invocation_logs]\n\n  logging_config {\n' +
  flags +
  '\n    s3_config {\n      bucket_name = aws_s3_bucket.invocation_logs.id\n      key_prefix  = "bedrock"\n    }\n  }\n}\n';
const flags = (text: string, image: string, embedding: string, extra = '') =>
  `    text_data_delivery_enabled      = ${text}\n    image_data_delivery_enabled     = ${image}\n    embedding_data_delivery_enabled = ${embedding}\n${extra}`;

ruleTester('bedrock-invocation-logging-without-data', {
  valid: [
    { filename: 'logging.tf', code: tfLogging(flags('true', 'true', 'true')) },
    { name: 'text only', filename: 'logging.tf', code: tfLogging(flags('true', 'false', 'false')) },
    { name: 'flags left out default to true', filename: 'logging.tf', code: tfLogging('    embedding_data_delivery_enabled = false\n') },
    { name: 'flag from a variable', filename: 'logging.tf', code: tfLogging(flags('var.log_prompts', 'false', 'false')) },
    { name: 'video only', filename: 'logging.tf', code: tfLogging(flags('false', 'false', 'false', '    video_data_delivery_enabled     = true\n')) },
    { name: 'dynamic logging_config', filename: 'logging.tf', code: 'resource "aws_bedrock_model_invocation_logging_configuration" "this" {\n  dynamic "logging_config" {\n    for_each = var.logging[*]\n    content {}\n  }\n}\n' },
  ],
  invalid: [
    {
      filename: 'logging.tf',
      code: tfLogging(flags('false', 'false', 'false')),
      errors: [{ line: 5, column: 39, message: /`this` delivers no text, image or embedding data/ }],
      output: tfLogging(flags('true', 'false', 'false')),
    },
    {
      name: 'video turned off too',
      filename: 'logging.tf',
      code: tfLogging(flags('false', 'false', 'false', '    video_data_delivery_enabled     = false\n')),
      errors: [{ line: 5, column: 39 }],
      output: tfLogging(flags('true', 'false', 'false', '    video_data_delivery_enabled     = false\n')),
    },
  ],
});
