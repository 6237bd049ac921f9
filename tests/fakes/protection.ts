/**
 * Protection of a sheet or range. The user running the fake owns the spreadsheet.
 * https://developers.google.com/apps-script/reference/spreadsheet/protection
 */

import { type EnumValue, makeEnum } from './enums';
import type { Execution } from './execution';
import type { ProtectionData } from './grid';

export const ProtectionType = makeEnum(['RANGE', 'SHEET']);

export class FakeProtection {
  constructor(
    private readonly x: Execution,
    private readonly data: ProtectionData,
  ) {}

  private changed(method: string): void {
    this.x.call(`Protection.${method}`);
    this.x.changed();
  }

  getProtectionType(): EnumValue {
    this.x.call('Protection.getProtectionType');
    return ProtectionType[this.data.type];
  }

  /** "Protected ranges in warning-only mode show a warning when edited, but allow the edit." */
  setWarningOnly(warningOnly: boolean): this {
    this.changed('setWarningOnly');
    this.data.warningOnly = Boolean(warningOnly);
    return this;
  }

  isWarningOnly(): boolean {
    this.x.call('Protection.isWarningOnly');
    return this.data.warningOnly;
  }

  setDescription(description: string): this {
    this.changed('setDescription');
    this.data.description = String(description);
    return this;
  }

  getDescription(): string {
    this.x.call('Protection.getDescription');
    return this.data.description;
  }

  /** The user running the script owns the fake spreadsheet, so may always edit. */
  canEdit(): boolean {
    this.x.call('Protection.canEdit');
    return true;
  }

  remove(): void {
    this.changed('remove');
    this.data.removed = true;
  }
}
