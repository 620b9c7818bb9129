"""Answers product questions on the public website with OpenAI."""
from flask import Flask, jsonify, request
from openai import OpenAI

app = Flask(__name__)
client = OpenAI(timeout=30)


@app.post("/faq")
def faq():
    completion = client.chat.completions.create(
        model="gpt-4o-mini",
        messages=[
            {"role": "system", "content": "Answer questions about our products in two sentences."},
            {"role": "user", "content": request.json["question"]},
        ],
        max_completion_tokens=200,
    )
    answer = completion.choices[0].message.content
    # The answer goes to anyone on the website with no guardrail or moderation in between.
    return jsonify({"answer": answer})
