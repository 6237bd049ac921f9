/**
 * Redeeming store credit online: a single-use code in the web shop worth the customer's balance.
 *
 * The shop is called OUTSIDE the document lock (a slow shop must not stop the tills), so issuing
 * is three steps:
 * 1. under the lock: check the customer, HOLD the balance (a `redeem` entry, key `hold:<code>`,
 *    Expires = the code's expiry) and write the code's row in Web Codes with Status `pending`;
 *    from here the till sees the balance without it, so it cannot be spent twice;
 * 2. no lock: create the code in the shop;
 * 3. under the lock: Status `live` with the shop's id of the code. When the shop refused or failed,
 *    the code is looked for in the shop (an answer may have been lost after it was made): found,
 *    it is live all the same; surely not there, the hold is RELEASED and the code is `released`,
 *    so a failure holds nothing; when even that cannot be known, the code stays `pending` and the
 *    hourly run settles the question later (it never releases a pending code younger than
 *    PENDING_GRACE_MS, so it cannot race step 3).
 * Only a sure refusal releases at once; a code the shop has not confirmed stays `pending` (a
 * retry or a cancel never releases one younger than PENDING_GRACE_MS: it may still be being made).
 * Sending again with the same key (a retry, a double click) gives the same code and holds nothing
 * more; a pending code is finished by it.
 *
 * An imported order that used the code SETTLES it inside the import's commit (settleWebCodes):
 * the hold is lifted and the order redeems what the code took off it, with the order's Order ID
 * (so a refund of the order gives that credit back); what the code did not cover goes back to the
 * customer. A code that expires unused (the hourly run) or is cancelled is disabled in the shop
 * first, then released: the held credit comes back lot by lot with each lot's own expiry. If the
 * shop says it was used meanwhile, it becomes `used` and stays held until its order is imported.
 * But a shop may count a use late (Shopify's asyncUsageCount), so a code may be released and then
 * used: its order still redeems `use:<code>`, capped at the customer's balance then (never below
 * 0), and only a shortfall is listed in Sync Problems.
 * The credit is always given back to, and taken from, the customer's survivor: the end of its
 * `Merged into` chain (merged while the code was live, the credit went there).
 *
 * Loyalty stays append-only: a hold, its release and a settlement are entries, never edits; the
 * code's changing state lives in the Web Codes tab.
 */
import type { ShopConfig } from '../../app/sync/shop-config';
import { survivorOf } from '../../core/customer/survivor';
import { type HeldPortion, type LoyaltyDraft, webCodeProblem, webCodeText } from '../../core/loyalty';
import { formatDecimal } from '../../core/money';
import type { UsedCode } from '../../core/web-order';
import { parseText } from '../../ledger/cells';
import { readProducts } from '../../ledger/products';
import { WEB_CODES } from '../../ledger/schema';
import {
  appendRows,
  findRows,
  type Row,
  type RowChange,
  readFoundRows,
  readHeaderTable,
  readTable,
  type Table,
  updateRows,
} from '../../ledger/table';
import { type WebCode, webCodeFromRow, webCodeRecord } from '../../ledger/web-codes';
import type { Platform } from '../../platform/platform';
import { ShopError } from '../../shops/shop-error';
import type { ShopCode, WebCodeShop } from '../../shops/web-codes';
import { underLock } from '../commit';
import { CustomerProblem } from '../customers/problem';
import { survivors } from '../customers/survivor';
import { type LedgerContext, loadContext } from '../ledger-context';
import type { WebCodeSent } from '../till/api-types';
import { type CustomerRow, findCustomerRow } from './customer-row';
import { type HeldLots, loyaltyHistory } from './held-lots';
import { listOverdueCodes } from './overdue-codes';
import { cachedBalance, postLoyalty } from './post-entries';

export type WebCodePorts = Pick<Platform, 'workbook' | 'lock' | 'properties' | 'clock' | 'digest'>;

/** The shop's code API by shop name (the shells build it from the shop settings and the Http port). */
export type ShopCodesFor = (shop: ShopConfig) => WebCodeShop;

