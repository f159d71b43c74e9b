"""tracker: an event-sourced tracker of India-China bilateral commitments."""
__version__ = "0.1.0"
