// Token finders: codes, update ids (GUIDs), KB numbers, correlation vectors. Spans are UTF-16 columns of the line.
export { findCodes } from './codes';
export { findUpdateIds, findKbs, findCvs } from './ids';
