"""Small synthetic feedback, built from templates with a fixed seed, for the theme tests."""

from __future__ import annotations

import random

TOPICS = {
    "transport": [
        "The {adj} taxi to school was late again", "Transport kept changing the driver and the escort",
        "The school bus transport did not turn up",
        "We had to drive him ourselves because transport was refused",
        "The transport escort {adj} and the taxi driver shouted",
        "Home to school transport took months to arrange",
    ],
    "waiting": [
        "We waited 40 weeks for the EHC plan", "The EHCP was late and the 20 week deadline was missed",
        "Still waiting for the EHC plan to be finalised",
        "The wait for the education health and care plan was {adj}",
        "Our EHCP draft came months after the deadline", "Waiting for the plan has been {adj}",
    ],
    "therapy": [
        "Speech and language therapy sessions were cut",
        "He needs more speech and language therapy at school",
        "The SALT therapist only visited once a term", "Speech therapy has helped his talking",
        "We want speech and language therapy written into the plan", "The speech therapist was {adj}",
    ],
    "staff": [
        "The SENCO listened and the teachers were kind", "His teacher and the SENCO understand him",
        "The teaching assistant is patient and the teachers care", "The SENCO never replied to the teachers",
        "Teachers and the SENCO worked together", "The class teacher was {adj} with him",
    ],
}
ADJECTIVES = ["awful", "brilliant", "slow", "fine", "stressful", "helpful"]
SHORT = ["Nothing", "No", "Nothing really", "N/A", "None"]


ALL_TOPICS = ("transport", "waiting", "therapy", "staff")


def comments(per_topic: int = 30, seed: int = 0, topics: tuple[str, ...] = ALL_TOPICS,
             short: int = 10) -> tuple[list[str], list[str]]:
    """(texts, topic labels) with per_topic comments per topic plus short "nothing" answers."""
    rng = random.Random(seed)
    texts, labels = [], []
    for topic in topics:
        for _ in range(per_topic):
            template = rng.choice(TOPICS[topic])
            texts.append(template.format(adj=rng.choice(ADJECTIVES)) + rng.choice(["", ".", "!", " really"]))
            labels.append(topic)
    for _ in range(short):
        texts.append(rng.choice(SHORT))
        labels.append("short")
    order = list(range(len(texts)))
    rng.shuffle(order)
    return [texts[i] for i in order], [labels[i] for i in order]
