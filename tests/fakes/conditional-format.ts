/**
 * Conditional format rules: a minimal builder (a few conditions, colours, ranges) and the rule.
 * https://developers.google.com/apps-script/reference/spreadsheet/conditional-format-rule-builder
 * https://developers.google.com/apps-script/reference/spreadsheet/conditional-format-rule
 */

import { normalizeColor } from './colors';
import { type EnumValue, makeEnum } from './enums';
import type { Execution } from './execution';

export const BooleanCriteria = makeEnum([
  'CELL_EMPTY',
  'CELL_NOT_EMPTY',
  'DATE_AFTER',
  'DATE_BEFORE',
  'DATE_EQUAL_TO',
  'NUMBER_BETWEEN',
  'NUMBER_EQUAL_TO',
  'NUMBER_GREATER_THAN',
  'NUMBER_GREATER_THAN_OR_EQUAL_TO',
  'NUMBER_LESS_THAN',
  'NUMBER_LESS_THAN_OR_EQUAL_TO',
  'NUMBER_NOT_BETWEEN',
  'NUMBER_NOT_EQUAL_TO',
  'TEXT_CONTAINS',
  'TEXT_DOES_NOT_CONTAIN',
  'TEXT_EQUAL_TO',
  'TEXT_STARTS_WITH',
  'TEXT_ENDS_WITH',
  'CUSTOM_FORMULA',
]);

/** Where a conditional format rule applies: the sheet id and the area. */
export interface RangeRef {
  sheetId: number;
  row: number;
  column: number;
  numRows: number;
  numColumns: number;
}

export interface ConditionalRuleData {
  criteria: keyof typeof BooleanCriteria | null;
  values: unknown[];
  background: string | null;
  fontColor: string | null;
  bold: boolean | null;
  ranges: RangeRef[];
}

/** Something that can say where it is: FakeRange implements it. */
export interface HasRangeRef {
  toRef(): RangeRef;
}

export class FakeConditionalFormatRuleBuilder {
  private data: ConditionalRuleData = {
    criteria: null,
    values: [],
    background: null,
    fontColor: null,
    bold: null,
    ranges: [],
  };

  constructor(private readonly x: Execution) {}

  private when(method: string, criteria: keyof typeof BooleanCriteria, values: unknown[]): this {
    this.x.call(`ConditionalFormatRuleBuilder.${method}`);
    this.data = { ...this.data, criteria, values };
    return this;
  }

  whenFormulaSatisfied(formula: string): this {
    return this.when('whenFormulaSatisfied', 'CUSTOM_FORMULA', [formula]);
  }

  whenNumberLessThanOrEqualTo(number: number): this {
    return this.when('whenNumberLessThanOrEqualTo', 'NUMBER_LESS_THAN_OR_EQUAL_TO', [number]);
  }

  whenNumberLessThan(number: number): this {
    return this.when('whenNumberLessThan', 'NUMBER_LESS_THAN', [number]);
  }

  whenNumberGreaterThan(number: number): this {
    return this.when('whenNumberGreaterThan', 'NUMBER_GREATER_THAN', [number]);
  }

  whenTextEqualTo(text: string): this {
    return this.when('whenTextEqualTo', 'TEXT_EQUAL_TO', [text]);
  }

  whenCellEmpty(): this {
    return this.when('whenCellEmpty', 'CELL_EMPTY', []);
  }

  setBackground(color: string | null): this {
    this.x.call('ConditionalFormatRuleBuilder.setBackground');
    this.data = { ...this.data, background: color === null ? null : normalizeColor(color) };
    return this;
  }

  setFontColor(color: string | null): this {
    this.x.call('ConditionalFormatRuleBuilder.setFontColor');
    this.data = { ...this.data, fontColor: color === null ? null : normalizeColor(color) };
    return this;
  }

  setBold(bold: boolean | null): this {
    this.x.call('ConditionalFormatRuleBuilder.setBold');
    this.data = { ...this.data, bold };
    return this;
  }

  setRanges(ranges: HasRangeRef[]): this {
    this.x.call('ConditionalFormatRuleBuilder.setRanges');
    if (!Array.isArray(ranges)) throw this.x.badArguments('ConditionalFormatRuleBuilder.setRanges', [ranges]);
    this.data = { ...this.data, ranges: ranges.map((r) => r.toRef()) };
    return this;
  }

  /** A rule needs a condition and at least one range. */
  build(): FakeConditionalFormatRule {
    this.x.call('ConditionalFormatRuleBuilder.build');
    if (this.data.criteria === null) throw this.x.error('A conditional format rule needs a condition.');
    if (this.data.ranges.length === 0)
      throw this.x.error('A conditional format rule needs at least one range.');
    return new FakeConditionalFormatRule(this.x, structuredClone(this.data));
  }
}

export class FakeConditionalFormatRule {
  constructor(
    private readonly x: Execution,
    readonly data: ConditionalRuleData,
  ) {}

  getRanges(): unknown[] {
    this.x.call('ConditionalFormatRule.getRanges');
    return this.data.ranges.map((ref) => this.x.resolveRange(ref));
  }

  getBooleanCondition(): FakeBooleanCondition {
    this.x.call('ConditionalFormatRule.getBooleanCondition');
    return new FakeBooleanCondition(this.x, this.data);
  }
}

export class FakeBooleanCondition {
  constructor(
    private readonly x: Execution,
    private readonly data: ConditionalRuleData,
  ) {}

  getCriteriaType(): EnumValue {
    this.x.call('BooleanCondition.getCriteriaType');
    return BooleanCriteria[this.data.criteria ?? 'CUSTOM_FORMULA'];
  }

  getCriteriaValues(): unknown[] {
    this.x.call('BooleanCondition.getCriteriaValues');
    return structuredClone(this.data.values);
  }

  getBackground(): string | null {
    this.x.call('BooleanCondition.getBackground');
    return this.data.background;
  }

  getFontColor(): string | null {
    this.x.call('BooleanCondition.getFontColor');
    return this.data.fontColor;
  }

  getBold(): boolean | null {
    this.x.call('BooleanCondition.getBold');
    return this.data.bold;
  }
}
