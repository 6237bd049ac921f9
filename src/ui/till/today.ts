/**
 * "Today at this till" in words: sales and returns counted apart, and per method what came in
 * and what went out, so a sale and its full return read "1 sale · 1 return · €0.00" and
 * "Cash: €12.90 in, €12.90 out" rather than a refund counted as one more payment.
 */
import type { TillToday } from '../../app/till/api-types';
import { money } from './format';
import { t } from './i18n';

export function todayText(day: TillToday): { summary: string; methods: string[] } {
  return {
    summary: t.todaySummary(day.salesCount, money(day.salesTotal), day.returnsCount),
    methods: day.byMethod.map((m) =>
      // amount is net of refunds, so what came in is amount + refunded.
      m.refunded > 0
        ? t.todayInOut(t.method[m.method], money(m.amount + m.refunded), money(m.refunded))
        : t.todayMethod(t.method[m.method], m.count, money(m.amount)),
    ),
  };
}