const DAY = 86_400_000;
/** How long a code is valid unless told otherwise. */
export const WEB_CODE_DAYS = 30;
/** A pending code younger than this may still be in step 2: the hourly run leaves it alone. */
export const PENDING_GRACE_MS = 15 * 60_000;

const GRACE_MINUTES = PENDING_GRACE_MS / 60_000;

/** A pending code this young may still be being made by the call that sent it: never released outside the hourly run. */
function youngPending(c: WebCode, now: number): boolean {
  return c.status === 'pending' && c.issued + PENDING_GRACE_MS > now;
}

/** A customer's balance as the commit stands (the import's Customers table, else one search). */
function balanceNow(
  p: Pick<Platform, 'workbook'>,
  ctx: LedgerContext,
  id: string,
  customers?: Table,
): number {
  if (!customers) return findCustomerRow(p.workbook, ctx, id)?.balance ?? 0;
  const row = customers.rows.find((r) => parseText(customers.get(r, 'Customer ID')) === id);
  return row ? cachedBalance(customers, row, ctx.cells) : 0;
}

/** A web code as the till and the CLI show it: plain data, amounts in minor units, times ISO. */
export type WebCodeView = WebCodeSent;

function shopNamed(p: WebCodePorts, name: string, list: (p: WebCodePorts) => ShopConfig[]): ShopConfig {
  const shops = list(p);
  const shop = shops.find((s) => s.name === name) ?? (shops.length === 1 && !name ? shops[0] : undefined);
  if (!shop) {
    throw new CustomerProblem(
      'bad-input',
      shops.length === 0
        ? 'No web shop is connected: add one in Extensions › Shop Ledger › Shop settings first.'
        : `No shop named "${name}": the shops are ${shops.map((s) => s.name).join(', ')}.`,
    );
  }
  return shop;
}

function codesTable(p: WebCodePorts, ctx: LedgerContext): Table {
  return readHeaderTable(p.workbook, WEB_CODES, ctx.tabs);
}

function rowBy(p: WebCodePorts, table: Table, header: string, value: string): Row | null {
  const [row] = readFoundRows(p.workbook, table, findRows(p.workbook, table, header, value).slice(0, 1));
  return row ?? null;
}

/**
 * Whom a customer's credit belongs to now: the customer, or the end of its `Merged into` chain
 * (merged while a code was live, the credit went to the survivor: so does the code's).
 * `customers`: the Customers tab read whole by the caller (an import); otherwise one search per link.
 */
function holderOf(
  p: Pick<Platform, 'workbook'>,
  ctx: LedgerContext,
  customers?: Table,
): (id: string) => string {
  if (customers) {
    const survivor = survivors(customers);
    const idOf = (r: Row) => parseText(customers.get(r, 'Customer ID'));
    return (id) => {
      const row = customers.rows.find((r) => idOf(r) === id);
      return row ? idOf(survivor(row)) : id;
    };
  }
  return (id) => {
    const start = findCustomerRow(p.workbook, ctx, id);
    if (!start) return id;
    const next = (c: CustomerRow) => (c.mergedInto ? findCustomerRow(p.workbook, ctx, c.mergedInto) : null);
    return survivorOf(start, next, (c) => c.customerId).customerId;
  };
}

function giveBack(
  c: WebCode,
  portions: readonly HeldPortion[],
  prefix: string,
  to = c.customerId,
): LoyaltyDraft[] {
  return portions.map((q, i) => ({
    customerId: to,
    amount: q.amount,
    kind: 'reverse' as const,
    orderId: '',
    expires: q.expires,
    key: `${prefix}:${c.code}:${i + 1}`,
  }));
}

function view(c: WebCode, ctx: LedgerContext, balance: number, message: string): WebCodeView {
  return {
    code: c.code,
    customerId: c.customerId,
    shop: c.shop,
    amount: c.amount,
    currency: ctx.settings.currency,
    status: c.status,
    expires: new Date(c.expires).toISOString(),
    orderId: c.orderId,
    balance,
    message,
  };
}

/** The highest VAT % of the active products (one read): a code spent at it saves no more than the credit. */
function topVatRate(p: Pick<Platform, 'workbook'>, ctx: LedgerContext): number {
  const rates = readProducts(p.workbook, ctx.cells, ctx.tabs)
    .products.filter((x) => x.active)
    .map((x) => x.vatRate);
  return Math.max(0, ...rates);
}

