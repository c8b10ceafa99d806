// The script tag's Intl warm-up (see warmIntl in imports.ts): built as it is, run in a worker of its own.
for (const locale of ['en', 'zh-CN', 'zh-TW'])
  new Intl.NumberFormat(locale, { style: 'currency', currency: 'CNY' }).format(0);
postMessage(0);
