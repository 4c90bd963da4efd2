// The report surfaces: Markdown for people, JSON for tools.
export { renderMarkdown, reportFileName, type MarkdownOptions } from './markdown';
export { toJsonReport, type JsonReport, type JsonFailure, type JsonFile } from './json';
export { escapeMarkdown, escapeMarkdownStrict, escapeHtml, codeSpan, ownMarkdown } from './escape';
export { markdownToHtml, clipboardHtml, htmlDocument, REPORT_CSS, type HtmlOptions } from './html';
export { markdownToText } from './plainText';
export { reportFileNames } from './reportContext';
export { phaseReason, phaseReasons } from './reasons';
export { mergeAdvice, topicsOf } from './advice';
