// The webview demo. On a phone it is the help page an app loads: the widget full screen, and a fake React
// Native bridge that lists what the app receives. On a desktop it shows itself in a phone-size frame, with
// the app's side (the messages, and buttons that send commands) beside it.
const query = new URLSearchParams(location.search);
const locale = ['zh-CN', 'zh-TW', 'en'].find((l) => l === query.get('locale')) ?? 'zh-CN';
const theme = ['light', 'dark', 'auto'].find((t) => t === query.get('theme')) ?? 'light';
const framed = window === window.top && matchMedia('(min-width: 720px) and (pointer: fine)').matches;
const QUESTION = { 'zh-CN': '我的快递到哪了？', 'zh-TW': '我的包裹到哪了？', en: 'Where is my package?' };

document.documentElement.lang = locale;
document.documentElement.classList.add(framed ? 'framed' : 'in-app');

const clip = (text, max) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/** Lists one bridge message, newest first, as the app receives it: a JSON string. */
const show = (json) => {
  const { event, detail } = JSON.parse(json);
  const item = document.createElement('li');
  const time = document.createElement('time');
  time.textContent = new Date().toLocaleTimeString('en-GB');
  const name = document.createElement('b');
  name.textContent = event;
  const data = document.createElement('code');
  data.textContent = clip(JSON.stringify(detail), 100);
  item.append(time, name, data);
  const log = document.querySelector(framed ? '.desk .bridge-log' : '.app-screen .bridge-log');
  log.prepend(item);
  while (log.children.length > 40) log.lastElementChild.remove();
};

/** Wires the `data-command` buttons to a `ServiceHall` command function. */
const commands = (run) => {
  for (const button of document.querySelectorAll('[data-command]')) {
    const command = button.dataset.command;
    button.addEventListener('click', () => (command === 'ask' ? run('ask', QUESTION[locale]) : run(command)));
  }
};

if (framed) {
  const frame = document.createElement('iframe');
  frame.src = `webview.html${location.search}`;
  frame.title = 'The help page in a phone-size webview';
  document.querySelector('.screen').append(frame);
  // The page in the frame hands its bridge messages up here, to the "app".
  addEventListener('bridge-message', (event) => show(event.detail));
  commands((...args) => frame.contentWindow.ServiceHall(...args));
  // A 390 × 844 phone does not fit every desktop window: scale it down to the window's height.
  const fit = () => {
    const scale = Math.min(1, (innerHeight - 48) / 868);
    document.documentElement.style.setProperty('--scale', scale.toFixed(3));
  };
  fit();
  addEventListener('resize', fit);
} else {
  window.ReactNativeWebView = {
    postMessage(json) {
      show(json);
      if (window.parent !== window) window.parent.dispatchEvent(new CustomEvent('bridge-message', { detail: json }));
    },
  };
  window.ServiceHall.init({ mode: 'fullscreen', launcher: false, open: true, locale, theme });
  commands(window.ServiceHall);
}
