"""One module per screen: home, question (with its feedback), article context, results."""
