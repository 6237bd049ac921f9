/**
 * Web codes in Shopify: a basic code discount for a fixed amount off the whole order, usable
 * once, by one customer when the shop's customer id is known. Shapes from the GraphQL Admin API:
 * - create: `discountCodeBasicCreate(basicCodeDiscount:)` with title, code, startsAt, endsAt,
 *   customerGets { value { discountAmount { amount, appliesOnEachItem: false } }, items { all } },
 *   context { customers { add: [gid] } } (or { all: ALL } when the customer's Shopify id is not
 *   known: then only the code, given to the customer alone, limits who uses it), usageLimit 1,
 *   appliesOncePerCustomer
 *   (https://shopify.dev/docs/api/admin-graphql/latest/mutations/discountCodeBasicCreate, example
 *   "Create a discount code with a customer segment"; `context` replaces the deprecated
 *   `customerSelection`: https://shopify.dev/docs/api/admin-graphql/latest/input-objects/DiscountContextInput);
 * - find: `codeDiscountNodeByCode(code:)`
 *   (https://shopify.dev/docs/api/admin-graphql/latest/queries/codeDiscountNodeByCode);
 * - disable: `discountCodeDeactivate(id:)`, which ends the discount now and keeps it in the
 *   admin's history with its usage (https://shopify.dev/docs/api/admin-graphql/latest/mutations/discountCodeDeactivate).
 * The usage count is `DiscountCodeBasic.asyncUsageCount`, which Shopify updates asynchronously:
 * an order just placed may not be counted yet (the import settles it all the same).
 * The app needs the write_discounts scope for these.
 */
import { formatDecimal } from '../../core/money';
import { ShopError } from '../shop-error';
import type { ShopCode, WebCodeRequest, WebCodeShop } from '../web-codes';
import { graphql, mutate, type ShopifyClient, ShopifyUserErrors } from './api';
import { obj, str } from './fields';

const NODE = 'id codeDiscount { ... on DiscountCodeBasic { asyncUsageCount } }';

export const CREATE_CODE_MUTATION = `mutation ShopLedgerWebCode($basicCodeDiscount: DiscountCodeBasicInput!) {
  discountCodeBasicCreate(basicCodeDiscount: $basicCodeDiscount) {
    codeDiscountNode { ${NODE} }
    userErrors { field code message }
  }
}`;

export const FIND_CODE_QUERY = `query ShopLedgerFindWebCode($code: String!) {
  codeDiscountNodeByCode(code: $code) { ${NODE} }
}`;

export const DEACTIVATE_CODE_MUTATION = `mutation ShopLedgerEndWebCode($id: ID!) {
  discountCodeDeactivate(id: $id) {
    codeDiscountNode { ${NODE} }
    userErrors { field code message }
  }
}`;

export function discountInput(r: WebCodeRequest): Record<string, unknown> {
  const customer = /^\d+$/.test(r.customerRef) ? `gid://shopify/Customer/${r.customerRef}` : r.customerRef;
  return {
    title: r.title,
    code: r.code,
    startsAt: new Date(r.startsAt).toISOString(),
    endsAt: new Date(r.expiresAt).toISOString(),
    context: customer ? { customers: { add: [customer] } } : { all: 'ALL' },
    customerGets: {
      value: { discountAmount: { amount: formatDecimal(r.amount, r.exponent), appliesOnEachItem: false } },
      items: { all: true },
    },
    usageLimit: 1,
    appliesOncePerCustomer: true,
  };
}

function shopCode(node: unknown, what: string): ShopCode {
  const id = str(obj(node)?.id);
  if (!id) throw new ShopError('malformed', `Shopify answered ${what} without the discount's id.`);
  const used = obj(obj(node)?.codeDiscount)?.asyncUsageCount;
  return { ref: id, usageCount: typeof used === 'number' && Number.isInteger(used) ? used : null };
}

export function shopifyWebCodes(client: ShopifyClient): WebCodeShop {
  const find = (code: string): ShopCode | null => {
    const node = graphql(client, FIND_CODE_QUERY, { code }).codeDiscountNodeByCode;
    return obj(node) ? shopCode(node, 'the code search') : null;
  };
  return {
    platform: 'Shopify',
    find,
    create(r) {
      try {
        const payload = mutate(
          client,
          CREATE_CODE_MUTATION,
          { basicCodeDiscount: discountInput(r) },
          'discountCodeBasicCreate',
        );
        return shopCode(payload.codeDiscountNode, 'discountCodeBasicCreate');
      } catch (e) {
        // "Code must be unique" (TAKEN): a retry after a lost answer; the code there is ours.
        if (e instanceof ShopifyUserErrors && e.userErrors.some((u) => u.code === 'TAKEN')) {
          const there = find(r.code);
          if (there) return there;
        }
        throw e;
      }
    },
    disable(ref) {
      try {
        const payload = mutate(client, DEACTIVATE_CODE_MUTATION, { id: ref }, 'discountCodeDeactivate');
        return shopCode(payload.codeDiscountNode, 'discountCodeDeactivate');
      } catch (e) {
        // Deleted by hand in the admin: nothing left to stop.
        if (
          e instanceof ShopifyUserErrors &&
          e.userErrors.some((u) => /not.?found|does not exist/i.test(u.message))
        ) {
          return { ref, usageCount: null };
        }
        throw e;
      }
    },
  };
}
