// The Firebase products winky does not have, and what to use instead: the report names the
// nearest alternative for each, so a team knows what a move costs before it starts.

/** What winky offers instead of each product it lacks. */
export const UNSUPPORTED_SECTIONS: Record<string, [string, string]> = {
  database: [
    "Realtime Database",
    "documents with realtime listeners: model the JSON tree as collections and rewrite database.rules.json as Firestore-style rules",
  ],
  remoteconfig: [
    "Remote Config",
    "a config document (e.g. config/app) readable by everyone and writable by admins through rules",
  ],
  extensions: [
    "Firebase Extensions",
    "re-create each extension's work as a function with the matching trigger (document, storage, auth or schedule)",
  ],
  dataconnect: [
    "Data Connect (SQL)",
    "documents with composite indexes, or your own Postgres called from HTTP functions",
  ],
  apphosting: [
    "App Hosting",
    "static hosting for the built front end plus HTTP functions for server routes",
  ],
  ailogic: [
    "Firebase AI Logic",
    "a callable function that calls the model provider with a secret API key",
  ],
};
