"""Loads trained artifacts for offline evaluation."""
import pickle

import joblib
import numpy as np
import torch
from transformers import AutoTokenizer


def load_vectorizer(path: str = "artifacts/vectorizer.pkl"):
    with open(path, "rb") as f:
        return pickle.load(f)


def load_baseline():
    return joblib.load("model.joblib")


def load_label_classes(path: str = "artifacts/classes.npy"):
    return np.load(path, allow_pickle=True)


def load_tokenizer():
    return AutoTokenizer.from_pretrained("distilbert/distilbert-base-uncased")


def load_checkpoint(path: str):
    return torch.load(path)


def load_weights(model: torch.nn.Module, path: str) -> torch.nn.Module:
    model.load_state_dict(torch.load(path, weights_only=True))
    model.eval()
    return model