function balanceOf(p: WebCodePorts, ctx: LedgerContext, customerId: string): number {
  return findCustomerRow(p.workbook, ctx, customerId)?.balance ?? 0;
}

/**
 * Releases a code's hold and marks it released, under the caller's lock. Returns the balance
 * after, and a note on any unreadable Loyalty cell of the customer ('' when none).
 */
function release(
  p: WebCodePorts,
  ctx: LedgerContext,
  table: Table,
  row: Row,
  c: WebCode,
  now: number,
): { balance: number; note: string } {
  const to = holderOf(p, ctx)(c.customerId);
  const held = loyaltyHistory(p.workbook, ctx)(c);
  const posted = postLoyalty(p, ctx, giveBack(c, held.portions, 'release', to), now);
  updateRows(p.workbook, table, [{ row, values: { Status: 'released' } }]);
  const balance = posted.balances.get(to) ?? balanceOf(p, ctx, to);
  return { balance, note: held.problem ? ` ${held.problem}` : '' };
}

/**
 * True when the shop surely made nothing: it refused the request (a 4xx other than 408/429,
 * Shopify's userErrors). A timeout, a 5xx or 'unreachable' may come after the code was made:
 * a connection reset after the POST was carried out, or retries ending in "connection refused"
 * after a first attempt that timed out, all end as 'unreachable' — those are looked up.
 */
function refused(e: unknown): boolean {
  if (!(e instanceof ShopError)) return false;
  if (e.kind === 'auth' || e.name === 'ShopifyUserErrors') return true;
  return e.status !== undefined && e.status >= 400 && e.status < 500 && e.status !== 408 && e.status !== 429;
}

