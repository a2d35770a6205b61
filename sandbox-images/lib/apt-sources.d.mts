// Types for apt-sources.mjs (plain JavaScript, see build.mjs).

export interface AptSourceEntry {
  types: string[];
  uri: string;
  suites: string[];
  components: string[];
  enabled: boolean;
}

export declare function parseDeb822Sources(text: string): AptSourceEntry[];
export declare function parseOneLineSources(text: string): AptSourceEntry[];
export declare function pickMirror(entries: AptSourceEntry[], suite: string): string | undefined;
export declare function findDebianMirror(
  suite: string,
  options?: { env?: Record<string, string | undefined>; aptDir?: string },
): Promise<string>;

export interface DebianSource {
  uri: string;
  suite: string;
}

export declare function findDebianSources(
  suite: string,
  options?: { env?: Record<string, string | undefined>; aptDir?: string },
): Promise<DebianSource[]>;
