"""Everything between sound and text: speaking, recording, voice activity, transcription.

No textual imports. Heavy modules (torch, whisper, silero-vad) are imported lazily inside
the functions that need them so that `import speech` stays cheap.
"""
