/**
 * The one use case for a return, whichever channel sold the goods and wherever they come back: a
 * return at the till, a web order returned at the counter, a refund imported from the web shop.
 *
 * It checks what may come back (at most what was sold less what earlier returns took back, only
 * lines of the order), works out the money (see ReturnMoney), the stock moves of each disposition,
 * and whether the order is now wholly returned. Pure: the app layer reads the rows and writes the plan.
 *
 * Units are matched to the order's lines by the line when it is named (a web refund names the line
 * it refunds, earlier ones as well as this one), else by SKU in line order, the first line first (a
 * return at the counter, and earlier returns read back from the ledger, whose Order Lines keep the
 * SKU, not the original line). Named lines are counted first, so a SKU-only unit never takes a
 * place a named one holds.
 *
 * A web refund may give back money without units (shipping, goodwill, or WooCommerce's line
 * refund of quantity 0): that is no problem, only its amount is recorded. At the counter a return
 * must take back at least one unit.
 */
import { CorrectionError, correctiveInvoice, type EarlierCorrection } from '../invoice/corrective';
import { allocate, type Minor, mulDivRound, percentToHundredths } from '../money';
import type { VatBreakdownRow } from '../pricing';
import {
  DISPOSITIONS,
  type Disposition,
  type ReturnInput,
  type ReturnLine,
  type ReturnMove,
  type ReturnPlan,
  type SoldLine,
} from './return-types';

const sameSku = (a: string, b: string) =>
  a.trim().toUpperCase() === b.trim().toUpperCase() && a.trim() !== '';
const plain = (x: number) => (x === 0 ? 0 : x);

/** Units of each line already given back by earlier returns, and those returns as corrections. */
function earlierByLine(input: ReturnInput): { already: number[]; corrections: EarlierCorrection[] } {
  const already = input.sold.map(() => 0);
  const invoiceNo = input.money.kind === 'invoice' ? input.money.invoiceNo : '';
  const linesOf = input.earlier.map(() => [] as { line: number; qty: number }[]);
  const named = (l: { line?: number }) => l.line !== undefined && input.sold[l.line] !== undefined;
  const take = (r: number, i: number, want: number) => {
    const n = Math.min(want, input.sold[i].qty - already[i]);
    if (n <= 0) return 0;
    already[i] += n;
    linesOf[r].push({ line: i, qty: -n });
    return n;
  };
  // Named lines first, on their own line (what does not fit there falls to the SKU rule).
  const rest: { r: number; sku: string; qty: number }[] = [];
  input.earlier.forEach((e, r) => {
    for (const l of e.lines) {
      const placed = named(l) ? take(r, l.line as number, l.qty) : 0;
      if (l.qty > placed) rest.push({ r, sku: l.sku, qty: l.qty - placed });
    }
  });
  for (const l of rest) {
    let left = l.qty;
    input.sold.forEach((s, i) => {
      if (left > 0 && sameSku(s.sku, l.sku)) left -= take(l.r, i, left);
    });
  }
  const corrections = input.earlier.map((e, r) => ({
    invoiceNo: e.invoiceNo,
    corrects: invoiceNo,
    lines: linesOf[r],
    total: e.total,
  }));
  return { already, corrections };
}

interface Piece {
  line: number;
  qty: number;
  disposition: Disposition;
}

