// Types for ensure-images.mjs (plain JavaScript, like the rest of the image build).

/**
 * Builds the sandbox images that are missing (a few minutes the first time, under a second when
 * they are current) and answers `winky/sandbox-builder:<tag>`.
 *
 * @throws Error with the tail of the build's output when it fails, or when no Docker engine answers.
 */
export declare function ensureBuilderImage(options?: { timeoutMs?: number }): Promise<string>;
