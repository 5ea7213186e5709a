"""What leaves the system: the outbox, the dispatch hand-off, texts, calls and mail, and their
limits.
"""
