/** Web orders built for import tests (platform JSON is tested in the connectors' own tests). */
import type { WebOrder, WebOrderLine } from '../../src/core/web-order';

export function productLine(sku: string, qty: number, unitGross: number, rate = 21, id = sku): WebOrderLine {
  const total = qty * unitGross;
  const tax = Math.round((total * rate) / (100 + rate));
  return {
    kind: 'product',
    externalLineId: id,
    sku,
    name: sku,
    qty,
    unitPrice: unitGross,
    discount: 0,
    net: total - tax,
    tax,
    taxRate: rate,
    productRef: '',
  };
}

export function webOrder(
  id: string,
  status: WebOrder['status'],
  lines: WebOrderLine[],
  extra: Partial<WebOrder> = {},
): WebOrder {
  const net = lines.reduce((s, l) => s + l.net, 0);
  const tax = lines.reduce((s, l) => s + l.tax, 0);
  return {
    externalId: id,
    orderNo: `#${id}`,
    status,
    shopStatus: status,
    created: Date.UTC(2026, 10, 20, 10),
    updated: Date.UTC(2026, 10, 20, 11),
    currency: 'EUR',
    pricesIncludeTax: true,
    customer: { externalId: '7', email: 'Ana@Example.com', name: 'Ana García', phone: '' },
    lines,
    net,
    tax,
    total: net + tax,
    payments:
      status === 'pending' || status === 'cancelled'
        ? []
        : [{ method: 'stripe', amount: net + tax, reference: `ch_${id}` }],
    refunds: [],
    localPickup: false,
    trackingNumber: '',
    ...extra,
  };
}
