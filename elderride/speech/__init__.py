"""Offline speech: Vosk in worker processes, audio decoding, and the intake parser's input."""
