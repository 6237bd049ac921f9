/** What the till sidebar needs to start, and the lighter 60-second refresh. */
import { currencyExponent } from '../../core/money';
import { balanceKey, isLow } from '../../core/stock';
import { openSessionOf } from '../../core/till-session';
import { tillToday } from '../../core/till-today';
import { readProducts } from '../../ledger/products';
import { readStock } from '../../ledger/stock-tab';
import { readSessions } from '../../ledger/till-sessions';
import type { Platform } from '../../platform/platform';
import { loadContext } from '../ledger-context';
import type { Lang, TillRefresh, TillState } from './api-types';
import { checkTill } from './problems';
import { sessionInfo } from './sessions';

export const TILL_LOCATION = 'Store';

export function langOf(locale: string): Lang {
  return locale.toLowerCase().startsWith('es') ? 'es' : 'en';
}

export function tillState(p: Pick<Platform, 'workbook' | 'clock'>, tillName: string): TillState {
  const till = checkTill(tillName);
  const wb = p.workbook;
  const ctx = loadContext(wb);
  const location = ctx.settings.locations.includes(TILL_LOCATION) ? TILL_LOCATION : ctx.settings.locations[0];
  const products = readProducts(wb, ctx.cells, ctx.tabs).products.filter((x) => x.active);
  const stock = readStock(wb, ctx.cells, ctx.tabs);
  const sessions = readSessions(wb, ctx.cells, ctx.tabs);
  const session = openSessionOf(sessions.sessions, till);
  return {
    till,
    location,
    lang: langOf(wb.locale()),
    currency: ctx.settings.currency,
    exponent: currencyExponent(ctx.settings.currency),
    pricing: { pricesIncludeVat: ctx.settings.pricesIncludeVat, vatRounding: ctx.settings.vatRounding },
    oversellPolicy: ctx.settings.oversellPolicy,
    session: session ? sessionInfo(session) : null,
    today: tillToday(sessions.sessions, till, p.clock.now(), ctx.settings.timeZone),
    products: products.map((x) => {
      const available = stock.balances.get(balanceKey(x.sku, location))?.available ?? 0;
      return {
        sku: x.sku,
        barcode: x.barcode,
        name: x.name,
        price: x.price,
        vatRate: x.vatRate,
        available,
        low: isLow(available, x.reorderPoint),
      };
    }),
    refreshedAt: new Date(p.clock.now()).toISOString(),
  };
}

export function tillRefresh(p: Pick<Platform, 'workbook' | 'clock'>, tillName: string): TillRefresh {
  const state = tillState(p, tillName);
  return {
    // The same catalogue as at open, from the same one read of Products: a price changed there
    // reaches the till's cart within a minute, and a product made inactive stops scanning.
    products: state.products,
    session: state.session,
    today: state.today,
    refreshedAt: state.refreshedAt,
  };
}
