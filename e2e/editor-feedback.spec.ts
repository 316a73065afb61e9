import { test, expect, type Page } from '@playwright/test';
import { editorNotice, node, openEditor, selectNode, settledBox } from './editor.helpers';

const fileOf = (name: string, steps: unknown[], layout: Record<string, { x: number; y: number }> = {}) =>
  JSON.stringify({ format: 'swark.workflow', version: 1, name, workflow: { steps }, layout });

async function importText(page: Page, text: string) {
  await page.getByTestId('import-input').setInputFiles({ name: 'file.swark.json', mimeType: 'application/json', buffer: Buffer.from(text) });
}

async function openArithmetic(page: Page) {
  await openEditor(page);
  await page.getByTestId('new-from-template').selectOption('arithmetic');
  await expect(page.locator('.react-flow__node')).toHaveCount(5);
}

test.describe('When the (x + y) * k example runs', () => {
  test('each node shows its result; after a change the node says what a run would do', async ({ page }) => {
    await openArithmetic(page);
    await page.getByTestId('run-button').click();
    const product = page.getByTestId('node-multiply');
    await expect(product).toHaveAttribute('data-status', 'ran');
    await expect(product.getByTestId('node-result')).toHaveText('= 20');
    await expect(page.getByTestId('node-add').getByTestId('node-result')).toHaveText('= 5');

    await selectNode(page, 'k');
    await page.getByTestId('param-value').fill('10');
    // The old "ran" gives way to the fresh preview; the old result stays, marked as old.
    await expect(product.getByTestId('node-status-line')).toContainText('will run');
    await expect(product.getByTestId('node-result')).toHaveClass(/is-old/);

    await page.getByTestId('run-button').click();
    await expect(product.getByTestId('node-result')).toHaveText('= 50');
    await expect(page.getByTestId('node-add')).toHaveAttribute('data-status', 'skipped');
    await expect(page.getByTestId('node-add').getByTestId('node-result')).toHaveText('= 5');
  });
});

test.describe('When a hand-written file wires a table into a number', () => {
  test('it imports with a warning on that node, and after a run the node and inspector show the error', async ({ page }) => {
    await openEditor(page);
    await importText(
      page,
      fileOf(
        'Bad wire',
        [
          { id: 'csv', model: 'input.csv', inputs: {}, outputs: { table: 'csv.table' }, params: { text: 'a,b\n1,2' } },
          { id: 'add', model: 'math.add', inputs: { 'csv.table': 'a' }, outputs: { sum: 'add.sum' }, params: { b: 1 } },
        ],
        { csv: { x: 0, y: 0 }, add: { x: 320, y: 0 } },
      ),
    );
    await expect(editorNotice(page)).toHaveAttribute('data-kind', 'warning');
    await expect(editorNotice(page).locator('li[data-step="add"]')).toContainText('is a table, but field "a" takes a number');
    await expect(page.getByTestId('node-add').getByTestId('node-warning')).toBeVisible();
    await expect(page.getByTestId('node-csv').getByTestId('node-warning')).toHaveCount(0);

    await page.getByTestId('run-button').click();
    await expect(page.getByTestId('node-add')).toHaveAttribute('data-status', 'error');
    await expect(page.getByTestId('node-add').getByTestId('node-status-line')).toContainText('error:');
    await expect(page.getByTestId('node-csv').getByTestId('node-result')).toContainText('table 1 × 2');
    await selectNode(page, 'add');
    await expect(page.getByTestId('inspector-error')).not.toBeEmpty();
    await expect(page.getByTestId('inspector-wire-problem')).toContainText('does not fit');
  });

  test('a file without the cache switches imports, and a second copy gets its own name', async ({ page }) => {
    await openEditor(page);
    const text = fileOf('Hand made', [{ id: 'n', model: 'input.number', inputs: {}, outputs: { value: 'n.value' }, params: { value: 1 } }]);
    await importText(page, text);
    await expect(editorNotice(page)).toContainText('Imported "Hand made" as a new workflow.');
    // Info toasts go away by themselves.
    await expect(editorNotice(page)).toBeHidden({ timeout: 9000 });
    await importText(page, text);
    await expect(editorNotice(page)).toContainText('named "Hand made (imported)"');
    await expect(page.getByTestId('workflow-list')).toContainText('Hand made (imported)');
  });
});

