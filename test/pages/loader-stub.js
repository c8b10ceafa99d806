// The queue stub, with the options the test puts in the query: ?assetsUrl=…&endpoint=…&locale=…&open=1, and ?script=
// for where the loader comes from (another origin, a CDN); ?idle=never for a page that is never idle, so that
// only intent fetches a chunk. Then the loader's script tag, as a page would add it. `window.workers` records the
// workers the widget starts.
const query = new URLSearchParams(location.search);
// The workers the widget starts, each with whether it said it was done.
window.workers = [];
window.Worker = class extends window.Worker {
  constructor(url, options) {
    super(url, options);
    const record = { url: String(url), done: false };
    window.workers.push(record);
    this.addEventListener('message', () => (record.done = true));
  }
};
if (query.get('idle') === 'never') {
  window.requestIdleCallback = () => 0;
  window.cancelIdleCallback = () => undefined;
}
window.ServiceHall =
  window.ServiceHall ||
  function () {
    (window.ServiceHall.q = window.ServiceHall.q || []).push(arguments);
  };
const options = { locale: query.get('locale') || 'en' };
if (query.get('assetsUrl')) options.assetsUrl = query.get('assetsUrl');
if (query.get('endpoint')) options.endpoint = query.get('endpoint');
window.ServiceHall('init', options);
if (query.get('open')) window.ServiceHall('open');
const script = document.createElement('script');
script.async = true;
script.src = query.get('script') || '/dist/service-hall.iife.js';
document.head.append(script);
