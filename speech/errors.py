"""Speech failures a user can act on. Each message is one line that says what to do."""

from interviewer.errors import UserError


class SpeechError(UserError):
    """Base for every speech failure."""


class TTSUnavailable(SpeechError):
    """pyttsx3 or espeak-ng is missing, or synthesis failed."""


class AudioDeviceError(SpeechError):
    """No such input/output device, or it failed or disappeared."""


class AudioFileError(SpeechError):
    """An audio file that is missing, empty, corrupt or not audio."""


class ModelUnavailable(SpeechError):
    """The Whisper model could not be loaded or downloaded."""