test.describe('When a table pipeline is configured', () => {
  test('Plot warns about its empty x before a run; aggregate measures are rows with column suggestions', async ({ page }) => {
    await openEditor(page);
    await importText(
      page,
      fileOf(
        'Tables',
        [
          { id: 'csv', model: 'input.csv', inputs: {}, outputs: { table: 'csv.table' }, params: { text: 'city,temp\nOslo,3\nRome,18\nOslo,5' } },
          { id: 'agg', model: 'table.aggregate', inputs: { 'csv.table': 'table' }, outputs: { table: 'agg.table' } },
          { id: 'plot', model: 'chart.plot', inputs: { 'agg.table': 'table' }, outputs: { chart: 'plot.chart' } },
        ],
        { csv: { x: 0, y: 0 }, agg: { x: 320, y: 0 }, plot: { x: 640, y: 0 } },
      ),
    );
    await expect(page.getByTestId('node-plot').getByTestId('node-warning')).toContainText('need');
    await selectNode(page, 'plot');
    await expect(page.getByTestId('field-error-x')).toContainText('Required');

    await page.getByTestId('run-button').click();
    await expect(page.getByTestId('node-agg')).toHaveAttribute('data-status', 'ran');
    await selectNode(page, 'agg');
    const measures = page.getByTestId('param-measures');
    await expect(measures.getByTestId('measure-0').getByLabel('Measure 1 operation')).toHaveValue('count');
    await page.getByTestId('add-measure').click();
    const second = measures.getByTestId('measure-1');
    await second.getByLabel('Measure 2 operation').selectOption('mean');
    // The columns of the table wired in (from the last run) are offered.
    await expect(second.locator('datalist option')).toHaveCount(2);
    await second.getByLabel('Measure 2 column').fill('temp');
    await second.getByLabel('Measure 2 output name').fill('avg');
    await page.getByTestId('param-groupBy').getByText('city').click();
    await page.getByTestId('run-button').click();
    await expect(page.getByTestId('node-agg').getByTestId('node-result')).toContainText('table 2 × 3');
    await page.getByRole('button', { name: 'Remove measure 2' }).click();
    await expect(measures.getByTestId('measure-1')).toHaveCount(0);
  });
});

test.describe('When the inspector edits code', () => {
  test('a long SQL line wraps inside the editor and the inspector never scrolls sideways', async ({ page }) => {
    await openEditor(page);
    await importText(page, fileOf('SQL', [{ id: 'q', model: 'sql.query', inputs: {}, outputs: { table: 'q.table' } }], { q: { x: 0, y: 0 } }));
    await selectNode(page, 'q');
    const editor = page.getByTestId('inspector').locator('.cm-content').first();
    await editor.click();
    await page.keyboard.insertText(`select ${Array.from({ length: 40 }, (_, i) => `column_number_${i}`).join(', ')} from t`);
    const inspector = page.getByTestId('inspector');
    const widths = await inspector.evaluate((el) => ({ scroll: el.scrollWidth, client: el.clientWidth, left: el.scrollLeft }));
    expect(widths.scroll).toBeLessThanOrEqual(widths.client);
    const box = await inspector.locator('.cm-editor').first().boundingBox();
    const panel = await inspector.boundingBox();
    expect(box && panel && box.width > panel.width * 0.8 && box.x + box.width <= panel.x + panel.width).toBe(true);
  });
});

