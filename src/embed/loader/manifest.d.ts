/** Written into the loader by the script-tag build (rollup.config.ts) from the chunks it has just built. */
declare module 'service-hall:manifest' {
  /** A chunk's file name, relative to the loader's folder. */
  export type ChunkFile = string & { readonly chunk: unique symbol };
  /** Every chunk: its Subresource Integrity hash, then the chunks it imports statically; a worker script: "". */
  export const files: Record<ChunkFile, [integrity: string, ...deps: ChunkFile[]]>;
  /** The chunk of each lazily loaded part, and the Intl warm-up worker's script. */
  export const entries: Record<'panel' | 'memory' | 'http' | 'intl', ChunkFile>;
}
