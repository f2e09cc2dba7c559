"""One person: the explanation, the timeline, documents and BOK sentences."""
