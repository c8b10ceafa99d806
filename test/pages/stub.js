// The documented snippet's queue stub, as a file: a strict Content-Security-Policy forbids inline scripts.
window.ServiceHall =
  window.ServiceHall ||
  function () {
    (window.ServiceHall.q = window.ServiceHall.q || []).push(arguments);
  };
window.globalsBefore = Object.keys(window);
window.ServiceHall('init', { locale: 'en', user: { id: 'page-user', name: 'Alex', token: 'secret-token' } });
window.ServiceHall('open');
