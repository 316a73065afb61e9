/** The model palette: categories, search; drag an item onto the canvas, or press Enter to add it at the centre. */
import { useMemo, useState, type KeyboardEvent } from 'react';
import { listCategories } from '../../models/catalog';
import { onItemDragStart } from './dragType';
import { useModels, type ModelSummary } from './useModels';
import { useAddAtCentre } from './useAddAtCentre';
import { PaletteComponents } from './PaletteComponents';

function matches(definition: ModelSummary, query: string): boolean {
  if (!query) return true;
  const text = `${definition.id} ${definition.title} ${definition.description} ${definition.category}`.toLowerCase();
  return query
    .toLowerCase()
    .split(/\s+/)
    .every((word) => text.includes(word));
}

export function Palette() {
  const models = useModels();
  const [query, setQuery] = useState('');
  const addAtCentre = useAddAtCentre();
  const found = useMemo(() => models.filter((m) => matches(m, query.trim())), [models, query]);
  const groups = useMemo(() => listCategories(found).map((category) => ({ ...category, models: found.filter((m) => m.category === category.id) })), [found]);

  const onSearchKey = (event: KeyboardEvent<HTMLInputElement>) => {
    const first = found[0];
    if (event.key === 'Enter' && first) {
      event.preventDefault();
      addAtCentre(first.id);
    }
  };

  return (
    <section className="palette" data-testid="palette" aria-label="Models">
      <div className="panel-heading">Models</div>
      <input
        type="search"
        className="palette-search"
        placeholder="Search models…"
        aria-label="Search models"
        data-testid="palette-search"
        value={query}
        onChange={(event) => setQuery(event.target.value)}
        onKeyDown={onSearchKey}
      />
      <div className="palette-groups">
        {groups.map((group) => (
          <div key={group.id} className="palette-group" role="group" aria-label={group.title}>
            <div className="palette-group-title">{group.title}</div>
            {group.models.map((model) => (
              <button
                type="button"
                key={model.id}
                className={`palette-item cat-${model.category}`}
                data-testid={`palette-item-${model.id}`}
                data-model-id={model.id}
                draggable
                onDragStart={onItemDragStart}
                onClick={() => addAtCentre(model.id)}
                title={`${model.description || model.title} — drag onto the canvas, or press Enter to add it at the centre`}
              >
                <span className="palette-item-title">{model.title}</span>
                <span className="palette-item-id">{model.id}</span>
              </button>
            ))}
          </div>
        ))}
        <PaletteComponents query={query.trim()} />
        {found.length === 0 && <p className="muted">No model matches “{query}”.</p>}
      </div>
    </section>
  );
}
