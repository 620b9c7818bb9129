"""Summarises support conversations for the weekly report using OpenAI."""
from openai import OpenAI

client = OpenAI()


def summarize(transcript: str) -> str:
    completion = client.chat.completions.create(
        model="gpt-4o-mini",
        messages=[
            {"role": "system", "content": "Summarise the conversation in three bullet points."},
            {"role": "user", "content": transcript},
        ],
    )
    return completion.choices[0].message.content


def headline(summary: str) -> str:
    completion = client.chat.completions.create(
        model="gpt-4o-mini",
        messages=[
            {"role": "system", "content": "Write a headline of at most ten words."},
            {"role": "user", "content": summary},
        ],
        max_completion_tokens=300,
    )
    return completion.choices[0].message.content.strip()
