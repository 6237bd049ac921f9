/**
 * What the user would have seen: menus added to the UI, toasts, alerts, prompts, sidebars and
 * dialogs. Tests script the user's answers to alerts and prompts here.
 */

/** One line of a menu. Separators have caption ''; a submenu's caption is its name. */
export interface MenuItem {
  kind: 'item' | 'separator' | 'submenu';
  caption: string;
  /** The function a menu item runs; '' for separators and submenus. */
  functionName: string;
  submenu?: MenuRecord;
}

export interface MenuRecord {
  /** True for the add-on menu (Extensions > add-on name, made with createAddonMenu()). */
  addon: boolean;
  /** The menu's caption; '' for the add-on menu. */
  name: string;
  items: MenuItem[];
}

export interface ToastRecord {
  message: string;
  title: string;
  timeoutSeconds: number;
}

export interface AlertRecord {
  title: string;
  message: string;
  buttons: string;
  answer: string;
}

export interface PromptRecord extends AlertRecord {
  text: string;
}

export interface HtmlRecord {
  title: string;
  content: string;
  width: number;
  height: number;
}

export interface DialogRecord extends HtmlRecord {
  modal: boolean;
}

export interface ScriptedAnswer {
  /** Button name: 'OK', 'CANCEL', 'YES', 'NO' or 'CLOSE'. */
  button: string;
  text?: string;
}

export class FakeUi {
  readonly menus: MenuRecord[] = [];
  readonly toasts: ToastRecord[] = [];
  readonly alerts: AlertRecord[] = [];
  readonly prompts: PromptRecord[] = [];
  readonly sidebars: HtmlRecord[] = [];
  readonly dialogs: DialogRecord[] = [];
  /** Answers for the next alerts, first in first out. Without one an alert answers its first button. */
  readonly alertAnswers: string[] = [];
  /** Answers for the next prompts. Without one the user cancels (or closes an OK-only prompt). */
  readonly promptAnswers: ScriptedAnswer[] = [];

  answerNextAlert(button: string): void {
    this.alertAnswers.push(button);
  }

  answerNextPrompt(button: string, text = ''): void {
    this.promptAnswers.push({ button, text });
  }

  /** The menu named `name` (or the add-on menu for name undefined), for assertions. */
  menu(name?: string): MenuRecord | undefined {
    return this.menus.find((m) => (name === undefined ? m.addon : m.name === name));
  }

  /** Every function name a menu item calls, depth first: the bundle test checks each is defined. */
  menuFunctions(): string[] {
    const out: string[] = [];
    const walk = (m: MenuRecord) => {
      for (const item of m.items) {
        if (item.kind === 'item') out.push(item.functionName);
        if (item.submenu) walk(item.submenu);
      }
    };
    for (const m of this.menus) walk(m);
    return out;
  }
}
