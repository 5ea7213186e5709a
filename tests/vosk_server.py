"""A stand-in for alphacep's vosk-server on 127.0.0.1: its websocket protocol over real Vosk.

Written from the protocol, not from vosk-server's code: a `{"config": …}` text message, binary
16-bit PCM answered with `{"partial": …}` or an utterance's result, `{"eof" : 1}` answered with
the final result. It can also be made to crash mid-job, as a recognizer machine that dies would.
"""

import json
import threading

from websockets.exceptions import ConnectionClosed
from websockets.sync.server import serve

from elderride.speech.recognizer import load_model


class StandInVoskServer:
    """Serve vosk-server's websocket protocol with `model_path` on a free port until `close()`."""

    def __init__(self, model_path, *, trailing_silence=None):
        import vosk

        self.vosk = vosk
        self.model = load_model(model_path, trailing_silence=trailing_silence)
        self.jobs = 0
        self.crash_after_chunks = (
            None  # when set, the next job's connection is cut after this many chunks
        )
        self.chunk_delay = 0.0
        self._open = set()
        self._lock = threading.Lock()
        self.server = serve(self._handle, "127.0.0.1", 0, compression=None)
        self.url = f"ws://127.0.0.1:{self.server.socket.getsockname()[1]}"
        self._thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self._thread.start()

    def _handle(self, connection):
        with self._lock:
            self.jobs += 1
            self._open.add(connection)
            crash_after, self.crash_after_chunks = self.crash_after_chunks, None
        recognizer, config, chunks = None, {"sample_rate": 16000}, 0
        try:
            for message in connection:
                if isinstance(message, str):
                    request = json.loads(message)
                    if "config" in request:
                        config.update(request["config"])
                        continue
                    if request.get("eof"):
                        final = recognizer.FinalResult() if recognizer else json.dumps({"text": ""})
                        connection.send(final)
                        break
                    continue
                if recognizer is None:
                    rate = float(config["sample_rate"])
                    if config.get("phrase_list"):
                        recognizer = self.vosk.KaldiRecognizer(
                            self.model, rate, json.dumps(config["phrase_list"], ensure_ascii=False)
                        )
                    else:
                        recognizer = self.vosk.KaldiRecognizer(self.model, rate)
                    recognizer.SetWords(bool(config.get("words")))
                chunks += 1
                if crash_after is not None and chunks > crash_after:
                    connection.socket.close()  # the machine went away: no close handshake
                    return
                if self.chunk_delay:
                    threading.Event().wait(self.chunk_delay)
                ended = recognizer.AcceptWaveform(message)
                connection.send(recognizer.Result() if ended else recognizer.PartialResult())
        except (ConnectionClosed, OSError):
            pass
        finally:
            with self._lock:
                self._open.discard(connection)

    def close(self):
        """Stop listening and cut every open connection."""
        self.server.shutdown()
        self._thread.join(10)
        with self._lock:
            for connection in list(self._open):
                connection.socket.close()
