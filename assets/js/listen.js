// "Listen": reads an easy-read question aloud with the browser's speech synthesis.
//
// The button is in the page with the hidden attribute, so without JavaScript it is never seen. It is shown only
// when the browser has a voice to speak with (voices can arrive after the page loads). Questions with a
// recording that staff attached play that instead, with a native audio control, and have no Listen button.

function hasVoice() {
  return Boolean(window.speechSynthesis && window.SpeechSynthesisUtterance && speechSynthesis.getVoices().length);
}

function speak(text) {
  speechSynthesis.cancel();
  const utterance = new SpeechSynthesisUtterance(text);
  utterance.lang = document.documentElement.lang || "en-GB";
  utterance.rate = 0.9;
  speechSynthesis.speak(utterance);
}

function reveal(buttons) {
  if (!hasVoice()) return;
  buttons.forEach((button) => {
    button.hidden = false;
  });
}

export function initListenButtons(scope = document) {
  const buttons = Array.from(scope.querySelectorAll('[data-module="app-listen"]'));
  if (!buttons.length || !window.speechSynthesis) return;
  buttons.forEach((button) => button.addEventListener("click", () => speak(button.dataset.text || "")));
  reveal(buttons);
  speechSynthesis.addEventListener("voiceschanged", () => reveal(buttons));
}
