/**
 * SpreadsheetApp.getUi(): menus, alerts, prompts, sidebars and dialogs, recorded in a FakeUi.
 * https://developers.google.com/apps-script/reference/base/ui
 * https://developers.google.com/apps-script/reference/base/menu
 */

import { type EnumValue, makeEnum } from './enums';
import type { Execution } from './execution';
import { FakeHtmlOutput } from './html';
import type { MenuRecord } from './ui-record';

export const Button = makeEnum(['CLOSE', 'OK', 'CANCEL', 'YES', 'NO']);
export const ButtonSet = makeEnum(['OK', 'OK_CANCEL', 'YES_NO', 'YES_NO_CANCEL']);

const BUTTONS_OF: Record<string, (keyof typeof Button)[]> = {
  OK: ['OK'],
  OK_CANCEL: ['OK', 'CANCEL'],
  YES_NO: ['YES', 'NO'],
  YES_NO_CANCEL: ['YES', 'NO', 'CANCEL'],
};

export class FakeUiService {
  readonly Button = Button;
  readonly ButtonSet = ButtonSet;

  constructor(private readonly x: Execution) {}

  createAddonMenu(): FakeMenu {
    this.x.call('Ui.createAddonMenu');
    return new FakeMenu(this.x, { addon: true, name: '', items: [] });
  }

  createMenu(caption: string): FakeMenu {
    this.x.call('Ui.createMenu');
    return new FakeMenu(this.x, { addon: false, name: String(caption), items: [] });
  }

  /** alert(prompt) | alert(prompt, buttons) | alert(title, prompt, buttons). */
  alert(...args: unknown[]): EnumValue {
    this.x.call('Ui.alert');
    const { title, message, buttons } = this.dialogArgs('Ui.alert', args);
    const allowed = BUTTONS_OF[buttons];
    const scripted = this.x.ui.alertAnswers.shift();
    const answer = scripted ?? allowed[0];
    if (
      scripted !== undefined &&
      scripted !== 'CLOSE' &&
      !allowed.includes(scripted as keyof typeof Button)
    ) {
      throw new Error(`Fake: scripted alert answer ${scripted} is not a button of ButtonSet.${buttons}`);
    }
    this.x.ui.alerts.push({ title, message, buttons, answer });
    return Button[answer as keyof typeof Button];
  }

  /** prompt(prompt) | prompt(prompt, buttons) | prompt(title, prompt, buttons). */
  prompt(...args: unknown[]): FakePromptResponse {
    this.x.call('Ui.prompt');
    const { title, message, buttons } = this.dialogArgs('Ui.prompt', args);
    const allowed = BUTTONS_OF[buttons];
    const scripted = this.x.ui.promptAnswers.shift();
    const answer = scripted?.button ?? (allowed.includes('CANCEL') ? 'CANCEL' : 'CLOSE');
    const text = scripted?.text ?? '';
    this.x.ui.prompts.push({ title, message, buttons, answer, text });
    return new FakePromptResponse(this.x, Button[answer as keyof typeof Button], text);
  }

  private dialogArgs(method: string, args: unknown[]): { title: string; message: string; buttons: string } {
    const isSet = (v: unknown) => Object.values(ButtonSet).includes(v as EnumValue);
    if (args.length === 1 && typeof args[0] === 'string')
      return { title: '', message: args[0], buttons: 'OK' };
    if (args.length === 2 && typeof args[0] === 'string' && isSet(args[1])) {
      return { title: '', message: args[0], buttons: String(args[1]) };
    }
    if (args.length === 3 && typeof args[0] === 'string' && typeof args[1] === 'string' && isSet(args[2])) {
      return { title: args[0], message: args[1], buttons: String(args[2]) };
    }
    throw this.x.badArguments(method, args);
  }

  private html(method: string, output: unknown): ReturnType<typeof FakeHtmlOutput.peek> {
    if (!(output instanceof FakeHtmlOutput)) throw this.x.badArguments(method, [output]);
    return FakeHtmlOutput.peek(output);
  }

  /** The sidebar is 300 px wide whatever the output asks. */
  showSidebar(userInterface: FakeHtmlOutput): void {
    this.x.call('Ui.showSidebar');
    const h = this.html('Ui.showSidebar', userInterface);
    this.x.ui.sidebars.push({ title: h.title, content: h.content, width: 300, height: h.height });
  }

  showModalDialog(userInterface: FakeHtmlOutput, title: string): void {
    this.x.call('Ui.showModalDialog');
    const h = this.html('Ui.showModalDialog', userInterface);
    this.x.ui.dialogs.push({
      title: String(title),
      content: h.content,
      width: h.width,
      height: h.height,
      modal: true,
    });
  }

  showModelessDialog(userInterface: FakeHtmlOutput, title: string): void {
    this.x.call('Ui.showModelessDialog');
    const h = this.html('Ui.showModelessDialog', userInterface);
    this.x.ui.dialogs.push({
      title: String(title),
      content: h.content,
      width: h.width,
      height: h.height,
      modal: false,
    });
  }
}

export class FakeMenu {
  constructor(
    private readonly x: Execution,
    private readonly record: MenuRecord,
  ) {}

  addItem(caption: string, functionName: string): this {
    this.x.call('Menu.addItem');
    if (typeof caption !== 'string' || typeof functionName !== 'string') {
      throw this.x.badArguments('Menu.addItem', [caption, functionName]);
    }
    this.record.items.push({ kind: 'item', caption, functionName });
    return this;
  }

  addSeparator(): this {
    this.x.call('Menu.addSeparator');
    this.record.items.push({ kind: 'separator', caption: '', functionName: '' });
    return this;
  }

  addSubMenu(menu: FakeMenu): this {
    this.x.call('Menu.addSubMenu');
    if (!(menu instanceof FakeMenu)) throw this.x.badArguments('Menu.addSubMenu', [menu]);
    this.record.items.push({
      kind: 'submenu',
      caption: menu.record.name,
      functionName: '',
      submenu: menu.record,
    });
    return this;
  }

  /** Adding a menu again replaces the one of the same name (the add-on has one menu). */
  addToUi(): void {
    this.x.call('Menu.addToUi');
    const menus = this.x.ui.menus;
    const at = menus.findIndex((m) => m.addon === this.record.addon && m.name === this.record.name);
    const copy = structuredClone(this.record);
    if (at >= 0) menus[at] = copy;
    else menus.push(copy);
  }
}

export class FakePromptResponse {
  constructor(
    private readonly x: Execution,
    private readonly button: EnumValue,
    private readonly text: string,
  ) {}

  getResponseText(): string {
    this.x.call('PromptResponse.getResponseText');
    return this.text;
  }

  getSelectedButton(): EnumValue {
    this.x.call('PromptResponse.getSelectedButton');
    return this.button;
  }
}
