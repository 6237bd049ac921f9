/**
 * Click and collect at the counter: the paid pickup web orders waiting (ordersToCollect), handing
 * one over (its goods leave the Store, so the web shops are told at once), and a tracking number
 * for a web order that was shipped.
 */
import type { ToCollect } from '../../app/returns/return-api-types';
import { call, reason } from './api';
import { withBusy } from './busy';
import { t } from './i18n';
import { changed, say } from './state';
import { refreshTill } from './till-data';
import { checkWebOrders } from './web-orders';

export const collecting: { list: ToCollect[] | null } = { list: null };

export async function loadToCollect(): Promise<void> {
  try {
    collecting.list = await call('ordersToCollect');
  } catch (error) {
    say(t.serverFailed(reason(error)));
  } finally {
    changed();
  }
}

export async function handOver(order: string): Promise<void> {
  await withBusy('collect', async () => {
    const result = await call('handOver', { order });
    if (!result.ok) {
      say(result.problem.message);
      return;
    }
    say(t.orderHandedOver(result.value.orderNo), 'notice');
    collecting.list = (collecting.list ?? []).filter((o) => o.orderId !== result.value.orderId);
    void refreshTill();
    if (result.value.skusChanged.length > 0) void checkWebOrders(true);
  });
}

/** Returns true when saved. */
export async function saveTracking(order: string, tracking: string): Promise<boolean> {
  const saved = await withBusy('collect', async () => {
    const result = await call('setTracking', { order, tracking });
    if (!result.ok) {
      say(result.problem.message);
      return false;
    }
    say(t.trackingSaved(result.value.orderNo, result.value.tracking), 'notice');
    return true;
  });
  return saved ?? false;
}
