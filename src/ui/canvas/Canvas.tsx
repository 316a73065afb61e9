/** The React Flow canvas: the active workflow's nodes and edges, drop target for models and files. */
import { Suspense, useCallback, useMemo, useState, type DragEvent, type MouseEvent as ReactMouseEvent } from 'react';
import { Controls, ReactFlow, useReactFlow, useStore } from '@xyflow/react';
import type { EditorEdge, GraphState } from '../../store/graph';
import { useGraph } from '../hooks/useGraph';
import { useStudio } from '../hooks/useStudio';
import { CanvasBackground } from './CanvasBackground';
import { FarTileLayer } from './FarTileLayer';
import { createTileRegistry } from './farTiles';
import { isFarZoom, TileRegistryContext } from './farZoom';
import { nodeTypes } from './nodeTypes';
import { isAnnotationNode } from './annotationNodes';
import { graphHandlers, routedHandlers, useDraggedNodes, type CanvasNode } from './canvasHandlers';
import { useAnnotationNodes } from './useAnnotationNodes';
import { useConnectEnd } from './useConnectEnd';
import { useCanvasTools } from './useCanvasTools';
import { useInsertOnWire } from './useInsertOnWire';
import { useOverlayCorners } from './useOverlayCorners';
import { useKeptViewport } from './useKeptViewport';
import { useOpeningFit } from './useOpeningFit';
import { fitOptionsFor } from './fitOptions';
import { CanvasMiniMap } from './CanvasMiniMap';
import { ZoomToSelectionButton } from './ZoomToSelectionButton';
import { AnnotationButtons } from './AnnotationButtons';
import { ComponentBreadcrumb } from './ComponentBreadcrumb';
import { componentIdOf } from '../../format/components';
import type { ContextMenuAt } from './NodeContextMenu';
import { MODEL_DRAG_TYPE } from '../palette/dragType';
import { lazyAfterPaint } from '../afterPaint';
import { importFileLater } from '../shell/fileActionsLater';

const NodeContextMenu = lazyAfterPaint(() => import('./NodeContextMenu').then((m) => m.NodeContextMenu));
const NodeSearch = lazyAfterPaint(() => import('./NodeSearch').then((m) => m.NodeSearch));
const FindBar = lazyAfterPaint(() => import('./FindBar').then((m) => m.FindBar));

const selectNodes = (state: GraphState) => state.nodes;
const selectEdges = (state: GraphState) => state.edges;
/** Which graph the canvas shows: the workflow, or a component's definition opened from it (a new view each). */
const selectViewKey = (state: GraphState) => `${state.activeWorkflowId ?? 'none'}${state.editing ? `›${state.editing.definitionId}` : ''}`;
const selectEditing = (state: GraphState) => state.editing !== null;

/** Above this many nodes only the visible ones are rendered (React Flow's own advice for big graphs). */
const VISIBLE_ONLY_ABOVE = 150;
const SNAP_GRID: [number, number] = [16, 16];
const DEFAULT_EDGE_OPTIONS = { type: 'default', interactionWidth: 16 };
const PRO_OPTIONS = { hideAttribution: true };
/** One element for every render, so the memo'd zoom controls do not redraw on each drag frame. */
const ZOOM_TO_SELECTION = (
  <>
    <ZoomToSelectionButton />
    <AnnotationButtons />
  </>
);

const onDragOver = (event: DragEvent) => {
  event.preventDefault();
  event.dataTransfer.dropEffect = event.dataTransfer.types.includes('Files') ? 'copy' : 'move';
};

