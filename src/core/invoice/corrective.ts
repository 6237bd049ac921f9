/**
 * Corrective invoices (series R): a refund, a return or a cancellation after issue never edits the
 * issued invoice; it issues a corrective invoice that cites it, with negative amounts per line.
 *
 * The amounts are the difference the correction makes ("por diferencias"): the original's lines
 * still standing after this correction, priced, minus those standing before it, both priced by
 * the one pricing function (priceDocument) with the rules the original was priced with. So:
 * - correcting a whole invoice gives exactly its negative, line by line and rate by rate;
 * - correcting it in several parts gives parts that add up to exactly that, never a cent more,
 *   whatever the VAT rounding (per line or per document, prices with or without VAT);
 * - an amount discount counts for the units still standing in proportion (rounded half away from
 *   zero on the running count, so the parts add up to the whole discount).
 *
 * Refused with a CorrectionError listing every reason: a line corrected for more units than were
 * invoiced counting earlier corrections, or a total that, with the earlier corrections, would
 * credit more than the original's total (possible only when an earlier correction was not made
 * by this function, e.g. a price reduction entered by amount).
 */
import { formatDecimal, type Minor, mulDivRound, percentToHundredths } from '../money';
import {
  type PricedDocument,
  type PricedLine,
  type PriceLine,
  PricingError,
  type PricingRules,
  priceDocument,
  type VatBreakdownRow,
} from '../pricing';

export interface OriginalInvoice {
  invoiceNo: string;
  /** Its lines as priced at issue. */
  lines: readonly PriceLine[];
}

export interface CorrectionRequest {
  /** 0-based index of the line in the original invoice. */
  line: number;
  /** How many units of it to correct (return, refund or cancel): a whole number from 1. */
  qty: number;
}

export interface EarlierCorrection {
  invoiceNo: string;
  /** The invoice number it corrects. */
  corrects: string;
  /** Its lines: the original's line index and the (negative) quantity. */
  lines: readonly { line: number; qty: number }[];
  /** Its total (negative). */
  total: Minor;
}

export interface CorrectiveLine extends PricedLine {
  /** 0-based index of the corrected line in the original. */
  line: number;
  /** Negative: minus the units corrected. */
  qty: number;
  unitPrice: Minor;
  vatRate: number;
}

export interface CorrectiveInvoice {
  /** The original's invoice number, for the Corrects column. */
  corrects: string;
  lines: CorrectiveLine[];
  discount: Minor;
  net: Minor;
  vat: Minor;
  total: Minor;
  /** One row per VAT rate it changes, sorted by rate; net, vat and total are its sums. */
  breakdown: VatBreakdownRow[];
}

/** A correction refused, with every reason. */
export class CorrectionError extends Error {
  readonly problems: string[];

  constructor(problems: string[]) {
    super(problems.join(' '));
    this.name = 'CorrectionError';
    this.problems = problems;
  }
}

function isCount(x: unknown): x is number {
  return typeof x === 'number' && Number.isSafeInteger(x) && x > 0;
}

const plain = (x: number) => (x === 0 ? 0 : x);

/** The original's lines with `standing[i]` units each (lines with none left out), priced. */
function priceStanding(
  lines: readonly PriceLine[],
  standing: readonly number[],
  rules: PricingRules,
): { doc: PricedDocument; lineAt: Map<number, PricedLine> } {
  const kept: PriceLine[] = [];
  const index: number[] = [];
  lines.forEach((line, i) => {
    const units = standing[i];
    if (units === 0) return;
    const discount = line.discount;
    kept.push({
      ...line,
      qty: units,
      discount:
        discount !== undefined && discount.kind === 'amount'
          ? { kind: 'amount', value: mulDivRound(discount.value, units, line.qty) }
          : discount,
    });
    index.push(i);
  });
  const doc = priceDocument(kept, rules);
  const lineAt = new Map<number, PricedLine>();
  doc.lines.forEach((priced, k) => {
    lineAt.set(index[k], priced);
  });
  return { doc, lineAt };
}

const ZERO_LINE: PricedLine = { gross: 0, discount: 0, net: 0, vat: 0, total: 0 };

/**
 * The corrective invoice for `request` against an issued invoice, given the corrections already
 * issued against it, priced with the rules the original was priced with. Throws a CorrectionError
 * when the request is malformed or corrects more than the original.
 */
