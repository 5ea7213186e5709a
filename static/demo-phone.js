// The demo phone: calls the line through the server's call simulator, plays keys and the microphone.
(function () {
  "use strict";
  var token = document.querySelector("meta[name=csrf-token]").content;
  var transcript = document.getElementById("transcript");
  var state = document.getElementById("line-state");
  var call = null;

  function post(url, body) {
    return fetch(url, { method: "POST", body: body, headers: { "X-CSRFToken": token }, credentials: "same-origin" })
      .then(function (response) {
        // An error page (413, 500) is not JSON: say so rather than stay on "Listening…".
        return response.json().catch(function () { return { error: "The line could not take that (" + response.status + "); press a key." }; });
      });
  }

  var live = null;  // the line's live stream for the current question: {url, parameters}

  function show(report) {
    if (report.error) { state.textContent = report.error; return; }
    call = report.call;
    live = report.stream || null;
    report.says.forEach(function (line) {
      var item = document.createElement("li");
      item.textContent = line.text;
      item.lang = line.lang;
      transcript.appendChild(item);
      if ("speechSynthesis" in window) {
        var utterance = new SpeechSynthesisUtterance(line.text);
        utterance.lang = line.lang;
        window.speechSynthesis.speak(utterance);
      }
    });
    state.textContent = report.dialing ? "Connecting to " + report.dialing : report.ended ? "The call has ended." :
      report.listening ? "The line is listening: press a key, or hold the button and speak." : "Press a key.";
  }

  document.getElementById("dial").addEventListener("submit", function (event) {
    event.preventDefault();
    transcript.innerHTML = "";
    post("/demo/phone/calls", new FormData(event.target)).then(show);
  });
  document.querySelectorAll("[data-key]").forEach(function (button) {
    button.addEventListener("click", function () {
      if (!call) return;
      var body = new FormData();
      body.append("call", call);
      body.append("key", button.getAttribute("data-key"));
      post("/demo/phone/press", body).then(show);
    });
  });
  document.querySelector("[data-silence]").addEventListener("click", function () {
    if (!call) return;
    var body = new FormData();
    body.append("call", call);
    post("/demo/phone/silence", body).then(show);
  });

  // Microphone: capture 16-bit PCM while the button is held, send it as a WAV file.
  var speakButton = document.querySelector("[data-speak]");
  var recording = null;
  function wav(samples, rate) {
    var buffer = new ArrayBuffer(44 + samples.length * 2);
    var view = new DataView(buffer);
    function text(offset, value) { for (var i = 0; i < value.length; i++) view.setUint8(offset + i, value.charCodeAt(i)); }
    text(0, "RIFF"); view.setUint32(4, 36 + samples.length * 2, true); text(8, "WAVE"); text(12, "fmt ");
    view.setUint32(16, 16, true); view.setUint16(20, 1, true); view.setUint16(22, 1, true);
    view.setUint32(24, rate, true); view.setUint32(28, rate * 2, true); view.setUint16(32, 2, true);
    view.setUint16(34, 16, true); text(36, "data"); view.setUint32(40, samples.length * 2, true);
    for (var i = 0; i < samples.length; i++) {
      var value = Math.max(-1, Math.min(1, samples[i]));
      view.setInt16(44 + i * 2, value < 0 ? value * 0x8000 : value * 0x7FFF, true);
    }
    return new Blob([view], { type: "audio/wav" });
  }
  function startRecording() {
    if (!call || !navigator.mediaDevices) return;
    navigator.mediaDevices.getUserMedia({ audio: true }).then(function (stream) {
      var context = new (window.AudioContext || window.webkitAudioContext)();
      var source = context.createMediaStreamSource(stream);
      var processor = context.createScriptProcessor(4096, 1, 1);
      var chunks = [];
      processor.onaudioprocess = function (event) { chunks.push(new Float32Array(event.inputBuffer.getChannelData(0))); };
      source.connect(processor);
      processor.connect(context.destination);
      recording = { stream: stream, context: context, processor: processor, chunks: chunks };
      state.textContent = "Listening…";
    }).catch(function () { state.textContent = "The microphone is not available; use the keys."; });
  }
  function stopRecording() {
    if (!recording) return;
    var done = recording;
    recording = null;
    done.processor.disconnect();
    done.stream.getTracks().forEach(function (track) { track.stop(); });
    var length = done.chunks.reduce(function (total, chunk) { return total + chunk.length; }, 0);
    var samples = new Float32Array(length);
    var offset = 0;
    done.chunks.forEach(function (chunk) { samples.set(chunk, offset); offset += chunk.length; });
    var rate = done.context.sampleRate;
    done.context.close();
    // 16 kHz is all the recognizer uses; the WAV goes as the request body, not a form field.
    var kept = downsample(samples, rate, 16000);
    post("/demo/phone/speak?call=" + encodeURIComponent(call), wav(kept, Math.min(rate, 16000))).then(show);
  }
  function downsample(samples, from, to) {
    if (from <= to) return samples;
    var ratio = from / to;
    var result = new Float32Array(Math.floor(samples.length / ratio));
    for (var i = 0; i < result.length; i++) {
      // Average the samples each output sample stands for: a plain low-pass against aliasing.
      var start = Math.floor(i * ratio), end = Math.min(samples.length, Math.floor((i + 1) * ratio)), sum = 0;
      for (var j = start; j < end; j++) sum += samples[j];
      result[i] = sum / Math.max(1, end - start);
    }
    return result;
  }

  // The live path: the microphone, at 8 kHz mu-law, as Twilio's media messages over a websocket.
  // The server relays them to the line, which moves the call on by itself when it understands.
  var streaming = null;
  function mulaw(value) {
    var sample = Math.floor(Math.max(-1, Math.min(1, value)) * 32767);
    var sign = sample < 0 ? 0x80 : 0;
    if (sign) sample = -sample;
    sample = Math.min(sample, 32635) + 0x84;
    var exponent = 7;
    for (var mask = 0x4000; (sample & mask) === 0 && exponent > 0; exponent--, mask >>= 1) {}
    return ~(sign | (exponent << 4) | ((sample >> (exponent + 3)) & 0x0F)) & 0xFF;
  }
  function startStreaming() {
    if (!call || !live || !navigator.mediaDevices || streaming) return;
    var socket = new WebSocket(live.url);
    var streamSid = "MZ" + Math.random().toString(16).slice(2);
    var sequence = 0, chunk = 0, pending = [];
    function send(message) {
      if (socket.readyState !== WebSocket.OPEN) return;
      sequence += 1;
      message.sequenceNumber = String(sequence);
      message.streamSid = streamSid;
      socket.send(JSON.stringify(message));
    }
    function frame(bytes) {
      chunk += 1;
      send({ event: "media", media: { track: "inbound", chunk: String(chunk), timestamp: String(chunk * 20),
        payload: btoa(String.fromCharCode.apply(null, bytes)) } });
    }
    function flush() {
      while (pending.length >= 160) frame(pending.splice(0, 160));
    }
    var mine = streaming = { socket: socket, finished: false };
    socket.onopen = function () {
      socket.send(JSON.stringify({ event: "connected", protocol: "Call", version: "1.0.0" }));
      send({ event: "start", start: { callSid: call, streamSid: streamSid, tracks: ["inbound"],
        mediaFormat: { encoding: "audio/x-mulaw", sampleRate: 8000, channels: 1 }, customParameters: live.parameters } });
    };
    navigator.mediaDevices.getUserMedia({ audio: true }).then(function (stream) {
      var context = new (window.AudioContext || window.webkitAudioContext)();
      var source = context.createMediaStreamSource(stream);
      var processor = context.createScriptProcessor(2048, 1, 1);
      processor.onaudioprocess = function (event) {
        var samples = downsample(event.inputBuffer.getChannelData(0), context.sampleRate, 8000);
        for (var i = 0; i < samples.length; i++) pending.push(mulaw(samples[i]));
        flush();
      };
      source.connect(processor);
      processor.connect(context.destination);
      mine.stop = function () {
        processor.disconnect();
        stream.getTracks().forEach(function (track) { track.stop(); });
        context.close();
        // The recognizer ends an answer after a patient pause: send that pause, in real time.
        var left = 75;
        var timer = setInterval(function () {
          frame(new Array(160).fill(0xFF));
          if (--left <= 0) { clearInterval(timer); send({ event: "stop", stop: { callSid: call } }); socket.close(); }
        }, 20);
      };
      if (mine.finished) mine.stop();
      state.textContent = "Listening…";
    }).catch(function () { state.textContent = "The microphone is not available; use the keys."; socket.close(); });
    var polls = 0;
    var poll = setInterval(function () {
      polls += 1;
      fetch("/demo/phone/moved?call=" + encodeURIComponent(call), { credentials: "same-origin" })
        .then(function (response) { return response.json(); })
        .then(function (report) {
          if (report.call) { clearInterval(poll); show(report); }
          else if (polls > 200) clearInterval(poll);
        });
    }, 300);
  }
  function stopStreaming() {
    if (!streaming) return;
    var done = streaming;
    streaming = null;
    done.finished = true;
    if (done.stop) done.stop();
  }
  speakButton.addEventListener("pointerdown", function () { if (live) startStreaming(); else startRecording(); });
  speakButton.addEventListener("pointerup", function () { stopStreaming(); stopRecording(); });
  speakButton.addEventListener("pointerleave", function () { stopStreaming(); stopRecording(); });
})();
