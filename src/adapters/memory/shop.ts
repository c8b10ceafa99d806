import type { ActionResult } from '../../core/adapter.js';
import type { Action, Order } from '../../core/types.js';
import { REASONS, reasonLabel, tr, type Lang } from './sample.js';

const pad = (n: number) => String(n).padStart(2, '0');

const stamp = (time: number): string => {
  const d = new Date(time);
  return `${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
};

/** The sample shop's own systems, as a site's backend would run them. */
export interface SampleShop {
  /** The given orders with the statuses that actions have changed since. */
  orders(orders: readonly Order[]): Order[];
  /** Runs a self-service action on an order: a result card, or `ok: false` with the reason. */
  perform(lang: Lang, action: Action, input: Record<string, unknown>, order: Order | undefined): ActionResult;
  /** A dated reference number: `R202611230001`. */
  ref(prefix: string): string;
}

/**
 * The sample shop behind the memory adapter and the reference server's demo provider: tracking, refunds,
 * cancellations, invoices and more, with order statuses that change as actions run (in every language at once).
 */
export const createShop = (): SampleShop => {
  const statuses = new Map<string, string>();
  let serial = 0;
  const ref = (prefix: string): string => {
    const d = new Date();
    return `${prefix}${d.getFullYear()}${pad(d.getMonth() + 1)}${pad(d.getDate())}${String(++serial % 10_000).padStart(4, '0')}`;
  };

  const perform = (
    lang: Lang,
    action: Action,
    input: Record<string, unknown>,
    order: Order | undefined,
  ): ActionResult => {
    const t = tr(lang);
    const done = (message: string, title: string, lines: string[]): ActionResult => ({
      ok: true,
      message,
      card: { type: 'result', ok: true, title, lines },
    });
    const refuse = (message: string): ActionResult => ({ ok: false, message });
    const text = (name: string) => String(input[name] ?? '').trim();
    const received = t('已提交，我们会尽快处理。', "Submitted. We'll take it from here.");
    if (!order) return done(received, action.title, []);
    const is = (...list: string[]) => list.includes(order.status);
    const orderLine = `${t('订单', 'Order')} ${order.id}`;
    const beforeShipping = is('unpaid', 'paid');
    switch (action.id) {
      case 'track': {
        if (beforeShipping || is('cancelled')) {
          return refuse(
            t(
              '这个订单还没有发货，发货后就能查看物流。',
              "This order hasn't shipped yet; tracking appears once it does.",
            ),
          );
        }
        const hour = 3_600_000;
        const now = Date.now();
        const steps: [number, string][] = [
          [3, t('【杭州分拨中心】已到达，正在派送', 'Arrived at the Hangzhou hub, out for delivery')],
          [14, t('【上海转运中心】已发出', 'Left the Shanghai sorting centre')],
          [26, t('快递员已揽收', 'Picked up by the courier')],
          [28, t('商家已发货', 'Dispatched by the seller')],
        ];
        const delivered = !is('shipped');
        if (delivered) steps.splice(0, 1, [1, t('已签收，签收人：本人', 'Delivered and signed for by the recipient')]);
        return done(
          delivered
            ? t('包裹已签收。', 'Your parcel has been delivered.')
            : t('包裹正在派送途中，预计明天送达。', 'Your parcel is on its way and should arrive tomorrow.'),
          `${t('顺丰速运', 'SF Express')} SF${order.id.replace(/\D/g, '').padStart(10, '3')}`,
          steps.map(([ago, line]) => `${stamp(now - ago * hour)} ${line}`),
        );
      }
      case 'cancel':
        if (!beforeShipping) {
          return refuse(
            is('cancelled', 'refunding')
              ? t('这个订单已取消或正在退款。', 'This order is already cancelled or being refunded.')
              : t(
                  '订单已发货，无法取消。签收后可以申请退货。',
                  "This order has shipped and can't be cancelled. You can return it after delivery.",
                ),
          );
        }
        statuses.set(order.id, 'cancelled');
        return done(
          t(
            '订单已取消，已付款项将在1–3个工作日内原路退回。',
            'Order cancelled. Any payment goes back within 1–3 business days.',
          ),
          t('订单已取消', 'Order cancelled'),
          [orderLine, reasonLabel(lang, REASONS.cancel, input.reason)],
        );
      case 'address':
        if (!beforeShipping) {
          return refuse(
            t(
              '订单已发货，无法修改地址。可以联系快递员转寄，或请人工客服协助。',
              "This order has shipped, so the address can't be changed. Ask the courier to redirect it, or ask an agent.",
            ),
          );
        }
        return done(t('收货地址已更新。', 'The delivery address is updated.'), t('地址已更新', 'Address updated'), [
          orderLine,
          text('address'),
          text('phone'),
        ]);
      case 'refund': {
        if (!is('paid', 'shipped', 'delivered', 'completed')) {
          return refuse(
            is('unpaid')
              ? t(
                  '这个订单还没有付款，无需退款，可以直接取消订单。',
                  "This order hasn't been paid, so there's nothing to refund; you can cancel it instead.",
                )
              : t('这个订单已取消或正在退款。', 'This order is already cancelled or being refunded.'),
          );
        }
        const number = ref('R');
        statuses.set(order.id, 'refunding');
        return done(
          t(`退款申请已提交，退款单号 ${number}。`, `Refund request ${number} is submitted.`),
          t('退款申请已提交', 'Refund requested'),
          [
            orderLine,
            reasonLabel(lang, REASONS.refund, input.reason),
            t('预计1–2个工作日内审核', 'Reviewed within 1–2 business days'),
          ],
        );
      }
      case 'invoice':
        if (is('unpaid', 'cancelled'))
          return refuse(t('只有已付款的订单可以开具发票。', 'Invoices are only issued for paid orders.'));
        return done(
          t(
            `电子发票将在24小时内发送至 ${text('email')}。`,
            `The e-invoice will be emailed to ${text('email')} within 24 hours.`,
          ),
          t('发票申请已提交', 'Invoice requested'),
          [orderLine, reasonLabel(lang, REASONS.invoice, input.type), text('title')].filter(Boolean),
        );
      case 'report': {
        const number = ref('P');
        return done(
          t(
            `问题已登记，编号 ${number}，售后专员会在24小时内联系您。`,
            `Problem ${number} is logged; an after-sales specialist will contact you within 24 hours.`,
          ),
          t('问题已登记', 'Problem logged'),
          [orderLine, number],
        );
      }
      case 'payment': {
        if (!is('unpaid')) return refuse(t('这个订单已经付过款了。', 'This order is already paid.'));
        const tips: Record<string, string[]> = {
          declined: [
            t('请确认银行卡余额和单笔限额', 'Check the card balance and its per-payment limit'),
            t('换一张卡或改用余额支付', 'Try another card or pay from your balance'),
          ],
          charged: [
            t('已扣款但未付款的金额会在24小时内自动退回', 'A charge without a paid order goes back within 24 hours'),
            t('订单会保留30分钟，可稍后刷新查看', 'The order is held for 30 minutes; refresh to check'),
          ],
        };
        return done(
          t('可以试试下面的方法。', 'Here is what usually helps.'),
          t('支付帮助', 'Payment help'),
          tips[String(input.issue)] ?? [
            t(
              '收银台支持微信支付、支付宝、银行卡和分期付款',
              'Checkout takes WeChat Pay, Alipay, cards and installments',
            ),
          ],
        );
      }
      default:
        return done(received, action.title, [orderLine]);
    }
  };

  return {
    orders: (orders) =>
      orders.map((order) => {
        const status = statuses.get(order.id);
        return status ? { ...order, status } : order;
      }),
    perform,
    ref,
  };
};
