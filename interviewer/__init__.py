"""interviewer: an offline voice mock interviewer for AI/ML job interviews."""

__version__ = "0.1.0"
