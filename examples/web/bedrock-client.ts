// Browser-facing API route helper that calls Bedrock through the Converse API.
import {
  BedrockRuntimeClient,
  ConverseCommand,
  type Message,
} from "@aws-sdk/client-bedrock-runtime";

const client = new BedrockRuntimeClient({ region: process.env.AWS_REGION ?? "us-east-1" });

const MODEL_ID = process.env.CHAT_MODEL_ID ?? "anthropic.claude-3-haiku-20240307-v1:0";
const GUARDRAIL_ID = process.env.GUARDRAIL_ID ?? "";

export async function reply(history: Message[], question: string): Promise<string> {
  const messages: Message[] = [...history, { role: "user", content: [{ text: question }] }];

  const response = await client.send(
    new ConverseCommand({
      modelId: MODEL_ID,
      messages,
      system: [{ text: "You are a concise assistant for the Acme Cloud console." }],
      inferenceConfig: { maxTokens: 400, temperature: 0.3 },
      guardrailConfig: { guardrailIdentifier: GUARDRAIL_ID, guardrailVersion: "1" },
    }),
  );

  const block = response.output?.message?.content?.[0];
  return block && "text" in block ? (block.text ?? "") : "";
}
