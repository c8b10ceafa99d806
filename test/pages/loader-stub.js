// The queue stub, with the options the test puts in the query: ?assetsUrl=…&locale=…&open=1, and ?script=
// for where the loader comes from (another origin, a CDN). Then the loader's script tag, as a page would add it.
const query = new URLSearchParams(location.search);
window.ServiceHall =
  window.ServiceHall ||
  function () {
    (window.ServiceHall.q = window.ServiceHall.q || []).push(arguments);
  };
const options = { locale: query.get('locale') || 'en' };
if (query.get('assetsUrl')) options.assetsUrl = query.get('assetsUrl');
window.ServiceHall('init', options);
if (query.get('open')) window.ServiceHall('open');
const script = document.createElement('script');
script.async = true;
script.src = query.get('script') || '/dist/service-hall.iife.js';
document.head.append(script);
