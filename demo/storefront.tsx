// The demo storefront: a small shop written in Preact, with the widget loaded by the script-tag snippet in
// index.html. The page the customer is on feeds the widget's context, so the service hall ranks its
// questions for what they are looking at; the orders are the widget's own sample orders.
import { render } from 'preact';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { langOf, sampleCustomer, sampleOrders } from '../src/adapters/memory/sample.js';
import type { Order, OrderStatus, PageContext } from '../src/core/types.js';
import { en } from '../src/i18n/en.js';
import type { Catalogue } from '../src/i18n/types.js';
import { zhCN } from '../src/i18n/zh-CN.js';
import { zhTW } from '../src/i18n/zh-TW.js';
import { fill, ORDER_QUESTIONS, pick, PRODUCTS, productById, TEXT, type Locale, type Product } from './catalog.js';
import { DemoControls, EventLog, readSettings, writeSettings, type LogEntry } from './controls.js';
import { EVENTS, serverAvailable, ServiceHall, startWidget, summarise, type Widget } from './widget.js';

type Route = { page: 'home' } | { page: 'product'; id: string } | { page: 'orders' };

const parseRoute = (hash: string): Route => {
  const [, page, id] = hash.split('/');
  if (page === 'product' && id) return { page: 'product', id };
  if (page === 'orders') return { page: 'orders' };
  return { page: 'home' };
};

const useRoute = (): Route => {
  const [route, setRoute] = useState(() => parseRoute(location.hash));
  useEffect(() => {
    const onChange = () => {
      setRoute(parseRoute(location.hash));
      scrollTo(0, 0);
    };
    addEventListener('hashchange', onChange);
    return () => removeEventListener('hashchange', onChange);
  }, []);
  return route;
};

/** What the widget is told about the page: its kind, and the product when there is one. */
const contextOf = (route: Route): PageContext =>
  route.page === 'product' ? { page: 'product', product: route.id } : { page: route.page };

// The widget's own words for order statuses, so the shop and the help centre say the same thing.
const CATALOGUES: Record<Locale, Catalogue> = { 'zh-CN': zhCN, 'zh-TW': zhTW, en };

/** The sample orders are dated relative to now; one `now` keeps the list stable while the page is open. */
const NOW = Date.now();

const customerOf = (vip: boolean) => ({ id: 'u-10086', tier: vip ? 'vip' : 'member' });

/** Served by the reference server (`npm start`), the demo talks to it by default; otherwise to the memory adapter. */
const SERVER = await serverAvailable();

let logId = 0;

const price = (amount: number) => `¥${amount.toLocaleString('en')}`;

function Art(props: { product: Product; large?: boolean }) {
  return (
    <div class={props.large ? 'art large' : 'art'} style={{ background: props.product.tint }}>
      <svg
        viewBox="0 0 64 64"
        aria-hidden="true"
        fill="none"
        stroke="currentColor"
        stroke-width="2.5"
        stroke-linecap="round"
        stroke-linejoin="round"
      >
        {props.product.art}
      </svg>
    </div>
  );
}

function Home(props: { locale: Locale }) {
  const { locale } = props;
  return (
    <>
      <section class="hero">
        <h1>{pick(locale, TEXT.heroTitle)}</h1>
        <p>{pick(locale, TEXT.heroBody)}</p>
      </section>
      <h2 class="section-title">{pick(locale, TEXT.picks)}</h2>
      <ul class="grid">
        {PRODUCTS.map((product) => (
          <li key={product.id}>
            <a class="product-card" href={`#/product/${product.id}`}>
              <Art product={product} />
              <span class="name">{pick(locale, product.name)}</span>
              <span class="price">{price(product.price)}</span>
            </a>
          </li>
        ))}
      </ul>
    </>
  );
}

function ProductPage(props: { locale: Locale; product: Product | undefined; onAsk: (text: string) => void }) {
  const { locale, product } = props;
  const [added, setAdded] = useState(false);
  if (!product) {
    return (
      <p class="empty">
        {pick(locale, TEXT.notFound)} <a href="#/">{pick(locale, TEXT.backHome)}</a>
      </p>
    );
  }
  const name = pick(locale, product.name);
  return (
    <article class="product-page">
      <Art product={product} large />
      <div class="details">
        <a class="back" href="#/">
          ← {pick(locale, TEXT.backHome)}
        </a>
        <h1>{name}</h1>
        <p class="price">{price(product.price)}</p>
        <p>{pick(locale, product.blurb)}</p>
        <button type="button" class="primary" onClick={() => setAdded(true)} disabled={added}>
          {pick(locale, added ? TEXT.added : TEXT.addToCart)}
        </button>
        <aside class="ask-box">
          <p>{pick(locale, TEXT.askProductHint)}</p>
          <button
            type="button"
            class="secondary"
            onClick={() => props.onAsk(fill(pick(locale, TEXT.productPrefill), { name }))}
          >
            {pick(locale, TEXT.askProduct)}
          </button>
        </aside>
      </div>
    </article>
  );
}

