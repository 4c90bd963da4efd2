// Public API of the analysis: the incremental Analyzer plus the editor and file entry points.
export { Analyzer } from './analyzer';
export { analyzeText, analyzeFiles, InputError } from './files';
export { phaseOfCode, phaseOfComponent, phaseOfCallKind, phaseOfOperation } from './phase';
export type * from './types';