export function Canvas() {
  const studio = useStudio();
  const { graph } = studio;
  const handlers = useMemo(() => graphHandlers(graph), [graph]);
  const tools = useCanvasTools();
  const corners = useOverlayCorners();
  // A wire let go on an input React Flow did not join (a refused one, or one its last pointermove missed), or on empty canvas.
  const onConnectEnd = useConnectEnd(handlers.onConnect, tools.dropWire);
  const storeNodes = useGraph(selectNodes);
  const insertOnWire = useInsertOnWire(graph);
  const { nodes, onNodesChange, onDragStop } = useDraggedNodes(graph, storeNodes, insertOnWire);
  const annotations = useAnnotationNodes(graph);
  const flowNodes = useMemo<CanvasNode[]>(() => (annotations.nodes.length ? [...annotations.nodes, ...nodes] : nodes), [annotations.nodes, nodes]);
  const routed = useMemo(
    () => routedHandlers(annotations, { onNodesChange, onDragStop, onDragStart: handlers.onDragStart }),
    [annotations, onNodesChange, onDragStop, handlers],
  );
  const edges = useGraph(selectEdges);
  const viewKey = useGraph(selectViewKey);
  const editing = useGraph(selectEditing);
  // Fit a workflow (or definition) that opens with nodes (read once per opened view); an empty one must not jump to its first dropped node.
  // eslint-disable-next-line react-hooks/exhaustive-deps -- the key says when to read again
  const fitOnOpen = useMemo(() => graph.getState().nodes.length > 0, [viewKey, graph]);
  const fitOptions = fitOptionsFor(nodes.length);
  const { keptViewport, onMoveEnd } = useKeptViewport(viewKey, corners.onMoveEnd);
  useOpeningFit(viewKey, fitOnOpen && !keptViewport, fitOptions, flowNodes);
  const { screenToFlowPosition } = useReactFlow();
  const [menu, setMenu] = useState<ContextMenuAt | null>(null);
  const [tiles] = useState(createTileRegistry);
  const far = useStore(isFarZoom);

  const onDrop = useCallback(
    (event: DragEvent) => {
      event.preventDefault();
      const file = event.dataTransfer.files[0];
      if (file) {
        // A data file becomes the input node that reads it, where it was dropped; anything else is a
        // workflow to import. The stored-file code loads with the first file dropped.
        const at = screenToFlowPosition({ x: event.clientX, y: event.clientY });
        void import('../shell/storedFiles').then(({ inputForFile, dropFileAsNode }) => {
          const input = inputForFile(file.name);
          if (input) void dropFileAsNode(studio, file, input, at);
          else importFileLater(studio, file);
        });
        return;
      }
      const modelId = event.dataTransfer.getData(MODEL_DRAG_TYPE);
      if (!modelId) return;
      const at = screenToFlowPosition({ x: event.clientX, y: event.clientY });
      graph.getState().addNode(modelId, { x: at.x - 100, y: at.y - 30 });
    },
    [screenToFlowPosition, studio, graph],
  );

  const onNodeContextMenu = useCallback(
    (event: ReactMouseEvent, node: CanvasNode) => {
      event.preventDefault();
      if (isAnnotationNode(node)) return;
      // A right-click inside the selection keeps it ("Make component" acts on every selected node).
      if (!node.selected) graph.getState().selectNode(node.id);
      setMenu({ nodeId: node.id, x: event.clientX, y: event.clientY });
    },
    [graph],
  );
  const closeMenu = useCallback(() => setMenu(null), []);
  // Double-clicking an instance opens its definition, as ComfyUI's subgraphs and KNIME's components do.
  const onNodeDoubleClick = useCallback(
    (_event: ReactMouseEvent, node: CanvasNode) => {
      if (!isAnnotationNode(node) && componentIdOf(node.data.model) !== null) graph.getState().editComponent(node.id);
    },
    [graph],
  );

  return (
    <TileRegistryContext.Provider value={tiles}>
      <div className={`canvas${editing ? ' is-editing-component' : ''}`} data-testid="canvas" onDrop={onDrop} onDragOver={onDragOver} {...tools.canvasHandlers}>
        <ReactFlow<CanvasNode, EditorEdge>
          key={viewKey}
          nodes={flowNodes}
          edges={edges}
          nodeTypes={nodeTypes}
          onNodesChange={routed.onNodesChange}
          onEdgesChange={handlers.onEdgesChange}
          onConnect={handlers.onConnect}
          isValidConnection={handlers.isValidConnection}
          onConnectEnd={onConnectEnd}
          onNodeDragStart={routed.onDragStart}
          onNodeDragStop={routed.onDragStop}
          onNodeContextMenu={onNodeContextMenu}
          onNodeDoubleClick={onNodeDoubleClick}
          onPaneClick={closeMenu}
          onMoveEnd={onMoveEnd}
          zoomOnDoubleClick={false}
          panActivationKeyCode={null}
          deleteKeyCode={null}
          selectionKeyCode="Shift"
          multiSelectionKeyCode={['Meta', 'Control']}
          snapToGrid
          snapGrid={SNAP_GRID}
          {...(keptViewport ? { defaultViewport: keptViewport } : {})}
          fitViewOptions={fitOptions}
          minZoom={0.05}
          onlyRenderVisibleElements={nodes.length > VISIBLE_ONLY_ABOVE}
          defaultEdgeOptions={DEFAULT_EDGE_OPTIONS}
          proOptions={PRO_OPTIONS}
          aria-label="Workflow canvas"
        >
          <CanvasBackground />
          {far && <FarTileLayer />}
          <CanvasMiniMap nodeCount={nodes.length} position={corners.minimap} />
          <Controls aria-label="Zoom controls" orientation="horizontal" fitViewOptions={fitOptions} position={corners.controls}>
            {ZOOM_TO_SELECTION}
          </Controls>
        </ReactFlow>
        <ComponentBreadcrumb />
        {menu && (
          <Suspense fallback={null}>
            <NodeContextMenu at={menu} onClose={closeMenu} />
          </Suspense>
        )}
        {tools.search && (
          <Suspense fallback={null}>
            <NodeSearch request={tools.search} onClose={tools.closeSearch} />
          </Suspense>
        )}
        {tools.findOpen && (
          <Suspense fallback={null}>
            <FindBar onClose={tools.closeFind} />
          </Suspense>
        )}
        {nodes.length === 0 && (
          <div className="canvas-empty" aria-hidden="true">
            <span>
              Double-click to add a model, drag one from the palette, or drop a <code>.swark.json</code> file here.
            </span>
          </div>
        )}
      </div>
    </TileRegistryContext.Provider>
  );
}
