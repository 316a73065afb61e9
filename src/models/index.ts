/**
 * The built-in model library. Importing this module registers every model in the engine's
 * default registry and teaches the value codec the table type. Heavy libraries (arquero,
 * sql.js, Observable Plot, QuickJS, the sample datasets) load inside `run()`, never here.
 */
import { registry, type ModelDefinition } from '../engine';
import { inputNumber } from './input/number';
import { inputText } from './input/text';
import { inputJson } from './input/json';
import { inputCsv } from './input/csv';
import { inputSample } from './input/sample';
import { add } from './math/add';
import { subtract } from './math/subtract';
import { multiply } from './math/multiply';
import { divide } from './math/divide';
import { formula } from './math/formula';
import { tableFilter } from './table/filter';
import { tableDerive } from './table/derive';
import { tableSelect } from './table/select';
import { tableRename } from './table/rename';
import { tableSort } from './table/sort';
import { tableLimit } from './table/limit';
import { tableDistinct } from './table/distinct';
import { tableUnion } from './table/union';
import { tableAggregate } from './table/aggregate';
import { tableJoin } from './table/join';
import { tablePivot } from './table/pivot';
import { tableUnpivot } from './table/unpivot';
import { tableDescribe } from './table/describe';
import { tableCell } from './table/cell';
import { tableFromRows } from './table/fromRows';
import { tableToCSV } from './table/toCSV';
import { sqlQuery } from './sql/query';
import { chartPlot } from './chart/plot';
import { jsonParse } from './json/parse';
import { jsonStringify } from './json/stringify';
import { codeJavascript } from './code/javascript';

export const builtinModels: readonly ModelDefinition[] = [
  inputNumber,
  inputText,
  inputJson,
  inputCsv,
  inputSample,
  add,
  subtract,
  multiply,
  divide,
  formula,
  tableFilter,
  tableDerive,
  tableSelect,
  tableRename,
  tableSort,
  tableLimit,
  tableDistinct,
  tableUnion,
  tableAggregate,
  tableJoin,
  tablePivot,
  tableUnpivot,
  tableDescribe,
  tableCell,
  tableFromRows,
  tableToCSV,
  sqlQuery,
  chartPlot,
  jsonParse,
  jsonStringify,
  codeJavascript,
] as unknown as readonly ModelDefinition[];

for (const definition of builtinModels) registry.register(definition);

export { describeModel, describePort, isCompatible, listCategories } from './catalog';
export { port, annotate } from './ports';
export type { ModelInfo, PortInfo, PortType, Widget, CategoryInfo } from './catalog';
export { Table, isTable, toCSV, columnNotFound } from './table/table';
export type { ColumnType, Row } from './table/table';
export { parseCsv } from './input/parseCsv';
export { SAMPLE_NAMES } from './input/samples/names';
export type { SampleName } from './input/samples/names';
export type { ChartValue, Mark } from './chart/chartValue';
export { createCustomModel, registerCustomModel, unregisterCustomModel, customModelVersion } from './code/custom';
export { runInSandbox, DEFAULT_TIMEOUT_MS } from './code/sandbox';
