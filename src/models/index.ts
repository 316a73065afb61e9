/**
 * The built-in model library. Importing this module registers every model in the engine's
 * default registry and teaches the value codec the table type. Heavy libraries (arquero,
 * sql.js, Observable Plot, QuickJS) load inside `run()`, never here.
 */
import { registry, type ModelDefinition } from '../engine';
import { add } from './math/add';
import { subtract } from './math/subtract';
import { multiply } from './math/multiply';
import { divide } from './math/divide';
import { formula } from './math/formula';
import { inputNumber } from './input/number';
import { inputText } from './input/text';
import { inputJson } from './input/json';

export const builtinModels: readonly ModelDefinition[] = [
  inputNumber,
  inputText,
  inputJson,
  add,
  subtract,
  multiply,
  divide,
  formula,
] as unknown as readonly ModelDefinition[];

for (const definition of builtinModels) registry.register(definition);

export { describeModel, describePort, isCompatible, listCategories } from './catalog';
export type { ModelInfo, PortInfo, PortType, Widget, CategoryInfo } from './catalog';
export { Table, isTable, toCSV, columnNotFound } from './table/table';
export type { ColumnType, Row } from './table/table';
