// Record a message in the browser (MediaRecorder), for the audio question of an easy-read survey.
//
// Progressive enhancement: without JavaScript, or where the browser cannot record, the page keeps its file
// input (accept="audio/*" capture, which opens the recorder on most phones). With it, the recording is put
// into that same file input, so the form sends it through the same checked upload as a chosen file.
// Every control is a native button (keyboard operable); what happens is said in an aria-live region.

const LIMIT_SECONDS = 120;

// Everything the recorder shows or says, in easy read (a test checks each line's reading age).
// {time} and {limit} are filled in.
const WORDS = {
  intro: "Press Record and speak. You can talk for up to {limit} minutes.",
  record: "Record a message",
  stop: "Stop",
  play: "Play your message",
  again: "Record again",
  noMic: "We cannot use your mic. You can choose a file instead.",
  listening: "Talk now. Press Stop when you have finished.",
  longest: "That is the longest a message can be. We stopped.",
  ready: "Your message is ready. It is {time} long. We will send it when you press Next.",
  cannotPlay: "We cannot play it here. We will still send it.",
  orFile: "Or choose a file from your phone.",
};

function words(name, values = {}) {
  return WORDS[name].replace(/\{(\w+)\}/g, (_, key) => String(values[key]));
}

function canRecord() {
  return Boolean(
    window.MediaRecorder && navigator.mediaDevices && navigator.mediaDevices.getUserMedia && window.DataTransfer
  );
}

function clock(seconds) {
  const whole = Math.floor(seconds);
  return `${Math.floor(whole / 60)}:${String(whole % 60).padStart(2, "0")}`;
}

function button(text, classes) {
  const element = document.createElement("button");
  element.type = "button";
  element.className = `govuk-button ${classes || ""}`.trim();
  element.textContent = text;
  return element;
}

function chooseType() {
  const types = ["audio/webm;codecs=opus", "audio/webm", "audio/ogg;codecs=opus", "audio/mp4"];
  return types.find((type) => MediaRecorder.isTypeSupported && MediaRecorder.isTypeSupported(type)) || "";
}

function extensionFor(type) {
  if (type.includes("ogg")) return "ogg";
  if (type.includes("mp4")) return "m4a";
  return "webm";
}

class Recorder {
  constructor(root) {
    this.root = root;
    this.input = root.querySelector('input[type="file"]');
    this.chunks = [];
    this.seconds = 0;
    this.build();
  }

  build() {
    const box = document.createElement("div");
    box.className = "app-recorder";
    const intro = document.createElement("p");
    intro.className = "govuk-body";
    intro.textContent = words("intro", { limit: LIMIT_SECONDS / 60 });
    this.timer = document.createElement("p");
    this.timer.className = "govuk-body govuk-!-font-weight-bold app-recorder__timer";
    this.timer.setAttribute("role", "timer");
    this.status = document.createElement("p");
    this.status.className = "govuk-body app-recorder__status";
    this.status.setAttribute("aria-live", "polite");
    this.record = button(words("record"), "app-recorder__record");
    this.stop = button(words("stop"), "govuk-button--warning app-recorder__stop");
    this.play = button(words("play"), "govuk-button--secondary app-recorder__play");
    this.again = button(words("again"), "govuk-button--secondary app-recorder__again");
    const buttons = document.createElement("div");
    buttons.className = "govuk-button-group";
    buttons.append(this.record, this.stop, this.play, this.again);
    const orFile = document.createElement("p");
    orFile.className = "govuk-body";
    orFile.textContent = words("orFile");
    box.append(intro, this.timer, buttons, this.status, orFile);
    // After the question and its hint, before the file input that stays for anyone who prefers a file.
    this.input.parentNode.insertBefore(box, this.input);
    this.record.addEventListener("click", () => this.start());
    this.again.addEventListener("click", () => this.start());
    this.stop.addEventListener("click", () => this.finish());
    this.play.addEventListener("click", () => this.listen());
    this.show("ready");
  }

  show(state) {
    this.record.hidden = state !== "ready";
    this.stop.hidden = state !== "recording";
    this.play.hidden = state !== "recorded";
    this.again.hidden = state !== "recorded";
    this.timer.textContent = `${clock(this.seconds)} of ${clock(LIMIT_SECONDS)}`;
  }

  say(text) {
    this.status.textContent = text;
  }

  async start() {
    let stream;
    try {
      stream = await navigator.mediaDevices.getUserMedia({ audio: true });
    } catch (error) {
      this.say(words("noMic"));
      return;
    }
    this.stream = stream;
    this.chunks = [];
    this.seconds = 0;
    const type = chooseType();
    this.media = new MediaRecorder(stream, type ? { mimeType: type, audioBitsPerSecond: 64000 } : {});
    this.media.addEventListener("dataavailable", (event) => {
      if (event.data && event.data.size) this.chunks.push(event.data);
    });
    this.media.addEventListener("stop", () => this.keep());
    this.media.start(1000);
    this.started = Date.now();
    this.tick = window.setInterval(() => this.count(), 250);
    this.show("recording");
    this.say(words("listening"));
    this.stop.focus();
  }

  count() {
    this.seconds = Math.min((Date.now() - this.started) / 1000, LIMIT_SECONDS);
    this.timer.textContent = `${clock(this.seconds)} of ${clock(LIMIT_SECONDS)}`;
    if (this.seconds >= LIMIT_SECONDS) {
      this.say(words("longest"));
      this.finish();
    }
  }

  finish() {
    window.clearInterval(this.tick);
    if (this.media && this.media.state !== "inactive") this.media.stop();
    if (this.stream) this.stream.getTracks().forEach((track) => track.stop());
  }

  keep() {
    const type = (this.media.mimeType || "audio/webm").split(";")[0];
    this.blob = new Blob(this.chunks, { type });
    const file = new File([this.blob], `message.${extensionFor(type)}`, { type });
    const transfer = new DataTransfer();
    transfer.items.add(file);
    this.input.files = transfer.files;
    this.show("recorded");
    this.say(words("ready", { time: clock(this.seconds) }));
    this.play.focus();
  }

  listen() {
    if (this.url) URL.revokeObjectURL(this.url);
    this.url = URL.createObjectURL(this.blob);
    const audio = new Audio(this.url);
    audio.play().catch(() => this.say(words("cannotPlay")));
  }
}

export function initRecorders(scope = document) {
  if (!canRecord()) return;
  scope.querySelectorAll('[data-module="app-audio-recorder"]').forEach((root) => {
    if (root.querySelector('input[type="file"]')) new Recorder(root);
  });
}
