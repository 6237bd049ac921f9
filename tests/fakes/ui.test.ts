/** SpreadsheetApp.getUi(): menus, alerts, prompts, sidebars and dialogs, as recorded by FakeUi. */
import { createAppsScript } from '.';

function setup(options: Parameters<typeof createAppsScript>[0] = {}) {
  const env = createAppsScript(options);
  return { env, ui: env.globals.SpreadsheetApp.getUi(), HtmlService: env.globals.HtmlService };
}

describe('menus', () => {
  // https://developers.google.com/apps-script/reference/base/ui#createAddonMenu()
  // https://developers.google.com/apps-script/reference/base/menu
  test('the add-on menu, with items, a separator and a submenu, is recorded once added to the UI', () => {
    const { env, ui } = setup();
    const tools = ui.createMenu('Tools').addItem('Check ledger', 'menuCheckLedger');
    const menu = ui.createAddonMenu().addItem('Open till', 'menuOpenTill').addSeparator().addSubMenu(tools);
    expect(env.ui.menus).toEqual([]);
    menu.addToUi();
    expect(env.ui.menus).toEqual([
      {
        addon: true,
        name: '',
        items: [
          { kind: 'item', caption: 'Open till', functionName: 'menuOpenTill' },
          { kind: 'separator', caption: '', functionName: '' },
          {
            kind: 'submenu',
            caption: 'Tools',
            functionName: '',
            submenu: {
              addon: false,
              name: 'Tools',
              items: [{ kind: 'item', caption: 'Check ledger', functionName: 'menuCheckLedger' }],
            },
          },
        ],
      },
    ]);
    expect(env.ui.menuFunctions()).toEqual(['menuOpenTill', 'menuCheckLedger']);
    expect(env.ui.menu()?.items[0].caption).toBe('Open till');
  });

  test('adding the add-on menu again replaces it', () => {
    const { env, ui } = setup();
    ui.createAddonMenu().addItem('A', 'a').addToUi();
    ui.createAddonMenu().addItem('B', 'b').addToUi();
    expect(env.ui.menus).toHaveLength(1);
    expect(env.ui.menuFunctions()).toEqual(['b']);
  });

  // https://developers.google.com/apps-script/reference/base/menu#addItem(String,String)
  test('addItem takes a caption and a function name', () => {
    const { ui } = setup();
    expect(() => ui.createAddonMenu().addItem('Run', (() => 0) as never)).toThrow(
      "don't match the method signature",
    );
  });
});

describe('alerts and prompts', () => {
  // https://developers.google.com/apps-script/reference/base/ui#alert(String,String,ButtonSet)
  test('alert(message), alert(message, buttons) and alert(title, message, buttons)', () => {
    const { env, ui } = setup();
    expect(ui.alert('Done')).toBe(ui.Button.OK);
    expect(ui.alert('Sure?', ui.ButtonSet.YES_NO)).toBe(ui.Button.YES);
    env.ui.answerNextAlert('NO');
    expect(ui.alert('Delete', 'Delete the draft?', ui.ButtonSet.YES_NO)).toBe(ui.Button.NO);
    // There is no alert(title, message): the second argument must be a ButtonSet.
    expect(() => ui.alert('Title', 'OK' as never)).toThrow(
      "The parameters (String,String) don't match the method signature for Ui.alert.",
    );
    expect(env.ui.alerts.map((a) => [a.title, a.message, a.buttons, a.answer])).toEqual([
      ['', 'Done', 'OK', 'OK'],
      ['', 'Sure?', 'YES_NO', 'YES'],
      ['Delete', 'Delete the draft?', 'YES_NO', 'NO'],
    ]);
  });

  // https://developers.google.com/apps-script/reference/base/ui#prompt(String,String,ButtonSet)
  // https://developers.google.com/apps-script/reference/base/prompt-response
  test('prompt answers what the test scripted; by default the user cancels', () => {
    const { env, ui } = setup();
    const cancelled = ui.prompt('Count', 'How many?', ui.ButtonSet.OK_CANCEL);
    expect(cancelled.getSelectedButton()).toBe(ui.Button.CANCEL);
    expect(cancelled.getResponseText()).toBe('');
    expect(ui.prompt('Name?').getSelectedButton()).toBe(ui.Button.CLOSE);
    env.ui.answerNextPrompt('OK', '12');
    const answered = ui.prompt('How many?', ui.ButtonSet.OK_CANCEL);
    expect([answered.getSelectedButton(), answered.getResponseText()]).toEqual([ui.Button.OK, '12']);
    expect(env.ui.prompts).toHaveLength(3);
  });
});

describe('sidebars and dialogs', () => {
  // https://developers.google.com/apps-script/reference/base/ui#showSidebar(Object)
  test('showSidebar records the title and content, 300 px wide', () => {
    const { env, ui, HtmlService } = setup();
    ui.showSidebar(HtmlService.createHtmlOutput('<p>Till</p>').setTitle('Till').setWidth(500));
    expect(env.ui.sidebars).toEqual([{ title: 'Till', content: '<p>Till</p>', width: 300, height: 0 }]);
    expect(() => ui.showSidebar('<p>raw</p>' as never)).toThrow(
      "The parameters (String) don't match the method signature for Ui.showSidebar.",
    );
  });

  // https://developers.google.com/apps-script/reference/base/ui#showModalDialog(Object,String)
  test('modal and modeless dialogs are recorded with their size', () => {
    const { env, ui, HtmlService } = setup();
    ui.showModalDialog(HtmlService.createHtmlOutput('a').setWidth(600).setHeight(400), 'Ledger check');
    ui.showModelessDialog(HtmlService.createHtmlOutput('b'), 'Settings');
    expect(env.ui.dialogs).toEqual([
      { title: 'Ledger check', content: 'a', width: 600, height: 400, modal: true },
      { title: 'Settings', content: 'b', width: 0, height: 0, modal: false },
    ]);
  });
});

describe('contexts', () => {
  // https://developers.google.com/apps-script/guides/triggers/installable (time-driven triggers have no UI)
  test('without a UI (a time-driven trigger) getUi throws', () => {
    const { SpreadsheetApp } = createAppsScript({ hasUi: false }).globals;
    expect(() => SpreadsheetApp.getUi()).toThrow('Cannot call SpreadsheetApp.getUi() from this context.');
  });

  // https://developers.google.com/workspace/add-ons/concepts/editor-auth-lifecycle
  // In AuthMode.NONE an add-on's onOpen may build its menu and nothing else.
  test('in AuthMode.NONE the add-on menu can be built but the spreadsheet cannot be read', () => {
    const env = createAppsScript({ authMode: 'NONE' });
    const { SpreadsheetApp, PropertiesService } = env.globals;
    SpreadsheetApp.getUi().createAddonMenu().addItem('Set up', 'menuSetUp').addToUi();
    expect(env.ui.menuFunctions()).toEqual(['menuSetUp']);
    expect(() => SpreadsheetApp.getActiveSpreadsheet()).toThrow(
      'You do not have permission to call SpreadsheetApp.getActiveSpreadsheet',
    );
    expect(() => PropertiesService.getDocumentProperties()).toThrow('You do not have permission');
  });
});
