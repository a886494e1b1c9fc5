"""One module per screen: home, settings, question (asking/recording), feedback, summary."""
