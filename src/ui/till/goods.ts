/**
 * Goods in: the list of SKUs and quantities that arrived, and sending it as one receiveGoods.
 * The list is plain data so the panel only draws it.
 */
import { call } from './api';
import { withBusy } from './busy';
import { parseQuantity } from './cart';
import { commandAnswered, commandKey } from './command-keys';
import { t } from './i18n';
import { looksLikeBarcode } from './lookup';
import { say, state } from './state';
import { refreshTill } from './till-data';

export interface GoodsLine {
  sku: string;
  name: string;
  qty: number;
}

/** Adds qty of the product typed or scanned (SKU or barcode); returns the list unchanged and says why if not found. */
export function addGoods(lines: readonly GoodsLine[], code: string, qtyText: string): GoodsLine[] | null {
  const typed = code.trim();
  const product =
    state.index.sku(typed) ?? (looksLikeBarcode(typed) ? state.index.barcode(typed) : undefined);
  if (!product) {
    say(t.unknownProduct(typed));
    return null;
  }
  const parsed = parseQuantity(qtyText || '1');
  if ('problem' in parsed) {
    say(t.qtyProblem[parsed.problem]);
    return null;
  }
  const existing = lines.find((line) => line.sku === product.sku);
  if (existing) {
    return lines.map((line) => (line.sku === product.sku ? { ...line, qty: line.qty + parsed.qty } : line));
  }
  return [...lines, { sku: product.sku, name: product.name, qty: parsed.qty }];
}

/** Records the goods at the location. Returns true when written. */
export async function receiveGoods(location: string, lines: readonly GoodsLine[]): Promise<boolean> {
  if (lines.length === 0) {
    say(t.goodsEmpty);
    return false;
  }
  const done = await withBusy('goods', async () => {
    const result = await call('receiveGoods', {
      key: commandKey('goods'),
      location: location.trim() || state.data?.location || '',
      lines: lines.map(({ sku, qty }) => ({ sku, qty })),
    });
    commandAnswered('goods');
    if (!result.ok) {
      say(result.problem.message);
      return false;
    }
    say(t.goodsReceived(result.value.moves), 'notice');
    void refreshTill();
    return true;
  });
  return done ?? false;
}