function Orders(props: { locale: Locale; onAsk: (order: Order) => void }) {
  const { locale } = props;
  const orders = useMemo(() => sampleOrders(langOf(locale), NOW), [locale]);
  const t = CATALOGUES[locale];
  const date = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
  return (
    <>
      <h1 class="section-title">{pick(locale, TEXT.orders)}</h1>
      <p class="muted">{pick(locale, TEXT.ordersNote)}</p>
      <ul class="orders">
        {orders.map((order) => (
          <li key={order.id} class="order">
            <div class="order-head">
              <span>
                {pick(locale, TEXT.orderNo)} <code>{order.id}</code>
              </span>
              <time dateTime={order.createdAt}>{date.format(new Date(order.createdAt))}</time>
              <span class={`status status-${order.status}`}>
                {t[`status_${order.status}` as keyof Catalogue] ?? order.status}
              </span>
            </div>
            <div class="order-body">
              <ul class="items">
                {order.items?.map((item) => (
                  <li>
                    {item.name}
                    {(item.quantity ?? 1) > 1 ? ` ×${item.quantity}` : ''}
                  </li>
                ))}
              </ul>
              <span class="total">
                {pick(locale, TEXT.total)} <b>{price(order.total ?? 0)}</b>
              </span>
              <button type="button" class="secondary" onClick={() => props.onAsk(order)}>
                {pick(locale, TEXT.askOrder)}
              </button>
            </div>
          </li>
        ))}
      </ul>
    </>
  );
}

function Storefront() {
  const route = useRoute();
  const [settings, setSettings] = useState(() => readSettings(location.search, SERVER ? 'server' : 'memory'));
  const [widget, setWidget] = useState<Widget>();
  const [failure, setFailure] = useState<string>();
  const [log, setLog] = useState<LogEntry[]>([]);
  const { locale, theme, vip, offline, backend } = settings;
  const context = useMemo(() => contextOf(route), [route]);

  // Starting reads the latest settings, not those of the render that chose the backend.
  const latest = useRef({ settings, context });
  latest.current = { settings, context };
  // A switch of backend replaces the widget; an open panel opens again on the new one.
  const reopen = useRef(false);

  useEffect(() => {
    let current: Widget | undefined;
    let cancelled = false;
    const { settings: s, context: c } = latest.current;
    setFailure(undefined);
    startWidget(
      backend,
      { locale: s.locale, theme: s.theme, user: customerOf(s.vip), context: c, open: reopen.current },
      { humanAvailable: !s.offline },
    ).then(
      (started) => {
        if (cancelled) return started.stop();
        current = started;
        for (const event of EVENTS) {
          started.handle.on(event, (detail) => {
            const entry = {
              id: ++logId,
              time: new Date().toLocaleTimeString('en-GB'),
              event,
              summary: summarise(event, detail),
            };
            setLog((entries) => [...entries.slice(-7), entry]);
          });
        }
        setWidget(started);
      },
      (error: unknown) => setFailure(String(error)),
    );
    return () => {
      cancelled = true;
      reopen.current = current?.handle.element.opened ?? false;
      current?.stop();
      setWidget(undefined);
    };
  }, [backend]);

  // Each change goes to the running widget; repeating one on a new widget changes nothing.
  useEffect(() => {
    document.documentElement.lang = locale;
    void widget?.handle.setLocale(locale);
  }, [widget, locale]);
  useEffect(() => {
    document.documentElement.dataset.theme = theme;
    // Calling init again on a running widget applies the new options to it.
    if (widget) ServiceHall('init', { theme });
  }, [widget, theme]);
  useEffect(() => {
    if (widget) void widget.customer(vip, latest.current.settings.locale).then((user) => widget.handle.identify(user));
  }, [widget, vip]);
  useEffect(() => widget?.adapter?.setService({ humanAvailable: !offline }), [widget, offline]);
  useEffect(() => {
    if (widget) ServiceHall('setContext', context);
  }, [widget, context]);
  useEffect(() => history.replaceState(null, '', writeSettings(settings) + location.hash), [settings]);

  // The shop's buttons wait for the widget; while a backend switch replaces it, there is none to command.
  const command = (name: string, ...args: unknown[]) => widget && ServiceHall(name, ...args);
  const askOrder = (order: Order) => {
    const question = ORDER_QUESTIONS[order.status as OrderStatus] ?? TEXT.orderQuestion;
    command('setContext', { page: 'orders', orderId: order.id });
    command('ask', fill(pick(locale, question), { id: order.id }));
  };

  const status = failure ?? (widget ? '' : 'Starting…');
  const customer = sampleCustomer(langOf(locale));

  return (
    <>
      <DemoControls
        settings={settings}
        server={SERVER}
        status={status}
        onChange={(patch) => setSettings((previous) => ({ ...previous, ...patch }))}
      />
      <header class="shop-header">
        <a class="logo" href="#/">
          <svg viewBox="0 0 32 32" aria-hidden="true">
            <rect width="32" height="32" rx="9" />
            <path d="M9 12h14l-1.5 12h-11zM12.5 12a3.5 3.5 0 0 1 7 0" />
          </svg>
          {pick(locale, TEXT.shop)}
        </a>
        <nav aria-label={pick(locale, TEXT.shop)}>
          <a href="#/" aria-current={route.page === 'home' ? 'page' : undefined}>
            {pick(locale, TEXT.home)}
          </a>
          <a href="#/orders" aria-current={route.page === 'orders' ? 'page' : undefined}>
            {pick(locale, TEXT.orders)}
          </a>
        </nav>
        <span class="customer">
          {pick(locale, TEXT.hello)}
          {customer.name}
          {vip && <span class="vip">VIP</span>}
        </span>
        <button type="button" class="primary" onClick={() => command('open')} disabled={!widget}>
          {pick(locale, TEXT.help)}
        </button>
      </header>
      <main>
        {route.page === 'home' && <Home locale={locale} />}
        {route.page === 'product' && (
          <ProductPage
            key={route.id}
            locale={locale}
            product={productById(route.id)}
            onAsk={(text) => command('prefill', text)}
          />
        )}
        {route.page === 'orders' && <Orders locale={locale} onAsk={askOrder} />}
      </main>
      <footer>{pick(locale, TEXT.footer)}</footer>
      <EventLog entries={log} />
    </>
  );
}

render(<Storefront />, document.getElementById('app')!);
