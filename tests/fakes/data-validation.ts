/**
 * Data validation rules: the builder and the rule it builds. Value lists and checkboxes are modelled
 * and enforced when a rule rejects invalid input; other criteria are stored only.
 * https://developers.google.com/apps-script/reference/spreadsheet/data-validation-builder
 * https://developers.google.com/apps-script/reference/spreadsheet/data-validation
 */

import { type EnumValue, makeEnum } from './enums';
import type { Execution } from './execution';

export const DataValidationCriteria = makeEnum([
  'DATE_AFTER',
  'DATE_BEFORE',
  'DATE_BETWEEN',
  'DATE_EQUAL_TO',
  'DATE_IS_VALID_DATE',
  'DATE_NOT_BETWEEN',
  'DATE_ON_OR_AFTER',
  'DATE_ON_OR_BEFORE',
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
  'TEXT_IS_VALID_EMAIL',
  'TEXT_IS_VALID_URL',
  'VALUE_IN_LIST',
  'VALUE_IN_RANGE',
  'CUSTOM_FORMULA',
  'CHECKBOX',
]);

/** A validation rule as stored in a cell: immutable plain data. */
export interface ValidationData {
  criteria: keyof typeof DataValidationCriteria;
  values: unknown[];
  allowInvalid: boolean;
  helpText: string | null;
}

/**
 * Whether a written value passes a rule that rejects invalid input. Scripts are held to such rules:
 * Sheets throws 'The data you entered in cell X violates the data validation rules set on this cell.'
 * Only value lists and checkboxes are checked; other criteria accept anything.
 */
export function passesValidation(rule: ValidationData, value: unknown, display: string): boolean {
  if (rule.allowInvalid || value === undefined || display === '') return true;
  if (rule.criteria === 'VALUE_IN_LIST') return (rule.values[0] as unknown[]).map(String).includes(display);
  if (rule.criteria === 'CHECKBOX') {
    if (rule.values.length === 0) return typeof value === 'boolean';
    return rule.values.map(String).includes(display);
  }
  return true;
}

export class FakeDataValidationBuilder {
  private data: ValidationData;

  constructor(
    private readonly x: Execution,
    from?: ValidationData,
  ) {
    // "Sets whether to show a warning when input fails data validation or whether to reject the input
    // entirely. The default for a new data validation rule is true."
    this.data = from
      ? { ...from }
      : { criteria: 'CUSTOM_FORMULA', values: [], allowInvalid: true, helpText: null };
  }

  requireValueInList(values: string[], showDropdown = true): this {
    this.x.call('DataValidationBuilder.requireValueInList');
    if (!Array.isArray(values))
      throw this.x.badArguments('DataValidationBuilder.requireValueInList', [values]);
    this.data = { ...this.data, criteria: 'VALUE_IN_LIST', values: [[...values], showDropdown] };
    return this;
  }

  requireCheckbox(...checkedAndUnchecked: unknown[]): this {
    this.x.call('DataValidationBuilder.requireCheckbox');
    this.data = { ...this.data, criteria: 'CHECKBOX', values: checkedAndUnchecked };
    return this;
  }

  requireFormulaSatisfied(formula: string): this {
    this.x.call('DataValidationBuilder.requireFormulaSatisfied');
    this.data = { ...this.data, criteria: 'CUSTOM_FORMULA', values: [formula] };
    return this;
  }

  setAllowInvalid(allowInvalidData: boolean): this {
    this.x.call('DataValidationBuilder.setAllowInvalid');
    this.data = { ...this.data, allowInvalid: Boolean(allowInvalidData) };
    return this;
  }

  setHelpText(helpText: string): this {
    this.x.call('DataValidationBuilder.setHelpText');
    this.data = { ...this.data, helpText: String(helpText) };
    return this;
  }

  build(): FakeDataValidation {
    this.x.call('DataValidationBuilder.build');
    return new FakeDataValidation(this.x, Object.freeze({ ...this.data }));
  }
}

export class FakeDataValidation {
  constructor(
    private readonly x: Execution,
    readonly data: ValidationData,
  ) {}

  getCriteriaType(): EnumValue {
    this.x.call('DataValidation.getCriteriaType');
    return DataValidationCriteria[this.data.criteria];
  }

  /** For VALUE_IN_LIST: [values, showDropdown], as Apps Script returns them. */
  getCriteriaValues(): unknown[] {
    this.x.call('DataValidation.getCriteriaValues');
    return structuredClone(this.data.values);
  }

  getAllowInvalid(): boolean {
    this.x.call('DataValidation.getAllowInvalid');
    return this.data.allowInvalid;
  }

  getHelpText(): string | null {
    this.x.call('DataValidation.getHelpText');
    return this.data.helpText;
  }

  copy(): FakeDataValidationBuilder {
    this.x.call('DataValidation.copy');
    return new FakeDataValidationBuilder(this.x, this.data);
  }
}
