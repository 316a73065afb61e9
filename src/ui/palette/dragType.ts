export const MODEL_DRAG_TYPE = 'application/x-swark-model';
