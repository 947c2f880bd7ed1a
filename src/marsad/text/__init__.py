"""The offset-preserving text layer: normalisation, sentences, tokens and clitics."""
