"""Getting articles in: reading sources, decoding bytes, extracting HTML, furniture, dedupe."""
