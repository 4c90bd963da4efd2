// The report surfaces: Markdown for people, JSON for tools.
export { renderMarkdown, reportFileName, type MarkdownOptions } from './markdown';
export { toJsonReport, type JsonReport, type JsonFailure, type JsonFile } from './json';
export { escapeMarkdown, codeSpan } from './escape';
export { phaseReason, phaseReasons } from './reasons';
export { mergeAdvice, topicsOf } from './advice';
