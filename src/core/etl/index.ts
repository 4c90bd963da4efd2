// Windows ETW log files (.etl) of TraceLogging providers decoded without Windows: WindowsUpdate,
// USO, WaaSMedic, SIH ... as WindowsUpdate.log text.
export { decodeEtl, memorySource, EtlAbortedError, type DecodeEtlOptions } from './merge';
export { EtlTextWriter, fileNotes, formatLine, NOTE_COMPONENT, type EtlTextOptions, type LineSink } from './text';
export type { EtlEvent, EtlFileReport, EtlSource } from './types';
export type { Instant, TimeZoneInfo } from './time';
export { formatInstant, zoneOffsetAt } from './time';
export { fileSource, isEtlName, looksLikeEtlHead } from './nodeSource';
export { decodeEtlText, etlLevel } from './decodeText';
