"""The Textual app: a thin view over the session core (interviewer.session) and speech.

This is the only package that imports textual. Importing it stays cheap: screens import
their widgets, but nothing here imports torch or whisper; the speech model loads in a
background worker after the first screen is up.
"""