/** The return's request matched to the order's lines; problems for what does not fit. */
function matchRequest(
  input: ReturnInput,
  already: readonly number[],
): { pieces: Piece[]; problems: string[] } {
  const problems: string[] = [];
  const pieces: Piece[] = [];
  const taken = input.sold.map(() => 0);
  const left = (i: number) => input.sold[i].qty - already[i] - taken[i];
  const skus = [...new Set(input.sold.filter((s) => s.sku.trim() !== '').map((s) => s.sku))];
  // The shop already refunded: an amount without units is no problem (see the header).
  const shop = input.money.kind === 'shop';
  if (input.request.length === 0 && !shop)
    problems.push(`Nothing to return from ${input.label}: choose at least one line.`);
  for (const r of input.request) {
    if (shop && r.qty === 0) continue;
    const what = r.sku?.trim() || (r.line !== undefined ? `line ${r.line + 1}` : 'a line');
    if (!DISPOSITIONS.includes(r.disposition)) {
      problems.push(`${what}: "${r.disposition}" is not a disposition; use restock, damaged or lost.`);
      continue;
    }
    if (!Number.isSafeInteger(r.qty) || r.qty <= 0) {
      problems.push(`${what}: the quantity to return must be a whole number from 1, not ${r.qty}.`);
      continue;
    }
    const candidates =
      r.line !== undefined
        ? input.sold[r.line] && input.sold[r.line].qty > 0
          ? [r.line]
          : []
        : input.sold.flatMap((s, i) => (s.qty > 0 && sameSku(s.sku, r.sku ?? '') ? [i] : []));
    if (candidates.length === 0) {
      problems.push(
        `${what} is not in order ${input.label}${skus.length > 0 ? `: it has ${skus.join(', ')}` : ''}. Return only what the order sold.`,
      );
      continue;
    }
    const room = candidates.reduce((sum, i) => sum + Math.max(0, left(i)), 0);
    if (r.qty > room) {
      const sold = candidates.reduce((sum, i) => sum + input.sold[i].qty, 0);
      const back = candidates.reduce((sum, i) => sum + already[i] + taken[i], 0);
      problems.push(
        `${what}: ${sold} sold in ${input.label}${back > 0 ? `, ${back} already returned` : ''}, so at most ${Math.max(0, sold - back)} can be returned, not ${r.qty}.`,
      );
    }
    // What fits goes to the lines in order, the first line first (and moves stock); the rest
    // is refused (at the till) or only listed (a web refund the shop already made).
    let want = r.qty;
    for (const i of candidates) {
      const take = Math.min(want, Math.max(0, left(i)));
      if (take <= 0) continue;
      taken[i] += take;
      want -= take;
      pieces.push({ line: i, qty: take, disposition: r.disposition });
    }
  }
  return { pieces, problems };
}

function breakdownOf(lines: readonly ReturnLine[]): VatBreakdownRow[] {
  const rates = new Map<number, VatBreakdownRow>();
  for (const l of lines) {
    if (l.vatRate === null) continue;
    const key = percentToHundredths(l.vatRate);
    const row = rates.get(key) ?? { rate: l.vatRate, base: 0, vat: 0, total: 0 };
    row.base += l.net;
    row.vat += l.vat;
    row.total += l.total;
    rates.set(key, row);
  }
  return [...rates.entries()].sort((a, b) => a[0] - b[0]).map(([, row]) => row);
}

function lineOf(
  s: SoldLine | undefined,
  line: number,
  qty: number,
  sku: string,
): Omit<ReturnLine, 'net' | 'vat' | 'total' | 'discount'> {
  return {
    line,
    sku: s?.sku ?? sku,
    name: s?.name ?? sku,
    qty: plain(-qty),
    unitPrice: s?.unitPrice ?? 0,
    vatRate: s?.vatRate ?? null,
  };
}

