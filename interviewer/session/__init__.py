"""Session flow and storage: what happens in an interview and how it is saved."""
