// firebase-functions/v2, and the package root from firebase-functions 6 on: the v2 namespaces.
import * as logger from "../logger.js";
import * as params from "../params.js";
import * as https from "./https.js";
import * as identity from "./identity.js";
import * as scheduler from "./scheduler.js";
import * as storage from "./storage.js";
import * as v2firestore from "./firestore.js";
import { config, firestore as v1firestore } from "../v1.js";

// From the 6.x root, 1st gen document triggers still read `functions.firestore.document(…)`.
export const firestore = { ...v2firestore, document: v1firestore.document };
export { config, https, identity, logger, params, scheduler, storage };
export { HttpsError } from "../trigger.js";

/** Options apply at deploy (the import reads them): nothing to do at run time. */
export function setGlobalOptions(_options: unknown): void {}