export function correctiveInvoice(
  original: OriginalInvoice,
  earlier: readonly EarlierCorrection[],
  request: readonly CorrectionRequest[],
  rules: PricingRules,
): CorrectiveInvoice {
  const exponent = rules.currencyExponent ?? 2;
  const number = original.invoiceNo;
  let originalDoc: PricedDocument;
  try {
    originalDoc = priceDocument(original.lines, rules);
  } catch (error) {
    if (error instanceof PricingError) {
      throw new CorrectionError([`The original invoice ${number} cannot be priced: ${error.message}`]);
    }
    throw error;
  }

  const problems: string[] = [];
  const lineCount = original.lines.length;
  const validLine = (line: unknown): line is number =>
    typeof line === 'number' && Number.isInteger(line) && line >= 0 && line < lineCount;

  const already = original.lines.map(() => 0);
  const byWhom = original.lines.map((): string[] => []);
  let earlierTotal = 0;
  for (const correction of earlier) {
    if (correction.corrects.trim() !== number.trim()) {
      problems.push(`${correction.invoiceNo} corrects ${correction.corrects}, not ${number}.`);
      continue;
    }
    earlierTotal += correction.total;
    for (const { line, qty } of correction.lines) {
      if (!validLine(line) || !Number.isSafeInteger(qty) || qty >= 0) {
        problems.push(
          `${correction.invoiceNo} has a line that is not a return of a line of ${number} (line ${line}, quantity ${qty}).`,
        );
        continue;
      }
      already[line] += -qty;
      byWhom[line].push(correction.invoiceNo);
    }
  }

  if (request.length === 0) problems.push(`Nothing to correct on ${number}: choose at least one line.`);
  const requested = original.lines.map(() => 0);
  for (const { line, qty } of request) {
    if (!validLine(line)) {
      problems.push(
        `${number} has no line ${typeof line === 'number' ? line + 1 : line}: it has ${lineCount}.`,
      );
      continue;
    }
    const label = `Line ${line + 1} of ${number}`;
    if (!isCount(qty)) {
      problems.push(`${label}: the quantity to correct must be a whole number from 1, not ${qty}.`);
      continue;
    }
    if (requested[line] > 0) {
      problems.push(`${label} is listed twice in the correction: list each line once.`);
      continue;
    }
    const invoiced = original.lines[line].qty;
    if (invoiced <= 0) {
      problems.push(`${label} is itself a return (quantity ${invoiced}) and cannot be corrected.`);
      continue;
    }
    requested[line] = qty;
    const left = invoiced - already[line];
    if (qty > left) {
      const before =
        already[line] > 0 ? `, ${already[line]} already corrected by ${byWhom[line].join(', ')}` : '';
      problems.push(
        `${label}: ${invoiced} invoiced${before}, so at most ${Math.max(0, left)} can be corrected, not ${qty}.`,
      );
    }
  }
  if (problems.length > 0) throw new CorrectionError(problems);

  const standingBefore = original.lines.map((line, i) => (line.qty > 0 ? line.qty - already[i] : line.qty));
  const standingAfter = standingBefore.map((units, i) => units - requested[i]);
  const before = priceStanding(original.lines, standingBefore, rules);
  const after = priceStanding(original.lines, standingAfter, rules);

  const lines: CorrectiveLine[] = [];
  original.lines.forEach((line, i) => {
    if (requested[i] === 0) return;
    const was = before.lineAt.get(i) ?? ZERO_LINE;
    const now = after.lineAt.get(i) ?? ZERO_LINE;
    lines.push({
      line: i,
      qty: -requested[i],
      unitPrice: line.unitPrice,
      vatRate: line.vatRate,
      gross: plain(now.gross - was.gross),
      discount: plain(now.discount - was.discount),
      net: plain(now.net - was.net),
      vat: plain(now.vat - was.vat),
      total: plain(now.total - was.total),
    });
  });

  const rates = new Map<number, VatBreakdownRow>();
  const add = (rows: readonly VatBreakdownRow[], sign: 1 | -1) => {
    for (const row of rows) {
      const key = percentToHundredths(row.rate);
      const sum = rates.get(key) ?? { rate: row.rate, base: 0, vat: 0, total: 0 };
      sum.base += sign * row.base;
      sum.vat += sign * row.vat;
      sum.total += sign * row.total;
      rates.set(key, sum);
    }
  };
  add(after.doc.breakdown, 1);
  add(before.doc.breakdown, -1);
  const breakdown = [...rates.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([, row]) => ({
      rate: row.rate,
      base: plain(row.base),
      vat: plain(row.vat),
      total: plain(row.total),
    }))
    .filter((row) => row.base !== 0 || row.vat !== 0 || row.total !== 0);

  const correction: CorrectiveInvoice = {
    corrects: number,
    lines,
    discount: plain(after.doc.discount - before.doc.discount),
    net: breakdown.reduce((acc, row) => acc + row.base, 0),
    vat: breakdown.reduce((acc, row) => acc + row.vat, 0),
    total: breakdown.reduce((acc, row) => acc + row.total, 0),
    breakdown,
  };

  // In total: never credit more than the original, counting the earlier corrections.
  const over = overCreditError(number, originalDoc.total, earlierTotal, correction.total, exponent);
  if (over !== null) throw new CorrectionError([over]);
  return correction;
}

/**
 * The refusal of a correction that, with the earlier ones, would credit more than the original's
 * total; null when it stays within it. Shared by correctiveInvoice and the web refunds, whose
 * amounts are the shop's and not repriced here. Amounts in minor units; corrections negative.
 */
export function overCreditError(
  invoiceNo: string,
  originalTotal: Minor,
  earlierTotal: Minor,
  correctionTotal: Minor,
  exponent = 2,
): string | null {
  if (originalTotal < 0 || originalTotal + earlierTotal + correctionTotal >= 0) return null;
  const money = (x: Minor) => formatDecimal(x, exponent);
  return `This correction of ${money(correctionTotal)} would credit more than ${invoiceNo}'s total of ${money(originalTotal)}: earlier corrections already credit ${money(earlierTotal)}.`;
}
