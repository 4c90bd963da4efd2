// The bounds that keep a hostile bundle's work and memory finite. Reading stops at each bound
// with a message in the report; the rest of the bundle is still analysed.

export interface BundleLimits {
  /** Logs analysed in one report (the rest are listed as skipped). */
  maxLogs: number;
  /** Entries listed per archive before the listing stops (thousands of tiny entries). */
  maxEntries: number;
  /** Uncompressed bytes of one entry. */
  maxEntryBytes: number;
  /** Uncompressed bytes read from all archives of one bundle together. */
  maxTotalBytes: number;
  /** An entry this large that expands more than `bombRatio` times is a zip bomb. */
  bombMinBytes: number;
  bombRatio: number;
  /** A nested archive is read into memory up to this size. */
  maxNestedBytes: number;
  /** ETL files are read into memory (the decoder needs random access): per file, and together. */
  maxEtlBytes: number;
  maxEtlTotalBytes: number;
  /** The CAB tool is stopped after this long. */
  cabTimeoutMs: number;
  /** Skipped entries listed by name (all are counted). */
  maxListed: number;
}

const MiB = 1024 * 1024;
const GiB = 1024 * MiB;

export const DEFAULT_LIMITS: BundleLimits = {
  maxLogs: 2000,
  maxEntries: 100_000,
  maxEntryBytes: 4 * GiB,
  maxTotalBytes: 8 * GiB,
  bombMinBytes: 16 * MiB,
  bombRatio: 200,
  maxNestedBytes: 256 * MiB,
  maxEtlBytes: 256 * MiB,
  maxEtlTotalBytes: 512 * MiB,
  cabTimeoutMs: 120_000,
  maxListed: 500,
};
