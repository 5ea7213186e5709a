"""A stand-in for alphacep's vosk-server on 127.0.0.1: its websocket protocol over real Vosk.

It behaves as alphacep's own `websocket/asr_server.py` (github.com/alphacep/vosk-server, commit
c2e82f0) did when run over the Korean test model on 127.0.0.1 (the commands are in
docs/SCALING.md, "The real vosk-server"). What was seen there, and is done the same here:

- A text message with `config` in it sets the connection's options (`sample_rate`, default 8000;
  `phrase_list`; `words`, default on); it is not answered.
- The recognizer is made at the first other message, with the options given so far.
- Every other message is answered once, in order, when it has been decoded: binary audio with
  `{"partial": …}` or, at an utterance's end, `{"result": [...], "text": …}`; the exact text
  `{"eof" : 1}` with the final result, after which the server closes the connection;
  `{"reset" : 1}` with the final result so far, the connection staying open. The server reads
  the next message only after answering the last, so a client may send chunks without waiting
  for their answers (they queue on the connection) and read the answers as they come.
- With `websockets` 14 or later, the server's handler (`recognize(websocket, path)`) is called
  with one argument: every connection's handshake succeeds, then the server logs
  `TypeError: recognize() missing 1 required positional argument: 'path'` and closes the
  connection with code 1011 (internal error) before answering anything. `crash_on_connect` does
  the same.

Seen again on 2026-12-06 (the same commit c2e82f0, vosk 0.3.45, websockets 13.1, Korean model),
probed message by message beside this stand-in, which answered the same except where noted:
- `max_alternatives` (config, or VOSK_ALTERNATIVES for every connection) above 0 changes the shape
  of every result: `{"alternatives": [{"confidence": …, "result": [words without "conf"],
  "text": …}]}`, with no top-level "text"; partials stay `{"partial": …}`. The stand-in ignored
  it; it now does the same (`max_alternatives`), and elderride asks for 0.
- Only the exact `{"eof" : 1}` ends a recording: `{"eof":1}`, `{"eof": 1}` or any other text is
  fed to the decoder as audio and fails, closing with 1011, as does text with `config` in it
  that is not JSON. A binary message saying config is audio (a partial).
- A config after the first audio changes nothing for that connection.
- A client closing (or its socket dropping) mid-utterance: the server logs "connection handler
  failed" and serves the next connection as before.
- More than 1 MiB in one message closes with 1009 (without the reason this stand-in gives).
- Its decoding runs in a pool of os.cpu_count() threads shared by all connections (this stand-in
  decodes in each connection's own thread); an answer comes
  when its chunk is decoded. Timing with 1 and 3 connections of 8.4 s audio sent at once was the
  same within the noise of a shared machine (6.7–11.8 s against 8.7–12.4 s for one).

Seen again on 2026-12-06 (the same setup, the line's live free speech through it): a stream that
sent `{"reset" : 1}` at the voice's pause got the final result so far at once, its words' times
counting on from the connection's start (as after an utterance the decoder ended itself); the
connection stayed open, and the audio after it and the `{"eof" : 1}` were answered as before.
This stand-in does the same.

Frozen with `kill -STOP` mid-answer (2026-12-06, same setup): the connection stays open and
nothing more is answered; its kernel still takes new TCP connections, but no websocket handshake
completes (a client's opening times out). After `kill -CONT` it answers again, logs the
connections clients gave up on meanwhile as "no close frame received or sent", and serves the next
as before. This stand-in run as a process of its own (`main`) does the same under `kill -STOP`;
`stall` is the in-process form (handshakes done, nothing answered). Its longest wait for an answer
with phrase lists, 20 ms frames at the telephone's pace, was 0.08 s for one stream and 0.52 s for
ten (load 3.7), this stand-in's 0.08 s and 0.36 s. It makes a connection's recognizer (compiling
its phrase list) in its event loop, not its decoding pool, so that time holds every connection's
answers: this stand-in makes it under one lock that every answer waits on too.

It can also be made to crash mid-job, as a recognizer machine that dies would, to decode slowly,
to hold every answer until the end of the recording (as a recognizer far away does, its
answers still in flight while the last chunks go out), and to stall: a connection opens, its
messages are read, and nothing is ever answered or closed (as a recognizer whose decoding thread
hangs, or a machine whose network stopped halfway, behaves).
"""

import functools
import json
import socket
import threading

from websockets.exceptions import ConnectionClosed
from websockets.sync.server import serve

from elderride.speech.recognizer import load_model

# vosk-server's defaults (VOSK_SAMPLE_RATE, VOSK_SHOW_WORDS): telephone audio, words shown.
DEFAULTS = {"sample_rate": 8000.0, "words": True}


@functools.lru_cache(maxsize=4)
def _shared_model(model_path, trailing_silence):
    """One loaded model per folder for every stand-in in this process, as one vosk-server shares
    its model across connections: a model per test kept half a gigabyte each alive in the suite."""
    return load_model(model_path, trailing_silence=trailing_silence)


