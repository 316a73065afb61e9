/**
 * A `.swark.json` of a chain of `steps` trivial steps (an input, then `math.add` steps each adding
 * 1 to the one before), laid out in rows of 20: what the run-path benchmark and e2e test import.
 */
export function chainWorkflowFile(steps: number, name = `chain of ${steps}`): string {
  const list: object[] = [{ id: 's0', model: 'input.number', inputs: {}, outputs: { value: 's0.value' }, params: { value: 1 } }];
  for (let i = 1; i < steps; i++) {
    const from = i === 1 ? 's0.value' : `s${i - 1}.sum`;
    list.push({ id: `s${i}`, model: 'math.add', inputs: { [from]: 'a' }, outputs: { sum: `s${i}.sum` }, params: { b: 1 } });
  }
  const layout = Object.fromEntries(list.map((_, i) => [`s${i}`, { x: (i % 20) * 260, y: Math.floor(i / 20) * 180 }]));
  return JSON.stringify({ format: 'swark.workflow', version: 3, name, workflow: { steps: list, useExtracts: true, populateExtracts: true }, layout });
}