test.describe('When a big CSV text is pasted', () => {
  /** As a paste does it: the whole text in one input event. (Playwright's fill types it as one
   * insertText, which Chromium makes quadratic in the line count even on a bare textarea.) */
  const paste = (page: Page, text: string) =>
    page.getByTestId('param-text').evaluate((element, value) => {
      const textarea = element as HTMLTextAreaElement;
      Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, 'value')?.set?.call(textarea, value);
      textarea.dispatchEvent(new Event('input', { bubbles: true }));
    }, text);
  const csvRows = (count: number) => ['id,name,value', ...Array.from({ length: count }, (_, i) => `${i},name ${i},${i * 3}`)].join('\n');

  test('the node shows a summary, a paste over 256 KB becomes a stored file, and a file can be loaded', async ({ page }) => {
    await openEditor(page);
    await importText(
      page,
      fileOf('CSV', [{ id: 'csv', model: 'input.csv', inputs: {}, outputs: { table: 'csv.table' }, params: { text: 'a\n1' } }], { csv: { x: 0, y: 0 } }),
    );
    await selectNode(page, 'csv');
    await paste(page, csvRows(8_000));
    await page.getByTestId('node-label').click();
    await expect(node(page, 'csv').locator('.port-value').first()).toHaveText(/8,001 lines · \d+(\.\d)? (kB|MB)/);
    await expect(page.getByTestId('param-text-size')).toContainText('8,001 lines');

    // Over 256 KB the text is stored once as a file; the param holds only its reference.
    await paste(page, csvRows(40_000));
    await expect(page.getByTestId('param-text-file-name')).toHaveText('pasted.csv');
    await expect(node(page, 'csv').getByTestId('node-file-text')).toHaveText(/^pasted\.csv · \d+\.\d kB$/);

    const chooser = page.waitForEvent('filechooser');
    await page.getByTestId('load-file-text').click();
    await (await chooser).setFiles({ name: 'small.csv', mimeType: 'text/csv', buffer: Buffer.from('x,y\n1,2\n3,4\n') });
    await expect(node(page, 'csv').getByTestId('node-file-text')).toHaveText('small.csv · 12 B');
    // A small file can go back to being text in the field.
    await page.getByTestId('use-text-text').click();
    await expect(page.getByTestId('param-text')).toHaveValue('x,y\n1,2\n3,4\n');
    await expect(node(page, 'csv').locator('.port-value').first()).toContainText('x,y');
  });
});

test.describe('When a wire is dragged onto an input that would refuse it', () => {
  test('the input shows as invalid before the drop, and the drop says why', async ({ page }) => {
    await openEditor(page);
    await importText(
      page,
      fileOf(
        'Drag',
        [
          { id: 'csv', model: 'input.csv', inputs: {}, outputs: { table: 'csv.table' }, params: { text: 'a\n1' } },
          { id: 'add', model: 'math.add', inputs: {}, outputs: { sum: 'add.sum' }, params: { a: 1, b: 2 } },
        ],
        { csv: { x: 0, y: 0 }, add: { x: 360, y: 0 } },
      ),
    );
    const source = await settledBox(node(page, 'csv').locator('.react-flow__handle.source[data-handleid="table"]'));
    const targetHandle = node(page, 'add').locator('.react-flow__handle.target[data-handleid="a"]');
    const target = await settledBox(targetHandle);
    await page.mouse.move(source.x + source.width / 2, source.y + source.height / 2);
    await page.mouse.down();
    await page.mouse.move(target.x + target.width / 2, target.y + target.height / 2, { steps: 8 });
    await page.mouse.move(target.x + target.width / 2 + 1, target.y + target.height / 2);
    await expect(targetHandle).toHaveClass(/connectingto/);
    await expect(targetHandle).not.toHaveClass(/\bvalid\b/);
    await expect(page.locator('.react-flow__connection.invalid')).toHaveCount(1);
    await page.mouse.up();
    await expect(editorNotice(page)).toContainText('is a table, but field "a" takes a number');
    await expect(page.locator('.react-flow__edge')).toHaveCount(0);
  });

  test('input models have no input handles', async ({ page }) => {
    await openArithmetic(page);
    await expect(node(page, 'k').locator('.react-flow__handle.target')).toHaveCount(0);
    await expect(node(page, 'add').locator('.react-flow__handle.target')).toHaveCount(2);
  });
});

test.describe('When a value is undone after the selection was cleared', () => {
  test('the inspector and the canvas agree, and clicking the node selects it', async ({ page }) => {
    await openArithmetic(page);
    await selectNode(page, 'k');
    await page.getByTestId('param-value').fill('7');
    await page.locator('.react-flow__pane').click({ position: { x: 20, y: 20 } });
    await expect(page.getByTestId('inspector')).toContainText('Select a node');
    await page.keyboard.press('Control+z');
    await expect(node(page, 'k').locator('.model-node')).not.toHaveClass(/is-selected/);
    await expect(page.getByTestId('inspector')).toContainText('Select a node');
    await selectNode(page, 'k');
    await expect(page.getByTestId('param-value')).toHaveValue('4');
  });
});

test.describe('When help is opened', () => {
  test('it lists Run and Rerun keys and explains the toggles', async ({ page }) => {
    await openEditor(page);
    await page.getByTestId('help-button').click();
    const help = page.getByTestId('help-dialog');
    await expect(help).toContainText('Ctrl+Enter');
    await expect(help).toContainText('Ctrl+Shift+Enter');
    for (const term of ['Use cache', 'Update cache', 'Mutable state', 'Outputs → state slots'])
      await expect(help.locator('dt', { hasText: term })).toBeVisible();
  });
});