class StandInVoskServer:
    """Serve vosk-server's websocket protocol with `model_path` on a free port until `close()`."""

    def __init__(self, model_path, *, trailing_silence=None, fresh=False):
        import vosk

        self.vosk = vosk
        # fresh: a model of its own, for a test that compares free speech with a fresh local model
        # (a Kaldi model's later free-speech results can shift after it served phrase lists).
        self.model = (
            load_model(str(model_path), trailing_silence=trailing_silence)
            if fresh
            else _shared_model(str(model_path), trailing_silence)
        )
        self.jobs = 0
        # When set, the next job's connection is cut after this many chunks.
        self.crash_after_chunks = None
        # As alphacep's server under websockets >= 14: every connection fails once it is open.
        self.crash_on_connect = False
        self.chunk_delay = 0.0
        # Seconds each second of audio takes to decode besides the model's own time: a busy machine
        # whose recognizer keeps up with the caller, but not much faster.
        self.decode_pace = 0.0
        # VOSK_ALTERNATIVES: above 0, results come as alternatives unless a config says otherwise.
        self.max_alternatives = 0
        # Answer nothing until the end of the recording has arrived, then everything in order.
        self.answer_after_eof = False
        # Take every connection and message, answer none of them, and never close.
        self.stall = False
        self._open = set()
        self._lock = threading.Lock()
        # vosk-server's event loop: making a recognizer holds it, and every answer goes through it.
        self._event_loop = threading.Lock()
        self.server = serve(self._handle, "127.0.0.1", 0, compression=None)
        self.url = f"ws://127.0.0.1:{self.server.socket.getsockname()[1]}"
        self._thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self._thread.start()

    def _handle(self, connection):
        if self.crash_on_connect:
            # The websockets server logs this and closes the connection with 1011.
            raise TypeError("recognize() missing 1 required positional argument: 'path'")
        with self._lock:
            self.jobs += 1
            self._open.add(connection)
            crash_after, self.crash_after_chunks = self.crash_after_chunks, None
        if self.stall:
            try:
                for _ in connection:
                    pass  # read, never answered: the client sees a recognizer that went silent
            except (ConnectionClosed, OSError):
                pass
            finally:
                with self._lock:
                    self._open.discard(connection)
            return
        recognizer, chunks, held = None, 0, []
        config = {**DEFAULTS, "max_alternatives": self.max_alternatives}
        try:
            for message in connection:
                if isinstance(message, str) and "config" in message:
                    config.update(json.loads(message)["config"])
                    continue
                if recognizer is None:
                    with self._event_loop:
                        recognizer = self._recognizer(config)
                if message == '{"eof" : 1}':
                    held.append(recognizer.FinalResult())
                    for answer in held:
                        connection.send(answer)
                    break
                if message == '{"reset" : 1}':
                    answer = recognizer.FinalResult()
                else:
                    chunks += 1
                    if crash_after is not None and chunks > crash_after:
                        # The process died: its kernel ends the connection at once, with no close
                        # handshake (shutdown first: a plain close waits for the reading thread).
                        connection.socket.shutdown(socket.SHUT_RDWR)
                        connection.socket.close()
                        return
                    if self.chunk_delay:
                        threading.Event().wait(self.chunk_delay)
                    if self.decode_pace:
                        audio = len(message) / 2 / float(config["sample_rate"])
                        threading.Event().wait(self.decode_pace * audio)
                    # Text that is neither config nor eof/reset fails here, as in vosk-server.
                    ended = recognizer.AcceptWaveform(message)
                    answer = recognizer.Result() if ended else recognizer.PartialResult()
                if self.answer_after_eof:
                    held.append(answer)
                else:
                    with self._event_loop:
                        pass  # waits while the loop makes another connection's recognizer
                    connection.send(answer)
        except (ConnectionClosed, OSError):
            pass
        finally:
            with self._lock:
                self._open.discard(connection)

    def _recognizer(self, config):
        rate = float(config["sample_rate"])
        if config.get("phrase_list"):
            recognizer = self.vosk.KaldiRecognizer(
                self.model, rate, json.dumps(config["phrase_list"], ensure_ascii=False)
            )
        else:
            recognizer = self.vosk.KaldiRecognizer(self.model, rate)
        recognizer.SetWords(bool(config.get("words")))
        recognizer.SetMaxAlternatives(int(config["max_alternatives"]))
        return recognizer

    def close(self):
        """Stop listening and cut every open connection."""
        self.server.shutdown()
        self._thread.join(10)
        with self._lock:
            for connection in list(self._open):
                connection.socket.close()


def main():
    """Serve as a process of its own (`python -m tests.vosk_server MODEL [TRAILING_SILENCE]`),
    printing its address, until it is killed: as a recognizer on another machine dies."""
    import sys

    model_path, *rest = sys.argv[1:]
    server = StandInVoskServer(model_path, trailing_silence=float(rest[0]) if rest else None)
    print(server.url, flush=True)
    threading.Event().wait()


if __name__ == "__main__":
    main()