function shopMessage(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** The shop's code API, or null when it cannot be called at all (no saved credentials). */
function codesOrNone(
  shops: { codesFor: ShopCodesFor },
  config: ShopConfig,
): { codes: WebCodeShop; why: '' } | { codes: null; why: string } {
  try {
    return { codes: shops.codesFor(config), why: '' };
  } catch (e) {
    if (e instanceof ShopError && e.kind === 'auth') return { codes: null, why: shopMessage(e) };
    throw e;
  }
}

export interface IssueWebCode {
  customerId: string;
  /** The shop's name (Shop settings); may be left out when one shop is connected. */
  shop: string;
  /** The command's idempotency key. */
  key: string;
  /** Days the code is valid (default 30). */
  days?: number;
}

export function issueWebCode(
  p: WebCodePorts,
  shops: { list: (p: WebCodePorts) => ShopConfig[]; codesFor: ShopCodesFor },
  r: IssueWebCode,
): WebCodeView {
  const key = String(r.key ?? '').trim();
  if (!key) throw new CustomerProblem('bad-input', 'A web code needs a key (the command’s idempotency key).');
  const config = shopNamed(p, String(r.shop ?? '').trim(), shops.list);
  const days = r.days ?? WEB_CODE_DAYS;
  if (!Number.isInteger(days) || days < 1 || days > 366) {
    throw new CustomerProblem('bad-input', `--days must be a whole number from 1 to 366 (got ${r.days}).`);
  }
  // Before the hold: a shop that cannot be called would leave the credit held for nothing.
  const shop = codesOrNone(shops, config);
  if (!shop.codes) {
    throw new CustomerProblem(
      'bad-input',
      `${config.name} cannot make web codes (${shop.why}): connect the shop in Shop settings first. Nothing is held.`,
    );
  }
  const codes = shop.codes;

  // Step 1: hold the balance, under the lock.
  const held = underLock(p, () => {
    const ctx = loadContext(p.workbook);
    const table = codesTable(p, ctx);
    const again = rowBy(p, table, 'Key', key);
    if (again)
      return {
        ctx,
        code: webCodeFromRow(table, again, ctx.cells),
        email: '',
        customerRef: '',
        vatRate: 0,
        fresh: false,
      };
    const now = p.clock.now();
    const customer = findCustomerRow(p.workbook, ctx, r.customerId);
    const problem = webCodeProblem(
      {
        customerId: String(r.customerId ?? '').trim(),
        known: customer !== null,
        mergedInto: customer?.mergedInto ?? '',
        email: customer?.email ?? '',
        balance: customer?.balance ?? 0,
        needsEmail: config.platform === 'woocommerce',
      },
      (m) => formatDecimal(m, ctx.cells.exponent),
    );
    if (problem || !customer) throw new CustomerProblem('bad-input', problem ?? 'Unknown customer.');
    const shopIds = customer.table.has('Shop IDs')
      ? parseText(customer.table.get(customer.row, 'Shop IDs'))
      : '';
    const customerRef =
      shopIds
        .split(' ')
        .find((id) => id.startsWith(`${config.name}:`))
        ?.slice(config.name.length + 1) ?? '';
    const code: WebCode = {
      code: webCodeText(p.digest.sha256Hex(`web-code|${key}|${customer.customerId}|${now}`)),
      customerId: customer.customerId,
      shop: config.name,
      amount: customer.balance,
      shopCodeId: '',
      status: 'pending',
      expires: now + days * DAY,
      orderId: '',
      key,
      issued: now,
    };
    postLoyalty(
      p,
      ctx,
      [
        {
          customerId: code.customerId,
          amount: -code.amount,
          kind: 'redeem',
          orderId: '',
          expires: code.expires,
          key: `hold:${code.code}`,
        },
      ],
      now,
    );
    appendRows(p.workbook, table, [webCodeRecord(code, ctx.cells)]);
    return { ctx, code, email: customer.email, customerRef, vatRate: topVatRate(p, ctx), fresh: true };
  });
  const { ctx } = held;
  if (held.code.status !== 'pending') {
    return view(
      held.code,
      ctx,
      balanceOf(p, ctx, held.code.customerId),
      'Sent before with this key: the same code.',
    );
  }

  // Step 2: make the code in the shop, outside the lock.
  let made: ShopCode | null = null;
  let failure = '';
  /** The shop surely has no such code: it refused to make it, or a lookup found none. */
  let absent = false;
  /** It refused to make it: nothing can appear later, so the hold goes at once. */
  let refusedNow = false;
  try {
    made = held.fresh
      ? codes.create({
          code: held.code.code,
          amount: held.code.amount,
          exponent: ctx.cells.exponent,
          vatRate: held.vatRate,
          email: held.email,
          customerRef: held.customerRef,
          startsAt: held.code.issued,
          expiresAt: held.code.expires,
          title: `Store credit of ${held.code.customerId} (Shop Ledger)`,
        })
      : codes.find(held.code.code);
    if (!made) {
      absent = true;
      failure = 'the shop has no such code';
    }
  } catch (e) {
    failure = shopMessage(e);
    if (held.fresh && refused(e)) {
      absent = refusedNow = true; // the shop said no: it made nothing
    } else if (held.fresh) {
      try {
        made = codes.find(held.code.code);
        absent = made === null;
      } catch {
        absent = false; // the shop cannot say: the code stays pending for the hourly run
      }
    } // a retry whose lookup failed (even refused) knows nothing of the code: it stays pending
  }

  // Step 3: record the shop's answer, under the lock.
  return underLock(p, () => {
    const ctx3 = loadContext(p.workbook);
    const table = codesTable(p, ctx3);
    const row = rowBy(p, table, 'Code', held.code.code);
    if (!row)
      throw new CustomerProblem('bad-input', `The web code ${held.code.code} is no longer in Web Codes.`);
    const c = webCodeFromRow(table, row, ctx3.cells);
    const now = p.clock.now();
    if (c.status !== 'pending')
      return view(c, ctx3, balanceOf(p, ctx3, c.customerId), 'The code was settled meanwhile.');
    if (made) {
      updateRows(p.workbook, table, [{ row, values: { 'Shop code ID': made.ref, Status: 'live' } }]);
      const live = { ...c, shopCodeId: made.ref, status: 'live' as const };
      return view(live, ctx3, balanceOf(p, ctx3, c.customerId), `Tell the customer the code ${c.code}.`);
    }
    // Not found may only mean "not made YET" (a create still running in the shop): a young code
    // is released only on a sure refusal; the hourly run (or a retry after the grace) does the rest.
    if (absent && (refusedNow || !youngPending(c, now))) {
      const { balance, note } = release(p, ctx3, table, row, c, now);
      throw new CustomerProblem(
        'bad-input',
        `${config.name} did not make the code (${failure}). Nothing is held: the customer's credit is ${formatDecimal(balance, ctx3.cells.exponent)} again. Check the shop's connection and send the code again.${note}`,
      );
    }
    return view(
      c,
      ctx3,
      balanceOf(p, ctx3, c.customerId),
      `${config.name} has not confirmed the code ${c.code} (${failure}). The credit stays held under it until the shop confirms it: send again with the same key in a few minutes, or the hourly run confirms it or, if the shop never made it, releases it ${GRACE_MINUTES} minutes after it was sent.`,
    );
  });
}

/**
 * Stops a live or pending code (staff cancel it, or it expired) and gives its credit back, unless
 * the shop says it was used: then it is `used` and waits for its order. Throws a CustomerProblem
 * when the shop cannot be reached (nothing changes; try again).
 */
export function closeWebCode(
  p: WebCodePorts,
  shops: { list: (p: WebCodePorts) => ShopConfig[]; codesFor: ShopCodesFor },
  code: string,
): WebCodeView {
  const wanted = String(code ?? '')
    .trim()
    .toUpperCase();
  const first = underLock(p, () => {
    const ctx = loadContext(p.workbook);
    const table = codesTable(p, ctx);
    const row = rowBy(p, table, 'Code', wanted);
    if (!row) throw new CustomerProblem('bad-input', `No web code ${wanted} in Web Codes: check the code.`);
    return { ctx, c: webCodeFromRow(table, row, ctx.cells) };
  });
  const { ctx, c } = first;
  if (c.status === 'used' || c.status === 'released') {
    const said =
      c.status === 'used'
        ? `The code ${c.code} was used${c.orderId ? ` by order ${c.orderId}` : ' in the shop; its order settles it at the next sync'}.`
        : `The code ${c.code} was released already: its credit is back.`;
    return view(c, ctx, balanceOf(p, ctx, c.customerId), said);
  }
  const config = shopNamed(p, c.shop, shops.list);
  const shop = codesOrNone(shops, config);
  if (!shop.codes) {
    // A pending code past its grace, of a shop without credentials, was never made: nothing to stop.
    if (c.status === 'pending' && !youngPending(c, p.clock.now())) return releaseUnmade(p, c.code);
    throw new CustomerProblem(
      'bad-input',
      `${c.shop} cannot be called (${shop.why}): connect the shop in Shop settings first, then cancel the code ${c.code} again. Nothing changed: the credit stays held.`,
    );
  }
  const codes = shop.codes;
  let after: ShopCode | null;
  let ref = c.shopCodeId;
  try {
    ref = ref || codes.find(c.code)?.ref || '';
    after = ref ? codes.disable(ref) : null;
  } catch (e) {
    throw new CustomerProblem(
      'bad-input',
      `${c.shop} could not stop the code ${c.code} (${shopMessage(e)}). Nothing changed: the credit stays held; try again later.`,
    );
  }
  if (!ref && youngPending(c, p.clock.now())) {
    return view(
      c,
      ctx,
      balanceOf(p, ctx, c.customerId),
      `The code ${c.code} is not in ${c.shop} yet: it may still be being made, so its credit stays held. Cancel it again ${GRACE_MINUTES} minutes after it was sent; the hourly run also releases it then if the shop never made it.`,
    );
  }
  const used = (after?.usageCount ?? 0) > 0;
  return underLock(p, () => {
    const ctx2 = loadContext(p.workbook);
    const table = codesTable(p, ctx2);
    const row = rowBy(p, table, 'Code', c.code);
    if (!row) throw new CustomerProblem('bad-input', `The web code ${c.code} is no longer in Web Codes.`);
    const now2 = webCodeFromRow(table, row, ctx2.cells);
    if (now2.status === 'used' || now2.status === 'released') {
      return view(now2, ctx2, balanceOf(p, ctx2, now2.customerId), 'The code was settled meanwhile.');
    }
    if (used) {
      updateRows(p.workbook, table, [{ row, values: { Status: 'used' } }]);
      return view(
        { ...now2, status: 'used' },
        ctx2,
        balanceOf(p, ctx2, now2.customerId),
        `The code ${c.code} was used in the shop: its order settles it at the next sync, and the credit stays held until then.`,
      );
    }
    const { balance, note } = release(p, ctx2, table, row, now2, p.clock.now());
    return view(
      { ...now2, status: 'released' },
      ctx2,
      balance,
      `The code ${c.code} no longer works in the shop; its credit is back (balance ${formatDecimal(balance, ctx2.cells.exponent)}).${note}`,
    );
  });
}

/** Releases a pending code the shop never made, under the lock; a code settled meanwhile is left. */
function releaseUnmade(p: WebCodePorts, code: string): WebCodeView {
  return underLock(p, () => {
    const ctx = loadContext(p.workbook);
    const table = codesTable(p, ctx);
    const row = rowBy(p, table, 'Code', code);
    if (!row) throw new CustomerProblem('bad-input', `The web code ${code} is no longer in Web Codes.`);
    const c = webCodeFromRow(table, row, ctx.cells);
    if (c.status !== 'pending')
      return view(c, ctx, balanceOf(p, ctx, c.customerId), 'The code was settled meanwhile.');
    const { balance, note } = release(p, ctx, table, row, c, p.clock.now());
    return view(
      { ...c, status: 'released' },
      ctx,
      balance,
      `The code ${c.code} was never made in ${c.shop} (it has no saved credentials): its credit is back (balance ${formatDecimal(balance, ctx.cells.exponent)}).${note}`,
    );
  });
}

export interface WebCodeTick {
  released: number;
  used: number;
  confirmed: number;
  /** Used codes whose order is overdue, listed in Sync Problems by this run (overdue-codes.ts). */
  listed: number;
  failures: string[];
}

/**
 * The hourly run: every live code past its expiry is stopped and released (or marked used), and
 * every pending code older than PENDING_GRACE_MS is confirmed live or released. One read of the
 * Web Codes tab; a shop that fails leaves its codes for the next run. A used code whose order has
 * not come USED_ORDER_WAIT_DAYS after its expiry is listed in Sync Problems, once (never released).
 */
export function expireWebCodes(
  p: WebCodePorts,
  shops: { list: (p: WebCodePorts) => ShopConfig[]; codesFor: ShopCodesFor },
): WebCodeTick {
  const report: WebCodeTick = { released: 0, used: 0, confirmed: 0, listed: 0, failures: [] };
  const ctx = loadContext(p.workbook);
  if (!ctx.tabs.includes(WEB_CODES.name)) return report;
  const now = p.clock.now();
  const table = readTable(p.workbook, WEB_CODES, ctx.tabs);
  const all = table.rows.map((row) => webCodeFromRow(table, row, ctx.cells));
  const due = all.filter(
    (c) =>
      (c.status === 'live' && c.expires <= now) ||
      (c.status === 'pending' && (!(c.issued + PENDING_GRACE_MS > now) || c.expires <= now)),
  );
  for (const c of due) {
    try {
      if (c.status === 'pending' && c.expires > now) {
        const config = shopNamed(p, c.shop, shops.list);
        // No credentials: closeWebCode below releases it (a code that was never made).
        const found = codesOrNone(shops, config).codes?.find(c.code);
        if (found) {
          underLock(p, () => {
            const ctx2 = loadContext(p.workbook);
            const t = codesTable(p, ctx2);
            const row = rowBy(p, t, 'Code', c.code);
            if (row && webCodeFromRow(t, row, ctx2.cells).status === 'pending') {
              updateRows(p.workbook, t, [{ row, values: { 'Shop code ID': found.ref, Status: 'live' } }]);
            }
          });
          report.confirmed++;
          continue;
        }
      }
      const done = closeWebCode(p, shops, c.code);
      if (done.status === 'released') report.released++;
      if (done.status === 'used') report.used++;
    } catch (e) {
      report.failures.push(`${c.code}: ${shopMessage(e)}`);
    }
  }
  report.listed = listOverdueCodes(p, ctx, all, now);
  return report;
}

/** An imported order and the codes it used (the import's own ids). */
export interface OrderCodes {
  orderId: string;
  externalId: string;
  codes: readonly UsedCode[];
}

export interface CodeProblem {
  orderId: string;
  externalId: string;
  problem: string;
}

/**
 * Inside the import's commit (under its lock; no flush): settles the web codes of this shop that
 * the orders used. Nothing is read when no order used a code. Once per code: a settled code is
 * `used` with its Order ID, so a re-import changes nothing.
 */
export function settleWebCodes(
  p: Pick<Platform, 'workbook' | 'properties'>,
  ctx: LedgerContext,
  shop: string,
  orders: readonly OrderCodes[],
  now: number,
  customers?: Table,
): CodeProblem[] {
  const uses = orders.flatMap((o) => o.codes.map((u) => ({ order: o, use: u })));
  if (uses.length === 0 || !ctx.tabs.includes(WEB_CODES.name)) return [];
  const wb = p.workbook;
  const table = readHeaderTable(wb, WEB_CODES, ctx.tabs);
  const searched = [...new Set(uses.flatMap(({ use }) => [use.code.trim(), use.code.trim().toUpperCase()]))];
  const rows = readFoundRows(wb, table, findRows(wb, table, 'Code', searched));
  const byCode = new Map(rows.map((row) => [parseText(table.get(row, 'Code')).toUpperCase(), row]));
  const problems: CodeProblem[] = [];
  const drafts: LoyaltyDraft[] = [];
  const changes: RowChange[] = [];
  const settled = new Set<string>();
  const holder = holderOf(p, ctx, customers);
  let lotsOf: ((c: WebCode) => HeldLots) | null = null; // Loyalty read once, when a hold is lifted
  /** What this call's drafts move each customer's balance by, before they are posted. */
  const moved = new Map<string, number>();
  const move = (id: string, by: number) => moved.set(id, (moved.get(id) ?? 0) + by);
  const show = (m: number) => formatDecimal(m, ctx.cells.exponent);
  for (const { order, use } of uses) {
    const row = byCode.get(use.code.trim().toUpperCase());
    if (!row) continue; // a coupon of the shop's own, not a web code
    const c = webCodeFromRow(table, row, ctx.cells);
    if (c.shop !== shop || c.orderId !== '' || settled.has(c.code)) continue;
    settled.add(c.code); // a second order with the same code is not settled twice
    const to = holder(c.customerId);
    const used = Math.max(0, Math.min(c.amount, use.amount ?? c.amount));
    const spend = (amount: number): LoyaltyDraft => ({
      customerId: to,
      amount: -amount,
      kind: 'redeem',
      orderId: order.orderId,
      expires: null,
      key: `use:${c.code}`,
    });
    changes.push({ row, values: { Status: 'used', 'Order ID': order.orderId } });
    if (c.status === 'released') {
      // Released first (the shop counted the use late): the credit went back, so the order takes
      // it again, as far as the customer still has it; only a shortfall is for staff.
      const have = Math.max(0, balanceNow(p, ctx, to, customers) + (moved.get(to) ?? 0));
      const take = Math.min(used, have);
      if (take > 0) drafts.push(spend(take));
      move(to, -take);
      if (take < used) {
        problems.push({
          orderId: order.orderId,
          externalId: order.externalId,
          problem: `Order used web code ${c.code}, which had been released (its credit went back to ${to}): ${show(take)} of the ${show(used)} it took off was taken from ${to}'s credit again, and ${show(used - take)} was no longer there. Check the order, and adjust ${to}'s credit if it should be.`,
        });
      }
      continue;
    }
    lotsOf ??= loyaltyHistory(wb, ctx);
    const held = lotsOf(c);
    if (held.problem)
      problems.push({ orderId: order.orderId, externalId: order.externalId, problem: held.problem });
    drafts.push(...giveBack(c, held.portions, 'settle', to), spend(used));
    move(to, held.portions.reduce((sum, q) => sum + q.amount, 0) - used);
  }
  updateRows(wb, table, changes);
  postLoyalty(p, ctx, drafts, now, customers);
  return problems;
}
