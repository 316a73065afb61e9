/** A JSON value as a collapsible tree (react-json-view-lite), loaded only when one is shown. */
import { JsonView, allExpanded, collapseAllNested, defaultStyles } from 'react-json-view-lite';
import 'react-json-view-lite/dist/index.css';

export default function JsonTree({ value, small }: { value: object; small: boolean }) {
  return (
    <div className="json-view">
      <JsonView data={value} shouldExpandNode={small ? allExpanded : collapseAllNested} style={defaultStyles} />
    </div>
  );
}
