/**
 * The import's size limits: a file's data (embedded files, cached values and extracts) may be big,
 * up to MAX_IMPORT_WITH_DATA_BYTES; its graph part must fit within MAX_IMPORT_BYTES, measured on
 * the text by the pre-parse scan, so a hostile graph is refused before it is parsed (case 20).
 */
import { describe, expect, it } from 'vitest';
import '../../src/models';
import { FORMAT_VERSION, importWorkflowText, type ImportResult, type WorkflowFile } from '../../src/format';
import { scanJson } from '../../src/format/scan';
import { workflowFileText } from '../../src/format/sharedValues';
import { isCodeModel, portsOf } from '../../src/store/graph';

const LIMITS = { portsOf, isCodeModel, maxBytes: 2000, maxBytesWithData: 100_000 };
const problems = (result: ImportResult) => (result.ok ? [] : result.problems.map((p) => p.message));

/** A one-step file whose cache holds a `size`-character string field, in the format `version`. */
function cached(size: number): WorkflowFile {
  return {
    format: 'swark.workflow',
    version: FORMAT_VERSION,
    name: 'Cached',
    workflow: {
      useExtracts: true,
      populateExtracts: true,
      steps: [{ id: 'x', model: 'input.text', inputs: {}, outputs: { value: 'x.value' }, params: { value: 'hi' } }],
      modelInputs: { x: { model: 'input.text', version: '1', value: { value: 'hi' } } },
      modelOutputs: { x: { model: 'input.text', version: '1', value: { value: 'y'.repeat(size) } } },
    },
  };
}

describe('The pre-parse scan', () => {
  it('measures the data members at their places only: not a key of the same name deeper, nor braces inside strings', () => {
    const text = JSON.stringify({
      name: '{"files": [1]}',
      files: { a: { text: 'x{[' } },
      workflow: { steps: [{ params: { files: { a: 1 }, values: [2] } }], modelInputs: { s: {} }, modelOutputs: {} },
      values: { k: [1, 2] },
    });
    const expected = ['{"a":{"text":"x{["}}', '{"s":{}}', '{}', '{"k":[1,2]}'].reduce((sum, part) => sum + part.length, 0);
    expect(scanJson(text)).toEqual({ problem: null, dataChars: expected });
  });

  it('ends each string at its first quote after an even number of backslashes (strings are skipped by search, not char by char)', () => {
    // A string ending in an escaped backslash, then one holding escaped quotes that look like a forbidden key.
    const files = { a: { text: 'line 1\nline "2"\\' } };
    const text = JSON.stringify({ name: 'a\\', files, note: 'x": {"__proto__": 1, "y\\"', values: { k: ['\\\\"', '"\\'] } });
    expect(scanJson(text)).toEqual({ problem: null, dataChars: JSON.stringify(files).length + JSON.stringify({ k: ['\\\\"', '"\\'] }).length });
    // The same key written unescaped is found, and one written with an escape is read as the key it is.
    expect(scanJson('{"a": "\\\\", "__proto__": 1}').problem).toMatch(/"__proto__", which is not allowed/);
    expect(scanJson('{"a": "\\"", "\\u005f_proto__": 1}').problem).toMatch(/"__proto__", which is not allowed/);
    // An unterminated string runs to the end.
    expect(scanJson('{"a": "never closed \\"').problem).toBeNull();
  });
});

describe('When a file is over the plain size limit', () => {
  it('imports when only its cached values make it so (written once in `values`, as the app exports it)', () => {
    const text = workflowFileText(cached(20_000));
    expect(text.length).toBeGreaterThan(LIMITS.maxBytes * 5);
    expect(problems(importWorkflowText(text, LIMITS))).toEqual([]);
  });

  it('imports when its extracts carry the values inline (a version 6 file)', () => {
    const text = JSON.stringify({ ...cached(20_000), version: 6 });
    expect(problems(importWorkflowText(text, LIMITS))).toEqual([]);
  });

  it('case 20: is refused in words when its graph part is, before it is parsed (the rest of the text is not even JSON)', () => {
    const text = JSON.stringify({ ...cached(10), state: { pad: 'p'.repeat(3000) } });
    expect(problems(importWorkflowText(`${text.slice(0, -1)}, oops`, LIMITS))).toEqual([
      'The file is too large: 4 kB besides its embedded files and cached values; the limit is 2 kB.',
    ]);
  });

  it('is refused when its data is over the limit with data', () => {
    expect(problems(importWorkflowText(workflowFileText(cached(120_000)), LIMITS))).toEqual([
      expect.stringMatching(/^The file is too large: 118 kB; the limit is 98 kB\.$/),
    ]);
  });

  it('refuses values no cached extract names: data may pass the graph limit only as what the extracts refer to', () => {
    const file = JSON.parse(workflowFileText(cached(20_000))) as { values: Record<string, unknown> };
    file.values['00000000000000ff'] = 'z'.repeat(50_000);
    expect(problems(importWorkflowText(JSON.stringify(file), LIMITS))).toEqual([
      'The file\'s "values" holds a value that no cached extract names ("00000000000000ff"): a file written by Swark Studio never does.',
    ]);
  });
});

describe('A file whose data is many tiny items', () => {
  it('is refused before it is parsed, in words, however small each item', () => {
    const many = JSON.stringify({ values: { k: Array.from({ length: 50 }, () => [0, 0]) } });
    expect(scanJson(many, 64, 100).problem).toBe(
      'its embedded files and cached values hold more than 100 items (objects, arrays and values); a cached table counts as a few',
    );
    expect(scanJson(many, 64, 1000).problem).toBeNull();
    // Items outside the data count towards the graph's size limit, not this one.
    const graph = JSON.stringify({ workflow: { steps: Array.from({ length: 200 }, () => ({})) } });
    expect(scanJson(graph, 64, 100).problem).toBeNull();
  });
});