export function planReturn(input: ReturnInput): ReturnPlan {
  const { already, corrections } = earlierByLine(input);
  const { pieces, problems } = matchRequest(input, already);
  const perLine = input.sold.map(() => 0);
  for (const p of pieces) perLine[p.line] += p.qty;

  let lines: ReturnLine[] = [];
  let covered = true;
  const money = input.money;
  if (money.kind === 'invoice') {
    if (problems.length === 0) {
      try {
        const correction = correctiveInvoice(
          {
            invoiceNo: money.invoiceNo,
            lines: input.sold.map((s) => ({
              qty: s.qty,
              unitPrice: s.unitPrice,
              vatRate: s.vatRate ?? 0,
              discount: s.discount ? { kind: 'amount' as const, value: s.discount } : undefined,
            })),
          },
          corrections,
          perLine.flatMap((qty, line) => (qty > 0 ? [{ line, qty }] : [])),
          money.rules,
        );
        lines = correction.lines.map((c) => ({
          ...lineOf(input.sold[c.line], c.line, -c.qty, ''),
          discount: c.discount,
          net: c.net,
          vat: c.vat,
          total: c.total,
        }));
      } catch (e) {
        if (!(e instanceof CorrectionError)) throw e;
        problems.push(...e.problems);
      }
    }
  } else if (money.kind === 'charged') {
    // Each unit's share of what the line charged, on the running count: the parts add up exactly.
    lines = perLine.flatMap((qty, i) => {
      if (qty === 0) return [];
      const s = input.sold[i];
      const share = (v: Minor) => mulDivRound(v, already[i] + qty, s.qty) - mulDivRound(v, already[i], s.qty);
      const total = -share(s.total);
      const vat = -share(s.vat);
      return [
        {
          ...lineOf(s, i, qty, ''),
          discount: plain(-share(s.discount)),
          net: plain(total - vat),
          vat: plain(vat),
          total: plain(total),
        },
      ];
    });
    covered = lines.every((l) => l.vatRate !== null);
  } else {
    // The shop's amounts, one line per refunded line: its VAT in its line's mix, as charged.
    lines = input.request.map((r) => {
      const line = r.line !== undefined && input.sold[r.line] ? r.line : -1;
      const s = line >= 0 ? input.sold[line] : undefined;
      const amount = r.amount ?? 0;
      const vat =
        s && s.net + s.vat !== 0 ? allocate(amount, [Math.max(0, s.vat), Math.max(0, s.net)])[0] : 0;
      return {
        ...lineOf(s, line, r.qty, r.sku ?? ''),
        discount: 0,
        net: plain(-(amount - vat)),
        vat: plain(-vat),
        total: plain(-amount),
      };
    });
    covered =
      lines.length > 0 &&
      lines.reduce((sum, l) => sum - l.total, 0) === money.total &&
      lines.every((l) => l.line >= 0 && l.vatRate !== null);
  }

  const breakdown = breakdownOf(lines);
  let net = breakdown.reduce((sum, b) => sum + b.base, 0);
  let vat = breakdown.reduce((sum, b) => sum + b.vat, 0);
  let total = lines.reduce((sum, l) => sum + l.total, 0);
  if (!covered) {
    // The refund is more than its lines (shipping, a goodwill amount): split in the order's mix.
    total = money.kind === 'shop' ? -money.total : total;
    const orderVat =
      (money.kind === 'shop' ? money.orderVat : undefined) ?? input.sold.reduce((sum, s) => sum + s.vat, 0);
    const orderTotal =
      (money.kind === 'shop' ? money.orderTotal : undefined) ??
      input.sold.reduce((sum, s) => sum + s.total, 0);
    vat =
      orderTotal <= 0 ? 0 : -allocate(-total, [Math.max(0, orderVat), Math.max(0, orderTotal - orderVat)])[0];
    net = total - vat;
  }

  const moveAt = new Map<string, ReturnMove>();
  for (const p of pieces) {
    if (p.disposition === 'lost') continue;
    const sku = input.sold[p.line].sku;
    const to = p.disposition === 'restock' ? input.restockTo : 'Loss';
    const key = `${sku}\u0000${to}`;
    const move = moveAt.get(key) ?? { sku, qty: 0, from: 'Customer', to, disposition: p.disposition };
    move.qty += p.qty;
    moveAt.set(key, move);
  }

  const products = input.sold.map((s, i) => ({ s, i })).filter(({ s }) => s.qty > 0 && s.sku.trim() !== '');
  const allReturned = products.length > 0 && products.every(({ s, i }) => already[i] + perLine[i] >= s.qty);

  return {
    problems,
    lines,
    net: plain(net),
    vat: plain(vat),
    total: plain(total),
    breakdown,
    covered,
    moves: [...moveAt.values()].filter((m) => m.sku.trim() !== ''),
    allReturned,
    asCorrection: {
      lines: perLine.flatMap((qty, line) => (qty > 0 ? [{ line, qty: -qty }] : [])),
      total: plain(total),
    },
  };
}
