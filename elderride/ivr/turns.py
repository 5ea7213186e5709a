"""Taking turns on a live stream: the line answers as soon as what was said is a whole answer, and
waits the elder silence only when it is not.

The recognizer's endpointer ends a phrase of the list after a short pause
(`speech.models.TURN_PAUSE`): a phrase is whole as said.  A piece of free
speech (an address) ends where the sound says the voice stopped, after the
same pause (`speech.end_of_speech`).  An address may pause between the house
number and the street, so a piece of it is held, and the turn ends when what
has been said is a whole address (`intake.addresses`), when the recognizer
waited the elder silence after it, or when the caller stayed quiet ("pause")
or the stream ended.
"""

from __future__ import annotations

import dataclasses

from elderride.intake import addresses
from elderride.speech.models import ELDER_TRAILING_SILENCE
from elderride.speech.transcript import Transcript


@dataclasses.dataclass
class Turn:
    """What the caller has said so far in answer to one live question."""

    free_speech: bool
    language: str
    pieces: list[Transcript] = dataclasses.field(default_factory=list)

    def heard(self, piece: Transcript) -> Transcript | None:
        """Take a piece the endpointer ended; return the whole answer when the turn is over, else
        None (keep listening)."""
        if not self.free_speech:
            return piece  # a phrase of the list, or nothing: judged as said
        if piece.heard:
            self.pieces.append(piece)
        said = self.said()
        if said is None:
            return None
        # A pause the recognizer ended without saying how long it was waited the elder silence.
        waited = piece.pause is None or piece.pause >= ELDER_TRAILING_SILENCE - 0.05
        if waited or addresses.is_whole(said.heard, self.language):
            self.pieces.clear()
            return said
        return None

    def quiet(self, at: float | None = None) -> Transcript | None:
        """The caller stayed quiet for the elder silence (until `at` seconds of the stream's audio,
        when known): return what was held, if anything, with the silence it waited."""
        said = self.said()
        self.pieces.clear()
        if said is not None and at is not None and said.words and said.words[-1]["end"]:
            said = dataclasses.replace(said, pause=round(at - said.words[-1]["end"], 3))
        return said

    def ended(self, last: Transcript) -> Transcript:
        """The stream ended: return everything said, the last piece with the pieces held."""
        if last.heard:
            self.pieces.append(last)
        said = self.said()
        self.pieces.clear()
        return last if said is None else said

    def said(self) -> Transcript | None:
        """The pieces held, as one answer (None: nothing held)."""
        if not self.pieces:
            return None
        if len(self.pieces) == 1:
            return self.pieces[0]
        words = [word for piece in self.pieces for word in piece.words]
        heard = " ".join(piece.heard for piece in self.pieces)
        last = self.pieces[-1]
        return Transcript(
            text=heard,
            words=words,
            confidence=round(sum(word["conf"] for word in words) / len(words), 4) if words else 0.0,
            duration=round(sum(piece.duration for piece in self.pieces), 3),
            decode_seconds=round(sum(piece.decode_seconds for piece in self.pieces), 4),
            heard=heard,
            pause=last.pause,
        )
